//! ModifyImageSharePermission and DescribeImageSharePermission: every rule, seen from the
//! owner, the recipient and everyone else (docs/sources.md#ecs-image-sharing-rules).

mod support;

use alicloud_mock::MockServer;
use support::*;

fn server() -> MockServer {
    MockServer::builder().start_blocking().unwrap()
}

fn share(
    s: &MockServer,
    key: (&str, &str),
    region: &str,
    image: &str,
    params: &[(&str, &str)],
) -> Resp {
    let mut p = vec![("RegionId", region), ("ImageId", image)];
    p.extend_from_slice(params);
    ecs(s.address(), key, "ModifyImageSharePermission", &p)
}

#[test]
fn recipient_sees_image_after_share_and_loses_it_after_unshare() {
    let s = server();
    let a = s.address();
    assert!(!visible(a, MEMBER_KEY, &[("ImageOwnerAlias", "others")]).contains(&PLAIN.to_string()));
    ok(share(
        &s,
        OWNER_KEY,
        "cn-hangzhou",
        PLAIN,
        &[("AddAccount.1", MEMBER_ID)],
    ));

    // The recipient: in its "others" list and by ID, as ImageOwnerAlias others with the owner's ID.
    let v = ok(ecs(
        a,
        MEMBER_KEY,
        "DescribeImages",
        &[("RegionId", "cn-hangzhou"), ("ImageId", PLAIN)],
    ));
    assert_eq!(v["TotalCount"], 1);
    let img = &v["Images"]["Image"][0];
    assert_eq!(img["ImageOwnerAlias"], "others");
    assert_eq!(img["ImageOwnerId"], 1000000000000001i64);
    assert_eq!(img["IsSelfShared"], "False");
    assert!(visible(a, MEMBER_KEY, &[("ImageOwnerAlias", "others")]).contains(&PLAIN.to_string()));
    assert!(
        visible(a, MEMBER_KEY, &[]).contains(&PLAIN.to_string()),
        "the default listing includes shared images"
    );
    // The owner: IsSelfShared, and the share list.
    let v = ok(ecs(
        a,
        OWNER_KEY,
        "DescribeImages",
        &[("RegionId", "cn-hangzhou"), ("ImageId", PLAIN)],
    ));
    assert_eq!(v["Images"]["Image"][0]["ImageOwnerAlias"], "self");
    assert_eq!(v["Images"]["Image"][0]["IsSelfShared"], "True");
    assert_eq!(shared_with(a, OWNER_KEY, "cn-hangzhou", PLAIN), [MEMBER_ID]);
    // Everyone else: nothing.
    assert!(visible(a, OUTSIDER_KEY, &[("ImageId", PLAIN)]).is_empty());
    assert!(
        !visible(a, OUTSIDER_KEY, &[("ImageOwnerAlias", "others")]).contains(&PLAIN.to_string())
    );
    // Not in another region either.
    let v = ok(ecs(
        a,
        MEMBER_KEY,
        "DescribeImages",
        &[("RegionId", "cn-shanghai"), ("ImageId", PLAIN)],
    ));
    assert_eq!(v["TotalCount"], 0);

    ok(share(
        &s,
        OWNER_KEY,
        "cn-hangzhou",
        PLAIN,
        &[("RemoveAccount.1", MEMBER_ID)],
    ));
    assert!(visible(a, MEMBER_KEY, &[("ImageId", PLAIN)]).is_empty());
    assert!(shared_with(a, OWNER_KEY, "cn-hangzhou", PLAIN).is_empty());
    let v = ok(ecs(
        a,
        OWNER_KEY,
        "DescribeImages",
        &[("RegionId", "cn-hangzhou"), ("ImageId", PLAIN)],
    ));
    assert_eq!(v["Images"]["Image"][0]["IsSelfShared"], "False");
}

