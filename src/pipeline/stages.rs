//! The request pipeline as named stages:
//!
//! * [`Call::decode`]: parameters (query + form body, decoded once), format, Action,
//!   Version, product, region, the HostId for errors, a RequestId;
//! * [`App::answer`]: route (non-API paths go to stubs only), [`App::authenticate`],
//!   the Action and Version checks, [`App::apply_faults`], stubs, dispatch to the handler;
//! * [`Call::envelope`]: the JSON or XML body with the real status;
//! * [`App::record`]: one log event and one journal entry, with one latency.

use std::time::Instant;

use super::auth::{self, AuthContext, AuthRequest};
use super::{App, HttpRequest, HttpResponse};
use crate::control::journal::{clip_body, Entry, PackedPairs, Source};
use crate::control::stubs::{Probe, StubResponse};
use crate::error::ApiError;
use crate::products::{self, Ctx, Handler, Product};
use crate::protocol::envelope::{self, Format};
use crate::protocol::params::{decode_form, Params};
use crate::protocol::Reply;
use crate::world::Caller;

/// One decoded request.
struct Call {
    request_id: String,
    query: Vec<(String, String)>,
    form: Vec<(String, String)>,
    params: Params,
    format: Format,
    action: Option<String>,
    version: Option<String>,
    product: Option<&'static Product>,
    region: String,
}

/// What a request learned on its way, for the log and the journal.
struct Meta {
    account: Option<String>,
    delay_ms: u64,
    source: Source,
}

/// What answered a request.
enum Outcome {
    Model(Reply),
    Stub(StubResponse),
}

/// Whether a Content-Type names a form body (media types compare case-insensitively).
pub(crate) fn is_form(content_type: Option<&str>) -> bool {
    content_type.is_some_and(|c| {
        c.split(';').next().is_some_and(|m| {
            m.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        })
    })
}

impl Call {
    fn decode(app: &App, req: &HttpRequest) -> Call {
        let request_id = app.ids.request_id();
        let query = decode_form(req.query.as_bytes());
        let form = if is_form(req.header("content-type")) {
            decode_form(&req.body)
        } else {
            Vec::new()
        };
        let params = Params::merge(&query, &form);
        let format = Format::from_param(params.get("Format"));
        // V3 carries Action and Version in signed headers, RPC in signed parameters; each
        // falls back to the other source.
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
        let region = match params.opt("RegionId") {
            Some(r) => r.to_string(),
            None => match req.header("host").and_then(products::region_from_host) {
                Some(r) => r.to_string(),
                None => app.world().default_region.clone(),
            },
        };
        Call {
            request_id,
            query,
            form,
            params,
            format,
            action,
            version,
            product,
            region,
        }
    }

    /// The `HostId` of an error: the product's endpoint for the region, built only when an
    /// error is answered. Only a known region names a host: a client's arbitrary RegionId
    /// is not echoed.
    fn host_id(&self, req: &HttpRequest) -> String {
        match self.product {
            Some(p) if crate::regions::find(&self.region).is_some() => p.host(&self.region),
            Some(p) => format!("{}.aliyuncs.com", p.code),
            None => req
                .header("host")
                .filter(|h| h.len() <= 255 && !h.contains(char::is_control))
                .unwrap_or("")
                .to_string(),
        }
    }

