//! Instances with a lifecycle on the mock clock: CreateInstance (Pending -> Stopped),
//! RunInstances (Pending -> Starting -> Running), StartInstance, StopInstance,
//! RebootInstance, DeleteInstance, DescribeInstances, DescribeInstanceAttribute and
//! DescribeInstanceStatus (docs/sources.md#ecs-instances).

mod support;

use std::time::Duration;

use alicloud_mock::MockServer;
use support::*;

const WORLD: &str = r#"
regions: [cn-hangzhou, cn-shanghai]
clock: manual
start_time: "2026-01-01T00:00:00Z"
delays: { instance_create: 10, instance_start: 20, instance_stop: 30 }
accounts:
  - { id: "8100000000000001", alias: owner, access_keys: [{ id: O, secret: S }] }
  - { id: "8100000000000002", alias: other, access_keys: [{ id: X, secret: S }] }
images:
  - { id: m-base, owner: owner, region: cn-hangzhou, name: base }
instances:
  - { id: i-settled, owner: owner, region: cn-hangzhou, image: m-base, status: stopped, name: web-1 }
"#;
const O: (&str, &str) = ("O", "S");
const X: (&str, &str) = ("X", "S");

const WRONG_STATUS: (u16, &str, &str) = (
    403,
    "IncorrectInstanceStatus",
    "The current status of the resource does not support this operation.",
);

fn server() -> MockServer {
    MockServer::builder()
        .scenario_yaml(WORLD)
        .unwrap()
        .start_blocking()
        .unwrap()
}

fn status(c: &Client, id: &str) -> String {
    let v = c
        .ecs("DescribeInstances")
        .p("InstanceIds", &format!("[\"{id}\"]"))
        .ok();
    let list = v["Instances"]["Instance"].as_array().unwrap();
    assert_eq!(list.len(), 1, "{v}");
    list[0]["Status"].as_str().unwrap().to_string()
}

fn call(c: &Client, action: &str, id: &str) -> Call {
    c.ecs(action).p("InstanceId", id)
}

fn wrong_status(call: Call) {
    let (s, code, msg) = WRONG_STATUS;
    call.err(s, code, msg);
}

#[test]
fn create_instance_ends_stopped_and_start_stop_reboot_walk_the_documented_statuses() {
    let s = server();
    let owner = Client::new(&s, O);
    let id = owner
        .ecs("CreateInstance")
        .p("ImageId", "m-base")
        .p("InstanceType", "ecs.t5-lc1m1.small")
        .p("InstanceName", "builder")
        .ok_str("InstanceId");
    assert_eq!(status(&owner, &id), "Pending");
    wrong_status(call(&owner, "StartInstance", &id));
    owner
        .ecs("DeleteInstance")
        .p("InstanceId", &id)
        .p("Force", "true")
        .err(
            403,
            "IncorrectInstanceStatus.Initializing",
            "The specified instance status does not support this operation.",
        );
    s.advance_clock(Duration::from_secs(10));
    assert_eq!(status(&owner, &id), "Stopped");
    wrong_status(call(&owner, "StopInstance", &id));
    wrong_status(call(&owner, "RebootInstance", &id));

    call(&owner, "StartInstance", &id).p("DryRun", "true").err(
        400,
        "DryRunOperation",
        "Request validation has been passed with DryRun flag set.",
    );
    assert_eq!(status(&owner, &id), "Stopped", "a dry run changes nothing");
    call(&owner, "StartInstance", &id).ok();
    assert_eq!(status(&owner, &id), "Starting");
    wrong_status(call(&owner, "StartInstance", &id));
    wrong_status(call(&owner, "DeleteInstance", &id).p("Force", "true"));
    s.advance_clock(Duration::from_secs(20));
    assert_eq!(status(&owner, &id), "Running");

    call(&owner, "RebootInstance", &id)
        .p("ForceStop", "false")
        .ok();
    assert_eq!(status(&owner, &id), "Starting");
    s.advance_clock(Duration::from_secs(19));
    assert_eq!(
        status(&owner, &id),
        "Starting",
        "a reboot starts for instance_start seconds"
    );
    s.advance_clock(Duration::from_secs(1));
    call(&owner, "StopInstance", &id)
        .p("ForceStop", "false")
        .ok();
    assert_eq!(status(&owner, &id), "Stopping");
    s.advance_clock(Duration::from_secs(29));
    assert_eq!(status(&owner, &id), "Stopping");
    s.advance_clock(Duration::from_secs(1));
    assert_eq!(status(&owner, &id), "Stopped");

    let v = owner
        .ecs("DescribeInstanceAttribute")
        .p("InstanceId", &id)
        .ok();
    assert_eq!(v["Status"], "Stopped");
    assert_eq!(v["InstanceName"], "builder");
    assert_eq!(v["Cpu"], 1);
    assert_eq!(v["Memory"], 1024);
    assert_eq!(
        v["StartTime"],
        serde_json::Value::Null,
        "not an attribute field"
    );
    call(&owner, "DeleteInstance", &id).ok();
    owner
        .ecs("DescribeInstanceAttribute")
        .p("InstanceId", &id)
        .err(
            404,
            "InvalidInstanceId.NotFound",
            "The specified InstanceId does not exist.",
        );
}

