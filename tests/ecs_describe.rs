//! DescribeImages: aliases, filters, paging, field types, errors (docs/sources.md#ecs-describeimages).

mod support;

use alicloud_mock::MockServer;
use support::*;

fn server() -> MockServer {
    MockServer::builder().start_blocking().unwrap()
}

fn describe(s: &MockServer, key: (&str, &str), p: &[(&str, &str)]) -> Resp {
    let mut all = vec![("RegionId", "cn-hangzhou")];
    all.extend_from_slice(p);
    ecs(s.address(), key, "DescribeImages", &all)
}

#[test]
fn the_default_listing_is_system_self_and_shared() {
    let s = server();
    let all = visible(s.address(), MEMBER_KEY, &[]);
    assert!(
        all.contains(&"aliyun_3_x64_20G_alibase_20240819.vhd".to_string()),
        "system images"
    );
    assert!(all.contains(&GOLDEN.to_string()), "shared with member");
    assert!(!all.contains(&PLAIN.to_string()), "not shared with member");
    assert!(
        !all.contains(&"m-mkt0000000000000001".to_string()),
        "Marketplace images need ImageOwnerAlias=marketplace"
    );
    let owner = visible(s.address(), OWNER_KEY, &[("ImageOwnerAlias", "self")]);
    let mut own = owner.clone();
    own.sort();
    assert_eq!(own, [GOLDEN, MARKET, PAID, PLAIN]);
    assert_eq!(
        visible(s.address(), MEMBER_KEY, &[("ImageOwnerAlias", "others")]),
        [GOLDEN]
    );
    assert_eq!(
        visible(
            s.address(),
            MEMBER_KEY,
            &[("ImageOwnerAlias", "marketplace")]
        ),
        ["m-mkt0000000000000001"]
    );
    let sys = visible(s.address(), MEMBER_KEY, &[("ImageOwnerAlias", "system")]);
    assert_eq!(sys.len(), 5);
    assert!(visible(s.address(), MEMBER_KEY, &[("ImageOwnerAlias", "self")]).is_empty());
}

#[test]
fn fields_have_the_sdk_wire_types() {
    let s = server();
    let v = ok(describe(&s, OWNER_KEY, &[("ImageId", GOLDEN)]));
    assert_eq!(v["RegionId"], "cn-hangzhou");
    assert_eq!(v["TotalCount"], 1);
    assert_eq!(
        (v["PageNumber"].as_i64(), v["PageSize"].as_i64()),
        (Some(1), Some(10))
    );
    let i = &v["Images"]["Image"][0];
    assert_eq!(i["ImageName"], "golden-centos");
    assert_eq!(i["ImageOwnerId"].as_i64(), Some(1000000000000001));
    assert_eq!(i["IsPublic"], false);
    assert_eq!(i["IsSelfShared"], "True");
    assert_eq!(i["IsCopied"], false);
    assert_eq!(i["Status"], "Available");
    assert_eq!(i["Progress"], "100%");
    assert_eq!(i["Size"].as_i64(), Some(40));
    assert_eq!(i["OSType"], "linux");
    assert_eq!(i["Platform"], "CentOS");
    assert_eq!(i["Architecture"], "x86_64");
    assert_eq!(i["Usage"], "none");
    assert!(i["CreationTime"].as_str().unwrap().ends_with('Z'));
    let d = &i["DiskDeviceMappings"]["DiskDeviceMapping"][0];
    assert_eq!(d["Size"], "40", "DiskDeviceMapping.Size is a string");
    assert_eq!(d["Type"], "system");
    assert!(d["SnapshotId"].as_str().unwrap().starts_with("s-"));
    assert_eq!(
        i["Tags"]["Tag"][0],
        serde_json::json!({"TagKey": "env", "TagValue": "prod"})
    );
    let v = ok(describe(&s, OWNER_KEY, &[("ImageId", MARKET)]));
    assert_eq!(v["Images"]["Image"][0]["ProductCode"], "cmjj000001");
    let v = ok(describe(
        &s,
        MEMBER_KEY,
        &[("ImageOwnerAlias", "system"), ("PageSize", "1")],
    ));
    assert_eq!(v["Images"]["Image"][0]["IsPublic"], true);
    assert!(v["Images"]["Image"][0].get("ImageOwnerId").is_none());
}

#[test]
fn an_unknown_or_invisible_image_id_gives_an_empty_list() {
    let s = server();
    let v = ok(describe(
        &s,
        OUTSIDER_KEY,
        &[("ImageId", "m-doesnotexist0000001")],
    ));
    assert_eq!(v["TotalCount"], 0);
    assert_eq!(v["Images"]["Image"], serde_json::json!([]));
    assert_eq!(
        ok(describe(&s, OUTSIDER_KEY, &[("ImageId", GOLDEN)]))["TotalCount"],
        0
    );
}