#[test]
fn share_permission_lists_accounts_with_times_and_pages() {
    let s = server();
    ok(share(
        &s,
        OWNER_KEY,
        "cn-hangzhou",
        PLAIN,
        &[("AddAccount.1", MEMBER_ID), ("AddAccount.2", OUTSIDER_ID)],
    ));
    let v = ok(ecs(
        s.address(),
        OWNER_KEY,
        "DescribeImageSharePermission",
        &[
            ("RegionId", "cn-hangzhou"),
            ("ImageId", PLAIN),
            ("PageSize", "1"),
        ],
    ));
    assert_eq!(v["TotalCount"], 2);
    assert_eq!(v["PageSize"], 1);
    assert_eq!(v["PageNumber"], 1);
    assert_eq!(v["ImageId"], PLAIN);
    assert_eq!(v["RegionId"], "cn-hangzhou");
    assert_eq!(v["ShareGroups"]["ShareGroup"], serde_json::json!([]));
    let acc = &v["Accounts"]["Account"];
    assert_eq!(acc.as_array().unwrap().len(), 1);
    assert!(
        acc[0]["AliyunId"].is_string(),
        "AliyunId is a string on the wire"
    );
    let t = acc[0]["SharedTime"].as_str().unwrap();
    assert!(t.len() == 20 && t.ends_with('Z'), "{t}");
    let v2 = ok(ecs(
        s.address(),
        OWNER_KEY,
        "DescribeImageSharePermission",
        &[
            ("RegionId", "cn-hangzhou"),
            ("ImageId", PLAIN),
            ("PageSize", "1"),
            ("PageNumber", "2"),
        ],
    ));
    assert_ne!(v2["Accounts"]["Account"][0]["AliyunId"], acc[0]["AliyunId"]);
}

#[test]
fn only_the_owner_reads_the_share_list() {
    let s = server();
    // member receives golden; it may not read who else has it.
    ecs(
        s.address(),
        MEMBER_KEY,
        "DescribeImageSharePermission",
        &[("RegionId", "cn-hangzhou"), ("ImageId", GOLDEN)],
    )
    .assert_error(
        404,
        "InvalidImageId.NotFound",
        "The specified ImageId does not exist.",
    );
    ecs(s.address(), OWNER_KEY, "DescribeImageSharePermission", &[("RegionId", "cn-hangzhou")]).assert_error(
        400,
        "MissingParameter",
        "The input parameter \"ImageId\" that is mandatory for processing this request is not supplied.",
    );
}

#[test]
fn a_shared_image_cannot_be_reshared_by_its_recipient() {
    let s = server();
    share(
        &s,
        MEMBER_KEY,
        "cn-hangzhou",
        GOLDEN,
        &[("AddAccount.1", OUTSIDER_ID)],
    )
    .assert_error(
        404,
        "InvalidImageId.NotFound",
        "The specified ImageId does not exist.",
    );
    assert_eq!(
        shared_with(s.address(), OWNER_KEY, "cn-hangzhou", GOLDEN),
        [MEMBER_ID]
    );
}

#[test]
fn sharing_is_same_region_only() {
    let s = server();
    share(
        &s,
        OWNER_KEY,
        "cn-shanghai",
        PLAIN,
        &[("AddAccount.1", MEMBER_ID)],
    )
    .assert_error(
        404,
        "InvalidImageId.NotFound",
        "The specified ImageId does not exist.",
    );
    share(
        &s,
        OWNER_KEY,
        "cn-atlantis",
        PLAIN,
        &[("AddAccount.1", MEMBER_ID)],
    )
    .assert_error(
        404,
        "InvalidRegionId.NotFound",
        "The specified RegionId does not exist.",
    );
    share(&s, OWNER_KEY, "", PLAIN, &[("AddAccount.1", MEMBER_ID)]).assert_error(
        400,
        "MissingParameter",
        "The input parameter \"RegionId\" that is mandatory for processing this request is not supplied.",
    );
}

#[test]
fn self_and_unknown_accounts_are_refused_and_nothing_is_half_applied() {
    let s = server();
    share(
        &s,
        OWNER_KEY,
        "cn-hangzhou",
        PLAIN,
        &[("AddAccount.1", OWNER_ID)],
    )
    .assert_error(
        404,
        "InvalidAccount.Forbbiden",
        "The specified Account does not yourself.",
    );
    share(&s, OWNER_KEY, "cn-hangzhou", PLAIN, &[("AddAccount.1", MEMBER_ID), ("AddAccount.2", "1999999999999999")])
        .assert_error(
            404,
            "InvalidAccount.NotFound",
            "The specified account 1999999999999999 in parameter \"AddAccount.n\" or \"RemoveAccount.n\" does not exist.",
        );
    share(&s, OWNER_KEY, "cn-hangzhou", PLAIN, &[("AddAccount.1", "member")]).assert_error(
        404,
        "InvalidAccount.NotFound",
        "The specified account member in parameter \"AddAccount.n\" or \"RemoveAccount.n\" does not exist.",
    );
    assert!(
        shared_with(s.address(), OWNER_KEY, "cn-hangzhou", PLAIN).is_empty(),
        "member must not have been added"
    );
    // RemoveAccount of an account the image was never shared with is a no-op.
    ok(share(
        &s,
        OWNER_KEY,
        "cn-hangzhou",
        PLAIN,
        &[("RemoveAccount.1", MEMBER_ID)],
    ));
}

