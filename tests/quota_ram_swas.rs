//! Quota Center, RAM roles, Simple Application Server images, instances and billing
//! (docs/sources.md#quota-center, docs/sources.md#ecs-image-sharing-rules), and the world dump.

mod support;

use alicloud_mock::MockServer;
use support::*;

fn scenario(file: &str, extra: &str) -> MockServer {
    let mut b = MockServer::builder()
        .scenario_file(format!("{}/scenarios/{file}", env!("CARGO_MANIFEST_DIR")))
        .unwrap();
    if !extra.is_empty() {
        b = b.scenario_yaml(extra).unwrap();
    }
    b.start_blocking().unwrap()
}

fn q(a: std::net::SocketAddr, key: (&str, &str), action: &str, p: &[(&str, &str)]) -> Resp {
    // Quota Center's SDK sends its parameters in a form body (docs/sources.md#quota-center).
    let params = rpc_params("POST", action, "2020-05-10", key, &[]);
    let mut all = params.clone();
    all.retain(|(k, _)| k != "Signature");
    let body: Vec<(String, String)> = p
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let mut signed_all = all.clone();
    signed_all.extend(body.clone());
    let signed = rpc_sign("POST", key.1, signed_all);
    let sig = signed
        .iter()
        .find(|(k, _)| k == "Signature")
        .unwrap()
        .clone();
    all.push(sig);
    send(
        a,
        "POST",
        &format!("/?{}", form(&all)),
        &[(
            "content-type".into(),
            "application/x-www-form-urlencoded".into(),
        )],
        form(&body).as_bytes(),
    )
}

fn ram(a: std::net::SocketAddr, key: (&str, &str), action: &str, p: &[(&str, &str)]) -> Resp {
    call(a, key, "2015-05-01", action, p)
}

fn swas(a: std::net::SocketAddr, key: (&str, &str), action: &str, p: &[(&str, &str)]) -> Resp {
    call(a, key, "2020-06-01", action, p)
}

const TRUST: &str = r#"{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":["ecs.aliyuncs.com"]}}],"Version":"1"}"#;

#[test]
fn role_missing_then_created_makes_encrypted_sharing_work() {
    let s = scenario("encrypted-images.yaml", "");
    let a = s.address();
    let norole = ("LTAI5tEnNoRole0000001", "en-norole-secret");
    let share = || {
        ecs(
            a,
            norole,
            "ModifyImageSharePermission",
            &[
                ("RegionId", "cn-shanghai"),
                ("ImageId", "m-uf6encnorole0000001"),
                ("AddAccount.1", "1300000000000003"),
            ],
        )
    };
    share().assert_error(403, "AssumeRoleError", "Requires a RAM role of AliyunECSShareEncryptImageDefaultRole before sharing encrypted image.");
    ram(
        a,
        norole,
        "GetRole",
        &[("RoleName", "AliyunECSShareEncryptImageDefaultRole")],
    )
    .assert_error(404, "EntityNotExist.Role", "The role does not exist.");
    let r = ok(ram(
        a,
        norole,
        "CreateRole",
        &[
            ("RoleName", "AliyunECSShareEncryptImageDefaultRole"),
            ("AssumeRolePolicyDocument", TRUST),
            ("Description", "share encrypted images"),
        ],
    ));
    assert_eq!(
        r["Role"]["Arn"],
        "acs:ram::1300000000000002:role/aliyunecsshareencryptimagedefaultrole"
    );
    assert_eq!(r["Role"]["AssumeRolePolicyDocument"], TRUST);
    ok(share());
    assert_eq!(
        shared_with(a, norole, "cn-shanghai", "m-uf6encnorole0000001"),
        ["1300000000000003"]
    );
}

