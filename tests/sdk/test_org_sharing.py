"""Sharing with an organisation through the real ResourceSharing and ResourceManager SDKs,
checked on the recipients' side with the ECS SDK after every step."""
import json

import pytest
from alibabacloud_ecs20140526 import models as ecs_m
from alibabacloud_resourcemanager20200331 import models as rm_m
from alibabacloud_resourcemanager20200331.client import Client as RmClient
from alibabacloud_resourcesharing20200110 import models as rs_m
from alibabacloud_resourcesharing20200110.client import Client as RsClient
from alibabacloud_tea_openapi.exceptions import ClientException
from alibabacloud_tea_openapi.models import Config
from conftest import ROOT, ecs_client, legacy_client

SCENARIO = str(ROOT / "scenarios" / "org-sharing.yaml")
MGMT = ("LTAI5tOrgMgmt00000001", "org-mgmt-secret")
PROD = ("LTAI5tOrgProdApp00001", "org-prod-app-secret")
DEV = ("LTAI5tOrgDevApp000001", "org-dev-app-secret")
PARTNER = ("LTAI5tOrgPartner00001", "org-partner-secret")
JOINER = ("LTAI5tOrgJoiner000001", "org-joiner-secret")
PROD_ID, DEV_ID, PARTNER_ID, JOINER_ID = "1600000000000002", "1600000000000004", "1600000000000005", "1600000000000006"
GOLDEN, BASE = "m-bp1orggolden0000001", "m-bp1orgbase000000001"


def cfg(mock, key, algorithm=None):
    c = Config(access_key_id=key[0], access_key_secret=key[1], endpoint=mock.endpoint, protocol="http", region_id="cn-hangzhou")
    if algorithm:
        c.signature_algorithm = algorithm
    return c


def others(mock, key):
    body = ecs_client(mock, key).describe_images(
        ecs_m.DescribeImagesRequest(region_id="cn-hangzhou", image_owner_alias="others", page_size=100)).body
    return sorted(i.image_id for i in body.images.image)




@pytest.fixture
def org(fresh_mock, tmp_path):
    """The org-sharing world with associations that settle at once."""
    merged = tmp_path / "zero-delay.yaml"
    merged.write_text("delays: { association: 0 }\n")
    return fresh_mock("--scenario", SCENARIO, "--scenario", str(merged))


@pytest.mark.parametrize("algorithm", [None, "v2"])
def test_folder_share_follows_membership(org, algorithm):
    rm = RmClient(cfg(org, MGMT, algorithm))
    rs = RsClient(cfg(org, MGMT, algorithm))
    assert others(org, PROD) == [GOLDEN]
    assert others(org, DEV) == []

    shares = rs.list_resource_shares(rs_m.ListResourceSharesRequest(resource_owner="Self")).body.resource_shares
    assert [s.resource_share_id for s in shares] == ["rs-golden00001"]
    assert shares[0].resource_share_status == "Active"

    rm.move_account(rm_m.MoveAccountRequest(account_id=DEV_ID, destination_folder_id="fd-prod000001"))
    assert others(org, DEV) == [GOLDEN]
    rm.move_account(rm_m.MoveAccountRequest(account_id=PROD_ID, destination_folder_id="fd-dev0000001"))
    assert others(org, PROD) == []

    created = rs.create_resource_share(rs_m.CreateResourceShareRequest(
        resource_share_name="base-to-dev",
        resources=[rs_m.CreateResourceShareRequestResources(resource_type="Image", resource_id=BASE)],
        targets=["fd-dev0000001"],
    )).body.resource_share
    assert created.resource_share_id.startswith("rs-")
    assert others(org, PROD) == [BASE]

    assoc = rs.list_resource_share_associations(rs_m.ListResourceShareAssociationsRequest(
        association_type="Target", resource_share_ids=[created.resource_share_id])).body.resource_share_associations
    assert [(a.entity_id, a.association_status) for a in assoc] == [("fd-dev0000001", "Associated")]

    rm.remove_cloud_account(rm_m.RemoveCloudAccountRequest(account_id=PROD_ID))
    assert others(org, PROD) == []

    rs.disassociate_resource_share(rs_m.DisassociateResourceShareRequest(
        resource_share_id=created.resource_share_id, targets=["fd-dev0000001"]))
    assert others(org, DEV) == [GOLDEN]


