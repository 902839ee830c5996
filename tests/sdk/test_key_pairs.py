"""ECS key pairs through the real SDKs: the new client (V3 and v2 signatures) and the legacy one."""
import json

import pytest
from alibabacloud_ecs20140526 import models as m
from alibabacloud_tea_openapi.exceptions import ClientException
from conftest import MEMBER, OWNER, ecs_client, legacy_client

HZ = "cn-hangzhou"


@pytest.mark.parametrize("algorithm", [None, "v2"])
def test_create_describe_import_delete(fresh_mock, algorithm):
    mock = fresh_mock()
    owner = ecs_client(mock, OWNER, signature_algorithm=algorithm)
    made = owner.create_key_pair(m.CreateKeyPairRequest(region_id=HZ, key_pair_name="packer_abc")).body
    assert made.key_pair_name == "packer_abc"
    assert made.private_key_body.startswith("-----BEGIN PRIVATE KEY-----")
    assert made.key_pair_id.startswith("kp-")

    listed = owner.describe_key_pairs(
        m.DescribeKeyPairsRequest(region_id=HZ, include_public_key=True)
    ).body
    assert listed.total_count == 1
    kp = listed.key_pairs.key_pair[0]
    assert (kp.key_pair_name, kp.key_pair_finger_print) == ("packer_abc", made.key_pair_finger_print)

    imported = owner.import_key_pair(
        m.ImportKeyPairRequest(region_id=HZ, key_pair_name="mine", public_key_body=kp.public_key)
    ).body
    assert imported.key_pair_finger_print == made.key_pair_finger_print

    with pytest.raises(ClientException) as e:
        owner.create_key_pair(m.CreateKeyPairRequest(region_id=HZ, key_pair_name="packer_abc"))
    assert (e.value.code, e.value.status_code) == ("KeyPair.AlreadyExist", 400)
    assert e.value.data["Message"] == "The key pair already exist."

    # The member sees none of the owner's key pairs.
    assert ecs_client(mock, MEMBER).describe_key_pairs(m.DescribeKeyPairsRequest(region_id=HZ)).body.total_count == 0

    owner.delete_key_pairs(m.DeleteKeyPairsRequest(region_id=HZ, key_pair_names=json.dumps(["packer_abc", "mine"])))
    assert owner.describe_key_pairs(m.DescribeKeyPairsRequest(region_id=HZ)).body.total_count == 0


def test_legacy_sdk_creates_and_deletes_a_key_pair(fresh_mock):
    from aliyunsdkecs.request.v20140526.CreateKeyPairRequest import CreateKeyPairRequest
    from aliyunsdkecs.request.v20140526.DeleteKeyPairsRequest import DeleteKeyPairsRequest
    from aliyunsdkecs.request.v20140526.DescribeKeyPairsRequest import DescribeKeyPairsRequest

    mock = fresh_mock()
    client = legacy_client(OWNER)

    def do(req):
        req.set_endpoint(mock.endpoint)
        return json.loads(client.do_action_with_exception(req))

    req = CreateKeyPairRequest()
    req.set_KeyPairName("legacy-key")
    assert do(req)["KeyPairName"] == "legacy-key"
    assert do(DescribeKeyPairsRequest())["KeyPairs"]["KeyPair"][0]["KeyPairName"] == "legacy-key"
    req = DeleteKeyPairsRequest()
    req.set_KeyPairNames(json.dumps(["legacy-key"]))
    do(req)
    assert do(DescribeKeyPairsRequest())["TotalCount"] == 0
