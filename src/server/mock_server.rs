//! [`MockServer`]: the mock started inside a test, on its own thread and runtime.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use crate::control::journal::Entry;
use crate::error::ControlError;
use crate::pipeline::{App, Options, Overrides};
use crate::scenario::{self, AuthMode, Scenario, ScenarioErrors, SourceFile};

/// Why a server did not start.
#[derive(Debug)]
pub enum StartError {
    /// The scenario files do not merge into a valid world.
    Scenario(ScenarioErrors),
    /// A fixture file or directory could not be loaded.
    Fixtures(String),
    /// The state file could not be read or is not a state file.
    State(String),
    /// The CA files or a `--proxy-allow` host are unusable.
    Tls(String),
    /// The address could not be bound, or the server thread could not start.
    Io(std::io::Error),
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StartError::Scenario(e) => write!(f, "invalid scenario:\n{e}"),
            StartError::Fixtures(e) | StartError::State(e) | StartError::Tls(e) => f.write_str(e),
            StartError::Io(e) => write!(f, "cannot start the mock: {e}"),
        }
    }
}

impl std::error::Error for StartError {}

impl From<ScenarioErrors> for StartError {
    fn from(e: ScenarioErrors) -> Self {
        StartError::Scenario(e)
    }
}

impl From<std::io::Error> for StartError {
    fn from(e: std::io::Error) -> Self {
        StartError::Io(e)
    }
}

/// Configures a [`MockServer`]. Without a scenario, the embedded default scenario is used.
///
/// The builder only records its inputs (fixture files are parsed at once, so their errors
/// come early); [`MockServerBuilder::start`] and the `serve` command do the rest through one
/// path, so a seed gives the same IDs however the calls were ordered.
#[derive(Debug, Default)]
pub struct MockServerBuilder {
    sources: Vec<SourceFile>,
    scenario: Option<Scenario>,
    listen: Option<SocketAddr>,
    overrides: Overrides,
    options: Options,
    state_file: Option<std::path::PathBuf>,
    proxy_allow: Vec<String>,
    /// The CA certificate and key, PEM.
    ca: Option<(String, String)>,
}

/// A built app and its bound listener, ready to serve.
#[derive(Debug)]
pub struct Prepared {
    pub app: Arc<App>,
    pub listener: std::net::TcpListener,
    pub addr: SocketAddr,
    pub state_file: Option<std::path::PathBuf>,
}

impl MockServerBuilder {
    /// Adds a scenario file (YAML or JSON); several merge in order.
    pub fn scenario_file(mut self, path: impl AsRef<Path>) -> Result<Self, ScenarioErrors> {
        self.sources.push(scenario::load_file(path.as_ref())?);
        Ok(self)
    }

    /// Adds one of the shipped scenarios by name (`default`, `named-sharing`, `org-sharing`,
    /// ...: [`crate::scenario::SHIPPED`]); they are embedded, so any crate can use them.
    pub fn shipped_scenario(self, name: &str) -> Result<Self, ScenarioErrors> {
        match crate::scenario::SHIPPED.iter().find(|(n, _)| *n == name) {
            Some((n, text)) => {
                let mut me = self;
                me.sources
                    .push(scenario::parse_str(&format!("{n}.yaml"), text)?);
                Ok(me)
            }
            None => {
                let known: Vec<&str> = crate::scenario::SHIPPED.iter().map(|(n, _)| *n).collect();
                Err(ScenarioErrors(vec![crate::scenario::ScenarioError {
                    file: name.to_string(),
                    line: 0,
                    column: 0,
                    message: format!(
                        "no shipped scenario {name:?}; shipped: {}",
                        known.join(", ")
                    ),
                }]))
            }
        }
    }

    /// Adds a scenario given as text (YAML or JSON); several merge in order.
    pub fn scenario_yaml(mut self, text: &str) -> Result<Self, ScenarioErrors> {
        let name = format!("<scenario {}>", self.sources.len() + 1);
        self.sources.push(scenario::parse_str(&name, text)?);
        Ok(self)
    }

