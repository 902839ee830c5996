//! The edges of the Resource Sharing rules: the longest name and the fullest entity lists
//! accepted, re-associating what is already associated or gone, and who may leave a share
//! and how (docs/sources.md#resource-sharing). Each test pins a rule a mutation-testing pass
//! found unpinned.

mod support;

use std::time::Duration;

use alicloud_mock::MockServer;
use support::org::*;
use support::Client;

/// The org-sharing world with four more images of the management account.
fn server() -> MockServer {
    MockServer::builder()
        .scenario_file(SCENARIO)
        .unwrap()
        .scenario_yaml(
            &("images:\n".to_string()
                + &(1..=4)
                    .map(|i| {
                        format!(
                            "  - {{ id: m-bp1edge00000000000{i}, owner: mgmt, region: cn-hangzhou, name: edge-{i} }}\n"
                        )
                    })
                    .collect::<String>()),
        )
        .unwrap()
        .start_blocking()
        .unwrap()
}

fn images() -> Vec<String> {
    std::iter::once(BASE.to_string())
        .chain((1..=4).map(|i| format!("m-bp1edge00000000000{i}")))
        .collect()
}

const TARGETS: [&str; 5] = [
    "fd-prod000001",
    "fd-web0000001",
    "fd-dev0000001",
    PROD_ID,
    WEB_ID,
];

fn with_entities(mut call: support::Call, resources: &[String], targets: &[&str]) -> support::Call {
    for (i, r) in resources.iter().enumerate() {
        call = call
            .p(&format!("Resources.{}.ResourceType", i + 1), "Image")
            .p(&format!("Resources.{}.ResourceId", i + 1), r);
    }
    for (i, t) in targets.iter().enumerate() {
        call = call.p(&format!("Targets.{}", i + 1), t);
    }
    call
}

fn share(mgmt: &Client, name: &str, resources: &[String], targets: &[&str]) -> String {
    with_entities(
        mgmt.rs("CreateResourceShare").p("ResourceShareName", name),
        resources,
        targets,
    )
    .ok()["ResourceShare"]["ResourceShareId"]
        .as_str()
        .unwrap()
        .to_string()
}

