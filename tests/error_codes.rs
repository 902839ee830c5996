//! Error codes no other test reaches, each with its HTTP status and exact message, from the
//! request a client would really send. Together with the per-area tests, every row of the
//! error table is exercised (`every_code_in_the_table_is_asserted_by_some_test` checks it).

mod support;

use alicloud_mock::MockServer;
use support::org::{self, DEV_ID, GOLDEN, MGMT, PARTNER};
use support::*;

fn default() -> MockServer {
    MockServer::builder().start_blocking().unwrap()
}

#[test]
fn an_rpc_signature_method_other_than_hmac_sha1_is_refused() {
    let s = default();
    let p = rpc_params(
        "GET",
        "DescribeRegions",
        "2014-05-26",
        OWNER_KEY,
        &[("SignatureMethod", "HMAC-SHA256")],
    );
    rpc_query(s.address(), "GET", &p).assert_error(
        400,
        "InvalidSignatureMethod",
        "Specified signature method is not supported.",
    );
}

#[test]
fn a_content_md5_that_does_not_match_the_body_is_refused() {
    let s = default();
    let p = rpc_params("POST", "DescribeRegions", "2014-05-26", OWNER_KEY, &[]);
    let body = form(&p);
    send(
        s.address(),
        "POST",
        "/",
        &[
            (
                "content-type".into(),
                "application/x-www-form-urlencoded".into(),
            ),
            ("content-md5".into(), "1B2M2Y8AsgTpgAmY7PhCfg==".into()),
        ],
        body.as_bytes(),
    )
    .assert_error(
        400,
        "ContentMD5NotMatched",
        "Specified content md5 is not matched with your request body.",
    );
}

#[test]
fn ecs_image_parameter_errors() {
    let s = default();
    let owner = Client::new(&s, OWNER_KEY);
    owner
        .ecs("CreateImage")
        .p("SnapshotId", "s-bp1plain00000000001")
        .p("Tag.1.Key", "k")
        .p("Tag.1.Value", "aliyun-reserved")
        .err(
            400,
            "InvalidTagValue.Malformed",
            "The specified Tag.n.Value is not valid.",
        );
    owner
        .ecs("CreateImage")
        .p("SnapshotId", "s-bp1plain00000000001")
        .p("ImageFamily", "acs:family")
        .err(
            400,
            "InvalidImageFamily.Malformed",
            "The specified parameter \"ImageFamily\" is malformed.",
        );
    owner
        .ecs("ModifyImageAttribute")
        .p("ImageId", PLAIN)
        .p("BootMode", "Legacy")
        .err(
            400,
            "InvalidBootMode.NotSupport",
            "The specified parameter BootMode is not supported.",
        );
}

#[test]
fn a_community_image_cannot_be_copied() {
    let yaml = "accounts:\n  - { id: \"1000000000000001\", alias: owner, community_terms_signed: true, access_keys: [{ id: LTAI5tOwner0000000001, secret: owner-secret }] }\n  - { id: \"1000000000000002\", alias: member, access_keys: [{ id: LTAI5tMember000000001, secret: member-secret }] }\nimages:\n  - { id: m-bp1community000001, owner: owner, region: cn-hangzhou }\n";
    let s = MockServer::builder()
        .scenario_yaml(yaml)
        .unwrap()
        .start_blocking()
        .unwrap();
    Client::new(&s, OWNER_KEY)
        .ecs("ModifyImageSharePermission")
        .p("ImageId", "m-bp1community000001")
        .p("IsPublic", "true")
        .ok();
    Client::new(&s, MEMBER_KEY)
        .ecs("CopyImage")
        .p("ImageId", "m-bp1community000001")
        .p("DestinationRegionId", "cn-hangzhou")
        .err(
            400,
            "OperationDenied.CommunityImage",
            "Community image does not support copy.",
        );
}

