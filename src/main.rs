//! The `alicloud-mock` command: a thin clap layer over the library.

use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use alicloud_mock::scenario::{AuthMode, Scenario};
use alicloud_mock::server::Prepared;
use alicloud_mock::{MockServer, StartError};

/// mimalloc: a request allocates and frees dozens of small strings, and glibc's allocator
/// spent a quarter of the server's time on them (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "alicloud-mock",
    version,
    about = "A local Alibaba Cloud image-sharing emulator"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the mock.
    Serve(Box<ServeArgs>),
    /// Check scenario files; print file:line:col errors and exit 1 if any is invalid.
    Validate {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// List every supported product, API version and action.
    Actions,
    /// Exit 0 if a running mock answers /_mock/health.
    Health {
        /// The mock's URL; default: the ready file's, else http:// + $ALICLOUD_MOCK_LISTEN,
        /// else http://127.0.0.1:4590.
        #[arg(long)]
        url: Option<String>,
        /// The file `serve --ready-file` wrote (URL and admin token), however the server
        /// was started.
        #[arg(long, env = "ALICLOUD_MOCK_READY_FILE")]
        ready_file: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

#[derive(clap::Args)]
struct ServeArgs {
    /// Address to bind; port 0 = any free port.
    #[arg(long, env = "ALICLOUD_MOCK_LISTEN", default_value = "127.0.0.1:4590")]
    listen: SocketAddr,
    /// Scenario file(s) to load; several merge in order. Default: the embedded scenario.
    #[arg(
        long = "scenario",
        env = "ALICLOUD_MOCK_SCENARIO",
        value_delimiter = ':'
    )]
    scenarios: Vec<PathBuf>,
    /// Signature checking; default: the scenario's `auth`, else strict.
    #[arg(long, env = "ALICLOUD_MOCK_AUTH", value_parser = parse_auth)]
    auth: Option<AuthMode>,
    /// Seed for IDs and RequestIds; default: the scenario's `seed`, else random.
    #[arg(long, env = "ALICLOUD_MOCK_SEED")]
    seed: Option<u64>,
    /// WireMock-style stub mapping files (*.json, *.yaml, *.yml) below these directories.
    #[arg(
        long = "fixtures",
        env = "ALICLOUD_MOCK_FIXTURES",
        value_delimiter = ':'
    )]
    fixtures: Vec<PathBuf>,
    /// Load the world from this file at start if it exists; save it there on shutdown.
    #[arg(long, env = "ALICLOUD_MOCK_STATE_FILE")]
    state_file: Option<PathBuf>,
    /// Requests kept in the journal (oldest dropped).
    #[arg(long, env = "ALICLOUD_MOCK_JOURNAL_LIMIT", default_value_t = 1000)]
    journal_limit: usize,
    /// Seconds a connection may take to send a request's headers, counted from its opening
    /// or its previous answer (idle keep-alive connections close after it).
    #[arg(long, env = "ALICLOUD_MOCK_HEADER_TIMEOUT", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    header_timeout: u64,
    /// Seconds a request body may take to arrive; later is answered 408.
    #[arg(long, env = "ALICLOUD_MOCK_BODY_TIMEOUT", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    body_timeout: u64,
    /// Connections served at once; more wait in the listen backlog until one closes.
    #[arg(long, env = "ALICLOUD_MOCK_MAX_CONNECTIONS", default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    max_connections: u64,
    /// If set, /_mock/* and /__admin/* require `Authorization: Bearer TOKEN`.
    #[arg(long, env = "ALICLOUD_MOCK_ADMIN_TOKEN")]
    admin_token: Option<String>,
    /// More hosts answered as a proxy besides *.aliyuncs.com: names or *.suffix patterns.
    #[arg(
        long = "proxy-allow",
        env = "ALICLOUD_MOCK_PROXY_ALLOW",
        value_delimiter = ','
    )]
    proxy_allow: Vec<String>,
    /// PEM certificate of the CA that signs the mock's TLS certificates (with --ca-key);
    /// default: a CA generated at start.
    #[arg(long, env = "ALICLOUD_MOCK_CA_CERT", requires = "ca_key")]
    ca_cert: Option<PathBuf>,
    /// PEM private key of the --ca-cert CA.
    #[arg(long, env = "ALICLOUD_MOCK_CA_KEY", requires = "ca_cert")]
    ca_key: Option<PathBuf>,
    /// Write the URL and admin token to this file (mode 0600) before the readiness line, for
    /// `alicloud-mock health` (a container health check); removed at shutdown.
    #[arg(long, env = "ALICLOUD_MOCK_READY_FILE")]
    ready_file: Option<PathBuf>,
    /// Write the CA certificate (PEM) to this file before the readiness line.
    #[arg(long, env = "ALICLOUD_MOCK_CA_OUT")]
    ca_out: Option<PathBuf>,
    /// Log format (logs go to stderr; RUST_LOG sets the level).
    #[arg(
        long,
        env = "ALICLOUD_MOCK_LOG_FORMAT",
        value_enum,
        default_value = "text"
    )]
    log_format: LogFormat,
}

