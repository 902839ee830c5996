//! Load and start-up benchmarks (a program, not a test: no timing is asserted anywhere).
//!
//! ```text
//! cargo build --release --bins --features bench
//! target/release/alicloud-mock-bench load [SECONDS] [CONNECTIONS]   # default 5 s, 32 connections
//! target/release/alicloud-mock-bench startup [RUNS]                 # default 20 runs
//! target/release/alicloud-mock-bench scale [N...]                   # default 1000 1000000
//! target/release/alicloud-mock-bench hostile                         # memory under hostile loads
//! target/release/alicloud-mock-bench nonces [N]                      # replay cache, default 3000000
//! target/release/alicloud-mock-bench serverbound [SECONDS] [ROUNDS]  # pinned, beside hello-world
//! target/release/alicloud-mock-bench goals [SECONDS] [ROUNDS]        # every goal, one table
//! ```
//!
//! `goals` and its parts (`world`, `scenario`, `journal`, `nonce-cost`) are described in
//! `benches/goals.rs`.
//!
//! `hostile` and `nonces` are described in `benches/hostile.rs`.
//!
//! `load` takes an optional third argument, the action: `DescribeRegions` (default) or
//! `DescribeImages` (RegionId cn-hangzhou, the default listing of the `member` account).
//!
//! `scale` measures, in-process through the whole request pipeline (lax auth, so no signing
//! cost), DescribeImages with ImageOwnerAlias=others and PageSize 10 for one account, when the
//! region holds N custom images of another account of which 20 are shared with it.
//!
//! `load` starts the release `alicloud-mock serve` (default scenario) and, as the baseline, a
//! bare hyper hello-world server, each as its own process, then drives each in turn from this
//! process over keep-alive connections with correctly signed V3 DescribeRegions requests
//! (a fresh nonce each; the hello-world server gets the same requests and ignores them). It
//! prints requests per second for both and their ratio.
//!
//! `startup` measures process start to readiness line on the default scenario.

#[path = "../tests/support/mod.rs"]
mod support;

mod goals;
mod hostile;
mod serverbound;

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Empty, Full};
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;

/// The allocator the `alicloud-mock` command uses, so in-process figures match the server's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("hello") => hello_server(),
        Some("load") => {
            let secs = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(5);
            let conns = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(32);
            let action = args
                .get(4)
                .cloned()
                .unwrap_or_else(|| "DescribeRegions".into());
            load(Duration::from_secs(secs), conns, &action);
        }
        Some("scale") => {
            let sizes: Vec<usize> = args[2..].iter().filter_map(|s| s.parse().ok()).collect();
            scale(if sizes.is_empty() {
                vec![1_000, 1_000_000]
            } else {
                sizes
            });
        }
        Some("serverbound") => serverbound::serverbound(
            args.get(2).and_then(|s| s.parse().ok()).unwrap_or(5),
            args.get(3).and_then(|s| s.parse().ok()).unwrap_or(3),
        ),
        Some("goals") => goals::goals(
            args.get(2).and_then(|s| s.parse().ok()).unwrap_or(5),
            args.get(3).and_then(|s| s.parse().ok()).unwrap_or(3),
        ),
        Some("world") => goals::world(
            args.get(2)
                .and_then(|s| s.parse().ok())
                .unwrap_or(1_000_000),
        ),
        Some("scenario") => {
            goals::scenario(args.get(2).and_then(|s| s.parse().ok()).unwrap_or(100_000))
        }
        Some("journal") => goals::journal(),
        Some("nonce-cost") => goals::nonce_cost(
            args.get(2)
                .and_then(|s| s.parse().ok())
                .unwrap_or(1_000_000),
        ),
        Some("startup") => startup(args.get(2).and_then(|s| s.parse().ok()).unwrap_or(20)),
        Some("hostile") => hostile::hostile(),
        Some("nonces") => hostile::nonces(
            args.get(2)
                .and_then(|s| s.parse().ok())
                .unwrap_or(3_000_000),
        ),
        _ => {
            eprintln!(
                "usage: alicloud-mock-bench load [SECONDS] [CONNECTIONS] [ACTION] | startup [RUNS] \
                 | scale [N...] | hostile | nonces [N] | serverbound [SECONDS] [ROUNDS] \
                 | goals [SECONDS] [ROUNDS] | world [N] | scenario [N] | journal | nonce-cost [N]"
            );
            std::process::exit(2);
        }
    }
}

