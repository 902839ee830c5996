//! Security groups as Packer's builder uses them (create in a VPC, open everything in and
//! out, launch into it, delete after the instance) and their rules' checks
//! (docs/sources.md#ecs-security-groups).

mod support;

use alicloud_mock::MockServer;
use support::*;

fn server() -> MockServer {
    MockServer::builder().start_blocking().unwrap()
}

fn vpc_and_vswitch(c: &Client) -> (String, String) {
    let vpc = c.ecs("CreateVpc").ok_str("VpcId");
    let vsw = c
        .ecs("CreateVSwitch")
        .p("VpcId", &vpc)
        .p("ZoneId", "cn-hangzhou-h")
        .p("CidrBlock", "172.16.0.0/24")
        .ok_str("VSwitchId");
    (vpc, vsw)
}

fn open_all(c: &Client, sg: &str, egress: bool) -> Call {
    let (action, side) = if egress {
        ("AuthorizeSecurityGroupEgress", "DestCidrIp")
    } else {
        ("AuthorizeSecurityGroup", "SourceCidrIp")
    };
    c.ecs(action)
        .p("SecurityGroupId", sg)
        .p("IpProtocol", "all")
        .p("PortRange", "-1/-1")
        .p("NicType", "internet")
        .p(side, "0.0.0.0/0")
}

