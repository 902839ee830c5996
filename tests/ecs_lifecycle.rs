//! DeleteImage, CreateImage, CopyImage, CancelCopyImage, ModifyImageAttribute, and the
//! mock clock moving Creating images to Available (docs/sources.md#ecs-deleteimage).

mod support;

use std::time::Duration;

use alicloud_mock::MockServer;
use support::*;

const WORLD: &str = r#"
regions: [cn-hangzhou, cn-shanghai]
clock: manual
start_time: "2026-01-01T00:00:00Z"
delays: { image_create: 60, image_copy: 120 }
accounts:
  - { id: "8000000000000001", alias: owner, access_keys: [{ id: O, secret: S }], quotas: { custom_images: 5 } }
  - { id: "8000000000000002", alias: member, access_keys: [{ id: M, secret: S }] }
images:
  - { id: m-src, owner: owner, region: cn-hangzhou, name: source, tags: { team: a } }
  - { id: m-shared, owner: owner, region: cn-hangzhou, name: shared, shared_with: [member] }
  - { id: m-used, owner: owner, region: cn-hangzhou, name: used }
instances:
  - { id: i-owner1, owner: owner, region: cn-hangzhou, image: m-used }
  - { id: i-member1, owner: member, region: cn-hangzhou, image: m-shared }
"#;
const O: (&str, &str) = ("O", "S");
const M: (&str, &str) = ("M", "S");

fn server() -> MockServer {
    MockServer::builder()
        .scenario_yaml(WORLD)
        .unwrap()
        .start_blocking()
        .unwrap()
}

fn hz(s: &MockServer, key: (&str, &str), action: &str, p: &[(&str, &str)]) -> Resp {
    let mut all = vec![("RegionId", "cn-hangzhou")];
    all.extend_from_slice(p);
    ecs(s.address(), key, action, &all)
}

fn status(s: &MockServer, key: (&str, &str), region: &str, id: &str) -> Option<(String, String)> {
    let v = ok(ecs(
        s.address(),
        key,
        "DescribeImages",
        &[("RegionId", region), ("ImageId", id), ("Status", "ALL")],
    ));
    let i = v["Images"]["Image"].get(0)?;
    Some((
        i["Status"].as_str()?.to_string(),
        i["Progress"].as_str()?.to_string(),
    ))
}

#[test]
fn a_shared_image_cannot_be_deleted_even_with_force_until_unshared() {
    let s = server();
    for force in ["false", "true"] {
        hz(&s, O, "DeleteImage", &[("ImageId", "m-shared"), ("Force", force)]).assert_error(
            403,
            "ImageUseShared",
            "The specified image has been shared to others. You can use the DescribeImageSharePermission API to query the users who have been shared.",
        );
    }
    assert!(status(&s, M, "cn-hangzhou", "m-shared").is_some());
    ok(hz(
        &s,
        O,
        "ModifyImageSharePermission",
        &[
            ("ImageId", "m-shared"),
            ("RemoveAccount.1", "8000000000000002"),
        ],
    ));
    // The recipient's instance still uses it: Force is needed now.
    hz(&s, O, "DeleteImage", &[("ImageId", "m-shared")]).assert_error(
        403,
        "ImageUsingByInstance",
        "The specified image has been used to create instances. You can use the DescribeInstances API to query these instances, or you can use the force parameter to proceed.",
    );
    ok(hz(
        &s,
        O,
        "DeleteImage",
        &[("ImageId", "m-shared"), ("Force", "true")],
    ));
    assert!(status(&s, O, "cn-hangzhou", "m-shared").is_none());
    assert!(status(&s, M, "cn-hangzhou", "m-shared").is_none());
    hz(&s, O, "DeleteImage", &[("ImageId", "m-shared")]).assert_error(
        404,
        "InvalidImageId.NotFound",
        "The specified ImageId does not exist.",
    );
}