#[test]
fn role_lifecycle_and_errors() {
    let s = MockServer::builder().start_blocking().unwrap();
    let a = s.address();
    let mk = |name: &str| {
        ram(
            a,
            MEMBER_KEY,
            "CreateRole",
            &[("RoleName", name), ("AssumeRolePolicyDocument", TRUST)],
        )
    };
    ok(mk("ops-role"));
    mk("OPS-ROLE").assert_error(
        409,
        "EntityAlreadyExists.Role",
        "The role does already EXIST.",
    );
    mk("bad name").assert_error(
        400,
        "InvalidParameter.RoleName.InvalidChars",
        "The parameter - RoleName contains invalid chars.",
    );
    mk(&"r".repeat(65)).assert_error(
        400,
        "InvalidParameter.RoleName.Length",
        "The length of parameter - RoleName is beyond the limit.",
    );
    ram(
        a,
        MEMBER_KEY,
        "CreateRole",
        &[("RoleName", "x"), ("AssumeRolePolicyDocument", "not json")],
    )
    .assert_error(
        400,
        "MalformedPolicyDocument",
        "The policy document is malformed.",
    );
    ram(a, MEMBER_KEY, "CreateRole", &[("RoleName", "x")]).assert_error(
        400,
        "MissingParameter",
        "The input parameter \"AssumeRolePolicyDocument\" that is mandatory for processing this request is not supplied.",
    );
    let attach = |p: &str| {
        ram(
            a,
            MEMBER_KEY,
            "AttachPolicyToRole",
            &[
                ("PolicyType", "System"),
                ("PolicyName", p),
                ("RoleName", "ops-role"),
            ],
        )
    };
    ok(attach("AliyunKMSCryptoUserAccess"));
    attach("AliyunKMSCryptoUserAccess").assert_error(
        409,
        "EntityAlreadyExists.Role.Policy",
        "The policy is already attached to the role.",
    );
    attach("NoSuchPolicy").assert_error(404, "EntityNotExist.Policy", "The policy does not exist.");
    let l = ok(ram(
        a,
        MEMBER_KEY,
        "ListPoliciesForRole",
        &[("RoleName", "ops-role")],
    ));
    assert_eq!(
        l["Policies"]["Policy"][0]["PolicyName"],
        "AliyunKMSCryptoUserAccess"
    );
    ram(a, MEMBER_KEY, "DeleteRole", &[("RoleName", "ops-role")]).assert_error(
        409,
        "DeleteConflict.Role.Policy",
        "The role CAN NOT has any attached policy while deleting the role.",
    );
    ok(ram(
        a,
        MEMBER_KEY,
        "DetachPolicyFromRole",
        &[
            ("PolicyType", "System"),
            ("PolicyName", "AliyunKMSCryptoUserAccess"),
            ("RoleName", "ops-role"),
        ],
    ));
    ram(
        a,
        MEMBER_KEY,
        "DetachPolicyFromRole",
        &[
            ("PolicyType", "System"),
            ("PolicyName", "AliyunKMSCryptoUserAccess"),
            ("RoleName", "ops-role"),
        ],
    )
    .assert_error(
        404,
        "EntityNotExist.Role.Policy",
        "The policy is not attached to the role.",
    );
    let roles = ok(ram(a, MEMBER_KEY, "ListRoles", &[]));
    assert_eq!(roles["IsTruncated"], false);
    assert_eq!(roles["Roles"]["Role"][0]["RoleName"], "ops-role");
    ok(ram(
        a,
        MEMBER_KEY,
        "DeleteRole",
        &[("RoleName", "ops-role")],
    ));
    ram(a, MEMBER_KEY, "DeleteRole", &[("RoleName", "ops-role")]).assert_error(
        404,
        "EntityNotExist.Role",
        "The role does not exist.",
    );
    // Roles are per account: the owner's scenario role is not the member's.
    assert_eq!(
        ok(ram(
            a,
            OWNER_KEY,
            "GetRole",
            &[("RoleName", "AliyunECSShareEncryptImageDefaultRole")]
        ))["Role"]["RoleName"],
        "AliyunECSShareEncryptImageDefaultRole"
    );
}

const SQ_OWNER: (&str, &str) = ("LTAI5tSqOwner00000001", "sq-owner-secret");
const SQ_IMAGE: &str = "m-bp1sqimage000000001";

