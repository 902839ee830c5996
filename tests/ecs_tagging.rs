//! TagResources, UntagResources, ListTagResources and DescribeTags over every ECS resource
//! of the mock (docs/sources.md#ecs-tags).

mod support;

use alicloud_mock::MockServer;
use serde_json::{json, Value};
use support::*;

const WORLD: &str = r#"
regions: [cn-hangzhou, cn-shanghai]
accounts:
  - { id: "8200000000000001", alias: owner, access_keys: [{ id: O, secret: S }] }
  - { id: "8200000000000002", alias: other, access_keys: [{ id: X, secret: S }] }
images:
  - { id: m-one, owner: owner, region: cn-hangzhou, name: one }
  - { id: m-two, owner: owner, region: cn-hangzhou, name: two, tags: { team: web } }
key_pairs:
  - { name: deploy, owner: owner, region: cn-hangzhou }
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

fn tag(c: &Client, kind: &str, ids: &[&str], tags: &[(&str, &str)]) -> Call {
    let mut call = c.ecs("TagResources").p("ResourceType", kind);
    for (i, id) in ids.iter().enumerate() {
        call = call.p(&format!("ResourceId.{}", i + 1), id);
    }
    for (i, (k, v)) in tags.iter().enumerate() {
        call = call
            .p(&format!("Tag.{}.Key", i + 1), k)
            .p(&format!("Tag.{}.Value", i + 1), v);
    }
    call
}

fn listed(c: &Client, kind: &str, ids: &[&str]) -> Vec<(String, String, String)> {
    let mut call = c.ecs("ListTagResources").p("ResourceType", kind);
    for (i, id) in ids.iter().enumerate() {
        call = call.p(&format!("ResourceId.{}", i + 1), id);
    }
    let v = call.ok();
    assert!(v.get("NextToken").is_none(), "one page: {v}");
    rows(&v)
}

fn rows(v: &Value) -> Vec<(String, String, String)> {
    v["TagResources"]["TagResource"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            assert!(r["ResourceType"].is_string());
            let s = |f: &str| r[f].as_str().unwrap().to_string();
            (s("ResourceId"), s("TagKey"), s("TagValue"))
        })
        .collect()
}

fn t(id: &str, k: &str, v: &str) -> (String, String, String) {
    (id.into(), k.into(), v.into())
}

#[test]
fn tag_resources_tags_several_at_once_and_list_and_untag_see_it() {
    let s = server();
    let owner = Client::new(&s, O);
    tag(
        &owner,
        "image",
        &["m-one", "m-two"],
        &[("env", "prod"), ("team", "core")],
    )
    .ok();
    assert_eq!(
        listed(&owner, "image", &["m-one", "m-two"]),
        [
            t("m-one", "env", "prod"),
            t("m-one", "team", "core"),
            t("m-two", "env", "prod"),
            t("m-two", "team", "core"),
        ]
    );
    // By tag alone: the resources holding it.
    let by_tag = owner
        .ecs("ListTagResources")
        .p("ResourceType", "image")
        .p("Tag.1.Key", "env")
        .ok();
    assert_eq!(rows(&by_tag).len(), 4);
    // DescribeImages shows them.
    let img = &owner.ecs("DescribeImages").p("ImageId", "m-one").ok()["Images"]["Image"][0];
    assert_eq!(img["Tags"]["Tag"].as_array().unwrap().len(), 2);

    owner
        .ecs("UntagResources")
        .p("ResourceType", "image")
        .p("ResourceId.1", "m-one")
        .p("TagKey.1", "env")
        .ok();
    assert_eq!(
        listed(&owner, "image", &["m-one"]),
        [t("m-one", "team", "core")]
    );
    owner
        .ecs("UntagResources")
        .p("ResourceType", "image")
        .p("ResourceId.1", "m-two")
        .p("All", "true")
        .ok();
    assert_eq!(listed(&owner, "image", &["m-two"]), []);

    // Key pairs by name, instances, security groups, disks and snapshots.
    tag(&owner, "keypair", &["deploy"], &[("k", "v")]).ok();
    assert_eq!(
        listed(&owner, "keypair", &["deploy"]),
        [t("deploy", "k", "v")]
    );
    let kp = &owner.ecs("DescribeKeyPairs").ok()["KeyPairs"]["KeyPair"][0];
    assert_eq!(kp["Tags"]["Tag"][0]["TagKey"], "k");
    let sg = owner.ecs("CreateSecurityGroup").ok_str("SecurityGroupId");
    tag(&owner, "securitygroup", &[&sg], &[("k", "v")]).ok();
    tag(&owner, "snapshot", &["s-one"], &[("k", "v")]).ok();
    assert_eq!(
        listed(&owner, "snapshot", &["s-one"]),
        [t("s-one", "k", "v")]
    );
}