#[test]
fn resource_share_entity_errors() {
    let s = org::server();
    let mgmt = Client::new(&s, MGMT);
    let create = || {
        mgmt.rs("CreateResourceShare")
            .p("ResourceShareName", "errs")
    };
    let mut six = create();
    for i in 1..=6 {
        six = six
            .p(&format!("Resources.{i}.ResourceType"), "Image")
            .p(&format!("Resources.{i}.ResourceId"), &format!("m-bp1x{i}"));
    }
    six.err(
        400,
        "InvalidParameter.Resources.Length",
        "The maximum number of Resources exceeds 5.",
    );
    create()
        .p("Targets.1", "fd-dev0000001")
        .p("Targets.2", "fd-dev0000001")
        .err(
            400,
            "InvalidParameter.Targets.Duplicate",
            "The Targets contains duplicate values.",
        );
    create()
        .p("TargetProperties.1.TargetId", "ecs.aliyuncs.com")
        .err(
            400,
            "InvalidParameter.TargetProperties",
            "The TargetProperties is invalid.",
        );
    create()
        .p("PermissionNames.1", "AliyunRSDefaultPermissionImage")
        .p("PermissionNames.2", "AliyunRSDefaultPermissionImage")
        .err(
            400,
            "InvalidParameter.PermissionNames.Duplicate",
            "The PermissionNames duplicate values.",
        );
    // Nothing was created by the refused calls.
    let shares = mgmt
        .rs("ListResourceShares")
        .p("ResourceOwner", "Self")
        .ok();
    assert_eq!(shares["ResourceShares"].as_array().unwrap().len(), 1);
}

#[test]
fn sharing_with_an_account_of_the_other_site_is_refused() {
    let abroad =
        "accounts:\n  - { id: \"1600000000000009\", alias: abroad, site: international }\n";
    let s = MockServer::builder()
        .scenario_file(org::SCENARIO)
        .unwrap()
        .scenario_yaml(abroad)
        .unwrap()
        .start_blocking()
        .unwrap();
    Client::new(&s, MGMT)
        .rs("CreateResourceShare")
        .p("ResourceShareName", "abroad")
        .p("AllowExternalTargets", "true")
        .p("Resources.1.ResourceType", "Image")
        .p("Resources.1.ResourceId", GOLDEN)
        .p("Targets.1", "1600000000000009")
        .err(
            409,
            "InvalidTarget.SiteMismatch",
            "Cross-site resource sharing is not supported.",
        );
}

#[test]
fn associating_while_a_disassociation_is_in_progress_conflicts() {
    let s = org::server();
    let mgmt = Client::new(&s, MGMT);
    // Associations take 30 s of mock time in this scenario.
    mgmt.rs("DisassociateResourceShare")
        .p("ResourceShareId", "rs-golden00001")
        .p("Targets.1", "fd-prod000001")
        .ok();
    mgmt.rs("AssociateResourceShare")
        .p("ResourceShareId", "rs-golden00001")
        .p("Targets.1", "fd-prod000001")
        .err(
            409,
            "AssociateConflict",
            "You cannot perform the operation while disassociation operation is being performed.",
        );
    s.advance_clock(std::time::Duration::from_secs(31));
    mgmt.rs("AssociateResourceShare")
        .p("ResourceShareId", "rs-golden00001")
        .p("Targets.1", "fd-prod000001")
        .ok();
}