fn mock_bin() -> std::path::PathBuf {
    std::env::var_os("ALICLOUD_MOCK_BIN")
        .map(Into::into)
        .unwrap_or_else(|| {
            std::env::current_exe()
                .unwrap()
                .with_file_name("alicloud-mock")
        })
}

/// Spawns a server process and reads its readiness line (`... http://HOST:PORT`).
fn spawn(cmd: &mut Command) -> (Child, SocketAddr) {
    let mut child = cmd
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn server");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .trim()
        .rsplit("http://")
        .next()
        .unwrap()
        .parse()
        .expect("readiness line");
    (child, addr)
}

fn hello_server() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        println!(
            "hello listening on http://{}",
            listener.local_addr().unwrap()
        );
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            let _ = stream.set_nodelay(true);
            tokio::spawn(async move {
                // `/size/N` answers N bytes (at most 64 KiB) of JSON-typed text: the baseline of
                // a bare server sending an answer as large as the mock's.
                let svc =
                    hyper::service::service_fn(|req: Request<hyper::body::Incoming>| async move {
                        static FILLER: [u8; 65536] = [b'x'; 65536];
                        let Some(n) = req.uri().path().strip_prefix("/size/") else {
                            return Ok(Response::new(Full::new(Bytes::from_static(b"hello"))));
                        };
                        let n = n.parse::<usize>().unwrap_or(0).min(FILLER.len());
                        let mut r = Response::new(Full::new(Bytes::from_static(&FILLER[..n])));
                        r.headers_mut().insert(
                            "content-type",
                            hyper::header::HeaderValue::from_static(
                                "application/json;charset=utf-8",
                            ),
                        );
                        Ok::<_, std::convert::Infallible>(r)
                    });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), svc)
                    .await;
            });
        }
    });
}

