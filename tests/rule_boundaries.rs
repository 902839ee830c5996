//! The edges of the Quota Center, RAM and Resource Directory rules: the last accepted value
//! and the first refused one, and which applications count as one in progress. Each test
//! pins a rule a mutation-testing pass found unpinned.

mod support;

use alicloud_mock::MockServer;
use support::*;

fn pending() -> MockServer {
    MockServer::builder()
        .scenario_file(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/scenarios/default.yaml"
        ))
        .unwrap()
        .scenario_yaml("quota_applications: pending\n")
        .unwrap()
        .start_blocking()
        .unwrap()
}

fn apply(c: &Client, code: &str, region: &str, desire: &str) -> Call {
    c.call("2020-05-10", "CreateQuotaApplication")
        .p("ProductCode", "ecs")
        .p("QuotaActionCode", code)
        .p("DesireValue", desire)
        .p("Reason", "tests")
        .p("Dimensions.1.Key", "regionId")
        .p("Dimensions.1.Value", region)
}

#[test]
fn desire_values_must_be_whole_numbers_above_the_current_quota_up_to_the_ceiling() {
    let s = pending();
    let owner = Client::new(&s, OWNER_KEY);
    for bad in ["0", "-3", "1.5", "NaN", "inf"] {
        apply(&owner, "q_custom-images", "cn-hangzhou", bad).err(
            400,
            "InvalidDesireValue",
            "Invalid DesireValue",
        );
    }
    apply(&owner, "q_custom-images", "cn-hangzhou", "200").err(
        400,
        "QUOTA.DESIREVALUE.ILLEGAL",
        "The applied quota value is invalid.",
    );
    apply(&owner, "q_custom-images", "cn-hangzhou", "100001").err(
        400,
        "QUOTA.DESIREVALUE.ILLEGAL",
        "The applied quota value is invalid.",
    );
    apply(&owner, "q_custom-images", "cn-hangzhou", "201").ok();
}

#[test]
fn a_reason_of_a_thousand_characters_is_accepted_and_one_more_is_not() {
    let s = pending();
    let owner = Client::new(&s, OWNER_KEY);
    let with_reason = |reason: &str| {
        owner
            .call("2020-05-10", "CreateQuotaApplication")
            .p("ProductCode", "ecs")
            .p("QuotaActionCode", "q_custom-images")
            .p("DesireValue", "300")
            .p("Reason", reason)
            .p("Dimensions.1.Key", "regionId")
            .p("Dimensions.1.Value", "cn-hangzhou")
    };
    with_reason(&"r".repeat(1001)).err(
        400,
        "InvalidParameter",
        "The specified parameter \"Reason\" is not valid.",
    );
    with_reason(&"r".repeat(1000)).ok();
}

#[test]
fn one_application_in_progress_per_account_quota_and_region() {
    let s = pending();
    let owner = Client::new(&s, OWNER_KEY);
    apply(&owner, "q_custom-images", "cn-hangzhou", "300").ok();
    apply(&owner, "q_custom-images", "cn-hangzhou", "400").err(
        400,
        "QUOTA.APPLICATION.PROCESS",
        "The quota adjustment application is being processed. Please try again later.",
    );
    // Another region, another quota, another account: each may apply.
    apply(&owner, "q_custom-images", "cn-shanghai", "300").ok();
    apply(&owner, "q_share-image-users", "cn-hangzhou", "60").ok();
    apply(
        &Client::new(&s, MEMBER_KEY),
        "q_custom-images",
        "cn-hangzhou",
        "300",
    )
    .ok();
}

