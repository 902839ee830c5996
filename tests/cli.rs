//! The `alicloud-mock` binary: serve, validate, actions, health.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_alicloud-mock");

fn tmp(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("alicloud-mock-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// Starts `serve`, returns the child and the URL from the readiness line.
fn serve(args: &[&str]) -> (std::process::Child, String) {
    let mut child = Command::new(BIN)
        .arg("serve")
        .args(["--listen", "127.0.0.1:0"])
        .args(args)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("alicloud-mock listening on ")
        .unwrap_or_else(|| panic!("readiness line: {line:?}"))
        .to_string();
    (child, url)
}

fn wait(child: &mut std::process::Child) -> Option<i32> {
    let until = Instant::now() + Duration::from_secs(10);
    while Instant::now() < until {
        if let Some(st) = child.try_wait().unwrap() {
            return st.code();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    panic!("the server did not exit");
}

#[test]
fn serve_prints_the_readiness_line_and_stops_cleanly_on_sigterm() {
    let (mut child, url) = serve(&[]);
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let health = Command::new(BIN)
        .args(["health", "--url", &url])
        .output()
        .unwrap();
    assert!(
        health.status.success(),
        "{}",
        String::from_utf8_lossy(&health.stderr)
    );
    assert!(String::from_utf8_lossy(&health.stdout).contains("\"scenario\":\"default\""));
    let st = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(st.success());
    assert_eq!(wait(&mut child), Some(0));
}

#[test]
fn serve_stops_cleanly_on_sigint() {
    let (mut child, _) = serve(&[]);
    Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert_eq!(wait(&mut child), Some(0));
}

#[test]
fn serve_with_a_bad_scenario_exits_2_naming_file_line_and_column() {
    let p = tmp(
        "bad-serve.yaml",
        "name: x\naccounts:\n  - id: \"1000000000000001\"\n    acces_keys: []\n",
    );
    let out = Command::new(BIN)
        .args(["serve", "--listen", "127.0.0.1:0", "--scenario"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "nothing may be bound or announced");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("{}:4:5:", p.display())), "{err}");
    assert!(err.contains("unknown field `acces_keys`"), "{err}");
}

#[test]
fn scenario_from_the_environment_is_used() {
    let p = tmp("env.yaml", "name: from-env\naccounts: [{ id: \"1000000000000009\", access_keys: [{ id: K, secret: S }] }]\n");
    let mut child = Command::new(BIN)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env("ALICLOUD_MOCK_SCENARIO", &p)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line.trim().rsplit(' ').next().unwrap().to_string();
    let out = Command::new(BIN)
        .args(["health", "--url", &url])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("from-env"));
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn validate_reports_a_misspelt_key_with_file_line_and_column() {
    let p = tmp("misspelt.yaml", "name: x\nregoins: [cn-hangzhou]\n");
    let out = Command::new(BIN).arg("validate").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("{}:2:1: unknown field `regoins`", p.display())),
        "{err}"
    );
}

#[test]
fn validate_tells_fixtures_from_scenarios_however_their_keys_are_written() {
    let stub = r#"{ "request": { "method": "GET", "url": "/x" }, "response": { "status": 200 } }"#;
    for (name, text) in [
        ("plain.json", stub.to_string()),
        ("plain.yaml", "mappings:\n  - request: { method: GET, url: /x }\n    response: { status: 200 }\n".into()),
        // A key spelt with an escape is still the key.
        ("escaped.yaml", "\"\\x6dappings\":\n  - \"\\x72equest\": { method: GET, url: /x }\n    response: { status: 200 }\n".into()),
    ] {
        let p = tmp(name, &text);
        let out = Command::new(BIN).arg("validate").arg(&p).output().unwrap();
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(said.contains("ok (1 stub mappings)"), "{name}: {said} {}", String::from_utf8_lossy(&out.stderr));
    }
    let p = tmp("scenario.yaml", "regions: [cn-hangzhou]\n");
    let out = Command::new(BIN).arg("validate").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("{}: ok\n", p.display())
    );
}

#[test]
fn validate_accepts_every_shipped_scenario() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios");
    let files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(!files.is_empty());
    // Each on its own: several files given together merge into one world.
    for f in &files {
        let out = Command::new(BIN).arg("validate").arg(f).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn validate_checks_several_files_merged_exactly_as_serve_loads_them() {
    let a = tmp(
        "ma.yaml",
        "regions: [cn-hangzhou]\naccounts:\n  - { id: \"1300000000000001\", alias: one }\n",
    );
    let b = tmp(
        "mb.yaml",
        "regions: [cn-shanghai, cn-hangzhou]\nimages:\n  - { id: m-uf6merge00000000001, owner: one, region: cn-shanghai }\n",
    );
    let out = Command::new(BIN)
        .arg("validate")
        .args([&a, &b])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains(" + "));
    // Regions are a set: both files' regions serve.
    let (mut child, url) = serve(&[
        "--scenario",
        a.to_str().unwrap(),
        "--scenario",
        b.to_str().unwrap(),
    ]);
    let health =
        alicloud_mock::server::http_get_blocking(&format!("{url}/_mock/state"), None).unwrap();
    child.kill().unwrap();
    let _ = child.wait();
    assert!(health.1.contains("m-uf6merge00000000001"));
    // Two files declaring the same alias: validate refuses what serve refuses.
    let c = tmp(
        "mc.yaml",
        "accounts:\n  - { id: \"1300000000000002\", alias: one }\n",
    );
    let out = Command::new(BIN)
        .arg("validate")
        .args([&a, &c])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let validate_err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(
        validate_err.contains("duplicate alias \"one\""),
        "{validate_err}"
    );
    let served = Command::new(BIN)
        .args(["serve", "--listen", "127.0.0.1:0", "--scenario"])
        .arg(&a)
        .arg("--scenario")
        .arg(&c)
        .output()
        .unwrap();
    assert_eq!(served.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&served.stderr).trim_end(),
        validate_err.trim_end()
    );
}

