//! The application: the world behind a lock, and the one request pipeline.
//!
//! ```text
//! request -> path/method check -> parameters (query + form) -> Action, Version, Format
//!         -> authenticate -> product by Version -> action by name -> handler
//!         -> envelope (JSON or XML, RequestId; errors with HostId, Recommend, real status)
//! ```
//!
//! Everything here is synchronous and HTTP-library agnostic: the hyper service in
//! `server` only collects the body and calls [`App::handle`]. Lock order: the world lock is
//! the only lock a handler takes (the nonce map and ID generator are leaves).

pub mod auth;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, RwLockReadGuard, RwLockWriteGuard};
use std::time::Instant;

use bytes::Bytes;

use self::auth::{AuthContext, AuthRequest, NonceCache};
use crate::control::faults::{Faults, Rule};
use crate::control::journal::{Entry, Journal};
use crate::control::stubs::{Fault, Probe, Stub, StubResponse, Stubs};
use crate::error::ApiError;
use crate::products::{self, Ctx};
use crate::protocol::envelope::{self, Format};
use crate::protocol::params::{decode_form, Params};
use crate::scenario::{AuthMode, Scenario};
use crate::time::{parse_rfc3339, wall_now};
use crate::world::{Clock, Ids, World, WorldLock};

/// Largest request body accepted (the SDKs send at most a few KiB).
pub const DEFAULT_BODY_LIMIT: usize = 1024 * 1024;

/// Settings that the command line or builder may impose over the scenario.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub auth: Option<AuthMode>,
    pub seed: Option<u64>,
}

/// Server settings that are not part of the world.
#[derive(Debug, Clone)]
pub struct Options {
    /// Requests kept in the journal.
    pub journal_limit: usize,
    /// If set, the control API requires `Authorization: Bearer <token>`.
    pub admin_token: Option<String>,
    /// Stub mappings loaded from fixture files.
    pub fixtures: Vec<Stub>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            journal_limit: 1000,
            admin_token: None,
            fixtures: Vec::new(),
        }
    }
}

/// One HTTP request, as the pipeline sees it.
#[derive(Debug, Clone)]
pub struct HttpRequest {
    pub method: String,
    pub path: String,
    pub query: String,
    /// Names as received (any case), in wire order.
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
}

impl HttpRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One HTTP response.
#[derive(Debug, Clone)]
pub struct HttpResponse {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// Wait this long before answering (injected delays); the async layer sleeps, so no
    /// thread is blocked.
    pub delay_ms: u64,
    /// Headers besides the content type (stub responses).
    pub headers: Vec<(String, String)>,
    /// A connection fault to play instead of the response (stub responses).
    pub fault: Option<Fault>,
}

impl HttpResponse {
    pub fn new(status: u16, content_type: &'static str, body: Vec<u8>) -> HttpResponse {
        HttpResponse {
            status,
            content_type,
            body,
            delay_ms: 0,
            headers: Vec::new(),
            fault: None,
        }
    }

    fn from_stub(r: StubResponse) -> HttpResponse {
        HttpResponse {
            status: r.status,
            content_type: "",
            body: r.body,
            delay_ms: r.delay_ms,
            headers: r.headers,
            fault: r.fault,
        }
    }
}

/// The state file's content.
#[derive(serde::Serialize, serde::Deserialize)]
struct SavedState {
    format: u32,
    /// The mock clock when saved.
    time: crate::time::Millis,
    world: World,
}

/// What answered a request that passed authentication.
enum Outcome {
    Model(crate::protocol::Reply),
    Stub(StubResponse),
}

/// The running mock: world, clock, IDs, journal, faults, settings.
#[derive(Debug)]
pub struct App {
    world: WorldLock,
    /// The world `reset` returns to: the command line's, or the last `POST /_mock/scenario`.
    base: Mutex<Scenario>,
    overrides: Overrides,
    lax: AtomicBool,
    pub clock: Clock,
    pub ids: Ids,
    pub nonces: NonceCache,
    pub journal: Journal,
    pub faults: Faults,
    pub stubs: Stubs,
    pub options: Options,
    pub body_limit: usize,
}

