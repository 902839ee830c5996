//! The control API (docs/control-api.md) and the library's controls: reset, scenario, journal,
//! clock, faults, admin token, determinism.

mod support;

use alicloud_mock::scenario::{FaultError, FaultSpec};
use alicloud_mock::MockServer;
use serde_json::{json, Value};
use support::*;

fn admin(s: &MockServer, method: &str, path: &str, body: &str) -> Resp {
    send(
        s.address(),
        method,
        path,
        &[("content-type".into(), "application/json".into())],
        body.as_bytes(),
    )
}

fn share_plain(s: &MockServer) {
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

#[test]
fn reset_returns_to_the_starting_world() {
    let s = MockServer::builder().start_blocking().unwrap();
    share_plain(&s);
    assert_eq!(s.state().shared_with(PLAIN), [MEMBER_ID]);
    let r = admin(&s, "POST", "/_mock/reset", "");
    assert_eq!(r.status, 200);
    assert!(s.state().shared_with(PLAIN).is_empty());
    assert!(s.journal().entries().is_empty(), "reset clears the journal");
    share_plain(&s);
    s.reset();
    assert!(s.state().shared_with(PLAIN).is_empty());
}

#[test]
fn scenario_replace_and_merge() {
    let s = MockServer::builder().start_blocking().unwrap();
    let r = admin(&s, "POST", "/_mock/scenario", "name: tiny\naccounts: [{ id: \"1700000000000001\", access_keys: [{ id: T, secret: S }] }]\n");
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        send(s.address(), "GET", "/_mock/health", &[], b"").json()["scenario"],
        "tiny"
    );
    assert_eq!(
        V3::new("DescribeRegions", OWNER_KEY)
            .send(s.address())
            .status,
        404,
        "the old keys are gone"
    );
    assert_eq!(
        V3::new("DescribeRegions", ("T", "S"))
            .send(s.address())
            .status,
        200
    );
    let r = admin(&s, "POST", "/_mock/scenario?merge=true", "name: more\naccounts: [{ id: \"1700000000000002\", access_keys: [{ id: U, secret: S }] }]\n");
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        send(s.address(), "GET", "/_mock/health", &[], b"").json()["scenario"],
        "tiny+more"
    );
    assert_eq!(
        V3::new("DescribeRegions", ("T", "S"))
            .send(s.address())
            .status,
        200
    );
    assert_eq!(
        V3::new("DescribeRegions", ("U", "S"))
            .send(s.address())
            .status,
        200
    );
    // Reset now returns to the merged world.
    s.reset();
    assert_eq!(
        V3::new("DescribeRegions", ("U", "S"))
            .send(s.address())
            .status,
        200
    );
    let r = admin(&s, "POST", "/_mock/scenario", "name: x\nacounts: []\n");
    assert_eq!(r.status, 400);
    let err = r.json()["error"].as_str().unwrap().to_string();
    assert!(
        err.starts_with("<POST /_mock/scenario>:2:1: unknown field `acounts`"),
        "{err}"
    );
    assert_eq!(
        send(s.address(), "GET", "/_mock/health", &[], b"").json()["scenario"],
        "tiny+more",
        "a rejected scenario changes nothing"
    );
}

#[test]
fn the_journal_records_every_api_request() {
    let s = MockServer::builder()
        .journal_limit(3)
        .start_blocking()
        .unwrap();
    share_plain(&s);
    V3::new("DescribeNothing", MEMBER_KEY).send(s.address());
    let r = send(s.address(), "GET", "/_mock/requests", &[], b"").json();
    let reqs = r["requests"].as_array().unwrap();
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[0]["action"], "ModifyImageSharePermission");
    assert_eq!(reqs[0]["account_id"], OWNER_ID);
    assert_eq!(reqs[0]["product"], "Ecs");
    assert_eq!(reqs[0]["version"], "2014-05-26");
    assert_eq!(reqs[0]["status"], 200);
    assert_eq!(reqs[0]["code"], Value::Null);
    assert_eq!(reqs[0]["params"]["AddAccount.1"], MEMBER_ID);
    assert!(reqs[0]["latency_ms"].is_number());
    assert!(reqs[0]["time"].is_string());
    assert_eq!(reqs[1]["code"], "InvalidAction.NotFound");
    assert_eq!(reqs[1]["status"], 404);
    for _ in 0..3 {
        V3::new("DescribeRegions", MEMBER_KEY).send(s.address());
    }
    assert_eq!(s.journal().entries().len(), 3, "the limit drops the oldest");
    assert_eq!(s.journal().count("DescribeRegions"), 3);
    // Control calls are not journalled; DELETE clears.
    assert_eq!(admin(&s, "DELETE", "/_mock/requests", "").status, 200);
    assert!(s.journal().entries().is_empty());
}

