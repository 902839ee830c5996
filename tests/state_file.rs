//! The state file: save-then-load gives the same world; a failed write leaves the previous
//! file whole; the CLI saves on graceful shutdown and loads at start.

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use alicloud_mock::MockServer;
use support::*;

fn tmp(name: &str) -> std::path::PathBuf {
    let dir =
        std::env::temp_dir().join(format!("alicloud-mock-state-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("state.json")
}

const ORG: &str = support::org::SCENARIO;

#[test]
fn save_then_load_gives_the_same_world() {
    let path = tmp("same");
    let a = MockServer::builder()
        .scenario_file(ORG)
        .unwrap()
        .start_blocking()
        .unwrap();
    let addr = a.address();
    let mgmt = ("LTAI5tOrgMgmt00000001", "org-mgmt-secret");
    let dev = ("LTAI5tOrgDevApp000001", "org-dev-app-secret");
    ok(ecs(
        addr,
        mgmt,
        "ModifyImageSharePermission",
        &[
            ("RegionId", "cn-hangzhou"),
            ("ImageId", "m-bp1orgbase000000001"),
            ("AddAccount.1", "1600000000000004"),
        ],
    ));
    ok(ecs(
        addr,
        mgmt,
        "CreateImage",
        &[
            ("RegionId", "cn-hangzhou"),
            ("SnapshotId", "s-bp1orggolden0000001"),
            ("ImageName", "saved"),
        ],
    ));
    ok(rs(
        addr,
        mgmt,
        "CreateResourceShare",
        &[
            ("ResourceShareName", "s"),
            ("AllowExternalTargets", "true"),
            ("Resources.1.ResourceType", "Image"),
            ("Resources.1.ResourceId", "m-bp1orgbase000000001"),
            ("Targets.1", "1600000000000005"),
        ],
    ));
    ok(rm(addr, mgmt, "CreateFolder", &[("FolderName", "saved")]));
    ok(call(
        addr,
        mgmt,
        "2015-05-01",
        "CreateRole",
        &[
            ("RoleName", "saved-role"),
            ("AssumeRolePolicyDocument", "{}"),
        ],
    ));
    ok(ecs(
        addr,
        dev,
        "RunInstances",
        &[
            ("RegionId", "cn-hangzhou"),
            ("ImageId", "m-bp1orgbase000000001"),
            ("InstanceType", "ecs.g7.large"),
        ],
    ));
    s_advance(&a);
    a.save_state(&path).unwrap();
    let before = a.state();

    let b = MockServer::builder()
        .scenario_file(ORG)
        .unwrap()
        .state_file(&path)
        .start_blocking()
        .unwrap();
    assert_eq!(b.state(), before, "the loaded world is the saved one");
    // And it behaves the same: the recipient still sees the share, keys still work.
    assert!(visible(b.address(), dev, &[("ImageOwnerAlias", "others")])
        .contains(&"m-bp1orgbase000000001".to_string()));
}

fn s_advance(s: &MockServer) {
    s.advance_clock(std::time::Duration::from_secs(45));
}

#[test]
fn a_write_cut_short_leaves_the_previous_file_whole_and_is_cleaned_up() {
    let path = tmp("atomic");
    let _ = std::fs::remove_file(&path);
    {
        let s = MockServer::builder()
            .state_file(&path)
            .start_blocking()
            .unwrap();
        ok(ecs(
            s.address(),
            OWNER_KEY,
            "ModifyImageSharePermission",
            &[
                ("RegionId", "cn-hangzhou"),
                ("ImageId", PLAIN),
                ("AddAccount.1", MEMBER_ID),
            ],
        ));
    }
    let whole = std::fs::read(&path).unwrap();
    // A crash in the middle of the next write leaves a partial temporary file beside it.
    let partial = path.with_file_name(".state.json.00c0ffee00c0ffee.tmp");
    std::fs::write(&partial, &whole[..whole.len() / 2]).unwrap();
    let loaded = MockServer::builder()
        .state_file(&path)
        .start_blocking()
        .unwrap();
    assert_eq!(
        loaded.state().shared_with(PLAIN),
        [MEMBER_ID],
        "the last whole world"
    );
    assert!(!partial.exists(), "the partial write is removed at start");
    drop(loaded);
    // A corrupt file is refused, not half-loaded.
    std::fs::write(&path, "{ not json").unwrap();
    let e = MockServer::builder()
        .state_file(&path)
        .start_blocking()
        .unwrap_err();
    assert!(e.to_string().contains("not a state file"), "{e}");
}

#[test]
fn every_acknowledged_change_is_on_disk_before_it_is_answered() {
    let path = tmp("through");
    let _ = std::fs::remove_file(&path);
    let s = MockServer::builder()
        .state_file(&path)
        .start_blocking()
        .unwrap();
    assert!(path.exists(), "written at start");
    ok(ecs(
        s.address(),
        OWNER_KEY,
        "ModifyImageSharePermission",
        &[
            ("RegionId", "cn-hangzhou"),
            ("ImageId", PLAIN),
            ("AddAccount.1", MEMBER_ID),
        ],
    ));
    // Read the file while the server still runs: the share is there already.
    let text = std::fs::read_to_string(&path).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let images = v["world"]["images"]["custom"].as_array().unwrap();
    let plain = images.iter().find(|i| i["id"] == PLAIN).unwrap();
    assert!(plain["shared_with"].get(MEMBER_ID).is_some(), "{plain}");
    std::mem::forget(s); // like kill -9: no shutdown save
    let loaded = MockServer::builder()
        .state_file(&path)
        .start_blocking()
        .unwrap();
    assert_eq!(loaded.state().shared_with(PLAIN), [MEMBER_ID]);
}

#[test]
fn an_unwritable_or_inconsistent_state_file_is_refused_at_start() {
    let e = MockServer::builder()
        .state_file("/nonexistent-dir/state.json")
        .start_blocking()
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("/nonexistent-dir/state.json: cannot write the state file here"),
        "{e}"
    );
    // Valid JSON whose accounts do not hold what the images name.
    let path = tmp("inconsistent");
    let _ = std::fs::remove_file(&path);
    drop(
        MockServer::builder()
            .state_file(&path)
            .start_blocking()
            .unwrap(),
    );
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    v["world"]["accounts"].as_array_mut().unwrap().remove(0);
    std::fs::write(&path, v.to_string()).unwrap();
    let e = MockServer::builder()
        .state_file(&path)
        .start_blocking()
        .unwrap_err()
        .to_string();
    assert!(e.contains("inconsistent state"), "{e}");
    assert!(
        e.contains("account \"1000000000000001\" does not exist"),
        "{e}"
    );
}

#[test]
fn the_cli_saves_on_sigterm_and_loads_at_start() {
    let path = tmp("cli");
    let _ = std::fs::remove_file(&path);
    let start = || start_cli(&path);
    let (mut child, addr) = start();
    ok(ecs(
        addr,
        OWNER_KEY,
        "ModifyImageSharePermission",
        &[
            ("RegionId", "cn-hangzhou"),
            ("ImageId", PLAIN),
            ("AddAccount.1", MEMBER_ID),
        ],
    ));
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(0));
    assert!(path.exists(), "saved on shutdown");
    let (mut child, addr) = start();
    assert!(
        visible(addr, MEMBER_KEY, &[("ImageOwnerAlias", "others")]).contains(&PLAIN.to_string())
    );
    child.kill().unwrap();
    let _ = child.wait();
    // A state file that is not one: exit 2, naming the file.
    std::fs::write(&path, "garbage").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_alicloud-mock"))
        .args(["serve", "--listen", "127.0.0.1:0", "--state-file"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("state.json"));
}

/// Starts the CLI on `path`; the child and its address.
fn start_cli(path: &std::path::Path) -> (std::process::Child, std::net::SocketAddr) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_alicloud-mock"))
        .args(["serve", "--listen", "127.0.0.1:0", "--state-file"])
        .arg(path)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
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
        .unwrap();
    (child, addr)
}