#[test]
fn alias_and_owner_id_rules() {
    let s = server();
    describe(&s, OWNER_KEY, &[("ImageOwnerAlias", "mine")]).assert_error(
        400,
        "InvalidImageOwnerAlias.ValueNotSupported",
        "The specified ImageOwnerAlias value is not supported.",
    );
    describe(&s, OWNER_KEY, &[("ImageOwnerAlias", "self"), ("IsPublic", "true")]).assert_error(
        400,
        "InvalidImageOwnerAlias.PublicImageUnsupported",
        "When querying images, the parameter ImageOwnerAlias should be others while specified parameter IsPublic is true.",
    );
    describe(&s, OWNER_KEY, &[("ImageOwnerAlias", "self"), ("ImageOwnerId", OWNER_ID)]).assert_error(
        400,
        "InvalidOperation.ImageOwnerIdUnsupported",
        "The parameter \"ImageOwnerId\" is not supported in this context, it is only valid when querying shared images or community images.",
    );
    assert_eq!(
        visible(
            s.address(),
            MEMBER_KEY,
            &[("ImageOwnerAlias", "others"), ("ImageOwnerId", OWNER_ID)]
        ),
        [GOLDEN]
    );
    assert!(visible(
        s.address(),
        MEMBER_KEY,
        &[("ImageOwnerAlias", "others"), ("ImageOwnerId", OUTSIDER_ID)]
    )
    .is_empty());
    assert_eq!(describe(&s, OWNER_KEY, &[]).status, 200);
    ecs(s.address(), OWNER_KEY, "DescribeImages", &[]).assert_error(
        400,
        "MissingParameter",
        "The input parameter \"RegionId\" that is mandatory for processing this request is not supplied.",
    );
}

#[test]
fn status_filter_defaults_to_available() {
    let s = MockServer::builder()
        .scenario_yaml(
            r#"
regions: [cn-hangzhou]
accounts: [{ id: "7000000000000001", alias: o, access_keys: [{ id: O, secret: S }] }]
images:
  - { id: m-av, owner: o, region: cn-hangzhou }
  - { id: m-cr, owner: o, region: cn-hangzhou, status: Creating }
  - { id: m-de, owner: o, region: cn-hangzhou, status: Deprecated }
"#,
        )
        .unwrap()
        .start_blocking()
        .unwrap();
    let a = s.address();
    let own = |p: &[(&str, &str)]| {
        let mut all = vec![("ImageOwnerAlias", "self")];
        all.extend_from_slice(p);
        let mut v = visible(a, ("O", "S"), &all);
        v.sort();
        v
    };
    assert_eq!(own(&[]), ["m-av"]);
    assert_eq!(own(&[("Status", "Creating,Deprecated")]), ["m-cr", "m-de"]);
    assert_eq!(own(&[("Status", "ALL")]), ["m-av", "m-cr", "m-de"]);
    ecs(
        a,
        ("O", "S"),
        "DescribeImages",
        &[("RegionId", "cn-hangzhou"), ("Status", "Broken")],
    )
    .assert_error(400, "InvalidParamter", "Invalid Parameter.");
    let v = ok(ecs(
        a,
        ("O", "S"),
        "DescribeImages",
        &[
            ("RegionId", "cn-hangzhou"),
            ("ImageId", "m-cr"),
            ("Status", "Creating"),
        ],
    ));
    assert_eq!(v["Images"]["Image"][0]["Progress"], "0%");
}