    /// Serves an already built scenario (instead of files and texts).
    pub fn scenario(mut self, scenario: Scenario) -> Self {
        self.scenario = Some(scenario);
        self
    }

    /// The address to bind; default `127.0.0.1:0` (any free port).
    pub fn listen(mut self, addr: SocketAddr) -> Self {
        self.listen = Some(addr);
        self
    }

    /// Overrides the scenario's `auth`.
    pub fn auth(mut self, mode: AuthMode) -> Self {
        self.overrides.auth = Some(mode);
        self
    }

    /// Overrides the scenario's `seed`.
    pub fn seed(mut self, seed: u64) -> Self {
        self.overrides.seed = Some(seed);
        self
    }

    /// Loads WireMock-style stub mappings from every `*.json`, `*.yaml`, `*.yml` below `dir`.
    /// Stubs without an `id` get one at start, from the seed in force.
    pub fn fixtures_dir(mut self, dir: impl AsRef<Path>) -> Result<Self, ControlError> {
        let stubs = crate::control::stubs::load_dir(dir.as_ref(), &mut String::new)
            .map_err(ControlError::Fixtures)?;
        self.options.fixtures.extend(stubs);
        Ok(self)
    }

    /// Loads the world from `path` at start if it exists, and saves it there when the
    /// server is dropped.
    pub fn state_file(mut self, path: impl AsRef<Path>) -> Self {
        self.state_file = Some(path.as_ref().to_path_buf());
        self
    }

    /// Requests kept in the journal (default 1000).
    pub fn journal_limit(mut self, n: usize) -> Self {
        self.options.journal_limit = n;
        self
    }

    /// How long a connection may take to send a request's headers (default 30 s), counted
    /// from its opening or its previous answer: idle keep-alive connections close after it.
    pub fn header_timeout(mut self, t: Duration) -> Self {
        self.options.header_timeout = t;
        self
    }

    /// How long a request body may take to arrive (default 30 s); later is a 408.
    pub fn body_timeout(mut self, t: Duration) -> Self {
        self.options.body_timeout = t;
        self
    }

    /// Connections served at once (default 1000); more wait until one closes.
    pub fn max_connections(mut self, n: usize) -> Self {
        self.options.max_connections = n;
        self
    }

    /// Requires `Authorization: Bearer <token>` on the control API.
    /// More hosts answered as a proxy besides the Alibaba endpoints: names, or `*.suffix`.
    pub fn proxy_allow(mut self, hosts: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.proxy_allow.extend(hosts.into_iter().map(Into::into));
        self
    }

    /// The CA that signs the mock's TLS certificates (PEM certificate and private key),
    /// instead of one generated on first use.
    pub fn ca_pem(mut self, cert: impl Into<String>, key: impl Into<String>) -> Self {
        self.ca = Some((cert.into(), key.into()));
        self
    }

    pub fn admin_token(mut self, token: impl Into<String>) -> Self {
        self.options.admin_token = Some(token.into());
        self
    }

