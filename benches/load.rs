//! Load and start-up benchmarks (a program, not a test: no timing is asserted anywhere).
//!
//! ```text
//! cargo build --release --bins
//! target/release/alicloud-mock-bench load [SECONDS] [CONNECTIONS]   # default 5 s, 32 connections
//! target/release/alicloud-mock-bench startup [RUNS]                 # default 20 runs
//! ```
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

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("hello") => hello_server(),
        Some("load") => {
            let secs = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(5);
            let conns = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(32);
            load(Duration::from_secs(secs), conns);
        }
        Some("startup") => startup(args.get(2).and_then(|s| s.parse().ok()).unwrap_or(20)),
        _ => {
            eprintln!("usage: alicloud-mock-bench load [SECONDS] [CONNECTIONS] | startup [RUNS]");
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
                let svc = hyper::service::service_fn(|_req| async {
                    Ok::<_, std::convert::Infallible>(Response::new(Full::new(Bytes::from_static(
                        b"hello",
                    ))))
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), svc)
                    .await;
            });
        }
    });
}

/// Drives `addr` for `dur` with `conns` keep-alive connections; returns (ok, errors, seconds).
fn drive(addr: SocketAddr, dur: Duration, conns: usize) -> (u64, u64, f64) {
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
            tasks.push(tokio::spawn(async move {
                let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
                stream.set_nodelay(true).unwrap();
                let (mut sender, conn) =
                    hyper::client::conn::http1::handshake(TokioIo::new(stream))
                        .await
                        .unwrap();
                tokio::spawn(conn);
                while Instant::now() < deadline {
                    let (target, headers) =
                        support::V3::new("DescribeRegions", support::OWNER_KEY).build(addr);
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

fn load(dur: Duration, conns: usize) {
    let (mut mock, mock_addr) =
        spawn(Command::new(mock_bin()).args(["serve", "--listen", "127.0.0.1:0"]));
    let (mut hello, hello_addr) =
        spawn(Command::new(std::env::current_exe().unwrap()).arg("hello"));
    println!("signed V3 DescribeRegions, {conns} keep-alive connections, {} s per target, client: 1 thread", dur.as_secs());
    // Warm up both.
    drive(mock_addr, Duration::from_millis(500), conns);
    drive(hello_addr, Duration::from_millis(500), conns);
    let (m_ok, m_bad, m_s) = drive(mock_addr, dur, conns);
    let (h_ok, h_bad, h_s) = drive(hello_addr, dur, conns);
    let (m_rps, h_rps) = (m_ok as f64 / m_s, h_ok as f64 / h_s);
    println!(
        "{:<14} {:>10} {:>8} {:>12}",
        "target", "requests", "errors", "req/s"
    );
    println!(
        "{:<14} {:>10} {:>8} {:>12.0}",
        "alicloud-mock", m_ok, m_bad, m_rps
    );
    println!(
        "{:<14} {:>10} {:>8} {:>12.0}",
        "hello-world", h_ok, h_bad, h_rps
    );
    println!("ratio alicloud-mock / hello-world: {:.2}", m_rps / h_rps);
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
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let (mut child, _) =
            spawn(Command::new(mock_bin()).args(["serve", "--listen", "127.0.0.1:0"]));
        times.push(t.elapsed());
        let _ = child.kill();
        let _ = child.wait();
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "start-up to readiness line, default scenario, {runs} runs: min {:.1} ms, median {:.1} ms, max {:.1} ms",
        ms(times[0]),
        ms(times[runs / 2]),
        ms(times[runs - 1])
    );
}