#[test]
fn delete_respects_instances_force_dry_run_and_ownership() {
    let s = server();
    hz(&s, O, "DeleteImage", &[("ImageId", "m-used")]).assert_error(
        403,
        "ImageUsingByInstance",
        "The specified image has been used to create instances. You can use the DescribeInstances API to query these instances, or you can use the force parameter to proceed.",
    );
    let v = ok(hz(&s, O, "DescribeImages", &[("ImageId", "m-used")]));
    assert_eq!(v["Images"]["Image"][0]["Usage"], "instance");
    hz(
        &s,
        O,
        "DeleteImage",
        &[("ImageId", "m-used"), ("Force", "true"), ("DryRun", "true")],
    )
    .assert_error(
        400,
        "DryRunOperation",
        "Request validation has been passed with DryRun flag set.",
    );
    assert!(status(&s, O, "cn-hangzhou", "m-used").is_some());
    hz(&s, M, "DeleteImage", &[("ImageId", "m-src")]).assert_error(
        404,
        "InvalidImageId.NotFound",
        "The specified ImageId does not exist.",
    );
    ok(hz(&s, O, "DeleteImage", &[("ImageId", "m-src")]));
    assert!(status(&s, O, "cn-hangzhou", "m-src").is_none());
}

#[test]
fn create_image_from_an_instance_becomes_available_on_the_mock_clock() {
    let s = server();
    let v = ok(hz(
        &s,
        O,
        "CreateImage",
        &[
            ("InstanceId", "i-owner1"),
            ("ImageName", "from-instance"),
            ("Tag.1.Key", "k"),
            ("Tag.1.Value", "v"),
        ],
    ));
    let id = v["ImageId"].as_str().unwrap().to_string();
    assert!(id.starts_with("m-") && id.len() == 22, "{id}");
    assert_eq!(
        status(&s, O, "cn-hangzhou", &id),
        Some(("Creating".into(), "0%".into()))
    );
    assert!(
        !visible(s.address(), O, &[("ImageOwnerAlias", "self")]).contains(&id),
        "default Status is Available"
    );
    s.advance_clock(Duration::from_secs(30));
    assert_eq!(
        status(&s, O, "cn-hangzhou", &id),
        Some(("Creating".into(), "50%".into()))
    );
    // Shareable while Creating (pipelines share at once); the member's default listing shows
    // it once it is Available.
    ok(hz(
        &s,
        O,
        "ModifyImageSharePermission",
        &[("ImageId", &id), ("AddAccount.1", "8000000000000002")],
    ));
    assert!(!visible(s.address(), M, &[]).contains(&id));
    s.advance_clock(Duration::from_secs(30));
    assert_eq!(
        status(&s, O, "cn-hangzhou", &id),
        Some(("Available".into(), "100%".into()))
    );
    assert!(visible(s.address(), M, &[]).contains(&id));
    ok(hz(
        &s,
        O,
        "ModifyImageSharePermission",
        &[("ImageId", &id), ("AddAccount.1", "8000000000000002")],
    ));
    // The same ClientToken returns the same image.
    let t1 = ok(hz(
        &s,
        O,
        "CreateImage",
        &[("InstanceId", "i-owner1"), ("ClientToken", "tok-1")],
    ));
    let t2 = ok(hz(
        &s,
        O,
        "CreateImage",
        &[("InstanceId", "i-owner1"), ("ClientToken", "tok-1")],
    ));
    assert_eq!(t1["ImageId"], t2["ImageId"]);
}

