"""An instance's lifecycle through the real SDKs: the new client's typed models (which carry no
RegionId for the status calls) and the legacy client (which adds one)."""
import json

import pytest
from alibabacloud_ecs20140526 import models as m
from alibabacloud_tea_openapi.exceptions import ClientException
from conftest import OWNER, ecs_client, legacy_client

HZ = "cn-hangzhou"
PLAIN = "m-bp1plain00000000001"


def status(client, instance_id):
    found = client.describe_instances(
        m.DescribeInstancesRequest(region_id=HZ, instance_ids=json.dumps([instance_id]))
    ).body.instances.instance
    assert len(found) == 1
    return found[0].status


def test_create_start_stop_bind_and_delete(fresh_mock):
    mock = fresh_mock()
    ecs = ecs_client(mock, OWNER)
    made = ecs.create_instance(
        m.CreateInstanceRequest(
            region_id=HZ, image_id=PLAIN, instance_type="ecs.g7.large", instance_name="builder"
        )
    ).body
    iid = made.instance_id
    assert iid.startswith("i-")
    assert status(ecs, iid) == "Stopped"

    ecs.create_key_pair(m.CreateKeyPairRequest(region_id=HZ, key_pair_name="packer_1"))
    bound = ecs.attach_key_pair(
        m.AttachKeyPairRequest(region_id=HZ, key_pair_name="packer_1", instance_ids=json.dumps([iid]))
    ).body
    assert (bound.total_count, bound.fail_count) == ("1", "0")
    assert bound.results.result[0].success == "true"

    ecs.start_instance(m.StartInstanceRequest(instance_id=iid))
    assert status(ecs, iid) == "Running"
    with pytest.raises(ClientException) as e:
        ecs.start_instance(m.StartInstanceRequest(instance_id=iid))
    assert (e.value.code, e.value.status_code) == ("IncorrectInstanceStatus", 403)
    with pytest.raises(ClientException) as e:
        ecs.delete_instance(m.DeleteInstanceRequest(instance_id=iid))
    assert e.value.data["Message"] == "The current status of the resource does not support this operation."

    attr = ecs.describe_instance_attribute(m.DescribeInstanceAttributeRequest(instance_id=iid)).body
    assert (attr.instance_name, attr.status, attr.cpu, attr.memory) == ("builder", "Running", 2, 8192)

    ecs.stop_instance(m.StopInstanceRequest(instance_id=iid, force_stop=True))
    assert status(ecs, iid) == "Stopped"
    ecs.detach_key_pair(
        m.DetachKeyPairRequest(region_id=HZ, key_pair_name="packer_1", instance_ids=json.dumps([iid]))
    )
    listed = ecs.describe_instances(m.DescribeInstancesRequest(region_id=HZ, status="Stopped")).body
    mine = [i for i in listed.instances.instance if i.instance_id == iid]
    assert mine[0].key_pair_name == ""
    ecs.delete_instance(m.DeleteInstanceRequest(instance_id=iid))
    with pytest.raises(ClientException) as e:
        ecs.describe_instance_attribute(m.DescribeInstanceAttributeRequest(instance_id=iid))
    assert (e.value.code, e.value.status_code) == ("InvalidInstanceId.NotFound", 404)


