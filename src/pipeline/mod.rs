//! The application: the world behind its lock, the parts around it (clock, IDs, nonces,
//! journal, faults, stubs), and the one request pipeline ([`App::handle`], in `stages`).
//!
//! ```text
//! decode -> route -> authenticate -> faults -> stubs -> dispatch -> envelope -> journal
//! ```
//!
//! Everything here is synchronous and HTTP-library agnostic: the hyper service in `server`
//! only collects the body and calls [`App::handle`].
//!
//! One construction path: [`App::with_options`] makes an empty app and [`App::install`]s the
//! scenario, and reset and scenario loading install too, so every seeded part (IDs, fault
//! rolls) is reseeded the same way each time. An install holds the generation lock for
//! writing, and every request holds it for reading, so no request sees half a reset.
//!
//! Lock order: generation, then world; the nonce map, ID generator, journal, faults and
//! stubs are leaves, taken alone.

pub mod auth;
mod http;
mod stages;
mod state_file;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::Duration;

pub use http::{HttpRequest, HttpResponse};
pub use state_file::{check_state_text, StateFile};

use self::auth::NonceCache;
use crate::control::faults::{Faults, Rule};
use crate::control::journal::Journal;
use crate::control::stubs::{Stub, Stubs};
use crate::scenario::{AuthMode, Scenario};
use crate::time::parse_rfc3339;
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
    /// How long a connection may take to send a request's headers, counted from when it
    /// opened or from its previous answer: idle keep-alive connections close after it too.
    pub header_timeout: Duration,
    /// How long a request's body may take to arrive once its headers have.
    pub body_timeout: Duration,
    /// Connections served at once; more wait in the listen backlog until one closes.
    pub max_connections: usize,
    /// Where the world is written after every change, if anywhere.
    pub state_file: Option<std::sync::Arc<StateFile>>,
    /// Hosts answered as a proxy beyond the Alibaba endpoints (`--proxy-allow`).
    pub proxy_hosts: crate::server::HostRules,
    /// The CA behind TLS on the port and in proxy tunnels.
    pub tls: std::sync::Arc<crate::server::Authority>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            journal_limit: 1000,
            admin_token: None,
            fixtures: Vec::new(),
            header_timeout: Duration::from_secs(30),
            body_timeout: Duration::from_secs(30),
            max_connections: 1000,
            state_file: None,
            proxy_hosts: crate::server::HostRules::default(),
            tls: std::sync::Arc::new(crate::server::Authority::generated(
                crate::server::HostRules::default(),
            )),
        }
    }
}

/// The running mock: world, clock, IDs, journal, faults, settings.
#[derive(Debug)]
pub struct App {
    world: WorldLock,
    /// Held for reading by every request and for writing by [`App::install`].
    generation: RwLock<()>,
    /// The world `reset` returns to: the command line's, or the last `POST /_mock/scenario`.
    base: Mutex<Scenario>,
    overrides: Overrides,
    lax: AtomicBool,
    /// The world came from the state file (at start), not from the scenario.
    pub(crate) from_state_file: AtomicBool,
    pub(crate) clock: Clock,
    pub(crate) ids: Ids,
    pub(crate) nonces: NonceCache,
    pub(crate) journal: Journal,
    pub(crate) faults: Faults,
    pub(crate) stubs: Stubs,
    pub(crate) options: Options,
    pub(crate) body_limit: usize,
}

/// The fault rules a scenario declares, with accounts resolved in `world`.
fn scenario_faults(scenario: &Scenario, world: &World) -> Vec<Rule> {
    scenario
        .spec
        .faults
        .iter()
        .filter_map(|f| Rule::from_spec(f, |a| world.resolve(a)).ok())
        .collect()
}

impl App {
    /// Marks the stubs changed, so the state file (which keeps the persistent ones) is
    /// written before the change is answered.
    pub(crate) fn stubs_changed(&self) {
        self.world.touch();
    }

    /// The mock clock's time now.
    pub fn now(&self) -> crate::time::Millis {
        self.clock.now()
    }

    /// The PEM certificate of the CA behind the mock's TLS.
    pub fn ca_pem(&self) -> Result<&str, String> {
        self.options.tls.ca_pem()
    }

    pub fn new(scenario: Scenario, overrides: &Overrides) -> App {
        App::with_options(scenario, overrides, Options::default())
    }

    /// An app serving `scenario`: an empty app, then [`App::install`].
    pub fn with_options(scenario: Scenario, overrides: &Overrides, options: Options) -> App {
        let stubs = Stubs::default();
        for s in &options.fixtures {
            stubs.add(s.clone());
        }
        let app = App {
            stubs,
            world: WorldLock::new(World::default()),
            generation: RwLock::new(()),
            base: Mutex::new(Scenario::default()),
            overrides: overrides.clone(),
            lax: AtomicBool::new(false),
            from_state_file: AtomicBool::new(false),
            clock: Clock::default(),
            ids: Ids::new(None),
            nonces: NonceCache::default(),
            journal: Journal::new(options.journal_limit),
            faults: Faults::new(Vec::new(), None),
            options,
            body_limit: DEFAULT_BODY_LIMIT,
        };
        app.install(scenario);
        app
    }

    /// Signature checking in force.
    pub fn auth_mode(&self) -> AuthMode {
        if self.lax.load(Ordering::Relaxed) {
            AuthMode::Lax
        } else {
            AuthMode::Strict
        }
    }

    /// Builds the world of `scenario` afresh, with its clock, seeded IDs and fault rolls, auth
    /// mode and faults; clears the journal, nonces and run-time stubs. The only place any of
    /// these is set from a scenario. Atomic as seen by requests.
    pub fn install(&self, scenario: Scenario) {
        let _generation = self.generation.write().unwrap_or_else(|e| e.into_inner());
        self.from_state_file.store(false, Ordering::Relaxed);
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
        self.faults.reset(scenario_faults(&scenario, &world), seed);
        *self.world.write() = world;
        *self.base.lock().unwrap_or_else(|e| e.into_inner()) = scenario;
        self.journal.clear();
        self.nonces.clear();
        self.stubs.reset();
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

    /// Marks a change outside the world (the mock clock) for the state file.
    pub fn touch_world(&self) {
        self.world.touch();
    }

    /// Reads the world. Handlers never hold this across another lock of the world.
    pub fn world(&self) -> RwLockReadGuard<'_, World> {
        self.world.read()
    }

    /// Applies the time-driven changes that are stored rather than computed when read (a
    /// quota application's review ending): a read check first, a write only when one is due.
    pub fn settle(&self, now: crate::time::Millis) {
        if self.world().quota_review_due(now) {
            self.world_mut().settle_quota_reviews(now);
        }
    }

    /// Changes the world; one guard is one atomic change as seen by other requests.
    pub fn world_mut(&self) -> RwLockWriteGuard<'_, World> {
        self.world.write()
    }
}