#[test]
fn describe_tags_counts_each_tag_by_resource_type() {
    let s = server();
    let owner = Client::new(&s, O);
    tag(&owner, "image", &["m-one", "m-two"], &[("team", "web")]).ok();
    tag(
        &owner,
        "snapshot",
        &["s-one"],
        &[("team", "web"), ("tier", "gold")],
    )
    .ok();
    let v = owner.ecs("DescribeTags").ok();
    assert_eq!((&v["TotalCount"], &v["PageSize"]), (&json!(2), &json!(50)));
    let first = &v["Tags"]["Tag"][0];
    assert_eq!(
        (&first["TagKey"], &first["TagValue"]),
        (&json!("team"), &json!("web"))
    );
    assert_eq!(first["ResourceTypeCount"]["Image"], 2);
    assert_eq!(first["ResourceTypeCount"]["Snapshot"], 1);
    assert_eq!(first["ResourceTypeCount"]["Eni"], 0);
    let only = owner
        .ecs("DescribeTags")
        .p("ResourceType", "snapshot")
        .p("Tag.1.Key", "tier")
        .ok();
    assert_eq!(only["TotalCount"], 1);
    assert_eq!(only["Tags"]["Tag"][0]["TagValue"], "gold");
    let one = owner
        .ecs("DescribeTags")
        .p("ResourceType", "image")
        .p("ResourceId", "m-one")
        .ok();
    assert_eq!(one["Tags"]["Tag"][0]["ResourceTypeCount"]["Image"], 1);
    assert_eq!(
        owner.ecs("DescribeTags").p("ResourceType", "eni").ok()["TotalCount"],
        0
    );
    owner.ecs("DescribeTags").p("ResourceType", "robot").err(
        404,
        "InvalidResourceType.NotFound",
        "The ResourceType provided does not exist in our records.",
    );
    // Another account sees none of them.
    assert_eq!(Client::new(&s, X).ecs("DescribeTags").ok()["TotalCount"], 0);
}

#[test]
fn tag_calls_refuse_what_the_reference_refuses_and_change_nothing() {
    let s = server();
    let owner = Client::new(&s, O);
    tag(&owner, "image", &["m-one", "m-nope"], &[("env", "prod")]).err(
        404,
        "InvalidResourceId.NotFound",
        "The specified ResourceIds are not found in our records.",
    );
    assert_eq!(listed(&owner, "image", &["m-one"]), [], "all or nothing");
    tag(&Client::new(&s, X), "image", &["m-one"], &[("env", "prod")]).err(
        404,
        "InvalidResourceId.NotFound",
        "The specified ResourceIds are not found in our records.",
    );
    let ids: Vec<String> = (0..51).map(|i| format!("m-{i}")).collect();
    let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    tag(&owner, "image", &id_refs, &[("env", "prod")]).err(
        400,
        "NumberExceed.ResourceIds",
        "The ResourceIds parameter's number is exceed , Valid : 50",
    );
    let many: Vec<(String, String)> = (0..21).map(|i| (format!("k{i}"), "v".into())).collect();
    let many_refs: Vec<(&str, &str)> = many.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    tag(&owner, "image", &["m-one"], &many_refs).err(
        400,
        "NumberExceed.Tags",
        "The Tags parameter's number is exceed , Valid : 20",
    );
    // Twenty in all: m-two holds one already.
    tag(&owner, "image", &["m-two"], &many_refs[..20]).err(
        400,
        "OperationDenied.QuotaExceed",
        "The quota of tags on resource is beyond permitted range.",
    );
    assert_eq!(
        listed(&owner, "image", &["m-two"]),
        [t("m-two", "team", "web")]
    );
    tag(&owner, "image", &["m-one"], &[]).err(
        404,
        "MissingParameter.Tags",
        "The parameter - Tags should not be null",
    );
    owner
        .ecs("ListTagResources")
        .p("ResourceId.1", "m-one")
        .err(
            404,
            "MissingParameter.ResourceType",
            "The parameter - ResourceType should not be null",
        );
    owner
        .ecs("ListTagResources")
        .p("ResourceType", "image")
        .err(
            404,
            "MissingParameter.Tags",
            "The parameter - Tags should not be null",
        );
    tag(&owner, "robot", &["m-one"], &[("env", "prod")]).err(
        404,
        "InvalidResourceType.NotFound",
        "The ResourceType provided does not exist in our records.",
    );
    tag(&owner, "image", &["m-one"], &[("acs:x", "v")]).err(
        400,
        "InvalidTagKey.Malformed",
        "The specified Tag.n.Key is not valid.",
    );
}