#[test]
fn only_the_first_ten_accounts_of_a_call_are_processed() {
    let mut yaml = String::from("regions: [cn-hangzhou]\naccounts:\n  - { id: \"2000000000000000\", alias: owner, access_keys: [{ id: O, secret: S }] }\n");
    for i in 1..=12 {
        yaml.push_str(&format!("  - {{ id: \"20000000000000{i:02}\" }}\n"));
    }
    yaml.push_str("images: [{ id: m-ten, owner: owner, region: cn-hangzhou }]\n");
    let s = MockServer::builder()
        .scenario_yaml(&yaml)
        .unwrap()
        .start_blocking()
        .unwrap();
    let ids: Vec<String> = (1..=12).map(|i| format!("20000000000000{i:02}")).collect();
    let names: Vec<String> = (1..=12).map(|i| format!("AddAccount.{i}")).collect();
    let mut p: Vec<(&str, &str)> = vec![("RegionId", "cn-hangzhou"), ("ImageId", "m-ten")];
    p.extend(
        names
            .iter()
            .map(String::as_str)
            .zip(ids.iter().map(String::as_str)),
    );
    ok(ecs(
        s.address(),
        ("O", "S"),
        "ModifyImageSharePermission",
        &p,
    ));
    let got = shared_with(s.address(), ("O", "S"), "cn-hangzhou", "m-ten");
    assert_eq!(got.len(), 10);
    assert!(!got.contains(&ids[10]) && !got.contains(&ids[11]));
}

#[test]
fn the_per_image_quota_caps_the_share_list() {
    let s = MockServer::builder()
        .scenario_yaml(
            r#"
regions: [cn-hangzhou]
accounts:
  - { id: "3000000000000001", alias: owner, access_keys: [{ id: O, secret: S }], quotas: { share_image_users: 2 } }
  - { id: "3000000000000002" }
  - { id: "3000000000000003" }
  - { id: "3000000000000004" }
images: [{ id: m-q, owner: owner, region: cn-hangzhou, shared_with: ["3000000000000002"] }]
"#,
        )
        .unwrap()
        .start_blocking()
        .unwrap();
    let a = s.address();
    let call = |p: &[(&str, &str)]| {
        let mut all = vec![("RegionId", "cn-hangzhou"), ("ImageId", "m-q")];
        all.extend_from_slice(p);
        ecs(a, ("O", "S"), "ModifyImageSharePermission", &all)
    };
    call(&[
        ("AddAccount.1", "3000000000000003"),
        ("AddAccount.2", "3000000000000004"),
    ])
    .assert_error(
        403,
        "QuotaExceed.ShareImageUser",
        "The shared Image user Quota exceeds.",
    );
    assert_eq!(
        shared_with(a, ("O", "S"), "cn-hangzhou", "m-q"),
        ["3000000000000002"]
    );
    ok(call(&[("AddAccount.1", "3000000000000003")]));
    // Swapping one account for another in one call stays within the quota.
    ok(call(&[
        ("RemoveAccount.1", "3000000000000002"),
        ("AddAccount.1", "3000000000000004"),
    ]));
    let mut got = shared_with(a, ("O", "S"), "cn-hangzhou", "m-q");
    got.sort();
    assert_eq!(got, ["3000000000000003", "3000000000000004"]);
}

#[test]
fn image_status_rules() {
    let s = MockServer::builder()
        .scenario_yaml(
            r#"
regions: [cn-hangzhou]
accounts:
  - { id: "4000000000000001", alias: owner, access_keys: [{ id: O, secret: S }] }
  - { id: "4000000000000002" }
images:
  - { id: m-dep, owner: owner, region: cn-hangzhou, status: Deprecated }
  - { id: m-cre, owner: owner, region: cn-hangzhou, status: Creating }
  - { id: m-bad, owner: owner, region: cn-hangzhou, status: CreateFailed }
  - { id: m-una, owner: owner, region: cn-hangzhou, status: UnAvailable }
"#,
        )
        .unwrap()
        .start_blocking()
        .unwrap();
    let add = |id: &str| {
        ecs(
            s.address(),
            ("O", "S"),
            "ModifyImageSharePermission",
            &[
                ("RegionId", "cn-hangzhou"),
                ("ImageId", id),
                ("AddAccount.1", "4000000000000002"),
            ],
        )
    };
    add("m-dep").assert_error(
        403,
        "OperationDenied.InvalidImageStatus",
        "The specified image cannot be shared when it is deprecated.",
    );
    // Images still being created or copied can be shared (pipelines share copies at once);
    // failed ones cannot.
    ok(add("m-cre"));
    for failed in ["m-bad", "m-una"] {
        add(failed).assert_error(400, "IncorrectImageStatus", "The image is not available.");
    }
}