def test_legacy_sdk_runs_stops_and_deletes(fresh_mock):
    from aliyunsdkecs.request.v20140526.DeleteInstanceRequest import DeleteInstanceRequest
    from aliyunsdkecs.request.v20140526.DescribeInstanceStatusRequest import DescribeInstanceStatusRequest
    from aliyunsdkecs.request.v20140526.RunInstancesRequest import RunInstancesRequest
    from aliyunsdkecs.request.v20140526.StopInstanceRequest import StopInstanceRequest

    mock = fresh_mock()
    client = legacy_client(OWNER)

    def do(req):
        req.set_endpoint(mock.endpoint)
        return json.loads(client.do_action_with_exception(req))

    run = RunInstancesRequest()
    run.set_ImageId(PLAIN)
    run.set_InstanceType("ecs.c7.xlarge")
    iid = do(run)["InstanceIdSets"]["InstanceIdSet"][0]
    stop = StopInstanceRequest()
    stop.set_InstanceId(iid)
    do(stop)
    statuses = do(DescribeInstanceStatusRequest())["InstanceStatuses"]["InstanceStatus"]
    assert {"InstanceId": iid, "Status": "Stopped"} in statuses
    delete = DeleteInstanceRequest()
    delete.set_InstanceId(iid)
    do(delete)
    statuses = do(DescribeInstanceStatusRequest())["InstanceStatuses"]["InstanceStatus"]
    assert all(s["InstanceId"] != iid for s in statuses)


def test_legacy_sdk_builds_and_tears_down_a_vpc_as_packer_does(fresh_mock):
    """The legacy ECS SDK's CreateVpc/CreateVSwitch (ECS 2014-05-26, as Packer sends them)."""
    from aliyunsdkcore.acs_exception.exceptions import ServerException
    from aliyunsdkecs.request.v20140526.CreateInstanceRequest import CreateInstanceRequest
    from aliyunsdkecs.request.v20140526.CreateVSwitchRequest import CreateVSwitchRequest
    from aliyunsdkecs.request.v20140526.CreateVpcRequest import CreateVpcRequest
    from aliyunsdkecs.request.v20140526.DeleteInstanceRequest import DeleteInstanceRequest
    from aliyunsdkecs.request.v20140526.DeleteVSwitchRequest import DeleteVSwitchRequest
    from aliyunsdkecs.request.v20140526.DeleteVpcRequest import DeleteVpcRequest
    from aliyunsdkecs.request.v20140526.DescribeVSwitchesRequest import DescribeVSwitchesRequest
    from aliyunsdkecs.request.v20140526.DescribeVpcsRequest import DescribeVpcsRequest

    mock = fresh_mock()
    client = legacy_client(OWNER)

    def do(req):
        req.set_endpoint(mock.endpoint)
        return json.loads(client.do_action_with_exception(req))

    create = CreateVpcRequest()
    create.set_ClientToken("packer-token-1")
    vpc = do(create)["VpcId"]
    describe = DescribeVpcsRequest()
    describe.set_VpcId(vpc)
    assert do(describe)["Vpcs"]["Vpc"][0]["Status"] == "Available"
    vsw_req = CreateVSwitchRequest()
    vsw_req.set_VpcId(vpc)
    vsw_req.set_ZoneId("cn-hangzhou-h")
    vsw_req.set_CidrBlock("172.16.0.0/24")
    vsw = do(vsw_req)["VSwitchId"]
    listed = DescribeVSwitchesRequest()
    listed.set_VpcId(vpc)
    listed.set_VSwitchId(vsw)
    assert do(listed)["VSwitches"]["VSwitch"][0]["Status"] == "Available"

    inst_req = CreateInstanceRequest()
    inst_req.set_ImageId(PLAIN)
    inst_req.set_InstanceType("ecs.t5-lc1m1.small")
    inst_req.set_VSwitchId(vsw)
    iid = do(inst_req)["InstanceId"]
    delete_vpc = DeleteVpcRequest()
    delete_vpc.set_VpcId(vpc)
    with pytest.raises(ServerException) as e:
        do(delete_vpc)
    assert (e.value.get_error_code(), e.value.get_http_status()) == ("DependencyViolation.Instance", 400)

    delete = DeleteInstanceRequest()
    delete.set_InstanceId(iid)
    delete.set_Force(True)
    do(delete)
    delete_vsw = DeleteVSwitchRequest()
    delete_vsw.set_VSwitchId(vsw)
    do(delete_vsw)
    do(delete_vpc)
    assert do(DescribeVpcsRequest())["TotalCount"] == 0