    fn product_name(&self) -> &'static str {
        self.product.map_or("", |p| p.name)
    }

    /// The handler for Action and Version; `MissingParameter` when either is absent, `None`
    /// when the product or action is unknown.
    fn handler(&self) -> Result<Option<Handler>, ApiError> {
        let action = self
            .action
            .as_deref()
            .ok_or_else(|| ApiError::MissingParameter("Action".into()))?;
        if self.version.is_none() {
            return Err(ApiError::MissingParameter("Version".into()));
        }
        Ok(self
            .product
            .and_then(|p| p.action(action))
            .map(|a| a.handler))
    }

    /// The response for an outcome: status, body and the Alibaba code (None on success).
    fn envelope(
        &self,
        req: &HttpRequest,
        result: Result<Outcome, ApiError>,
        meta: &Meta,
    ) -> (HttpResponse, Option<String>) {
        match result {
            Ok(Outcome::Model(value)) => {
                let body = envelope::success_body(
                    self.format,
                    self.action.as_deref().unwrap_or(""),
                    &self.request_id,
                    value,
                );
                let mut r = HttpResponse::new(200, self.format.content_type(), body);
                r.delay_ms = meta.delay_ms;
                (r, None)
            }
            Ok(Outcome::Stub(r)) => {
                let code = (r.status >= 400)
                    .then(|| serde_json::from_slice::<serde_json::Value>(&r.body).ok())
                    .flatten()
                    .and_then(|v| v["Code"].as_str().map(str::to_string));
                (HttpResponse::from_stub(r), code)
            }
            Err(e) => {
                let body = envelope::error_body(
                    self.format,
                    &e,
                    &self.request_id,
                    &self.host_id(req),
                    self.product_name(),
                );
                let mut r = HttpResponse::new(e.status(), self.format.content_type(), body);
                r.delay_ms = meta.delay_ms;
                (r, Some(e.code().to_string()))
            }
        }
    }
}

impl App {
    /// Answers one API request.
    pub fn handle(&self, req: HttpRequest) -> HttpResponse {
        let _generation = self.generation.read().unwrap_or_else(|e| e.into_inner());
        let started = Instant::now();
        let call = Call::decode(self, &req);
        let mut meta = Meta {
            account: None,
            delay_ms: 0,
            source: Source::Model,
        };
        let mut result = self.answer(&req, &call, &mut meta);
        // An acknowledged change is on disk first (with --state-file).
        if let Err(e) = self.persist() {
            tracing::error!(error = %e, "cannot write the state file");
            result = Err(ApiError::InternalError);
        }
        let (response, code) = call.envelope(&req, result, &meta);
        self.record(req, call, meta, &response, code, started);
        response
    }

    /// Route, authenticate, check, inject faults, match stubs, dispatch.
    fn answer(&self, req: &HttpRequest, call: &Call, meta: &mut Meta) -> Result<Outcome, ApiError> {
        if req.path != "/" || !(req.method == "GET" || req.method == "POST") {
            // Not the API: WireMock-style stubs on any other URL answer without auth.
            return match self.stub_answer(req, call, None) {
                Some(r) => {
                    meta.source = Source::Stub;
                    Ok(Outcome::Stub(r))
                }
                None => Err(ApiError::InvalidActionNotFound),
            };
        }
        let caller = self.authenticate(req, call)?;
        meta.account = Some(caller.account_id.clone());
        let handler = call.handler()?;
        self.apply_faults(call, &caller, meta)?;
        if let Some(r) = self.stub_answer(req, call, Some(&caller.account_id)) {
            meta.source = Source::Stub;
            return Ok(Outcome::Stub(r));
        }
        let handler = handler.ok_or(ApiError::InvalidActionNotFound)?;
        let now = self.clock.now();
        self.settle(now);
        handler(&Ctx {
            world: &self.world,
            ids: &self.ids,
            caller: &caller,
            region: &call.region,
            params: &call.params,
            now,
        })
        .map(Outcome::Model)
    }

    /// The caller, by the auth mode in force.
    fn authenticate(&self, req: &HttpRequest, call: &Call) -> Result<Caller, ApiError> {
        let world = self.world();
        let cx = AuthContext {
            mode: self.auth_mode(),
            world: &world,
            wall_now: crate::time::wall_now(),
            mock_now: self.clock.now(),
            nonces: &self.nonces,
        };
        auth::authenticate(
            &cx,
            &AuthRequest {
                method: &req.method,
                path: &req.path,
                headers: &req.headers,
                query: &call.query,
                body_params: &call.form,
                body: &req.body,
                params: &call.params,
            },
        )
    }

