"""The control plane seen from the real SDKs: an injected fault arrives as the SDK's
normal exception with the injected code; reset and state work over HTTP."""
import json
import urllib.request

import pytest
from alibabacloud_ecs20140526 import models as ecs_m
from alibabacloud_tea_openapi.exceptions import ClientException, ServerException
from conftest import MEMBER, OWNER, ecs_client, legacy_client


def control(mock, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(mock.url + path, data=data, method=method,
                                 headers={"content-type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read())


def test_new_sdk_receives_an_injected_fault(fresh_mock):
    mock = fresh_mock()
    control(mock, "POST", "/_mock/faults",
            {"action": "DescribeRegions", "account": "member", "times": 1, "error": {"code": "Throttling.User"}})
    client = ecs_client(mock, MEMBER)
    with pytest.raises(ClientException) as e:
        client.describe_regions(ecs_m.DescribeRegionsRequest())
    assert (e.value.code, e.value.status_code) == ("Throttling.User", 400)
    assert e.value.data["Message"] == "Request was denied due to user flow control."
    assert client.describe_regions(ecs_m.DescribeRegionsRequest()).status_code == 200
    reqs = control(mock, "GET", "/_mock/requests")["requests"]
    assert [(r["action"], r["code"]) for r in reqs] == [("DescribeRegions", "Throttling.User"), ("DescribeRegions", None)]


def test_new_sdk_receives_a_server_error_as_server_exception(fresh_mock):
    mock = fresh_mock()
    control(mock, "POST", "/_mock/faults", {"action": "DescribeImages", "error": {"code": "ServiceUnavailable"}})
    with pytest.raises(ServerException) as e:
        ecs_client(mock, OWNER).describe_images(ecs_m.DescribeImagesRequest(region_id="cn-hangzhou"))
    assert (e.value.code, e.value.status_code) == ("ServiceUnavailable", 503)


def test_legacy_sdk_receives_an_injected_fault(fresh_mock):
    from aliyunsdkcore.acs_exception.exceptions import ServerException as LegacyServerException
    from aliyunsdkecs.request.v20140526.DescribeRegionsRequest import DescribeRegionsRequest

    mock = fresh_mock()
    control(mock, "POST", "/_mock/faults", {"action": "DescribeRegions", "error": {"code": "Forbidden.RAM"}})
    req = DescribeRegionsRequest()
    req.set_endpoint(mock.endpoint)
    with pytest.raises(LegacyServerException) as e:
        legacy_client(OWNER).do_action_with_exception(req)
    assert (e.value.get_error_code(), e.value.get_http_status()) == ("Forbidden.RAM", 403)


def test_reset_over_http(fresh_mock):
    mock = fresh_mock()
    ecs_client(mock, OWNER).modify_image_share_permission(ecs_m.ModifyImageSharePermissionRequest(
        region_id="cn-hangzhou", image_id="m-bp1plain00000000001", add_account=["1000000000000002"]))
    assert len(control(mock, "GET", "/_mock/state")["shares"]) == 2
    control(mock, "POST", "/_mock/reset")
    assert len(control(mock, "GET", "/_mock/state")["shares"]) == 1
