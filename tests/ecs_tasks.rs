//! ImportImage and ExportImage as tasks on the mock clock, DescribeTaskAttribute,
//! DescribeTasks and CancelTask (docs/sources.md#ecs-tasks).

mod support;

use std::time::Duration;

use alicloud_mock::MockServer;
use serde_json::Value;
use support::*;

const WORLD: &str = r#"
regions: [cn-hangzhou, cn-shanghai]
clock: manual
start_time: "2026-01-01T00:00:00Z"
delays: { image_import: 60, image_export: 30 }
accounts:
  - { id: "8300000000000001", alias: owner, access_keys: [{ id: O, secret: S }],
      ram_roles: [AliyunECSImageImportDefaultRole, AliyunECSImageExportDefaultRole] }
  - { id: "8300000000000002", alias: norole, access_keys: [{ id: N, secret: S }] }
images:
  - { id: m-base, owner: owner, region: cn-hangzhou, name: base }
  - { id: m-enc, owner: owner, region: cn-hangzhou, name: enc, encryption: service-key }
  - { id: m-mkt, owner: owner, region: cn-hangzhou, name: mkt, product_code: cmjj0001 }
  - { id: m-wide, owner: owner, region: cn-hangzhou, name: wide, data_disks: 5 }
  - { id: m-norole, owner: norole, region: cn-hangzhou, name: theirs }
"#;
const O: (&str, &str) = ("O", "S");
const N: (&str, &str) = ("N", "S");

fn server() -> MockServer {
    MockServer::builder()
        .scenario_yaml(WORLD)
        .unwrap()
        .start_blocking()
        .unwrap()
}

/// An import of one object (each test adds the other parameters once: a repeated key
/// would be a different request).
fn import_of(c: &Client, object: &str) -> Call {
    c.ecs("ImportImage")
        .p("DiskDeviceMapping.1.OSSBucket", "images")
        .p("DiskDeviceMapping.1.OSSObject", object)
}

fn import(c: &Client) -> Call {
    import_of(c, "centos.qcow2")
}

fn attribute(c: &Client, task: &str) -> Value {
    c.call("2014-05-26", "DescribeTaskAttribute")
        .p("TaskId", task)
        .ok()
}

fn image(c: &Client, id: &str) -> Value {
    c.ecs("DescribeImages")
        .p("ImageId", id)
        .p("Status", "ALL")
        .ok()["Images"]["Image"][0]
        .clone()
}

#[test]
fn an_import_is_a_task_whose_image_is_creating_until_it_finishes() {
    let s = server();
    let owner = Client::new(&s, O);
    let made = import(&owner)
        .p("ImageName", "imported")
        .p("DiskDeviceMapping.1.Format", "qcow2")
        .p("DiskDeviceMapping.1.DiskImageSize", "50")
        .p("DiskDeviceMapping.2.OSSBucket", "images")
        .p("DiskDeviceMapping.2.OSSObject", "data.raw")
        .p("Architecture", "arm64")
        .p("Platform", "Ubuntu")
        .ok();
    assert_eq!(made["RegionId"], "cn-hangzhou");
    let (id, task) = (
        made["ImageId"].as_str().unwrap().to_string(),
        made["TaskId"].as_str().unwrap().to_string(),
    );
    assert!(task.starts_with("t-"));
    let img = image(&owner, &id);
    assert_eq!(img["Status"], "Creating");
    assert_eq!(
        (&img["Size"], &img["BootMode"], &img["Platform"]),
        (&50.into(), &"UEFI".into(), &"Ubuntu".into())
    );
    let disks = img["DiskDeviceMappings"]["DiskDeviceMapping"]
        .as_array()
        .unwrap();
    assert_eq!(disks.len(), 2);
    assert_eq!(
        (
            &disks[0]["ImportOSSBucket"],
            &disks[0]["ImportOSSObject"],
            &disks[0]["Format"]
        ),
        (&"images".into(), &"centos.qcow2".into(), &"QCOW2".into())
    );
    let t = attribute(&owner, &task);
    assert_eq!(
        (&t["TaskStatus"], &t["TaskAction"], &t["SupportCancel"]),
        (&"Processing".into(), &"ImportImage".into(), &"true".into())
    );
    assert_eq!(t["TaskProcess"], "0%");
    assert_eq!(t["CreationTime"], "2026-01-01T00:00Z");
    // The same object is being imported: refused until the first import ends.
    import(&owner).p("ImageName", "again").err(
        403,
        "ImageIsImporting",
        "The specified Image is importing.",
    );
    s.advance_clock(Duration::from_secs(30));
    assert_eq!(attribute(&owner, &task)["TaskProcess"], "50%");
    s.advance_clock(Duration::from_secs(30));
    let t = attribute(&owner, &task);
    assert_eq!(
        (&t["TaskStatus"], &t["FinishedTime"], &t["SuccessCount"]),
        (&"Finished".into(), &"2026-01-01T00:01Z".into(), &1.into())
    );
    assert_eq!(
        t["OperationProgressSet"]["OperationProgress"][0]["OperationStatus"],
        "Success"
    );
    assert_eq!(image(&owner, &id)["Status"], "Available");
    let listed = owner
        .ecs("DescribeTasks")
        .p("TaskAction", "ImportImage")
        .ok();
    assert_eq!(listed["TotalCount"], 1);
    assert_eq!(listed["TaskSet"]["Task"][0]["ResourceId"], id.as_str());
    assert_eq!(
        owner
            .ecs("DescribeTasks")
            .p("TaskStatus", "Processing")
            .ok()["TotalCount"],
        0
    );
    // The name is taken now.
    import_of(&owner, "other.raw")
        .p("ImageName", "imported")
        .err(
            400,
            "InvalidImageName.Duplicated",
            "The destination image is exist.",
        );
}