    /// The first matching fault rule: its delay is kept in `meta`, its error returned.
    fn apply_faults(&self, call: &Call, caller: &Caller, meta: &mut Meta) -> Result<(), ApiError> {
        let Some(effect) = self.faults.check(
            call.action.as_deref().unwrap_or(""),
            call.product_name(),
            &caller.account_id,
            &call.region,
        ) else {
            return Ok(());
        };
        meta.delay_ms = effect.delay_ms;
        match effect.error {
            Some(e) => {
                meta.source = Source::Fault;
                Err(e)
            }
            None => Ok(()),
        }
    }

    /// The answer of a matching stub, if any. Stubs see the RPC parameters wherever they
    /// travelled, Action and Version from V3 headers included.
    fn stub_answer(
        &self,
        req: &HttpRequest,
        call: &Call,
        caller: Option<&str>,
    ) -> Option<StubResponse> {
        if self.stubs.is_empty() {
            return None;
        }
        let mut all: Vec<(String, String)> = call
            .params
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        if caller.is_some() {
            for (k, v) in [("Action", &call.action), ("Version", &call.version)] {
                if let (Some(v), None) = (v, call.params.get(k)) {
                    all.push((k.to_string(), v.clone()));
                }
            }
        }
        let probe = Probe {
            method: &req.method,
            path: &req.path,
            query: &req.query,
            headers: &req.headers,
            body: &req.body,
            params: &all,
            form: &call.form,
            caller,
        };
        let world = self.world();
        self.stubs.answer(&probe, &|a: &str| world.resolve(a))
    }

    /// One log event and one journal entry.
    fn record(
        &self,
        req: HttpRequest,
        call: Call,
        meta: Meta,
        response: &HttpResponse,
        code: Option<String>,
        started: Instant,
    ) {
        let status = response.status;
        let latency = started.elapsed();
        tracing::info!(
            action = call.action.as_deref().unwrap_or(""),
            product = call.product_name(),
            account = meta.account.as_deref().unwrap_or(""),
            status,
            code = code.as_deref().unwrap_or(""),
            latency_us = latency.as_micros() as u64,
            request_id = %call.request_id,
            "request"
        );
        let url = if req.query.is_empty() {
            req.path.clone()
        } else {
            format!("{}?{}", req.path, req.query)
        };
        let (params, params_cut) =
            PackedPairs::clip(call.params.iter().filter(|(k, _)| *k != "Signature"));
        let (body, body_cut) = clip_body(&req.body);
        let (headers, headers_cut) =
            PackedPairs::clip(req.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        self.journal.record(Entry {
            time: self.clock.now(),
            account_id: meta.account,
            product: call.product.map(|p| p.name.to_string()),
            version: call.version,
            action: call.action,
            params,
            status,
            code,
            latency_ms: latency.as_secs_f64() * 1000.0,
            source: meta.source,
            method: req.method,
            url,
            headers,
            body,
            truncated: params_cut || body_cut || headers_cut,
            seq: 0,
            response: crate::control::journal::clip_response(&response.body),
        });
    }

    /// The error answered to a request whose body did not arrive in time.
    pub fn body_too_slow(&self) -> HttpResponse {
        self.transport_error(&ApiError::RequestTimeout(
            self.options.body_timeout.as_millis(),
        ))
    }

    /// The error answered to a request whose body was too large to read.
    pub fn body_too_large(&self) -> HttpResponse {
        self.transport_error(&ApiError::RequestEntityTooLarge(self.body_limit))
    }

    /// An error of the HTTP layer (framing, limits, timeouts), before any product is known:
    /// JSON, in the API's error shape, not journaled.
    pub fn transport_error(&self, err: &ApiError) -> HttpResponse {
        let body = envelope::error_body(Format::Json, err, &self.ids.request_id(), "", "");
        HttpResponse::new(err.status(), envelope::JSON_CONTENT_TYPE, body)
    }
}
