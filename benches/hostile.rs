//! `alicloud-mock-bench hostile`: the release server under each hostile load of
//! docs/security-and-limits.md, one fresh server process per load, reporting what the load
//! got back, how long `/_mock/health` took at worst while it ran, and the server's peak
//! resident memory (`VmHWM` from `/proc/<pid>/status`). `nonces` measures the replay cache
//! in this process instead (filling a real server with millions of signed requests takes
//! minutes and measures the same structure).
//!
//! Nothing is asserted: the figures are for docs/security-and-limits.md and are read by a
//! person beside the documented limits.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use crate::support::{alias_bomb, form, rpc_params, send, Resp, OWNER_KEY, PLAIN};

struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Server {
    fn start(extra: &[&str]) -> Server {
        let mut cmd = Command::new(crate::mock_bin());
        cmd.args(["serve", "--listen", "127.0.0.1:0"]).args(extra);
        let (child, addr) = crate::spawn(&mut cmd);
        Server { child, addr }
    }

    /// (peak, current) resident memory in MiB.
    fn memory(&self) -> (f64, f64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let field = |name: &str| {
            status
                .lines()
                .find(|l| l.starts_with(name))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
                .unwrap_or(0.0)
                / 1024.0
        };
        (field("VmHWM:"), field("VmRSS:"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Polls `/_mock/health` every 20 ms while it lives; the slowest answer in ms.
struct HealthWatch {
    stop: Arc<AtomicBool>,
    worst_us: Arc<AtomicU64>,
    handle: Option<thread::JoinHandle<()>>,
}

impl HealthWatch {
    fn start(addr: SocketAddr) -> HealthWatch {
        let stop = Arc::new(AtomicBool::new(false));
        let worst_us = Arc::new(AtomicU64::new(0));
        let (s, w) = (stop.clone(), worst_us.clone());
        let handle = thread::spawn(move || {
            while !s.load(Ordering::Relaxed) {
                let t = Instant::now();
                let r = send(addr, "GET", "/_mock/health", &[], b"");
                assert_eq!(r.status, 200);
                w.fetch_max(t.elapsed().as_micros() as u64, Ordering::Relaxed);
                thread::sleep(Duration::from_millis(20));
            }
        });
        HealthWatch {
            stop,
            worst_us,
            handle: Some(handle),
        }
    }

    fn finish(mut self) -> f64 {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
        self.worst_us.load(Ordering::Relaxed) as f64 / 1000.0
    }
}

struct Row {
    load: &'static str,
    outcome: String,
    seconds: f64,
    health_ms: f64,
    peak_mib: f64,
    after_mib: f64,
}

fn run(load: &'static str, extra: &[&str], f: impl FnOnce(SocketAddr, u32) -> String) -> Row {
    let server = Server::start(extra);
    let watch = HealthWatch::start(server.addr);
    let t = Instant::now();
    let outcome = f(server.addr, server.child.id());
    let seconds = t.elapsed().as_secs_f64();
    let health_ms = watch.finish();
    let (peak_mib, after_mib) = server.memory();
    Row {
        load,
        outcome,
        seconds,
        health_ms,
        peak_mib,
        after_mib,
    }
}

/// "3x 200, 1x 400 Code": answers counted by status and code.
fn counts<T: Ord + std::fmt::Display>(answers: impl IntoIterator<Item = T>) -> String {
    let mut counts = std::collections::BTreeMap::new();
    for a in answers {
        *counts.entry(a).or_insert(0) += 1;
    }
    counts
        .iter()
        .map(|(a, n)| format!("{n}x {a}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An answer's status and, if it has one, its error code.
fn label(r: &Resp) -> String {
    match serde_json::from_str::<serde_json::Value>(&r.body)
        .ok()
        .and_then(|v| v["Code"].as_str().map(str::to_string))
    {
        Some(code) => format!("{} {code}", r.status),
        None => r.status.to_string(),
    }
}

/// `n` requests at once, each from its own thread; their statuses.
fn parallel(n: usize, f: impl Fn(usize) -> String + Send + Sync + 'static) -> String {
    let f = Arc::new(f);
    let handles: Vec<_> = (0..n)
        .map(|i| {
            let f = f.clone();
            thread::spawn(move || f(i))
        })
        .collect();
    counts(handles.into_iter().map(|h| h.join().unwrap()))
}

fn form_post(addr: SocketAddr, body: &[u8]) -> String {
    let headers = [(
        "content-type".to_string(),
        "application/x-www-form-urlencoded".to_string(),
    )];
    label(&send(addr, "POST", "/", &headers, body))
}

fn many_keys() -> Vec<u8> {
    (0..100_000)
        .map(|i| format!("k{i:06}=v"))
        .collect::<Vec<_>>()
        .join("&")
        .into_bytes()
}

fn many_tags() -> Vec<u8> {
    let mut p = rpc_params(
        "POST",
        "DescribeImages",
        "2014-05-26",
        OWNER_KEY,
        &[("RegionId", "cn-hangzhou")],
    );
    p.retain(|(k, _)| k != "Signature");
    let mut body = form(&p);
    for i in 1..=60_000 {
        body.push_str(&format!("&Tag.{i}.Key=k"));
    }
    body.into_bytes()
}

/// Opens `n` connections that announce a body of `len` bytes, send all but its last byte and
/// wait; returns what each got once the server gave up on it.
fn held_bodies(addr: SocketAddr, n: usize, len: usize) -> String {
    let chunk = vec![b'a'; len - 1];
    let mut conns: Vec<TcpStream> = (0..n)
        .map(|_| {
            let mut c = TcpStream::connect(addr).unwrap();
            let head = format!(
                "POST / HTTP/1.1\r\nhost: x\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: {len}\r\n\r\n"
            );
            c.write_all(head.as_bytes()).unwrap();
            c
        })
        .collect();
    for c in &mut conns {
        c.write_all(&chunk).unwrap();
    }
    let statuses = conns.into_iter().map(|mut c| {
        c.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        let mut head = [0u8; 12];
        match c.read_exact(&mut head) {
            Ok(()) => String::from_utf8_lossy(&head[9..12]).parse().unwrap_or(0),
            Err(_) => 0,
        }
    });
    counts(statuses)
}

/// Opens `n` connections that send nothing; how long a request on one more took, and how
/// many descriptors the server held meanwhile.
fn idle_connections(addr: SocketAddr, n: usize, pid: u32) -> String {
    let idle: Vec<TcpStream> = (0..n).map(|_| TcpStream::connect(addr).unwrap()).collect();
    let fds = std::fs::read_dir(format!("/proc/{pid}/fd")).map_or(0, |d| d.count());
    let t = Instant::now();
    let r = send(addr, "GET", "/_mock/health", &[], b"");
    let waited = t.elapsed().as_secs_f64();
    drop(idle);
    format!(
        "{n} idle, server holding {fds} descriptors; one more answered {} after {waited:.1} s",
        r.status
    )
}

fn signed(action: &str, extra: &[(&str, &str)]) -> Vec<u8> {
    form(&rpc_params("POST", action, "2014-05-26", OWNER_KEY, extra)).into_bytes()
}

pub fn hostile() {
    let quick = ["--header-timeout", "3", "--body-timeout", "3"];
    let mut rows = Vec::new();
    rows.push(run(
        "4 unsigned form bodies of 100,000 distinct keys (790 KB)",
        &[],
        |a, _| {
            let body = Arc::new(many_keys());
            parallel(4, move |_| form_post(a, &body))
        },
    ));
    rows.push(run(
        "4 DescribeImages with 60,000 Tag.N.Key (lax auth)",
        &["--auth", "lax"],
        |a, _| {
            let body = Arc::new(many_tags());
            parallel(4, move |_| form_post(a, &body))
        },
    ));
    rows.push(run(
        "scenario aliasing one account 4^11 times (POST /_mock/scenario)",
        &[],
        |a, _| {
            let h = [("content-type".into(), "application/yaml".into())];
            let r = send(a, "POST", "/_mock/scenario", &h, alias_bomb().as_bytes());
            format!("{} {}", r.status, r.body.trim())
        },
    ));
    rows.push(run(
        "scenario nested 100,000 deep (POST /_mock/scenario)",
        &[],
        |a, _| {
            let h = [("content-type".into(), "application/yaml".into())];
            let body = format!("accounts: {}", "[".repeat(100_000));
            let r = send(a, "POST", "/_mock/scenario", &h, body.as_bytes());
            format!("{} {}", r.status, r.body.trim())
        },
    ));
    rows.push(run(
        "200 connections holding 1 MiB-1 of a 1 MiB body (3 s body timeout)",
        &quick,
        |a, _| held_bodies(a, 200, 1 << 20),
    ));
    rows.push(run(
        "150 idle connections, limit 100 (3 s header timeout)",
        &["--header-timeout", "3", "--max-connections", "100"],
        |a, pid| idle_connections(a, 150, pid),
    ));
    rows.push(run(
        "RunInstances Amount=100 with a 1 MB InstanceType, then 12 valid ones",
        &[],
        |a, _| {
            let kind = "x".repeat(1_000_000);
            let huge = signed(
                "RunInstances",
                &[
                    ("RegionId", "cn-hangzhou"),
                    ("ImageId", PLAIN),
                    ("InstanceType", &kind),
                    ("Amount", "100"),
                ],
            );
            let mut statuses = vec![form_post(a, &huge)];
            for _ in 0..12 {
                let ok = signed(
                    "RunInstances",
                    &[
                        ("RegionId", "cn-hangzhou"),
                        ("ImageId", PLAIN),
                        ("InstanceType", "ecs.g7.large"),
                        ("Amount", "100"),
                    ],
                );
                statuses.push(form_post(a, &ok));
            }
            counts(statuses)
        },
    ));
    rows.push(run(
        "1,500 requests with 1 MB bodies and 90 headers of 4 KiB, then GET /__admin/requests",
        &[],
        |a, _| {
            let padding = "p".repeat(1_000_000);
            let mut headers: Vec<(String, String)> = (0..90)
                .map(|i| (format!("x-pad-{i}"), "h".repeat(4096)))
                .collect();
            headers.push((
                "content-type".into(),
                "application/x-www-form-urlencoded".into(),
            ));
            let mut statuses = Vec::new();
            for _ in 0..1_500 {
                let body = signed("DescribeRegions", &[("Padding", &padding)]);
                statuses.push(label(&send(a, "POST", "/", &headers, &body)));
            }
            let r = send(a, "GET", "/__admin/requests", &[], b"");
            format!(
                "{}; journal listing {} ({:.0} MB)",
                counts(statuses),
                r.status,
                r.body.len() as f64 / 1e6
            )
        },
    ));
    println!(
        "| load | answers | seconds | slowest health (ms) | peak RSS (MiB) | RSS after (MiB) |"
    );
    println!("|---|---|---|---|---|---|");
    for r in rows {
        println!(
            "| {} | {} | {:.2} | {:.1} | {:.1} | {:.1} |",
            r.load, r.outcome, r.seconds, r.health_ms, r.peak_mib, r.after_mib
        );
    }
}

/// The replay cache's resident cost: `n` distinct nonces inserted into a real cache.
pub fn nonces(n: u64) {
    use alicloud_mock::pipeline::auth::NonceCache;
    let rss = || super::rss_of("self") / 1048576.0;
    let before = rss();
    let cache = NonceCache::default();
    let t = Instant::now();
    let mut peak = 0.0f64;
    for i in 0..n {
        cache.check_and_insert(
            format!("LTAI5tOwner0000000001:{i:032x}"),
            1_000_000 + (i / 20) as i64,
        );
        if i % 100_000 == 0 {
            peak = peak.max(rss() - before);
        }
    }
    peak = peak.max(rss() - before);
    println!(
        "{n} nonces in {:.1} s: {} held, peak {peak:.1} MiB above the empty cache",
        t.elapsed().as_secs_f64(),
        cache.len(),
    );
}
