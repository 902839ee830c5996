//! Isolation and concurrency: no account sees, describes, shares, copies, modifies or
//! deletes an image that is not its own, public or shared with it; concurrent sharing never
//! passes the quota and never loses an update.

mod support;

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use alicloud_mock::MockServer;
use support::*;

#[test]
fn every_account_reaches_exactly_the_images_it_owns_or_receives() {
    let s = MockServer::builder().start_blocking().unwrap();
    let a = s.address();
    let accounts = [
        ("owner", OWNER_KEY),
        ("member", MEMBER_KEY),
        ("intl", INTL_KEY),
        ("outsider", OUTSIDER_KEY),
    ];
    let images = [
        (PLAIN, "cn-hangzhou"),
        (GOLDEN, "cn-hangzhou"),
        (MARKET, "cn-hangzhou"),
        (PAID, "cn-hangzhou"),
        (CMK, "cn-shanghai"),
    ];
    for (name, key) in accounts {
        for (img, region) in images {
            let own = name == "owner";
            let received = name == "member" && img == GOLDEN;
            let ctx = format!("{name} on {img}");
            let base = [("RegionId", region), ("ImageId", img)];
            let with = |extra: &[(&'static str, &'static str)]| {
                let mut p: Vec<(&str, &str)> = base.to_vec();
                p.extend_from_slice(extra);
                p
            };
            let seen =
                ok(ecs(a, key, "DescribeImages", &with(&[("Status", "ALL")])))["TotalCount"] == 1;
            assert_eq!(seen, own || received, "describe: {ctx}");

            let code = |action: &str, extra: &[(&'static str, &'static str)]| {
                let r = ecs(a, key, action, &with(extra));
                if r.status == 200 {
                    "OK".to_string()
                } else {
                    r.json()["Code"].as_str().unwrap().to_string()
                }
            };
            let not_found = "InvalidImageId.NotFound".to_string();
            let perm = code("DescribeImageSharePermission", &[]);
            assert_eq!(perm == "OK", own, "share list: {ctx} -> {perm}");
            if !own {
                assert_eq!(perm, not_found, "{ctx}");
            }
            for (action, extra) in [
                (
                    "ModifyImageSharePermission",
                    &[("AddAccount.1", OUTSIDER_ID), ("DryRun", "true")][..],
                ),
                ("DeleteImage", &[("DryRun", "true")][..]),
                (
                    "ModifyImageAttribute",
                    &[("Description", "new text"), ("DryRun", "true")][..],
                ),
            ] {
                let c = code(action, extra);
                if own {
                    assert_ne!(c, not_found, "{action}: {ctx}");
                } else {
                    assert_eq!(c, not_found, "{action}: {ctx}");
                }
            }
            let copy = code("CopyImage", &[("DryRun", "true")]);
            if own || received {
                assert_eq!(copy, "DryRunOperation", "copy: {ctx}");
            } else {
                assert_eq!(copy, not_found, "copy: {ctx}");
            }
        }
    }
    // Nothing above changed the world.
    assert_eq!(
        shared_with(a, OWNER_KEY, "cn-hangzhou", GOLDEN),
        [MEMBER_ID]
    );
    assert!(shared_with(a, OWNER_KEY, "cn-hangzhou", PLAIN).is_empty());
}

fn crowd(accounts: usize, quota: usize) -> MockServer {
    let mut yaml = format!(
        "regions: [cn-hangzhou]\naccounts:\n  - {{ id: \"9000000000000000\", alias: owner, access_keys: [{{ id: O, secret: S }}], quotas: {{ share_image_users: {quota} }} }}\n"
    );
    for i in 1..=accounts {
        yaml.push_str(&format!("  - {{ id: \"9{i:015}\" }}\n"));
    }
    yaml.push_str("images: [{ id: m-crowd, owner: owner, region: cn-hangzhou }]\n");
    MockServer::builder()
        .scenario_yaml(&yaml)
        .unwrap()
        .start_blocking()
        .unwrap()
}

