//! `alicloud-mock-bench goals [SECONDS] [ROUNDS]`: every speed and memory goal of the mock,
//! measured in one run and printed as one table (docs/performance.md).
//!
//! * Throughput: [`serverbound::measure`] (servers pinned to CPU 0, wrk on CPU 1, alternating
//!   rounds beside a hyper hello-world and beside static answers of the same sizes).
//! * Each other figure runs in a fresh child process of this program, so one measurement's
//!   heap does not weigh on the next:
//!   - `world N`: bytes of resident memory per image, and the time to build a region of N
//!     images through the image store (as `scale` does);
//!   - `scenario N`: a scenario text of N images parsed, validated and installed in an app;
//!   - `journal`: the in-process pipeline answering DescribeRegions with the journal on and
//!     off, alternating; the difference per request is the journal's cost;
//!   - `nonce-cost N`: N fresh V3 nonces through the replay cache (key built as the
//!     authenticator builds it), time per call and resident bytes per remembered nonce;
//! * start-up to the readiness line and the idle RSS of `alicloud-mock serve`, and
//!   `alicloud-mock validate` on a 100 k-image scenario file, as whole processes.

use std::collections::HashMap;
use std::process::Command;
use std::time::{Duration, Instant};

use bytes::Bytes;

use super::serverbound;

use super::{median, rss_of};

/// Resident memory of this process, bytes.
fn rss_bytes() -> f64 {
    rss_of("self")
}

/// Runs `alicloud-mock-bench ARGS` and reads its `key=value` line.
fn child(args: &[&str]) -> HashMap<String, f64> {
    let out = Command::new(std::env::current_exe().unwrap())
        .args(args)
        .output()
        .expect("run a measurement");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{args:?}: {text}");
    text.split_whitespace()
        .filter_map(|kv| kv.split_once('='))
        .filter_map(|(k, v)| Some((k.to_string(), v.parse().ok()?)))
        .collect()
}

/// `world N`: builds N custom images of one owner in one region, 20 shared with a viewer.
pub fn world(n: usize) {
    use alicloud_mock::pipeline::{App, Overrides};
    use alicloud_mock::scenario::{AuthMode, Scenario};
    let scenario = Scenario::from_str(
        "world",
        "regions: [cn-hangzhou]\naccounts:\n  - { id: \"1000000000000001\", alias: owner }\n  - { id: \"1000000000000002\", alias: viewer }\n",
    )
    .unwrap();
    let app = App::new(
        scenario,
        &Overrides {
            auth: Some(AuthMode::Lax),
            seed: Some(1),
        },
    );
    let before = rss_bytes();
    let t = Instant::now();
    build_region(&app, n);
    let build = t.elapsed().as_secs_f64();
    let bytes = (rss_bytes() - before) / n as f64;
    assert_eq!(app.world().images.all_custom().count(), n);
    println!("bytes_per_image={bytes:.0} build_s={build:.3}");
}

/// Adds `n` custom images of account 1000000000000001 in cn-hangzhou, 20 of them spread
/// over the region shared with account 1000000000000002, through the image store.
pub fn build_region(app: &alicloud_mock::pipeline::App, n: usize) {
    use alicloud_mock::products::ecs::Image;
    let mut world = app.world_mut();
    let every = (n / 20).max(1);
    for i in 0..n {
        let mut img = Image::custom(
            &format!("m-{i:020}"),
            "cn-hangzhou",
            "1000000000000001",
            &format!("image-{i}"),
            i as i64 * 1000,
        );
        if i % every == 0 && i / every < 20 {
            img.shared_with.insert("1000000000000002".to_string(), 0);
        }
        world.images.insert(img);
    }
}

/// The text of a scenario with `n` images (one in a thousand shared), as a user writes one.
pub fn scenario_text(n: usize) -> String {
    let mut s = String::from(
        "accounts:\n  - { id: \"1000000000000001\", alias: owner }\n  - { id: \"1000000000000002\", alias: viewer }\nimages:\n",
    );
    for i in 0..n {
        s.push_str(&format!(
            "  - {{ id: m-bp1{i:017}, owner: owner, region: cn-hangzhou, name: image-{i}{} }}\n",
            if i % 1000 == 0 {
                ", shared_with: [viewer]"
            } else {
                ""
            }
        ));
    }
    s
}