#[test]
fn the_builder_group_is_created_opened_used_and_deleted() {
    let s = server();
    let owner = Client::new(&s, OWNER_KEY);
    let (vpc, vsw) = vpc_and_vswitch(&owner);
    let sg = owner
        .ecs("CreateSecurityGroup")
        .p("VpcId", &vpc)
        .p("ClientToken", "tok-sg")
        .ok_str("SecurityGroupId");
    assert!(sg.starts_with("sg-"));
    assert_eq!(
        owner
            .ecs("CreateSecurityGroup")
            .p("VpcId", &vpc)
            .p("ClientToken", "tok-sg")
            .ok_str("SecurityGroupId"),
        sg,
        "a retried create is the same group"
    );
    open_all(&owner, &sg, true).ok();
    open_all(&owner, &sg, false).ok();
    open_all(&owner, &sg, false).ok();
    let attr = owner
        .ecs("DescribeSecurityGroupAttribute")
        .p("SecurityGroupId", &sg)
        .ok();
    let rules = attr["Permissions"]["Permission"].as_array().unwrap();
    assert_eq!(rules.len(), 2, "an identical rule adds nothing");
    assert_eq!(rules[0]["Direction"], "egress");
    assert_eq!(rules[0]["DestCidrIp"], "0.0.0.0/0");
    assert_eq!(rules[1]["Direction"], "ingress");
    assert_eq!(rules[1]["SourceCidrIp"], "0.0.0.0/0");
    assert_eq!(rules[1]["IpProtocol"], "ALL");
    assert_eq!(rules[1]["Policy"], "Accept");
    assert_eq!(rules[1]["Priority"], "1");
    assert_eq!(attr["VpcId"], vpc.as_str());
    let ingress = owner
        .ecs("DescribeSecurityGroupAttribute")
        .p("SecurityGroupId", &sg)
        .p("Direction", "ingress")
        .ok();
    assert_eq!(
        ingress["Permissions"]["Permission"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let instance = owner
        .ecs("CreateInstance")
        .p("ImageId", PLAIN)
        .p("InstanceType", "ecs.g7.large")
        .p("VSwitchId", &vsw)
        .p("SecurityGroupId", &sg)
        .ok_str("InstanceId");
    let listed = owner.ecs("DescribeSecurityGroups").p("VpcId", &vpc).ok();
    assert_eq!(listed["TotalCount"], 1);
    let g = &listed["SecurityGroups"]["SecurityGroup"][0];
    assert_eq!(g["SecurityGroupId"], sg.as_str());
    assert_eq!(g["EcsCount"], 1);
    assert_eq!(g["RuleCount"], 2);
    assert_eq!(g["SecurityGroupType"], "normal");
    let i = owner
        .ecs("DescribeInstances")
        .p("InstanceIds", &format!("[\"{instance}\"]"))
        .ok();
    assert_eq!(
        i["Instances"]["Instance"][0]["SecurityGroupIds"]["SecurityGroupId"],
        serde_json::json!([sg])
    );

    owner
        .ecs("DeleteSecurityGroup")
        .p("SecurityGroupId", &sg)
        .err(
            400,
            "DependencyViolation",
            "Specified object has dependent resources.",
        );
    owner.ecs("DeleteInstance").p("InstanceId", &instance).ok();
    owner.ecs("DeleteVSwitch").p("VSwitchId", &vsw).ok();
    owner.ecs("DeleteVpc").p("VpcId", &vpc).err(
        400,
        "DependencyViolation.SecurityGroup",
        "Specified object has dependent resources SecurityGroup.",
    );
    owner
        .ecs("DeleteSecurityGroup")
        .p("SecurityGroupId", &sg)
        .ok();
    owner.ecs("DeleteVpc").p("VpcId", &vpc).ok();
    owner
        .ecs("DeleteSecurityGroup")
        .p("SecurityGroupId", &sg)
        .err(
            404,
            "InvalidSecurityGroupId.NotFound",
            "The specified SecurityGroupId does not exist.",
        );
}

#[test]
fn rules_are_checked_before_anything_is_added() {
    let s = server();
    let owner = Client::new(&s, OWNER_KEY);
    let sg = owner.ecs("CreateSecurityGroup").ok_str("SecurityGroupId");
    let other = owner.ecs("CreateSecurityGroup").ok_str("SecurityGroupId");
    let rule = |proto: &str, ports: &str| {
        owner
            .ecs("AuthorizeSecurityGroup")
            .p("SecurityGroupId", &sg)
            .p("IpProtocol", proto)
            .p("PortRange", ports)
    };
    rule("sctp", "1/2").p("SourceCidrIp", "10.0.0.0/8").err(
        400,
        "InvalidIpProtocol.ValueNotSupported",
        "The parameter IpProtocol must be specified with case insensitive TCP, UDP, ICMP, GRE or All.",
    );
    rule("tcp", "22").p("SourceCidrIp", "10.0.0.0/8").err(
        400,
        "InvalidIpProtocol.Malformed",
        "The specified parameter \"PortRange\" is not valid.",
    );
    for (proto, ports) in [("tcp", "-1/-1"), ("icmp", "22/22"), ("udp", "9/8")] {
        rule(proto, ports).p("SourceCidrIp", "10.0.0.0/8").err(
            400,
            "OperationDenied",
            "The specified IpProtocol does not exist or IpProtocol and PortRange do not match.",
        );
    }
    rule("tcp", "22/22").err(
        400,
        "MissingParameter.Source",
        "Either SourceCidrIp or SourceGroupId must be specified.",
    );
    rule("tcp", "22/22").p("SourceCidrIp", "10.0.0.1/8").err(
        400,
        "InvalidSourceCidrIp.Malformed",
        "The specified parameter \"SourceCidrIp\" is not valid.",
    );
    rule("tcp", "22/22").p("SourceGroupId", "sg-nope").err(
        404,
        "InvalidSourceGroupId.NotFound",
        "The SourceGroupId provided does not exist in our records.",
    );
    rule("tcp", "22/22").p("SourceGroupId", &sg).err(
        403,
        "InvalidParamter.Conflict",
        "The specified SecurityGroupId should be different from the SourceGroupId.",
    );
    rule("tcp", "22/22")
        .p("SourceCidrIp", "10.0.0.0/8")
        .p("Policy", "maybe")
        .err(
            400,
            "InvalidPolicy.Malformed",
            "The specified parameter \"Policy\" is not valid.",
        );
    rule("tcp", "22/22")
        .p("SourceCidrIp", "10.0.0.0/8")
        .p("NicType", "wifi")
        .err(
            400,
            "InvalidNicType.ValueNotSupported",
            "The specified NicType does not exist.",
        );
    for bad in ["0", "101", "x"] {
        rule("tcp", "22/22")
            .p("SourceCidrIp", "10.0.0.0/8")
            .p("Priority", bad)
            .err(
                400,
                "InvalidPriority.ValueNotSupported",
                "The parameter Priority is invalid.",
            );
    }
    owner
        .ecs("AuthorizeSecurityGroupEgress")
        .p("SecurityGroupId", &sg)
        .p("IpProtocol", "tcp")
        .p("PortRange", "443/443")
        .p("DestCidrIp", "1.2.3")
        .err(
            400,
            "InvalidDestCidrIp.Malformed",
            "The specified parameter DestCidrIp is not valid.",
        );
    owner
        .ecs("AuthorizeSecurityGroup")
        .p("SecurityGroupId", "sg-nope")
        .p("IpProtocol", "tcp")
        .p("PortRange", "22/22")
        .p("SourceCidrIp", "10.0.0.0/8")
        .err(
            404,
            "InvalidSecurityGroupId.NotFound",
            "The specified SecurityGroupId does not exist.",
        );
    let count = |id: &str| {
        owner
            .ecs("DescribeSecurityGroupAttribute")
            .p("SecurityGroupId", id)
            .ok()["Permissions"]["Permission"]
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(count(&sg), 0, "refused rules add nothing");
    // A rule naming another group makes that group undeletable.
    rule("tcp", "22/22").p("SourceGroupId", &other).ok();
    assert_eq!(count(&sg), 1);
    owner
        .ecs("DeleteSecurityGroup")
        .p("SecurityGroupId", &other)
        .err(
            400,
            "DependencyViolation",
            "Specified object has dependent resources.",
        );
    // 200 rules at most.
    for port in 1..200 {
        rule("tcp", &format!("{port}/{port}"))
            .p("SourceCidrIp", "10.0.0.0/8")
            .ok();
    }
    rule("tcp", "999/999").p("SourceCidrIp", "10.0.0.0/8").err(
        403,
        "AuthorizationLimitExceed",
        "The limit of authorization records in the security group reaches.",
    );
}

#[test]
fn groups_are_named_counted_and_matched_to_the_launch_network() {
    let s = server();
    let owner = Client::new(&s, OWNER_KEY);
    owner
        .ecs("CreateSecurityGroup")
        .p("SecurityGroupName", "1bad")
        .err(
            400,
            "InvalidSecurityGroupName.Malformed",
            "Specified security group name is not valid.",
        );
    owner.ecs("CreateSecurityGroup").p("Description", "x").err(
        400,
        "InvalidSecurityGroupDiscription.Malformed",
        "Specified security group description is not valid.",
    );
    owner.ecs("CreateSecurityGroup").p("VpcId", "vpc-nope").err(
        404,
        "InvalidVpcId.NotFound",
        "Specified VPC does not exist.",
    );
    let (_, vsw) = vpc_and_vswitch(&owner);
    let classic = owner
        .ecs("CreateSecurityGroup")
        .p("SecurityGroupName", "classic-1")
        .ok_str("SecurityGroupId");
    owner
        .ecs("CreateInstance")
        .p("ImageId", PLAIN)
        .p("InstanceType", "ecs.g7.large")
        .p("VSwitchId", &vsw)
        .p("SecurityGroupId", &classic)
        .err(
            400,
            "InvalidParameter.Mismatch",
            "Specified security group and virtual switch are not in the same VPC.",
        );
    owner
        .ecs("CreateInstance")
        .p("ImageId", PLAIN)
        .p("InstanceType", "ecs.g7.large")
        .p("SecurityGroupId", "sg-nope")
        .err(
            404,
            "InvalidSecurityGroupId.NotFound",
            "The specified SecurityGroupId does not exist.",
        );
    let v = owner
        .ecs("DescribeSecurityGroups")
        .p("SecurityGroupName", "classic-1")
        .p("NetworkType", "classic")
        .ok();
    assert_eq!(v["TotalCount"], 1);
    assert_eq!(v["SecurityGroups"]["SecurityGroup"][0]["VpcId"], "");
    for _ in 1..100 {
        owner.ecs("CreateSecurityGroup").ok();
    }
    owner.ecs("CreateSecurityGroup").err(
        403,
        "QuotaExceed.SecurityGroup",
        "The maximum number of security groups is reached.",
    );
    let ids: Vec<String> = owner
        .ecs("DescribeSecurityGroups")
        .p("PageSize", "100")
        .ok()["SecurityGroups"]["SecurityGroup"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["SecurityGroupId"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 100);
    let mut sorted = ids.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(ids, sorted, "newest ID first");
    assert_eq!(
        Client::new(&s, MEMBER_KEY)
            .ecs("DescribeSecurityGroups")
            .ok()["TotalCount"],
        0
    );
}

#[test]
fn add_tags_and_remove_tags_on_images_snapshots_instances_and_groups() {
    let s = server();
    let owner = Client::new(&s, OWNER_KEY);
    let sg = owner.ecs("CreateSecurityGroup").ok_str("SecurityGroupId");
    let vm = owner
        .ecs("CreateInstance")
        .p("ImageId", PLAIN)
        .p("InstanceType", "ecs.g7.large")
        .p("SecurityGroupId", &sg)
        .ok_str("InstanceId");
    let add = |kind: &str, id: &str| {
        owner
            .ecs("AddTags")
            .p("ResourceType", kind)
            .p("ResourceId", id)
            .p("Tag.1.Key", "team")
            .p("Tag.1.Value", "build")
    };
    for (kind, id) in [
        ("image", PLAIN),
        ("instance", vm.as_str()),
        ("securitygroup", sg.as_str()),
        ("snapshot", "s-bp1plain00000000001"),
    ] {
        add(kind, id).ok();
    }
    let img = owner.ecs("DescribeImages").p("ImageId", PLAIN).ok();
    assert_eq!(
        img["Images"]["Image"][0]["Tags"]["Tag"],
        serde_json::json!([{"TagKey": "team", "TagValue": "build"}])
    );
    let i = owner
        .ecs("DescribeInstances")
        .p("InstanceIds", &format!("[\"{vm}\"]"))
        .ok();
    assert_eq!(
        i["Instances"]["Instance"][0]["Tags"]["Tag"],
        serde_json::json!([{"TagKey": "team", "TagValue": "build"}])
    );
    let g = owner
        .ecs("DescribeSecurityGroups")
        .p("SecurityGroupId", &sg)
        .ok();
    assert_eq!(
        g["SecurityGroups"]["SecurityGroup"][0]["Tags"]["Tag"][0]["TagValue"],
        "build"
    );
    // Overwrite, then remove by key (a value that does not match removes nothing).
    owner
        .ecs("AddTags")
        .p("ResourceType", "instance")
        .p("ResourceId", &vm)
        .p("Tag.1.Key", "team")
        .p("Tag.1.Value", "ops")
        .ok();
    owner
        .ecs("RemoveTags")
        .p("ResourceType", "instance")
        .p("ResourceId", &vm)
        .p("Tag.1.Key", "team")
        .p("Tag.1.Value", "build")
        .ok();
    let tags_of_vm = || {
        owner
            .ecs("DescribeInstances")
            .p("InstanceIds", &format!("[\"{vm}\"]"))
            .ok()["Instances"]["Instance"][0]["Tags"]["Tag"]
            .clone()
    };
    assert_eq!(
        tags_of_vm(),
        serde_json::json!([{"TagKey": "team", "TagValue": "ops"}])
    );
    owner
        .ecs("RemoveTags")
        .p("ResourceType", "instance")
        .p("ResourceId", &vm)
        .p("Tag.1.Key", "team")
        .ok();
    assert_eq!(tags_of_vm(), serde_json::json!([]));
    add("image", GOLDEN).ok();
    add("bucket", PLAIN).err(
        404,
        "InvalidResourceType.NotFound",
        "The ResourceType provided does not exist in our records.",
    );
    for (kind, id) in [
        ("image", "m-nope"),
        ("disk", "d-1"),
        ("snapshot", "s-nope"),
        ("instance", "i-nope"),
    ] {
        add(kind, id).err(
            404,
            "InvalidResourceId.NotFound",
            "The specified ResourceId is not found in our records.",
        );
    }
    // Another account's image is not found either.
    Client::new(&s, MEMBER_KEY)
        .ecs("AddTags")
        .p("ResourceType", "image")
        .p("ResourceId", PLAIN)
        .p("Tag.1.Key", "x")
        .p("Tag.1.Value", "y")
        .err(
            404,
            "InvalidResourceId.NotFound",
            "The specified ResourceId is not found in our records.",
        );
    let mut many = owner
        .ecs("AddTags")
        .p("ResourceType", "securitygroup")
        .p("ResourceId", &sg);
    for n in 1..=20 {
        many = many
            .p(&format!("Tag.{n}.Key"), &format!("k{n}"))
            .p(&format!("Tag.{n}.Value"), "v");
    }
    many.err(
        400,
        "InvalidTagCount",
        "The specified tags are beyond the permitted range.",
    );
}