fn quota_share(a: std::net::SocketAddr, to: &str) -> Resp {
    ecs(
        a,
        SQ_OWNER,
        "ModifyImageSharePermission",
        &[
            ("RegionId", "cn-hangzhou"),
            ("ImageId", SQ_IMAGE),
            ("AddAccount.1", to),
        ],
    )
}

#[test]
fn quota_exhausted_then_application_approved_then_one_more_share() {
    let s = scenario("share-quota.yaml", "");
    let a = s.address();
    ok(quota_share(a, "1200000000000002"));
    ok(quota_share(a, "1200000000000003"));
    quota_share(a, "1200000000000004").assert_error(
        403,
        "QuotaExceed.ShareImageUser",
        "The shared Image user Quota exceeds.",
    );
    let quota = ok(q(
        a,
        SQ_OWNER,
        "GetProductQuota",
        &[
            ("ProductCode", "ecs"),
            ("QuotaActionCode", "q_share-image-users"),
            ("Dimensions.1.Key", "regionId"),
            ("Dimensions.1.Value", "cn-hangzhou"),
        ],
    ));
    assert_eq!(quota["Quota"]["TotalQuota"].as_f64(), Some(2.0));
    assert_eq!(quota["Quota"]["TotalUsage"].as_f64(), Some(2.0));
    assert_eq!(
        quota["Quota"]["QuotaName"],
        "Quota of users that can be shared per custom image"
    );
    let app = ok(q(
        a,
        SQ_OWNER,
        "CreateQuotaApplication",
        &[
            ("ProductCode", "ecs"),
            ("QuotaActionCode", "q_share-image-users"),
            ("DesireValue", "3"),
            ("Reason", "one more partner"),
            ("Dimensions.1.Key", "regionId"),
            ("Dimensions.1.Value", "cn-hangzhou"),
        ],
    ));
    assert_eq!(app["Status"], "Agree");
    assert_eq!(app["ApproveValue"].as_f64(), Some(3.0));
    assert_eq!(app["Dimension"]["regionId"], "cn-hangzhou");
    let id = app["ApplicationId"].as_str().unwrap().to_string();
    ok(quota_share(a, "1200000000000004"));
    let got = ok(q(
        a,
        SQ_OWNER,
        "GetQuotaApplication",
        &[("ApplicationId", &id)],
    ));
    assert_eq!(got["QuotaApplication"]["Status"], "Agree");
    let list = ok(q(
        a,
        SQ_OWNER,
        "ListQuotaApplications",
        &[("ProductCode", "ecs"), ("Status", "Agree")],
    ));
    assert_eq!(list["TotalCount"], 1);
}

#[test]
fn pending_and_rejected_applications_change_nothing() {
    let s = scenario("share-quota.yaml", "quota_applications: pending\n");
    let a = s.address();
    let apply = || {
        q(
            a,
            SQ_OWNER,
            "CreateQuotaApplication",
            &[
                ("ProductCode", "ecs"),
                ("QuotaActionCode", "q_share-image-users"),
                ("DesireValue", "10"),
                ("Reason", "r"),
            ],
        )
    };
    assert_eq!(ok(apply())["Status"], "Process");
    apply().assert_error(
        400,
        "QUOTA.APPLICATION.PROCESS",
        "The quota adjustment application is being processed. Please try again later.",
    );
    // r1 already has the image; r2 fills the quota of 2; r3 is refused.
    ok(quota_share(a, "1200000000000003"));
    quota_share(a, "1200000000000004").assert_error(
        403,
        "QuotaExceed.ShareImageUser",
        "The shared Image user Quota exceeds.",
    );
    let s = scenario("share-quota.yaml", "quota_applications: reject\n");
    let a = s.address();
    let app = ok(q(
        a,
        SQ_OWNER,
        "CreateQuotaApplication",
        &[
            ("ProductCode", "ecs"),
            ("QuotaActionCode", "q_share-image-users"),
            ("DesireValue", "10"),
            ("Reason", "r"),
        ],
    ));
    assert_eq!(app["Status"], "Disagree");
    ok(quota_share(a, "1200000000000003"));
    quota_share(a, "1200000000000004").assert_error(
        403,
        "QuotaExceed.ShareImageUser",
        "The shared Image user Quota exceeds.",
    );
}

