"""Disks, snapshots, public addresses, image families and instance types through the real
SDKs; raw answers (legacy client) are checked against the new SDK's response models."""
import json

import pytest
from alibabacloud_ecs20140526 import models as m
from alibabacloud_tea_openapi.exceptions import ClientException
from conftest import OWNER, assert_whole, ecs_client, legacy_raw

HZ = "cn-hangzhou"
PLAIN = "m-bp1plain00000000001"


def test_disks_snapshots_and_an_image_on_a_snapshot(fresh_mock):
    from aliyunsdkecs.request.v20140526.DescribeDisksRequest import DescribeDisksRequest
    from aliyunsdkecs.request.v20140526.DescribeSnapshotsRequest import DescribeSnapshotsRequest

    mock = fresh_mock()
    ecs = ecs_client(mock, OWNER)
    run = ecs.run_instances(
        m.RunInstancesRequest(
            region_id=HZ,
            image_id=PLAIN,
            instance_type="ecs.g7.large",
            system_disk=m.RunInstancesRequestSystemDisk(category="cloud_essd", size=60),
            data_disk=[m.RunInstancesRequestDataDisk(size=100, delete_with_instance=False)],
        )
    ).body
    iid = run.instance_id_sets.instance_id_set[0]

    # Placement is answered only when asked for.
    raw = legacy_raw(mock, DescribeDisksRequest(), RegionId=HZ, InstanceId=iid)
    assert "Placement" not in raw["Disks"]["Disk"][0]
    raw = legacy_raw(mock, DescribeDisksRequest(), RegionId=HZ, InstanceId=iid, **{"AdditionalAttributes.1": "Placement"})
    assert_whole(m.DescribeDisksResponseBody(), raw)
    typed = ecs.describe_disks(m.DescribeDisksRequest(region_id=HZ, instance_id=iid, disk_type="system")).body
    root = typed.disks.disk[0]
    assert (root.category, root.size, root.status, root.type) == ("cloud_essd", 60, "In_use", "system")

    snap = ecs.create_snapshot(m.CreateSnapshotRequest(disk_id=root.disk_id, snapshot_name="golden")).body
    assert snap.snapshot_id.startswith("s-")
    raw = legacy_raw(mock, DescribeSnapshotsRequest(), RegionId=HZ, SnapshotIds=json.dumps([snap.snapshot_id]))
    assert_whole(m.DescribeSnapshotsResponseBody(), raw)
    row = raw["Snapshots"]["Snapshot"][0]
    assert (row["Status"], row["Progress"], row["SourceDiskSize"]) == ("accomplished", "100%", "60")

    image = ecs.create_image(m.CreateImageRequest(region_id=HZ, snapshot_id=snap.snapshot_id)).body.image_id
    with pytest.raises(ClientException) as e:
        ecs.delete_snapshot(m.DeleteSnapshotRequest(snapshot_id=snap.snapshot_id))
    assert (e.value.code, e.value.status_code) == ("SnapshotCreatedImage", 403)
    assert e.value.data["Message"] == "The snapshot has been used to create user defined image(s)."
    ecs.delete_image(m.DeleteImageRequest(region_id=HZ, image_id=image))
    ecs.delete_snapshot(m.DeleteSnapshotRequest(snapshot_id=snap.snapshot_id))
    left = ecs.describe_snapshots(m.DescribeSnapshotsRequest(region_id=HZ, instance_id=iid)).body
    assert left.total_count == 0


def test_public_address_and_image_family(fresh_mock):
    from aliyunsdkecs.request.v20140526.DescribeImageFromFamilyRequest import DescribeImageFromFamilyRequest
    from aliyunsdkecs.request.v20140526.DescribeImagesRequest import DescribeImagesRequest

    mock = fresh_mock()
    ecs = ecs_client(mock, OWNER)
    iid = ecs.create_instance(
        m.CreateInstanceRequest(
            region_id=HZ, image_id=PLAIN, instance_type="ecs.g7.large", internet_max_bandwidth_out=5
        )
    ).body.instance_id
    ip = ecs.allocate_public_ip_address(m.AllocatePublicIpAddressRequest(instance_id=iid)).body.ip_address
    attr = ecs.describe_instance_attribute(m.DescribeInstanceAttributeRequest(instance_id=iid)).body
    assert attr.public_ip_address.ip_address == [ip]
    with pytest.raises(ClientException) as e:
        ecs.allocate_public_ip_address(m.AllocatePublicIpAddressRequest(instance_id=iid))
    assert (e.value.code, e.value.status_code) == ("AllocatedAlready", 403)

    ecs.create_image(m.CreateImageRequest(region_id=HZ, instance_id=iid, image_family="web"))
    raw = legacy_raw(mock, DescribeImageFromFamilyRequest(), RegionId=HZ, ImageFamily="web")
    assert raw["Image"]["ImageFamily"] == "web"
    assert_whole(m.DescribeImageFromFamilyResponseBody(), raw)
    raw = legacy_raw(mock, DescribeImagesRequest(), RegionId=HZ, ImageId=raw["Image"]["ImageId"])
    assert_whole(m.DescribeImagesResponseBody(), raw)
    typed = ecs.describe_image_from_family(m.DescribeImageFromFamilyRequest(region_id=HZ, image_family="web")).body
    assert typed.image.image_owner_alias == "self"
    assert typed.image.disk_device_mappings.disk_device_mapping[0].type == "system"


def test_instance_types_have_every_field_of_the_sdk_model(mock):
    from aliyunsdkecs.request.v20140526.DescribeInstanceTypesRequest import DescribeInstanceTypesRequest

    raw = legacy_raw(mock, DescribeInstanceTypesRequest(), **{"InstanceTypes.1": "ecs.g7.large", "InstanceTypes.2": "ecs.t5-lc1m1.small"})
    assert_whole(m.DescribeInstanceTypesResponseBody(), raw)
    typed = ecs_client(mock, OWNER).describe_instance_types(
        m.DescribeInstanceTypesRequest(instance_type_family="ecs.r7", minimum_cpu_core_count=4)
    ).body
    assert [(t.instance_type_id, t.cpu_core_count, t.memory_size) for t in typed.instance_types.instance_type] == [
        ("ecs.r7.xlarge", 4, 32.0),
        ("ecs.r7.2xlarge", 8, 64.0),
    ]