#[test]
fn actions_lists_products_versions_and_actions() {
    let out = Command::new(BIN).arg("actions").output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Ecs\t2014-05-26\tDescribeRegions"));
}

#[test]
fn health_fails_when_nothing_listens() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let out = Command::new(BIN)
        .args(["health", "--url", &format!("http://127.0.0.1:{port}")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn ca_out_is_written_before_the_readiness_line_and_bad_ca_files_exit_2() {
    let out = std::env::temp_dir().join(format!("alicloud-mock-ca-{}.pem", std::process::id()));
    let _ = std::fs::remove_file(&out);
    let (mut child, url) = serve(&["--ca-out", out.to_str().unwrap()]);
    let pem = std::fs::read_to_string(&out).expect("written before the readiness line");
    assert!(pem.starts_with("-----BEGIN CERTIFICATE-----"));
    let served = alicloud_mock::server::http_get_blocking(&format!("{url}/_mock/ca.pem"), None);
    assert_eq!(served, Ok((200, pem.clone())));
    child.kill().unwrap();
    let _ = child.wait();

    let missing = Command::new(BIN)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .args([
            "--ca-cert",
            "/nonexistent/ca.pem",
            "--ca-key",
            "/nonexistent/ca.key",
        ])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/nonexistent/ca.pem"));
    let junk = tmp("junk.pem", "not a key");
    let bad = Command::new(BIN)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .args([
            "--ca-cert",
            junk.to_str().unwrap(),
            "--ca-key",
            junk.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--ca-key"));
    let half = Command::new(BIN)
        .args(["serve", "--ca-cert", "x.pem"])
        .output()
        .unwrap();
    assert_eq!(half.status.code(), Some(2), "--ca-cert needs --ca-key");
}

#[test]
fn logs_written_to_a_file_carry_no_colour_codes() {
    let log = std::env::temp_dir().join(format!("alicloud-mock-log-{}.txt", std::process::id()));
    let file = std::fs::File::create(&log).unwrap();
    let mut child = Command::new(BIN)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env("RUST_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(file)
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    // The "ready" log line follows the readiness line on stdout.
    let until = Instant::now() + Duration::from_secs(5);
    let mut text = String::new();
    while Instant::now() < until && !text.contains("ready") {
        std::thread::sleep(Duration::from_millis(20));
        text = std::fs::read_to_string(&log).unwrap();
    }
    child.kill().unwrap();
    let _ = child.wait();
    assert!(text.contains("ready"), "{text}");
    assert!(!text.contains('\u{1b}'), "ANSI escape in {text:?}");
}

#[test]
fn a_fixture_syntax_error_names_file_line_and_column_once() {
    let dir = std::env::temp_dir().join(format!("alicloud-mock-fx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bad.json");
    for (text, at) in [
        (
            "{\n  \"request\": {\"method\": \"GET\",}\n}\n",
            "2:31: trailing comma",
        ),
        (
            "{\n  \"request\": {\"method\": \"GET\"\n",
            "3:1: EOF while parsing an object",
        ),
    ] {
        std::fs::write(&file, text).unwrap();
        let out = Command::new(BIN)
            .args(["serve", "--listen", "127.0.0.1:0", "--fixtures"])
            .arg(&dir)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(
            String::from_utf8_lossy(&out.stderr).trim(),
            format!("{}:{at}", file.display())
        );
    }
}

#[test]
fn health_finds_the_server_through_its_ready_file_whatever_its_flags() {
    let ready =
        std::env::temp_dir().join(format!("alicloud-mock-ready-{}.json", std::process::id()));
    let _ = std::fs::remove_file(&ready);
    // Address and token given as arguments, as `docker run image --listen ... --admin-token ...`.
    let (mut child, _url) = serve(&[
        "--admin-token",
        "s3cret",
        "--ready-file",
        ready.to_str().unwrap(),
    ]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&ready).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the file holds the admin token");
    }
    let health = |with_file: bool| {
        let mut cmd = Command::new(BIN);
        cmd.arg("health")
            .env_remove("ALICLOUD_MOCK_LISTEN")
            .env_remove("ALICLOUD_MOCK_ADMIN_TOKEN");
        if with_file {
            cmd.env("ALICLOUD_MOCK_READY_FILE", &ready);
        } else {
            cmd.env_remove("ALICLOUD_MOCK_READY_FILE");
        }
        cmd.output().unwrap().status.code()
    };
    assert_eq!(health(true), Some(0));
    assert_eq!(
        health(false),
        Some(1),
        "without it, the default port has nothing"
    );
    sigterm(&mut child);
    assert_eq!(wait(&mut child), Some(0));
    assert!(!ready.exists(), "removed at shutdown");
}

fn sigterm(child: &mut std::process::Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
}
