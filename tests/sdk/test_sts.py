"""STS GetCallerIdentity through the legacy STS SDK (aliyun-python-sdk-sts, pinned with
footmark): the call Terraform makes before anything else."""
import json

from conftest import OWNER, OWNER_ID, OWNER_STS, legacy_client


def test_get_caller_identity_for_the_account_and_its_sts_credential(mock):
    from aliyunsdksts.request.v20150401.GetCallerIdentityRequest import GetCallerIdentityRequest

    req = GetCallerIdentityRequest()
    req.set_endpoint(mock.endpoint)
    req.set_protocol_type("http")  # the STS request class asks for HTTPS
    me = json.loads(legacy_client(OWNER).do_action_with_exception(req))
    assert (me["IdentityType"], me["AccountId"], me["Arn"]) == ("Account", OWNER_ID, f"acs:ram::{OWNER_ID}:root")
    req = GetCallerIdentityRequest()
    req.set_endpoint(mock.endpoint)
    req.set_protocol_type("http")  # the STS request class asks for HTTPS
    them = json.loads(legacy_client(OWNER_STS[:2], token=OWNER_STS[2]).do_action_with_exception(req))
    assert (them["IdentityType"], them["AccountId"]) == ("AssumedRoleUser", OWNER_ID)
    assert them["PrincipalId"].endswith(":" + OWNER_STS[0])
