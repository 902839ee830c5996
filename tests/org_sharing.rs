//! Sharing an image with an organisation: access follows membership (joins, moves,
//! removals), associations and invitations move on the mock clock, and the recipient's ECS
//! view is right after every step (docs/sources.md#resource-sharing).

mod support;

use std::time::Duration;

use alicloud_mock::MockServer;
use support::org::*;
use support::{code, ecs, ok, rm, rs, shared_with, visible};

fn server() -> MockServer {
    support::org::server()
}

fn others(s: &MockServer, key: (&str, &str)) -> Vec<String> {
    let mut v = visible(s.address(), key, &[("ImageOwnerAlias", "others")]);
    v.sort();
    v
}

fn sees(s: &MockServer, key: (&str, &str), image: &str) -> bool {
    let listed = others(s, key).contains(&image.to_string());
    let by_id = !visible(s.address(), key, &[("ImageId", image)]).is_empty();
    assert_eq!(
        listed, by_id,
        "the list and describe-by-ID disagree for {image}"
    );
    listed
}

#[test]
fn a_folder_share_reaches_its_members_and_its_sub_folders_only() {
    let s = server();
    assert!(sees(&s, PROD, GOLDEN));
    assert!(sees(&s, WEB, GOLDEN), "prod covers prod/web");
    assert!(!sees(&s, DEV, GOLDEN));
    assert!(!sees(&s, PARTNER, GOLDEN));
    let v = ok(ecs(
        s.address(),
        WEB,
        "DescribeImages",
        &[("RegionId", "cn-hangzhou"), ("ImageId", GOLDEN)],
    ));
    assert_eq!(v["Images"]["Image"][0]["ImageOwnerAlias"], "others");
    assert_eq!(
        v["Images"]["Image"][0]["ImageOwnerId"].as_i64(),
        Some(1600000000000001)
    );
    // The owner's named-account list does not show directory shares.
    assert!(shared_with(s.address(), MGMT, "cn-hangzhou", GOLDEN).is_empty());
}

#[test]
fn moves_removals_and_joins_change_access_at_once() {
    let s = server();
    let a = s.address();
    ok(rm(
        a,
        MGMT,
        "MoveAccount",
        &[
            ("AccountId", DEV_ID),
            ("DestinationFolderId", "fd-web0000001"),
        ],
    ));
    assert!(sees(&s, DEV, GOLDEN), "moved into prod/web");
    ok(rm(
        a,
        MGMT,
        "MoveAccount",
        &[
            ("AccountId", WEB_ID),
            ("DestinationFolderId", "fd-dev0000001"),
        ],
    ));
    assert!(!sees(&s, WEB, GOLDEN), "moved out of prod");
    ok(rm(a, MGMT, "RemoveCloudAccount", &[("AccountId", PROD_ID)]));
    assert!(!sees(&s, PROD, GOLDEN), "removed from the directory");
    // A new member joins the root: the prod share does not reach it; a directory share does.
    let h = ok(rm(
        a,
        MGMT,
        "InviteAccountToResourceDirectory",
        &[("TargetEntity", JOINER_ID), ("TargetType", "Account")],
    ));
    let hid = h["Handshake"]["HandshakeId"].as_str().unwrap().to_string();
    assert_eq!(h["Handshake"]["Status"], "Pending");
    assert!(!sees(&s, JOINER, GOLDEN));
    ok(rm(a, JOINER, "AcceptHandshake", &[("HandshakeId", &hid)]));
    assert!(!sees(&s, JOINER, GOLDEN));
    ok(rs(
        a,
        MGMT,
        "CreateResourceShare",
        &[
            ("ResourceShareName", "base-to-all"),
            ("Resources.1.ResourceType", "Image"),
            ("Resources.1.ResourceId", BASE),
            ("Targets.1", "rd-org001"),
        ],
    ));
    assert!(
        !sees(&s, JOINER, BASE),
        "associations take 30 s on this clock"
    );
    s.advance_clock(Duration::from_secs(30));
    assert!(sees(&s, JOINER, BASE));
    assert!(sees(&s, DEV, BASE));
    assert!(!sees(&s, PROD, BASE), "no longer a member");
    assert!(!sees(&s, PARTNER, BASE));
}

