//! Who sees which image: the one rule that crosses products. An account sees an image in a
//! region if it owns it, if it is a system, Marketplace or community image there, if the
//! owner shared it with the account by ID (ECS), or if a resource share reaches the account
//! through the resource directory or an accepted invitation (Resource Sharing).

use super::World;
use crate::products::ecs::images::model::{Access, Image};
use crate::time::Millis;

impl World {
    /// The image `id` as `account` sees it in `region` at mock time `now`, if it sees it at
    /// all: the one visibility rule every image action goes through. Named-account shares
    /// and Resource Sharing both give `Access::Shared`.
    pub fn visible_image(
        &self,
        region: &str,
        account: &str,
        id: &str,
        now: Millis,
    ) -> Option<(&Image, Access)> {
        if !self.has_region(region) {
            return None;
        }
        if let Some(found) = self.images.visible(region, account, id) {
            return Some(found);
        }
        let img = self.images.custom(id).filter(|i| i.region == region)?;
        self.shares
            .images_for(&self.directories, region, account, now)
            .contains(id)
            .then_some((img, Access::Shared))
    }

    /// Custom images shared with `account` in `region`, by account ID or through Resource
    /// Sharing, each once.
    pub fn shared_images(&self, region: &str, account: &str, now: Millis) -> Vec<&Image> {
        let mut out: Vec<&Image> = self.images.granted_to(region, account).collect();
        for id in self
            .shares
            .images_for(&self.directories, region, account, now)
        {
            if let Some(img) = self.images.custom(&id) {
                if !img.shared_with.contains_key(account) {
                    out.push(img);
                }
            }
        }
        out
    }
}

/// How an account reaches an image, or why it does not: what the dashboard shows in a cell
/// (docs/dashboard.md). `access` is empty when the account does not see the image.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Reach {
    /// `owner`, `named-share`, `directory-share`, `system`, `marketplace`, `community`,
    /// `swas`, or empty.
    pub access: &'static str,
    /// The share, folder or directory it goes through, when there is one.
    pub via: String,
    /// A sentence saying how, or why not.
    pub reason: String,
}

/// The codes a [`Reach`] may carry, in the order the dashboard's legend lists them.
pub const REACH_CODES: &[&str] = &[
    "",
    "owner",
    "named-share",
    "directory-share",
    "system",
    "marketplace",
    "community",
    "swas",
];

impl World {
    /// For one account: each image a resource share grants it in `region`, with the share
    /// and the principal (folder, directory or the account itself) it goes through.
    fn share_paths(
        &self,
        region: &str,
        account: &str,
        now: Millis,
    ) -> std::collections::BTreeMap<String, String> {
        let mut out = std::collections::BTreeMap::new();
        for (s, principal) in self.shares.reaching(&self.directories, account, now) {
            if s.region != region {
                continue;
            }
            for r in &s.resources {
                if r.entity_type == "Image" && r.status_at(now).grants() {
                    out.entry(r.entity_id.clone()).or_insert_with(|| {
                        format!(
                            "{} ({}) to {}",
                            s.id,
                            s.name,
                            self.principal_name(&principal)
                        )
                    });
                }
            }
        }
        out
    }

    /// A resource share principal as a person reads it.
    fn principal_name(&self, principal: &str) -> String {
        if let Some(d) = self.directories.by_id.get(principal) {
            return format!("the whole resource directory {}", d.id);
        }
        for d in self.directories.by_id.values() {
            if let Some(f) = d.folder(principal) {
                return format!("folder {} ({})", f.name, f.id);
            }
        }
        format!("account {principal}")
    }

    /// How `account` reaches image `id` in `region` at `now`, or why it does not; the same
    /// rule as [`World::visible_image`] (a test holds the two together).
    pub fn reach(&self, region: &str, account: &str, id: &str, now: Millis) -> Reach {
        let paths = self.share_paths(region, account, now);
        self.reach_with(region, account, id, now, &paths)
    }

