"""Quota Center, RAM, Simple Application Server and billing through the real SDKs."""
import json
import urllib.request

import pytest
from alibabacloud_ecs20140526 import models as ecs_m
from alibabacloud_quotas20200510 import models as q_m
from alibabacloud_quotas20200510.client import Client as QuotasClient
from alibabacloud_ram20150501 import models as ram_m
from alibabacloud_ram20150501.client import Client as RamClient
from alibabacloud_swas_open20200601 import models as swas_m
from alibabacloud_swas_open20200601.client import Client as SwasClient
from alibabacloud_tea_openapi.exceptions import ClientException
from alibabacloud_tea_openapi.models import Config
from conftest import MEMBER, MEMBER_ID, OWNER, OWNER_ID, ROOT, ecs_client

SC = ROOT / "scenarios"


def cfg(mock, key, algorithm=None, region="cn-hangzhou"):
    c = Config(access_key_id=key[0], access_key_secret=key[1], endpoint=mock.endpoint, protocol="http", region_id=region)
    if algorithm:
        c.signature_algorithm = algorithm
    return c


def state(mock):
    with urllib.request.urlopen(mock.url + "/_mock/state") as r:
        return json.loads(r.read())


@pytest.mark.parametrize("algorithm", [None, "v2"])
def test_quota_exhausted_then_approved_then_one_more_share(fresh_mock, algorithm):
    mock = fresh_mock("--scenario", str(SC / "share-quota.yaml"))
    key = ("LTAI5tSqOwner00000001", "sq-owner-secret")
    ecs = ecs_client(mock, key, signature_algorithm=algorithm)
    image = "m-bp1sqimage000000001"

    def share(account):
        ecs.modify_image_share_permission(ecs_m.ModifyImageSharePermissionRequest(
            region_id="cn-hangzhou", image_id=image, add_account=[account]))

    share("1200000000000003")
    with pytest.raises(ClientException) as e:
        share("1200000000000004")
    assert (e.value.code, e.value.status_code) == ("QuotaExceed.ShareImageUser", 403)

    quotas = QuotasClient(cfg(mock, key, algorithm))
    dims = [q_m.CreateQuotaApplicationRequestDimensions(key="regionId", value="cn-hangzhou")]
    app = quotas.create_quota_application(q_m.CreateQuotaApplicationRequest(
        product_code="ecs", quota_action_code="q_share-image-users", desire_value=3,
        reason="a third partner", dimensions=dims)).body
    assert app.status == "Agree"
    assert app.approve_value == 3
    got = quotas.get_quota_application(q_m.GetQuotaApplicationRequest(application_id=app.application_id)).body
    assert got.quota_application.status == "Agree"
    listed = quotas.list_product_quotas(q_m.ListProductQuotasRequest(product_code="ecs")).body
    share_quota = [x for x in listed.quotas if x.quota_action_code == "q_share-image-users"][0]
    assert share_quota.total_quota == 3

    share("1200000000000004")


def test_role_missing_then_created_then_encrypted_share_succeeds(fresh_mock):
    mock = fresh_mock("--scenario", str(SC / "encrypted-images.yaml"))
    key = ("LTAI5tEnNoRole0000001", "en-norole-secret")
    ecs = ecs_client(mock, key, region="cn-shanghai")
    req = ecs_m.ModifyImageSharePermissionRequest(
        region_id="cn-shanghai", image_id="m-uf6encnorole0000001", add_account=["1300000000000003"])
    with pytest.raises(ClientException) as e:
        ecs.modify_image_share_permission(req)
    assert (e.value.code, e.value.status_code) == ("AssumeRoleError", 403)

    ram = RamClient(cfg(mock, key))
    with pytest.raises(ClientException) as e:
        ram.get_role(ram_m.GetRoleRequest(role_name="AliyunECSShareEncryptImageDefaultRole"))
    assert (e.value.code, e.value.status_code) == ("EntityNotExist.Role", 404)
    trust = json.dumps({"Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow",
                                       "Principal": {"Service": ["ecs.aliyuncs.com"]}}], "Version": "1"})
    role = ram.create_role(ram_m.CreateRoleRequest(
        role_name="AliyunECSShareEncryptImageDefaultRole", assume_role_policy_document=trust)).body.role
    assert role.arn == "acs:ram::1300000000000002:role/aliyunecsshareencryptimagedefaultrole"
    with pytest.raises(ClientException) as e:
        ram.create_role(ram_m.CreateRoleRequest(
            role_name="AliyunECSShareEncryptImageDefaultRole", assume_role_policy_document=trust))
    assert (e.value.code, e.value.status_code) == ("EntityAlreadyExists.Role", 409)

    ecs.modify_image_share_permission(req)
    perm = ecs.describe_image_share_permission(ecs_m.DescribeImageSharePermissionRequest(
        region_id="cn-shanghai", image_id="m-uf6encnorole0000001")).body
    assert [a.aliyun_id for a in perm.accounts.account] == ["1300000000000003"]