def test_invited_account_joins_and_gains_directory_shares(org):
    rm = RmClient(cfg(org, MGMT))
    rs = RsClient(cfg(org, MGMT))
    rs.create_resource_share(rs_m.CreateResourceShareRequest(
        resource_share_name="base-to-all",
        resources=[rs_m.CreateResourceShareRequestResources(resource_type="Image", resource_id=BASE)],
        targets=["rd-org001"],
    ))
    assert others(org, JOINER) == []
    h = rm.invite_account_to_resource_directory(rm_m.InviteAccountToResourceDirectoryRequest(
        target_entity=JOINER_ID, target_type="Account")).body.handshake
    assert h.status == "Pending"
    joiner_rm = RmClient(cfg(org, JOINER))
    listed = joiner_rm.list_handshakes_for_account(rm_m.ListHandshakesForAccountRequest()).body.handshakes.handshake
    assert [x.handshake_id for x in listed] == [h.handshake_id]
    joiner_rm.accept_handshake(rm_m.AcceptHandshakeRequest(handshake_id=h.handshake_id))
    assert others(org, JOINER) == [BASE]
    accounts = rm.list_accounts(rm_m.ListAccountsRequest()).body
    assert JOINER_ID in [a.account_id for a in accounts.accounts.account]


def test_external_invitation_accept_and_errors(org):
    rs = RsClient(cfg(org, MGMT))
    with pytest.raises(ClientException) as e:
        rs.create_resource_share(rs_m.CreateResourceShareRequest(resource_share_name="x", targets=[PARTNER_ID]))
    assert (e.value.code, e.value.status_code) == ("InvalidTarget", 400)
    share = rs.create_resource_share(rs_m.CreateResourceShareRequest(
        resource_share_name="to-partner", allow_external_targets=True,
        resources=[rs_m.CreateResourceShareRequestResources(resource_type="Image", resource_id=BASE)],
        targets=[PARTNER_ID],
    )).body.resource_share
    assert share.resource_share_status == "Pending"
    assert others(org, PARTNER) == []
    partner = RsClient(cfg(org, PARTNER))
    inv = partner.list_resource_share_invitations(rs_m.ListResourceShareInvitationsRequest()).body.resource_share_invitations
    assert len(inv) == 1 and inv[0].status == "Pending"
    accepted = partner.accept_resource_share_invitation(rs_m.AcceptResourceShareInvitationRequest(
        resource_share_invitation_id=inv[0].resource_share_invitation_id)).body.resource_share_invitation
    assert accepted.status == "Accepted"
    assert others(org, PARTNER) == [BASE]
    with pytest.raises(ClientException) as e:
        partner.accept_resource_share_invitation(rs_m.AcceptResourceShareInvitationRequest(
            resource_share_invitation_id=inv[0].resource_share_invitation_id))
    assert (e.value.code, e.value.status_code) == ("InvitationStatus.AlreadyAccepted", 409)


def test_legacy_common_request_lists_shares_with_a_form_body(org):
    from aliyunsdkcore.request import CommonRequest

    req = CommonRequest(domain=org.endpoint, version="2020-01-10", action_name="ListResourceShares")
    req.set_method("POST")
    req.add_body_params("ResourceOwner", "OtherAccounts")
    body = json.loads(legacy_client(PROD).do_action_with_exception(req))
    assert [s["ResourceShareId"] for s in body["ResourceShares"]] == ["rs-golden00001"]
