//! MockServer as a library: any test flavour, several at once, shutdown on drop.

mod support;

use alicloud_mock::MockServer;
use support::*;

#[tokio::test(flavor = "current_thread")]
async fn starts_under_a_current_thread_runtime() {
    let s = MockServer::builder().start().await.unwrap();
    let addr = s.address();
    let r = tokio::task::spawn_blocking(move || V3::new("DescribeRegions", OWNER_KEY).send(addr))
        .await
        .unwrap();
    assert_eq!(r.status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn starts_under_a_multi_thread_runtime() {
    let s = MockServer::builder().start().await.unwrap();
    let addr = s.address();
    let r = tokio::task::spawn_blocking(move || V3::new("DescribeRegions", OWNER_KEY).send(addr))
        .await
        .unwrap();
    assert_eq!(r.status, 200);
}

#[test]
fn several_servers_keep_separate_worlds() {
    let a = MockServer::builder()
        .scenario_yaml("name: a\nregions: [cn-beijing]\naccounts: [{ id: \"1000000000000001\", access_keys: [{ id: K, secret: S }] }]")
        .unwrap()
        .start_blocking()
        .unwrap();
    let b = MockServer::builder().start_blocking().unwrap();
    assert_ne!(a.endpoint(), b.endpoint());
    let ra = V3::new("DescribeRegions", ("K", "S")).send(a.address());
    assert_eq!(ra.json()["Regions"]["Region"].as_array().unwrap().len(), 1);
    // The key of world a does not exist in world b.
    assert_eq!(
        V3::new("DescribeRegions", ("K", "S"))
            .send(b.address())
            .status,
        404
    );
    assert_eq!(
        send(a.address(), "GET", "/_mock/health", &[], b"").json()["scenario"],
        "a"
    );
}

#[test]
fn dropping_the_server_closes_its_port() {
    let s = MockServer::builder().start_blocking().unwrap();
    let addr = s.address();
    assert_eq!(s.url(), format!("http://{addr}"));
    assert_eq!(s.endpoint(), addr.to_string());
    drop(s);
    assert!(
        std::net::TcpStream::connect(addr).is_err(),
        "port still open after drop"
    );
}

#[test]
fn scenario_files_merge_in_order() {
    let dir = std::env::temp_dir().join(format!("alicloud-mock-merge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let one = dir.join("one.yaml");
    let two = dir.join("two.yaml");
    std::fs::write(&one, "name: one\nregions: [cn-hangzhou]\naccounts: [{ id: \"1000000000000001\", alias: a, access_keys: [{ id: K1, secret: S1 }] }]\n").unwrap();
    std::fs::write(&two, "name: two\nregions: [cn-shanghai, cn-beijing]\naccounts: [{ id: \"1000000000000002\", access_keys: [{ id: K2, secret: S2 }] }]\n").unwrap();
    let s = MockServer::builder()
        .scenario_file(&one)
        .unwrap()
        .scenario_file(&two)
        .unwrap()
        .start_blocking()
        .unwrap();
    let r = V3::new("DescribeRegions", ("K1", "S1")).send(s.address());
    let ids: Vec<String> = r.json()["Regions"]["Region"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["RegionId"].as_str().unwrap().to_string())
        .collect();
    // Regions are a set: the second file adds its regions to the first's.
    assert_eq!(ids, ["cn-hangzhou", "cn-shanghai", "cn-beijing"]);
    assert_eq!(
        V3::new("DescribeRegions", ("K2", "S2"))
            .send(s.address())
            .status,
        200
    );
    assert_eq!(
        send(s.address(), "GET", "/_mock/health", &[], b"").json()["scenario"],
        "one+two"
    );
}

#[test]
fn an_invalid_scenario_does_not_start() {
    let e = MockServer::builder()
        .scenario_yaml("accounts: [{ id: \"1000000000000001\" }]\nimages: [{ owner: nobody, region: cn-hangzhou }]")
        .unwrap()
        .start_blocking()
        .unwrap_err();
    let msg = e.to_string();
    assert!(msg.contains("<scenario 1>:2:"), "{msg}");
    assert!(msg.contains("unknown account \"nobody\""), "{msg}");
}

#[test]
fn seeded_servers_answer_with_the_same_request_ids() {
    let ids = |_: ()| {
        let s = MockServer::builder().seed(42).start_blocking().unwrap();
        (0..3)
            .map(|_| {
                send(s.address(), "GET", "/x", &[], b"").json()["RequestId"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(()), ids(()));
}
