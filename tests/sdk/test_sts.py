"""STS GetCallerIdentity through the legacy STS SDK (aliyun-python-sdk-sts, pinned with
footmark): the call Terraform makes before anything else."""
import json

import pytest
from aliyunsdkcore.acs_exception.exceptions import ServerException
from alibabacloud_tea_openapi.exceptions import ClientException as OpenApiClientError

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


def test_a_management_user_assumes_a_member_role_and_sees_what_the_member_sees(fresh_mock, tmp_path):
    """The multi-account flow: the management account's root makes a RAM user with a key;
    the user assumes ResourceDirectoryAccountAccessRole in an account the directory creates;
    as the member (STS credentials) it sees an image shared with the member's folder, and
    stops seeing it when the member moves to another folder. When the member is deleted from
    the directory, its session stops working and the role is gone."""
    from alibabacloud_ecs20140526 import models as ecs_m
    from alibabacloud_ram20150501 import models as ram_m
    from alibabacloud_ram20150501.client import Client as RamClient
    from alibabacloud_resourcemanager20200331 import models as rm_m
    from alibabacloud_resourcemanager20200331.client import Client as RmClient
    from alibabacloud_resourcesharing20200110 import models as rs_m
    from alibabacloud_resourcesharing20200110.client import Client as RsClient
    from alibabacloud_tea_openapi.models import Config
    from aliyunsdksts.request.v20150401.AssumeRoleRequest import AssumeRoleRequest
    from conftest import ROOT, ecs_client

    zero = tmp_path / "zero.yaml"
    zero.write_text("delays: { association: 0 }\n")
    mock = fresh_mock("--scenario", str(ROOT / "scenarios" / "org-sharing.yaml"), "--scenario", str(zero))
    mgmt = ("LTAI5tOrgMgmt00000001", "org-mgmt-secret")
    cfg = Config(access_key_id=mgmt[0], access_key_secret=mgmt[1], endpoint=mock.endpoint, protocol="http", region_id="cn-hangzhou")
    ram = RamClient(cfg)
    ram.create_user(ram_m.CreateUserRequest(user_name="landing-zone"))
    key = ram.create_access_key(ram_m.CreateAccessKeyRequest(user_name="landing-zone")).body.access_key
    ram.attach_policy_to_user(ram_m.AttachPolicyToUserRequest(
        policy_type="System", policy_name="AliyunSTSAssumeRoleAccess", user_name="landing-zone"))
    attached = ram.list_policies_for_user(ram_m.ListPoliciesForUserRequest(user_name="landing-zone")).body
    assert [(p.policy_name, p.policy_type) for p in attached.policies.policy] == [
        ("AliyunSTSAssumeRoleAccess", "System")]
    member = RmClient(cfg).create_resource_account(
        rm_m.CreateResourceAccountRequest(display_name="sandbox", parent_folder_id="fd-dev0000001")
    ).body.account.account_id

    req = AssumeRoleRequest()
    req.set_endpoint(mock.endpoint)
    req.set_protocol_type("http")
    req.set_RoleArn(f"acs:ram::{member}:role/ResourceDirectoryAccountAccessRole")
    req.set_RoleSessionName("AccountLandingZoneSetup")
    creds = json.loads(legacy_client((key.access_key_id, key.access_key_secret)).do_action_with_exception(req))["Credentials"]
    as_member = ecs_client(mock, (creds["AccessKeyId"], creds["AccessKeySecret"]), token=creds["SecurityToken"])

    def seen():
        body = as_member.describe_images(
            ecs_m.DescribeImagesRequest(region_id="cn-hangzhou", image_owner_alias="others")
        ).body
        return sorted(i.image_id for i in body.images.image)

    assert seen() == []
    RsClient(cfg).create_resource_share(rs_m.CreateResourceShareRequest(
        resource_share_name="base-to-dev",
        resources=[rs_m.CreateResourceShareRequestResources(resource_type="Image", resource_id="m-bp1orgbase000000001")],
        targets=["fd-dev0000001"],
    ))
    assert seen() == ["m-bp1orgbase000000001"]
    rm = RmClient(cfg)
    rm.move_account(rm_m.MoveAccountRequest(account_id=member, destination_folder_id="fd-web0000001"))
    assert "m-bp1orgbase000000001" not in seen()
    rm.move_account(rm_m.MoveAccountRequest(account_id=member, destination_folder_id="fd-dev0000001"))
    assert seen() == ["m-bp1orgbase000000001"]

    # The member leaves the directory for good: deleted (member deletion on, checked first).
    rm.set_member_deletion_permission(rm_m.SetMemberDeletionPermissionRequest(status="Enabled"))
    rm.check_account_delete(rm_m.CheckAccountDeleteRequest(account_id=member))
    check = rm.get_account_deletion_check_result(rm_m.GetAccountDeletionCheckResultRequest(account_id=member)).body
    assert check.account_deletion_check_result_info.status == "PreCheckComplete"
    rm.delete_account(rm_m.DeleteAccountRequest(account_id=member))
    status = rm.get_account_deletion_status(rm_m.GetAccountDeletionStatusRequest(account_id=member)).body
    assert status.rd_account_deletion_status.status == "Success"
    # The session no longer works, and the role is gone.
    with pytest.raises(OpenApiClientError) as e:  # a 4xx
        seen()
    assert (e.value.code, e.value.status_code) == ("InvalidAccessKeyId.NotFound", 404)
    req = AssumeRoleRequest()
    req.set_endpoint(mock.endpoint)
    req.set_protocol_type("http")
    req.set_RoleArn(f"acs:ram::{member}:role/ResourceDirectoryAccountAccessRole")
    req.set_RoleSessionName("AccountLandingZoneSetup")
    with pytest.raises(ServerException) as e:
        legacy_client((key.access_key_id, key.access_key_secret)).do_action_with_exception(req)
    assert (e.value.get_http_status(), e.value.get_error_code()) == (404, "EntityNotExist.Role")