#[test]
fn run_instances_passes_pending_and_starting_before_running() {
    let s = server();
    let owner = Client::new(&s, O);
    let v = owner
        .ecs("RunInstances")
        .p("ImageId", "m-base")
        .p("InstanceType", "ecs.g7.large")
        .p("Amount", "2")
        .ok();
    let ids: Vec<String> = v["InstanceIdSets"]["InstanceIdSet"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i.as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 2);
    assert_eq!(status(&owner, &ids[0]), "Pending");
    s.advance_clock(Duration::from_secs(10));
    assert_eq!(status(&owner, &ids[0]), "Starting");
    s.advance_clock(Duration::from_secs(20));
    assert_eq!(status(&owner, &ids[1]), "Running");
    // A running instance is deleted only with Force.
    wrong_status(call(&owner, "DeleteInstance", &ids[0]));
    call(&owner, "DeleteInstance", &ids[0])
        .p("Force", "true")
        .ok();
    let left = owner.ecs("DescribeInstanceStatus").ok();
    let mut statuses: Vec<(String, String)> = left["InstanceStatuses"]["InstanceStatus"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["InstanceId"].as_str().unwrap().to_string(),
                i["Status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    statuses.sort();
    let mut expected = vec![
        ("i-settled".to_string(), "Stopped".to_string()),
        (ids[1].clone(), "Running".to_string()),
    ];
    expected.sort();
    assert_eq!(statuses, expected);
    assert_eq!(left["TotalCount"], 2);
}

#[test]
fn describe_instances_filters_and_shows_the_fields_clients_read() {
    let s = server();
    let owner = Client::new(&s, O);
    let v = owner.ecs("DescribeInstances").p("Status", "Stopped").ok();
    assert_eq!(v["TotalCount"], 1);
    let i = &v["Instances"]["Instance"][0];
    assert_eq!(i["InstanceId"], "i-settled");
    assert_eq!(i["InstanceName"], "web-1");
    assert_eq!(i["RegionId"], "cn-hangzhou");
    assert_eq!(i["ZoneId"], "cn-hangzhou-b", "the region's first zone");
    assert_eq!(i["InstanceType"], "ecs.g7.large");
    assert_eq!(i["InstanceTypeFamily"], "ecs.g7");
    assert_eq!(i["Cpu"], 2);
    assert_eq!(i["Memory"], 8192);
    assert_eq!(i["CreationTime"], "2026-01-01T00:00Z");
    assert_eq!(i["InstanceNetworkType"], "classic");
    let inner = i["InnerIpAddress"]["IpAddress"][0].as_str().unwrap();
    let octets: Vec<u8> = inner.split('.').map(|o| o.parse().unwrap()).collect();
    assert!(
        octets[0] == 172 && (16..=31).contains(&octets[1]),
        "{inner} is not in 172.16.0.0/12"
    );
    assert!(i["VpcAttributes"]["PrivateIpAddress"]["IpAddress"]
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(i["IoOptimized"], true);
    assert_eq!(
        i["SecurityGroupIds"]["SecurityGroupId"],
        serde_json::json!([])
    );
    assert!(i["Tags"]["Tag"].is_array());
    for (filter, value, hits) in [
        ("Status", "Running", 0),
        ("InstanceName", "web-*", 1),
        ("InstanceName", "*-2", 0),
        ("InstanceType", "ecs.g7.large", 1),
        ("ZoneId", "cn-hangzhou-k", 0),
        ("ImageId", "m-base", 1),
    ] {
        let v = owner.ecs("DescribeInstances").p(filter, value).ok();
        assert_eq!(v["TotalCount"], hits, "{filter}={value}");
    }
    let v = owner.ecs("DescribeInstances").p("MaxResults", "1").ok();
    assert_eq!(v["NextToken"], "");
    assert_eq!(v["Instances"]["Instance"].as_array().unwrap().len(), 1);
    owner.ecs("DescribeInstances").p("Status", "Sleeping").err(
        400,
        "InvalidParameter",
        "The specified parameter \"Status\" is not valid.",
    );
    let too_many = format!("[{}]", vec!["\"i-x\""; 101].join(","));
    for bad in ["i-settled", "[]", too_many.as_str()] {
        owner.ecs("DescribeInstances").p("InstanceIds", bad).err(
            400,
            "InvalidParameter",
            "The specified parameter \"InstanceIds\" is not valid.",
        );
    }
    // Another account, or another region, sees none of it.
    let other = Client::new(&s, X);
    assert_eq!(other.ecs("DescribeInstances").ok()["TotalCount"], 0);
    assert_eq!(
        owner.in_region("cn-shanghai").ecs("DescribeInstances").ok()["TotalCount"],
        0
    );
}

#[test]
fn instances_of_others_or_other_regions_cannot_be_changed() {
    let s = server();
    let other = Client::new(&s, X);
    let owner = Client::new(&s, O);
    for action in [
        "StartInstance",
        "StopInstance",
        "RebootInstance",
        "DeleteInstance",
    ] {
        call(&other, action, "i-settled").err(
            404,
            "InvalidInstanceId.NotFound",
            "The specified InstanceId does not exist.",
        );
        call(&owner.in_region("cn-shanghai"), action, "i-settled").err(
            404,
            "InvalidInstanceId.NotFound",
            "The specified InstanceId does not exist.",
        );
    }
    owner.ecs("StartInstance").err(
        400,
        "MissingParameter",
        "The input parameter \"InstanceId\" that is mandatory for processing this request is not supplied.",
    );
    assert_eq!(status(&owner, "i-settled"), "Stopped");
}

#[test]
fn with_no_delays_every_transition_is_immediate() {
    let s = MockServer::builder().start_blocking().unwrap();
    let owner = Client::new(&s, OWNER_KEY);
    let id = owner
        .ecs("CreateInstance")
        .p("ImageId", PLAIN)
        .p("InstanceType", "ecs.g7.large")
        .ok_str("InstanceId");
    assert_eq!(status(&owner, &id), "Stopped");
    call(&owner, "StartInstance", &id).ok();
    assert_eq!(status(&owner, &id), "Running");
    call(&owner, "StopInstance", &id)
        .p("ForceStop", "true")
        .ok();
    assert_eq!(status(&owner, &id), "Stopped");
    call(&owner, "DeleteInstance", &id).ok();
}

#[test]
fn key_pairs_attach_and_detach_per_instance() {
    let s = server();
    let owner = Client::new(&s, O);
    owner.ecs("CreateKeyPair").p("KeyPairName", "packer_1").ok();
    let running = owner
        .ecs("RunInstances")
        .p("ImageId", "m-base")
        .p("InstanceType", "ecs.g7.large")
        .ok()["InstanceIdSets"]["InstanceIdSet"][0]
        .as_str()
        .unwrap()
        .to_string();
    let attach = |ids: &str| {
        owner
            .ecs("AttachKeyPair")
            .p("KeyPairName", "packer_1")
            .p("InstanceIds", ids)
    };
    // The new instance is still Pending: it fails alone, the stopped one succeeds.
    let v = attach(&format!("[\"i-settled\",\"{running}\",\"i-nowhere\"]")).ok();
    assert_eq!(v["TotalCount"], "3");
    assert_eq!(v["FailCount"], "2");
    assert_eq!(v["KeyPairName"], "packer_1");
    let r = &v["Results"]["Result"];
    assert_eq!(
        r[0],
        serde_json::json!({"Code": "200", "InstanceId": "i-settled", "Message": "successful", "Success": "true"})
    );
    assert_eq!(r[1]["Code"], "IncorrectInstanceStatus");
    assert_eq!(r[1]["Success"], "false");
    assert_eq!(r[2]["Code"], "InvalidInstanceId.NotFound");
    assert_eq!(r[2]["Message"], "The specified InstanceId does not exist.");
    let key_of = |id: &str| {
        owner
            .ecs("DescribeInstances")
            .p("InstanceIds", &format!("[\"{id}\"]"))
            .ok()["Instances"]["Instance"][0]["KeyPairName"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(key_of("i-settled"), "packer_1");
    assert_eq!(key_of(&running), "");
    s.advance_clock(Duration::from_secs(30));
    assert_eq!(attach(&format!("[\"{running}\"]")).ok()["FailCount"], "0");
    assert_eq!(key_of(&running), "packer_1");
    // Detaching from a stopped instance works; the key pair must exist.
    let v = owner
        .ecs("DetachKeyPair")
        .p("KeyPairName", "packer_1")
        .p("InstanceIds", "[\"i-settled\"]")
        .ok();
    assert_eq!(v["FailCount"], "0");
    assert_eq!(key_of("i-settled"), "");
    for action in ["AttachKeyPair", "DetachKeyPair"] {
        owner
            .ecs(action)
            .p("KeyPairName", "nope")
            .p("InstanceIds", "[\"i-settled\"]")
            .err(
                400,
                "InvalidKeyPairName.NotFound",
                "The specified KeyPairName does not exist in our records.",
            );
        let too_many = format!("[{}]", vec!["\"i-x\""; 51].join(","));
        for bad in ["i-settled", "[]", too_many.as_str()] {
            owner
                .ecs(action)
                .p("KeyPairName", "packer_1")
                .p("InstanceIds", bad)
                .err(
                    400,
                    "InvalidInstanceIds.ValueNotSupported",
                    "The specified parameter InstanceIds is not valid.",
                );
        }
    }
    // Another account's key pair of the same name does not exist for this one.
    Client::new(&s, X)
        .ecs("AttachKeyPair")
        .p("KeyPairName", "packer_1")
        .p("InstanceIds", "[\"i-settled\"]")
        .err(
            400,
            "InvalidKeyPairName.NotFound",
            "The specified KeyPairName does not exist in our records.",
        );
    assert_eq!(key_of(&running), "packer_1", "refused calls change nothing");
    // Another account's instance fails on its own, even with that account's own key pair.
    let other = Client::new(&s, X);
    other.ecs("CreateKeyPair").p("KeyPairName", "theirs").ok();
    let v = other
        .ecs("AttachKeyPair")
        .p("KeyPairName", "theirs")
        .p("InstanceIds", &format!("[\"{running}\"]"))
        .ok();
    assert_eq!(v["FailCount"], "1");
    assert_eq!(
        v["Results"]["Result"][0]["Code"],
        "InvalidInstanceId.NotFound"
    );
    assert_eq!(key_of(&running), "packer_1");
}

#[test]
fn a_launch_names_an_existing_key_pair_or_fails_with_the_actions_own_wording() {
    let s = server();
    let owner = Client::new(&s, O);
    let launch = |action: &str, key: &str| {
        owner
            .ecs(action)
            .p("ImageId", "m-base")
            .p("InstanceType", "ecs.g7.large")
            .p("KeyPairName", key)
    };
    launch("RunInstances", "missing").err(
        404,
        "InvalidKeyPairName.NotFound",
        "The specified parameter \"KeyPairName\" does not exist in our records.",
    );
    launch("CreateInstance", "missing").err(
        400,
        "InvalidKeyPairName.NotFound",
        "The specified KeyPairName does not exist in our records.",
    );
    assert_eq!(
        owner.ecs("DescribeInstances").ok()["TotalCount"],
        1,
        "nothing launched"
    );
    owner.ecs("CreateKeyPair").p("KeyPairName", "deploy").ok();
    let id = launch("CreateInstance", "deploy").ok_str("InstanceId");
    let v = owner
        .ecs("DescribeInstanceAttribute")
        .p("InstanceId", &id)
        .ok();
    assert_eq!(v["InstanceId"], id.as_str());
    let v = owner
        .ecs("DescribeInstances")
        .p("InstanceIds", &format!("[\"{id}\"]"))
        .ok();
    assert_eq!(v["Instances"]["Instance"][0]["KeyPairName"], "deploy");
}

#[test]
fn a_run_instance_starts_once_created() {
    let s = MockServer::builder()
        .scenario_yaml(WORLD)
        .unwrap()
        .scenario_yaml("delays: { instance_create: 120, instance_start: 60 }\n")
        .unwrap()
        .start_blocking()
        .unwrap();
    let owner = Client::new(&s, O);
    let id = owner
        .ecs("RunInstances")
        .p("ImageId", "m-base")
        .p("InstanceType", "ecs.g7.large")
        .ok()["InstanceIdSets"]["InstanceIdSet"][0]
        .as_str()
        .unwrap()
        .to_string();
    let v = owner
        .ecs("DescribeInstances")
        .p("InstanceIds", &format!("[\"{id}\"]"))
        .ok();
    let i = &v["Instances"]["Instance"][0];
    assert_eq!(i["CreationTime"], "2026-01-01T00:00Z");
    assert_eq!(
        i["StartTime"], "2026-01-01T00:02Z",
        "StartTime is when creation ends"
    );
}