#[test]
fn list_tag_resources_pages_by_fifty_rows() {
    let s = server();
    let owner = Client::new(&s, O);
    let many: Vec<(String, String)> = (0..20).map(|i| (format!("k{i:02}"), "v".into())).collect();
    let refs: Vec<(&str, &str)> = many.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    tag(&owner, "image", &["m-one"], &refs).ok();
    tag(&owner, "image", &["m-two"], &refs[..19]).ok();
    tag(&owner, "snapshot", &["s-one"], &refs).ok();
    let first = owner
        .ecs("ListTagResources")
        .p("ResourceType", "image")
        .p("Tag.1.Key", "k00")
        .ok();
    assert_eq!(rows(&first).len(), 40, "m-one's 20 and m-two's 20");
    assert!(first.get("NextToken").is_none());
    let page1 = owner
        .ecs("ListTagResources")
        .p("ResourceType", "snapshot")
        .p("ResourceId.1", "s-one")
        .ok();
    assert_eq!(rows(&page1).len(), 20);
    let all = owner
        .ecs("ListTagResources")
        .p("ResourceType", "image")
        .p("ResourceId.1", "m-one")
        .p("ResourceId.2", "m-two")
        .p("ResourceId.3", "m-nope")
        .ok();
    assert_eq!(rows(&all).len(), 40);
    // 60 rows: two pages.
    tag(&owner, "keypair", &["deploy"], &refs).ok();
    let kp = owner.ecs("CreateKeyPair").p("KeyPairName", "second").ok();
    assert!(kp["KeyPairName"].is_string());
    tag(&owner, "keypair", &["second"], &refs).ok();
    tag(&owner, "keypair", &["deploy"], &[("extra", "1")]).err(
        400,
        "OperationDenied.QuotaExceed",
        "The quota of tags on resource is beyond permitted range.",
    );
    let p1 = owner
        .ecs("ListTagResources")
        .p("ResourceType", "keypair")
        .p("Tag.1.Key", "k01")
        .ok();
    assert_eq!(rows(&p1).len(), 40);
    assert!(p1.get("NextToken").is_none());
    let sg = owner.ecs("CreateSecurityGroup").ok_str("SecurityGroupId");
    let sg2 = owner.ecs("CreateSecurityGroup").ok_str("SecurityGroupId");
    let sg3 = owner.ecs("CreateSecurityGroup").ok_str("SecurityGroupId");
    tag(&owner, "securitygroup", &[&sg, &sg2, &sg3], &refs).ok();
    let page = owner
        .ecs("ListTagResources")
        .p("ResourceType", "securitygroup")
        .p("Tag.1.Key", "k00")
        .ok();
    assert_eq!(rows(&page).len(), 50);
    assert_eq!(page["NextToken"], "50");
    let rest = owner
        .ecs("ListTagResources")
        .p("ResourceType", "securitygroup")
        .p("Tag.1.Key", "k00")
        .p("NextToken", "50")
        .ok();
    assert_eq!(rows(&rest).len(), 10);
    assert!(rest.get("NextToken").is_none());
}

const GROUPS: &str = r#"
regions: [cn-hangzhou]
accounts:
  - { id: "8200000000000001", alias: owner, access_keys: [{ id: O, secret: S }], resource_groups: [rg-web, rg-db] }
  - { id: "8200000000000002", alias: other, access_keys: [{ id: X, secret: S }], resource_groups: [rg-theirs] }
images:
  - { id: m-one, owner: owner, region: cn-hangzhou, name: one }
"#;