def test_swas_image_shared_to_ecs_is_listed_by_ecs(fresh_mock):
    mock = fresh_mock()
    swas = SwasClient(cfg(mock, OWNER))
    ecs = ecs_client(mock, OWNER)
    image = "m-swas0000000000000001"

    def own():
        body = ecs.describe_images(ecs_m.DescribeImagesRequest(
            region_id="cn-hangzhou", image_owner_alias="self", page_size=100)).body
        return [i.image_id for i in body.images.image]

    assert image not in own()
    images = swas.list_custom_images(swas_m.ListCustomImagesRequest(region_id="cn-hangzhou")).body.custom_images
    assert [(i.image_id, i.in_share) for i in images] == [(image, False)]
    swas.modify_image_share_status(swas_m.ModifyImageShareStatusRequest(
        region_id="cn-hangzhou", image_id=image, operation="Share"))
    assert image in own()
    swas.modify_image_share_status(swas_m.ModifyImageShareStatusRequest(
        region_id="cn-hangzhou", image_id=image, operation="UnShare"))
    assert image not in own()
    with pytest.raises(ClientException) as e:
        swas.modify_image_share_status(swas_m.ModifyImageShareStatusRequest(
            region_id="cn-hangzhou", image_id="m-bp1plain00000000001", operation="Share"))
    assert (e.value.code, e.value.status_code) == ("InvalidImageId.NotFound", 404)


def test_swas_custom_image_made_from_a_server_lists_shares_and_deletes(fresh_mock):
    mock = fresh_mock()
    swas = SwasClient(cfg(mock, OWNER))
    made = swas.create_custom_image(swas_m.CreateCustomImageRequest(
        region_id="cn-hangzhou", instance_id="0f5fcf54a1be4d3a8e4fa62bc1aa0001",
        image_name="blog-nightly", description="from the SDK",
        system_snapshot_id="s-sys0001", client_token="sdk-1")).body
    listed = swas.list_images(swas_m.ListImagesRequest(
        region_id="cn-hangzhou", image_type="custom",
        image_ids=json.dumps([made.image_id]))).body.images
    assert [(i.image_id, i.image_name, i.description, i.image_type) for i in listed] == [
        (made.image_id, "blog-nightly", "from the SDK", "custom")]
    full = swas.list_custom_images(swas_m.ListCustomImagesRequest(
        region_id="cn-hangzhou", image_ids=json.dumps([made.image_id]))).body.custom_images
    assert (full[0].instance_name, full[0].status, full[0].system_snapshot_id) == (
        "blog", "1", "s-sys0001")
    with pytest.raises(ClientException) as e:
        swas.create_custom_image(swas_m.CreateCustomImageRequest(
            region_id="cn-hangzhou", instance_id="0f5fcf54a1be4d3a8e4fa62bc1aa0001",
            image_name="blog-nightly"))
    assert (e.value.code, e.value.status_code) == ("ImageNameAlreadyExist", 400)
    swas.modify_image_share_status(swas_m.ModifyImageShareStatusRequest(
        region_id="cn-hangzhou", image_id=made.image_id, operation="Share"))
    with pytest.raises(ClientException) as e:
        swas.delete_custom_images(swas_m.DeleteCustomImagesRequest(
            region_id="cn-hangzhou", image_ids=json.dumps([made.image_id])))
    assert (e.value.code, e.value.status_code) == ("CustomImageInShare", 400)
    swas.modify_image_share_status(swas_m.ModifyImageShareStatusRequest(
        region_id="cn-hangzhou", image_id=made.image_id, operation="UnShare"))
    swas.delete_custom_image(swas_m.DeleteCustomImageRequest(
        region_id="cn-hangzhou", image_id=made.image_id))
    assert [i.image_id for i in swas.list_images(swas_m.ListImagesRequest(
        region_id="cn-hangzhou", image_type="custom")).body.images] == ["m-swas0000000000000001"]


def test_ram_role_tags_through_the_sdk(fresh_mock):
    mock = fresh_mock()
    ram = RamClient(cfg(mock, OWNER))
    ram.create_role(ram_m.CreateRoleRequest(role_name="tagged", assume_role_policy_document=json.dumps({
        "Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow",
                       "Principal": {"Service": ["ecs.aliyuncs.com"]}}], "Version": "1"})))
    ram.tag_resources(ram_m.TagResourcesRequest(
        resource_type="role", resource_names=["tagged"],
        tag=[ram_m.TagResourcesRequestTag(key="team", value="core")]))
    listed = ram.list_tag_resources(ram_m.ListTagResourcesRequest(
        resource_type="role", resource_names=["tagged"])).body.tag_resources
    assert [(t.resource_name, t.tag_key, t.tag_value) for t in listed] == [("tagged", "team", "core")]
    ram.untag_resources(ram_m.UntagResourcesRequest(
        resource_type="role", resource_names=["tagged"], tag_keys=["team"]))
    assert ram.list_tag_resources(ram_m.ListTagResourcesRequest(
        resource_type="role")).body.tag_resources == []


def test_recipient_launches_a_paid_shared_image_and_is_charged(fresh_mock):
    mock = fresh_mock()
    owner, member = ecs_client(mock, OWNER), ecs_client(mock, MEMBER)
    paid = "m-bp1paid000000000001"
    owner.modify_image_share_permission(ecs_m.ModifyImageSharePermissionRequest(
        region_id="cn-hangzhou", image_id=paid, add_account=[MEMBER_ID]))
    assert state(mock)["charges"] == []
    run = member.run_instances(ecs_m.RunInstancesRequest(
        region_id="cn-hangzhou", image_id=paid, instance_type="ecs.g7.large", amount=1)).body
    instance = run.instance_id_sets.instance_id_set[0]
    charges = state(mock)["charges"]
    assert len(charges) == 1
    c = charges[0]
    assert (c["account_id"], c["image_owner_id"], c["image_id"], c["instance_id"], c["fee"]) == (
        MEMBER_ID, OWNER_ID, paid, instance, 0.25)
    described = member.describe_instances(ecs_m.DescribeInstancesRequest(region_id="cn-hangzhou")).body
    assert [i.instance_id for i in described.instances.instance] == [instance]
