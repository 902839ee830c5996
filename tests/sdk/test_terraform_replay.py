"""Replays of the Terraform alicloud provider's calls for alicloud_image, alicloud_image_copy,
alicloud_image_share_permission, alicloud_image_import and alicloud_image_export (Terraform
cannot run here). Each step sends the action and parameters the provider's source sends
(resource_alicloud_image*.go, service_alicloud_ecs.go, tags.go in
aliyun/terraform-provider-alicloud), through the legacy SDK's generic client, polls the
way its state waits do (the mock clock is advanced by the provider's poll interval between
tries), and asserts the fields the provider reads."""
import json
import pathlib
import urllib.request

import pytest
from aliyunsdkcore.acs_exception.exceptions import ServerException
from aliyunsdkcore.request import CommonRequest
from conftest import MEMBER_ID
from conftest import OWNER, legacy_client

ROOT = pathlib.Path(__file__).resolve().parents[2]
REGION = "cn-hangzhou"
SOURCE = "m-bp1plain00000000001"
# The provider's image status list (DescribeImageById).
STATUSES = "Creating,Waiting,Available,UnAvailable,CreateFailed"
SLOW = """
name: replay-slow
clock: manual
delays: { image_create: 90, image_copy: 150, image_import: 120, image_export: 200 }
"""


