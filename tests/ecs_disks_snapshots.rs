//! Disks and snapshots: the disks an instance is launched with, DescribeDisks,
//! CreateSnapshot, DescribeSnapshots, DeleteSnapshot, the snapshots CreateImage and CopyImage
//! make, AllocatePublicIpAddress and DescribeImageFromFamily
//! (docs/sources.md#ecs-disks-snapshots).

mod support;

use std::time::Duration;

use alicloud_mock::MockServer;
use serde_json::Value;
use support::*;

const WORLD: &str = r#"
regions: [cn-hangzhou, cn-shanghai]
clock: manual
start_time: "2026-01-01T00:00:00Z"
delays: { snapshot_create: 5, instance_start: 10 }
accounts:
  - { id: "8100000000000001", alias: owner, access_keys: [{ id: O, secret: S }] }
  - { id: "8100000000000002", alias: other, access_keys: [{ id: X, secret: S }] }
images:
  - { id: m-base, owner: owner, region: cn-hangzhou, name: base, size: 50 }
  - { id: m-two, owner: owner, region: cn-hangzhou, name: two, data_disks: 1 }
"#;
const O: (&str, &str) = ("O", "S");
const X: (&str, &str) = ("X", "S");

fn server() -> MockServer {
    MockServer::builder()
        .scenario_yaml(WORLD)
        .unwrap()
        .start_blocking()
        .unwrap()
}

fn run(c: &Client) -> Call {
    c.ecs("RunInstances")
        .p("ImageId", "m-base")
        .p("InstanceType", "ecs.g7.large")
}

fn disks(c: &Client, filters: &[(&str, &str)]) -> Vec<Value> {
    let mut call = c.ecs("DescribeDisks");
    for (k, v) in filters {
        call = call.p(k, v);
    }
    call.ok()["Disks"]["Disk"].as_array().unwrap().clone()
}

fn snapshots(c: &Client, filters: &[(&str, &str)]) -> Vec<Value> {
    let mut call = c.ecs("DescribeSnapshots");
    for (k, v) in filters {
        call = call.p(k, v);
    }
    call.ok()["Snapshots"]["Snapshot"]
        .as_array()
        .unwrap()
        .clone()
}

fn ids(list: &[Value], field: &str) -> Vec<String> {
    list.iter()
        .map(|v| v[field].as_str().unwrap().to_string())
        .collect()
}

