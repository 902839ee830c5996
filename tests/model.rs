//! Model-based test: random sequences of state-changing calls (named shares and unshares,
//! resource shares and disassociations, directory moves, removals and re-joins, copies,
//! deletes, clock advances) from several accounts, checked after every step against an
//! independent model of who can see, launch and copy which image.
//!
//! CI runs a seeded few hundred sequences; the long run is
//! `MODEL_SEQUENCES=10000 cargo test --release --test model`.

mod support;

use std::collections::{BTreeMap, BTreeSet};

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use support::org::{
    BASE, DEV, DEV_ID, GOLDEN, JOINER, JOINER_ID, MGMT, PARTNER, PARTNER_ID, PROD, PROD_ID,
    SCENARIO, WEB, WEB_ID,
};
use support::{code, image_ids, Client};

const ROOT_TARGET: &str = "rd-org001";
const FOLDERS: [&str; 3] = ["fd-prod000001", "fd-web0000001", "fd-dev0000001"];

/// The model: who is where, which image is shared with whom, by which path.
struct Model {
    /// Images the management account owns, in cn-hangzhou.
    images: BTreeSet<String>,
    /// Named-account shares: image -> accounts.
    named: BTreeMap<String, BTreeSet<String>>,
    /// Resource shares: (share ID, image, target, associated).
    shares: Vec<(String, String, String, bool)>,
    /// Each account's folder (None: outside the directory); the root has no fixed ID.
    folder: BTreeMap<&'static str, Option<String>>,
    root: String,
}

impl Model {
    fn parent(&self, f: &str) -> Option<String> {
        match f {
            "fd-web0000001" => Some("fd-prod000001".into()),
            r if r == self.root => None,
            _ => Some(self.root.clone()),
        }
    }

    /// Whether a share target reaches `account`.
    fn covers(&self, target: &str, account: &str) -> bool {
        let Some(Some(f)) = self.folder.get(account) else {
            return false;
        };
        if target == ROOT_TARGET || target == account {
            return true;
        }
        let mut cur = Some(f.clone());
        while let Some(c) = cur {
            if c == target {
                return true;
            }
            cur = self.parent(&c);
        }
        false
    }

    /// Images `account` sees as shared with it.
    fn visible(&self, account: &str) -> BTreeSet<String> {
        self.images
            .iter()
            .filter(|i| {
                self.named.get(*i).is_some_and(|a| a.contains(account))
                    || self
                        .shares
                        .iter()
                        .any(|(_, img, t, live)| *live && img == *i && self.covers(t, account))
            })
            .cloned()
            .collect()
    }

    /// Whether deleting `image` is refused: it is shared by account, or it is a resource
    /// of a share (disassociating targets leaves it one).
    fn shared(&self, image: &str) -> bool {
        self.named.get(image).is_some_and(|a| !a.is_empty())
            || self.shares.iter().any(|(_, i, _, _)| i == image)
    }
}

const ACCOUNTS: [(&str, (&str, &str)); 5] = [
    (PROD_ID, PROD),
    (WEB_ID, WEB),
    (DEV_ID, DEV),
    (JOINER_ID, JOINER),
    (PARTNER_ID, PARTNER),
];

fn id(v: &serde_json::Value, key: &str) -> String {
    v[key].as_str().unwrap().to_string()
}

fn others(c: &Client) -> BTreeSet<String> {
    let v = c
        .ecs("DescribeImages")
        .p("ImageOwnerAlias", "others")
        .p("PageSize", "100")
        .ok();
    image_ids(&v).into_iter().collect()
}