#[test]
fn resources_are_created_in_a_group_listed_by_it_and_moved_with_join_resource_group() {
    let s = MockServer::builder()
        .scenario_yaml(GROUPS)
        .unwrap()
        .start_blocking()
        .unwrap();
    let owner = Client::new(&s, O);
    let not_found = (
        404,
        "InvalidResourceGroup.NotFound",
        "The ResourceGroup provided does not exist in our records.",
    );
    // Only the caller's groups (its default one included) are accepted.
    for call in [
        owner.ecs("CreateSecurityGroup"),
        owner.ecs("CreateKeyPair").p("KeyPairName", "k1"),
        owner
            .ecs("RunInstances")
            .p("ImageId", "m-one")
            .p("InstanceType", "ecs.g7.large"),
        owner.ecs("CreateImage").p("SnapshotId", "s-one"),
    ] {
        call.p("ResourceGroupId", "rg-theirs")
            .err(not_found.0, not_found.1, not_found.2);
    }
    assert_eq!(owner.ecs("DescribeSecurityGroups").ok()["TotalCount"], 0);
    let sg = owner
        .ecs("CreateSecurityGroup")
        .p("ResourceGroupId", "rg-web")
        .ok_str("SecurityGroupId");
    let vm = owner
        .ecs("RunInstances")
        .p("ImageId", "m-one")
        .p("InstanceType", "ecs.g7.large")
        .p("ResourceGroupId", "rg-web")
        .ok()["InstanceIdSets"]["InstanceIdSet"][0]
        .as_str()
        .unwrap()
        .to_string();
    let img = owner
        .ecs("CreateImage")
        .p("InstanceId", &vm)
        .p("ResourceGroupId", "rg-db")
        .ok_str("ImageId");
    // How many resources a Describe call lists in a group (each showing that group).
    let in_group = |action: &str, list: &str, item: &str, group: &str| -> usize {
        let v = owner.ecs(action).p("ResourceGroupId", group).ok();
        let items = v[list][item].as_array().unwrap().clone();
        for x in &items {
            assert_eq!(x["ResourceGroupId"], group, "{x}");
        }
        items.len()
    };
    assert_eq!(
        in_group(
            "DescribeSecurityGroups",
            "SecurityGroups",
            "SecurityGroup",
            "rg-web"
        ),
        1
    );
    assert_eq!(
        in_group("DescribeInstances", "Instances", "Instance", "rg-web"),
        1
    );
    // The instance's disk is in its group; the image's snapshot in the image's.
    assert_eq!(in_group("DescribeDisks", "Disks", "Disk", "rg-web"), 1);
    assert_eq!(in_group("DescribeImages", "Images", "Image", "rg-db"), 1);
    assert_eq!(
        in_group("DescribeSnapshots", "Snapshots", "Snapshot", "rg-db"),
        1
    );
    // The default group holds what was created without one, and answers "".
    let default = owner
        .ecs("DescribeImages")
        .p("ResourceGroupId", "rg-acfm8200000000000001")
        .p("ImageOwnerAlias", "self")
        .ok();
    assert_eq!(image_ids(&default), ["m-one"]);
    assert_eq!(default["Images"]["Image"][0]["ResourceGroupId"], "");

    let join = |kind: &str, id: &str, group: &str| {
        owner
            .ecs("JoinResourceGroup")
            .p("ResourceType", kind)
            .p("ResourceId", id)
            .p("ResourceGroupId", group)
    };
    join("image", &img, "rg-web").ok();
    assert_eq!(in_group("DescribeImages", "Images", "Image", "rg-web"), 1);
    join("image", &img, "rg-web").err(
        403,
        "InvalidResourceGroup.Duplicate",
        "The ResourceId provided has a ResourceGroup in our records.",
    );
    join("image", "m-one", "rg-acfm8200000000000001").err(
        403,
        "InvalidResourceGroup.Duplicate",
        "The ResourceId provided has a ResourceGroup in our records.",
    );
    join("securitygroup", &sg, "rg-theirs").err(not_found.0, not_found.1, not_found.2);
    join("instance", "i-nope", "rg-db").err(
        404,
        "InvalidResourceId.NotFound",
        "The ResourceId provided does not exist in our records.",
    );
    join("robot", &sg, "rg-db").err(
        404,
        "InvalidResourceType.NotFound",
        "The ResourceType provided does not exist in our records.",
    );
    owner
        .ecs("JoinResourceGroup")
        .p("ResourceType", "image")
        .p("ResourceGroupId", "rg-db")
        .err(
            403,
            "MissingParameter",
            "The input parameter \"ResourceId\" that is mandatory for processing this request is not supplied.",
        );
    join("keypair", "k1", "rg-db").err(
        404,
        "InvalidResourceId.NotFound",
        "The ResourceId provided does not exist in our records.",
    );
    owner.ecs("CreateKeyPair").p("KeyPairName", "k1").ok();
    join("keypair", "k1", "rg-db").ok();
    let kp = &owner
        .ecs("DescribeKeyPairs")
        .p("ResourceGroupId", "rg-db")
        .ok()["KeyPairs"]["KeyPair"];
    assert_eq!(kp[0]["ResourceGroupId"], "rg-db");
    join("instance", &vm, "rg-db").ok();
    join("securitygroup", &sg, "rg-db").ok();
    assert_eq!(
        in_group("DescribeInstances", "Instances", "Instance", "rg-web"),
        0
    );
}