#[test]
fn create_image_errors() {
    let s = server();
    hz(&s, O, "CreateImage", &[]).assert_error(
        400,
        "MissingParameter",
        "The input parameter SnapshotId or InstanceId or DiskDeviceMapping that is mandatory for processing this request is not supplied.",
    );
    hz(&s, O, "CreateImage", &[("InstanceId", "i-member1")]).assert_error(
        404,
        "InvalidInstanceId.NotFound",
        "The specified InstanceId does not exist.",
    );
    hz(&s, O, "CreateImage", &[("SnapshotId", "s-nothing")]).assert_error(
        404,
        "InvalidSnapshotId.NotFound",
        "The specified SnapshotId does not exist.",
    );
    hz(
        &s,
        O,
        "CreateImage",
        &[("InstanceId", "i-owner1"), ("ImageName", "1bad")],
    )
    .assert_error(
        400,
        "InvalidImageName.Malformed",
        "The specified Image name is wrongly formed.",
    );
    hz(
        &s,
        O,
        "CreateImage",
        &[("InstanceId", "i-owner1"), ("ImageName", "source")],
    )
    .assert_error(
        400,
        "InvalidImageName.Duplicated",
        "The specified Image name has already bean used.",
    );
    hz(
        &s,
        O,
        "CreateImage",
        &[("InstanceId", "i-owner1"), ("Description", "http://x")],
    )
    .assert_error(
        400,
        "InvalidDescription.Malformed",
        "The specified description is wrongly formed.",
    );
    hz(
        &s,
        O,
        "CreateImage",
        &[
            ("InstanceId", "i-owner1"),
            ("Tag.1.Key", "k"),
            ("Tag.2.Key", "k"),
        ],
    )
    .assert_error(
        400,
        "Duplicate.TagKey",
        "The Tag.N.Key contain duplicate key.",
    );
    // From a snapshot of its own image.
    let snap = {
        let v = ok(hz(&s, O, "DescribeImages", &[("ImageId", "m-src")]));
        v["Images"]["Image"][0]["DiskDeviceMappings"]["DiskDeviceMapping"][0]["SnapshotId"]
            .as_str()
            .unwrap()
            .to_string()
    };
    ok(hz(&s, O, "CreateImage", &[("SnapshotId", &snap)]));
    ok(hz(
        &s,
        O,
        "CreateImage",
        &[("DiskDeviceMapping.1.SnapshotId", &snap)],
    ));
    // Quota: 5 custom images per region; the owner has 3 + 2 now.
    hz(&s, O, "CreateImage", &[("SnapshotId", &snap)]).assert_error(
        403,
        "QuotaExceed.Image",
        "The Image Quota exceeds.",
    );
    // A shared image never counts against the recipient's quota: member owns none, sees one.
    assert!(visible(s.address(), M, &[("ImageOwnerAlias", "self")]).is_empty());
}

#[test]
fn copy_image_across_regions_with_progress_and_cancel() {
    let s = server();
    let v = ok(hz(
        &s,
        O,
        "CopyImage",
        &[
            ("ImageId", "m-src"),
            ("DestinationRegionId", "cn-shanghai"),
            ("DestinationImageName", "copy.1"),
        ],
    ));
    let copy = v["ImageId"].as_str().unwrap().to_string();
    assert_eq!(
        status(&s, O, "cn-shanghai", &copy),
        Some(("Creating".into(), "0%".into()))
    );
    // A copy in progress cannot be deleted, and the same source cannot be copied again.
    ecs(
        s.address(),
        O,
        "DeleteImage",
        &[("RegionId", "cn-shanghai"), ("ImageId", &copy)],
    )
    .assert_error(
        403,
        "OperationDenied.ImageCopying",
        "The image is being copied. Please use the CancelCopyImage API.",
    );
    hz(&s, O, "CopyImage", &[("ImageId", "m-src"), ("DestinationRegionId", "cn-shanghai")]).assert_error(
        400,
        "OperationDenied.ImageCopyConflict",
        "The same image cannot be copied concurrently. Please wait until the last copy is completed before performing the next operation.",
    );
    ok(ecs(
        s.address(),
        O,
        "CancelCopyImage",
        &[("RegionId", "cn-shanghai"), ("ImageId", &copy)],
    ));
    assert!(status(&s, O, "cn-shanghai", &copy).is_none());

    let v = ok(hz(
        &s,
        O,
        "CopyImage",
        &[("ImageId", "m-src"), ("DestinationRegionId", "cn-shanghai")],
    ));
    let copy = v["ImageId"].as_str().unwrap().to_string();
    s.advance_clock(Duration::from_secs(120));
    assert_eq!(
        status(&s, O, "cn-shanghai", &copy),
        Some(("Available".into(), "100%".into()))
    );
    let d = ok(ecs(
        s.address(),
        O,
        "DescribeImages",
        &[("RegionId", "cn-shanghai"), ("ImageId", &copy)],
    ));
    assert_eq!(d["Images"]["Image"][0]["IsCopied"], true);
    assert_eq!(d["Images"]["Image"][0]["ImageName"], "source");
    ecs(
        s.address(),
        O,
        "CancelCopyImage",
        &[("RegionId", "cn-shanghai"), ("ImageId", &copy)],
    )
    .assert_error(
        400,
        "IncorrectImageStatus",
        "The specified snapshot is not coping.",
    );
    hz(&s, O, "CancelCopyImage", &[("ImageId", "m-src")]).assert_error(
        400,
        "ImageCreatedNotFromCopy",
        "The specified image is not the target image of a copy action.",
    );
}