class Provider:
    """The calls of one provider configuration: the owner's key, region cn-hangzhou."""

    def __init__(self, mock):
        self.mock = mock
        self.client = legacy_client(OWNER)
        self.calls = []

    def call(self, action, region=REGION, **params):
        r = CommonRequest(domain=self.mock.endpoint, version="2014-05-26", action_name=action)
        r.set_protocol_type("http")
        r.set_method("POST")
        if region:
            r.add_query_param("RegionId", region)
        for k, v in params.items():
            r.add_query_param(k, v)
        self.calls.append(action)
        return json.loads(self.client.do_action_with_exception(r))

    def advance(self, seconds):
        req = urllib.request.Request(
            self.mock.url + "/_mock/clock",
            data=json.dumps({"advance_seconds": seconds}).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        urllib.request.urlopen(req).read()

    def wait(self, refresh, pending, target, interval, tries=30):
        """BuildStateConf(pending, target, ..., interval, refresh).WaitForState(): an empty
        target means "until not found"; a state in neither list is an error when pending
        is given."""
        for _ in range(tries):
            state = refresh()
            if state in target or (not target and state == ""):
                return state
            assert not pending or state in pending, f"unexpected state {state!r}"
            self.advance(interval)
        raise AssertionError("wait timed out")

    # service_alicloud_ecs.go DescribeImageById
    def image(self, image_id, region=REGION):
        body = self.call("DescribeImages", region=region, ImageId=image_id, Status=STATUSES)
        images = body["Images"]["Image"]
        return images[0] if images else None

    def image_state(self, image_id, region=REGION):
        return lambda: (self.image(image_id, region) or {}).get("Status", "")

    # service_alicloud_ecs.go ListTagResources: loops while NextToken is present
    def tags(self, resource_id, kind="image"):
        params = {"ResourceType": kind, "ResourceId.1": resource_id}
        out = {}
        while True:
            body = self.call("ListTagResources", **params)
            for t in body["TagResources"]["TagResource"]:
                out[t["TagKey"]] = t["TagValue"]
            if "NextToken" not in body:
                return out
            params["NextToken"] = body["NextToken"]


@pytest.fixture
def tf(fresh_mock, tmp_path):
    slow = tmp_path / "slow.yaml"
    slow.write_text(SLOW)
    mock = fresh_mock("--scenario", str(ROOT / "scenarios" / "default.yaml"), "--scenario", str(slow))
    return Provider(mock)


def test_alicloud_image_create_read_update_delete(tf):
    # An instance to image: DescribeInstance must find it Running or Stopped.
    iid = tf.call("RunInstances", ImageId=SOURCE, InstanceType="ecs.g7.large")["InstanceIdSets"]["InstanceIdSet"][0]
    instance = tf.call("DescribeInstances", InstanceIds=json.dumps([iid]))["Instances"]["Instance"][0]
    assert instance["Status"] in ("Running", "Stopped")

    # Create: CreateImage with the provider's parameters, then wait Creating -> Available
    # every minute, CreateFailed and UnAvailable failing.
    created = tf.call(
        "CreateImage",
        InstanceId=iid,
        **{"Tag.1.Key": "team", "Tag.1.Value": "web"},
        ResourceGroupId="",
        Platform="",
        ImageName="tf-image",
        Description="by terraform",
        Architecture="x86_64",
    )
    image_id = created["ImageId"]
    assert tf.wait(tf.image_state(image_id), ["Creating"], ["Available"], 60) == "Available"

    # Read: the fields the provider sets, then its tags.
    def read():
        img = tf.image(image_id)
        mapping = img["DiskDeviceMappings"]["DiskDeviceMapping"]
        return {
            "resource_group_id": img["ResourceGroupId"],
            "platform": img["Platform"],
            "image_name": img["ImageName"],
            "description": img["Description"],
            "architecture": img["Architecture"],
            "disk_device_mapping": [
                (m["Device"], int(m["Size"]), m["SnapshotId"], m["Type"]) for m in mapping
            ],
            "tags": tf.tags(image_id),
        }

    state = read()
    assert state["image_name"] == "tf-image" and state["description"] == "by terraform"
    assert state["architecture"] == "x86_64" and state["platform"] == "CentOS"
    assert state["disk_device_mapping"][0][0] == "/dev/xvda" and state["disk_device_mapping"][0][3] == "system"
    assert state["tags"] == {"team": "web"}
    assert state["resource_group_id"] == ""
    # A second read plans nothing: the same answers.
    assert read() == state

    # Update: tags (UntagResources for removed or changed keys, then TagResources),
    # ModifyImageAttribute for name/description, JoinResourceGroup for the group.
    tf.call("UntagResources", ResourceType="image", **{"ResourceId.1": image_id, "TagKey.1": "team"})
    tf.call(
        "TagResources",
        ResourceType="image",
        **{"ResourceId.1": image_id, "Tag.1.Key": "team", "Tag.1.Value": "api", "Tag.2.Key": "env", "Tag.2.Value": "ci"},
    )
    tf.call("ModifyImageAttribute", ImageId=image_id, Description="updated", ImageName="tf-image-2")
    tf.call("JoinResourceGroup", ResourceType="image", ResourceId=image_id, ResourceGroupId="rg-acfm0001")
    state = read()
    assert state["tags"] == {"team": "api", "env": "ci"}
    assert (state["image_name"], state["description"]) == ("tf-image-2", "updated")
    assert state["resource_group_id"] == "rg-acfm0001"

    # Delete: DescribeImageById, DeleteImage, then wait until it is not found (every 3 s).
    assert tf.image(image_id)["ImageId"] == image_id
    tf.call("DeleteImage", ImageId=image_id)
    assert tf.wait(tf.image_state(image_id), [], [], 3) == ""


def test_alicloud_image_copy_waits_in_the_destination_region(tf):
    created = tf.call(
        "CopyImage",
        ImageId=SOURCE,
        DestinationRegionId="cn-shanghai",
        DestinationImageName="tf-copy",
        DestinationDescription="copied",
        Encrypted="false",
        **{"Tag.1.Key": "k", "Tag.1.Value": "v"},
    )
    copy = created["ImageId"]
    # Pending Creating/Waiting, target Available, polled in the destination every minute.
    state = tf.wait(tf.image_state(copy, "cn-shanghai"), ["Creating", "Waiting"], ["Available"], 60)
    assert state == "Available"
    img = tf.image(copy, "cn-shanghai")
    assert (img["ImageName"], img["Description"], img["IsCopied"]) == ("tf-copy", "copied", True)
    assert tf.tags(copy) == {} and tf.call("ListTagResources", region="cn-shanghai", ResourceType="image", **{"ResourceId.1": copy})["TagResources"]["TagResource"][0]["TagKey"] == "k"
    tf.call("DeleteImage", region="cn-shanghai", ImageId=copy)
    assert tf.wait(tf.image_state(copy, "cn-shanghai"), [], [], 3) == ""


def test_alicloud_image_share_permission(tf):
    tf.call("ModifyImageSharePermission", ImageId=SOURCE, **{"AddAccount.1": MEMBER_ID})
    # Read: DescribeImageShareByImageId (no paging); ImageId comes from the answer.
    body = tf.call("DescribeImageSharePermission", ImageId=SOURCE)
    assert body["ImageId"] == SOURCE
    assert [a["AliyunId"] for a in body["Accounts"]["Account"]] == [MEMBER_ID]
    tf.call("ModifyImageSharePermission", ImageId=SOURCE, **{"RemoveAccount.1": MEMBER_ID})
    body = tf.call("DescribeImageSharePermission", ImageId=SOURCE)
    assert body["Accounts"]["Account"] == []


def test_alicloud_image_import_and_export(tf):
    # The default scenario's owner has no import role: the provider surfaces the error.
    with pytest.raises(ServerException) as e:
        tf.call(
            "ImportImage",
            **{"DiskDeviceMapping.1.OSSBucket": "b", "DiskDeviceMapping.1.OSSObject": "o.qcow2"},
        )
    assert (e.value.get_error_code(), e.value.get_http_status()) == ("NoSetRoletoECSServiceAcount", 403)
    # The roles, created as the documented RAM setup does.
    for role in ("AliyunECSImageImportDefaultRole", "AliyunECSImageExportDefaultRole"):
        r = CommonRequest(domain=tf.mock.endpoint, version="2015-05-01", action_name="CreateRole")
        r.set_protocol_type("http")
        r.add_query_param("RoleName", role)
        r.add_query_param(
            "AssumeRolePolicyDocument",
            json.dumps({"Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": ["ecs.aliyuncs.com"]}}], "Version": "1"}),
        )
        tf.client.do_action_with_exception(r)
    made = tf.call(
        "ImportImage",
        ImageName="tf-imported",
        Description="from oss",
        Architecture="x86_64",
        OSType="linux",
        Platform="Ubuntu",
        BootMode="BIOS",
        LicenseType="Auto",
        **{
            "DiskDeviceMapping.1.Format": "QCOW2",
            "DiskDeviceMapping.1.OSSBucket": "tf-bucket",
            "DiskDeviceMapping.1.OSSObject": "ubuntu.qcow2",
            "DiskDeviceMapping.1.DiskImageSize": "40",
        },
    )
    image_id = made["ImageId"]
    assert tf.wait(tf.image_state(image_id), ["Creating", "Waiting"], ["Available"], 60) == "Available"
    img = tf.image(image_id)
    mapping = img["DiskDeviceMappings"]["DiskDeviceMapping"][0]
    # The import resource reads these back (Size through strconv.Atoi).
    assert (mapping["Format"], mapping["ImportOSSBucket"], mapping["ImportOSSObject"], int(mapping["Size"])) == (
        "QCOW2",
        "tf-bucket",
        "ubuntu.qcow2",
        40,
    )
    assert (img["ImageName"], img["Platform"], img["OSType"]) == ("tf-imported", "Ubuntu", "linux")

    # Export: ExportImage, then DescribeTaskAttribute without RegionId every 2 minutes,
    # Waiting/Processing -> Finished.
    task = tf.call("ExportImage", ImageId=image_id, OSSBucket="tf-bucket", OSSPrefix="tf")["TaskId"]

    def task_state():
        return tf.call("DescribeTaskAttribute", region=None, TaskId=task)["TaskStatus"]

    assert tf.wait(task_state, ["Waiting", "Processing"], ["Finished"], 120) == "Finished"
    t = tf.call("DescribeTaskAttribute", region=None, TaskId=task)
    assert (t["TaskId"], t["TaskAction"]) == (task, "ExportImage")


