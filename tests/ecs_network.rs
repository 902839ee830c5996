//! VPCs and vSwitches through the ECS API's copies of the VPC calls, as Packer's builder
//! sends them: Pending then Available on the mock clock, launches into a vSwitch, and
//! deletion only once nothing depends on them (docs/sources.md#vpc).

mod support;

use std::time::Duration;

use alicloud_mock::MockServer;
use support::*;

const WORLD: &str = r#"
regions: [cn-hangzhou, cn-shanghai]
clock: manual
start_time: "2026-01-01T00:00:00Z"
delays: { network_create: 5 }
accounts:
  - { id: "8300000000000001", alias: owner, access_keys: [{ id: O, secret: S }] }
  - { id: "8300000000000002", alias: other, access_keys: [{ id: X, secret: S }] }
images:
  - { id: m-base, owner: owner, region: cn-hangzhou, name: base }
"#;
const O: (&str, &str) = ("O", "S");
const X: (&str, &str) = ("X", "S");

fn server() -> MockServer {
    MockServer::builder()
        .scenario_yaml(WORLD)
        .unwrap()
        .start_blocking()
        .unwrap()
}

fn vpc_status(c: &Client, id: &str) -> String {
    let v = c.ecs("DescribeVpcs").p("VpcId", id).ok();
    assert_eq!(v["TotalCount"], 1, "{v}");
    v["Vpcs"]["Vpc"][0]["Status"].as_str().unwrap().to_string()
}