#[test]
fn associations_settle_on_the_clock_and_access_ends_when_disassociated() {
    let s = server();
    let a = s.address();
    let v = ok(rs(
        a,
        MGMT,
        "CreateResourceShare",
        &[
            ("ResourceShareName", "base-to-dev"),
            ("Resources.1.ResourceType", "Image"),
            ("Resources.1.ResourceId", BASE),
            ("Targets.1", "fd-dev0000001"),
        ],
    ));
    let share = v["ResourceShare"]["ResourceShareId"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(share.starts_with("rs-"));
    assert_eq!(v["ResourceShare"]["ResourceShareStatus"], "Active");
    assert_eq!(v["ResourceShare"]["ResourceShareOwner"], "1600000000000001");
    let assoc = |kind: &str| {
        ok(rs(
            a,
            MGMT,
            "ListResourceShareAssociations",
            &[("AssociationType", kind), ("ResourceShareIds.1", &share)],
        ))["ResourceShareAssociations"][0]["AssociationStatus"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(assoc("Target"), "Associating");
    assert_eq!(assoc("Resource"), "Associating");
    assert!(!sees(&s, DEV, BASE));
    s.advance_clock(Duration::from_secs(30));
    assert_eq!(assoc("Target"), "Associated");
    assert!(sees(&s, DEV, BASE));
    let v = ok(rs(
        a,
        MGMT,
        "DisassociateResourceShare",
        &[("ResourceShareId", &share), ("Targets.1", "fd-dev0000001")],
    ));
    assert_eq!(
        v["ResourceShareAssociations"][0]["AssociationStatus"],
        "Disassociating"
    );
    assert!(sees(&s, DEV, BASE), "access lasts until Disassociated");
    s.advance_clock(Duration::from_secs(30));
    assert_eq!(assoc("Target"), "Disassociated");
    assert!(!sees(&s, DEV, BASE));
    rs(
        a,
        MGMT,
        "DisassociateResourceShare",
        &[("ResourceShareId", &share), ("Targets.1", "fd-dev0000001")],
    )
    .assert_error(
        400,
        "DisassociateInvalid",
        "You can not disassociate unassociated resource or target.",
    );
    // Deleting: Deleting, then Deleted; everyone loses access at Deleted.
    ok(rs(
        a,
        MGMT,
        "DeleteResourceShare",
        &[("ResourceShareId", "rs-golden00001")],
    ));
    let list = |status: &str| {
        ok(rs(
            a,
            MGMT,
            "ListResourceShares",
            &[("ResourceOwner", "Self"), ("ResourceShareStatus", status)],
        ))["ResourceShares"]
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(list("Deleting"), 1);
    assert!(sees(&s, PROD, GOLDEN));
    s.advance_clock(Duration::from_secs(30));
    assert_eq!(list("Deleted"), 1);
    assert!(!sees(&s, PROD, GOLDEN));
    rs(
        a,
        MGMT,
        "DeleteResourceShare",
        &[("ResourceShareId", "rs-golden00001")],
    )
    .assert_error(
        409,
        "ResourceShareStatusMismatchAction",
        "The status of the resource share does not allow the specified operation.",
    );
}

#[test]
fn external_accounts_need_an_accepted_invitation() {
    let s = server();
    let a = s.address();
    rs(
        a,
        MGMT,
        "CreateResourceShare",
        &[
            ("ResourceShareName", "to-partner"),
            ("Resources.1.ResourceType", "Image"),
            ("Resources.1.ResourceId", BASE),
            ("Targets.1", PARTNER_ID),
        ],
    )
    .assert_error(
        400,
        "InvalidTarget",
        "The shared target does not exist in the resource directory.",
    );
    let v = ok(rs(
        a,
        MGMT,
        "CreateResourceShare",
        &[
            ("ResourceShareName", "to-partner"),
            ("AllowExternalTargets", "true"),
            ("Resources.1.ResourceType", "Image"),
            ("Resources.1.ResourceId", BASE),
            ("Targets.1", PARTNER_ID),
        ],
    ));
    let share = v["ResourceShare"]["ResourceShareId"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(v["ResourceShare"]["ResourceShareStatus"], "Pending");
    s.advance_clock(Duration::from_secs(60));
    assert!(!sees(&s, PARTNER, BASE), "no access before accepting");
    let inv = ok(rs(a, PARTNER, "ListResourceShareInvitations", &[]));
    let i = &inv["ResourceShareInvitations"][0];
    assert_eq!(i["Status"], "Pending");
    assert_eq!(i["SenderAccountId"], "1600000000000001");
    let id = i["ResourceShareInvitationId"].as_str().unwrap().to_string();
    // Only the receiver can answer.
    rs(
        a,
        DEV,
        "AcceptResourceShareInvitation",
        &[("ResourceShareInvitationId", &id)],
    )
    .assert_error(
        409,
        "EntityNotExists.ResourceShareInvitation",
        "The resource share invitation does not exist in the current account.",
    );
    let v = ok(rs(
        a,
        PARTNER,
        "AcceptResourceShareInvitation",
        &[("ResourceShareInvitationId", &id)],
    ));
    assert_eq!(v["ResourceShareInvitation"]["Status"], "Accepted");
    assert!(sees(&s, PARTNER, BASE));
    let listed = ok(rs(
        a,
        PARTNER,
        "ListResourceShares",
        &[("ResourceOwner", "OtherAccounts")],
    ));
    assert_eq!(
        listed["ResourceShares"][0]["ResourceShareId"],
        share.as_str()
    );
    assert_eq!(
        ok(rs(
            a,
            MGMT,
            "ListResourceShares",
            &[("ResourceOwner", "Self"), ("ResourceShareIds.1", &share)]
        ))["ResourceShares"][0]["ResourceShareStatus"],
        "Active"
    );
    rs(
        a,
        PARTNER,
        "AcceptResourceShareInvitation",
        &[("ResourceShareInvitationId", &id)],
    )
    .assert_error(
        409,
        "InvitationStatus.AlreadyAccepted",
        "The resource share invitation status is alredy accepted.",
    );
    // The partner may leave; a member reached through the directory may not.
    let v = ok(rs(
        a,
        PARTNER,
        "DisassociateResourceShare",
        &[
            ("ResourceShareId", &share),
            ("ResourceOwner", "OtherAccounts"),
            ("Targets.1", PARTNER_ID),
        ],
    ));
    assert_eq!(
        v["ResourceShareAssociations"][0]["AssociationStatus"],
        "Disassociating"
    );
    s.advance_clock(Duration::from_secs(30));
    assert!(!sees(&s, PARTNER, BASE));
    rs(
        a,
        PROD,
        "DisassociateResourceShare",
        &[
            ("ResourceShareId", "rs-golden00001"),
            ("ResourceOwner", "OtherAccounts"),
            ("Targets.1", PROD_ID),
        ],
    )
    .assert_error(
        409,
        "LeavingFailed.Account",
        "The account was added to the resource share automatically by resoucre directory.",
    );
}

#[test]
fn rejected_and_expired_invitations_give_nothing() {
    let s = server();
    let a = s.address();
    let mk = |name: &str| {
        ok(rs(
            a,
            MGMT,
            "CreateResourceShare",
            &[
                ("ResourceShareName", name),
                ("AllowExternalTargets", "true"),
                ("Resources.1.ResourceType", "Image"),
                ("Resources.1.ResourceId", BASE),
                ("Targets.1", PARTNER_ID),
            ],
        ))["ResourceShare"]["ResourceShareId"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let first = mk("rejected");
    let inv_of = |share: &str| {
        ok(rs(
            a,
            PARTNER,
            "ListResourceShareInvitations",
            &[("ResourceShareIds.1", share)],
        ))["ResourceShareInvitations"][0]["ResourceShareInvitationId"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let i1 = inv_of(&first);
    let v = ok(rs(
        a,
        PARTNER,
        "RejectResourceShareInvitation",
        &[("ResourceShareInvitationId", &i1)],
    ));
    assert_eq!(v["ResourceShareInvitation"]["Status"], "Rejected");
    assert!(!sees(&s, PARTNER, BASE));
    rs(
        a,
        PARTNER,
        "AcceptResourceShareInvitation",
        &[("ResourceShareInvitationId", &i1)],
    )
    .assert_error(
        409,
        "InvitationStatus.AlreadyRejected",
        "The resource share invitation status is rejected.",
    );
    let second = mk("expiring");
    let i2 = inv_of(&second);
    s.advance_clock(Duration::from_secs(7 * 24 * 3600));
    rs(
        a,
        PARTNER,
        "AcceptResourceShareInvitation",
        &[("ResourceShareInvitationId", &i2)],
    )
    .assert_error(
        409,
        "InvitationStatus.Expired",
        "The resource share invitation status is expired.",
    );
    assert!(!sees(&s, PARTNER, BASE));
    let t = ok(rs(
        a,
        MGMT,
        "ListResourceShareAssociations",
        &[
            ("AssociationType", "Target"),
            ("ResourceShareIds.1", &second),
        ],
    ));
    assert_eq!(
        t["ResourceShareAssociations"][0]["AssociationStatus"],
        "Failed"
    );
    assert_eq!(t["ResourceShareAssociations"][0]["External"], true);
}

#[test]
fn both_paths_to_one_image_are_independent() {
    let s = server();
    let a = s.address();
    // prod-app gets golden by account ID too.
    ok(ecs(
        a,
        MGMT,
        "ModifyImageSharePermission",
        &[
            ("RegionId", "cn-hangzhou"),
            ("ImageId", GOLDEN),
            ("AddAccount.1", PROD_ID),
        ],
    ));
    assert_eq!(
        others(&s, PROD).iter().filter(|i| *i == GOLDEN).count(),
        1,
        "listed once"
    );
    // Leaving the folder keeps the named share...
    ok(rm(
        a,
        MGMT,
        "MoveAccount",
        &[
            ("AccountId", PROD_ID),
            ("DestinationFolderId", "fd-dev0000001"),
        ],
    ));
    assert!(sees(&s, PROD, GOLDEN));
    // ...and revoking the named share keeps the folder share.
    ok(rm(
        a,
        MGMT,
        "MoveAccount",
        &[
            ("AccountId", PROD_ID),
            ("DestinationFolderId", "fd-prod000001"),
        ],
    ));
    ok(ecs(
        a,
        MGMT,
        "ModifyImageSharePermission",
        &[
            ("RegionId", "cn-hangzhou"),
            ("ImageId", GOLDEN),
            ("RemoveAccount.1", PROD_ID),
        ],
    ));
    assert!(sees(&s, PROD, GOLDEN));
    // An image held by a share cannot be deleted or deprecated.
    ecs(a, MGMT, "DeleteImage", &[("RegionId", "cn-hangzhou"), ("ImageId", GOLDEN), ("Force", "true")]).assert_error(
        403,
        "ImageUseShared",
        "The specified image has been shared to others. You can use the DescribeImageSharePermission API to query the users who have been shared.",
    );
    ecs(
        a,
        MGMT,
        "ModifyImageAttribute",
        &[
            ("RegionId", "cn-hangzhou"),
            ("ImageId", GOLDEN),
            ("Status", "Deprecated"),
        ],
    )
    .assert_error(
        403,
        "ImageUseShared",
        "The specified image has been shared to others, please remove shared accounts first.",
    );
    // A recipient through the directory may copy it within the region, not re-share it.
    let r = ecs(
        a,
        PROD,
        "CopyImage",
        &[
            ("RegionId", "cn-hangzhou"),
            ("ImageId", GOLDEN),
            ("DryRun", "true"),
        ],
    );
    assert_eq!(code(&r), (400, "DryRunOperation".to_string()));
    ecs(
        a,
        PROD,
        "ModifyImageSharePermission",
        &[
            ("RegionId", "cn-hangzhou"),
            ("ImageId", GOLDEN),
            ("AddAccount.1", DEV_ID),
        ],
    )
    .assert_error(
        404,
        "InvalidImageId.NotFound",
        "The specified ImageId does not exist.",
    );
}

/// A small deterministic generator, so the random walk below is the same on every run.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

#[test]
fn for_any_sequence_each_account_sees_exactly_what_its_memberships_grant() {
    // Folders: root r (unknown ID), prod > web, dev. The model keeps each account's folder
    // (None = outside the directory) and each share's (image, target, live) triple.
    let s = MockServer::builder()
        .scenario_file(support::org::SCENARIO)
        .unwrap()
        .scenario_yaml("delays: { association: 0 }\n")
        .unwrap()
        .start_blocking()
        .unwrap();
    let a = s.address();
    let root = ok(rm(a, MGMT, "GetResourceDirectory", &[]))["ResourceDirectory"]["RootFolderId"]
        .as_str()
        .unwrap()
        .to_string();
    let folders = [
        "fd-prod000001",
        "fd-web0000001",
        "fd-dev0000001",
        root.as_str(),
    ];
    let parent = |f: &str| match f {
        "fd-web0000001" => Some("fd-prod000001"),
        r if r == root => None,
        _ => Some(root.as_str()),
    };
    let accounts = [
        (PROD_ID, PROD),
        (WEB_ID, WEB),
        (DEV_ID, DEV),
        (JOINER_ID, JOINER),
    ];
    let mut folder_of: Vec<Option<String>> = vec![
        Some("fd-prod000001".into()),
        Some("fd-web0000001".into()),
        Some("fd-dev0000001".into()),
        None,
    ];
    let mut shares: Vec<(String, &str, String, bool)> = vec![(
        "rs-golden00001".into(),
        GOLDEN,
        "fd-prod000001".into(),
        true,
    )];
    let covers = |target: &str, acc: usize, folder_of: &[Option<String>]| -> bool {
        let Some(f) = &folder_of[acc] else {
            return false;
        };
        if target == "rd-org001" || target == accounts[acc].0 {
            return true;
        }
        let mut cur = Some(f.as_str());
        while let Some(c) = cur {
            if c == target {
                return true;
            }
            cur = parent(c);
        }
        false
    };
    let mut rng = Lcg(42);
    for step in 0..60 {
        let acc = rng.next(accounts.len());
        match rng.next(5) {
            0 if folder_of[acc].is_some() => {
                let f = folders[rng.next(folders.len())];
                ok(rm(
                    a,
                    MGMT,
                    "MoveAccount",
                    &[("AccountId", accounts[acc].0), ("DestinationFolderId", f)],
                ));
                folder_of[acc] = Some(f.to_string());
            }
            1 if folder_of[acc].is_some() => {
                ok(rm(
                    a,
                    MGMT,
                    "RemoveCloudAccount",
                    &[("AccountId", accounts[acc].0)],
                ));
                folder_of[acc] = None;
            }
            2 if folder_of[acc].is_none() => {
                let h = ok(rm(
                    a,
                    MGMT,
                    "InviteAccountToResourceDirectory",
                    &[("TargetEntity", accounts[acc].0), ("TargetType", "Account")],
                ));
                ok(rm(
                    a,
                    accounts[acc].1,
                    "AcceptHandshake",
                    &[(
                        "HandshakeId",
                        h["Handshake"]["HandshakeId"].as_str().unwrap(),
                    )],
                ));
                folder_of[acc] = Some(root.clone());
            }
            3 => {
                let image = [GOLDEN, BASE][rng.next(2)];
                let members: Vec<usize> = (0..accounts.len())
                    .filter(|i| folder_of[*i].is_some())
                    .collect();
                let mut targets: Vec<String> = folders.iter().map(|f| f.to_string()).collect();
                targets.push("rd-org001".into());
                targets.extend(members.iter().map(|i| accounts[*i].0.to_string()));
                let t = targets[rng.next(targets.len())].clone();
                let name = format!("s{step}");
                let v = ok(rs(
                    a,
                    MGMT,
                    "CreateResourceShare",
                    &[
                        ("ResourceShareName", &name),
                        ("Resources.1.ResourceType", "Image"),
                        ("Resources.1.ResourceId", image),
                        ("Targets.1", &t),
                    ],
                ));
                shares.push((
                    v["ResourceShare"]["ResourceShareId"]
                        .as_str()
                        .unwrap()
                        .to_string(),
                    image,
                    t,
                    true,
                ));
            }
            4 => {
                let live: Vec<usize> = (0..shares.len()).filter(|i| shares[*i].3).collect();
                if let Some(&i) = live.get(rng.next(live.len().max(1))) {
                    let (id, _, t, _) = shares[i].clone();
                    ok(rs(
                        a,
                        MGMT,
                        "DisassociateResourceShare",
                        &[("ResourceShareId", &id), ("Targets.1", &t)],
                    ));
                    shares[i].3 = false;
                }
            }
            _ => continue,
        }
        for (i, (_, key)) in accounts.iter().enumerate() {
            let mut expected: Vec<String> = shares
                .iter()
                .filter(|(_, _, t, live)| *live && covers(t, i, &folder_of))
                .map(|(_, img, _, _)| img.to_string())
                .collect();
            expected.sort();
            expected.dedup();
            assert_eq!(
                others(&s, *key),
                expected,
                "step {step}: account {} in {:?}",
                accounts[i].0,
                folder_of[i]
            );
        }
    }
}