fn encrypted_world(role: bool) -> MockServer {
    let roles = if role {
        "[AliyunECSShareEncryptImageDefaultRole]"
    } else {
        "[]"
    };
    MockServer::builder()
        .scenario_yaml(&format!(
            r#"
regions: [cn-hangzhou, cn-shanghai]
accounts:
  - {{ id: "5000000000000001", alias: owner, access_keys: [{{ id: O, secret: S }}], ram_roles: {roles} }}
  - {{ id: "5000000000000002" }}
images:
  - {{ id: m-cmk, owner: owner, region: cn-shanghai, encryption: cmk, kms_key_id: k1 }}
  - {{ id: m-svc, owner: owner, region: cn-shanghai, encryption: service-key }}
  - {{ id: m-full, owner: owner, region: cn-shanghai, encryption: cmk, data_disks: 2 }}
  - {{ id: m-hz, owner: owner, region: cn-hangzhou, encryption: cmk }}
"#
        ))
        .unwrap()
        .start_blocking()
        .unwrap()
}

#[test]
fn encrypted_images_need_a_cmk_a_supported_region_no_data_disks_and_the_ram_role() {
    let s = encrypted_world(true);
    let add = |region: &str, id: &str| {
        ecs(
            s.address(),
            ("O", "S"),
            "ModifyImageSharePermission",
            &[
                ("RegionId", region),
                ("ImageId", id),
                ("AddAccount.1", "5000000000000002"),
            ],
        )
    };
    add("cn-shanghai", "m-svc").assert_error(
        403,
        "InvalidOperation.ServiceKeyEncryptedImageUnsupported",
        "The specified service key encrypted image is not supported for this operation. Please switch to a CMK (Customer Master Key) encrypted image and retry.",
    );
    add("cn-shanghai", "m-full").assert_error(
        403,
        "OperationDeined.FullImage",
        "The encrypted image contains multiple snapshots, which do not support share.",
    );
    add("cn-hangzhou", "m-hz").assert_error(
        403,
        "OperationDeined.EncryptedSnapshot",
        "The image contains encrypted snapshots, which do not support share.",
    );
    ok(add("cn-shanghai", "m-cmk"));
    assert_eq!(
        shared_with(s.address(), ("O", "S"), "cn-shanghai", "m-cmk"),
        ["5000000000000002"]
    );

    let s = encrypted_world(false);
    ecs(s.address(), ("O", "S"), "ModifyImageSharePermission", &[("RegionId", "cn-shanghai"), ("ImageId", "m-cmk"), ("AddAccount.1", "5000000000000002")])
        .assert_error(403, "AssumeRoleError", "Requires a RAM role of AliyunECSShareEncryptImageDefaultRole before sharing encrypted image.");
}

#[test]
fn marketplace_derived_images_stay_on_their_site() {
    let s = server();
    share(
        &s,
        OWNER_KEY,
        "cn-hangzhou",
        MARKET,
        &[("AddAccount.1", INTL_ID)],
    )
    .assert_error(
        403,
        "InvalidImageId.BidMismatch",
        "Cannot share the image with users 1000000000000003 of other sites.",
    );
    assert!(shared_with(s.address(), OWNER_KEY, "cn-hangzhou", MARKET).is_empty());
    ok(share(
        &s,
        OWNER_KEY,
        "cn-hangzhou",
        MARKET,
        &[("AddAccount.1", MEMBER_ID)],
    ));
    // A plain image crosses sites.
    ok(share(
        &s,
        OWNER_KEY,
        "cn-hangzhou",
        PLAIN,
        &[("AddAccount.1", INTL_ID)],
    ));
    assert!(visible(s.address(), INTL_KEY, &[("ImageId", PLAIN)]).contains(&PLAIN.to_string()));
}