fn parse_auth(s: &str) -> Result<AuthMode, String> {
    match s {
        "strict" => Ok(AuthMode::Strict),
        "lax" => Ok(AuthMode::Lax),
        _ => Err("expected strict or lax".into()),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Serve(args) => serve(*args),
        Command::Validate { files } => validate(&files),
        Command::Actions => {
            for p in alicloud_mock::products::PRODUCTS {
                for a in p.all_actions() {
                    println!("{}\t{}\t{}", p.name, p.version, a.name);
                }
            }
            ExitCode::SUCCESS
        }
        Command::Health { url, ready_file } => health(url, ready_file),
    }
}

fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    // Colour only on a terminal, and never with NO_COLOR set (https://no-color.org).
    let colour = std::io::IsTerminal::is_terminal(&std::io::stderr())
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(colour)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
}

fn serve(args: ServeArgs) -> ExitCode {
    init_logging(args.log_format);
    let mut builder = MockServer::builder()
        .listen(args.listen)
        .journal_limit(args.journal_limit)
        .header_timeout(std::time::Duration::from_secs(args.header_timeout))
        .body_timeout(std::time::Duration::from_secs(args.body_timeout))
        .max_connections(args.max_connections as usize);
    if !args.scenarios.is_empty() {
        match Scenario::from_files(&args.scenarios) {
            Ok(s) => builder = builder.scenario(s),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        }
    }
    if let Some(mode) = args.auth {
        builder = builder.auth(mode);
    }
    if let Some(seed) = args.seed {
        builder = builder.seed(seed);
    }
    if let Some(token) = args.admin_token.clone().filter(|t| !t.is_empty()) {
        builder = builder.admin_token(token);
    }
    if let Some(path) = &args.state_file {
        builder = builder.state_file(path);
    }
    builder = builder.proxy_allow(args.proxy_allow.iter().filter(|h| !h.is_empty()).cloned());
    if let (Some(cert), Some(key)) = (&args.ca_cert, &args.ca_key) {
        let read =
            |p: &PathBuf| std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()));
        match (read(cert), read(key)) {
            (Ok(c), Ok(k)) => builder = builder.ca_pem(c, k),
            (Err(e), _) | (_, Err(e)) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        }
    }
    for dir in &args.fixtures {
        match builder.fixtures_dir(dir) {
            Ok(b) => builder = b,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        }
    }
    let Prepared {
        app,
        listener,
        addr,
        state_file,
    } = match builder.prepare() {
        Ok(p) => p,
        Err(
            e @ (StartError::Scenario(_)
            | StartError::Fixtures(_)
            | StartError::State(_)
            | StartError::Tls(_)),
        ) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("cannot bind {}: {e}", args.listen);
            return ExitCode::FAILURE;
        }
    };
    if let Some(path) = &args.ready_file {
        let ready = ReadyFile {
            url: local_url(&addr.to_string()),
            admin_token: args.admin_token.clone().filter(|t| !t.is_empty()),
        };
        if let Err(e) = write_ready_file(path, &ready) {
            eprintln!("cannot write the ready file {}: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    if let Some(out) = &args.ca_out {
        let written = app
            .ca_pem()
            .and_then(|pem| std::fs::write(out, pem).map_err(|e| e.to_string()));
        if let Err(e) = written {
            eprintln!("cannot write the CA to {}: {e}", out.display());
            return ExitCode::from(2);
        }
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::from_std(listener) {
            Ok(l) => l,
            Err(e) => {
                eprintln!("cannot register the listener: {e}");
                return ExitCode::FAILURE;
            }
        };
        let shutdown = match shutdown_signal() {
            Ok(f) => f,
            Err(e) => {
                eprintln!("cannot install signal handlers: {e}");
                return ExitCode::FAILURE;
            }
        };
        {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "alicloud-mock listening on http://{addr}");
            let _ = out.flush();
        }
        tracing::info!(scenario = %app.world().scenario.name(), auth = ?app.auth_mode(), "ready");
        alicloud_mock::server::serve(listener, app.clone(), shutdown).await;
        if let Some(path) = &state_file {
            if let Err(e) = app.persist() {
                eprintln!("cannot save state to {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
            tracing::info!(file = %path.display(), "state saved");
        }
        if let Some(path) = &args.ready_file {
            let _ = std::fs::remove_file(path);
        }
        tracing::info!("stopped");
        ExitCode::SUCCESS
    })
}

/// Registers SIGINT and SIGTERM handlers now (before readiness is announced, so an early
/// signal is never fatal) and returns a future that completes on either.
#[cfg(unix)]
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut term = signal(SignalKind::terminate())?;
    let mut int = signal(SignalKind::interrupt())?;
    Ok(async move {
        tokio::select! {
            _ = int.recv() => {}
            _ = term.recv() => {}
        }
    })
}