fn vswitch_status(c: &Client, vpc: &str, id: &str) -> String {
    let v = c
        .ecs("DescribeVSwitches")
        .p("VpcId", vpc)
        .p("VSwitchId", id)
        .ok();
    assert_eq!(v["TotalCount"], 1, "{v}");
    v["VSwitches"]["VSwitch"][0]["Status"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn the_builder_network_comes_up_is_used_and_is_torn_down_in_order() {
    let s = server();
    let owner = Client::new(&s, O);
    let created = owner.ecs("CreateVpc").p("ClientToken", "tok-vpc").ok();
    let vpc = created["VpcId"].as_str().unwrap().to_string();
    assert!(vpc.starts_with("vpc-"), "{vpc}");
    assert!(created["VRouterId"].as_str().unwrap().starts_with("vrt-"));
    assert!(created["RouteTableId"]
        .as_str()
        .unwrap()
        .starts_with("vtb-"));
    // A retried create with the same token is the same VPC.
    assert_eq!(
        owner
            .ecs("CreateVpc")
            .p("ClientToken", "tok-vpc")
            .ok_str("VpcId"),
        vpc
    );
    assert_eq!(vpc_status(&owner, &vpc), "Pending");
    let vswitch = |cidr: &str| {
        owner
            .ecs("CreateVSwitch")
            .p("VpcId", &vpc)
            .p("ZoneId", "cn-hangzhou-h")
            .p("CidrBlock", cidr)
    };
    vswitch("172.16.0.0/24").err(
        400,
        "IncorrectVpcStatus",
        "Current VPC status does not support this operation.",
    );
    s.advance_clock(Duration::from_secs(5));
    assert_eq!(vpc_status(&owner, &vpc), "Available");
    let v = owner.ecs("DescribeVpcs").p("VpcId", &vpc).ok()["Vpcs"]["Vpc"][0].clone();
    assert_eq!(v["CidrBlock"], "172.16.0.0/12");
    assert_eq!(v["RegionId"], "cn-hangzhou");
    assert_eq!(v["OwnerId"], 8300000000000001i64);
    assert_eq!(v["IsDefault"], false);

    let vsw = vswitch("172.16.0.0/24")
        .p("VSwitchName", "builder")
        .ok_str("VSwitchId");
    assert!(vsw.starts_with("vsw-"));
    assert_eq!(vswitch_status(&owner, &vpc, &vsw), "Pending");
    let launch = || {
        owner
            .ecs("CreateInstance")
            .p("ImageId", "m-base")
            .p("InstanceType", "ecs.t5-lc1m1.small")
            .p("VSwitchId", &vsw)
    };
    launch().err(
        400,
        "IncorrectVSwitchStatus",
        "vpc subnet status not working.",
    );
    s.advance_clock(Duration::from_secs(5));
    assert_eq!(vswitch_status(&owner, &vpc, &vsw), "Available");
    let row =
        owner.ecs("DescribeVSwitches").p("VSwitchId", &vsw).ok()["VSwitches"]["VSwitch"][0].clone();
    assert_eq!(row["AvailableIpAddressCount"], 252);
    assert_eq!(row["ZoneId"], "cn-hangzhou-h");
    assert_eq!(row["VSwitchName"], "builder");
    assert_eq!(
        owner.ecs("DescribeVpcs").p("VpcId", &vpc).ok()["Vpcs"]["Vpc"][0]["VSwitchIds"]
            ["VSwitchId"],
        serde_json::json!([vsw])
    );

    let instance = launch().ok_str("InstanceId");
    let i = owner
        .ecs("DescribeInstances")
        .p("InstanceIds", &format!("[\"{instance}\"]"))
        .ok()["Instances"]["Instance"][0]
        .clone();
    assert_eq!(i["InstanceNetworkType"], "vpc");
    assert_eq!(i["ZoneId"], "cn-hangzhou-h", "the vSwitch's zone");
    assert_eq!(i["VpcAttributes"]["VpcId"], vpc.as_str());
    assert_eq!(i["VpcAttributes"]["VSwitchId"], vsw.as_str());
    let ip = i["VpcAttributes"]["PrivateIpAddress"]["IpAddress"][0]
        .as_str()
        .unwrap();
    assert!(ip.starts_with("172.16.0."), "{ip}");

    // Teardown in the builder's order, each refused while something still depends on it.
    owner.ecs("DeleteVpc").p("VpcId", &vpc).err(
        400,
        "DependencyViolation.Instance",
        "Specified object has dependent resources",
    );
    owner.ecs("DeleteVSwitch").p("VSwitchId", &vsw).err(
        400,
        "DependencyViolation",
        "Specified object has dependent resources.",
    );
    owner
        .ecs("DeleteInstance")
        .p("InstanceId", &instance)
        .p("Force", "true")
        .ok();
    owner.ecs("DeleteVpc").p("VpcId", &vpc).err(
        400,
        "DependencyViolation.VSwitch",
        "Specified object has dependent resources",
    );
    owner.ecs("DeleteVSwitch").p("VSwitchId", &vsw).ok();
    owner.ecs("DeleteVpc").p("VpcId", &vpc).ok();
    assert_eq!(owner.ecs("DescribeVpcs").ok()["TotalCount"], 0);
    owner.ecs("DeleteVpc").p("VpcId", &vpc).err(
        404,
        "InvalidVpcId.NotFound",
        "Specified VPC does not exist.",
    );
}

#[test]
fn vpc_and_vswitch_parameters_are_checked_and_a_refusal_changes_nothing() {
    let s = MockServer::builder().start_blocking().unwrap();
    let owner = Client::new(&s, OWNER_KEY);
    for bad in [
        "10.0.0.0",
        "10.0.0.1/8",
        "10.0.0.0/29",
        "10.0.0.0/7",
        "nope",
    ] {
        owner.ecs("CreateVpc").p("CidrBlock", bad).err(
            400,
            "InvalidParameter",
            "Specified CIDR block is not valid",
        );
    }
    owner.ecs("CreateVpc").p("VpcName", "http://x").err(
        400,
        "InvalidVpcName.Malformed",
        "Specified VPC name is not valid.",
    );
    owner
        .ecs("CreateVpc")
        .p("Description", &"d".repeat(257))
        .err(
            400,
            "InvalidVpcDiscription.Malformed",
            "Specified VPC description is not valid.",
        );
    owner.ecs("CreateVpc").p("DryRun", "true").err(
        400,
        "DryRunOperation",
        "Request validation has been passed with DryRun flag set.",
    );
    assert_eq!(owner.ecs("DescribeVpcs").ok()["TotalCount"], 0);
    let vpc = owner
        .ecs("CreateVpc")
        .p("CidrBlock", "10.0.0.0/16")
        .p("VpcName", "n")
        .ok_str("VpcId");
    let vswitch = |zone: &str, cidr: &str| {
        owner
            .ecs("CreateVSwitch")
            .p("VpcId", &vpc)
            .p("ZoneId", zone)
            .p("CidrBlock", cidr)
    };
    for bad in ["10.1.0.0/24", "10.0.0.0/30", "10.0.0.0/15", "10.0.0.1/24"] {
        vswitch("cn-hangzhou-i", bad).err(
            400,
            "InvalidParameter",
            "Specified CIDR block is not valid in VPC.",
        );
    }
    for bad in ["cn-shanghai-a", "cn-hangzhou", "hangzhou-a"] {
        vswitch(bad, "10.0.0.0/24").err(
            404,
            "InvalidZoneId.NotFound",
            "The specified zone does not exist.",
        );
    }
    vswitch("cn-hangzhou-i", "10.0.0.0/24").ok();
    vswitch("cn-hangzhou-j", "10.0.0.0/16").err(
        400,
        "InvalidCidrBlock.Overlapped",
        "Specified CIDR block overlapped with other subnets.",
    );
    vswitch("cn-hangzhou-j", "10.0.1.0/24")
        .p("VSwitchName", &"n".repeat(129))
        .err(
            400,
            "InvalidVSwitchName.Malformed",
            "Specified VSwitch name is not valid.",
        );
    vswitch("cn-hangzhou-j", "10.0.1.0/24")
        .p("Description", "https://x")
        .err(400, "InvalidDescription.Malformed", "Invalid description.");
    owner
        .ecs("CreateVSwitch")
        .p("VpcId", "vpc-nope")
        .p("ZoneId", "cn-hangzhou-i")
        .p("CidrBlock", "10.0.2.0/24")
        .err(
            404,
            "InvalidVpcId.NotFound",
            "Specified VPC does not exist.",
        );
    owner.ecs("CreateVSwitch").p("VpcId", &vpc).p("ZoneId", "cn-hangzhou-i").err(
        400,
        "MissingParameter",
        "The input parameter \"CidrBlock\" that is mandatory for processing this request is not supplied.",
    );
    assert_eq!(
        owner.ecs("DescribeVSwitches").p("VpcId", &vpc).ok()["TotalCount"],
        1
    );
    owner
        .ecs("CreateInstance")
        .p("ImageId", PLAIN)
        .p("InstanceType", "ecs.g7.large")
        .p("VSwitchId", "vsw-nope")
        .err(
            404,
            "InvalidVSwitchId.NotFound",
            "Specified virtual switch does not exist.",
        );
    owner.ecs("DeleteVSwitch").p("VSwitchId", "vsw-nope").err(
        404,
        "InvalidVSwitchId.NotFound",
        "Specified virtual switch does not exist.",
    );
}

#[test]
fn networks_belong_to_one_account_and_region_and_are_counted_per_region() {
    let s = server();
    let owner = Client::new(&s, O);
    let vpc = owner.ecs("CreateVpc").ok_str("VpcId");
    let other = Client::new(&s, X);
    assert_eq!(other.ecs("DescribeVpcs").ok()["TotalCount"], 0);
    other.ecs("DeleteVpc").p("VpcId", &vpc).err(
        404,
        "InvalidVpcId.NotFound",
        "Specified VPC does not exist.",
    );
    let shanghai = owner.in_region("cn-shanghai");
    assert_eq!(shanghai.ecs("DescribeVpcs").ok()["TotalCount"], 0);
    for _ in 0..9 {
        owner.ecs("CreateVpc").ok();
    }
    owner
        .ecs("CreateVpc")
        .err(400, "QuotaExceeded.Vpc", "VPC quota exceeded.");
    shanghai.ecs("CreateVpc").ok();
    let page = owner.ecs("DescribeVpcs").p("PageSize", "50").ok();
    assert_eq!(page["TotalCount"], 10);
    assert_eq!(page["Vpcs"]["Vpc"].as_array().unwrap().len(), 10);
    owner.ecs("DescribeVpcs").p("PageSize", "51").err(
        400,
        "InvalidParameter",
        "The specified parameter \"PageSize\" is not valid.",
    );
    let state = s.state().0;
    assert_eq!(state["vpcs"].as_array().unwrap().len(), 11);
}

#[test]
fn a_vpc_holds_at_most_150_vswitches() {
    let s = MockServer::builder().start_blocking().unwrap();
    let owner = Client::new(&s, OWNER_KEY);
    let vpc = owner
        .ecs("CreateVpc")
        .p("CidrBlock", "10.0.0.0/8")
        .ok_str("VpcId");
    let vswitch = |i: usize| {
        owner
            .ecs("CreateVSwitch")
            .p("VpcId", &vpc)
            .p("ZoneId", "cn-hangzhou-k")
            .p("CidrBlock", &format!("10.{}.{}.0/24", i / 256, i % 256))
    };
    for i in 0..150 {
        vswitch(i).ok();
    }
    vswitch(150).err(
        400,
        "QuotaExceeded.VSwitch",
        "Virtual switch quota exceeded.",
    );
    assert_eq!(
        owner.ecs("DescribeVSwitches").p("VpcId", &vpc).ok()["TotalCount"],
        150
    );
}