/// Runs one sequence of `steps` calls from `seed`, checking the world after each.
fn sequence(s: &alicloud_mock::MockServer, seed: u64, steps: usize) {
    s.reset();
    let mgmt = Client::new(s, MGMT);
    let root = mgmt.rm("GetResourceDirectory").ok()["ResourceDirectory"]["RootFolderId"]
        .as_str()
        .unwrap()
        .to_string();
    let mut m = Model {
        images: [GOLDEN, BASE].iter().map(|s| s.to_string()).collect(),
        named: BTreeMap::new(),
        shares: vec![(
            "rs-golden00001".into(),
            GOLDEN.into(),
            "fd-prod000001".into(),
            true,
        )],
        folder: BTreeMap::from([
            (PROD_ID, Some("fd-prod000001".to_string())),
            (WEB_ID, Some("fd-web0000001".to_string())),
            (DEV_ID, Some("fd-dev0000001".to_string())),
            (JOINER_ID, None),
            (PARTNER_ID, None),
        ]),
        root,
    };
    let mut rng = StdRng::seed_from_u64(seed);
    for step in 0..steps {
        let what = rng.random_range(0..9);
        let (acc, key) = ACCOUNTS[rng.random_range(0..ACCOUNTS.len())];
        let images: Vec<String> = m.images.iter().cloned().collect();
        let image = images[rng.random_range(0..images.len())].clone();
        let context = format!("seed {seed} step {step} action {what}");
        match what {
            0 => {
                mgmt.ecs("ModifyImageSharePermission")
                    .p("ImageId", &image)
                    .p("AddAccount.1", acc)
                    .ok();
                m.named.entry(image.clone()).or_default().insert(acc.into());
            }
            1 => {
                mgmt.ecs("ModifyImageSharePermission")
                    .p("ImageId", &image)
                    .p("RemoveAccount.1", acc)
                    .ok();
                m.named.entry(image.clone()).or_default().remove(acc);
            }
            2 => {
                let mut targets: Vec<String> = FOLDERS.iter().map(|f| f.to_string()).collect();
                targets.push(ROOT_TARGET.into());
                targets.push(m.root.clone());
                targets.extend(
                    m.folder
                        .iter()
                        .filter(|(_, f)| f.is_some())
                        .map(|(a, _)| a.to_string()),
                );
                let t = targets[rng.random_range(0..targets.len())].clone();
                let v = mgmt
                    .rs("CreateResourceShare")
                    .p("ResourceShareName", &format!("s{step}"))
                    .p("Resources.1.ResourceType", "Image")
                    .p("Resources.1.ResourceId", &image)
                    .p("Targets.1", &t)
                    .ok();
                m.shares.push((
                    id(&v["ResourceShare"], "ResourceShareId"),
                    image.clone(),
                    t,
                    true,
                ));
            }
            3 => {
                let live: Vec<usize> = (0..m.shares.len()).filter(|i| m.shares[*i].3).collect();
                if let Some(&i) = live.get(rng.random_range(0..live.len().max(1))) {
                    let (sid, _, t, _) = m.shares[i].clone();
                    mgmt.rs("DisassociateResourceShare")
                        .p("ResourceShareId", &sid)
                        .p("Targets.1", &t)
                        .ok();
                    m.shares[i].3 = false;
                }
            }
            4 if m.folder[acc].is_some() => {
                let mut dests: Vec<String> = FOLDERS.iter().map(|f| f.to_string()).collect();
                dests.push(m.root.clone());
                let f = dests[rng.random_range(0..dests.len())].clone();
                mgmt.rm("MoveAccount")
                    .p("AccountId", acc)
                    .p("DestinationFolderId", &f)
                    .ok();
                m.folder.insert(acc, Some(f));
            }
            5 if m.folder[acc].is_some() => {
                mgmt.rm("RemoveCloudAccount").p("AccountId", acc).ok();
                m.folder.insert(acc, None);
                // A removed member's direct-account targets stop reaching it; the shares
                // stay, as the model's `covers` says.
            }
            5 | 4 => {
                let h = mgmt
                    .rm("InviteAccountToResourceDirectory")
                    .p("TargetEntity", acc)
                    .p("TargetType", "Account")
                    .ok();
                Client::new(s, key)
                    .rm("AcceptHandshake")
                    .p("HandshakeId", &id(&h["Handshake"], "HandshakeId"))
                    .ok();
                m.folder.insert(acc, Some(m.root.clone()));
            }
            6 => {
                let v = mgmt
                    .ecs("CopyImage")
                    .p("ImageId", &image)
                    .p("DestinationRegionId", "cn-hangzhou")
                    .ok();
                m.images.insert(id(&v, "ImageId"));
            }
            7 => {
                let r = mgmt.ecs("DeleteImage").p("ImageId", &image).send();
                if m.shared(&image) {
                    assert_eq!(
                        code(&r),
                        (403, "ImageUseShared".to_string()),
                        "{context}: {}",
                        r.body
                    );
                } else {
                    assert_eq!(r.status, 200, "{context}: {}", r.body);
                    m.images.remove(&image);
                    m.named.remove(&image);
                }
            }
            _ => s.advance_clock(std::time::Duration::from_secs(rng.random_range(1..100))),
        }
        // Everyone sees exactly what the model grants.
        for (acc, key) in ACCOUNTS {
            let c = Client::new(s, key);
            assert_eq!(others(&c), m.visible(acc), "{context}: account {acc}");
        }
        // One account tries to launch and to copy one image: allowed exactly when it sees it.
        let (acc, key) = ACCOUNTS[rng.random_range(0..ACCOUNTS.len())];
        let c = Client::new(s, key);
        let sees = m.visible(acc).contains(&image) && m.images.contains(&image);
        let expect = if sees {
            (400, "DryRunOperation".to_string())
        } else {
            (404, "InvalidImageId.NotFound".to_string())
        };
        let launch = c
            .ecs("RunInstances")
            .p("ImageId", &image)
            .p("InstanceType", "ecs.g7.large")
            .p("DryRun", "true")
            .send();
        assert_eq!(code(&launch), expect, "{context}: {acc} launches {image}");
        let copy = c
            .ecs("CopyImage")
            .p("ImageId", &image)
            .p("DestinationRegionId", "cn-hangzhou")
            .p("DryRun", "true")
            .send();
        assert_eq!(code(&copy), expect, "{context}: {acc} copies {image}");
    }
}

#[test]
fn for_any_sequence_of_changes_each_account_sees_launches_and_copies_what_the_model_grants() {
    let sequences: u64 = std::env::var("MODEL_SEQUENCES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let steps: usize = std::env::var("MODEL_STEPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(15);
    let s = alicloud_mock::MockServer::builder()
        .scenario_file(SCENARIO)
        .unwrap()
        .scenario_yaml("delays: { association: 0 }\n")
        .unwrap()
        .start_blocking()
        .unwrap();
    for seed in 0..sequences {
        sequence(&s, seed, steps);
    }
}