/// The fault rules a scenario declares, with accounts resolved in `world`.
fn scenario_faults(scenario: &Scenario, world: &World) -> Vec<Rule> {
    scenario
        .spec
        .faults
        .iter()
        .filter_map(|f| Rule::from_spec(f, |a| world.account(a).map(|x| x.id.clone())).ok())
        .collect()
}

impl App {
    pub fn new(scenario: Scenario, overrides: &Overrides) -> App {
        App::with_options(scenario, overrides, Options::default())
    }

    pub fn with_options(scenario: Scenario, overrides: &Overrides, options: Options) -> App {
        let spec = &scenario.spec;
        let seed = overrides.seed.or(spec.seed);
        let clock = Clock::new(
            spec.clock.unwrap_or_default(),
            spec.start_time.as_deref().and_then(parse_rfc3339),
        );
        let ids = Ids::new(seed);
        let world = World::from_scenario(scenario.clone(), clock.now(), &ids);
        let faults = Faults::new(scenario_faults(&scenario, &world), seed);
        let lax = overrides.auth.or(spec.auth).unwrap_or_default() == AuthMode::Lax;
        let stubs = Stubs::default();
        for s in &options.fixtures {
            stubs.add(s.clone());
        }
        App {
            stubs,
            world: WorldLock::new(world),
            base: Mutex::new(scenario),
            overrides: overrides.clone(),
            lax: AtomicBool::new(lax),
            clock,
            ids,
            nonces: NonceCache::default(),
            journal: Journal::new(options.journal_limit),
            faults,
            options,
            body_limit: DEFAULT_BODY_LIMIT,
        }
    }

    /// Signature checking in force.
    pub fn auth_mode(&self) -> AuthMode {
        if self.lax.load(Ordering::Relaxed) {
            AuthMode::Lax
        } else {
            AuthMode::Strict
        }
    }

    /// Builds the world of `scenario` afresh: clock, IDs, faults, journal and nonces too.
    fn install(&self, scenario: Scenario) {
        let spec = &scenario.spec;
        let seed = self.overrides.seed.or(spec.seed);
        self.clock.reset(
            spec.clock.unwrap_or_default(),
            spec.start_time.as_deref().and_then(parse_rfc3339),
        );
        self.ids.reseed(seed);
        let lax = self.overrides.auth.or(spec.auth).unwrap_or_default() == AuthMode::Lax;
        self.lax.store(lax, Ordering::Relaxed);
        let world = World::from_scenario(scenario.clone(), self.clock.now(), &self.ids);
        self.faults.replace(scenario_faults(&scenario, &world));
        *self.world_mut() = world;
        *self.base.lock().unwrap_or_else(|e| e.into_inner()) = scenario;
        self.journal.clear();
        self.nonces.clear();
        self.stubs.reset();
    }

    /// The answer of a matching stub, if any. `extra` adds Action/Version taken from headers
    /// to the parameters stubs see.
    fn stub_answer(
        &self,
        req: &HttpRequest,
        extra: &[(String, String)],
        form: &[(String, String)],
        caller: Option<&str>,
    ) -> Option<StubResponse> {
        if self.stubs.is_empty() {
            return None;
        }
        let query = decode_form(req.query.as_bytes());
        let mut all = Params::merge(&query, form)
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<Vec<_>>();
        all.extend_from_slice(extra);
        let probe = Probe {
            method: &req.method,
            path: &req.path,
            query: &req.query,
            headers: &req.headers,
            body: &req.body,
            params: &all,
            form,
            caller,
        };
        let world = self.world();
        let resolve = |a: &str| world.account(a).map(|x| x.id.clone());
        self.stubs.answer(&probe, &resolve)
    }

    /// Writes the world to `path` atomically: a temporary file beside it, flushed to disk,
    /// then renamed over `path`, so a crash mid-write leaves the previous file whole.
    pub fn save_state(&self, path: &std::path::Path) -> std::io::Result<()> {
        use std::io::Write;
        let saved = SavedState {
            format: 1,
            time: self.clock.now(),
            world: self.world().clone(),
        };
        let bytes = serde_json::to_vec(&saved).map_err(std::io::Error::other)?;
        let tmp = std::path::PathBuf::from(format!("{}.tmp", path.display()));
        {
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(&bytes)?;
            f.sync_all()?;
        }
        std::fs::rename(&tmp, path)?;
        Ok(())
    }