def test_alicloud_images_data_source(tf):
    # Sixty of the owner's images, so the data source's paging (PageSize 100, stop at a page
    # shorter than 50) and most_recent both have work.
    for n in range(60):
        tf.call("CreateImage", SnapshotId="s-bp1plain00000000001", ImageName=f"app-{n:02}")
        tf.advance(90)
    tf.call("TagResources", ResourceType="image", **{"ResourceId.1": SOURCE, "Tag.1.Key": "env", "Tag.1.Value": "prod"})
    images, page = [], 1
    while True:
        body = tf.call("DescribeImages", PageNumber=str(page), PageSize="100", ImageOwnerAlias="self")
        got = body["Images"]["Image"]
        if not got:
            break
        images.extend(got)
        if len(got) < 50:
            break
        page += 1
    assert len(images) == 64, len(images)  # the sixty and the scenario's four in cn-hangzhou
    import re
    from datetime import datetime

    matched = [i for i in images if re.match(r"^app-", i["ImageName"])]
    newest = max(matched, key=lambda i: datetime.strptime(i["CreationTime"], "%Y-%m-%dT%H:%M:%SZ"))
    assert newest["ImageName"] == "app-59"
    for field in ("Architecture", "Description", "ImageOwnerAlias", "OSName", "OSNameEn", "OSType", "Platform", "Status", "IsSelfShared", "ImageVersion", "Progress", "Usage", "ProductCode"):
        assert isinstance(newest[field], str), field
    for field in ("IsSubscribed", "IsCopied", "IsSupportIoOptimized"):
        assert isinstance(newest[field], bool), field
    assert isinstance(newest["Size"], int)
    # imageTagsMappings: DescribeTags per image; an error would only mean no tags.
    tags = tf.call("DescribeTags", ResourceType="image", ResourceId=SOURCE)["Tags"]["Tag"]
    assert [(t["TagKey"], t["TagValue"]) for t in tags] == [("env", "prod")]
    assert tf.call("DescribeTags", ResourceType="image", ResourceId=newest["ImageId"])["Tags"]["Tag"] == []
