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
fn a_failed_write_leaves_the_previous_file_whole() {
    let path = tmp("atomic");
    let s = MockServer::builder().start_blocking().unwrap();
    s.save_state(&path).unwrap();
    let first = std::fs::read(&path).unwrap();
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
    // Make the temporary file impossible to create: the write fails before the rename.
    let blocker = std::path::PathBuf::from(format!("{}.tmp", path.display()));
    std::fs::create_dir_all(&blocker).unwrap();
    assert!(s.save_state(&path).is_err());
    assert_eq!(
        std::fs::read(&path).unwrap(),
        first,
        "the previous file is untouched"
    );
    std::fs::remove_dir(&blocker).unwrap();
    let loaded = MockServer::builder()
        .state_file(&path)
        .start_blocking()
        .unwrap();
    assert!(
        loaded.state().shared_with(PLAIN).is_empty(),
        "the old world, whole"
    );
    // A corrupt file is refused, not half-loaded.
    std::fs::write(&path, "{ not json").unwrap();
    let e = MockServer::builder()
        .state_file(&path)
        .start_blocking()
        .unwrap_err();
    assert!(e.to_string().contains("not a state file"), "{e}");
}

#[test]
fn the_cli_saves_on_sigterm_and_loads_at_start() {
    let path = tmp("cli");
    let _ = std::fs::remove_file(&path);
    let start = || {
        let mut child = Command::new(env!("CARGO_BIN_EXE_alicloud-mock"))
            .args(["serve", "--listen", "127.0.0.1:0", "--state-file"])
            .arg(&path)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr: std::net::SocketAddr = line
            .trim()
            .rsplit("http://")
            .next()
            .unwrap()
            .parse()
            .unwrap();
        (child, addr)
    };
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