#[test]
fn role_names_and_trust_policies_are_accepted_up_to_their_limits() {
    let s = MockServer::builder().start_blocking().unwrap();
    let ram = |a: &str| Client::new(&s, OWNER_KEY).call("2015-05-01", a);
    let policy = |len: usize| {
        let base = r#"{"Statement":[],"Version":"1","Pad":""}"#;
        base.replace(
            r#""Pad":"""#,
            &format!(r#""Pad":"{}""#, "x".repeat(len - base.len())),
        )
    };
    ram("CreateRole")
        .p("RoleName", &"r".repeat(64))
        .p("AssumeRolePolicyDocument", &policy(2048))
        .ok();
    ram("CreateRole")
        .p("RoleName", &"r".repeat(65))
        .p("AssumeRolePolicyDocument", &policy(100))
        .err(
            400,
            "InvalidParameter.RoleName.Length",
            "The length of parameter - RoleName is beyond the limit.",
        );
    ram("CreateRole")
        .p("RoleName", "other")
        .p("AssumeRolePolicyDocument", &policy(2049))
        .err(
            400,
            "InvalidParameter.AssumeRolePolicyDocument.Length",
            "The length of parameter - AssumeRolePolicyDocument is beyond the limit.",
        );
}

#[test]
fn a_policy_is_attached_once_per_type_and_name_and_detached_by_both() {
    let s = MockServer::builder().start_blocking().unwrap();
    let ram = |a: &str| {
        Client::new(&s, OWNER_KEY)
            .call("2015-05-01", a)
            .p("RoleName", "AliyunECSShareEncryptImageDefaultRole")
    };
    ram("AttachPolicyToRole")
        .p("PolicyType", "System")
        .p("PolicyName", "AliyunECSFullAccess")
        .ok();
    ram("AttachPolicyToRole")
        .p("PolicyType", "System")
        .p("PolicyName", "AliyunKMSFullAccess")
        .ok();
    ram("AttachPolicyToRole")
        .p("PolicyType", "System")
        .p("PolicyName", "AliyunECSFullAccess")
        .err(
            409,
            "EntityAlreadyExists.Role.Policy",
            "The policy is already attached to the role.",
        );
    // Detaching needs both the type and the name to match.
    ram("DetachPolicyFromRole")
        .p("PolicyType", "Custom")
        .p("PolicyName", "AliyunECSFullAccess")
        .err(
            404,
            "EntityNotExist.Role.Policy",
            "The policy is not attached to the role.",
        );
    ram("DetachPolicyFromRole")
        .p("PolicyType", "System")
        .p("PolicyName", "AliyunECSFullAccess")
        .ok();
    let v = ram("ListPoliciesForRole").ok();
    let names: Vec<&str> = v["Policies"]["Policy"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["PolicyName"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["AliyunKMSFullAccess"]);
}

#[test]
fn folder_names_are_accepted_up_to_24_characters() {
    let s = support::org::server();
    let mgmt = Client::new(&s, support::org::MGMT);
    mgmt.rm("CreateFolder")
        .p("FolderName", &"f".repeat(24))
        .ok();
    mgmt.rm("CreateFolder")
        .p("FolderName", &"f".repeat(25))
        .err(
            400,
            "InvalidParameter.Folder.Name.Length",
            "The Name of folder exceeds the length limit.",
        );
}

#[test]
fn a_folder_keeps_its_own_name_but_not_a_siblings() {
    let s = support::org::server();
    let mgmt = Client::new(&s, support::org::MGMT);
    let renamed = mgmt
        .rm("UpdateFolder")
        .p("FolderId", "fd-dev0000001")
        .p("NewFolderName", "dev")
        .ok();
    assert_eq!(renamed["Folder"]["FolderName"], "dev");
    mgmt.rm("UpdateFolder")
        .p("FolderId", "fd-dev0000001")
        .p("NewFolderName", "prod")
        .err(
            400,
            "InvalidParameter.Folder.Name.AlreadyUsed",
            "The name already exists under the same parent. Please change to another name.",
        );
    let dev = mgmt.rm("GetFolder").p("FolderId", "fd-dev0000001").ok();
    assert_eq!(
        dev["Folder"]["FolderName"], "dev",
        "a refused rename changes nothing"
    );
}

#[test]
fn account_display_names_of_2_to_50_characters_are_accepted() {
    let s = support::org::server();
    let mgmt = Client::new(&s, support::org::MGMT);
    for ok in ["ab".to_string(), "d".repeat(50)] {
        let m = mgmt.rm("CreateResourceAccount").p("DisplayName", &ok).ok();
        assert_eq!(m["Account"]["DisplayName"], ok.as_str());
    }
    mgmt.rm("CreateResourceAccount").p("DisplayName", "a").err(
        400,
        "InvalidParameter.Account.DisplayName",
        "The DisplayName of account is invalid.",
    );
}

#[test]
fn account_name_prefixes_allow_single_separators_and_50_characters_on_the_china_site() {
    let s = support::org::server();
    let mgmt = Client::new(&s, support::org::MGMT);
    // The international site's limit is 37; the management account is on the China site.
    for (i, prefix) in ["my.app-1_x".to_string(), "p".repeat(50)]
        .iter()
        .enumerate()
    {
        mgmt.rm("CreateResourceAccount")
            .p("DisplayName", &format!("account {i}"))
            .p("AccountNamePrefix", prefix)
            .ok();
    }
}

#[test]
fn an_invitation_note_of_1024_characters_is_accepted() {
    let s = support::org::server();
    let mgmt = Client::new(&s, support::org::MGMT);
    let h = mgmt
        .rm("InviteAccountToResourceDirectory")
        .p("TargetEntity", support::org::PARTNER_ID)
        .p("TargetType", "Account")
        .p("Note", &"n".repeat(1024))
        .ok();
    assert_eq!(h["Handshake"]["Note"].as_str().unwrap().len(), 1024);
}
