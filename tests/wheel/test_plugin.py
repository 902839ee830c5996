"""Run in a fresh virtualenv holding only the built `alicloud-mock` wheel, the pytest plugin
and the new ECS SDK (no Rust toolchain, no ALICLOUD_MOCK_BIN): the plugin's fixture starts
the command the wheel installed and resets the world between tests."""
import os

from alibabacloud_ecs20140526 import models as ecs_m
from alibabacloud_ecs20140526.client import Client
from alibabacloud_tea_openapi.models import Config

IMAGE = "m-bp1plain00000000001"


def owner(mock):
    return Client(Config(access_key_id="LTAI5tOwner0000000001", access_key_secret="owner-secret",
                         endpoint=mock.endpoint, protocol="http", region_id="cn-hangzhou"))


def shared(mock):
    body = owner(mock).describe_image_share_permission(ecs_m.DescribeImageSharePermissionRequest(
        region_id="cn-hangzhou", image_id=IMAGE)).body
    return [a.aliyun_id for a in body.accounts.account]


def test_the_command_comes_from_the_wheel():
    assert "ALICLOUD_MOCK_BIN" not in os.environ


def test_share(alicloud_mock):
    owner(alicloud_mock).modify_image_share_permission(ecs_m.ModifyImageSharePermissionRequest(
        region_id="cn-hangzhou", image_id=IMAGE, add_account=["1000000000000002"]))
    assert shared(alicloud_mock) == ["1000000000000002"]


def test_reset_between_tests(alicloud_mock):
    assert shared(alicloud_mock) == []


def test_docs_show_the_example():
    import pathlib

    here = pathlib.Path(__file__).parent
    docs = (here.parents[1] / "docs" / "ci.md").read_text()
    assert f"```python\n{(here / 'test_docs_example.py').read_text()}```" in docs