    /// Builds the app (scenario, fixtures with their IDs, state file) and binds the
    /// listener: everything but serving. The library and the `serve` command both start here.
    pub fn prepare(mut self) -> Result<Prepared, StartError> {
        let scenario = match self.scenario.take() {
            Some(s) => s,
            None if self.sources.is_empty() => Scenario::default_scenario(),
            None => Scenario::build(&self.sources)?,
        };
        let hosts = crate::server::HostRules::new(&self.proxy_allow).map_err(StartError::Tls)?;
        self.options.tls = Arc::new(match self.ca.take() {
            Some((cert, key)) => crate::server::Authority::from_pem(cert, key, hosts.clone())
                .map_err(StartError::Tls)?,
            None => crate::server::Authority::generated(hosts.clone()),
        });
        self.options.proxy_hosts = hosts;
        let ids = crate::world::Ids::new(self.overrides.seed.or(scenario.spec.seed));
        for stub in self.options.fixtures.iter_mut().filter(|s| s.id.is_empty()) {
            stub.set_id(ids.stub_id());
        }
        if let Some(path) = &self.state_file {
            let sf = crate::pipeline::StateFile::open(path).map_err(StartError::State)?;
            self.options.state_file = Some(Arc::new(sf));
        }
        let app = Arc::new(App::with_options(scenario, &self.overrides, self.options));
        if let Some(path) = &self.state_file {
            match app.load_state(path).map_err(StartError::State)? {
                true => tracing::info!(file = %path.display(), "state loaded"),
                false => {
                    tracing::info!(file = %path.display(), "no state file yet; starting from the scenario")
                }
            }
            app.persist()
                .map_err(|e| StartError::State(format!("{}: cannot write: {e}", path.display())))?;
        }
        let listener = std::net::TcpListener::bind(
            self.listen
                .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 0))),
        )?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        Ok(Prepared {
            app,
            listener,
            addr,
            state_file: self.state_file,
        })
    }

    /// Starts the server; it accepts connections when this returns.
    pub async fn start(self) -> Result<MockServer, StartError> {
        self.start_blocking()
    }

    /// Starts the server from synchronous code (no runtime needed), on its own thread and
    /// runtime.
    pub fn start_blocking(self) -> Result<MockServer, StartError> {
        let Prepared {
            app,
            listener,
            addr,
            state_file,
        } = self.prepare()?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()?;
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let thread_app = app.clone();
        let thread = std::thread::Builder::new()
            .name(format!("alicloud-mock-{}", addr.port()))
            .spawn(move || {
                runtime.block_on(async move {
                    match tokio::net::TcpListener::from_std(listener) {
                        Ok(l) => {
                            super::serve(l, thread_app, async {
                                let _ = rx.await;
                            })
                            .await
                        }
                        Err(e) => tracing::error!(error = %e, "cannot register the listener"),
                    }
                });
            })?;
        Ok(MockServer {
            addr,
            app,
            shutdown: Some(tx),
            thread: Some(thread),
            state_file,
        })
    }
}

/// A running mock. Dropping it shuts it down.
///
/// ```
/// let server = alicloud_mock::MockServer::builder().start_blocking().unwrap();
/// assert!(server.url().starts_with("http://127.0.0.1:"));
/// assert_eq!(server.url(), format!("http://{}", server.endpoint()));
/// ```
#[derive(Debug)]
pub struct MockServer {
    addr: SocketAddr,
    app: Arc<App>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
    state_file: Option<std::path::PathBuf>,
}

impl MockServer {
    pub fn builder() -> MockServerBuilder {
        MockServerBuilder::default()
    }

    /// `host:port`, as SDK configs want it (`Config(endpoint=...)`).
    /// A signing client for a scenario account (alias or ID), with its first access key:
    /// `server.client("owner")?.ecs("DescribeImages").send()` ([`crate::client`]).
    pub fn client(&self, account: &str) -> Result<crate::client::Client, String> {
        let world = self.app.world();
        let id = world
            .resolve(account)
            .ok_or_else(|| format!("no account {account:?} in the scenario"))?;
        let key = world
            .scenario
            .spec
            .accounts
            .iter()
            .filter(|a| a.id == id)
            .flat_map(|a| a.access_keys.first())
            .next()
            .ok_or_else(|| format!("account {account:?} has no access key in the scenario"))?;
        Ok(crate::client::Client::new(self.addr, &key.id, &key.secret))
    }

    /// The PEM certificate of the CA behind the mock's TLS (as `GET /_mock/ca.pem`), for a
    /// client to trust.
    pub fn ca_pem(&self) -> Result<String, String> {
        self.app.options.tls.ca_pem().map(str::to_string)
    }

    pub fn endpoint(&self) -> String {
        self.addr.to_string()
    }