/// Drives `addr` for `dur` with `conns` keep-alive connections; returns (ok, errors, seconds).
fn drive(addr: SocketAddr, dur: Duration, conns: usize, action: &str) -> (u64, u64, f64) {
    let action = action.to_string();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let ok = Arc::new(AtomicU64::new(0));
        let bad = Arc::new(AtomicU64::new(0));
        let start = Instant::now();
        let deadline = start + dur;
        let mut tasks = Vec::new();
        for _ in 0..conns {
            let (ok, bad) = (ok.clone(), bad.clone());
            let action = action.clone();
            tasks.push(tokio::spawn(async move {
                let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
                stream.set_nodelay(true).unwrap();
                let (mut sender, conn) =
                    hyper::client::conn::http1::handshake(TokioIo::new(stream))
                        .await
                        .unwrap();
                tokio::spawn(conn);
                while Instant::now() < deadline {
                    let mut call = support::V3::new(&action, support::MEMBER_KEY);
                    if action == "DescribeImages" {
                        call = call.param("RegionId", "cn-hangzhou");
                    }
                    let (target, headers) = call.build(addr);
                    let mut req = Request::post(target);
                    req = req.header("host", addr.to_string());
                    for (k, v) in &headers {
                        req = req.header(k.as_str(), v.as_str());
                    }
                    let resp = sender
                        .send_request(req.body(Empty::<Bytes>::new()).unwrap())
                        .await
                        .unwrap();
                    let status = resp.status();
                    let _ = resp.into_body().collect().await;
                    if status == 200 {
                        ok.fetch_add(1, Ordering::Relaxed);
                    } else {
                        bad.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        (
            ok.load(Ordering::Relaxed),
            bad.load(Ordering::Relaxed),
            start.elapsed().as_secs_f64(),
        )
    })
}

fn load(dur: Duration, conns: usize, action: &str) {
    let (mut mock, mock_addr) =
        spawn(Command::new(mock_bin()).args(["serve", "--listen", "127.0.0.1:0"]));
    let (mut hello, hello_addr) =
        spawn(Command::new(std::env::current_exe().unwrap()).arg("hello"));
    println!(
        "signed V3 {action}, {conns} keep-alive connections, {} s per target, client: 1 thread",
        dur.as_secs()
    );
    // Warm up both, then alternate the two targets over several rounds: the client shares the
    // machine with the server under test, so one long run of each is easily skewed by
    // whatever else runs; the median of the per-round ratios is robust to that.
    drive(mock_addr, Duration::from_millis(500), conns, action);
    drive(hello_addr, Duration::from_millis(500), conns, action);
    let rounds = 5;
    let slice = dur / rounds;
    let (mut m_total, mut h_total, mut m_bad, mut h_bad) = (0u64, 0u64, 0u64, 0u64);
    let (mut m_secs, mut h_secs) = (0f64, 0f64);
    let mut ratios = Vec::new();
    for _ in 0..rounds {
        let (m_ok, mb, ms) = drive(mock_addr, slice, conns, action);
        let (h_ok, hb, hs) = drive(hello_addr, slice, conns, action);
        ratios.push((m_ok as f64 / ms) / (h_ok as f64 / hs));
        m_total += m_ok;
        h_total += h_ok;
        m_bad += mb;
        h_bad += hb;
        m_secs += ms;
        h_secs += hs;
    }
    ratios.sort_by(|a, b| a.total_cmp(b));
    let (m_rps, h_rps) = (m_total as f64 / m_secs, h_total as f64 / h_secs);
    println!(
        "{:<14} {:>10} {:>8} {:>12}",
        "target", "requests", "errors", "req/s"
    );
    println!(
        "{:<14} {:>10} {:>8} {:>12.0}",
        "alicloud-mock", m_total, m_bad, m_rps
    );
    println!(
        "{:<14} {:>10} {:>8} {:>12.0}",
        "hello-world", h_total, h_bad, h_rps
    );
    println!(
        "ratio alicloud-mock / hello-world: median {:.2} over {rounds} alternating rounds (min {:.2}, max {:.2})",
        ratios[ratios.len() / 2],
        ratios[0],
        ratios[ratios.len() - 1]
    );
    let _ = mock.kill();
    let _ = hello.kill();
    let _ = mock.wait();
    let _ = hello.wait();
    if m_bad > 0 {
        eprintln!("the mock answered {m_bad} requests with an error");
        std::process::exit(1);
    }
}

fn startup(runs: usize) {
    let (mut times, _) = goals::startup_times(runs);
    times.sort_by(|a, b| a.total_cmp(b));
    println!(
        "start-up to readiness line, default scenario, {runs} runs: min {:.1} ms, median {:.1} ms, max {:.1} ms",
        times[0],
        times[runs / 2],
        times[runs - 1]
    );
}

/// Resident memory of process `pid` (`self` for this one), bytes.
fn rss_of(pid: &str) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kib| kib * 1024.0)
}

/// The middle value (the upper one of an even count); 0 for none.
fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

fn scale(sizes: Vec<usize>) {
    use alicloud_mock::pipeline::{App, HttpRequest, Overrides};
    use alicloud_mock::scenario::{AuthMode, Scenario};

    let scenario = Scenario::from_str(
        "scale",
        "regions: [cn-hangzhou]\naccounts:\n  - { id: \"1000000000000001\", alias: owner }\n  - { id: \"1000000000000002\", alias: viewer }\n",
    )
    .unwrap();
    let mut per_call = Vec::new();
    for n in sizes {
        let app = App::new(
            scenario.clone(),
            &Overrides {
                auth: Some(AuthMode::Lax),
                seed: Some(1),
            },
        );
        let built = Instant::now();
        goals::build_region(&app, n);
        let build_s = built.elapsed().as_secs_f64();
        let req = HttpRequest {
            method: "GET".into(),
            path: "/".into(),
            query: "Action=DescribeImages&Version=2014-05-26&AccessKeyId=1000000000000002&RegionId=cn-hangzhou&ImageOwnerAlias=others&PageSize=10".into(),
            headers: vec![],
            body: Bytes::new(),
        };
        let first = app.handle(req.clone());
        let v: serde_json::Value = serde_json::from_slice(&first.body).unwrap();
        assert_eq!(first.status, 200, "{v}");
        assert_eq!(v["TotalCount"], 20);
        assert_eq!(v["Images"]["Image"].as_array().unwrap().len(), 10);

        let iterations = 20_000;
        let t = Instant::now();
        for _ in 0..iterations {
            let r = app.handle(req.clone());
            assert_eq!(r.status, 200);
        }
        let us = t.elapsed().as_secs_f64() * 1e6 / iterations as f64;
        println!(
            "{n:>9} images in the region: {us:8.1} us per DescribeImages(others, PageSize 10)  ({:.0} calls/s; world built in {build_s:.1} s; process RSS {:.0} MiB)",
            1e6 / us,
            rss_of("self") / 1048576.0
        );
        per_call.push(us);
        drop(app);
    }
    if per_call.len() >= 2 {
        println!(
            "ratio largest / smallest: {:.2}",
            per_call[per_call.len() - 1] / per_call[0]
        );
    }
}