#[test]
fn a_recipient_copies_a_shared_image_only_within_its_region() {
    let s = server();
    hz(
        &s,
        M,
        "CopyImage",
        &[
            ("ImageId", "m-shared"),
            ("DestinationRegionId", "cn-shanghai"),
        ],
    )
    .assert_error(
        403,
        "OperationDenied.SameRegionOnly",
        "The image shared from others can not be copied to another region directly.",
    );
    let v = ok(hz(
        &s,
        M,
        "CopyImage",
        &[("ImageId", "m-shared"), ("DestinationImageName", "mine")],
    ));
    let copy = v["ImageId"].as_str().unwrap().to_string();
    s.advance_clock(Duration::from_secs(120));
    // The copy is the recipient's own: it survives the owner's unshare and delete.
    ok(hz(
        &s,
        O,
        "ModifyImageSharePermission",
        &[
            ("ImageId", "m-shared"),
            ("RemoveAccount.1", "8000000000000002"),
        ],
    ));
    ok(hz(
        &s,
        O,
        "DeleteImage",
        &[("ImageId", "m-shared"), ("Force", "true")],
    ));
    assert_eq!(
        visible(s.address(), M, &[("ImageOwnerAlias", "self")]),
        [copy]
    );
    // Someone else's unshared image is invisible, so not copyable.
    hz(&s, M, "CopyImage", &[("ImageId", "m-src")]).assert_error(
        404,
        "InvalidImageId.NotFound",
        "The specified ImageId does not exist.",
    );
}

#[test]
fn copy_image_parameter_errors() {
    let s = server();
    hz(
        &s,
        O,
        "CopyImage",
        &[
            ("ImageId", "m-src"),
            ("DestinationRegionId", "eu-central-1"),
        ],
    )
    .assert_error(
        400,
        "DestinationRegion.NotFound",
        "The destination region not found.",
    );
    hz(
        &s,
        O,
        "CopyImage",
        &[("ImageId", "m-src"), ("KMSKeyId", "key-1")],
    )
    .assert_error(
        400,
        "InvalidParameter.EncryptedIllegal",
        "The specified parameter Encrypted must be true when kmsKeyId is not empty.",
    );
    hz(
        &s,
        O,
        "CopyImage",
        &[
            ("ImageId", "m-src"),
            ("DestinationImageName", "aliyun-copy"),
        ],
    )
    .assert_error(
        400,
        "InvalidImageName.Malformed",
        "The specified destination image name is wrongly formed.",
    );
    hz(&s, O, "CopyImage", &[("ImageId", "m-src"), ("DestinationImageName", "shared")]).assert_error(
        400,
        "InvalidImageName.Duplicated",
        "The specified image name is already in use in the target region. Please try a different one.",
    );
    // Encrypted with a CMK.
    let v = ok(hz(
        &s,
        O,
        "CopyImage",
        &[
            ("ImageId", "m-src"),
            ("DestinationRegionId", "cn-shanghai"),
            ("Encrypted", "True"),
            ("KMSKeyId", "key-1"),
        ],
    ));
    s.advance_clock(Duration::from_secs(120));
    let id = v["ImageId"].as_str().unwrap();
    let d = ok(ecs(
        s.address(),
        O,
        "DescribeImages",
        &[("RegionId", "cn-shanghai"), ("ImageId", id)],
    ));
    assert_eq!(
        d["Images"]["Image"][0]["DiskDeviceMappings"]["DiskDeviceMapping"][0]["Encrypted"],
        true
    );
}

