//! Edges of the image rules that a mutation-testing pass of `images/rules.rs` and
//! `images/creation.rs` found unpinned.

mod support;

use alicloud_mock::MockServer;
use support::*;

const TWO_SITES: &str = r#"
accounts:
  - { id: "1000000000000001", alias: owner, site: international, community_terms_signed: true, quotas: { share_image_users: 1 }, access_keys: [{ id: LTAI5tOwner0000000001, secret: owner-secret }] }
  - { id: "1000000000000002", alias: member, access_keys: [{ id: LTAI5tMember000000001, secret: member-secret }] }
  - { id: "1000000000000003", alias: intl, site: international, access_keys: [{ id: LTAI5tIntl00000000001, secret: intl-secret }] }
images:
  - { id: m-bp1old000000000001, owner: owner, region: cn-hangzhou, status: Deprecated, shared_with: [member, intl] }
  - { id: m-bp1mkt000000000001, owner: owner, region: cn-hangzhou, product_code: cmjj000001 }
  - { id: m-bp1pub000000000001, owner: owner, region: cn-hangzhou }
resource_directory:
  id: rd-intl0001
  management_account: owner
  sharing_enabled: true
  root: { accounts: [owner], folders: [] }
"#;

fn two_sites() -> MockServer {
    MockServer::builder()
        .scenario_yaml(TWO_SITES)
        .unwrap()
        .start_blocking()
        .unwrap()
}

#[test]
fn removing_accounts_is_never_refused_for_status_or_a_lowered_quota() {
    let s = two_sites();
    let owner = Client::new(&s, OWNER_KEY);
    // Shared with two accounts over a quota of one; re-adding one that is there already
    // does not grow the list, so it is not refused.
    owner
        .ecs("ModifyImageSharePermission")
        .p("ImageId", "m-bp1old000000000001")
        .p("RemoveAccount.1", MEMBER_ID)
        .ok();
    assert_eq!(s.state().shared_with("m-bp1old000000000001"), [INTL_ID]);
}

#[test]
fn re_adding_a_present_account_over_a_lowered_quota_is_not_refused() {
    let yaml = TWO_SITES.replace("status: Deprecated, ", "");
    let s = MockServer::builder()
        .scenario_yaml(&yaml)
        .unwrap()
        .start_blocking()
        .unwrap();
    Client::new(&s, OWNER_KEY)
        .ecs("ModifyImageSharePermission")
        .p("ImageId", "m-bp1old000000000001")
        .p("AddAccount.1", INTL_ID)
        .ok();
    Client::new(&s, OWNER_KEY)
        .ecs("ModifyImageSharePermission")
        .p("ImageId", "m-bp1pub000000000001")
        .p("AddAccount.1", MEMBER_ID)
        .p("AddAccount.2", INTL_ID)
        .err(
            403,
            "QuotaExceed.ShareImageUser",
            "The shared Image user Quota exceeds.",
        );
}

#[test]
fn an_international_owner_cannot_share_a_marketplace_image_with_a_china_account() {
    let s = two_sites();
    Client::new(&s, OWNER_KEY)
        .ecs("ModifyImageSharePermission")
        .p("ImageId", "m-bp1mkt000000000001")
        .p("AddAccount.1", MEMBER_ID)
        .err(
            403,
            "InvalidImageId.BidMismatch",
            "Cannot share the image with users 1000000000000002 of other sites.",
        );
    // Nor share it across sites through Resource Sharing.
    Client::new(&s, OWNER_KEY)
        .rs("CreateResourceShare")
        .p("ResourceShareName", "abroad")
        .p("AllowExternalTargets", "true")
        .p("Resources.1.ResourceType", "Image")
        .p("Resources.1.ResourceId", "m-bp1pub000000000001")
        .p("Targets.1", MEMBER_ID)
        .err(
            409,
            "InvalidTarget.SiteMismatch",
            "Cross-site resource sharing is not supported.",
        );
}

#[test]
fn a_copy_of_a_community_image_is_private_with_its_own_description_and_time() {
    let s = two_sites();
    let owner = Client::new(&s, OWNER_KEY);
    owner
        .ecs("ModifyImageSharePermission")
        .p("ImageId", "m-bp1pub000000000001")
        .p("IsPublic", "true")
        .ok();
    s.advance_clock(std::time::Duration::from_secs(3600));
    let id = owner
        .ecs("CopyImage")
        .p("ImageId", "m-bp1pub000000000001")
        .p("DestinationRegionId", "cn-shanghai")
        .p("DestinationDescription", "copied")
        .ok_str("ImageId");
    let state = s.state().0;
    let find = |id: &str| {
        state["images"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .cloned()
            .unwrap()
    };
    let (src, copy) = (find("m-bp1pub000000000001"), find(&id));
    assert_eq!(src["is_public"], true);
    assert_eq!(copy["is_public"], false);
    assert_ne!(copy["created"], src["created"]);
    let d = owner
        .in_region("cn-shanghai")
        .ecs("DescribeImages")
        .p("ImageId", &id)
        .ok();
    assert_eq!(d["Images"]["Image"][0]["Description"], "copied");
}

#[test]
fn a_deleted_images_client_token_makes_a_new_image() {
    let s = MockServer::builder().start_blocking().unwrap();
    let owner = Client::new(&s, OWNER_KEY);
    let create = || {
        owner
            .ecs("CreateImage")
            .p("SnapshotId", "s-bp1plain00000000001")
            .p("ClientToken", "token-1")
            .ok_str("ImageId")
    };
    let first = create();
    assert_eq!(create(), first, "the same token names the same image");
    // Another image with another token, which a delete of the first must not forget.
    let other = owner
        .ecs("CreateImage")
        .p("SnapshotId", "s-bp1plain00000000001")
        .p("ClientToken", "token-2")
        .ok_str("ImageId");
    owner.ecs("DeleteImage").p("ImageId", &first).ok();
    let second = create();
    assert_ne!(second, first);
    let again = owner
        .ecs("CreateImage")
        .p("SnapshotId", "s-bp1plain00000000001")
        .p("ClientToken", "token-2")
        .ok_str("ImageId");
    assert_eq!(again, other, "token-2 still names its image");
}

#[test]
fn valid_descriptions_and_boot_modes_of_unused_images_are_changed() {
    let s = MockServer::builder().start_blocking().unwrap();
    let owner = Client::new(&s, OWNER_KEY);
    owner
        .ecs("ModifyImageAttribute")
        .p("ImageId", PLAIN)
        .p("Description", "new words")
        .p("BootMode", "UEFI")
        .p("ImageFamily", "web-family")
        .ok();
    let d = owner.ecs("DescribeImages").p("ImageId", PLAIN).ok();
    assert_eq!(d["Images"]["Image"][0]["Description"], "new words");
    assert_eq!(d["Images"]["Image"][0]["BootMode"], "UEFI");
    assert_eq!(d["Images"]["Image"][0]["ImageFamily"], "web-family");
}