/// Kills the CLI with SIGKILL at seeded moments under a write load from two clients, then
/// restarts it on the same state file: every change that was answered is there. The long
/// run is `CRASH_ROUNDS=200 cargo test --release --test state_file kill`.
#[test]
fn kill_9_under_load_loses_no_acknowledged_change() {
    let rounds: u64 = std::env::var("CRASH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let path = tmp("crash");
    let _ = std::fs::remove_file(&path);
    let mut acked: Vec<String> = Vec::new();
    for round in 0..rounds {
        let (mut child, addr) = start_cli(&path);
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let clients: Vec<_> = (0..2)
            .map(|c| {
                let stop = stop.clone();
                std::thread::spawn(move || {
                    let mut done = Vec::new();
                    for i in 0.. {
                        if stop.load(std::sync::atomic::Ordering::Relaxed) {
                            break;
                        }
                        let name = format!("k-{round}-{c}-{i}");
                        let r = std::panic::catch_unwind(|| {
                            V3::new("CreateKeyPair", OWNER_KEY)
                                .param("RegionId", "cn-hangzhou")
                                .param("KeyPairName", &name)
                                .send(addr)
                        });
                        match r {
                            Ok(r) if r.status == 200 => done.push(name),
                            _ => break,
                        }
                    }
                    done
                })
            })
            .collect();
        // Seeded: from 10 to 70 ms into the load.
        std::thread::sleep(std::time::Duration::from_millis(10 + (round * 37) % 61));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        for c in clients {
            acked.extend(c.join().unwrap());
        }
    }
    let (mut child, addr) = start_cli(&path);
    let listed = V3::new("DescribeKeyPairs", OWNER_KEY)
        .param("RegionId", "cn-hangzhou")
        .param("PageSize", "50")
        .send(addr);
    let total = listed.json()["TotalCount"].as_u64().unwrap() as usize;
    let mut names = std::collections::HashSet::new();
    for page in 1..=total.div_ceil(50) {
        let v = V3::new("DescribeKeyPairs", OWNER_KEY)
            .param("RegionId", "cn-hangzhou")
            .param("PageSize", "50")
            .param("PageNumber", &page.to_string())
            .send(addr)
            .json();
        for k in v["KeyPairs"]["KeyPair"].as_array().unwrap() {
            names.insert(k["KeyPairName"].as_str().unwrap().to_string());
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        !acked.is_empty(),
        "the load made no change before the kills"
    );
    let lost: Vec<&String> = acked.iter().filter(|n| !names.contains(*n)).collect();
    assert!(
        lost.is_empty(),
        "{} of {} acknowledged changes lost: {lost:?}",
        lost.len(),
        acked.len()
    );
}

#[test]
fn health_says_whether_the_state_file_or_the_scenario_is_serving() {
    let path = tmp("health");
    let _ = std::fs::remove_file(&path);
    let health = |s: &MockServer| -> serde_json::Value {
        send(s.address(), "GET", "/_mock/health", &[], b"").json()
    };
    // No file yet: the scenario serves (and is written to the file).
    let a = MockServer::builder()
        .state_file(&path)
        .start_blocking()
        .unwrap();
    let h = health(&a);
    assert_eq!(h["world"], "scenario");
    assert_eq!(h["state_file"], path.display().to_string());
    drop(a);
    // The file exists: it wins over the scenario given, until a reset.
    let b = MockServer::builder()
        .scenario_file(ORG)
        .unwrap()
        .state_file(&path)
        .start_blocking()
        .unwrap();
    let h = health(&b);
    assert_eq!(h["world"], "state file");
    assert_eq!(
        h["scenario"], "default",
        "the saved world is the default one"
    );
    b.reset();
    let h = health(&b);
    assert_eq!(
        (h["world"].as_str(), h["scenario"].as_str()),
        (Some("scenario"), Some("org-sharing"))
    );
    // Without a state file.
    let c = MockServer::builder().start_blocking().unwrap();
    assert_eq!(health(&c)["state_file"], serde_json::Value::Null);
}
