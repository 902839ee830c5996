"""The pytest recipe of docs/ci.md run as written (recipe/conftest.py): a share in one test
is gone in the next, because the fixture resets the world; the page shows the conftest."""
import pathlib

from alibabacloud_ecs20140526 import models as ecs_m
from alibabacloud_ecs20140526.client import Client
from alibabacloud_tea_openapi.models import Config

IMAGE = "m-bp1plain00000000001"


def client(endpoint, key):
    return Client(Config(access_key_id=key[0], access_key_secret=key[1], endpoint=endpoint,
                         protocol="http", region_id="cn-hangzhou"))


def shared_with_member(endpoint):
    owner = client(endpoint, ("LTAI5tOwner0000000001", "owner-secret"))
    body = owner.describe_image_share_permission(ecs_m.DescribeImageSharePermissionRequest(
        region_id="cn-hangzhou", image_id=IMAGE)).body
    return [a.aliyun_id for a in body.accounts.account]


def test_a_share_is_made(alicloud_mock):
    owner = client(alicloud_mock, ("LTAI5tOwner0000000001", "owner-secret"))
    owner.modify_image_share_permission(ecs_m.ModifyImageSharePermissionRequest(
        region_id="cn-hangzhou", image_id=IMAGE, add_account=["1000000000000002"]))
    assert shared_with_member(alicloud_mock) == ["1000000000000002"]


def test_and_is_gone_in_the_next_test(alicloud_mock):
    assert shared_with_member(alicloud_mock) == []


def test_docs_show_this_conftest():
    root = pathlib.Path(__file__).resolve().parents[2]
    docs = (root / "docs" / "ci.md").read_text()
    conftest = (pathlib.Path(__file__).parent / "conftest.py").read_text()
    assert f"```python\n{conftest}```" in docs