#[test]
fn community_images_need_the_terms_and_exclude_named_accounts() {
    let s = MockServer::builder()
        .scenario_yaml(
            r#"
regions: [cn-hangzhou]
accounts:
  - { id: "6000000000000001", alias: signed, access_keys: [{ id: A, secret: S }], community_terms_signed: true }
  - { id: "6000000000000002", alias: unsigned, access_keys: [{ id: B, secret: S }] }
  - { id: "6000000000000003", alias: viewer, access_keys: [{ id: C, secret: S }] }
images:
  - { id: m-pub, owner: signed, region: cn-hangzhou }
  - { id: m-nopub, owner: unsigned, region: cn-hangzhou }
"#,
        )
        .unwrap()
        .start_blocking()
        .unwrap();
    let a = s.address();
    let msp = |key: (&str, &str), p: &[(&str, &str)]| {
        let mut all = vec![("RegionId", "cn-hangzhou")];
        all.extend_from_slice(p);
        ecs(a, key, "ModifyImageSharePermission", &all)
    };
    msp(("B", "S"), &[("ImageId", "m-nopub"), ("IsPublic", "true")]).assert_error(
        403,
        "PublicImageAgreement.NotSigned",
        "The current account has not signed \"Community Image Terms of Service\".",
    );
    msp(
        ("A", "S"),
        &[
            ("ImageId", "m-pub"),
            ("IsPublic", "True"),
            ("AddAccount.1", "6000000000000003"),
        ],
    )
    .assert_error(
        403,
        "InvalidParameter.IsPublic",
        "The specified parameter IsPublic is conflicted with other parameters.",
    );
    msp(("A", "S"), &[("ImageId", "m-pub"), ("IsPublic", "false")]).assert_error(
        403,
        "Image.NotPublic",
        "The specified image is not public image.",
    );
    ok(msp(
        ("A", "S"),
        &[("ImageId", "m-pub"), ("IsPublic", "True")],
    ));
    msp(("A", "S"), &[("ImageId", "m-pub"), ("IsPublic", "true")]).assert_error(
        403,
        "Image.Public",
        "The specified image is public image.",
    );
    // Community images are listed with IsPublic=true and ImageOwnerAlias=others, not as shared.
    let community = visible(
        a,
        ("C", "S"),
        &[("ImageOwnerAlias", "others"), ("IsPublic", "true")],
    );
    assert_eq!(community, ["m-pub"]);
    assert!(visible(a, ("C", "S"), &[("ImageOwnerAlias", "others")]).is_empty());
    let v = ok(ecs(
        a,
        ("A", "S"),
        "DescribeImageSharePermission",
        &[("RegionId", "cn-hangzhou"), ("ImageId", "m-pub")],
    ));
    assert_eq!(v["ShareGroups"]["ShareGroup"][0]["Group"], "all");
    // A community image cannot be deleted until unpublished.
    ecs(
        a,
        ("A", "S"),
        "DeleteImage",
        &[("RegionId", "cn-hangzhou"), ("ImageId", "m-pub")],
    )
    .assert_error(
        403,
        "ImageIsPublic",
        "You can not delete public image, please modify it to private.",
    );
    ok(msp(
        ("A", "S"),
        &[("ImageId", "m-pub"), ("IsPublic", "false")],
    ));
    assert!(visible(
        a,
        ("C", "S"),
        &[("ImageOwnerAlias", "others"), ("IsPublic", "true")]
    )
    .is_empty());
}

#[test]
fn dry_run_validates_without_changing_anything() {
    let s = server();
    share(
        &s,
        OWNER_KEY,
        "cn-hangzhou",
        PLAIN,
        &[("AddAccount.1", MEMBER_ID), ("DryRun", "True")],
    )
    .assert_error(
        400,
        "DryRunOperation",
        "Request validation has been passed with DryRun flag set.",
    );
    assert!(shared_with(s.address(), OWNER_KEY, "cn-hangzhou", PLAIN).is_empty());
    // A DryRun that would fail reports the real error.
    share(
        &s,
        OWNER_KEY,
        "cn-hangzhou",
        PLAIN,
        &[("AddAccount.1", OWNER_ID), ("DryRun", "true")],
    )
    .assert_error(
        404,
        "InvalidAccount.Forbbiden",
        "The specified Account does not yourself.",
    );
}

#[test]
fn launch_permission_is_not_available() {
    let s = server();
    share(&s, OWNER_KEY, "cn-hangzhou", PLAIN, &[("LaunchPermission", "hide"), ("AddAccount.1", MEMBER_ID)]).assert_error(
        400,
        "UnnecessaryParameter.LaunchPermission",
        "The specified parameter \"LaunchPermission\" is unnecessary if paramter \"AddAccounts\" or \"RemoveAccounts\" exist.",
    );
    share(
        &s,
        OWNER_KEY,
        "cn-hangzhou",
        PLAIN,
        &[("LaunchPermission", "hide")],
    )
    .assert_error(
        400,
        "ForbiddenParameter.LaunchPermission",
        "The specified parameter \"LaunchPermission\" is forbidden for current account.",
    );
}
