"""ECS custom-image sharing through the real SDKs: both sides of the share, and the rules."""
import json

import pytest
from alibabacloud_ecs20140526 import models as m
from alibabacloud_tea_openapi.exceptions import ClientException
from conftest import ROOT, ecs_client, legacy_client

SC = ROOT / "scenarios"
HZ = "cn-hangzhou"

NS_OWNER = ("LTAI5tNsOwner00000001", "ns-owner-secret")
NS_ALICE = ("LTAI5tNsAlice00000001", "ns-alice-secret")
NS_BOB = ("LTAI5tNsBob0000000001", "ns-bob-secret")
NS_MALLORY = ("LTAI5tNsMallory000001", "ns-mallory-secret")
ALICE_ID, BOB_ID = "1100000000000002", "1100000000000003"
FRESH, GOLDEN = "m-bp1nsfresh000000001", "m-bp1nsgolden00000001"


def ids(resp):
    return [i.image_id for i in resp.body.images.image]


def others(client, region=HZ):
    return ids(client.describe_images(m.DescribeImagesRequest(region_id=region, image_owner_alias="others", page_size=100)))


def by_id(client, image_id, region=HZ):
    return client.describe_images(m.DescribeImagesRequest(region_id=region, image_id=image_id)).body


def share(client, image_id, add=None, remove=None, region=HZ):
    return client.modify_image_share_permission(
        m.ModifyImageSharePermissionRequest(region_id=region, image_id=image_id, add_account=add, remove_account=remove)
    )


def error(fn):
    with pytest.raises(ClientException) as e:
        fn()
    return e.value.code, e.value.status_code, e.value.data["Message"]


@pytest.mark.parametrize("algorithm", [None, "v2"])
def test_owner_shares_recipient_sees_third_party_does_not_then_unshare(fresh_mock, algorithm):
    mock = fresh_mock("--scenario", str(SC / "named-sharing.yaml"))
    owner, bob, mallory = (ecs_client(mock, k, signature_algorithm=algorithm) for k in (NS_OWNER, NS_BOB, NS_MALLORY))

    assert FRESH not in others(bob)
    share(owner, FRESH, add=[BOB_ID])

    assert FRESH in others(bob)
    seen = by_id(bob, FRESH)
    assert seen.total_count == 1
    img = seen.images.image[0]
    assert img.image_owner_alias == "others"
    assert img.image_owner_id == 1100000000000001
    assert img.status == "Available"
    mine = by_id(owner, FRESH).images.image[0]
    assert mine.image_owner_alias == "self" and mine.is_self_shared == "True"
    perm = owner.describe_image_share_permission(m.DescribeImageSharePermissionRequest(region_id=HZ, image_id=FRESH)).body
    assert [a.aliyun_id for a in perm.accounts.account] == [BOB_ID]
    assert perm.accounts.account[0].shared_time.endswith("Z")

    assert FRESH not in others(mallory)
    assert by_id(mallory, FRESH).total_count == 0
    assert error(lambda: mallory.describe_image_share_permission(
        m.DescribeImageSharePermissionRequest(region_id=HZ, image_id=FRESH))) == (
        "InvalidImageId.NotFound", 404, "The specified ImageId does not exist.")

    share(owner, FRESH, remove=[BOB_ID])
    assert FRESH not in others(bob)
    assert by_id(bob, FRESH).total_count == 0


def test_legacy_sdk_sees_the_shared_image(fresh_mock):
    from aliyunsdkecs.request.v20140526.DescribeImagesRequest import DescribeImagesRequest

    mock = fresh_mock("--scenario", str(SC / "named-sharing.yaml"))
    req = DescribeImagesRequest()
    req.set_endpoint(mock.endpoint)
    req.set_ImageOwnerAlias("others")
    body = json.loads(legacy_client(NS_ALICE).do_action_with_exception(req))
    assert [i["ImageId"] for i in body["Images"]["Image"]] == [GOLDEN]