#[test]
fn the_clock_moves_when_told() {
    let s = MockServer::builder()
        .scenario_yaml("clock: manual\nstart_time: \"2026-01-01T00:00:00Z\"\naccounts: [{ id: \"1700000000000001\" }]\n")
        .unwrap()
        .start_blocking()
        .unwrap();
    let r = admin(&s, "POST", "/_mock/clock", r#"{"advance_seconds": 90}"#).json();
    assert_eq!(r["time"], "2026-01-01T00:01:30.000Z");
    let r = admin(
        &s,
        "POST",
        "/_mock/clock",
        r#"{"set": "2027-05-01T12:00:00Z"}"#,
    )
    .json();
    assert_eq!(r["time"], "2027-05-01T12:00:00.000Z");
    assert_eq!(
        admin(&s, "POST", "/_mock/clock", r#"{"set": "tomorrow"}"#).status,
        400
    );
    assert_eq!(admin(&s, "POST", "/_mock/clock", "not json").status, 400);
    assert_eq!(admin(&s, "POST", "/_mock/clock", "{}").status, 400);
}

#[test]
fn faults_fail_matching_calls_a_number_of_times() {
    let s = MockServer::builder().start_blocking().unwrap();
    let r = admin(
        &s,
        "POST",
        "/_mock/faults",
        r#"{"action": "DescribeRegions", "account": "member", "times": 2, "error": {"code": "Throttling.User"}}"#,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        r.json()["faults"][0]["account"],
        MEMBER_ID,
        "aliases resolve to IDs"
    );
    for _ in 0..2 {
        V3::new("DescribeRegions", MEMBER_KEY)
            .send(s.address())
            .assert_error(
                400,
                "Throttling.User",
                "Request was denied due to user flow control.",
            );
    }
    assert_eq!(
        V3::new("DescribeRegions", MEMBER_KEY)
            .send(s.address())
            .status,
        200,
        "times spent"
    );
    assert_eq!(
        send(s.address(), "GET", "/_mock/faults", &[], b"").json()["faults"],
        json!([])
    );
    // Other accounts and actions are untouched; a 5xx and a custom message.
    admin(
        &s,
        "POST",
        "/_mock/faults",
        r#"[{"product": "ecs", "region": "cn-hangzhou", "error": {"code": "ServiceUnavailable"}}, {"action": "DescribeImages", "error": {"code": "Custom.Code", "message": "custom text", "status": 429}}]"#,
    );
    V3::new("DescribeImages", OWNER_KEY)
        .param("RegionId", "cn-shanghai")
        .send(s.address())
        .assert_error(429, "Custom.Code", "custom text");
    V3::new("DescribeImages", OWNER_KEY)
        .param("RegionId", "cn-hangzhou")
        .send(s.address())
        .assert_error(
            503,
            "ServiceUnavailable",
            "The request has failed due to a temporary failure of the server.",
        );
    let journal = s.journal();
    assert_eq!(journal.entries().last().unwrap().source.as_str(), "fault");
    assert_eq!(admin(&s, "DELETE", "/_mock/faults", "").status, 200);
    assert_eq!(
        V3::new("DescribeImages", OWNER_KEY)
            .param("RegionId", "cn-hangzhou")
            .send(s.address())
            .status,
        200
    );
    // Probability 0 never fires; a delay alone answers normally, later.
    admin(
        &s,
        "POST",
        "/_mock/faults",
        r#"{"probability": 0, "error": {"code": "InternalError"}}"#,
    );
    assert_eq!(
        V3::new("DescribeRegions", OWNER_KEY)
            .send(s.address())
            .status,
        200
    );
    s.clear_faults();
    admin(
        &s,
        "POST",
        "/_mock/faults",
        r#"{"action": "DescribeRegions", "delay_ms": 50, "times": 1}"#,
    );
    let started = std::time::Instant::now();
    assert_eq!(
        V3::new("DescribeRegions", OWNER_KEY)
            .send(s.address())
            .status,
        200
    );
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(50),
        "the answer came after {:?}, before the 50 ms delay",
        started.elapsed()
    );
    // Bad rules are refused.
    assert_eq!(
        admin(
            &s,
            "POST",
            "/_mock/faults",
            r#"{"account": "nobody", "error": {"code": "X"}}"#
        )
        .status,
        400
    );
    assert_eq!(
        admin(
            &s,
            "POST",
            "/_mock/faults",
            r#"{"probability": 2, "error": {"code": "X"}}"#
        )
        .status,
        400
    );
    assert_eq!(
        admin(&s, "POST", "/_mock/faults", r#"{"action": "X"}"#).status,
        400
    );
    assert_eq!(
        admin(&s, "POST", "/_mock/faults", r#"{"colour": "red"}"#).status,
        400
    );
    // The library adds the same rules.
    s.add_fault(&FaultSpec {
        action: Some("DescribeRegions".into()),
        product: None,
        account: Some("owner".into()),
        region: None,
        probability: None,
        times: Some(1),
        delay_ms: None,
        error: Some(FaultError {
            code: "Throttling".into(),
            message: None,
            status: None,
        }),
    })
    .unwrap();
    V3::new("DescribeRegions", OWNER_KEY)
        .send(s.address())
        .assert_error(
            400,
            "Throttling",
            "Request was denied due to request throttling.",
        );
}

#[test]
fn scenario_faults_apply_from_the_start_and_after_reset() {
    let s = MockServer::builder()
        .scenario_file(concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/default.yaml"))
        .unwrap()
        .scenario_yaml("faults: [{ action: DescribeRegions, account: member, times: 1, error: { code: Throttling.User } }]\n")
        .unwrap()
        .start_blocking()
        .unwrap();
    assert_eq!(
        V3::new("DescribeRegions", MEMBER_KEY)
            .send(s.address())
            .status,
        400
    );
    assert_eq!(
        V3::new("DescribeRegions", MEMBER_KEY)
            .send(s.address())
            .status,
        200
    );
    s.reset();
    assert_eq!(
        V3::new("DescribeRegions", MEMBER_KEY)
            .send(s.address())
            .status,
        400
    );
}

#[test]
fn the_admin_token_guards_the_control_api() {
    let s = MockServer::builder()
        .admin_token("sesame")
        .start_blocking()
        .unwrap();
    let r = send(s.address(), "GET", "/_mock/state", &[], b"");
    assert_eq!(r.status, 401);
    assert!(r.json()["error"].is_string());
    assert_eq!(
        send(
            s.address(),
            "GET",
            "/_mock/health",
            &[("authorization".into(), "Bearer wrong".into())],
            b""
        )
        .status,
        401
    );
    assert_eq!(
        send(
            s.address(),
            "GET",
            "/_mock/health",
            &[("authorization".into(), "Bearer sesame".into())],
            b""
        )
        .status,
        200
    );
    assert_eq!(
        send(s.address(), "GET", "/__admin/mappings", &[], b"").status,
        401
    );
    // The API port itself is not affected.
    assert_eq!(
        V3::new("DescribeRegions", OWNER_KEY)
            .send(s.address())
            .status,
        200
    );
}

#[test]
fn the_same_scenario_seed_and_requests_give_byte_identical_answers() {
    let yaml = std::fs::read_to_string(support::org::SCENARIO).unwrap();
    let yaml = format!("{yaml}\nseed: 11\n");
    let run = || {
        let s = MockServer::builder()
            .scenario_yaml(&yaml)
            .unwrap()
            .auth(alicloud_mock::AuthMode::Lax)
            .start_blocking()
            .unwrap();
        let mgmt = "LTAI5tOrgMgmt00000001";
        type Call<'a> = (&'a str, &'a str, Vec<(&'a str, &'a str)>);
        let calls: Vec<Call> = vec![
            ("2014-05-26", "DescribeRegions", vec![]),
            (
                "2014-05-26",
                "CreateImage",
                vec![
                    ("RegionId", "cn-hangzhou"),
                    ("SnapshotId", "s-bp1orgbase000000001"),
                ],
            ),
            (
                "2014-05-26",
                "CopyImage",
                vec![
                    ("RegionId", "cn-hangzhou"),
                    ("ImageId", "m-bp1orgbase000000001"),
                    ("DestinationRegionId", "cn-shanghai"),
                ],
            ),
            (
                "2020-01-10",
                "CreateResourceShare",
                vec![
                    ("ResourceShareName", "d"),
                    ("Resources.1.ResourceType", "Image"),
                    ("Resources.1.ResourceId", "m-bp1orgbase000000001"),
                    ("Targets.1", "fd-dev0000001"),
                ],
            ),
            ("2020-03-31", "CreateFolder", vec![("FolderName", "new")]),
            (
                "2014-05-26",
                "DescribeImages",
                vec![
                    ("RegionId", "cn-hangzhou"),
                    ("ImageOwnerAlias", "self"),
                    ("Status", "ALL"),
                ],
            ),
            ("2014-05-26", "NoSuchAction", vec![]),
        ];
        calls
            .into_iter()
            .map(|(version, action, params)| {
                let mut q = format!("Action={action}&Version={version}&AccessKeyId={mgmt}");
                for (k, v) in params {
                    q.push_str(&format!("&{}={}", enc(k), enc(v)));
                }
                send(s.address(), "GET", &format!("/?{q}"), &[], b"").body
            })
            .collect::<Vec<String>>()
    };
    let (a, b) = (run(), run());
    assert_eq!(a, b);
    assert!(a[1].contains("\"ImageId\":\"m-"), "{}", a[1]);
}

/// Statuses and bodies of 24 DescribeRegions calls under a 0.5-probability fault.
fn seeded_fault_run(s: &MockServer) -> Vec<(u16, String)> {
    (0..24)
        .map(|_| {
            let q = "Action=DescribeRegions&Version=2014-05-26&AccessKeyId=LTAI5tOwner0000000001";
            let r = send(s.address(), "GET", &format!("/?{q}"), &[], b"");
            (r.status, r.body)
        })
        .collect()
}

#[test]
fn a_seeded_run_replays_byte_identically_after_reset_and_after_a_restart() {
    let yaml = "name: seeded\nseed: 1\nauth: lax\nclock: manual\nstart_time: \"2026-01-01T00:00:00Z\"\n\
        accounts:\n  - { id: \"1000000000000001\", alias: owner, access_keys: [{ id: LTAI5tOwner0000000001, secret: s }] }\n\
        faults:\n  - { action: DescribeRegions, probability: 0.5, error: { code: Throttling.User } }\n";
    let start = || {
        MockServer::builder()
            .scenario_yaml(yaml)
            .unwrap()
            .start_blocking()
            .unwrap()
    };
    let s = start();
    let first = seeded_fault_run(&s);
    let statuses: Vec<u16> = first.iter().map(|r| r.0).collect();
    assert!(
        statuses.contains(&200) && statuses.contains(&400),
        "{statuses:?}"
    );
    s.reset();
    assert_eq!(seeded_fault_run(&s), first, "after reset");
    drop(s);
    assert_eq!(seeded_fault_run(&start()), first, "after a restart");
}

#[test]
fn fixture_stub_ids_follow_the_seed_whatever_the_builder_order() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
    let ids = |s: MockServer| -> Vec<String> {
        let v = admin(&s, "GET", "/__admin/mappings", "").json();
        let mut ids: Vec<String> = v["mappings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["id"].as_str().unwrap().to_string())
            .collect();
        ids.sort();
        ids
    };
    let a = ids(MockServer::builder()
        .fixtures_dir(dir)
        .unwrap()
        .seed(7)
        .start_blocking()
        .unwrap());
    let b = ids(MockServer::builder()
        .seed(7)
        .fixtures_dir(dir)
        .unwrap()
        .start_blocking()
        .unwrap());
    assert!(!a.is_empty());
    assert_eq!(a, b);
    // The scenario's seed counts too, when no override is given.
    let seeded = "name: s\nseed: 7\naccounts:\n  - { id: \"1000000000000001\", alias: owner, access_keys: [{ id: K, secret: s }] }\n";
    let c = ids(MockServer::builder()
        .fixtures_dir(dir)
        .unwrap()
        .scenario_yaml(seeded)
        .unwrap()
        .start_blocking()
        .unwrap());
    assert_eq!(a, c);
}