#[test]
fn import_refuses_what_the_reference_refuses() {
    let s = server();
    let owner = Client::new(&s, O);
    import(&Client::new(&s, N)).err(
        403,
        "NoSetRoletoECSServiceAcount",
        "ECS service account Have no right to access your OSS.please attach a role of access your oss to ECS service account.",
    );
    owner.ecs("ImportImage").err(
        403,
        "MissingParameter.DiskDeviceMapping",
        "The specified parameter DiskDeviceMapping is not supplied.",
    );
    owner
        .ecs("ImportImage")
        .p("DiskDeviceMapping.1.OSSBucket", "images")
        .err(
            400,
            "MissingParameter",
            "An input parameter \"DiskDeviceMapping.1.OSSObject\" that is mandatory for processing the request is not supplied.",
        );
    import(&owner).p("DiskDeviceMapping.1.Format", "ISO").err(
        400,
        "InvalidImageFormat.Malformed",
        "The specified Image Format is wrongly formed.",
    );
    import(&owner)
        .p("DiskDeviceMapping.1.DiskImageSize", "4096")
        .err(
            400,
            "InvalidImageSize",
            "The specified DiskDeviceMapping.1.DiskImageSize is out of range.",
        );
    import(&owner)
        .p("DiskDeviceMapping.2.OSSBucket", "b")
        .p("DiskDeviceMapping.2.OSSObject", "o")
        .p("DiskDeviceMapping.2.DiskImageSize", "0")
        .err(
            400,
            "InvalidDataDiskSize",
            "The specified DiskDeviceMapping.N.DiskImSize should be in the specified range.",
        );
    import_of(&owner, "/abs").err(
        400,
        "InvalidOSSObject.Malformed",
        "The specified OSS object is wrongly formed.",
    );
    import(&owner).p("OSType", "beos").err(
        400,
        "InvalidOSType.Malformed",
        "The specified OSType is wrongly formed.",
    );
    import(&owner).p("Architecture", "sparc").err(
        400,
        "InvalidArchitecture.Malformed",
        "The specified Architecture is wrongly formed.",
    );
    import(&owner).p("Description", "x").err(
        400,
        "InvalidDescription.Malformed",
        "The specified Image description is wrongly formed.",
    );
    import(&owner).p("ImageName", "1-starts-with-a-digit").err(
        400,
        "InvalidImageName.Malformed",
        "The specified Image name is wrongly formed.",
    );
    owner.call("2014-05-26", "ImportImage").err(
        400,
        "MissingParameter",
        "An input parameter \"RegionId\" that is mandatory for processing the request is not supplied.",
    );
    import(&owner).p("DryRun", "true").err(
        400,
        "DryRunOperation",
        "Request validation has been passed with DryRun flag set.",
    );
    assert_eq!(
        owner.ecs("DescribeTasks").ok()["TotalCount"],
        0,
        "nothing was started"
    );
}

