"""footmark (the library behind Ansible's ali_image and ali_image_info modules), unmodified from
PyPI, reaching the mock through the legacy core's public custom-endpoint API."""
import pytest
from aliyunsdkcore.profile import region_provider
from conftest import OWNER

PLAIN = "m-bp1plain00000000001"
PAID = "m-bp1paid000000000001"


@pytest.fixture
def ecs(fresh_mock):
    import footmark.ecs

    mock = fresh_mock()
    region_provider.add_endpoint("Ecs", "cn-hangzhou", mock.endpoint)
    return footmark.ecs.connect_to_region(
        "cn-hangzhou", acs_access_key_id=OWNER[0], acs_secret_access_key=OWNER[1]
    )


def test_get_all_images_with_several_ids_returns_each(ecs):
    images = ecs.get_all_images(image_id=",".join([PLAIN, PAID]))
    assert sorted(i.id for i in images) == [PAID, PLAIN]
    assert ecs.get_all_images(image_id="m-nope") == []


def test_an_image_from_a_snapshot(ecs):
    from aliyunsdkecs.request.v20140526.CreateSnapshotRequest import CreateSnapshotRequest
    from aliyunsdkecs.request.v20140526.DescribeDisksRequest import DescribeDisksRequest
    from aliyunsdkecs.request.v20140526.RunInstancesRequest import RunInstancesRequest
    import json

    from conftest import legacy_client

    client = legacy_client(OWNER)
    run = RunInstancesRequest()
    run.set_ImageId(PLAIN)
    run.set_InstanceType("ecs.g7.large")
    iid = json.loads(client.do_action_with_exception(run))["InstanceIdSets"]["InstanceIdSet"][0]
    disks = DescribeDisksRequest()
    disks.set_InstanceId(iid)
    disk = json.loads(client.do_action_with_exception(disks))["Disks"]["Disk"][0]["DiskId"]
    snap = CreateSnapshotRequest()
    snap.set_DiskId(disk)
    snapshot = json.loads(client.do_action_with_exception(snap))["SnapshotId"]

    changed, image_id, results, _ = ecs.create_image(
        snapshot_id=snapshot, image_name="from-footmark", image_version="3", wait=True, wait_timeout=30
    )
    assert changed, results
    [image] = ecs.get_all_images(image_id=image_id)
    assert (image.name, image.image_version, image.status) == ("from-footmark", "3", "Available")
