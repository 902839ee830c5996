//! RAM users and their AccessKeys, STS AssumeRole with trust policies, and the
//! ResourceDirectoryAccountAccessRole of the accounts a directory creates
//! (docs/sources.md#ram-users, docs/sources.md#sts).

mod support;

use std::time::Duration;

use alicloud_mock::MockServer;
use support::org::*;
use support::*;

fn server() -> MockServer {
    MockServer::builder()
        .scenario_file(SCENARIO)
        .unwrap()
        .scenario_yaml("clock: manual\n")
        .unwrap()
        .start_blocking()
        .unwrap()
}

fn ram(c: &Client, action: &str) -> Call {
    c.call("2015-05-01", action)
}

/// A user of the management account with one key: (key id, secret).
fn user_with_key(mgmt: &Client, name: &str) -> (String, String) {
    ram(mgmt, "CreateUser").p("UserName", name).ok();
    let k = ram(mgmt, "CreateAccessKey").p("UserName", name).ok();
    (
        k["AccessKey"]["AccessKeyId"].as_str().unwrap().to_string(),
        k["AccessKey"]["AccessKeySecret"]
            .as_str()
            .unwrap()
            .to_string(),
    )
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

#[test]
fn ram_users_and_access_keys_follow_the_documented_rules() {
    let s = server();
    let mgmt = Client::new(&s, MGMT);
    let made = ram(&mgmt, "CreateUser")
        .p("UserName", "ci-bot")
        .p("DisplayName", "CI bot")
        .p("Email", "ci@example.com")
        .ok();
    assert_eq!(made["User"]["UserName"], "ci-bot");
    assert_eq!(made["User"]["UserId"].as_str().unwrap().len(), 16);
    ram(&mgmt, "CreateUser").p("UserName", "ci-bot").err(
        409,
        "EntityAlreadyExists.User",
        "The user does already EXIST.",
    );
    ram(&mgmt, "CreateUser").p("UserName", "bad name").err(
        400,
        "InvalidParameter.UserName.InvalidChars",
        "The parameter - \"UserName\" contains invalid chars.",
    );
    ram(&mgmt, "CreateUser").p("UserName", &"u".repeat(65)).err(
        400,
        "InvalidParameter.UserName.Length",
        "The parameter - \"UserName\" beyond the length limit.",
    );
    ram(&mgmt, "CreateUser")
        .p("UserName", "x")
        .p("DisplayName", &"d".repeat(129))
        .err(
            400,
            "InvalidParameter.DisplayName.Length",
            "The parameter - \"DisplayName\" beyond the length limit.",
        );
    ram(&mgmt, "CreateUser")
        .p("UserName", "x")
        .p("Comments", &"c".repeat(129))
        .err(
            400,
            "InvalidParameter.Comments.Length",
            "The parameter - \"Comments\" beyond the length limit.",
        );
    ram(&mgmt, "CreateUser")
        .p("UserName", "x")
        .p("Email", "not-an-address")
        .err(
            400,
            "InvalidParameter.Email.Format",
            "The format of the parameter - \"Email\" is incorrect.",
        );
    ram(&mgmt, "GetUser").p("UserName", "nobody").err(
        404,
        "EntityNotExist.User",
        "The user does not exist.",
    );
    // Users are per account.
    ram(&Client::new(&s, PROD), "GetUser")
        .p("UserName", "ci-bot")
        .err(404, "EntityNotExist.User", "The user does not exist.");
    let listed = ram(&mgmt, "ListUsers").ok();
    assert_eq!(listed["Users"]["User"].as_array().unwrap().len(), 1);
    assert_eq!(listed["IsTruncated"], false);

    let key = |c: &Client| ram(c, "CreateAccessKey").p("UserName", "ci-bot").ok();
    let first = key(&mgmt)["AccessKey"].clone();
    key(&mgmt);
    ram(&mgmt, "CreateAccessKey").p("UserName", "ci-bot").err(
        409,
        "LimitExceeded.User.AccessKey",
        "The access key count of the user access keys beyond the current limits.",
    );
    let keys = ram(&mgmt, "ListAccessKeys").p("UserName", "ci-bot").ok();
    assert_eq!(keys["AccessKeys"]["AccessKey"].as_array().unwrap().len(), 2);
    // The user's key signs as its account.
    let (id, secret) = (
        leak(first["AccessKeyId"].as_str().unwrap().to_string()),
        leak(first["AccessKeySecret"].as_str().unwrap().to_string()),
    );
    let as_user = Client::new(&s, (id, secret));
    let me = as_user.call("2015-04-01", "GetCallerIdentity").ok();
    assert_eq!(me["IdentityType"], "RAMUser");
    assert_eq!(me["AccountId"], "1600000000000001");
    assert_eq!(me["Arn"], "acs:ram::1600000000000001:user/ci-bot");
    assert_eq!(me["UserId"], made["User"]["UserId"]);
    ram(&mgmt, "DeleteUser").p("UserName", "ci-bot").err(
        409,
        "DeleteConflict.User.AccessKey",
        "The user CAN NOT has any access key while deleting the user.",
    );
    ram(&mgmt, "DeleteAccessKey")
        .p("UserName", "ci-bot")
        .p("UserAccessKeyId", "LTAInope")
        .err(
            404,
            "EntityNotExist.User.AccessKey",
            "The user access key does not exist.",
        );
    for k in keys["AccessKeys"]["AccessKey"].as_array().unwrap() {
        ram(&mgmt, "DeleteAccessKey")
            .p("UserName", "ci-bot")
            .p("UserAccessKeyId", k["AccessKeyId"].as_str().unwrap())
            .ok();
    }
    // A deleted key signs nothing.
    as_user.call("2015-04-01", "GetCallerIdentity").err(
        404,
        "InvalidAccessKeyId.NotFound",
        "Specified access key is not found.",
    );
    ram(&mgmt, "DeleteUser").p("UserName", "ci-bot").ok();
    assert_eq!(
        ram(&mgmt, "ListUsers").ok()["Users"]["User"],
        serde_json::json!([])
    );
}

#[test]
fn a_management_user_assumes_the_access_role_of_an_account_the_directory_created() {
    let s = server();
    let mgmt = Client::new(&s, MGMT);
    let member = mgmt
        .rm("CreateResourceAccount")
        .p("DisplayName", "sandbox")
        .ok()["Account"]["AccountId"]
        .as_str()
        .unwrap()
        .to_string();
    let arn = format!("acs:ram::{member}:role/ResourceDirectoryAccountAccessRole");
    let (id, secret) = user_with_key(&mgmt, "lz");
    let user: (&str, &str) = (leak(id), leak(secret));
    let assume = |key: (&str, &str), arn: &str| {
        V3::new("AssumeRole", key)
            .version("2015-04-01")
            .param("RoleArn", arn)
            .param("RoleSessionName", "landing-zone")
    };
    // The account's own key may not assume roles.
    let r = assume(MGMT, &arn).send(s.address());
    r.assert_error(
        403,
        "NoPermission",
        "Roles may not be assumed by root accounts.",
    );
    let r = assume(user, &arn)
        .param("DurationSeconds", "900")
        .send(s.address());
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    let creds = &v["Credentials"];
    let akid = creds["AccessKeyId"].as_str().unwrap();
    assert!(akid.starts_with("STS."));
    assert_eq!(
        v["AssumedRoleUser"]["Arn"],
        format!("acs:ram::{member}:role/resourcedirectoryaccountaccessrole/landing-zone")
    );
    let (akid, secret, token) = (
        leak(akid.to_string()),
        leak(creds["AccessKeySecret"].as_str().unwrap().to_string()),
        leak(creds["SecurityToken"].as_str().unwrap().to_string()),
    );
    // The credentials act as the member.
    let me = V3::new("GetCallerIdentity", (akid, secret))
        .version("2015-04-01")
        .token(token)
        .send(s.address())
        .json();
    assert_eq!(me["IdentityType"], "AssumedRoleUser");
    assert_eq!(me["AccountId"], member.as_str());
    assert_eq!(
        me["Arn"],
        format!("acs:ram::{member}:assumed-role/resourcedirectoryaccountaccessrole/landing-zone")
    );
    assert!(me["PrincipalId"]
        .as_str()
        .unwrap()
        .ends_with(":landing-zone"));
    let images = V3::new("DescribeImages", (akid, secret))
        .token(token)
        .param("RegionId", "cn-hangzhou")
        .param("ImageOwnerAlias", "self")
        .send(s.address());
    assert_eq!(images.status, 200, "{}", images.body);
    // They expire on the mock clock.
    s.advance_clock(Duration::from_secs(900));
    V3::new("GetCallerIdentity", (akid, secret))
        .version("2015-04-01")
        .token(token)
        .send(s.address())
        .assert_error(
            400,
            "InvalidSecurityToken.Expired",
            "Specified SecurityToken is expired.",
        );
}

#[test]
fn assume_role_checks_its_parameters_and_the_trust_policy() {
    let s = server();
    let mgmt = Client::new(&s, MGMT);
    let prod = Client::new(&s, PROD);
    // PROD's role trusts only one user of the management account.
    let policy = r#"{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"RAM":["acs:ram::1600000000000001:user/deployer"]}}],"Version":"1"}"#;
    ram(&prod, "CreateRole")
        .p("RoleName", "deploy")
        .p("AssumeRolePolicyDocument", policy)
        .ok();
    let (id, secret) = user_with_key(&mgmt, "deployer");
    let deployer: (&str, &str) = (leak(id), leak(secret));
    let (id, secret) = user_with_key(&mgmt, "other");
    let other: (&str, &str) = (leak(id), leak(secret));
    let arn = format!("acs:ram::{PROD_ID}:role/deploy");
    let assume = |key: (&str, &str), arn: &str, session: &str| {
        V3::new("AssumeRole", key)
            .version("2015-04-01")
            .param("RoleArn", arn)
            .param("RoleSessionName", session)
    };
    let ok_call = assume(deployer, &arn, "s1").send(s.address());
    assert_eq!(ok_call.status, 200, "{}", ok_call.body);
    let denied = (
        403,
        "NoPermission",
        "You are not authorized to do this action. You should be authorized by RAM.",
    );
    assume(other, &arn, "s1")
        .send(s.address())
        .assert_error(denied.0, denied.1, denied.2);
    assume(deployer, "arn:role/deploy", "s1")
        .send(s.address())
        .assert_error(
            400,
            "InvalidParameter.RoleArn",
            "The parameter RoleArn is wrongly formed.",
        );
    assume(deployer, &arn, "x").send(s.address()).assert_error(
        400,
        "InvalidParameter.RoleSessionName",
        "The parameter RoleSessionName is wrongly formed.",
    );
    assume(deployer, &format!("acs:ram::{PROD_ID}:role/nope"), "s1")
        .send(s.address())
        .assert_error(404, "EntityNotExist.Role", "The specified Role not exists.");
    assume(deployer, &arn, "s1")
        .param("DurationSeconds", "3601")
        .send(s.address())
        .assert_error(
            400,
            "InvalidParameter.DurationSeconds",
            "The Min/Max value of DurationSeconds is 15min/1hr.",
        );
    assume(deployer, &arn, "s1")
        .param("Policy", "{not json")
        .send(s.address())
        .assert_error(
            400,
            "InvalidParameter.PolicyGrammar",
            "The parameter Policy has not passed grammar check.",
        );
    assume(deployer, &arn, "s1")
        .param("Policy", &format!("{{\"x\":\"{}\"}}", "p".repeat(1100)))
        .send(s.address())
        .assert_error(
            400,
            "InvalidParameter.PolicySize",
            "The size of Policy must be smaller than 1024 bytes.",
        );
    // A role trusting the account root lets any of its users in; an assumed role can chain.
    let root_policy = r#"{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"RAM":"acs:ram::1600000000000001:root"}}],"Version":"1"}"#;
    ram(&prod, "CreateRole")
        .p("RoleName", "ops")
        .p("AssumeRolePolicyDocument", root_policy)
        .ok();
    let r = assume(other, &format!("acs:ram::{PROD_ID}:role/ops"), "s2").send(s.address());
    assert_eq!(r.status, 200, "{}", r.body);
}

#[test]
fn an_account_holds_at_most_100_ram_users() {
    let s = server();
    let mgmt = Client::new(&s, MGMT);
    for n in 0..100 {
        ram(&mgmt, "CreateUser")
            .p("UserName", &format!("u{n}"))
            .ok();
    }
    ram(&mgmt, "CreateUser").p("UserName", "u100").err(
        409,
        "LimitExceeded.User",
        "The count of users beyond the current limits.",
    );
    // Paged by MaxItems and Marker.
    let page = ram(&mgmt, "ListUsers").p("MaxItems", "60").ok();
    assert_eq!(
        (&page["IsTruncated"], &page["Marker"]),
        (&true.into(), &"60".into())
    );
    let rest = ram(&mgmt, "ListUsers").p("Marker", "60").ok();
    assert_eq!(rest["Users"]["User"].as_array().unwrap().len(), 40);
}

#[test]
fn update_role_changes_the_trust_policy_that_assume_role_reads() {
    let s = server();
    let mgmt = Client::new(&s, MGMT);
    let prod = Client::new(&s, PROD);
    let nobody = r#"{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":["ecs.aliyuncs.com"]}}],"Version":"1"}"#;
    ram(&prod, "CreateRole")
        .p("RoleName", "ci")
        .p("AssumeRolePolicyDocument", nobody)
        .ok();
    let (id, secret) = user_with_key(&mgmt, "ci");
    let user: (&str, &str) = (leak(id), leak(secret));
    let assume = |duration: &str| {
        V3::new("AssumeRole", user)
            .version("2015-04-01")
            .param("RoleArn", &format!("acs:ram::{PROD_ID}:role/ci"))
            .param("RoleSessionName", "run-1")
            .param("DurationSeconds", duration)
            .send(s.address())
    };
    assume("3600").assert_error(
        403,
        "NoPermission",
        "You are not authorized to do this action. You should be authorized by RAM.",
    );
    let trust = r#"{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"RAM":["acs:ram::1600000000000001:user/ci"]}}],"Version":"1"}"#;
    let updated = ram(&prod, "UpdateRole")
        .p("RoleName", "ci")
        .p("NewAssumeRolePolicyDocument", trust)
        .p("NewMaxSessionDuration", "7200")
        .p("NewDescription", "for CI")
        .ok();
    assert_eq!(updated["Role"]["AssumeRolePolicyDocument"], trust);
    assert_eq!(updated["Role"]["MaxSessionDuration"], 7200);
    assert_eq!(updated["Role"]["Description"], "for CI");
    // Two hours now fit the role's longer sessions.
    let r = assume("7200");
    assert_eq!(r.status, 200, "{}", r.body);
    ram(&prod, "UpdateRole")
        .p("RoleName", "ci")
        .p("NewAssumeRolePolicyDocument", "{oops")
        .err(
            400,
            "MalformedPolicyDocument",
            "The policy document is malformed.",
        );
    ram(&prod, "UpdateRole")
        .p("RoleName", "ci")
        .p("NewDescription", &"d".repeat(1025))
        .err(
            400,
            "InvalidParameter.Description.Length",
            "The parameter - \"Description\" beyond the length limit.",
        );
    ram(&prod, "UpdateRole").p("RoleName", "nope").err(
        404,
        "EntityNotExist.Role",
        "The role does not exist.",
    );
    // A rejected update changed nothing.
    let got = ram(&prod, "GetRole").p("RoleName", "ci").ok();
    assert_eq!(got["Role"]["AssumeRolePolicyDocument"], trust);
}

#[test]
fn a_deleted_member_leaves_the_directory_and_its_shares() {
    let s = MockServer::builder()
        .scenario_file(SCENARIO)
        .unwrap()
        .scenario_yaml("delays: { association: 0 }\n")
        .unwrap()
        .start_blocking()
        .unwrap();
    let mgmt = Client::new(&s, MGMT);
    let member = mgmt
        .rm("CreateResourceAccount")
        .p("DisplayName", "to-delete")
        .p("ParentFolderId", "fd-dev0000001")
        .ok()["Account"]["AccountId"]
        .as_str()
        .unwrap()
        .to_string();
    mgmt.rs("CreateResourceShare")
        .p("ResourceShareName", "base-to-dev")
        .p("Resources.1.ResourceType", "Image")
        .p("Resources.1.ResourceId", BASE)
        .p("Targets.1", "fd-dev0000001")
        .ok();
    // Seen as the member, through its access role.
    let (id, secret) = user_with_key(&mgmt, "ops");
    let user: (&str, &str) = (leak(id), leak(secret));
    let creds = V3::new("AssumeRole", user)
        .version("2015-04-01")
        .param(
            "RoleArn",
            &format!("acs:ram::{member}:role/ResourceDirectoryAccountAccessRole"),
        )
        .param("RoleSessionName", "check")
        .send(s.address())
        .json()["Credentials"]
        .clone();
    let key: (&str, &str) = (
        leak(creds["AccessKeyId"].as_str().unwrap().to_string()),
        leak(creds["AccessKeySecret"].as_str().unwrap().to_string()),
    );
    let token = leak(creds["SecurityToken"].as_str().unwrap().to_string());
    let shared = || -> Vec<String> {
        let v = V3::new("DescribeImages", key)
            .token(token)
            .param("RegionId", "cn-hangzhou")
            .param("ImageOwnerAlias", "others")
            .send(s.address())
            .json();
        image_ids(&v)
    };
    assert_eq!(shared(), [BASE]);

    let rdm = |action: &str| mgmt.call("2022-04-19", action).p("AccountId", &member);
    rdm("DeleteAccount").err(
        409,
        "AccountTypeMismatch",
        "The type or status of the member account cannot satisfy the current operation.",
    );
    rdm("GetAccountDeletionStatus").err(
        409,
        "EntityNotExists.CheckAccount",
        "There is no check task for this account",
    );
    mgmt.call("2022-04-19", "CheckAccountDelete")
        .p("AccountId", PROD_ID)
        .err(
            409,
            "AccountTypeMismatch",
            "The type or status of the member account cannot satisfy the current operation.",
        );
    rdm("CheckAccountDelete").ok();
    let check = rdm("GetAccountDeletionCheckResult").ok();
    assert_eq!(
        check["AccountDeletionCheckResultInfo"]["AllowDelete"],
        "true"
    );
    assert_eq!(
        rdm("GetAccountDeletionStatus").ok()["RdAccountDeletionStatus"]["Status"],
        "Checking"
    );
    // Member deletion is off by default.
    rdm("DeleteAccount").err(
        409,
        "AccountTypeMismatch",
        "The type or status of the member account cannot satisfy the current operation.",
    );
    mgmt.call("2022-04-19", "SetMemberDeletionPermission")
        .p("Status", "Enabled")
        .ok();
    assert_eq!(rdm("DeleteAccount").ok()["DeletionType"], "0");
    let status = rdm("GetAccountDeletionStatus").ok()["RdAccountDeletionStatus"].clone();
    assert_eq!(status["Status"], "Success");
    assert_eq!(status["AccountId"], member.as_str());
    // Out of the directory, and closed: the session stops working and the access role is
    // gone.
    rdm("GetAccount").err(
        404,
        "EntityNotExists.Account",
        "This resource directory account does not exist.",
    );
    V3::new("DescribeImages", key)
        .token(token)
        .param("RegionId", "cn-hangzhou")
        .send(s.address())
        .assert_error(
            404,
            "InvalidAccessKeyId.NotFound",
            "Specified access key is not found.",
        );
    V3::new("AssumeRole", user)
        .version("2015-04-01")
        .param(
            "RoleArn",
            &format!("acs:ram::{member}:role/ResourceDirectoryAccountAccessRole"),
        )
        .param("RoleSessionName", "again")
        .send(s.address())
        .assert_error(404, "EntityNotExist.Role", "The specified Role not exists.");
    // The deletion survives a save and a load of the world.
    let dir = tempfile_dir();
    let path = dir.join("state.json");
    s.save_state(&path).unwrap();
    let again = MockServer::builder()
        .scenario_file(SCENARIO)
        .unwrap()
        .state_file(&path)
        .start_blocking()
        .unwrap();
    Client::new(&again, MGMT)
        .call("2022-04-19", "GetAccount")
        .p("AccountId", &member)
        .err(
            404,
            "EntityNotExists.Account",
            "This resource directory account does not exist.",
        );
}

fn tempfile_dir() -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("am-sts-{}-{}", std::process::id(), nonce()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn an_account_holds_at_most_6000_live_sessions_and_expired_ones_are_dropped() {
    let s = server();
    let mgmt = Client::new(&s, MGMT);
    let prod = Client::new(&s, PROD);
    let trust = r#"{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"RAM":"acs:ram::1600000000000001:root"}}],"Version":"1"}"#;
    ram(&prod, "CreateRole")
        .p("RoleName", "many")
        .p("AssumeRolePolicyDocument", trust)
        .ok();
    let (id, secret) = user_with_key(&mgmt, "busy");
    let user: (&str, &str) = (leak(id), leak(secret));
    let arn = format!("acs:ram::{PROD_ID}:role/many");
    let assume = || {
        V3::new("AssumeRole", user)
            .version("2015-04-01")
            .param("RoleArn", &arn)
            .param("RoleSessionName", "s1")
            .param("DurationSeconds", "900")
            .send(s.address())
    };
    for _ in 0..6000 {
        assert_eq!(assume().status, 200);
    }
    assume().assert_error(
        400,
        "Throttling.User",
        "Request was denied due to user flow control.",
    );
    s.advance_clock(Duration::from_secs(900));
    assert_eq!(assume().status, 200, "expired sessions no longer count");
}

#[test]
fn policies_attach_to_a_user_and_keep_it_from_being_deleted() {
    let s = server();
    let mgmt = Client::new(&s, MGMT);
    ram(&mgmt, "CreateUser").p("UserName", "ops").ok();
    let policy = |action: &str, kind: &str, name: &str| {
        ram(&mgmt, action)
            .p("UserName", "ops")
            .p("PolicyType", kind)
            .p("PolicyName", name)
    };
    policy("AttachPolicyToUser", "System", "AliyunECSFullAccess").ok();
    policy("AttachPolicyToUser", "System", "AliyunECSFullAccess").err(
        409,
        "EntityAlreadyExists.User.Policy",
        "The user has already been attached this policy.",
    );
    policy("AttachPolicyToUser", "Custom", "mine").err(
        404,
        "EntityNotExist.Policy",
        "The policy does not exist.",
    );
    policy("AttachPolicyToUser", "Managed", "AliyunECSFullAccess").err(
        400,
        "InvalidParameter.PolicyType",
        "The parameter - \"PolicyType\" is incorrect.",
    );
    ram(&mgmt, "AttachPolicyToUser")
        .p("UserName", "nobody")
        .p("PolicyType", "System")
        .p("PolicyName", "AliyunECSFullAccess")
        .err(404, "EntityNotExist.User", "The user does not exist.");
    let listed = ram(&mgmt, "ListPoliciesForUser").p("UserName", "ops").ok();
    let items = listed["Policies"]["Policy"].as_array().unwrap();
    assert_eq!(
        (
            items.len(),
            &items[0]["PolicyName"],
            &items[0]["PolicyType"]
        ),
        (1, &"AliyunECSFullAccess".into(), &"System".into())
    );
    ram(&mgmt, "DeleteUser").p("UserName", "ops").err(
        409,
        "DeleteConflict.User.Policy",
        "The user CAN NOT has any attached policy while deleting the user.",
    );
    policy("DetachPolicyFromUser", "System", "AliyunECSFullAccess").ok();
    policy("DetachPolicyFromUser", "System", "AliyunECSFullAccess").err(
        404,
        "EntityNotExist.User.Policy",
        "The indicate policy of the user does not exist.",
    );
    ram(&mgmt, "DeleteUser").p("UserName", "ops").ok();
    // Twenty directly attached policies at most.
    ram(&mgmt, "CreateUser").p("UserName", "many").ok();
    for n in 0..20 {
        ram(&mgmt, "AttachPolicyToUser")
            .p("UserName", "many")
            .p("PolicyType", "System")
            .p("PolicyName", &format!("AliyunP{n}"))
            .ok();
    }
    ram(&mgmt, "AttachPolicyToUser")
        .p("UserName", "many")
        .p("PolicyType", "System")
        .p("PolicyName", "AliyunP20")
        .err(
            409,
            "LimitExceeded.User.Policy",
            "The policy count of the user attached policies beyond the current limits.",
        );
}

#[test]
fn a_scenario_declares_ram_users_whose_keys_sign_as_them() {
    let s = MockServer::builder()
        .scenario_yaml(
            r#"
accounts:
  - id: "8500000000000001"
    alias: main
    access_keys: [{ id: ROOTKEY, secret: root-secret }]
    ram_users:
      - { name: ci, access_keys: [{ id: CIKEY, secret: ci-secret }], policies: [AliyunECSFullAccess] }
"#,
        )
        .unwrap()
        .start_blocking()
        .unwrap();
    let who = Client::new(&s, ("CIKEY", "ci-secret"))
        .call("2015-04-01", "GetCallerIdentity")
        .ok();
    assert_eq!(
        (&who["IdentityType"], &who["AccountId"], &who["Arn"]),
        (
            &"RAMUser".into(),
            &"8500000000000001".into(),
            &"acs:ram::8500000000000001:user/ci".into()
        )
    );
    let root = Client::new(&s, ("ROOTKEY", "root-secret"));
    let keys = ram(&root, "ListAccessKeys").p("UserName", "ci").ok();
    assert_eq!(keys["AccessKeys"]["AccessKey"][0]["AccessKeyId"], "CIKEY");
    let pols = ram(&root, "ListPoliciesForUser").p("UserName", "ci").ok();
    assert_eq!(
        pols["Policies"]["Policy"][0]["PolicyName"],
        "AliyunECSFullAccess"
    );
    ram(&root, "DeleteUser").p("UserName", "ci").err(
        409,
        "DeleteConflict.User.AccessKey",
        "The user CAN NOT has any access key while deleting the user.",
    );
    let state = send(s.address(), "GET", "/_mock/state", &[], b"");
    assert_eq!(state.json()["ram_users"][0]["access_key_ids"][0], "CIKEY");
    assert!(
        !state.body.contains("ci-secret"),
        "secrets stay out of the dump"
    );
    // The key stops signing once deleted.
    ram(&root, "DeleteAccessKey")
        .p("UserName", "ci")
        .p("UserAccessKeyId", "CIKEY")
        .ok();
    Client::new(&s, ("CIKEY", "ci-secret"))
        .call("2015-04-01", "GetCallerIdentity")
        .err(
            404,
            "InvalidAccessKeyId.NotFound",
            "Specified access key is not found.",
        );
}