fn modify(addr: std::net::SocketAddr, op: &str, account: &str) -> Resp {
    ecs(
        addr,
        ("O", "S"),
        "ModifyImageSharePermission",
        &[
            ("RegionId", "cn-hangzhou"),
            ("ImageId", "m-crowd"),
            (op, account),
        ],
    )
}

#[test]
fn thirty_two_concurrent_clients_never_pass_the_quota() {
    let s = crowd(32, 10);
    let addr = s.address();
    let wins = Arc::new(std::sync::Mutex::new(BTreeSet::new()));
    let quota_refusals = Arc::new(AtomicUsize::new(0));
    let handles: Vec<_> = (1..=32)
        .map(|i| {
            let (wins, refusals) = (wins.clone(), quota_refusals.clone());
            std::thread::spawn(move || {
                let id = format!("9{i:015}");
                let r = modify(addr, "AddAccount.1", &id);
                match r.status {
                    200 => {
                        wins.lock().unwrap().insert(id);
                    }
                    403 => {
                        assert_eq!(r.json()["Code"], "QuotaExceed.ShareImageUser");
                        refusals.fetch_add(1, Ordering::Relaxed);
                    }
                    _ => panic!("unexpected answer: {}", r.body),
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let wins = wins.lock().unwrap().clone();
    assert_eq!(wins.len(), 10);
    assert_eq!(quota_refusals.load(Ordering::Relaxed), 22);
    let got: BTreeSet<String> = shared_with(addr, ("O", "S"), "cn-hangzhou", "m-crowd")
        .into_iter()
        .collect();
    assert_eq!(got, wins, "the share list is exactly the successful calls");
}

#[test]
fn concurrent_shares_and_unshares_lose_no_update() {
    let s = crowd(32, 12);
    let addr = s.address();
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    // A reader checks the quota holds at every moment it looks.
    let reader = {
        let done = done.clone();
        std::thread::spawn(move || {
            let mut reads = 0;
            while !done.load(Ordering::Relaxed) {
                let v = ok(ecs(
                    addr,
                    ("O", "S"),
                    "DescribeImageSharePermission",
                    &[
                        ("RegionId", "cn-hangzhou"),
                        ("ImageId", "m-crowd"),
                        ("PageSize", "100"),
                    ],
                ));
                assert!(v["TotalCount"].as_u64().unwrap() <= 12, "quota passed: {v}");
                reads += 1;
            }
            reads
        })
    };
    let handles: Vec<_> = (1..=32)
        .map(|i| {
            std::thread::spawn(move || {
                let id = format!("9{i:015}");
                // Each client flips its own account; its last successful call decides its state.
                let mut shared = false;
                for round in 0..12 {
                    let op = if round % 2 == 0 {
                        "AddAccount.1"
                    } else {
                        "RemoveAccount.1"
                    };
                    let r = modify(addr, op, &id);
                    match r.status {
                        200 => shared = op == "AddAccount.1",
                        403 => assert_eq!(r.json()["Code"], "QuotaExceed.ShareImageUser"),
                        _ => panic!("unexpected answer: {}", r.body),
                    }
                }
                // End on a share attempt so some accounts stay shared.
                let r = modify(addr, "AddAccount.1", &id);
                if r.status == 200 {
                    shared = true;
                }
                (id, shared)
            })
        })
        .collect();
    let expected: BTreeSet<String> = handles
        .into_iter()
        .map(|h| h.join().unwrap())
        .filter(|(_, shared)| *shared)
        .map(|(id, _)| id)
        .collect();
    done.store(true, Ordering::Relaxed);
    assert!(reader.join().unwrap() > 0);
    let got: BTreeSet<String> = shared_with(addr, ("O", "S"), "cn-hangzhou", "m-crowd")
        .into_iter()
        .collect();
    assert_eq!(got, expected);
    assert!(got.len() <= 12);
}
