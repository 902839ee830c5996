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
