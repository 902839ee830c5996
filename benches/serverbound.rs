//! `alicloud-mock-bench serverbound [SECONDS] [ROUNDS]`: the server's own speed, with the load
//! generator kept off its CPU (docs/performance.md).
//!
//! Every server runs pinned to CPU 0 (`taskset -c 0`), `wrk` (Debian's) pinned to CPU 1 with
//! one thread and 32 keep-alive connections, so the client never shares the server's core. In
//! each round every case runs once, in turn, beside a bare hyper hello-world server; the
//! table gives the median requests per second over the rounds, the ratio to hello-world's
//! median, and the server's CPU time per request (user + system, from `/proc/<pid>/stat`),
//! which does not depend on the client at all.
//!
//! Beside each answer of the mock, the same hello-world server also sends a static body of
//! the same length (`/size/N`): the cost of the bytes alone through hyper and the kernel,
//! which no handler can go below.
//!
//! Cases: DescribeImages (the `member` account's default listing) and DescribeRegions with
//! `--auth lax` (no signature to check), ModifyImageSharePermission alternating add and remove
//! (lax), 32 writers on 32 different images (lax), and DescribeImages with strict V3
//! signatures: a pool of requests signed beforehand with distinct nonces, replayed once each
//! by wrk, so the client does no signing.

use std::io::Write;
use std::net::SocketAddr;
use std::process::{Child, Command};

use super::{median, support};

const CONNECTIONS: usize = 32;

struct Case {
    name: String,
    /// Which server: `hello`, `lax` or `strict`.
    server: &'static str,
    /// A wrk Lua script (its `request` function), or None for a plain GET of `path`.
    script: Option<String>,
    path: String,
}

/// A wrk script that sends `requests` (raw HTTP/1.1 requests) in turn, each thread from
/// its own position, wrapping around.
fn cycle_script(requests: &[String], dir: &std::path::Path, name: &str) -> String {
    let data = dir.join(format!("{name}.requests"));
    let mut f = std::io::BufWriter::new(std::fs::File::create(&data).unwrap());
    for r in requests {
        f.write_all(r.as_bytes()).unwrap();
        f.write_all(b"\x00").unwrap();
    }
    f.flush().unwrap();
    format!(
        r#"local reqs = {{}}
local f = assert(io.open("{}", "rb"))
local all = f:read("*a")
f:close()
for r in string.gmatch(all, "([^%z]+)%z") do reqs[#reqs + 1] = r end
local i = 0
request = function()
  i = i + 1
  if i > #reqs then i = 1 end
  return reqs[i]
end
"#,
        data.display()
    )
}

fn raw_get(host: &str, path: &str) -> String {
    format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n")
}

fn lax_path(action: &str, key: &str, extra: &str) -> String {
    format!("/?Action={action}&Version=2014-05-26&AccessKeyId={key}&RegionId=cn-hangzhou{extra}")
}

/// Requests signed now with V3 and distinct nonces (the strict server accepts each once).
fn signed_pool(addr: SocketAddr, n: usize) -> Vec<String> {
    (0..n)
        .map(|_| {
            let call = support::V3::new("DescribeImages", support::MEMBER_KEY)
                .param("RegionId", "cn-hangzhou");
            let (target, headers) = call.build(addr);
            let mut r = format!("POST {target} HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 0\r\n");
            for (k, v) in &headers {
                r.push_str(&format!("{k}: {v}\r\n"));
            }
            r.push_str("\r\n");
            r
        })
        .collect()
}

fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name (which is in parentheses): utime is the 14th field.
    let rest = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let n = |i: usize| f.get(i).and_then(|s| s.parse::<u64>().ok()).unwrap_or(0);
    n(11) + n(12)
}

fn ticks_per_second() -> f64 {
    let out = Command::new("getconf").arg("CLK_TCK").output();
    out.ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100.0)
}

