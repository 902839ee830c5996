"""Reaching the mock with no endpoint set (docs/proxy.md): the SDKs resolve the real
Alibaba host names themselves and reach the mock through HTTP_PROXY / HTTPS_PROXY, with
the mock's CA trusted for HTTPS. Each test shares an image as its owner and sees it as the
recipient, then checks in the journal that the calls arrived under the real host names."""
import json
import urllib.request

import pytest
import requests

from conftest import MEMBER, MEMBER_ID, OWNER, legacy_client

IMAGE = "m-bp1plain00000000001"


@pytest.fixture
def proxied(fresh_mock, tmp_path, monkeypatch):
    from aliyunsdkcore.endpoint.default_endpoint_resolver import DefaultEndpointResolver
    from aliyunsdkcore.endpoint.user_customized_endpoint_resolver import UserCustomizedEndpointResolver

    # The legacy core keeps endpoints added with region_provider.add_endpoint in one global
    # table (test_footmark adds the mock's address there): start from an empty one, so the
    # SDK resolves the real host names itself.
    monkeypatch.setattr(DefaultEndpointResolver, "predefined_endpoint_resolver", UserCustomizedEndpointResolver())
    ca = tmp_path / "ca.pem"
    mock = fresh_mock("--ca-out", str(ca))
    return mock, str(ca), "http://" + mock.endpoint


def hosts_of(mock, action):
    """The Host of every journalled request for `action` (WireMock's request view)."""
    with urllib.request.urlopen(mock.url + "/__admin/requests") as r:
        entries = json.loads(r.read())["requests"]
    return {
        e["request"]["headers"].get("host", "")
        for e in entries
        if f"Action={action}&" in e["request"]["url"] + "&" or f"Action={action}&" in e["request"]["body"] + "&"
        or e["request"]["headers"].get("x-acs-action") == action
    }


def legacy_share_and_see(protocol):
    from aliyunsdkecs.request.v20140526.DescribeImagesRequest import DescribeImagesRequest
    from aliyunsdkecs.request.v20140526.ModifyImageSharePermissionRequest import (
        ModifyImageSharePermissionRequest,
    )

    share = ModifyImageSharePermissionRequest()
    share.set_ImageId(IMAGE)
    share.set_AddAccounts([MEMBER_ID])
    share.set_protocol_type(protocol)
    legacy_client(OWNER).do_action_with_exception(share)
    see = DescribeImagesRequest()
    see.set_ImageOwnerAlias("others")
    see.set_protocol_type(protocol)
    body = json.loads(legacy_client(MEMBER).do_action_with_exception(see))
    return [i["ImageId"] for i in body["Images"]["Image"]]


def test_legacy_sdk_over_https_through_https_proxy(proxied, monkeypatch):
    mock, ca, proxy = proxied
    monkeypatch.setenv("HTTPS_PROXY", proxy)
    # The legacy core sends with Session.send, which skips REQUESTS_CA_BUNDLE; it reads its
    # own variable.
    monkeypatch.setenv("ALIBABA_CLOUD_CA_BUNDLE", ca)
    assert IMAGE in legacy_share_and_see("https")
    assert hosts_of(mock, "ModifyImageSharePermission") == {"ecs-cn-hangzhou.aliyuncs.com"}


def test_legacy_sdk_over_http_through_http_proxy(proxied, monkeypatch):
    mock, _, proxy = proxied
    monkeypatch.setenv("HTTP_PROXY", proxy)
    assert IMAGE in legacy_share_and_see("http")
    assert hosts_of(mock, "DescribeImages") == {"ecs-cn-hangzhou.aliyuncs.com"}


def test_new_sdk_with_its_default_endpoint_and_https_proxy_in_config(proxied):
    from alibabacloud_ecs20140526 import models as ecs_m
    from alibabacloud_ecs20140526.client import Client
    from alibabacloud_tea_openapi.models import Config
    from alibabacloud_tea_util.models import RuntimeOptions

    mock, ca, proxy = proxied

    def client(key, region="cn-shanghai"):
        return Client(Config(access_key_id=key[0], access_key_secret=key[1], region_id=region,
                             https_proxy=proxy, protocol="https"))

    runtime = RuntimeOptions(ca=ca)
    owner = client(OWNER)
    image = owner.copy_image_with_options(ecs_m.CopyImageRequest(
        region_id="cn-hangzhou", image_id=IMAGE, destination_region_id="cn-shanghai"), runtime).body.image_id
    owner.modify_image_share_permission_with_options(ecs_m.ModifyImageSharePermissionRequest(
        region_id="cn-shanghai", image_id=image, add_account=[MEMBER_ID]), runtime)
    seen = client(MEMBER).describe_images_with_options(ecs_m.DescribeImagesRequest(
        region_id="cn-shanghai", image_owner_alias="others", status="Creating,Available"), runtime).body
    assert image in [i.image_id for i in seen.images.image]
    assert hosts_of(mock, "ModifyImageSharePermission") == {"ecs.cn-shanghai.aliyuncs.com"}
    # Without the CA the client refuses the mock's certificate.
    with pytest.raises(Exception):
        owner.describe_regions_with_options(ecs_m.DescribeRegionsRequest(), RuntimeOptions())


def test_other_hosts_are_refused_and_tls_on_the_port_works(proxied):
    mock, ca, proxy = proxied
    r = requests.get("http://example.com/", proxies={"http": proxy})
    assert r.status_code == 403 and "not an open proxy" in r.text
    with pytest.raises(requests.exceptions.ProxyError):
        requests.get("https://example.com/", proxies={"https": proxy}, verify=ca)
    r = requests.get(f"https://{mock.endpoint}/_mock/health", verify=ca)
    assert (r.status_code, r.json()["status"]) == (200, "ok")
    assert requests.get(f"https://{mock.endpoint}/_mock/ca.pem", verify=ca).text == open(ca).read()
