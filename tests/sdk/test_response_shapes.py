"""Whole response shapes: the raw answers of the ECS actions builders call, checked against the
new SDK's response models (every field present, none the model lacks). The ECS API's copies
of the VPC calls answer the ECS models, not the Vpc product's."""
import pytest
from alibabacloud_ecs20140526 import models as m
from aliyunsdkcore.request import CommonRequest
from conftest import OWNER, Mock, assert_whole, legacy_client

HZ = "cn-hangzhou"
PLAIN = "m-bp1plain00000000001"


def call(mock, action, **params):
    import json

    r = CommonRequest(domain=mock.endpoint, version="2014-05-26", action_name=action)
    r.set_protocol_type("http")
    r.set_method("POST")
    r.add_query_param("RegionId", HZ)
    for k, v in params.items():
        r.add_query_param(k, v)
    return json.loads(legacy_client(OWNER).do_action_with_exception(r))


@pytest.fixture(scope="module")
def world():
    """A mock with one of everything a Packer build makes."""
    mock = Mock()
    vpc = call(mock, "CreateVpc")["VpcId"]
    vsw = call(mock, "CreateVSwitch", VpcId=vpc, ZoneId="cn-hangzhou-h", CidrBlock="172.16.0.0/24")["VSwitchId"]
    sg = call(mock, "CreateSecurityGroup", VpcId=vpc)["SecurityGroupId"]
    call(mock, "AuthorizeSecurityGroup", SecurityGroupId=sg, IpProtocol="tcp", PortRange="22/22", SourceCidrIp="0.0.0.0/0")
    call(mock, "CreateKeyPair", KeyPairName="k1")
    eip = call(mock, "AllocateEipAddress")["AllocationId"]
    iid = call(mock, "RunInstances", ImageId=PLAIN, InstanceType="ecs.g7.large", VSwitchId=vsw, SecurityGroupId=sg)
    iid = iid["InstanceIdSets"]["InstanceIdSet"][0]
    call(mock, "AssociateEipAddress", AllocationId=eip, InstanceId=iid)
    call(mock, "TagResources", ResourceType="securitygroup", **{"ResourceId.1": sg, "Tag.1.Key": "k", "Tag.1.Value": "v"})
    yield mock, {"sg": sg, "iid": iid}
    mock.stop()


@pytest.mark.parametrize(
    "action,params",
    [
        ("DescribeRegions", {}),
        ("DescribeZones", {}),
        ("DescribeVpcs", {}),
        ("DescribeVSwitches", {}),
        ("DescribeEipAddresses", {}),
        ("DescribeSecurityGroups", {}),
        ("DescribeSecurityGroupAttribute", {"SecurityGroupId": "{sg}"}),
        ("DescribeKeyPairs", {"IncludePublicKey": "true"}),
        ("DescribeInstances", {}),
        ("DescribeInstanceAttribute", {"InstanceId": "{iid}"}),
        ("DescribeInstanceStatus", {}),
        ("DescribeImages", {"ImageId": PLAIN}),
        ("DescribeImageSharePermission", {"ImageId": PLAIN}),
        ("DescribeDisks", {"AdditionalAttributes.1": "Placement"}),
        ("DescribeSnapshots", {}),
    ],
)
def test_answer_has_exactly_the_fields_of_the_sdk_model(world, action, params):
    mock, ids = world
    raw = call(mock, action, **{k: v.format(**ids) for k, v in params.items()})
    assert_whole(getattr(m, f"{action}ResponseBody")(), raw)


def same_in_xml(j, e, path="body"):
    """The XML answer holds what the JSON answer holds: every key as an element, a list as
    repeated elements, every value as the element's text."""
    if isinstance(j, dict):
        for k, v in j.items():
            children = e.findall(k)
            if isinstance(v, list):
                assert len(children) == len(v), f"{path}.{k}: {len(children)} elements for {len(v)} items"
                for i, (c, x) in enumerate(zip(children, v)):
                    same_in_xml(x, c, f"{path}.{k}[{i}]")
            else:
                assert len(children) == 1, f"{path}.{k}: {len(children)} elements"
                same_in_xml(v, children[0], f"{path}.{k}")
    else:
        text = e.text or ""
        want = {True: "true", False: "false", None: ""}.get(j, j) if isinstance(j, (bool, type(None))) else j
        if isinstance(want, float):
            assert float(text) == want, f"{path}: {text!r} != {want!r}"
        else:
            assert text == str(want), f"{path}: {text!r} != {want!r}"


@pytest.mark.parametrize(
    "action,params",
    [
        ("DescribeDisks", {}),
        ("DescribeSnapshots", {}),
        ("DescribeInstanceTypes", {"InstanceTypes.1": "ecs.g7.large"}),
        ("DescribeImageSupportInstanceTypes", {"ImageId": PLAIN}),
        ("ListTagResources", {"ResourceType": "securitygroup", "ResourceId.1": "{sg}"}),
        ("DescribeTags", {}),
        ("DescribeTasks", {}),
        ("DescribeImageFromFamily", {"ImageFamily": "none"}),
        ("DescribeInstances", {}),
    ],
)
def test_xml_answers_hold_what_json_answers_hold(world, action, params):
    import xml.etree.ElementTree as ET

    mock, ids = world
    p = {k: v.format(**ids) for k, v in params.items()}
    as_json = call(mock, action, **p)
    as_xml = call_xml(mock, action, **p)
    root = ET.fromstring(as_xml)
    assert root.tag == f"{action}Response"
    as_json.pop("RequestId")
    same_in_xml(as_json, root)


def call_xml(mock, action, **params):
    r = CommonRequest(domain=mock.endpoint, version="2014-05-26", action_name=action)
    r.set_protocol_type("http")
    r.set_method("POST")
    r.set_accept_format("XML")
    r.add_query_param("RegionId", HZ)
    for k, v in params.items():
        r.add_query_param(k, v)
    # do_action_with_exception asks for JSON; the lower call keeps the format asked for.
    status, _, body, error = legacy_client(OWNER)._implementation_of_do_action(r)
    assert error is None and status == 200, body
    return body