/// `scenario N`: parse, validate and install a scenario of `n` images.
pub fn scenario(n: usize) {
    use alicloud_mock::pipeline::{App, Overrides};
    use alicloud_mock::scenario::Scenario;
    let text = scenario_text(n);
    let t = Instant::now();
    let scenario = Scenario::from_str("bench.yaml", &text).expect("the bench scenario is valid");
    let parsed = t.elapsed().as_secs_f64();
    let app = App::new(scenario, &Overrides::default());
    let total = t.elapsed().as_secs_f64();
    assert_eq!(app.world().images.all_custom().count(), n);
    println!(
        "load_s={total:.3} parse_validate_s={parsed:.3} install_s={:.3} text_mib={:.1}",
        total - parsed,
        text.len() as f64 / 1048576.0
    );
}

/// `journal`: the in-process cost of one journal entry per request.
pub fn journal() {
    use alicloud_mock::pipeline::{App, HttpRequest, Options, Overrides};
    use alicloud_mock::scenario::{AuthMode, Scenario};
    let app = |limit: usize| {
        App::with_options(
            Scenario::default_scenario(),
            &Overrides {
                auth: Some(AuthMode::Lax),
                seed: Some(1),
            },
            Options {
                journal_limit: limit,
                ..Options::default()
            },
        )
    };
    let (on, off) = (app(1000), app(0));
    let req = HttpRequest {
        method: "GET".into(),
        path: "/".into(),
        query: "Action=DescribeRegions&Version=2014-05-26&AccessKeyId=LTAI5tMember000000001&RegionId=cn-hangzhou".into(),
        headers: vec![
            ("host".into(), "ecs-cn-hangzhou.aliyuncs.com".into()),
            ("user-agent".into(), "AlibabaCloud (linux; x64) Python/3.11 Core/2.14".into()),
            ("accept".into(), "*/*".into()),
        ],
        body: Bytes::new(),
    };
    let per = |a: &App, n: usize| {
        let t = Instant::now();
        for _ in 0..n {
            let r = a.handle(req.clone());
            assert_eq!(r.status, 200);
        }
        t.elapsed().as_secs_f64() * 1e6 / n as f64
    };
    // Warm both (the journal fills to its limit, so every later entry also drops one).
    per(&on, 5000);
    per(&off, 5000);
    let mut diffs = Vec::new();
    let mut base = Vec::new();
    for _ in 0..7 {
        let a = per(&on, 50_000);
        let b = per(&off, 50_000);
        diffs.push(a - b);
        base.push(b);
    }
    println!(
        "journal_us={:.2} request_us_without={:.2}",
        median(diffs),
        median(base)
    );
}

/// `nonce-cost N`: N fresh nonces through the replay cache, all within its window.
pub fn nonce_cost(n: usize) {
    use alicloud_mock::pipeline::auth::NonceCache;
    let nonces: Vec<String> = (0..n).map(|i| format!("{i:032x}")).collect();
    let cache = NonceCache::default();
    let before = rss_bytes();
    let t = Instant::now();
    for (i, nonce) in nonces.iter().enumerate() {
        // The key as the authenticator builds it: access key, newline, nonce.
        let fresh = cache.check_and_insert(
            format!("LTAI5tOwner0000000001\n{nonce}"),
            1_000_000 + i as i64 / 20,
        );
        assert!(fresh);
    }
    let us = t.elapsed().as_secs_f64() * 1e6 / n as f64;
    let held = cache.len();
    let bytes = (rss_bytes() - before) / held as f64;
    println!("nonce_us={us:.3} bytes_per_nonce={bytes:.1} held={held}");
}

/// Start-up to the readiness line of `runs` servers, milliseconds each, and the RSS of the
/// first one once idle.
pub fn startup_times(runs: usize) -> (Vec<f64>, f64) {
    let mut times = Vec::new();
    let mut idle = 0.0;
    for i in 0..runs {
        let t = Instant::now();
        let (mut child, _) = super::spawn(Command::new(super::mock_bin()).args([
            "serve",
            "--listen",
            "127.0.0.1:0",
        ]));
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        if i == 0 {
            std::thread::sleep(Duration::from_millis(300));
            idle = rss_of(&child.id().to_string());
        }
        let _ = child.kill();
        let _ = child.wait();
    }
    (times, idle)
}

/// `alicloud-mock validate` on a scenario file of `n` images: the median of three runs, in
/// seconds, process start to exit.
fn validate_command(n: usize) -> f64 {
    let path =
        std::env::temp_dir().join(format!("alicloud-mock-goals-{}.yaml", std::process::id()));
    std::fs::write(&path, scenario_text(n)).unwrap();
    let times: Vec<f64> = (0..3)
        .map(|_| {
            let t = Instant::now();
            let out = Command::new(super::mock_bin())
                .arg("validate")
                .arg(&path)
                .output()
                .expect("run alicloud-mock validate");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            t.elapsed().as_secs_f64()
        })
        .collect();
    let _ = std::fs::remove_file(&path);
    median(times)
}

