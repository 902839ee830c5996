//! RAM tags on roles, sent the way RAM's SDK sends them: JSON strings for `ResourceNames`,
//! `Tag` and `TagKeys` (docs/sources.md#ram).

mod support;

use alicloud_mock::MockServer;
use support::*;

#[test]
fn roles_are_tagged_listed_filtered_and_untagged() {
    let s = MockServer::builder().start_blocking().unwrap();
    let owner = Client::new(&s, OWNER_KEY);
    let ram = |action: &str| owner.call("2015-05-01", action);
    let trust = r#"{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":["ecs.aliyuncs.com"]}}],"Version":"1"}"#;
    for name in ["app", "ops"] {
        ram("CreateRole")
            .p("RoleName", name)
            .p("AssumeRolePolicyDocument", trust)
            .ok();
    }
    ram("TagResources")
        .p("ResourceType", "role")
        .p("ResourceNames", r#"["app","ops"]"#)
        .p("Tag", r#"[{"Key":"team","Value":"core"}]"#)
        .ok();
    ram("TagResources")
        .p("ResourceType", "role")
        .p("ResourceNames", r#"["app"]"#)
        .p("Tag", r#"[{"Key":"env","Value":"prod"}]"#)
        .ok();
    let listed = ram("ListTagResources")
        .p("ResourceType", "role")
        .p("ResourceNames", r#"["app"]"#)
        .ok();
    assert_eq!(
        listed["TagResources"],
        serde_json::json!([
            {"ResourceName": "app", "ResourceType": "role", "TagKey": "env", "TagValue": "prod"},
            {"ResourceName": "app", "ResourceType": "role", "TagKey": "team", "TagValue": "core"}
        ])
    );
    // By tag: only roles that carry it.
    let by_tag = ram("ListTagResources")
        .p("ResourceType", "role")
        .p("Tag", r#"[{"Key":"env","Value":"prod"}]"#)
        .ok();
    assert_eq!(by_tag["TagResources"].as_array().unwrap().len(), 2);
    assert!(by_tag["TagResources"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["ResourceName"] == "app"));
    // A refused call changes nothing: one unknown role among the names.
    ram("TagResources")
        .p("ResourceType", "role")
        .p("ResourceNames", r#"["ops","ghost"]"#)
        .p("Tag", r#"[{"Key":"x","Value":"y"}]"#)
        .err(404, "EntityNotExist.Role", "The role does not exist.");
    let ops = ram("ListTagResources")
        .p("ResourceNames", r#"["ops"]"#)
        .ok();
    assert_eq!(ops["TagResources"].as_array().unwrap().len(), 1);
    ram("TagResources")
        .p("ResourceNames", "app")
        .p("Tag", r#"[{"Key":"x","Value":"y"}]"#)
        .err(
            400,
            "InvalidParameter",
            "The specified parameter \"ResourceNames\" is not valid.",
        );
    ram("TagResources").p("ResourceNames", r#"["app"]"#).err(
        400,
        "MissingParameter",
        "The input parameter \"Tag\" that is mandatory for processing this request is not supplied.",
    );
    ram("UntagResources")
        .p("ResourceType", "role")
        .p("ResourceNames", r#"["app"]"#)
        .p("TagKeys", r#"["team"]"#)
        .ok();
    ram("UntagResources")
        .p("ResourceType", "role")
        .p("ResourceNames", r#"["ops"]"#)
        .p("All", "true")
        .ok();
    let left = ram("ListTagResources").p("ResourceType", "role").ok();
    assert_eq!(
        left["TagResources"],
        serde_json::json!([
            {"ResourceName": "app", "ResourceType": "role", "TagKey": "env", "TagValue": "prod"}
        ])
    );
    assert_eq!(left["NextToken"], "");
}

#[test]
fn create_role_takes_tags_and_a_bad_tag_creates_no_role() {
    let s = MockServer::builder().start_blocking().unwrap();
    let owner = Client::new(&s, OWNER_KEY);
    let ram = |action: &str| owner.call("2015-05-01", action);
    let trust = r#"{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":["ecs.aliyuncs.com"]}}],"Version":"1"}"#;
    ram("CreateRole")
        .p("RoleName", "tagged")
        .p("AssumeRolePolicyDocument", trust)
        .p("Tag", r#"[{"Key":"env","Value":"test"}]"#)
        .ok();
    let listed = ram("ListTagResources")
        .p("ResourceType", "role")
        .p("ResourceNames", r#"["tagged"]"#)
        .ok();
    assert_eq!(listed["TagResources"][0]["TagKey"], "env");
    assert_eq!(listed["TagResources"][0]["TagValue"], "test");
    ram("CreateRole")
        .p("RoleName", "refused")
        .p("AssumeRolePolicyDocument", trust)
        .p("Tag", r#"{"Key":"env"}"#)
        .err(
            400,
            "InvalidParameter",
            "The specified parameter \"Tag\" is not valid.",
        );
    ram("GetRole").p("RoleName", "refused").err(
        404,
        "EntityNotExist.Role",
        "The role does not exist.",
    );
}