#[cfg(not(unix))]
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}

/// Whether a file holds stub mappings (`mappings` or `request` at the top) rather than a scenario.
fn is_fixture(path: &std::path::Path) -> bool {
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    // Without the text of either key (and no escape that could spell one), no parse is
    // needed: a scenario of 100 k images is not read twice to learn it is not a fixture.
    if !text.contains("mappings") && !text.contains("request") && !text.contains('\\') {
        return false;
    }
    // A document past the nesting or alias limits is reported as a scenario would be.
    if alicloud_mock::scenario::limits::check(&text).is_err() {
        return false;
    }
    /// The top-level keys that make a fixture; the rest of the document is skipped, not
    /// built (a scenario of 100 k images is read through without a tree of values).
    #[derive(serde::Deserialize)]
    struct Top {
        mappings: Option<serde::de::IgnoredAny>,
        request: Option<serde::de::IgnoredAny>,
    }
    let top: Option<Top> = if path.extension().is_some_and(|e| e == "json") {
        serde_json::from_str(&text).ok()
    } else {
        serde_norway::from_str(&text).ok()
    };
    top.is_some_and(|t| t.mappings.is_some() || t.request.is_some())
}

fn validate(files: &[PathBuf]) -> ExitCode {
    let mut ok = true;
    let (fixtures, scenarios): (Vec<&PathBuf>, Vec<&PathBuf>) =
        files.iter().partition(|f| is_fixture(f));
    for f in fixtures {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        match alicloud_mock::control::stubs::parse_text(
            &f.display().to_string(),
            &text,
            &mut || String::from("x"),
        ) {
            Ok(stubs) => println!("{}: ok ({} stub mappings)", f.display(), stubs.len()),
            Err(e) => {
                ok = false;
                eprintln!("{e}");
            }
        }
    }
    // Scenario files merge in order, exactly as `serve --scenario A --scenario B` merges them.
    if !scenarios.is_empty() {
        let names: Vec<String> = scenarios.iter().map(|f| f.display().to_string()).collect();
        match Scenario::from_files(&scenarios) {
            Ok(_) => println!("{}: ok", names.join(" + ")),
            Err(e) => {
                ok = false;
                eprintln!("{e}");
            }
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// What `serve --ready-file` writes: where the mock answers and the token it asks for.
#[derive(serde::Serialize, serde::Deserialize)]
struct ReadyFile {
    url: String,
    admin_token: Option<String>,
}

/// The mock's URL as a local client reaches it (a server on 0.0.0.0 answers on loopback).
fn local_url(addr: &str) -> String {
    format!(
        "http://{}",
        addr.replace("0.0.0.0", "127.0.0.1")
            .replace("[::]", "[::1]")
    )
}

fn write_ready_file(path: &std::path::Path, ready: &ReadyFile) -> std::io::Result<()> {
    use std::io::Write as _;
    let tmp = path.with_extension("tmp");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut f = options.open(&tmp)?;
    f.write_all(&serde_json::to_vec(ready).map_err(std::io::Error::other)?)?;
    f.sync_all()?;
    std::fs::rename(&tmp, path)
}

fn health(url: Option<String>, ready_file: Option<PathBuf>) -> ExitCode {
    let ready: Option<ReadyFile> = ready_file
        .as_ref()
        .and_then(|p| std::fs::read(p).ok())
        .and_then(|b| serde_json::from_slice(&b).ok());
    let url = url
        .or_else(|| ready.as_ref().map(|r| r.url.clone()))
        .unwrap_or_else(|| {
            let listen =
                std::env::var("ALICLOUD_MOCK_LISTEN").unwrap_or_else(|_| "127.0.0.1:4590".into());
            local_url(&listen)
        });
    // A container with an admin token set checks itself with the same token.
    let token = ready
        .and_then(|r| r.admin_token)
        .or_else(|| std::env::var("ALICLOUD_MOCK_ADMIN_TOKEN").ok())
        .filter(|t| !t.is_empty());
    let health_url = format!("{}/_mock/health", url.trim_end_matches('/'));
    match alicloud_mock::server::http_get_blocking(&health_url, token.as_deref()) {
        Ok((200, body)) if body.contains("\"status\":\"ok\"") => {
            println!("{body}");
            ExitCode::SUCCESS
        }
        Ok((status, body)) => {
            eprintln!("unhealthy: HTTP {status}: {body}");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("unhealthy: {e}");
            ExitCode::FAILURE
        }
    }
}