#[test]
fn name_os_architecture_usage_tag_and_time_filters() {
    let s = server();
    let a = s.address();
    let own = |p: &[(&str, &str)]| {
        let mut all = vec![("ImageOwnerAlias", "self")];
        all.extend_from_slice(p);
        let mut v = visible(a, OWNER_KEY, &all);
        v.sort();
        v
    };
    assert_eq!(
        own(&[("ImageName", "CENTOS")]),
        [GOLDEN, PLAIN],
        "fuzzy and case-insensitive"
    );
    assert_eq!(own(&[("OSType", "windows")]), [PAID]);
    assert_eq!(own(&[("Architecture", "arm64")]), Vec::<String>::new());
    assert_eq!(
        own(&[("Tag.1.Key", "env"), ("Tag.1.Value", "prod")]),
        [GOLDEN]
    );
    assert_eq!(
        own(&[("Tag.1.Key", "env"), ("Tag.1.Value", "dev")]),
        Vec::<String>::new()
    );
    assert_eq!(own(&[("Tag.1.Key", "env")]), [GOLDEN]);
    assert_eq!(own(&[("Usage", "instance")]), Vec::<String>::new());
    assert_eq!(own(&[("Usage", "none")]).len(), 4);
    assert_eq!(
        own(&[
            ("Filter.1.Key", "CreationStartTime"),
            ("Filter.1.Value", "2000-01-01T00:00Z")
        ])
        .len(),
        4
    );
    assert_eq!(
        own(&[
            ("Filter.1.Key", "CreationEndTime"),
            ("Filter.1.Value", "2000-01-01T00:00Z")
        ])
        .len(),
        0
    );
    let d = |p: &[(&str, &str)]| {
        let mut all = vec![("RegionId", "cn-hangzhou")];
        all.extend_from_slice(p);
        ecs(a, OWNER_KEY, "DescribeImages", &all)
    };
    d(&[("OSType", "beos")]).assert_error(
        404,
        "InvalidOSType",
        "The specified OSType is not valid.",
    );
    d(&[("Architecture", "mips")]).assert_error(
        404,
        "InvalidArchitecture",
        "The specified Architecture is not valid.",
    );
    d(&[("Usage", "sometimes")]).assert_error(
        404,
        "InvalidUsage",
        "The specified Usage is not valid.",
    );
    d(&[("Filter.1.Key", "Colour"), ("Filter.1.Value", "x")]).assert_error(
        404,
        "InvalidFilterKey.NotFound",
        "The specified Filter Key is not found.",
    );
    d(&[
        ("Filter.1.Key", "CreationStartTime"),
        ("Filter.1.Value", "yesterday"),
    ])
    .assert_error(
        404,
        "InvalidFilterValue",
        "The specified Filter Value is not valid.",
    );
    d(&[("Filter.1.Key", "NetworkType"), ("Filter.1.Value", "mesh")]).assert_error(
        400,
        "InvalidFilterValue.NetworkType",
        "The specified networkType value in the Filter is invalid.",
    );
    d(&[("Tag.1.Value", "prod")]).assert_error(
        400,
        "InvalidTag.Mismatch",
        "The specified Tag.n.Key and Tag.n.Value are not match.",
    );
    let mut many: Vec<(String, String)> = Vec::new();
    for i in 1..=21 {
        many.push((format!("Tag.{i}.Key"), format!("k{i}")));
    }
    let mut p: Vec<(&str, &str)> = vec![("RegionId", "cn-hangzhou")];
    p.extend(many.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    ecs(a, OWNER_KEY, "DescribeImages", &p).assert_error(
        400,
        "InvalidTagCount",
        "The specified tags are beyond the permitted range.",
    );
}

#[test]
fn paging_and_total_count() {
    let s = server();
    let a = s.address();
    let page = |n: &str| {
        ok(ecs(
            a,
            OWNER_KEY,
            "DescribeImages",
            &[
                ("RegionId", "cn-hangzhou"),
                ("ImageOwnerAlias", "self"),
                ("PageSize", "3"),
                ("PageNumber", n),
            ],
        ))
    };
    let (p1, p2, p3) = (page("1"), page("2"), page("3"));
    assert_eq!(p1["TotalCount"], 4);
    assert_eq!(image_ids(&p1).len(), 3);
    assert_eq!(image_ids(&p2).len(), 1);
    assert!(image_ids(&p3).is_empty());
    let mut all = image_ids(&p1);
    all.extend(image_ids(&p2));
    all.sort();
    assert_eq!(all, [GOLDEN, MARKET, PAID, PLAIN]);
    for bad in ["0", "101", "ten"] {
        ecs(
            a,
            OWNER_KEY,
            "DescribeImages",
            &[("RegionId", "cn-hangzhou"), ("PageSize", bad)],
        )
        .assert_error(
            400,
            "InvalidParameter",
            "The specified parameter \"PageSize\" is not valid.",
        );
    }
    ecs(
        a,
        OWNER_KEY,
        "DescribeImages",
        &[("RegionId", "cn-hangzhou"), ("DryRun", "true")],
    )
    .assert_error(
        400,
        "DryRunOperation",
        "Request validation has been passed with DryRun flag set.",
    );
}

#[test]
fn image_id_takes_a_comma_separated_list_of_up_to_100() {
    let s = server();
    let v = ok(describe(
        &s,
        OWNER_KEY,
        &[(
            "ImageId",
            &format!("{GOLDEN}, m-doesnotexist0000001,{GOLDEN},{MARKET}"),
        )],
    ));
    // Each visible image once, as each would be found alone.
    let mut found = image_ids(&v);
    found.sort();
    assert_eq!(found, [GOLDEN, MARKET]);
    let many: Vec<String> = (0..101).map(|i| format!("m-{i}")).collect();
    describe(&s, OWNER_KEY, &[("ImageId", &many.join(","))]).assert_error(
        400,
        "InvalidParameter",
        "The specified parameter \"ImageId\" is not valid.",
    );
    assert_eq!(
        ok(describe(&s, OWNER_KEY, &[("ImageId", ",")]))["TotalCount"],
        0,
        "an ImageId of no IDs matches nothing"
    );
}