pub fn goals(secs: u64, rounds: usize) {
    let sb = serverbound::measure(secs, rounds);
    let world = child(&["world", "1000000"]);
    let scen = child(&["scenario", "100000"]);
    let journal = child(&["journal"]);
    let nonce = child(&["nonce-cost", "1000000"]);
    let (startup, idle_rss) = startup_times(20);
    let startup_ms = median(startup);
    let validate_s = validate_command(100_000);

    let row = |prefix: &str| {
        sb.rows
            .iter()
            .find(|r| r.name.starts_with(prefix))
            .unwrap_or_else(|| panic!("no case {prefix}"))
    };
    let images = row("DescribeImages lax");
    let strict = row("DescribeImages strict");
    let regions = row("DescribeRegions lax");
    let alternating = row("ModifyImageSharePermission add/remove");
    let writers = row("ModifyImageSharePermission 32 writers");
    let mut goals: Vec<(String, String, String, bool)> = Vec::new();
    let mut ratio = |what: &str, r: &serverbound::Row, target: f64| {
        goals.push((
            what.to_string(),
            format!(">= {target:.2}"),
            format!(
                "{:.2} ({:.0} req/s, {:.1} us CPU)",
                r.ratio, r.rps, r.cpu_us
            ),
            r.ratio >= target && r.non2xx == 0,
        ));
    };
    ratio(
        "DescribeImages default listing, lax, / hello-world",
        images,
        0.6,
    );
    ratio(
        "DescribeImages, strict V3 signatures, / hello-world",
        strict,
        0.5,
    );
    ratio("DescribeRegions, lax, / hello-world", regions, 0.7);
    ratio(
        "ModifyImageSharePermission add/remove, / hello-world",
        alternating,
        0.5,
    );
    let keep = writers.rps / alternating.rps;
    goals.push((
        "32 writers on 32 images / one writer".into(),
        ">= 1.00".into(),
        format!("{keep:.2}"),
        keep >= 1.0,
    ));
    let mut limit = |what: &str, value: f64, target: f64, unit: &str, digits: usize| {
        goals.push((
            what.to_string(),
            format!("<= {target} {unit}"),
            format!("{value:.digits$} {unit}"),
            value <= target,
        ));
    };
    limit(
        "memory per image at 1 M images",
        world["bytes_per_image"],
        1024.0,
        "bytes",
        0,
    );
    limit("1 M images built", world["build_s"], 2.0, "s", 2);
    limit(
        "100 k-image scenario parsed, validated, installed",
        scen["load_s"],
        1.0,
        "s",
        2,
    );
    limit(
        "100 k-image scenario file, `alicloud-mock validate` (whole process)",
        validate_s,
        1.0,
        "s",
        2,
    );
    limit("journal, per request", journal["journal_us"], 1.0, "us", 2);
    limit("nonce cache, per request", nonce["nonce_us"], 1.0, "us", 2);
    limit(
        "nonce cache, per remembered nonce",
        nonce["bytes_per_nonce"],
        64.0,
        "bytes",
        0,
    );
    limit(
        "start-up to readiness (median of 20)",
        startup_ms,
        5.0,
        "ms",
        1,
    );
    limit("idle RSS", idle_rss / 1048576.0, 8.0, "MiB", 1);

    sb.print();
    println!();
    println!("| goal | target | measured | met |");
    println!("|---|---|---|---|");
    for (what, target, measured, met) in &goals {
        println!(
            "| {what} | {target} | {measured} | {} |",
            if *met { "yes" } else { "**no**" }
        );
    }
    println!();
    println!(
        "100 k scenario: parse and validate {:.2} s, install {:.2} s ({:.1} MiB of YAML); \
         in-process DescribeRegions without the journal {:.2} us",
        scen["parse_validate_s"],
        scen["install_s"],
        scen["text_mib"],
        journal["request_us_without"]
    );
    // Timing is reported, never asserted; an error answer means a broken benchmark.
    let errors: u64 = sb.rows.iter().map(|r| r.non2xx).sum();
    if errors > 0 {
        eprintln!("{errors} requests were answered with an error: the figures are not comparable");
        std::process::exit(1);
    }
}