#[test]
fn quota_errors() {
    let s = scenario("share-quota.yaml", "");
    let a = s.address();
    let apply = |code: &str, desire: &str, notice: &str| {
        q(
            a,
            SQ_OWNER,
            "CreateQuotaApplication",
            &[
                ("ProductCode", "ecs"),
                ("QuotaActionCode", code),
                ("DesireValue", desire),
                ("Reason", "r"),
                ("NoticeType", notice),
            ],
        )
    };
    apply("q_nothing", "5", "0").assert_error(400, "QUOTA.NOT.FOUND", "The quota does not exist.");
    apply("q_share-image-users", "lots", "0").assert_error(
        400,
        "InvalidDesireValue",
        "Invalid DesireValue",
    );
    apply("q_share-image-users", "2", "0").assert_error(
        400,
        "QUOTA.DESIREVALUE.ILLEGAL",
        "The applied quota value is invalid.",
    );
    apply("q_share-image-users", "5", "9").assert_error(
        400,
        "InvalidNoticeType",
        "Invalid NoticeType",
    );
    q(a, SQ_OWNER, "ListQuotaApplications", &[("Status", "Maybe")]).assert_error(
        400,
        "InvalidStatus",
        "Invalid Status",
    );
    q(
        a,
        SQ_OWNER,
        "GetQuotaApplication",
        &[("ApplicationId", "nope")],
    )
    .assert_error(
        400,
        "QUOTA.APPLICATION.NOT.FOUND",
        "Quota application does not exist",
    );
    q(
        a,
        SQ_OWNER,
        "ListProductQuotas",
        &[("ProductCode", "ecs"), ("MaxResults", "0")],
    )
    .assert_error(
        400,
        "INVALID.MAX.RESULTS",
        "The maxResults parameter is invalid. Use an integer ranging from 1 to 100.",
    );
    q(
        a,
        SQ_OWNER,
        "ListProductQuotas",
        &[("ProductCode", "ecs"), ("SortOrder", "Sideways")],
    )
    .assert_error(400, "InvalidSortOrder", "Invalid SortOrder");
    let all = ok(q(
        a,
        SQ_OWNER,
        "ListProductQuotas",
        &[("ProductCode", "ecs")],
    ));
    let codes: Vec<&str> = all["Quotas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["QuotaActionCode"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["q_share-image-users", "q_custom-images"]);
    assert_eq!(all["Quotas"][1]["TotalUsage"].as_f64(), Some(1.0));
    // The custom-image quota limits CreateImage and is raised the same way.
    let raise = ok(apply("q_custom-images", "201", "0"));
    assert_eq!(raise["Status"], "Agree");
}

#[test]
fn swas_images_share_to_ecs_one_way() {
    let s = MockServer::builder().start_blocking().unwrap();
    let a = s.address();
    let img = "m-swas0000000000000001";
    let own = || visible(a, OWNER_KEY, &[("ImageOwnerAlias", "self")]);
    assert!(!own().contains(&img.to_string()));
    let l = ok(swas(
        a,
        OWNER_KEY,
        "ListCustomImages",
        &[("RegionId", "cn-hangzhou")],
    ));
    assert_eq!(l["CustomImages"][0]["ImageId"], img);
    assert_eq!(l["CustomImages"][0]["InShare"], false);
    assert_eq!(l["TotalCount"], "1");
    ok(swas(
        a,
        OWNER_KEY,
        "ModifyImageShareStatus",
        &[
            ("RegionId", "cn-hangzhou"),
            ("ImageId", img),
            ("Operation", "Share"),
        ],
    ));
    assert!(
        own().contains(&img.to_string()),
        "a shared SWAS image is an ECS image of the same account"
    );
    assert!(!visible(a, MEMBER_KEY, &[("ImageId", img)]).contains(&img.to_string()));
    let l = ok(swas(
        a,
        OWNER_KEY,
        "ListCustomImages",
        &[("RegionId", "cn-hangzhou"), ("Share", "true")],
    ));
    assert_eq!(l["CustomImages"][0]["InShare"], true);
    ok(swas(
        a,
        OWNER_KEY,
        "ModifyImageShareStatus",
        &[
            ("RegionId", "cn-hangzhou"),
            ("ImageId", img),
            ("Operation", "UnShare"),
        ],
    ));
    assert!(!own().contains(&img.to_string()));
    swas(
        a,
        OWNER_KEY,
        "ModifyImageShareStatus",
        &[
            ("RegionId", "cn-hangzhou"),
            ("ImageId", img),
            ("Operation", "Lend"),
        ],
    )
    .assert_error(
        400,
        "InvalidParam.OperationIllegal",
        "The specified parameter Operation is illegal.",
    );
    // ECS images never become SWAS images: the SWAS API does not know them.
    swas(
        a,
        OWNER_KEY,
        "ModifyImageShareStatus",
        &[
            ("RegionId", "cn-hangzhou"),
            ("ImageId", PLAIN),
            ("Operation", "Share"),
        ],
    )
    .assert_error(
        404,
        "InvalidImageId.NotFound",
        "The specified ImageId does not exist.",
    );
    swas(
        a,
        MEMBER_KEY,
        "ModifyImageShareStatus",
        &[
            ("RegionId", "cn-hangzhou"),
            ("ImageId", img),
            ("Operation", "Share"),
        ],
    )
    .assert_error(
        404,
        "InvalidImageId.NotFound",
        "The specified ImageId does not exist.",
    );
}

#[test]
fn recipients_launch_shared_paid_images_and_pay_for_them() {
    let s = MockServer::builder().start_blocking().unwrap();
    let a = s.address();
    let run = |key: (&str, &str), img: &str, n: &str| {
        ecs(
            a,
            key,
            "RunInstances",
            &[
                ("RegionId", "cn-hangzhou"),
                ("ImageId", img),
                ("InstanceType", "ecs.g7.large"),
                ("Amount", n),
            ],
        )
    };
    run(MEMBER_KEY, PAID, "1").assert_error(
        404,
        "InvalidImageId.NotFound",
        "The specified ImageId does not exist.",
    );
    ok(ecs(
        a,
        OWNER_KEY,
        "ModifyImageSharePermission",
        &[
            ("RegionId", "cn-hangzhou"),
            ("ImageId", PAID),
            ("AddAccount.1", MEMBER_ID),
        ],
    ));
    let state = |path: &str| send(a, "GET", path, &[], b"").json();
    assert_eq!(
        state("/_mock/state")["charges"],
        serde_json::json!([]),
        "sharing itself is free"
    );
    let v = ok(run(MEMBER_KEY, PAID, "2"));
    let ids: Vec<String> = v["InstanceIdSets"]["InstanceIdSet"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 2);
    let charges = state("/_mock/state")["charges"].clone();
    assert_eq!(charges.as_array().unwrap().len(), 2);
    for c in charges.as_array().unwrap() {
        assert_eq!(
            c["account_id"], MEMBER_ID,
            "billed to the launching account"
        );
        assert_eq!(c["image_owner_id"], OWNER_ID);
        assert_eq!(c["image_id"], PAID);
        assert_eq!(c["fee"].as_f64(), Some(0.25));
        assert!(ids.contains(&c["instance_id"].as_str().unwrap().to_string()));
    }
    // A free image costs nothing.
    ok(ecs(
        a,
        OWNER_KEY,
        "CreateInstance",
        &[
            ("RegionId", "cn-hangzhou"),
            ("ImageId", PLAIN),
            ("InstanceType", "ecs.g7.large"),
        ],
    ));
    assert_eq!(
        state("/_mock/state")["charges"].as_array().unwrap().len(),
        2
    );
    let d = ok(ecs(
        a,
        MEMBER_KEY,
        "DescribeInstances",
        &[("RegionId", "cn-hangzhou")],
    ));
    assert_eq!(d["TotalCount"], 2);
    assert_eq!(d["Instances"]["Instance"][0]["ImageId"], PAID);
    // The recipient's instances now make the image "in use".
    ok(ecs(
        a,
        OWNER_KEY,
        "ModifyImageSharePermission",
        &[
            ("RegionId", "cn-hangzhou"),
            ("ImageId", PAID),
            ("RemoveAccount.1", MEMBER_ID),
        ],
    ));
    run(MEMBER_KEY, PAID, "1").assert_error(
        404,
        "InvalidImageId.NotFound",
        "The specified ImageId does not exist.",
    );
    ecs(a, OWNER_KEY, "DeleteImage", &[("RegionId", "cn-hangzhou"), ("ImageId", PAID)]).assert_error(
        403,
        "ImageUsingByInstance",
        "The specified image has been used to create instances. You can use the DescribeInstances API to query these instances, or you can use the force parameter to proceed.",
    );
    ecs(a, OWNER_KEY, "DeleteInstance", &[("InstanceId", &ids[0])]).assert_error(
        404,
        "InvalidInstanceId.NotFound",
        "The specified InstanceId does not exist.",
    );
    for id in &ids {
        // Running instances are released with Force.
        ok(ecs(
            a,
            MEMBER_KEY,
            "DeleteInstance",
            &[("InstanceId", id), ("Force", "true")],
        ));
    }
    ok(ecs(
        a,
        OWNER_KEY,
        "DeleteImage",
        &[("RegionId", "cn-hangzhou"), ("ImageId", PAID)],
    ));
    run(OWNER_KEY, PAID, "1").assert_error(
        404,
        "InvalidImageId.NotFound",
        "The specified ImageId does not exist.",
    );
    assert_eq!(
        run(OWNER_KEY, PLAIN, "1").status,
        200,
        "plain still launches"
    );
    ecs(
        a,
        OWNER_KEY,
        "RunInstances",
        &[
            ("RegionId", "cn-hangzhou"),
            ("ImageId", PLAIN),
            ("InstanceType", "t5"),
        ],
    )
    .assert_error(
        400,
        "InvalidInstanceType.ValueNotSupported",
        "The specified InstanceType does not exist or beyond the permitted range.",
    );
    ecs(
        a,
        OWNER_KEY,
        "RunInstances",
        &[
            ("RegionId", "cn-hangzhou"),
            ("ImageId", PLAIN),
            ("InstanceType", "ecs.g7.large"),
            ("Amount", "101"),
        ],
    )
    .assert_error(
        400,
        "InvalidParameter",
        "The specified parameter \"Amount\" is not valid.",
    );
}

#[test]
fn a_creating_image_cannot_be_launched() {
    let s = scenario("image-lifecycle.yaml", "");
    let a = s.address();
    let o = ("LTAI5tLcOwner00000001", "lc-owner-secret");
    let v = ok(ecs(
        a,
        o,
        "CreateImage",
        &[
            ("RegionId", "cn-hangzhou"),
            ("InstanceId", "i-bp1lcowner000000001"),
        ],
    ));
    let id = v["ImageId"].as_str().unwrap();
    ecs(
        a,
        o,
        "RunInstances",
        &[
            ("RegionId", "cn-hangzhou"),
            ("ImageId", id),
            ("InstanceType", "ecs.g7.large"),
        ],
    )
    .assert_error(
        403,
        "OperationDenied.ImageNotValid",
        "The specified Image is disabled or is deleted.",
    );
}

#[test]
fn the_world_dump_has_every_key_and_no_secrets() {
    let s = MockServer::builder().start_blocking().unwrap();
    let r = send(s.address(), "GET", "/_mock/state", &[], b"");
    assert_eq!(r.status, 200);
    let v = r.json();
    for k in [
        "accounts",
        "images",
        "shares",
        "resource_directory",
        "resource_shares",
        "invitations",
        "quotas",
        "quota_applications",
        "roles",
        "instances",
        "charges",
    ] {
        assert!(v.get(k).is_some(), "missing {k}");
    }
    assert!(
        !r.body.contains("owner-secret") && !r.body.contains("sts-token"),
        "secrets leaked"
    );
    assert_eq!(v["shares"][0]["image_id"], GOLDEN);
    assert_eq!(v["resource_directory"]["id"], "rd-3kexample");
    assert_eq!(
        v["roles"][0]["name"],
        "AliyunECSShareEncryptImageDefaultRole"
    );
}

#[test]
fn swas_share_and_unshare_are_idempotent_and_the_ecs_image_says_where_it_came_from() {
    let s = MockServer::builder().start_blocking().unwrap();
    let owner = Client::new(&s, OWNER_KEY);
    let img = "m-swas0000000000000001";
    let share = |op: &str| {
        owner
            .call("2020-06-01", "ModifyImageShareStatus")
            .p("RegionId", "cn-hangzhou")
            .p("ImageId", img)
            .p("Operation", op)
            .ok();
    };
    let in_ecs = || {
        owner
            .ecs("DescribeImages")
            .p("ImageOwnerAlias", "self")
            .p("ImageId", img)
            .ok()["Images"]["Image"]
            .as_array()
            .unwrap()
            .clone()
    };
    share("UnShare");
    assert!(
        in_ecs().is_empty(),
        "unsharing an unshared image adds nothing"
    );
    share("Share");
    share("Share");
    let images = in_ecs();
    assert_eq!(images.len(), 1, "sharing twice keeps one ECS image");
    assert_eq!(
        images[0]["Description"],
        "Shared from Simple Application Server"
    );
    assert_eq!(images[0]["OSName"], "Ubuntu");
    assert_eq!(images[0]["Platform"], "Ubuntu");
    share("UnShare");
    assert!(in_ecs().is_empty());
}

#[test]
fn get_caller_identity_answers_the_account_or_the_assumed_role_user() {
    let s = MockServer::builder().start_blocking().unwrap();
    let me = Client::new(&s, OWNER_KEY)
        .call("2015-04-01", "GetCallerIdentity")
        .ok();
    assert_eq!(me["IdentityType"], "Account");
    assert_eq!(me["AccountId"], "1000000000000001");
    assert_eq!(me["UserId"], "1000000000000001");
    assert_eq!(me["PrincipalId"], "1000000000000001");
    assert_eq!(me["Arn"], "acs:ram::1000000000000001:root");
    assert_eq!(me["RoleId"], "");
    // The scenario's STS credential of the same account.
    let sts = V3::new(
        "GetCallerIdentity",
        ("STS.OwnerTemp00000001", "owner-sts-secret"),
    )
    .version("2015-04-01")
    .token("CAIS-owner-sts-token-0001")
    .send(s.address());
    let v = sts.json();
    assert_eq!(sts.status, 200, "{v}");
    assert_eq!(v["IdentityType"], "AssumedRoleUser");
    assert_eq!(v["AccountId"], "1000000000000001");
    assert_eq!(
        v["Arn"],
        "acs:ram::1000000000000001:assumed-role/AliyunMockScenarioStsRole/STS.OwnerTemp00000001"
    );
    let role = v["RoleId"].as_str().unwrap();
    assert_eq!(role.len(), 19);
    assert_eq!(v["PrincipalId"], format!("{role}:STS.OwnerTemp00000001"));
    assert_eq!(v["UserId"], "");
}

#[test]
fn swas_calls_without_region_id_use_the_endpoint_or_default_region() {
    let s = MockServer::builder().start_blocking().unwrap();
    let owner = Client::new(&s, OWNER_KEY);
    // Terraform's ModifyImageShareStatus: ImageId, Operation, ClientToken; no RegionId.
    owner
        .call("2020-06-01", "ModifyImageShareStatus")
        .p("ImageId", "m-swas0000000000000001")
        .p("Operation", "Share")
        .p("ClientToken", "tf-1")
        .ok();
    let listed = owner.call("2020-06-01", "ListCustomImages").ok();
    let img = listed["CustomImages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["ImageId"] == "m-swas0000000000000001")
        .unwrap()
        .clone();
    assert_eq!(img["InShare"], true);
    assert_eq!(img["RegionId"], "cn-hangzhou");
    owner
        .call("2020-06-01", "ListCustomImages")
        .p("RegionId", "mars-1")
        .err(
            404,
            "InvalidRegionId.NotFound",
            "The specified RegionId does not exist.",
        );
}

fn apply_for_ten(a: std::net::SocketAddr) -> serde_json::Value {
    ok(q(
        a,
        SQ_OWNER,
        "CreateQuotaApplication",
        &[
            ("ProductCode", "ecs"),
            ("QuotaActionCode", "q_share-image-users"),
            ("DesireValue", "10"),
            ("Reason", "r"),
        ],
    ))
}

fn application(a: std::net::SocketAddr, id: &str) -> serde_json::Value {
    ok(q(
        a,
        SQ_OWNER,
        "GetQuotaApplication",
        &[("ApplicationId", id)],
    ))["QuotaApplication"]
        .clone()
}

#[test]
fn an_approval_under_review_takes_effect_when_the_review_ends() {
    let s = scenario(
        "share-quota.yaml",
        "clock: manual\nquota_applications: approve\ndelays: { quota_review: 3600 }\n",
    );
    let a = s.address();
    let app = apply_for_ten(a);
    let id = app["ApplicationId"].as_str().unwrap().to_string();
    assert_eq!(app["Status"], "Process");
    assert_eq!(app["ApproveValue"], serde_json::Value::Null);
    // Still the old quota of 2 while the review runs.
    ok(quota_share(a, "1200000000000003"));
    quota_share(a, "1200000000000004").assert_error(
        403,
        "QuotaExceed.ShareImageUser",
        "The shared Image user Quota exceeds.",
    );
    s.advance_clock(std::time::Duration::from_secs(3599));
    assert_eq!(application(a, &id)["Status"], "Process");
    s.advance_clock(std::time::Duration::from_secs(1));
    let done = application(a, &id);
    assert_eq!(done["Status"], "Agree");
    assert_eq!(done["ApproveValue"], 10.0);
    // Effective when the review ended, an hour after the application.
    let effective = done["EffectiveTime"].as_str().unwrap();
    assert!(!effective.is_empty() && effective != done["ApplyTime"].as_str().unwrap());
    ok(quota_share(a, "1200000000000004"));
}

#[test]
fn a_pending_application_is_decided_through_the_control_api() {
    let s = scenario("share-quota.yaml", "quota_applications: pending\n");
    let a = s.address();
    let id = apply_for_ten(a)["ApplicationId"]
        .as_str()
        .unwrap()
        .to_string();
    let decide = |id: &str, body: &str| {
        let mut c = std::net::TcpStream::connect(a).unwrap();
        use std::io::{Read, Write};
        write!(
            c,
            "POST /_mock/quota-applications/{id} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let mut out = String::new();
        c.read_to_string(&mut out).unwrap();
        out
    };
    assert!(decide(&id, r#"{"decision": "maybe"}"#).starts_with("HTTP/1.1 400"));
    assert!(decide("nope", r#"{"decision": "approve"}"#).starts_with("HTTP/1.1 404"));
    let r = decide(&id, r#"{"decision": "approve"}"#);
    assert!(r.starts_with("HTTP/1.1 200"), "{r}");
    assert!(r.contains("\"status\":\"Agree\""), "{r}");
    assert_eq!(application(a, &id)["Status"], "Agree");
    assert!(decide(&id, r#"{"decision": "reject"}"#).starts_with("HTTP/1.1 409"));
    ok(quota_share(a, "1200000000000003"));
    ok(quota_share(a, "1200000000000004"));
}
