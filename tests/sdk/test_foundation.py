"""The foundation through the real SDKs: three signature styles, STS, errors."""
import json

import pytest
from alibabacloud_ecs20140526 import models as ecs_models
from conftest import (
    MEMBER,
    OWNER,
    OWNER_STS,
    ecs_client,
    legacy_client,
)

REGIONS = ["cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-hongkong", "ap-southeast-1", "us-east-1"]


def region_ids(resp_body):
    return [r.region_id for r in resp_body.regions.region]


@pytest.mark.parametrize("algorithm", [None, "v2", "ACS3-HMAC-SM3"])
def test_new_sdk_describe_regions_in_every_signature(mock, algorithm):
    client = ecs_client(mock, OWNER, signature_algorithm=algorithm)
    resp = client.describe_regions(ecs_models.DescribeRegionsRequest(accept_language="en-US"))
    assert resp.status_code == 200
    assert region_ids(resp.body) == REGIONS
    first = resp.body.regions.region[0]
    assert first.local_name == "China (Hangzhou)"
    assert first.region_endpoint == "ecs-cn-hangzhou.aliyuncs.com"
    assert first.status == "available"
    assert resp.body.request_id


def test_legacy_sdk_describe_regions(mock):
    from aliyunsdkecs.request.v20140526.DescribeRegionsRequest import DescribeRegionsRequest

    req = DescribeRegionsRequest()
    req.set_endpoint(mock.endpoint)
    body = json.loads(legacy_client(MEMBER).do_action_with_exception(req))
    assert [r["RegionId"] for r in body["Regions"]["Region"]] == REGIONS
    assert body["RequestId"]


@pytest.mark.parametrize("algorithm", [None, "v2"])
def test_new_sdk_wrong_secret_is_signature_does_not_match(mock, algorithm):
    from alibabacloud_tea_openapi.exceptions import ClientException

    client = ecs_client(mock, (OWNER[0], "not-the-secret"), signature_algorithm=algorithm)
    with pytest.raises(ClientException) as e:
        client.describe_regions(ecs_models.DescribeRegionsRequest())
    assert e.value.code == "SignatureDoesNotMatch"
    assert e.value.status_code == 400
    assert "server string to sign is:" in e.value.data["Message"]


def test_legacy_sdk_wrong_secret_raises_its_normal_exception(mock):
    from aliyunsdkcore.acs_exception.exceptions import ServerException
    from aliyunsdkecs.request.v20140526.DescribeRegionsRequest import DescribeRegionsRequest

    req = DescribeRegionsRequest()
    req.set_endpoint(mock.endpoint)
    with pytest.raises(ServerException) as e:
        legacy_client((OWNER[0], "not-the-secret")).do_action_with_exception(req)
    # The legacy SDK recognises its own string to sign in the message and reports the
    # secret as wrong (docs/sources.md#wire-protocol).
    assert e.value.get_error_code() == "InvalidAccessKeySecret"
    assert e.value.get_http_status() == 400


@pytest.mark.parametrize("algorithm", [None, "v2"])
def test_new_sdk_with_sts_credentials(mock, algorithm):
    client = ecs_client(mock, OWNER_STS[:2], signature_algorithm=algorithm, token=OWNER_STS[2])
    resp = client.describe_regions(ecs_models.DescribeRegionsRequest())
    assert region_ids(resp.body) == REGIONS


def test_legacy_sdk_with_sts_credentials(mock):
    from aliyunsdkecs.request.v20140526.DescribeRegionsRequest import DescribeRegionsRequest

    req = DescribeRegionsRequest()
    req.set_endpoint(mock.endpoint)
    body = json.loads(legacy_client(OWNER_STS[:2], token=OWNER_STS[2]).do_action_with_exception(req))
    assert [r["RegionId"] for r in body["Regions"]["Region"]] == REGIONS


def test_unknown_key_is_invalid_access_key_id_not_found(mock):
    from alibabacloud_tea_openapi.exceptions import ClientException

    with pytest.raises(ClientException) as e:
        ecs_client(mock, ("LTAI5tNobody", "x")).describe_regions(ecs_models.DescribeRegionsRequest())
    assert (e.value.code, e.value.status_code) == ("InvalidAccessKeyId.NotFound", 404)


def test_unknown_action_through_common_request(mock):
    from aliyunsdkcore.acs_exception.exceptions import ServerException
    from aliyunsdkcore.request import CommonRequest

    req = CommonRequest(domain=mock.endpoint, version="2014-05-26", action_name="NoSuchAction")
    with pytest.raises(ServerException) as e:
        legacy_client(OWNER).do_action_with_exception(req)
    assert e.value.get_error_code() == "InvalidAction.NotFound"
    assert e.value.get_http_status() == 404
    assert e.value.get_error_msg() == "Specified api is not found, please check your url and method."


def test_legacy_common_request_with_form_body_and_content_md5(mock):
    from aliyunsdkcore.request import CommonRequest

    req = CommonRequest(domain=mock.endpoint, version="2014-05-26", action_name="DescribeRegions")
    req.set_method("POST")
    req.add_body_params("AcceptLanguage", "en-US")
    body = json.loads(legacy_client(OWNER).do_action_with_exception(req))
    assert body["Regions"]["Region"][0]["LocalName"] == "China (Hangzhou)"


def test_legacy_xml_format(mock):
    from aliyunsdkecs.request.v20140526.DescribeRegionsRequest import DescribeRegionsRequest

    req = DescribeRegionsRequest()
    req.set_endpoint(mock.endpoint)
    req.set_accept_format("XML")
    # Only the deprecated entry points send the caller's Format (docs/sources.md#wire-protocol).
    with pytest.warns(DeprecationWarning):
        status, _headers, body = legacy_client(OWNER).implementation_of_do_action(req)
    assert status == 200
    assert body.decode().startswith("<?xml version='1.0' encoding='UTF-8'?><DescribeRegionsResponse>")