    /// Replaces the world with the one saved in `path`, if the file exists (returns whether
    /// it did). The mock clock continues from the saved time. Journal, faults and stubs are
    /// not part of the saved state; `reset` still returns to the scenario.
    pub fn load_state(&self, path: &std::path::Path) -> Result<bool, String> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
            Err(e) => return Err(format!("{}: cannot read: {e}", path.display())),
        };
        let saved: SavedState = serde_json::from_str(&text).map_err(|e| {
            format!(
                "{}:{}:{}: not a state file: {e}",
                path.display(),
                e.line(),
                e.column()
            )
        })?;
        if saved.format != 1 {
            return Err(format!(
                "{}: unsupported state file format {}",
                path.display(),
                saved.format
            ));
        }
        *self.world_mut() = saved.world;
        self.clock.set(saved.time);
        Ok(true)
    }

    /// Back to the last world set by the command line or `set_scenario`.
    pub fn reset(&self) {
        let base = self.base.lock().unwrap_or_else(|e| e.into_inner()).clone();
        self.install(base);
    }

    /// Replaces the world (or, with `merge`, merges more files into the current scenario).
    pub fn set_scenario(
        &self,
        more: &[crate::scenario::SourceFile],
        merge: bool,
    ) -> Result<(), crate::ScenarioErrors> {
        let scenario = if merge {
            self.base
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .merged_with(more)?
        } else {
            Scenario::build(more)?
        };
        self.install(scenario);
        Ok(())
    }

    /// Reads the world. Handlers never hold this across another lock of the world.
    pub fn world(&self) -> RwLockReadGuard<'_, World> {
        self.world.read()
    }

    /// Changes the world; one call is one atomic change as seen by other requests.
    pub fn world_mut(&self) -> RwLockWriteGuard<'_, World> {
        self.world.write()
    }

    /// Answers one API request.
    pub fn handle(&self, req: HttpRequest) -> HttpResponse {
        let req = &req;
        let started = Instant::now();
        let request_id = self.ids.request_id();
        let query = decode_form(req.query.as_bytes());
        let is_form = req.header("content-type").is_some_and(|c| {
            c.trim_start()
                .starts_with("application/x-www-form-urlencoded")
        });
        let body_params = if is_form {
            decode_form(&req.body)
        } else {
            Vec::new()
        };
        let params = Params::merge(&query, &body_params);
        let format = Format::from_param(params.get("Format"));

        // V3 carries Action and Version in signed headers, RPC in signed parameters; each
        // falls back to the other source (wire-protocol.md §5).
        let v3 = req
            .header("authorization")
            .is_some_and(|a| a.trim_start().starts_with("ACS3-"));
        let pick = |param: &str, header: &str| -> Option<String> {
            let (first, second) = (
                params.opt(param),
                req.header(header).filter(|v| !v.is_empty()),
            );
            if v3 {
                second.or(first)
            } else {
                first.or(second)
            }
            .map(str::to_string)
        };
        let action = pick("Action", "x-acs-action");
        let version = pick("Version", "x-acs-version");
        let product = version.as_deref().and_then(products::product_by_version);
        let default_region;
        let region: &str = match params.opt("RegionId") {
            Some(r) => r,
            None => match req.header("host").and_then(products::region_from_host) {
                Some(r) => r,
                None => {
                    default_region = self.world().default_region.clone();
                    &default_region
                }
            },
        };
        let host_id = match product {
            Some(p) => p.host(region),
            None => req.header("host").unwrap_or("").to_string(),
        };

        let mut account = None;
        let mut delay_ms = 0;
        let mut source = "model";
        let result = (|| {
            if req.path != "/" || !(req.method == "GET" || req.method == "POST") {
                // Not the API: WireMock-style stubs on any other URL answer without auth.
                if let Some(r) = self.stub_answer(req, &[], &body_params, None) {
                    source = "stub";
                    return Ok(Outcome::Stub(r));
                }
                return Err(ApiError::InvalidActionNotFound);
            }
            let caller = {
                let world = self.world();
                let cx = AuthContext {
                    mode: self.auth_mode(),
                    world: &world,
                    wall_now: wall_now(),
                    mock_now: self.clock.now(),
                    nonces: &self.nonces,
                };
                auth::authenticate(
                    &cx,
                    &AuthRequest {
                        method: &req.method,
                        path: &req.path,
                        headers: &req.headers,
                        query: &query,
                        body_params: &body_params,
                        body: &req.body,
                        params: &params,
                    },
                )?
            };
            account = Some(caller.account_id.clone());
            let action = action
                .as_deref()
                .ok_or_else(|| ApiError::MissingParameter("Action".into()))?;
            let _ = version
                .as_deref()
                .ok_or_else(|| ApiError::MissingParameter("Version".into()))?;
            let handler_opt = product.and_then(|p| p.action(action)).map(|a| a.handler);
            if let Some(effect) = self.faults.check(
                action,
                product.map_or("", |p| p.name),
                &caller.account_id,
                region,
            ) {
                delay_ms = effect.delay_ms;
                if let Some(e) = effect.error {
                    source = "fault";
                    return Err(e);
                }
            }
            let mut rpc: Vec<(String, String)> = Vec::new();
            for (k, v) in [("Action", Some(action)), ("Version", version.as_deref())] {
                if let (Some(v), None) = (v, params.get(k)) {
                    rpc.push((k.to_string(), v.to_string()));
                }
            }
            if let Some(r) = self.stub_answer(req, &rpc, &body_params, Some(&caller.account_id)) {
                source = "stub";
                return Ok(Outcome::Stub(r));
            }
            let handler = handler_opt.ok_or(ApiError::InvalidActionNotFound)?;
            handler(&Ctx {
                world: &self.world,
                ids: &self.ids,
                caller: &caller,
                region,
                params: &params,
                now: self.clock.now(),
            })
            .map(Outcome::Model)
        })();

        let action_name = action.as_deref().unwrap_or("");
        let mut stub = None;
        let (status, body, code) = match result {
            Ok(Outcome::Model(value)) => (
                200,
                envelope::success_body(format, action_name, &request_id, value),
                None,
            ),
            Ok(Outcome::Stub(r)) => {
                let code = (r.status >= 400)
                    .then(|| serde_json::from_slice::<serde_json::Value>(&r.body).ok())
                    .flatten()
                    .and_then(|v| v["Code"].as_str().map(str::to_string));
                let out = (r.status, Vec::new(), code);
                stub = Some(r);
                out
            }
            Err(e) => (
                e.status(),
                envelope::error_body(
                    format,
                    &e,
                    &request_id,
                    &host_id,
                    product.map_or("", |p| p.name),
                ),
                Some(e.code().to_string()),
            ),
        };
        tracing::info!(
            action = action_name,
            product = product.map_or("", |p| p.name),
            account = account.as_deref().unwrap_or(""),
            status,
            code = code.as_deref().unwrap_or(""),
            latency_us = started.elapsed().as_micros() as u64,
            request_id = %request_id,
            "request"
        );
        let latency = started.elapsed();
        self.journal.record(Entry {
            time: self.clock.now(),
            account_id: account,
            product: product.map(|p| p.name.to_string()),
            version,
            action: action.clone(),
            params: params
                .into_pairs()
                .into_iter()
                .filter(|(k, _)| k != "Signature")
                .collect(),
            status,
            code,
            latency_ms: latency.as_secs_f64() * 1000.0,
            source,
            method: req.method.clone(),
            url: if req.query.is_empty() {
                req.path.clone()
            } else {
                format!("{}?{}", req.path, req.query)
            },
            headers: req.headers.clone(),
            body: String::from_utf8_lossy(&req.body).into_owned(),
        });
        match stub {
            Some(r) => HttpResponse::from_stub(r),
            None => HttpResponse {
                status,
                content_type: format.content_type(),
                body,
                delay_ms,
                headers: Vec::new(),
                fault: None,
            },
        }
    }

    /// The error answered to a request whose body was too large to read.
    pub fn body_too_large(&self) -> HttpResponse {
        let request_id = self.ids.request_id();
        HttpResponse {
            status: 413,
            content_type: envelope::JSON_CONTENT_TYPE,
            delay_ms: 0,
            headers: Vec::new(),
            fault: None,
            body: envelope::error_body(
                Format::Json,
                &ApiError::RequestEntityTooLarge {
                    limit: self.body_limit,
                },
                &request_id,
                "",
                "",
            ),
        }
    }
}