/// One wrk run; returns (requests per second, non-2xx answers, requests).
fn wrk(addr: SocketAddr, secs: u64, case: &Case, dir: &std::path::Path) -> (f64, u64, u64) {
    let mut cmd = Command::new("taskset");
    cmd.args(["-c", "1", "wrk", "-t1"])
        .arg(format!("-c{CONNECTIONS}"))
        .arg(format!("-d{secs}s"));
    if let Some(script) = &case.script {
        let file: String = case
            .name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let path = dir.join(format!("{file}.lua"));
        std::fs::write(&path, script).unwrap();
        cmd.arg("-s").arg(path);
    }
    cmd.arg(format!("http://{addr}{}", case.path));
    let out = cmd.output().expect("run wrk (apt-get install wrk)");
    let text = String::from_utf8_lossy(&out.stdout);
    let rps = text
        .lines()
        .find_map(|l| l.strip_prefix("Requests/sec:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0.0);
    let non2xx = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("Non-2xx or 3xx responses:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    let total = text
        .lines()
        .find_map(|l| {
            l.split_once(" requests in ")
                .map(|(n, _)| n.trim().to_string())
        })
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    (rps, non2xx, total)
}

fn pinned(program: &std::path::Path, args: &[&str]) -> (Child, SocketAddr) {
    let mut cmd = Command::new("taskset");
    cmd.args(["-c", "0"]).arg(program).args(args);
    super::spawn(&mut cmd)
}

/// One measured case.
pub struct Row {
    pub name: String,
    pub rps: f64,
    /// Requests per second over hello-world's.
    pub ratio: f64,
    /// Server CPU time per request, microseconds.
    pub cpu_us: f64,
    pub non2xx: u64,
}

/// The measurement: the method line and one row per case, hello-world first.
pub struct Report {
    pub method: String,
    pub rows: Vec<Row>,
}

impl Report {
    /// The method line, then the table of cases.
    pub fn print(&self) {
        println!("{}", self.method);
        println!();
        println!(
            "| case | req/s (median) | ratio to hello-world | server CPU per request | non-2xx |"
        );
        println!("|---|---|---|---|---|");
        for r in &self.rows {
            println!(
                "| {} | {:.0} | {:.2} | {:.1} us | {} |",
                r.name, r.rps, r.ratio, r.cpu_us, r.non2xx
            );
        }
    }
}

pub fn serverbound(secs: u64, rounds: usize) {
    measure(secs, rounds).print();
}

/// The size of the mock's answer to a GET of `path`.
fn answer_size(addr: SocketAddr, path: &str) -> usize {
    let r = support::send(addr, "GET", path, &[], b"");
    assert_eq!(r.status, 200, "{path}: {}", r.body);
    r.body.len()
}

pub fn measure(secs: u64, rounds: usize) -> Report {
    for tool in ["wrk", "taskset"] {
        if Command::new("sh")
            .args(["-c", &format!("command -v {tool}")])
            .output()
            .map(|o| !o.status.success())
            .unwrap_or(true)
        {
            eprintln!("serverbound needs {tool} (Debian: apt-get install wrk util-linux)");
            std::process::exit(2);
        }
    }
    let dir =
        std::env::temp_dir().join(format!("alicloud-mock-serverbound-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mock = super::mock_bin();
    let me = std::env::current_exe().unwrap();
    let (mut hello, hello_addr) = pinned(&me, &["hello"]);
    let (mut lax, lax_addr) = pinned(
        &mock,
        &["serve", "--listen", "127.0.0.1:0", "--auth", "lax"],
    );
    let (mut strict, strict_addr) = pinned(&mock, &["serve", "--listen", "127.0.0.1:0"]);
    let host = lax_addr.to_string();
    let owner = support::OWNER_KEY.0;
    let member = support::MEMBER_KEY.0;
    let member_id = support::MEMBER_ID;
    let share = |op: &str, image: &str| {
        raw_get(
            &host,
            &lax_path(
                "ModifyImageSharePermission",
                owner,
                &format!("&ImageId={image}&{op}.1={member_id}"),
            ),
        )
    };
    // Thirty-two images of the owner to write to at once, merged into the lax world.
    let images: Vec<String> = (0..CONNECTIONS)
        .map(|i| format!("m-bp1bench{i:011}"))
        .collect();
    let yaml = format!(
        "images:\n{}",
        images
            .iter()
            .map(|id| format!(
                "  - {{ id: {id}, owner: owner, region: cn-hangzhou, name: {id} }}\n"
            ))
            .collect::<String>()
    );
    let merged = support::send(
        lax_addr,
        "POST",
        "/_mock/scenario?merge=true",
        &[],
        yaml.as_bytes(),
    );
    assert_eq!(
        merged.status, 200,
        "merge the bench images: {}",
        merged.body
    );
    let alternating = vec![
        share("AddAccount", support::PLAIN),
        share("RemoveAccount", support::PLAIN),
    ];
    let spread: Vec<String> = images
        .iter()
        .flat_map(|img| [share("AddAccount", img), share("RemoveAccount", img)])
        .collect();
    let images_path = lax_path("DescribeImages", member, "");
    let regions_path = lax_path("DescribeRegions", member, "");
    let images_size = answer_size(lax_addr, &images_path);
    let regions_size = answer_size(lax_addr, &regions_path);
    let case = |name: String, server: &'static str, script: Option<String>, path: String| Case {
        name,
        server,
        script,
        path,
    };
    let mut cases = [
        case("hello-world".into(), "hello", None, "/".into()),
        case(
            format!("DescribeImages lax ({images_size} bytes)"),
            "lax",
            None,
            images_path,
        ),
        case(
            format!("  static {images_size}-byte answer, same server as hello-world"),
            "hello",
            None,
            format!("/size/{images_size}"),
        ),
        case(
            format!("DescribeRegions lax ({regions_size} bytes)"),
            "lax",
            None,
            regions_path,
        ),
        case(
            format!("  static {regions_size}-byte answer, same server as hello-world"),
            "hello",
            None,
            format!("/size/{regions_size}"),
        ),
        case(
            "ModifyImageSharePermission add/remove lax".into(),
            "lax",
            Some(cycle_script(&alternating, &dir, "alternating")),
            "/".into(),
        ),
        case(
            "ModifyImageSharePermission 32 writers on 32 images lax".into(),
            "lax",
            Some(cycle_script(&spread, &dir, "spread")),
            "/".into(),
        ),
        case(
            "DescribeImages strict V3".into(),
            "strict",
            None,
            "/".into(),
        ),
    ];
    let tck = ticks_per_second();
    let mut rps: Vec<Vec<f64>> = vec![Vec::new(); cases.len()];
    let mut cpu: Vec<Vec<f64>> = vec![Vec::new(); cases.len()];
    let mut errors = vec![0u64; cases.len()];
    for round in 0..rounds {
        for (k, case) in cases.iter_mut().enumerate() {
            let (addr, pid) = match case.server {
                "hello" => (hello_addr, hello.id()),
                "lax" => (lax_addr, lax.id()),
                _ => (strict_addr, strict.id()),
            };
            if case.server == "strict" {
                // Enough fresh requests for the round: a generous guess of the rate times
                // the duration (wrk wraps around if it runs out, and replays then fail).
                let pool = signed_pool(strict_addr, 60_000 * secs as usize);
                case.script = Some(cycle_script(&pool, &dir, &format!("strict{round}")));
            }
            let before = cpu_ticks(pid);
            let (r, bad, total) = wrk(addr, secs, case, &dir);
            let used = (cpu_ticks(pid) - before) as f64 / tck;
            rps[k].push(r);
            if total > 0 {
                cpu[k].push(used / total as f64 * 1e6);
            }
            errors[k] += bad;
        }
    }
    let base = median(rps[0].clone());
    let cpu_model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines().find_map(|l| {
                l.strip_prefix("model name")
                    .map(|m| m.trim_start_matches([' ', '\t', ':']).to_string())
            })
        })
        .unwrap_or_default();
    let method = format!(
        "server-bound: servers on CPU 0, wrk -t1 -c{CONNECTIONS} on CPU 1, {secs} s x {rounds} rounds; {cpu_model}"
    );
    let rows = cases
        .iter()
        .enumerate()
        .map(|(k, case)| {
            let r = median(rps[k].clone());
            Row {
                name: case.name.clone(),
                rps: r,
                ratio: if base > 0.0 { r / base } else { 0.0 },
                cpu_us: median(cpu[k].clone()),
                non2xx: errors[k],
            }
        })
        .collect();
    for c in [&mut hello, &mut lax, &mut strict] {
        let _ = c.kill();
        let _ = c.wait();
    }
    let _ = std::fs::remove_dir_all(&dir);
    Report { method, rows }
}