    /// `http://host:port`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn address(&self) -> SocketAddr {
        self.addr
    }

    /// Moves the mock clock forward.
    ///
    /// # Panics
    ///
    /// If the clock would pass 9999-12-31T23:59:59.999Z, the latest time the mock represents.
    pub fn advance_clock(&self, by: Duration) {
        let ms = i64::try_from(by.as_millis()).unwrap_or(i64::MAX);
        assert!(
            self.app.clock.advance(ms),
            "advance_clock({by:?}) would move the mock clock past the year 9999"
        );
    }

    /// The requests answered so far, oldest first.
    pub fn journal(&self) -> JournalView {
        JournalView(self.app.journal.entries())
    }

    /// Back to the starting world; journal, run-time faults and stubs cleared.
    pub fn reset(&self) {
        self.app.reset();
    }

    /// The whole world as `GET /_mock/state` shows it.
    pub fn state(&self) -> Snapshot {
        Snapshot(crate::control::api::world_state(
            &self.app.world(),
            self.app.clock.now(),
        ))
    }

    /// Adds an error-injection rule (the scenario's `faults` format).
    pub fn add_fault(&self, spec: &crate::scenario::FaultSpec) -> Result<(), ControlError> {
        let rule = {
            let world = self.app.world();
            crate::control::faults::Rule::from_spec(spec, |a| world.resolve(a))
                .map_err(ControlError::Fault)?
        };
        self.app.faults.add(rule);
        Ok(())
    }

    /// Adds a WireMock-format stub mapping (a JSON object); returns its ID.
    pub fn add_stub(&self, mapping: &serde_json::Value) -> Result<String, ControlError> {
        let stub = crate::control::stubs::parse_stub(mapping, "", || self.app.ids.stub_id())
            .map_err(ControlError::Stub)?;
        let id = stub.id.clone();
        self.app.stubs.add(stub);
        Ok(id)
    }

    /// Removes a stub mapping; false if there was none with that ID.
    pub fn remove_stub(&self, id: &str) -> bool {
        self.app.stubs.remove(id)
    }

    /// Removes every error-injection rule.
    pub fn clear_faults(&self) {
        self.app.faults.replace(vec![]);
    }

    /// Saves the world to `path` (atomically).
    pub fn save_state(&self, path: impl AsRef<Path>) -> std::io::Result<()> {
        self.app.save_state(path.as_ref())
    }

    /// The application behind the server (world, clock, IDs), for white-box assertions.
    pub fn app(&self) -> &App {
        &self.app
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            // Joining from the server's own thread would deadlock; it never happens there.
            if t.thread().id() != std::thread::current().id() {
                let _ = t.join();
            }
        }
        if let Some(path) = &self.state_file {
            if let Err(e) = self.app.persist() {
                tracing::error!(file = %path.display(), error = %e, "cannot save state");
            }
        }
    }
}

/// The journal at one moment.
#[derive(Debug, Clone)]
pub struct JournalView(pub Vec<Arc<Entry>>);

impl JournalView {
    /// Requests named `action`.
    pub fn count(&self, action: &str) -> usize {
        self.0
            .iter()
            .filter(|e| e.action.as_deref() == Some(action))
            .count()
    }

    pub fn entries(&self) -> &[Arc<Entry>] {
        &self.0
    }
}

/// The world at one moment, as JSON (`GET /_mock/state`), with typed helpers.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot(pub serde_json::Value);

impl Snapshot {
    /// Charges for paid images: (payer account, instance, image, image owner, fee).
    pub fn charges(&self) -> Vec<(String, String, String, String, f64)> {
        self.0["charges"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|c| {
                let s = |k: &str| c[k].as_str().unwrap_or("").to_string();
                (
                    s("account_id"),
                    s("instance_id"),
                    s("image_id"),
                    s("image_owner_id"),
                    c["fee"].as_f64().unwrap_or(0.0),
                )
            })
            .collect()
    }

    /// Accounts an image is shared with by account ID.
    pub fn shared_with(&self, image: &str) -> Vec<String> {
        self.0["images"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|i| i["id"] == image)
            .flat_map(|i| i["shared_with"].as_array().cloned().unwrap_or_default())
            .filter_map(|a| a.as_str().map(str::to_string))
            .collect()
    }
}