def test_recipient_cannot_reshare_and_self_share_is_refused(fresh_mock):
    mock = fresh_mock("--scenario", str(SC / "named-sharing.yaml"))
    alice, owner = ecs_client(mock, NS_ALICE), ecs_client(mock, NS_OWNER)
    assert error(lambda: share(alice, GOLDEN, add=[BOB_ID])) == (
        "InvalidImageId.NotFound", 404, "The specified ImageId does not exist.")
    assert error(lambda: share(owner, FRESH, add=["1100000000000001"])) == (
        "InvalidAccount.Forbbiden", 404, "The specified Account does not yourself.")
    assert error(lambda: share(owner, FRESH, region="cn-shanghai", add=[BOB_ID]))[0] == "InvalidImageId.NotFound"


def test_quota_exhausted(fresh_mock):
    mock = fresh_mock("--scenario", str(SC / "share-quota.yaml"))
    owner = ecs_client(mock, ("LTAI5tSqOwner00000001", "sq-owner-secret"))
    image = "m-bp1sqimage000000001"
    share(owner, image, add=["1200000000000002", "1200000000000003"])
    assert error(lambda: share(owner, image, add=["1200000000000004"])) == (
        "QuotaExceed.ShareImageUser", 403, "The shared Image user Quota exceeds.")
    perm = owner.describe_image_share_permission(m.DescribeImageSharePermissionRequest(region_id=HZ, image_id=image)).body
    assert perm.total_count == 2


def test_encrypted_images(fresh_mock):
    mock = fresh_mock("--scenario", str(SC / "encrypted-images.yaml"))
    keeper = ecs_client(mock, ("LTAI5tEnKeeper0000001", "en-keeper-secret"), region="cn-shanghai")
    norole = ecs_client(mock, ("LTAI5tEnNoRole0000001", "en-norole-secret"), region="cn-shanghai")
    recipient = ecs_client(mock, ("LTAI5tEnRecipient0001", "en-recipient-secret"), region="cn-shanghai")
    to = ["1300000000000003"]
    sh = "cn-shanghai"
    share(keeper, "m-uf6encmk00000000001", add=to, region=sh)
    assert "m-uf6encmk00000000001" in others(recipient, region=sh)
    assert error(lambda: share(keeper, "m-uf6encsvc0000000001", add=to, region=sh))[:2] == (
        "InvalidOperation.ServiceKeyEncryptedImageUnsupported", 403)
    assert error(lambda: share(keeper, "m-uf6encdisks00000001", add=to, region=sh)) == (
        "OperationDeined.FullImage", 403, "The encrypted image contains multiple snapshots, which do not support share.")
    assert error(lambda: share(keeper, "m-bp1encwrongregion01", add=to))[:2] == ("OperationDeined.EncryptedSnapshot", 403)
    assert error(lambda: share(norole, "m-uf6encnorole0000001", add=to, region=sh)) == (
        "AssumeRoleError", 403,
        "Requires a RAM role of AliyunECSShareEncryptImageDefaultRole before sharing encrypted image.")


def test_marketplace_image_across_sites(fresh_mock):
    mock = fresh_mock("--scenario", str(SC / "cross-site.yaml"))
    owner = ecs_client(mock, ("LTAI5tCsOwner00000001", "cs-owner-secret"))
    intl = ecs_client(mock, ("LTAI5tCsIntl000000001", "cs-intl-secret"))
    assert error(lambda: share(owner, "m-bp1csmarket00000001", add=["1400000000000003"])) == (
        "InvalidImageId.BidMismatch", 403, "Cannot share the image with users 1400000000000003 of other sites.")
    share(owner, "m-bp1csmarket00000001", add=["1400000000000002"])
    share(owner, "m-bp1csplain000000001", add=["1400000000000003"])
    assert others(intl) == ["m-bp1csplain000000001"]


def test_delete_while_shared(fresh_mock):
    mock = fresh_mock("--scenario", str(SC / "named-sharing.yaml"))
    owner, alice = ecs_client(mock, NS_OWNER), ecs_client(mock, NS_ALICE)
    for force in (False, True):
        code, status, _ = error(lambda: owner.delete_image(m.DeleteImageRequest(region_id=HZ, image_id=GOLDEN, force=force)))
        assert (code, status) == ("ImageUseShared", 403)
    share(owner, GOLDEN, remove=[ALICE_ID])
    owner.delete_image(m.DeleteImageRequest(region_id=HZ, image_id=GOLDEN))
    assert by_id(owner, GOLDEN).total_count == 0
    assert GOLDEN not in others(alice)