fn first_instance(v: &Value) -> String {
    v["InstanceIdSets"]["InstanceIdSet"][0]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn an_instance_gets_the_disks_it_was_launched_with_and_describe_disks_filters_them() {
    let s = server();
    let owner = Client::new(&s, O);
    let vm = first_instance(
        &run(&owner)
            .p("SystemDisk.Category", "cloud_essd")
            .p("SystemDisk.DiskName", "root")
            .p("DataDisk.1.Size", "100")
            .p("DataDisk.1.DiskName", "scratch")
            .p("DataDisk.1.DeleteWithInstance", "false")
            .p("DataDisk.2.Category", "cloud_ssd")
            .ok(),
    );
    let all = disks(&owner, &[("InstanceId", &vm)]);
    assert_eq!(all.len(), 3, "{all:?}");
    let by_device = |d: &str| all.iter().find(|x| x["Device"] == d).unwrap().clone();
    let root = by_device("/dev/xvda");
    assert_eq!(root["Type"], "system");
    assert_eq!(root["Category"], "cloud_essd");
    assert_eq!(root["Size"], 50, "the image's size");
    assert_eq!(root["DiskName"], "root");
    assert_eq!(root["ImageId"], "m-base");
    assert_eq!(root["Status"], "In_use");
    assert_eq!(root["InstanceId"], vm.as_str());
    assert_eq!(root["Portable"], false);
    assert_eq!(
        root["Attachments"]["Attachment"][0]["InstanceId"],
        vm.as_str()
    );
    let scratch = by_device("/dev/xvdb");
    assert_eq!(
        (&scratch["Type"], &scratch["Size"], &scratch["Category"]),
        (&"data".into(), &100.into(), &"cloud_efficiency".into())
    );
    assert_eq!(scratch["DeleteWithInstance"], false);
    assert_eq!(by_device("/dev/xvdc")["Category"], "cloud_ssd");
    assert_eq!(by_device("/dev/xvdc")["Size"], 40);
    // Filters: type, IDs (an empty array keeps nothing), category, status, and the caller.
    assert_eq!(
        disks(&owner, &[("InstanceId", &vm), ("DiskType", "system")]).len(),
        1
    );
    assert_eq!(
        disks(&owner, &[("InstanceId", &vm), ("DiskType", "data")]).len(),
        2
    );
    assert_eq!(disks(&owner, &[("DiskIds", "[]")]).len(), 0);
    let root_id = root["DiskId"].as_str().unwrap();
    let one = disks(&owner, &[("DiskIds", &format!("[\"{root_id}\"]"))]);
    assert_eq!(ids(&one, "DiskId"), [root_id]);
    assert_eq!(disks(&owner, &[("Category", "cloud_ssd")]).len(), 1);
    assert_eq!(disks(&owner, &[("Status", "Available")]).len(), 0);
    assert_eq!(disks(&Client::new(&s, X), &[]).len(), 0);
    // Paged by tokens.
    let page = owner.ecs("DescribeDisks").p("MaxResults", "2").ok();
    assert_eq!(
        (&page["TotalCount"], &page["NextToken"]),
        (&3.into(), &"2".into())
    );

    // Released with its instance, except the disk that stays: detached, Available.
    s.advance_clock(Duration::from_secs(10));
    owner
        .ecs("DeleteInstance")
        .p("InstanceId", &vm)
        .p("Force", "true")
        .ok();
    let left = disks(&owner, &[]);
    assert_eq!(ids(&left, "DiskName"), ["scratch"]);
    assert_eq!(left[0]["Status"], "Available");
    assert_eq!(left[0]["InstanceId"], "");
    // An image with a data disk gives its instances a data disk.
    let two = first_instance(&run(&owner).p("ImageId", "m-two").ok());
    let of_two = disks(&owner, &[("InstanceId", &two), ("DiskType", "data")]);
    assert_eq!(of_two[0]["SourceSnapshotId"], "s-twod1");
}

#[test]
fn launch_and_describe_disks_refuse_what_the_api_refuses() {
    let s = server();
    let owner = Client::new(&s, O);
    run(&owner).p("SystemDisk.Category", "floppy").err(
        403,
        "CategoryNotSupported",
        "The specified zone does not offer the specified disk category.",
    );
    run(&owner).p("SystemDisk.Size", "40").err(
        404,
        "InvalidSystemDiskSize.LessThanImageSize",
        "The specified parameter SystemDisk.Size is less than the image size.",
    );
    run(&owner).p("DataDisk.1.Size", "5").err(
        400,
        "InvalidParameter",
        "The specified parameter \"DataDisk.1.Size\" is not valid.",
    );
    run(&owner).p("DataDisk.1.SnapshotId", "s-nope").err(
        404,
        "InvalidSnapshotId.NotFound",
        "The specified SnapshotId does not exist.",
    );
    assert_eq!(disks(&owner, &[]).len(), 0, "nothing was launched");
    let describe = |k: &str, v: &str| owner.ecs("DescribeDisks").p(k, v);
    describe("DiskType", "boot").err(
        400,
        "InvalidDiskType.ValueNotSupported",
        "The specified disk type is not supported.",
    );
    describe("Category", "floppy").err(
        400,
        "InvalidCategory.ValueNotSupported",
        "The specified disk category is not supported.",
    );
    describe("Status", "Broken").err(
        400,
        "InvalidStatus.ValueNotSupported",
        "The specified disk status is not supported.",
    );
    let many: Vec<String> = (0..101).map(|i| format!("\"d-{i}\"")).collect();
    describe("DiskIds", &format!("[{}]", many.join(","))).err(
        403,
        "InvalidDiskIds.Malformed",
        "The amount of specified disk Ids exceeds the limit.",
    );
    describe("DryRun", "true").err(
        400,
        "DryRunOperation",
        "Request validation has been passed with DryRun flag set.",
    );
}

#[test]
fn create_snapshot_needs_a_used_instance_in_a_settled_status_and_one_snapshot_at_a_time() {
    let s = server();
    let owner = Client::new(&s, O);
    let vm = owner
        .ecs("CreateInstance")
        .p("ImageId", "m-base")
        .p("InstanceType", "ecs.g7.large")
        .ok_str("InstanceId");
    let root = disks(&owner, &[("InstanceId", &vm)])[0]["DiskId"]
        .as_str()
        .unwrap()
        .to_string();
    let snap = || {
        owner
            .call("2014-05-26", "CreateSnapshot")
            .p("DiskId", &root)
    };
    snap().err(
        403,
        "IncorrectDiskStatus.NeverUsed",
        "The specified disk has never been used after creating.",
    );
    owner.ecs("StartInstance").p("InstanceId", &vm).ok();
    snap().err(
        400,
        "IncorrectInstanceStatus",
        "The current status of the resource does not support this operation.",
    );
    s.advance_clock(Duration::from_secs(10));
    snap().p("SnapshotName", "1st").err(
        400,
        "InvalidSnapshotName.Malformed",
        "The specified SnapshotName is wrongly formed.",
    );
    snap().p("SnapshotName", "auto-nightly").err(
        400,
        "InvalidSnapshotName.Malformed",
        "The specified SnapshotName is wrongly formed.",
    );
    snap().p("Description", "http://x").err(
        404,
        "InvalidDescription.Malformed",
        "The specified description is wrongly formed.",
    );
    Client::new(&s, X)
        .call("2014-05-26", "CreateSnapshot")
        .p("DiskId", &root)
        .err(
            404,
            "InvalidDiskId.NotFound",
            "The specified DiskId does not exist.",
        );
    assert_eq!(snapshots(&owner, &[("DiskId", &root)]).len(), 0);

    let id = snap()
        .p("SnapshotName", "nightly")
        .p("ClientToken", "tok-1")
        .p("Tag.1.Key", "team")
        .p("Tag.1.Value", "infra")
        .ok_str("SnapshotId");
    assert!(id.starts_with("s-"));
    assert_eq!(
        snap().p("ClientToken", "tok-1").ok_str("SnapshotId"),
        id,
        "the same ClientToken answers the same snapshot"
    );
    let row = &snapshots(&owner, &[("SnapshotIds", &format!("[\"{id}\"]"))])[0];
    assert_eq!(row["Status"], "progressing");
    assert_eq!(row["Progress"], "0%");
    assert_eq!(row["RemainTime"], 5);
    assert_eq!(row["Available"], false);
    assert_eq!(row["SourceDiskId"], root.as_str());
    assert_eq!(row["SourceDiskType"], "system");
    assert_eq!(row["SourceDiskSize"], "50");
    assert_eq!(row["SnapshotName"], "nightly");
    assert_eq!(row["Usage"], "none");
    assert_eq!(row["Tags"]["Tag"][0]["TagValue"], "infra");
    snap().err(
        403,
        "IncorrectDiskStatus.CreatingSnapshot",
        "A previous snapshot creation is in process.",
    );
    s.advance_clock(Duration::from_secs(5));
    let row = &snapshots(&owner, &[("SnapshotIds", &format!("[\"{id}\"]"))])[0];
    assert_eq!(
        (&row["Status"], &row["Progress"]),
        (&"accomplished".into(), &"100%".into())
    );
    assert_eq!(row["Available"], true);
    // A stopped instance's disk, too.
    owner.ecs("StopInstance").p("InstanceId", &vm).ok();
    snap().ok_str("SnapshotId");
    assert_eq!(snapshots(&owner, &[("InstanceId", &vm)]).len(), 2);
}

#[test]
fn a_disk_holds_at_most_256_snapshots() {
    let s = MockServer::builder()
        .scenario_yaml(&WORLD.replace("snapshot_create: 5", "snapshot_create: 0"))
        .unwrap()
        .start_blocking()
        .unwrap();
    let owner = Client::new(&s, O);
    let vm = first_instance(&run(&owner).ok());
    let root = disks(&owner, &[("InstanceId", &vm)])[0]["DiskId"]
        .as_str()
        .unwrap()
        .to_string();
    s.advance_clock(Duration::from_secs(10));
    for _ in 0..256 {
        owner.ecs("CreateSnapshot").p("DiskId", &root).ok();
    }
    owner.ecs("CreateSnapshot").p("DiskId", &root).err(
        403,
        "QuotaExceed.Snapshot",
        "The snapshot quota exceeds.",
    );
    let v = owner.ecs("DescribeSnapshots").p("DiskId", &root).ok();
    assert_eq!(v["TotalCount"], 256);
}

#[test]
fn image_snapshots_are_in_use_until_the_image_is_deleted_and_unknown_ids_are_ignored() {
    let s = server();
    let owner = Client::new(&s, O);
    let vm = first_instance(&run(&owner).p("DataDisk.1.Size", "60").ok());
    s.advance_clock(Duration::from_secs(10));
    let image = owner
        .ecs("CreateImage")
        .p("InstanceId", &vm)
        .p("ImageName", "from-vm")
        .ok_str("ImageId");
    let img = &owner.ecs("DescribeImages").p("ImageId", &image).ok()["Images"]["Image"][0];
    let mapped: Vec<String> = img["DiskDeviceMappings"]["DiskDeviceMapping"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["SnapshotId"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(mapped.len(), 2, "system and data disk");
    let rows = snapshots(&owner, &[("Usage", "image"), ("InstanceId", &vm)]);
    let mut found = ids(&rows, "SnapshotId");
    found.sort();
    let mut want = mapped.clone();
    want.sort();
    assert_eq!(found, want);
    let data = snapshots(&owner, &[("SourceDiskType", "DATA"), ("InstanceId", &vm)]);
    assert_eq!(data[0]["SourceDiskSize"], "60");

    let delete = |id: &str| owner.ecs("DeleteSnapshot").p("SnapshotId", id);
    delete(&mapped[0]).err(
        403,
        "SnapshotCreatedImage",
        "The snapshot has been used to create user defined image(s).",
    );
    owner.ecs("DeleteImage").p("ImageId", &image).ok();
    let kept = snapshots(&owner, &[("InstanceId", &vm)]);
    assert_eq!(kept.len(), 2, "deleting an image keeps its snapshots");
    assert!(kept.iter().all(|k| k["Usage"] == "none"));
    delete(&mapped[0]).ok();
    delete(&mapped[0]).ok();
    delete("s-never-was").ok();
    // Another account's snapshot is not the caller's to delete: ignored, and kept.
    Client::new(&s, X)
        .ecs("DeleteSnapshot")
        .p("SnapshotId", &mapped[1])
        .ok();
    assert_eq!(
        ids(&snapshots(&owner, &[("InstanceId", &vm)]), "SnapshotId"),
        [mapped[1].clone()]
    );
}

#[test]
fn an_image_made_from_a_snapshot_stands_on_that_snapshot() {
    let s = server();
    let owner = Client::new(&s, O);
    let vm = first_instance(&run(&owner).ok());
    s.advance_clock(Duration::from_secs(10));
    let root = disks(&owner, &[("InstanceId", &vm)])[0]["DiskId"]
        .as_str()
        .unwrap()
        .to_string();
    let snap = owner
        .ecs("CreateSnapshot")
        .p("DiskId", &root)
        .ok_str("SnapshotId");
    s.advance_clock(Duration::from_secs(5));
    let image = owner
        .ecs("CreateImage")
        .p("SnapshotId", &snap)
        .ok_str("ImageId");
    let img = &owner.ecs("DescribeImages").p("ImageId", &image).ok()["Images"]["Image"][0];
    let mapping = &img["DiskDeviceMappings"]["DiskDeviceMapping"];
    assert_eq!(mapping.as_array().unwrap().len(), 1);
    assert_eq!(mapping[0]["SnapshotId"], snap.as_str());
    assert_eq!(img["Size"], 50);
    let row = &snapshots(&owner, &[("SnapshotIds", &format!("[\"{snap}\"]"))])[0];
    assert_eq!(row["Usage"], "image");
    owner.ecs("DeleteSnapshot").p("SnapshotId", &snap).err(
        403,
        "SnapshotCreatedImage",
        "The snapshot has been used to create user defined image(s).",
    );
    owner
        .in_region("cn-shanghai")
        .ecs("CreateImage")
        .p("SnapshotId", &snap)
        .err(
            404,
            "InvalidSnapshotId.NotFound",
            "The specified SnapshotId does not exist.",
        );
}

#[test]
fn describe_snapshots_checks_its_filters_and_tags_reach_snapshots_and_disks() {
    let s = server();
    let owner = Client::new(&s, O);
    let describe = |k: &str, v: &str| owner.ecs("DescribeSnapshots").p(k, v);
    describe("Status", "done").err(
        404,
        "InvalidStatus.NotFound",
        "The specified Status is not found",
    );
    describe("Usage", "backup").err(404, "InvalidUsage", "The specifed Usage is not valid");
    describe("SourceDiskType", "boot").err(
        404,
        "InvalidSourceDiskType",
        "The specifed SourceDiskType is not valid",
    );
    describe("DryRun", "true").err(
        400,
        "DryRunOperation",
        "Request validation has been passed with DryRun flag set.",
    );
    describe("SnapshotType", "manual").err(
        404,
        "InvalidSnapshotType.NotFound",
        "The specfied SnapshotType is not found",
    );
    let many: Vec<String> = (0..101).map(|i| format!("\"s-{i}\"")).collect();
    describe("SnapshotIds", &format!("[{}]", many.join(","))).err(
        403,
        "InvalidSnapshotIds.Malformed",
        "The amount of specified specified snapshot Ids exceeds the limit.",
    );
    // The scenario images' snapshots are there, accomplished and behind their images.
    let seeded = snapshots(&owner, &[]);
    let mut seeded_ids = ids(&seeded, "SnapshotId");
    seeded_ids.sort();
    assert_eq!(seeded_ids, ["s-base", "s-two", "s-twod1"]);
    assert!(seeded
        .iter()
        .all(|r| r["Status"] == "accomplished" && r["Usage"] == "image"));
    assert_eq!(snapshots(&owner, &[("SnapshotType", "auto")]).len(), 0);
    // Python's list text, as footmark sends it, reads like the JSON array.
    let quoted = snapshots(&owner, &[("SnapshotIds", "['s-base', 's-two']")]);
    assert_eq!(quoted.len(), 2);
    assert_eq!(snapshots(&owner, &[("SourceDiskType", "data")]).len(), 1);

    let tag = |kind: &str, id: &str| {
        owner
            .ecs("AddTags")
            .p("ResourceType", kind)
            .p("ResourceId", id)
            .p("Tag.1.Key", "env")
            .p("Tag.1.Value", "ci")
    };
    tag("snapshot", "s-base").ok();
    let tagged = snapshots(&owner, &[("Tag.1.Key", "env"), ("Tag.1.Value", "ci")]);
    assert_eq!(ids(&tagged, "SnapshotId"), ["s-base"]);
    let vm = first_instance(&run(&owner).ok());
    let root = disks(&owner, &[("InstanceId", &vm)])[0]["DiskId"]
        .as_str()
        .unwrap()
        .to_string();
    tag("disk", &root).ok();
    assert_eq!(disks(&owner, &[("Tag.1.Key", "env")]).len(), 1);
    Client::new(&s, X)
        .ecs("AddTags")
        .p("ResourceType", "disk")
        .p("ResourceId", &root)
        .p("Tag.1.Key", "env")
        .err(
            404,
            "InvalidResourceId.NotFound",
            "The specified ResourceId is not found in our records.",
        );
}

#[test]
fn a_copy_has_snapshots_in_its_region_that_a_cancelled_copy_takes_along() {
    let s = MockServer::builder()
        .scenario_yaml(&WORLD.replace("snapshot_create: 5", "image_copy: 60"))
        .unwrap()
        .start_blocking()
        .unwrap();
    let owner = Client::new(&s, O);
    let copy = owner
        .ecs("CopyImage")
        .p("ImageId", "m-two")
        .p("DestinationRegionId", "cn-shanghai")
        .ok_str("ImageId");
    let sh = owner.in_region("cn-shanghai");
    let rows = snapshots(&sh, &[]);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows
        .iter()
        .all(|r| r["Status"] == "progressing" && r["Usage"] == "image"));
    sh.ecs("CancelCopyImage").p("ImageId", &copy).ok();
    assert_eq!(snapshots(&sh, &[]).len(), 0);
}

#[test]
fn allocate_public_ip_address_gives_one_address_to_a_settled_instance_with_bandwidth() {
    let s = server();
    let owner = Client::new(&s, O);
    let classic = first_instance(&run(&owner).p("InternetMaxBandwidthOut", "5").ok());
    let allocate = |id: &str| {
        owner
            .call("2014-05-26", "AllocatePublicIpAddress")
            .p("InstanceId", id)
    };
    allocate(&classic).err(
        403,
        "IncorrectInstanceStatus",
        "The current status of the resource does not support this operation.",
    );
    s.advance_clock(Duration::from_secs(10));
    allocate(&classic).p("IpAddress", "47.1.2.3").err(
        400,
        "InvalidIpAddress.Malformed",
        "The specified parameter \"IpAddress\" is not valid.",
    );
    let ip = allocate(&classic).ok_str("IpAddress");
    assert!(ip.starts_with("47."), "{ip}");
    allocate(&classic).err(
        403,
        "AllocatedAlready",
        "There is an IpAddress allocated already for the specified instance.",
    );
    let row = &owner
        .ecs("DescribeInstances")
        .p("InstanceIds", &format!("[\"{classic}\"]"))
        .ok()["Instances"]["Instance"][0];
    assert_eq!(row["PublicIpAddress"]["IpAddress"][0], ip.as_str());
    assert_eq!(row["InternetMaxBandwidthOut"], 5);

    let no_bandwidth = first_instance(&run(&owner).ok());
    s.advance_clock(Duration::from_secs(10));
    allocate(&no_bandwidth).err(
        400,
        "AllocateIpInvalidInstanceBandwidth",
        "OperationDenied The InternetMaxBandwidthOut of the specified instance cannot be less than 0.",
    );
    allocate("i-nope").err(
        404,
        "InvalidInstanceId.NotFound",
        "The specified InstanceId does not exist.",
    );

    // A VPC instance with an EIP bound gets no public address.
    let vpc = owner.ecs("CreateVpc").ok_str("VpcId");
    let vsw = owner
        .ecs("CreateVSwitch")
        .p("VpcId", &vpc)
        .p("ZoneId", "cn-hangzhou-h")
        .p("CidrBlock", "172.16.0.0/24")
        .ok_str("VSwitchId");
    let in_vpc = first_instance(
        &run(&owner)
            .p("VSwitchId", &vsw)
            .p("InternetMaxBandwidthOut", "5")
            .ok(),
    );
    s.advance_clock(Duration::from_secs(10));
    let eip = owner.ecs("AllocateEipAddress").ok_str("AllocationId");
    owner
        .ecs("AssociateEipAddress")
        .p("AllocationId", &eip)
        .p("InstanceId", &in_vpc)
        .ok();
    allocate(&in_vpc).err(
        400,
        "OperationDenied",
        "Specified operation is denied as your instance is in VPC.",
    );
}

#[test]
fn describe_image_from_family_answers_the_newest_available_own_image_of_the_family() {
    let s = MockServer::builder()
        .scenario_yaml(&WORLD.replace("snapshot_create: 5", "image_create: 30"))
        .unwrap()
        .start_blocking()
        .unwrap();
    let owner = Client::new(&s, O);
    let vm = first_instance(&run(&owner).ok());
    s.advance_clock(Duration::from_secs(10));
    let family = || owner.ecs("DescribeImageFromFamily").p("ImageFamily", "web");
    assert_eq!(family().ok()["Image"], serde_json::json!({}));
    let make = |name: &str| {
        owner
            .ecs("CreateImage")
            .p("InstanceId", &vm)
            .p("ImageName", name)
            .p("ImageFamily", "web")
            .ok_str("ImageId")
    };
    let first = make("web-1");
    assert_eq!(
        family().ok()["Image"],
        serde_json::json!({}),
        "still Creating"
    );
    s.advance_clock(Duration::from_secs(30));
    let second = make("web-2");
    let got = family().ok();
    assert_eq!(got["Image"]["ImageId"], first.as_str());
    assert_eq!(got["Image"]["ImageFamily"], "web");
    assert_eq!(got["Image"]["ImageOwnerAlias"], "self");
    s.advance_clock(Duration::from_secs(30));
    assert_eq!(family().ok()["Image"]["ImageId"], second.as_str());
    // Another account sees nothing of the owner's family.
    let other = Client::new(&s, X)
        .ecs("DescribeImageFromFamily")
        .p("ImageFamily", "web")
        .ok();
    assert_eq!(other["Image"], serde_json::json!({}));
    owner
        .ecs("DescribeImageFromFamily")
        .p("ImageFamily", "web")
        .p("RegionId", "mars-1")
        .err(
            404,
            "InvalidRegionId.NotFound",
            "The specified RegionId does not exist.",
        );
}

#[test]
fn describe_instance_types_lists_the_catalogue_with_its_figures_and_filters() {
    let s = server();
    let owner = Client::new(&s, O);
    let types = |filters: &[(&str, &str)]| {
        let mut call = owner.ecs("DescribeInstanceTypes");
        for (k, v) in filters {
            call = call.p(k, v);
        }
        call.ok()["InstanceTypes"]["InstanceType"]
            .as_array()
            .unwrap()
            .clone()
    };
    let all = types(&[]);
    assert_eq!(all.len(), 30);
    // Every type DescribeZones offers is described.
    let zone = &owner.ecs("DescribeZones").ok()["Zones"]["Zone"][0];
    let offered = zone["AvailableInstanceTypes"]["InstanceTypes"]
        .as_array()
        .unwrap();
    assert_eq!(offered.len(), all.len());
    let g7 = &types(&[("InstanceTypes.1", "ecs.g7.large")])[0];
    assert_eq!(g7["InstanceTypeId"], "ecs.g7.large");
    assert_eq!(g7["InstanceTypeFamily"], "ecs.g7");
    assert_eq!(
        (&g7["CpuCoreCount"], &g7["MemorySize"]),
        (&2.into(), &8.0.into())
    );
    assert_eq!(g7["InstanceCategory"], "General-purpose");
    assert_eq!(g7["InstanceFamilyLevel"], "EnterpriseLevel");
    let small = &types(&[("InstanceTypes.1", "ecs.t5-lc1m1.small")])[0];
    assert_eq!(small["InstanceTypeFamily"], "ecs.t5");
    assert_eq!(small["InstanceFamilyLevel"], "CreditEntryLevel");
    assert_eq!(small["MemorySize"], 1.0);
    let gpu = types(&[("MinimumGPUAmount", "1")]);
    assert_eq!(ids(&gpu, "InstanceTypeId"), ["ecs.gn6i-c4g1.xlarge"]);
    assert_eq!(gpu[0]["GPUSpec"], "NVIDIA T4");
    let big = types(&[
        ("MinimumCpuCoreCount", "16"),
        ("InstanceTypeFamily", "ecs.g7"),
    ]);
    assert_eq!(
        ids(&big, "InstanceTypeId"),
        ["ecs.g7.4xlarge", "ecs.g7.8xlarge"]
    );
    let memory = types(&[("MinimumMemorySize", "64"), ("MaximumMemorySize", "64")]);
    assert_eq!(
        ids(&memory, "InstanceTypeId"),
        ["ecs.g7.4xlarge", "ecs.r7.2xlarge"]
    );
    assert_eq!(types(&[("CpuArchitecture", "ARM")]).len(), 0);
    let page = owner
        .ecs("DescribeInstanceTypes")
        .p("MaxResults", "25")
        .ok();
    assert_eq!(page["NextToken"], "25");
    let rest = owner.ecs("DescribeInstanceTypes").p("NextToken", "25").ok();
    assert_eq!(
        rest["InstanceTypes"]["InstanceType"]
            .as_array()
            .unwrap()
            .len(),
        5
    );
    assert_eq!(rest["NextToken"], "");
    owner
        .ecs("DescribeInstanceTypes")
        .p("MinimumMemorySize", "lots")
        .err(
            400,
            "InvalidParameter",
            "The specified parameter \"MinimumMemorySize\" is not valid.",
        );
}

#[test]
fn describe_image_support_instance_types_lists_the_types_of_the_image_architecture() {
    let s = MockServer::builder()
        .scenario_yaml(&format!(
            "{WORLD}  - {{ id: m-arm, owner: owner, region: cn-hangzhou, name: arm, architecture: arm64 }}\n"
        ))
        .unwrap()
        .start_blocking()
        .unwrap();
    let owner = Client::new(&s, O);
    let support = |id: &str| {
        owner
            .ecs("DescribeImageSupportInstanceTypes")
            .p("ImageId", id)
    };
    let v = support("m-base").ok();
    assert_eq!(
        (&v["ImageId"], &v["RegionId"]),
        (&"m-base".into(), &"cn-hangzhou".into())
    );
    let types = v["InstanceTypes"]["InstanceType"].as_array().unwrap();
    assert_eq!(types.len(), 30);
    let g7 = types
        .iter()
        .find(|t| t["InstanceTypeId"] == "ecs.g7.large")
        .unwrap();
    assert_eq!(
        (
            &g7["CpuCoreCount"],
            &g7["MemorySize"],
            &g7["InstanceTypeFamily"]
        ),
        (&2.into(), &8.0.into(), &"ecs.g7".into())
    );
    assert_eq!(
        support("m-arm").ok()["InstanceTypes"]["InstanceType"],
        serde_json::json!([])
    );
    // The filter form names the image too.
    let by_filter = owner
        .ecs("DescribeImageSupportInstanceTypes")
        .p("Filter.1.Key", "imageId")
        .p("Filter.1.Value", "m-base")
        .ok();
    assert_eq!(by_filter["ImageId"], "m-base");
    Client::new(&s, X)
        .ecs("DescribeImageSupportInstanceTypes")
        .p("ImageId", "m-base")
        .err(400, "InvalidParamter", "Invalid Parameter");
    support("m-base")
        .p("ActionType", "Resize")
        .err(400, "InvalidParamter", "Invalid Parameter");
}