fn target_statuses(mgmt: &Client, share: &str) -> Vec<(String, String)> {
    let v = mgmt
        .rs("ListResourceShareAssociations")
        .p("AssociationType", "Target")
        .p("ResourceShareIds.1", share)
        .ok();
    v["ResourceShareAssociations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["EntityId"].as_str().unwrap().to_string(),
                a["AssociationStatus"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_fifty_character_name_and_five_resources_and_targets_are_accepted_in_and_out() {
    let s = server();
    let mgmt = Client::new(&s, MGMT);
    let id = share(&mgmt, &"n".repeat(50), &images(), &TARGETS);
    assert_eq!(target_statuses(&mgmt, &id).len(), 5);
    s.advance_clock(Duration::from_secs(30));
    let v = with_entities(
        mgmt.rs("DisassociateResourceShare")
            .p("ResourceShareId", &id),
        &images(),
        &TARGETS,
    )
    .ok();
    assert_eq!(v["ResourceShareAssociations"].as_array().unwrap().len(), 10);
    let mut six = images();
    six.push(GOLDEN.to_string());
    with_entities(
        mgmt.rs("DisassociateResourceShare")
            .p("ResourceShareId", &id),
        &six,
        &[],
    )
    .err(
        400,
        "InvalidParameter.Resources.Length",
        "The maximum number of Resources exceeds 5.",
    );
    let mut six_targets = TARGETS.to_vec();
    six_targets.push(DEV_ID);
    with_entities(
        mgmt.rs("DisassociateResourceShare")
            .p("ResourceShareId", &id),
        &[],
        &six_targets,
    )
    .err(
        400,
        "InvalidParameter.Targets.Length",
        "The maximum number of Targets exceeds 5.",
    );
    mgmt.rs("DisassociateResourceShare")
        .p("ResourceShareId", &id)
        .p("Resources.1.ResourceType", "Snapshot")
        .p("Resources.1.ResourceId", BASE)
        .err(
            400,
            "InvalidParameter.ResourceType",
            "The ResourceType is invalid.",
        );
}

#[test]
fn associating_again_keeps_an_association_or_renews_a_finished_one() {
    let s = server();
    let mgmt = Client::new(&s, MGMT);
    let dev = Client::new(&s, DEV);
    let sees = || {
        !dev.ecs("DescribeImages").p("ImageId", BASE).ok()["Images"]["Image"]
            .as_array()
            .unwrap()
            .is_empty()
    };
    let id = share(&mgmt, "again", &images()[..1], &[DEV_ID, "fd-prod000001"]);
    s.advance_clock(Duration::from_secs(30));
    assert!(sees());
    let associate = || {
        mgmt.rs("AssociateResourceShare")
            .p("ResourceShareId", &id)
            .p("Targets.1", DEV_ID)
            .ok()
    };
    associate();
    let dev_rows: Vec<_> = target_statuses(&mgmt, &id)
        .into_iter()
        .filter(|(e, _)| e == DEV_ID)
        .collect();
    assert_eq!(dev_rows, [(DEV_ID.to_string(), "Associated".to_string())]);
    assert!(sees(), "an associated target keeps its access");

    mgmt.rs("DisassociateResourceShare")
        .p("ResourceShareId", &id)
        .p("Targets.1", DEV_ID)
        .ok();
    s.advance_clock(Duration::from_secs(30));
    assert!(!sees());
    associate();
    assert!(target_statuses(&mgmt, &id).contains(&(DEV_ID.to_string(), "Associating".to_string())));
    s.advance_clock(Duration::from_secs(30));
    assert!(sees(), "a finished association is renewed");
    assert_eq!(
        target_statuses(&mgmt, &id)
            .iter()
            .filter(|(e, _)| e == DEV_ID)
            .count(),
        1
    );
}

#[test]
fn a_member_named_as_a_target_cannot_leave_and_leaving_names_only_oneself() {
    let s = server();
    let mgmt = Client::new(&s, MGMT);
    let dev = Client::new(&s, DEV);
    let id = share(&mgmt, "direct", &images()[..1], &[DEV_ID]);
    s.advance_clock(Duration::from_secs(30));
    let leave = |c: &Client| {
        c.rs("DisassociateResourceShare")
            .p("ResourceShareId", &id)
            .p("ResourceOwner", "OtherAccounts")
            .p("Targets.1", DEV_ID)
    };
    leave(&dev).err(
        409,
        "LeavingFailed.Account",
        "The account was added to the resource share automatically by resoucre directory.",
    );
    leave(&dev)
        .p("Resources.1.ResourceType", "Image")
        .p("Resources.1.ResourceId", BASE)
        .err(400, "InvalidParameter.Targets", "The Targets is invalid.");
    leave(&dev.in_region("cn-shanghai")).err(
        404,
        "EntityNotExists.ResourceShare",
        "The resource share does not exist in the current account.",
    );
    assert_eq!(
        target_statuses(&mgmt, &id),
        [(DEV_ID.to_string(), "Associated".to_string())]
    );
}

fn invitation_statuses(s: &MockServer) -> Vec<(String, String)> {
    let partner = Client::new(s, PARTNER);
    let v = partner.rs("ListResourceShareInvitations").ok();
    let mut out: Vec<(String, String)> = v["ResourceShareInvitations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["ResourceShareId"].as_str().unwrap().to_string(),
                i["Status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn deleting_a_share_cancels_its_pending_invitations_only() {
    let s = server();
    let mgmt = Client::new(&s, MGMT);
    let invite = |name: &str| {
        mgmt.rs("CreateResourceShare")
            .p("ResourceShareName", name)
            .p("AllowExternalTargets", "true")
            .p("Resources.1.ResourceType", "Image")
            .p("Resources.1.ResourceId", BASE)
            .p("Targets.1", PARTNER_ID)
            .ok()["ResourceShare"]["ResourceShareId"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let doomed = invite("doomed");
    let kept = invite("kept");
    // The target's association settles at 30 s: deleting exactly then is not a conflict.
    s.advance_clock(Duration::from_secs(30));
    mgmt.rs("DeleteResourceShare")
        .p("ResourceShareId", &doomed)
        .ok();
    let mut expected = vec![
        (doomed.clone(), "Cancelled".to_string()),
        (kept.clone(), "Pending".to_string()),
    ];
    expected.sort();
    assert_eq!(invitation_statuses(&s), expected);
}

#[test]
fn with_no_delay_a_deleted_share_is_disassociated_at_once() {
    let s = MockServer::builder()
        .scenario_file(SCENARIO)
        .unwrap()
        .scenario_yaml("delays: { association: 0 }\n")
        .unwrap()
        .start_blocking()
        .unwrap();
    let mgmt = Client::new(&s, MGMT);
    mgmt.rs("DeleteResourceShare")
        .p("ResourceShareId", "rs-golden00001")
        .ok();
    assert_eq!(
        target_statuses(&mgmt, "rs-golden00001"),
        [("fd-prod000001".to_string(), "Disassociated".to_string())]
    );
}

#[test]
fn a_scenario_share_knows_which_account_targets_are_outside_the_directory() {
    let s = MockServer::builder()
        .scenario_file(SCENARIO)
        .unwrap()
        .scenario_yaml(
            "resource_shares:\n  - { id: rs-direct00001, name: direct, owner: mgmt, region: cn-hangzhou, allow_external_targets: true, resources: [{ type: Image, id: m-bp1orgbase000000001 }], targets: [dev-app, partner] }\n",
        )
        .unwrap()
        .start_blocking()
        .unwrap();
    let leave = |key: (&'static str, &'static str), id: &str| {
        Client::new(&s, key)
            .rs("DisassociateResourceShare")
            .p("ResourceShareId", "rs-direct00001")
            .p("ResourceOwner", "OtherAccounts")
            .p("Targets.1", id)
    };
    leave(DEV, DEV_ID).err(
        409,
        "LeavingFailed.Account",
        "The account was added to the resource share automatically by resoucre directory.",
    );
    leave(PARTNER, PARTNER_ID).ok();
}