#[test]
fn modify_image_attribute_renames_and_deprecates() {
    let s = server();
    ok(hz(
        &s,
        O,
        "ModifyImageAttribute",
        &[
            ("ImageId", "m-src"),
            ("ImageName", "renamed.v2"),
            ("Description", "a description"),
        ],
    ));
    let v = ok(hz(&s, O, "DescribeImages", &[("ImageId", "m-src")]));
    assert_eq!(v["Images"]["Image"][0]["ImageName"], "renamed.v2");
    assert_eq!(v["Images"]["Image"][0]["Description"], "a description");
    hz(
        &s,
        O,
        "ModifyImageAttribute",
        &[("ImageId", "m-src"), ("ImageName", "shared")],
    )
    .assert_error(
        400,
        "InvalidImageName.Duplicated",
        "The specified Image name has already bean used.",
    );
    hz(
        &s,
        O,
        "ModifyImageAttribute",
        &[("ImageId", "m-shared"), ("Status", "Deprecated")],
    )
    .assert_error(
        403,
        "ImageUseShared",
        "The specified image has been shared to others, please remove shared accounts first.",
    );
    hz(
        &s,
        O,
        "ModifyImageAttribute",
        &[("ImageId", "m-src"), ("Status", "Available")],
    )
    .assert_error(
        403,
        "ImageStatus.NotDeprecated",
        "The specified image status is not deprecated.",
    );
    ok(hz(
        &s,
        O,
        "ModifyImageAttribute",
        &[("ImageId", "m-src"), ("Status", "Deprecated")],
    ));
    hz(
        &s,
        O,
        "ModifyImageSharePermission",
        &[("ImageId", "m-src"), ("AddAccount.1", "8000000000000002")],
    )
    .assert_error(
        403,
        "OperationDenied.InvalidImageStatus",
        "The specified image cannot be shared when it is deprecated.",
    );
    hz(&s, O, "CopyImage", &[("ImageId", "m-src")]).assert_error(
        400,
        "IncorrectImageStatus",
        "The image not available.",
    );
    hz(
        &s,
        O,
        "ModifyImageAttribute",
        &[("ImageId", "m-src"), ("Status", "Deprecated")],
    )
    .assert_error(
        403,
        "ImageStatus.NotAvailable",
        "The specified image status is not available.",
    );
    ok(hz(
        &s,
        O,
        "ModifyImageAttribute",
        &[("ImageId", "m-src"), ("Status", "Available")],
    ));
    ok(hz(
        &s,
        O,
        "ModifyImageSharePermission",
        &[("ImageId", "m-src"), ("AddAccount.1", "8000000000000002")],
    ));
    hz(
        &s,
        O,
        "ModifyImageAttribute",
        &[("ImageId", "m-used"), ("BootMode", "UEFI")],
    )
    .assert_error(
        403,
        "OperationDeined.ImageUsingByInstance",
        "The boot mode of the image cannot be modified because it has associated instances.",
    );
    hz(
        &s,
        O,
        "ModifyImageAttribute",
        &[("ImageId", "m-src"), ("LicenseType", "Free")],
    )
    .assert_error(
        400,
        "InvalidLicenseType.NotSupported",
        "The specified parameter LicenseType is not supported.",
    );
    hz(
        &s,
        M,
        "ModifyImageAttribute",
        &[("ImageId", "m-shared"), ("ImageName", "stolen")],
    )
    .assert_error(
        404,
        "InvalidImageId.NotFound",
        "The specified ImageId does not exist.",
    );
}