#[test]
fn resource_sharing_list_parameter_errors() {
    let s = org::server();
    let mgmt = Client::new(&s, MGMT);
    let shares = || mgmt.rs("ListResourceShares").p("ResourceOwner", "Self");
    shares().p("NextToken", &"1".repeat(257)).err(
        400,
        "InvalidParameter.NextToken.Length",
        "The maximum length of NextToken exceeds 256 characters.",
    );
    shares()
        .p("ResourceShareIds.1", "rs-golden00001")
        .p("ResourceShareIds.2", "rs-golden00001")
        .err(
            400,
            "InvalidParameter.ResourceShareIds.Duplicate",
            "The ResourceShareIds contains duplicate values.",
        );
    let mut six = shares();
    for i in 1..=6 {
        six = six.p(&format!("ResourceShareIds.{i}"), &format!("rs-{i}"));
    }
    six.err(
        400,
        "InvalidParameter.ResourceShareIds.Length",
        "The maximum length of ResourceShareIds exceeds 5 characters.",
    );
    let resources = || mgmt.rs("ListSharedResources").p("ResourceOwner", "Self");
    resources()
        .p("ResourceIds.1", GOLDEN)
        .p("ResourceIds.2", GOLDEN)
        .err(
            400,
            "InvalidParameter.ResourceIds.Duplicate",
            "The specified ResourceId contains duplicate values.",
        );
    let mut six = resources();
    for i in 1..=6 {
        six = six.p(&format!("ResourceIds.{i}"), &format!("m-{i}"));
    }
    six.err(
        400,
        "InvalidParameter.ResourceIds.Length",
        "The maximum number of ResourceIds (5) is exceeded.",
    );
    mgmt.rs("ListResourceShareAssociations")
        .p("AssociationType", "Principal")
        .err(
            400,
            "InvalidParameter.AssociationType",
            "The AssociationType is invalid.",
        );
    mgmt.rs("ListResourceSharePermissions")
        .p("ResourceOwner", "Self")
        .err(
            400,
            "MissingParameter.ResourceShareId",
            "You must specify ResourceShareId.",
        );
    Client::new(&s, PARTNER)
        .rs("AcceptResourceShareInvitation")
        .err(
            400,
            "MissingParameter.ResourceShareInvitationId",
            "You must specify ResourceShareInvitationId.",
        );
}

#[test]
fn resource_directory_parameter_errors() {
    let s = org::server();
    let mgmt = Client::new(&s, MGMT);
    Client::new(&s, PARTNER)
        .rm("EnableResourceDirectory")
        .p("EnableMode", "NewManagementAccount")
        .p("MAName", "x")
        .err(
            409,
            "InvalidParameter.ManagementAccountName",
            "The management account name is in the wrong format.",
        );
    mgmt.rm("GetFolder").p("FolderId", "prod").err(
        400,
        "InvalidParameter.FolderId",
        "The FolderId is invalid.",
    );
    mgmt.rm("CreateResourceAccount").p("DisplayName", "x").err(
        400,
        "InvalidParameter.Account.DisplayName",
        "The DisplayName of account is invalid.",
    );
    mgmt.rm("CreateResourceAccount")
        .p("DisplayName", &"d".repeat(51))
        .err(
            400,
            "InvalidParameter.Account.DisplayName.Length",
            "The DisplayName of the account exceeds the length limit.",
        );
    mgmt.rm("CreateResourceAccount")
        .p("DisplayName", "new app")
        .p("AccountNamePrefix", &"p".repeat(51))
        .err(
            400,
            "InvalidParameter.Account.AccountNamePrefix.Length",
            "The account name prefix exceeds the length limit.",
        );
    mgmt.rm("InviteAccountToResourceDirectory")
        .p("TargetType", "Account")
        .err(
            400,
            "MissingParameter.TargetEntity",
            "You must specify TargetEntity.",
        );
    mgmt.rm("InviteAccountToResourceDirectory")
        .p("TargetEntity", "1600000000000005")
        .p("TargetType", "Phone")
        .err(
            400,
            "InvalidParameter.TargetType",
            "The TargetType is invalid.",
        );
    mgmt.rm("InviteAccountToResourceDirectory")
        .p("TargetEntity", "1600000000000005")
        .p("TargetType", "Account")
        .p("Note", &"n".repeat(1025))
        .err(
            400,
            "InvalidParameter.Note.Length",
            "The length of the invitation note exceeds the limit.",
        );
    mgmt.rm("MoveAccount")
        .p("AccountId", "dev-app")
        .p("DestinationFolderId", "fd-prod000001")
        .err(
            400,
            "InvalidParameter.AccountId",
            "The AccountId is invalid.",
        );
    mgmt.rm("MoveAccount")
        .p("AccountId", DEV_ID)
        .p("DestinationFolderId", "prod")
        .err(
            400,
            "InvalidParameter.DestinationFolderId",
            "The DestinationFolderId is invalid.",
        );
    // The directory is as it was: the dev account is still in its folder.
    let a = mgmt.rm("GetAccount").p("AccountId", DEV_ID).ok();
    assert_eq!(a["Account"]["FolderId"], "fd-dev0000001");
}

