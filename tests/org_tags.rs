//! Tags on directory members and folders (ResourceDirectoryMaster 2022-04-19 TagResources,
//! UntagResources, ListTagResources), as Terraform's `alicloud_resource_manager_account` and
//! `_folder` write and read them (docs/sources.md#resource-directory).

mod support;

use support::org::*;
use support::*;

fn rdm(c: &Client, action: &str) -> Call {
    c.call("2022-04-19", action)
}

fn tag_rows(v: &serde_json::Value) -> Vec<(String, String, String)> {
    v["TagResources"]
        .as_array()
        .expect("TagResources is a flat array")
        .iter()
        .map(|r| {
            assert!(r["ResourceType"].is_string());
            (
                r["ResourceId"].as_str().unwrap().to_string(),
                r["TagKey"].as_str().unwrap().to_string(),
                r["TagValue"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn members_carry_tags_from_creation_through_tag_and_untag() {
    let s = server();
    let mgmt = Client::new(&s, MGMT);
    let id = mgmt
        .rm("CreateResourceAccount")
        .p("DisplayName", "tagged")
        .p("Tag.1.Key", "team")
        .p("Tag.1.Value", "images")
        .ok()["Account"]["AccountId"]
        .as_str()
        .unwrap()
        .to_string();
    let list = rdm(&mgmt, "ListTagResources")
        .p("ResourceType", "Account")
        .p("ResourceId.1", &id)
        .ok();
    assert_eq!(
        tag_rows(&list),
        vec![(id.clone(), "team".into(), "images".into())]
    );
    assert!(
        list.get("NextToken").is_none(),
        "no NextToken on the last page"
    );

    rdm(&mgmt, "TagResources")
        .p("ResourceType", "Account")
        .p("ResourceId.1", &id)
        .p("ResourceId.2", PROD_ID)
        .p("Tag.1.Key", "env")
        .p("Tag.1.Value", "prod")
        .ok();
    let list = rdm(&mgmt, "ListTagResources")
        .p("ResourceType", "Account")
        .p("Tag.1.Key", "env")
        .ok();
    let ids: Vec<String> = tag_rows(&list).into_iter().map(|r| r.0).collect();
    assert!(ids.contains(&id) && ids.contains(&PROD_ID.to_string()));

    // GetAccount shows them as a plain array; ListAccounts with IncludeTags in a wrapper,
    // and filters by them.
    let got = mgmt.rm("GetAccount").p("AccountId", &id).ok();
    assert_eq!(
        got["Account"]["Tags"],
        serde_json::json!([{"Key": "env", "Value": "prod"}, {"Key": "team", "Value": "images"}])
    );
    let listed = mgmt
        .rm("ListAccounts")
        .p("IncludeTags", "true")
        .p("Tag.1.Key", "team")
        .ok();
    assert_eq!(listed["TotalCount"], 1);
    assert_eq!(
        listed["Accounts"]["Account"][0]["Tags"]["Tag"][1],
        serde_json::json!({"Key": "team", "Value": "images"})
    );

    rdm(&mgmt, "UntagResources")
        .p("ResourceType", "Account")
        .p("ResourceId.1", &id)
        .p("TagKey.1", "team")
        .ok();
    let list = rdm(&mgmt, "ListTagResources")
        .p("ResourceType", "Account")
        .p("ResourceId.1", &id)
        .ok();
    assert_eq!(
        tag_rows(&list),
        vec![(id.clone(), "env".into(), "prod".into())]
    );
    rdm(&mgmt, "UntagResources")
        .p("ResourceType", "Account")
        .p("ResourceId.1", &id)
        .p("All", "true")
        .ok();
    let list = rdm(&mgmt, "ListTagResources")
        .p("ResourceType", "Account")
        .p("ResourceId.1", &id)
        .ok();
    assert!(tag_rows(&list).is_empty());
}

#[test]
fn folders_carry_tags_and_listing_pages_by_token() {
    let s = server();
    let mgmt = Client::new(&s, MGMT);
    let folder = mgmt.rm("CreateFolder").p("FolderName", "tagged").ok()["Folder"]["FolderId"]
        .as_str()
        .unwrap()
        .to_string();
    let mut tag = rdm(&mgmt, "TagResources")
        .p("ResourceType", "Folder")
        .p("ResourceId.1", &folder);
    for i in 1..=12 {
        tag = tag
            .p(&format!("Tag.{i}.Key"), &format!("k{i:02}"))
            .p(&format!("Tag.{i}.Value"), "v");
    }
    tag.ok();
    let first = rdm(&mgmt, "ListTagResources")
        .p("ResourceType", "Folder")
        .p("ResourceId.1", &folder)
        .ok();
    assert_eq!(tag_rows(&first).len(), 10, "MaxResults defaults to 10");
    let token = first["NextToken"].as_str().unwrap().to_string();
    let second = rdm(&mgmt, "ListTagResources")
        .p("ResourceType", "Folder")
        .p("ResourceId.1", &folder)
        .p("NextToken", &token)
        .ok();
    assert_eq!(tag_rows(&second).len(), 2);
    assert!(second.get("NextToken").is_none());
    let dump = s.state().0;
    let folders = dump["resource_directory"]["folders"].as_array().unwrap();
    let f = folders.iter().find(|f| f["id"] == folder.as_str()).unwrap();
    assert_eq!(f["tags"]["k01"], "v");
}

#[test]
fn refused_tag_calls_change_nothing() {
    let s = server();
    let mgmt = Client::new(&s, MGMT);
    let tag = |kind: &str, id: &str| {
        rdm(&mgmt, "TagResources")
            .p("ResourceType", kind)
            .p("ResourceId.1", PROD_ID)
            .p("ResourceId.2", id)
            .p("Tag.1.Key", "env")
            .p("Tag.1.Value", "prod")
    };
    // One unknown member among known ones: nothing is tagged.
    tag("Account", "1699999999999999").err(
        404,
        "EntityNotExists.Account",
        "This resource directory account does not exist.",
    );
    rdm(&mgmt, "TagResources")
        .p("ResourceType", "Folder")
        .p("ResourceId.1", "fd-nope000000")
        .p("Tag.1.Key", "env")
        .p("Tag.1.Value", "prod")
        .err(
            404,
            "EntityNotExists.Folder",
            "The resource directory folder does not exist.",
        );
    tag("ResourceGroup", "x").err(
        400,
        "InvalidParameter.ResourceType",
        "The ResourceType is invalid.",
    );
    rdm(&mgmt, "TagResources")
        .p("ResourceType", "Account")
        .p("ResourceId.1", PROD_ID)
        .p("Tag.1.Key", "acs:reserved")
        .p("Tag.1.Value", "x")
        .err(
            400,
            "InvalidTagKey.Malformed",
            "The specified Tag.n.Key is not valid.",
        );
    let list = rdm(&mgmt, "ListTagResources")
        .p("ResourceType", "Account")
        .ok();
    assert!(tag_rows(&list).is_empty());
    // A bad tag at creation creates no account.
    let before = mgmt.rm("ListAccounts").ok()["TotalCount"].clone();
    mgmt.rm("CreateResourceAccount")
        .p("DisplayName", "refused")
        .p("Tag.1.Key", "aliyun-x")
        .p("Tag.1.Value", "x")
        .err(
            400,
            "InvalidTagKey.Malformed",
            "The specified Tag.n.Key is not valid.",
        );
    assert_eq!(mgmt.rm("ListAccounts").ok()["TotalCount"], before);
    // More than 20 tags on one member.
    let mut many = rdm(&mgmt, "TagResources")
        .p("ResourceType", "Account")
        .p("ResourceId.1", PROD_ID);
    for i in 1..=21 {
        many = many
            .p(&format!("Tag.{i}.Key"), &format!("k{i}"))
            .p(&format!("Tag.{i}.Value"), "v");
    }
    many.err(
        400,
        "InvalidTagCount",
        "The specified tags are beyond the permitted range.",
    );
    // Only the management account manages the directory's tags.
    rdm(&Client::new(&s, PROD), "ListTagResources")
        .p("ResourceType", "Account")
        .send()
        .assert_error(
            404,
            "EntityNotExists.ResourceDirectory",
            "The resource directory for the account is not enabled. We recommend that you first enable the resource directory for the account.",
        );
}