#[test]
fn an_image_from_an_instance_of_a_system_image_inherits_that_images_os_and_keeps_its_family() {
    let s = MockServer::builder().start_blocking().unwrap();
    let owner = support::Client::new(&s, OWNER_KEY);
    let run = owner
        .ecs("RunInstances")
        .p("ImageId", "ubuntu_22_04_x64_20G_alibase_20240819.vhd")
        .p("InstanceType", "ecs.g7.large")
        .ok();
    let instance = run["InstanceIdSets"]["InstanceIdSet"][0]
        .as_str()
        .unwrap()
        .to_string();
    let v = owner
        .ecs("CreateImage")
        .p("InstanceId", &instance)
        .p("ImageName", "from-ubuntu")
        .p("ImageFamily", "web-servers")
        .ok();
    let id = v["ImageId"].as_str().unwrap();
    let d = owner.ecs("DescribeImages").p("ImageId", id).ok();
    let img = &d["Images"]["Image"][0];
    assert_eq!(img["Platform"], "Ubuntu");
    assert_eq!(img["Architecture"], "x86_64");
    assert_eq!(img["Size"], 20);
    assert_eq!(img["ImageFamily"], "web-servers");
}

/// An image of the default world as `GET /_mock/state` shows it.
fn state_image(s: &MockServer, id: &str) -> serde_json::Value {
    s.state().0["images"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .cloned()
        .unwrap_or_else(|| panic!("no image {id}"))
}

#[test]
fn a_copy_is_a_new_private_custom_image_with_its_own_name_tags_and_encryption() {
    let s = MockServer::builder().start_blocking().unwrap();
    let owner = support::Client::new(&s, OWNER_KEY);
    // A source with a family, a description, tags and a share.
    let src = owner
        .ecs("CreateImage")
        .p("SnapshotId", "s-bp1golden0000000001")
        .p("ImageName", "src-image")
        .p("Description", "the source")
        .p("ImageFamily", "golden")
        .p("Tag.1.Key", "origin")
        .p("Tag.1.Value", "src")
        .ok_str("ImageId");
    owner
        .ecs("ModifyImageSharePermission")
        .p("ImageId", &src)
        .p("AddAccount.1", MEMBER_ID)
        .ok();
    let plain = owner
        .ecs("CopyImage")
        .p("ImageId", &src)
        .p("DestinationRegionId", "cn-shanghai")
        .p("Tag.1.Key", "copy")
        .p("Tag.1.Value", "yes")
        .ok_str("ImageId");
    let c = state_image(&s, &plain);
    assert_eq!(c["owner"], OWNER_ID);
    assert_eq!(c["region"], "cn-shanghai");
    assert_eq!(
        c["name"], "src-image",
        "the source's name when none is given"
    );
    assert_eq!(c["status"], "Available");
    assert_eq!(c["copied_from"], src.as_str());
    assert_eq!(c["tags"], serde_json::json!({"copy": "yes"}));
    assert_eq!(c["shared_with"], serde_json::json!([]));
    assert_eq!(c["is_public"], false);
    assert_eq!(c["encryption"], "none");
    let d = owner
        .in_region("cn-shanghai")
        .ecs("DescribeImages")
        .p("ImageId", &plain)
        .ok();
    let img = &d["Images"]["Image"][0];
    assert_eq!(img["ImageOwnerAlias"], "self");
    assert_eq!(img["Description"], "the source");
    assert_eq!(img["ImageFamily"], "", "a copy does not keep the family");
    assert_eq!(img["IsCopied"], true);
    // A finished copy of the same source does not block another one; a given name and
    // description are kept.
    let named = owner
        .ecs("CopyImage")
        .p("ImageId", &src)
        .p("DestinationRegionId", "cn-shanghai")
        .p("DestinationImageName", "second-copy")
        .p("DestinationDescription", "copied again")
        .ok_str("ImageId");
    let n = state_image(&s, &named);
    assert_eq!(n["name"], "second-copy");
    // Encrypted with the service key, or with the given CMK.
    let enc = owner
        .ecs("CopyImage")
        .p("ImageId", &src)
        .p("DestinationRegionId", "cn-hangzhou")
        .p("Encrypted", "true")
        .ok_str("ImageId");
    let e = state_image(&s, &enc);
    assert_eq!(
        (e["encryption"].clone(), e["kms_key_id"].clone()),
        ("service-key".into(), serde_json::Value::Null)
    );
    let cmk = owner
        .ecs("CopyImage")
        .p("ImageId", &src)
        .p("DestinationRegionId", "cn-hangzhou")
        .p("Encrypted", "true")
        .p("KMSKeyId", "key-hzz0001")
        .ok_str("ImageId");
    let k = state_image(&s, &cmk);
    assert_eq!(
        (k["encryption"].clone(), k["kms_key_id"].clone()),
        ("cmk".into(), "key-hzz0001".into())
    );
    // An encrypted source keeps its key when Encrypted is set without one.
    let again = owner
        .ecs("CopyImage")
        .p("ImageId", &cmk)
        .p("DestinationRegionId", "cn-hangzhou")
        .p("Encrypted", "true")
        .ok_str("ImageId");
    let a = state_image(&s, &again);
    assert_eq!(
        (a["encryption"].clone(), a["kms_key_id"].clone()),
        ("cmk".into(), "key-hzz0001".into())
    );
    // The member, who sees the source, sees none of the copies.
    let member = support::Client::new(&s, MEMBER_KEY).in_region("cn-shanghai");
    let v = member
        .ecs("DescribeImages")
        .p("ImageOwnerAlias", "others")
        .ok();
    assert_eq!(v["TotalCount"], 0);
}

#[test]
fn a_copy_takes_the_configured_seconds_of_mock_time() {
    let s = MockServer::builder()
        .scenario_file(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/scenarios/default.yaml"
        ))
        .unwrap()
        .scenario_yaml("clock: manual\ndelays: { image_copy: 10 }\n")
        .unwrap()
        .start_blocking()
        .unwrap();
    let owner = support::Client::new(&s, OWNER_KEY);
    let id = owner
        .ecs("CopyImage")
        .p("ImageId", PLAIN)
        .p("DestinationRegionId", "cn-shanghai")
        .ok_str("ImageId");
    assert_eq!(state_image(&s, &id)["status"], "Creating");
    s.advance_clock(Duration::from_secs(5));
    assert_eq!(state_image(&s, &id)["status"], "Creating");
    assert_eq!(state_image(&s, &id)["progress"], 50);
    s.advance_clock(Duration::from_secs(5));
    assert_eq!(state_image(&s, &id)["status"], "Available");
}