    fn reach_with(
        &self,
        region: &str,
        account: &str,
        id: &str,
        now: Millis,
        paths: &std::collections::BTreeMap<String, String>,
    ) -> Reach {
        let no = |reason: String| Reach {
            access: "",
            via: String::new(),
            reason,
        };
        if !self.has_region(region) {
            return no(format!("{region} is not a region of this world"));
        }
        if let Some((img, access)) = self.images.visible(region, account, id) {
            let (access, reason) = match access {
                Access::Own if self.swas_images.get(id).is_some_and(|s| s.shared_to_ecs) => (
                    "swas",
                    "its own Simple Application Server image, shared to ECS (ModifyImageShareStatus)".to_string(),
                ),
                Access::Own => ("owner", "its own image".to_string()),
                Access::Shared => (
                    "named-share",
                    format!("shared with it by ID by its owner {} (ModifyImageSharePermission)", img.owner),
                ),
                Access::Community => (
                    "community",
                    format!("a community image of {}, public to every account", img.owner),
                ),
                Access::System => ("system", "a public image of Alibaba Cloud".to_string()),
                Access::Marketplace => ("marketplace", "an Alibaba Cloud Marketplace image".to_string()),
            };
            let status = img.status_at(now);
            let reason = if status == crate::scenario::ImageStatus::Available {
                reason
            } else {
                format!("{reason}; its status is {}", status.as_str())
            };
            return Reach {
                access,
                via: String::new(),
                reason,
            };
        }
        let Some(img) = self.images.custom(id) else {
            return no(format!("there is no image {id}"));
        };
        if img.region != region {
            return no(format!(
                "the image is in {}, not {region}: images are regional (CopyImage makes a copy elsewhere)",
                img.region
            ));
        }
        if let Some(via) = paths.get(id) {
            return Reach {
                access: "directory-share",
                via: via.clone(),
                reason: format!(
                    "a resource share of {} reaches it (Resource Sharing)",
                    img.owner
                ),
            };
        }
        let other_site = self
            .site_of(account)
            .is_some_and(|s| Some(s) != self.site_of(&img.owner));
        if img.product_code.is_some() && other_site {
            return no(format!(
                "a Marketplace-based image of {} cannot be shared with an account on the other site",
                img.owner
            ));
        }
        if self.shares.by_id.values().any(|s| {
            s.owner == img.owner
                && s.region == region
                && s.resources.iter().any(|r| r.entity_id == id)
        }) {
            return no(format!(
                "a resource share of {} holds it, but none reaches this account now (not in a targeted folder or directory, not an accepted external target, or the association is not Associated)",
                img.owner
            ));
        }
        no(format!(
            "its owner {} has not shared it with this account (no named-account share, no resource share)",
            img.owner
        ))
    }

    /// The dashboard's matrix for `region`: every account, the images of the region
    /// (Alibaba's first, then custom ones by ID), and per account one code index
    /// ([`REACH_CODES`]) per image.
    pub fn reach_matrix(&self, region: &str, now: Millis) -> (Vec<&Image>, Vec<Vec<u8>>) {
        let mut images: Vec<&Image> = self
            .images
            .catalogue()
            .iter()
            .filter(|i| i.region == region)
            .collect();
        let mut custom: Vec<&Image> = self
            .images
            .all_custom()
            .filter(|i| i.region == region)
            .collect();
        custom.sort_by(|a, b| a.id.cmp(&b.id));
        images.extend(custom);
        let rows = self
            .accounts
            .iter()
            .map(|a| {
                let paths = self.share_paths(region, &a.id, now);
                images
                    .iter()
                    .map(|i| {
                        let r = self.reach_with(region, &a.id, &i.id, now, &paths);
                        REACH_CODES.iter().position(|c| *c == r.access).unwrap_or(0) as u8
                    })
                    .collect()
            })
            .collect();
        (images, rows)
    }
}
