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
    assert_eq!(v["IsDefault"], false);
    // The ECS API's DescribeVpcs answers its own model's fields, not the Vpc product's.
    assert!(v.get("OwnerId").is_none() && v.get("Tags").is_none(), "{v}");

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

#[test]
fn an_eip_is_allocated_bound_unbound_and_released_as_the_builder_polls_it() {
    let s = MockServer::builder()
        .scenario_yaml(&format!("{WORLD}\n"))
        .unwrap()
        .scenario_yaml("delays: { network_create: 0, eip_associate: 3 }\n")
        .unwrap()
        .start_blocking()
        .unwrap();
    let owner = Client::new(&s, O);
    let vpc = owner.ecs("CreateVpc").ok_str("VpcId");
    let vsw = owner
        .ecs("CreateVSwitch")
        .p("VpcId", &vpc)
        .p("ZoneId", "cn-hangzhou-h")
        .p("CidrBlock", "172.16.0.0/24")
        .ok_str("VSwitchId");
    let vm = owner
        .ecs("CreateInstance")
        .p("ImageId", "m-base")
        .p("InstanceType", "ecs.g7.large")
        .p("VSwitchId", &vsw)
        .ok_str("InstanceId");
    let classic = owner
        .ecs("CreateInstance")
        .p("ImageId", "m-base")
        .p("InstanceType", "ecs.g7.large")
        .ok_str("InstanceId");
    let made = owner
        .ecs("AllocateEipAddress")
        .p("ClientToken", "tok-eip")
        .p("Bandwidth", "10")
        .ok();
    let eip = made["AllocationId"].as_str().unwrap().to_string();
    assert!(eip.starts_with("eip-"));
    assert_eq!(made["OrderId"], 0);
    let ip = made["EipAddress"].as_str().unwrap().to_string();
    let status = || {
        let v = owner
            .ecs("DescribeEipAddresses")
            .p("AllocationId", &eip)
            .ok();
        v["EipAddresses"]["EipAddress"][0]["Status"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(status(), "Available");
    let associate = |instance: &str| {
        owner
            .ecs("AssociateEipAddress")
            .p("AllocationId", &eip)
            .p("InstanceId", instance)
    };
    associate(&classic).err(400, "OperationDenied", "Specified instance is not in VPC.");
    associate("i-nope").err(
        404,
        "InvalidInstanId.NotFound",
        "Specified instance does not exist.",
    );
    associate(&vm).ok();
    assert_eq!(status(), "Associating");
    associate(&vm).err(
        400,
        "IncorrectEipStatus",
        "Current elastic IP status does not support this operation",
    );
    owner.ecs("ReleaseEipAddress").p("AllocationId", &eip).err(
        400,
        "IncorrectEipStatus",
        "Current elastic IP status does not support this operation.",
    );
    s.advance_clock(Duration::from_secs(3));
    assert_eq!(status(), "InUse");
    let row = owner.ecs("DescribeEipAddresses").p("EipAddress", &ip).ok()["EipAddresses"]
        ["EipAddress"][0]
        .clone();
    assert_eq!(row["InstanceId"], vm.as_str());
    assert_eq!(row["InstanceType"], "EcsInstance");
    assert!(
        row.get("VpcId").is_none(),
        "not in the ECS API's EIP model: {row}"
    );
    assert_eq!(row["Bandwidth"], "10");
    let i = owner
        .ecs("DescribeInstances")
        .p("InstanceIds", &format!("[\"{vm}\"]"))
        .ok()["Instances"]["Instance"][0]
        .clone();
    assert_eq!(i["EipAddress"]["IpAddress"], ip.as_str());
    assert_eq!(i["EipAddress"]["AllocationId"], eip.as_str());
    // A second EIP cannot go to the same instance.
    let second = owner.ecs("AllocateEipAddress").ok_str("AllocationId");
    owner
        .ecs("AssociateEipAddress")
        .p("AllocationId", &second)
        .p("InstanceId", &vm)
        .err(
            400,
            "InvalidAssociation.Duplicated",
            "Specified instance already is associated.",
        );
    owner
        .ecs("UnassociateEipAddress")
        .p("AllocationId", &eip)
        .p("InstanceId", &classic)
        .err(
            400,
            "InvalidInstanceId.NotFound",
            "Specified instance does not exist.",
        );
    owner
        .ecs("UnassociateEipAddress")
        .p("AllocationId", &eip)
        .p("InstanceId", &vm)
        .ok();
    assert_eq!(status(), "Unassociating");
    s.advance_clock(Duration::from_secs(3));
    assert_eq!(status(), "Available");
    owner
        .ecs("UnassociateEipAddress")
        .p("AllocationId", &eip)
        .err(
            400,
            "IncorrectEipStatus",
            "Current elastic IP status does not support this operation.",
        );
    owner.ecs("ReleaseEipAddress").p("AllocationId", &eip).ok();
    owner.ecs("ReleaseEipAddress").p("AllocationId", &eip).err(
        404,
        "InvalidAllocationId.NotFound",
        "Specified allocation ID is not found",
    );
    assert_eq!(owner.ecs("DescribeEipAddresses").ok()["TotalCount"], 1);
}

#[test]
fn eip_parameters_quota_and_release_with_the_instance() {
    let s = MockServer::builder().start_blocking().unwrap();
    let owner = Client::new(&s, OWNER_KEY);
    for bad in ["0", "x", "501"] {
        owner.ecs("AllocateEipAddress").p("Bandwidth", bad).err(
            400,
            "InvalidParameter",
            "Specified value of \"Bandwidth\" is not valid.",
        );
    }
    owner
        .ecs("AllocateEipAddress")
        .p("InternetChargeType", "Free")
        .err(
            400,
            "InvalidParameter",
            "Specified value of \"InternetChargeType\" is not valid",
        );
    owner
        .ecs("AssociateEipAddress")
        .p("AllocationId", "eip-nope")
        .p("InstanceId", "i-x")
        .p("InstanceType", "Nat")
        .err(
            400,
            "InvalidInstanceType.ValueNotSupported",
            "The specified value of InstanceType is not supported.",
        );
    let vpc = owner.ecs("CreateVpc").ok_str("VpcId");
    let vsw = owner
        .ecs("CreateVSwitch")
        .p("VpcId", &vpc)
        .p("ZoneId", "cn-hangzhou-h")
        .p("CidrBlock", "172.16.0.0/24")
        .ok_str("VSwitchId");
    let vm = owner
        .ecs("RunInstances")
        .p("ImageId", PLAIN)
        .p("InstanceType", "ecs.g7.large")
        .p("VSwitchId", &vsw)
        .ok()["InstanceIdSets"]["InstanceIdSet"][0]
        .as_str()
        .unwrap()
        .to_string();
    let eip = owner.ecs("AllocateEipAddress").ok_str("AllocationId");
    owner
        .ecs("AssociateEipAddress")
        .p("AllocationId", &eip)
        .p("InstanceId", &vm)
        .ok();
    owner
        .ecs("DeleteInstance")
        .p("InstanceId", &vm)
        .p("Force", "true")
        .ok();
    let v = owner
        .ecs("DescribeEipAddresses")
        .p("Status", "Available")
        .ok();
    assert_eq!(v["TotalCount"], 1, "releasing the instance frees its EIP");
    for _ in 1..20 {
        owner.ecs("AllocateEipAddress").ok();
    }
    owner.ecs("AllocateEipAddress").err(
        400,
        "QuotaExceeded.Eip",
        "Elastic IP address quota exceeded.",
    );
}

#[test]
fn zones_list_what_a_builder_needs_and_launches_stay_inside_them() {
    let s = MockServer::builder().start_blocking().unwrap();
    let owner = Client::new(&s, OWNER_KEY);
    let v = owner.ecs("DescribeZones").p("AcceptLanguage", "en-US").ok();
    let zones = v["Zones"]["Zone"].as_array().unwrap();
    let ids: Vec<&str> = zones
        .iter()
        .map(|z| z["ZoneId"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "cn-hangzhou-b",
            "cn-hangzhou-e",
            "cn-hangzhou-f",
            "cn-hangzhou-g",
            "cn-hangzhou-h",
            "cn-hangzhou-i",
            "cn-hangzhou-j",
            "cn-hangzhou-k"
        ]
    );
    let h = &zones[4];
    assert_eq!(h["LocalName"], "China (Hangzhou) Zone H");
    assert_eq!(h["ZoneType"], "AvailabilityZone");
    // What Packer's builder looks for: a zone where a vSwitch can be made and its type runs.
    assert!(h["AvailableResourceCreation"]["ResourceTypes"]
        .as_array()
        .unwrap()
        .contains(&"VSwitch".into()));
    assert!(h["AvailableInstanceTypes"]["InstanceTypes"]
        .as_array()
        .unwrap()
        .contains(&"ecs.t5-lc1m1.small".into()));
    let zh = owner.ecs("DescribeZones").ok();
    assert_eq!(
        zh["Zones"]["Zone"][4]["LocalName"],
        "华东1（杭州） 可用区 H"
    );
    let brief = owner.ecs("DescribeZones").p("Verbose", "false").ok();
    assert!(brief["Zones"]["Zone"][0]
        .get("AvailableInstanceTypes")
        .is_none());
    owner.ecs("DescribeZones").p("AcceptLanguage", "fr").err(
        404,
        "InvalidAcceptLanguage.NotFound",
        "Only Chinese (zh-CN), English (en-US), and Japanese (ja) are allowed.",
    );
    owner
        .ecs("DescribeZones")
        .p("InstanceChargeType", "Free")
        .err(
            404,
            "InvalidInstanceChargeType.NotFound",
            "The InstanceChargeType does not exist in our records",
        );
    owner.ecs("DescribeZones").p("SpotStrategy", "Cheap").err(
        400,
        "InvalidSpotStrategy",
        "The specified SpotStrategy is not valid.",
    );
    let launch = |zone: &str| {
        owner
            .ecs("CreateInstance")
            .p("ImageId", PLAIN)
            .p("InstanceType", "ecs.g7.large")
            .p("ZoneId", zone)
    };
    launch("cn-hangzhou-a").err(
        404,
        "InvalidZoneId.NotFound",
        "The specified zoneId does not exist.",
    );
    let vpc = owner.ecs("CreateVpc").ok_str("VpcId");
    let vsw = owner
        .ecs("CreateVSwitch")
        .p("VpcId", &vpc)
        .p("ZoneId", "cn-hangzhou-h")
        .p("CidrBlock", "172.16.0.0/24")
        .ok_str("VSwitchId");
    launch("cn-hangzhou-i").p("VSwitchId", &vsw).err(
        400,
        "InvalidParameter.Mismatch",
        "Specified virtual switch is not in the specified zone.",
    );
    let id = launch("cn-hangzhou-h")
        .p("VSwitchId", &vsw)
        .ok_str("InstanceId");
    let i = owner
        .ecs("DescribeInstanceAttribute")
        .p("InstanceId", &id)
        .ok();
    assert_eq!(i["ZoneId"], "cn-hangzhou-h");
}