#[test]
fn an_export_writes_a_named_object_and_refuses_images_it_cannot_export() {
    let s = server();
    let owner = Client::new(&s, O);
    let export = |image: &str| {
        owner
            .ecs("ExportImage")
            .p("ImageId", image)
            .p("OSSBucket", "backups")
    };
    let task = export("m-base")
        .p("OSSPrefix", "nightly")
        .p("ImageFormat", "VHD")
        .ok_str("TaskId");
    let t = attribute(&owner, &task);
    let items = &t["OperationProgressSet"]["OperationProgress"][0]["RelatedItemSet"]["RelatedItem"];
    assert_eq!(
        items[0],
        serde_json::json!({"Name": "OSSBucket", "Value": "backups"})
    );
    assert_eq!(items[1]["Value"], format!("nightly_m-base_{task}.vhd"));
    assert_eq!(items[2]["Value"], "vhd");
    export("m-base").err(403, "ImageIsExporting", "The specified Image is exporting.");
    s.advance_clock(Duration::from_secs(30));
    assert_eq!(attribute(&owner, &task)["TaskStatus"], "Finished");
    export("m-enc").err(
        400,
        "ImageNotSupported",
        "The specified Image contains encrypted snapshots, do not support export.",
    );
    export("m-mkt").err(
        403,
        "ImageNotSupported",
        "The specified image from the image market, do not support export image.",
    );
    export("m-wide").err(
        400,
        "InvalidImage.DiskAmountOrSize",
        "The specified image contains more than four data disk snapshots.",
    );
    export("m-norole").err(
        404,
        "InvalidImageId.NotFound",
        "The specified ImageId does not exist.",
    );
    export("m-base").p("OSSPrefix", "no_underscores").err(
        400,
        "InvalidOSSPrefix.Malformed",
        "The specified OSSPrefix format is wrongly formed.",
    );
    export("m-base").p("ImageFormat", "iso").err(
        400,
        "InvalidImageFormat.Malformed",
        "The specified Image Format is wrongly formed.",
    );
    owner.ecs("ExportImage").p("ImageId", "m-base").err(
        400,
        "MissingParameter",
        "An input parameter \"OSSBucket\" that is mandatory for processing the request is not supplied.",
    );
    Client::new(&s, N)
        .ecs("ExportImage")
        .p("ImageId", "m-norole")
        .p("OSSBucket", "b")
        .err(
            403,
            "NoSetRoletoECSServiceAcount",
            "ECS service account Have no right to access your OSS.please attach a role of access your oss to ECS service account.",
        );
    // A copy still being made is not Available.
    let s2 = MockServer::builder()
        .scenario_yaml(&WORLD.replace("image_export: 30", "image_export: 30, image_copy: 60"))
        .unwrap()
        .start_blocking()
        .unwrap();
    let owner2 = Client::new(&s2, O);
    let copy = owner2
        .ecs("CopyImage")
        .p("ImageId", "m-base")
        .ok_str("ImageId");
    owner2
        .ecs("ExportImage")
        .p("ImageId", &copy)
        .p("OSSBucket", "b")
        .err(
            400,
            "IncorrectImageStatus",
            "The specified Image is not available.",
        );
}

#[test]
fn cancel_task_stops_a_running_import_and_takes_its_image_away() {
    let s = server();
    let owner = Client::new(&s, O);
    let made = import(&owner).ok();
    let (id, task) = (
        made["ImageId"].as_str().unwrap().to_string(),
        made["TaskId"].as_str().unwrap().to_string(),
    );
    let cancel = |task: &str| owner.ecs("CancelTask").p("TaskId", task);
    cancel("t-nope").err(
        400,
        "InvalidTaskId.NotFound",
        "The specified \"TaskId\" is not found.",
    );
    cancel(&task).ok();
    let t = attribute(&owner, &task);
    assert_eq!(
        (&t["TaskStatus"], &t["SupportCancel"]),
        (&"Cancelled".into(), &"false".into())
    );
    assert!(image(&owner, &id).is_null(), "the image went with its task");
    cancel(&task).err(
        403,
        "InvalidTaskId.IncorrectTaskStatus",
        "The specified task status is invalid.",
    );
    // Another account does not see the task; neither does another region.
    Client::new(&s, N)
        .call("2014-05-26", "DescribeTaskAttribute")
        .p("TaskId", &task)
        .err(
            400,
            "InvalidTaskId.NotFound",
            "The specified \"TaskId\" is not found.",
        );
    owner
        .in_region("cn-shanghai")
        .ecs("DescribeTaskAttribute")
        .p("TaskId", &task)
        .err(
            400,
            "InvalidTaskId.NotFound",
            "The specified \"TaskId\" is not found.",
        );
}

#[test]
fn an_account_keeps_its_last_1000_tasks_and_forgets_the_oldest_ended_ones() {
    let s = MockServer::builder()
        .scenario_yaml(&WORLD.replace("image_export: 30", "image_export: 0"))
        .unwrap()
        .start_blocking()
        .unwrap();
    let owner = Client::new(&s, O);
    let export = || {
        owner
            .ecs("ExportImage")
            .p("ImageId", "m-base")
            .p("OSSBucket", "b")
            .ok_str("TaskId")
    };
    let first = export();
    s.advance_clock(Duration::from_secs(1));
    let second = export();
    s.advance_clock(Duration::from_secs(1));
    for _ in 0..999 {
        export();
    }
    owner
        .call("2014-05-26", "DescribeTaskAttribute")
        .p("TaskId", &first)
        .err(
            400,
            "InvalidTaskId.NotFound",
            "The specified \"TaskId\" is not found.",
        );
    assert_eq!(attribute(&owner, &second)["TaskStatus"], "Finished");
    assert_eq!(owner.ecs("DescribeTasks").ok()["TotalCount"], 1000);
}