#[test]
fn ram_role_parameter_errors() {
    let s = default();
    let ram = |action: &str| Client::new(&s, OWNER_KEY).call("2015-05-01", action);
    let long = format!(
        "{{\"Statement\":[],\"Version\":\"1\",\"Pad\":\"{}\"}}",
        "x".repeat(2048)
    );
    ram("CreateRole")
        .p("RoleName", "too-long-policy")
        .p("AssumeRolePolicyDocument", &long)
        .err(
            400,
            "InvalidParameter.AssumeRolePolicyDocument.Length",
            "The length of parameter - AssumeRolePolicyDocument is beyond the limit.",
        );
    ram("AttachPolicyToRole")
        .p("PolicyType", "Managed")
        .p("PolicyName", "AliyunECSFullAccess")
        .p("RoleName", "AliyunECSShareEncryptImageDefaultRole")
        .err(
            400,
            "InvalidParameter.PolicyType",
            "The parameter - \"PolicyType\" is incorrect.",
        );
}

#[test]
fn an_injected_code_from_the_table_gets_its_status_and_message() {
    let s = default();
    s.add_fault(
        &serde_json::from_value(serde_json::json!({
            "action": "DescribeRegions", "error": {"code": "Throttling.Api"}, "times": 1
        }))
        .unwrap(),
    )
    .unwrap();
    Client::new(&s, OWNER_KEY).ecs("DescribeRegions").err(
        400,
        "Throttling.Api",
        "Request was denied due to request throttling.",
    );
}

#[test]
fn every_code_in_the_table_is_asserted_by_some_test() {
    let table = include_str!("../src/error.rs");
    let mut tests = String::new();
    for dir in ["tests", "tests/sdk"] {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "rs" || x == "py") {
                tests.push_str(&std::fs::read_to_string(&p).unwrap());
            }
        }
    }
    let mut missing = Vec::new();
    for line in table.lines() {
        let l = line.trim_start();
        let Some((_, rest)) = l.split_once(" => (") else {
            continue;
        };
        let Some(code) = rest.split('"').nth(1) else {
            continue;
        };
        if !l.starts_with(|c: char| c.is_ascii_uppercase()) {
            continue;
        }
        if !tests.contains(&format!("\"{code}\"")) && !tests.contains(&format!("'{code}'")) {
            missing.push(code.to_string());
        }
    }
    assert!(missing.is_empty(), "codes no test asserts: {missing:?}");
}

#[test]
fn a_call_without_version_is_refused_before_any_action_runs() {
    let s = default();
    let p: Vec<(String, String)> =
        rpc_params("GET", "DescribeRegions", "2014-05-26", OWNER_KEY, &[])
            .into_iter()
            .filter(|(k, _)| k != "Version" && k != "Signature")
            .collect();
    let p = rpc_sign("GET", OWNER_KEY.1, p);
    rpc_query(s.address(), "GET", &p).assert_error(
        400,
        "MissingParameter",
        "The input parameter \"Version\" that is mandatory for processing this request is not supplied.",
    );
}

#[test]
fn resource_sharing_calls_in_an_unknown_region_are_refused() {
    let s = org::server();
    Client::new(&s, MGMT)
        .in_region("xx-nowhere-1")
        .rs("ListResourceShares")
        .p("ResourceOwner", "Self")
        .err(
            404,
            "InvalidRegionId.NotFound",
            "The specified RegionId does not exist.",
        );
}