#[test]
fn a_copy_still_copying_can_be_shared_and_reaches_the_member_when_done() {
    let s = server();
    let copy = ok(hz(
        &s,
        O,
        "CopyImage",
        &[("ImageId", "m-src"), ("DestinationRegionId", "cn-shanghai")],
    ))["ImageId"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        status(&s, O, "cn-shanghai", &copy).map(|(st, _)| st),
        Some("Creating".into())
    );
    ok(ecs(
        s.address(),
        O,
        "ModifyImageSharePermission",
        &[
            ("RegionId", "cn-shanghai"),
            ("ImageId", &copy),
            ("AddAccount.1", "8000000000000002"),
        ],
    ));
    let member_sees = || {
        ok(ecs(
            s.address(),
            M,
            "DescribeImages",
            &[("RegionId", "cn-shanghai"), ("ImageId", &copy)],
        ))["Images"]["Image"]
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(member_sees(), 0, "listed once Available");
    s.advance_clock(Duration::from_secs(120));
    assert_eq!(member_sees(), 1);
}

#[test]
fn create_image_keeps_its_image_version() {
    let s = server();
    let owner = Client::new(&s, O);
    let id = owner
        .ecs("CreateImage")
        .p("SnapshotId", "s-src")
        .p("ImageVersion", "2024.10")
        .ok_str("ImageId");
    let img = &owner
        .ecs("DescribeImages")
        .p("ImageId", &id)
        .p("Status", "Creating")
        .ok()["Images"]["Image"][0];
    assert_eq!(img["ImageVersion"], "2024.10");
    owner
        .ecs("CreateImage")
        .p("SnapshotId", "s-src")
        .p("ImageVersion", &"v".repeat(41))
        .err(
            400,
            "InvalidParameter",
            "The specified parameter \"ImageVersion\" is not valid.",
        );
}
