//! Resource Sharing: shares, their associations, invitations, and the index that answers
//! "which images reach account X in region R through a share" (docs/sources.md#resource-sharing).
//!
//! Associations move on the mock clock: `Associating` becomes `Associated` (access starts)
//! and `Disassociating` becomes `Disassociated` (access ends) `delays.association` seconds
//! after the change; deletion (`Deleting` -> `Deleted`) takes the same time. An association
//! to an account outside the directory waits for its invitation instead.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::products::resource_directory::model::Directories;
use crate::time::Millis;

/// Invitations expire 7 days after they are sent (docs/sources.md#resource-sharing).
pub const INVITATION_TTL_MS: Millis = 7 * 24 * 3600 * 1000;
/// The only resource type the mock shares, and its default permission.
pub const IMAGE: &str = "Image";
pub const IMAGE_PERMISSION: &str = "AliyunRSDefaultPermissionImage";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AssocStatus {
    Associating,
    Associated,
    Failed,
    Disassociating,
    Disassociated,
}

impl AssocStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AssocStatus::Associating => "Associating",
            AssocStatus::Associated => "Associated",
            AssocStatus::Failed => "Failed",
            AssocStatus::Disassociating => "Disassociating",
            AssocStatus::Disassociated => "Disassociated",
        }
    }

    pub fn parse(s: &str) -> Option<AssocStatus> {
        [
            AssocStatus::Associating,
            AssocStatus::Associated,
            AssocStatus::Failed,
            AssocStatus::Disassociating,
            AssocStatus::Disassociated,
        ]
        .into_iter()
        .find(|a| a.as_str() == s)
    }

    /// Whether the entity currently gives (or receives) access.
    pub fn grants(self) -> bool {
        matches!(self, AssocStatus::Associated | AssocStatus::Disassociating)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Association {
    pub entity_id: String,
    /// `Image` for resources; `Account` for targets (docs/sources.md#resource-sharing).
    pub entity_type: String,
    pub external: bool,
    pub status: AssocStatus,
    /// When a transitional status settles; None = waits (e.g. for an invitation).
    pub settle_at: Option<Millis>,
    pub created: Millis,
    pub updated: Millis,
}

impl Association {
    pub fn status_at(&self, now: Millis) -> AssocStatus {
        match (self.status, self.settle_at) {
            (AssocStatus::Associating, Some(t)) if now >= t => AssocStatus::Associated,
            (AssocStatus::Disassociating, Some(t)) if now >= t => AssocStatus::Disassociated,
            (s, _) => s,
        }
    }

    /// When the status last changed, as seen at `now`.
    pub fn updated_at(&self, now: Millis) -> Millis {
        match self.settle_at {
            Some(t) if now >= t => t,
            _ => self.updated,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvitationStatus {
    Pending,
    Accepted,
    Rejected,
    Expired,
    Cancelled,
}

impl InvitationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            InvitationStatus::Pending => "Pending",
            InvitationStatus::Accepted => "Accepted",
            InvitationStatus::Rejected => "Rejected",
            InvitationStatus::Expired => "Expired",
            InvitationStatus::Cancelled => "Cancelled",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Invitation {
    pub id: String,
    pub share_id: String,
    pub sender: String,
    pub receiver: String,
    pub created: Millis,
    pub status: InvitationStatus,
}

impl Invitation {
    pub fn status_at(&self, now: Millis) -> InvitationStatus {
        if self.status == InvitationStatus::Pending && now >= self.created + INVITATION_TTL_MS {
            InvitationStatus::Expired
        } else {
            self.status
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResourceShare {
    pub id: String,
    pub name: String,
    pub owner: String,
    pub region: String,
    pub allow_external: bool,
    pub created: Millis,
    pub updated: Millis,
    /// Set by DeleteResourceShare: when the share becomes `Deleted`.
    pub deleted_at: Option<Millis>,
    pub resources: Vec<Association>,
    pub targets: Vec<Association>,
    pub permissions: Vec<String>,
    /// Its resource group; empty = the owner's default group.
    #[serde(default)]
    pub resource_group: String,
    #[serde(default)]
    pub tags: std::collections::BTreeMap<String, String>,
}

impl ResourceShare {
    /// `Active`, `Pending` (invitations waiting), `Deleting` or `Deleted` at `now`.
    pub fn status_at(&self, now: Millis, invitations: &Invitations) -> &'static str {
        match self.deleted_at {
            Some(t) if now >= t => "Deleted",
            Some(_) => "Deleting",
            None if invitations.pending_for_share(&self.id, now) => "Pending",
            None => "Active",
        }
    }

    pub fn is_deleting(&self) -> bool {
        self.deleted_at.is_some()
    }

    pub fn target(&self, id: &str) -> Option<&Association> {
        self.targets.iter().find(|a| a.entity_id == id)
    }
}

/// Invitations by ID.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Invitations {
    pub by_id: BTreeMap<String, Invitation>,
}

impl Invitations {
    pub fn pending_for_share(&self, share: &str, now: Millis) -> bool {
        self.by_id
            .values()
            .any(|i| i.share_id == share && i.status_at(now) == InvitationStatus::Pending)
    }

    /// The invitation for a receiver of a share, newest first.
    pub fn for_target(&self, share: &str, receiver: &str) -> Option<&Invitation> {
        self.by_id
            .values()
            .filter(|i| i.share_id == share && i.receiver == receiver)
            .max_by_key(|i| i.created)
    }
}

/// All resource shares, indexed by target principal and by resource.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ResourceShares {
    pub by_id: BTreeMap<String, ResourceShare>,
    #[serde(skip)]
    by_target: HashMap<String, BTreeSet<String>>,
    #[serde(skip)]
    by_resource: HashMap<String, BTreeSet<String>>,
    pub invitations: Invitations,
}

/// Whether a principal is a folder or directory (not an account).
pub fn is_group(principal: &str) -> bool {
    principal.starts_with("rd-") || principal.starts_with("fd-") || principal.starts_with("r-")
}

impl ResourceShares {
    /// Rebuilds the target and resource indexes from the shares.
    pub fn reindex(&mut self) {
        let shares = std::mem::take(&mut self.by_id);
        self.by_target.clear();
        self.by_resource.clear();
        for s in shares.into_values() {
            self.insert(s);
        }
    }

    pub fn insert(&mut self, share: ResourceShare) {
        for t in &share.targets {
            self.index_target(&share.id, &t.entity_id);
        }
        for r in &share.resources {
            self.index_resource(&share.id, &r.entity_id);
        }
        self.by_id.insert(share.id.clone(), share);
    }

    pub fn index_target(&mut self, share: &str, principal: &str) {
        self.by_target
            .entry(principal.to_string())
            .or_default()
            .insert(share.to_string());
    }

    pub fn index_resource(&mut self, share: &str, resource: &str) {
        self.by_resource
            .entry(resource.to_string())
            .or_default()
            .insert(share.to_string());
    }

    /// Shares naming `principal` as a target (in any status).
    pub fn targeting(&self, principal: &str) -> impl Iterator<Item = &ResourceShare> {
        self.by_target
            .get(principal)
            .into_iter()
            .flatten()
            .filter_map(|id| self.by_id.get(id))
    }

    /// Shares holding `resource` (in any status).
    pub fn holding(&self, resource: &str) -> impl Iterator<Item = &ResourceShare> {
        self.by_resource
            .get(resource)
            .into_iter()
            .flatten()
            .filter_map(|id| self.by_id.get(id))
    }

    /// The shares through which `account` currently has access, with the principal that
    /// covers it: an associated target that is the account itself (external, or still a
    /// member of the owner's directory), or a folder or directory the account is in now.
    pub fn reaching<'a>(
        &'a self,
        dirs: &'a Directories,
        account: &str,
        now: Millis,
    ) -> impl Iterator<Item = (&'a ResourceShare, String)> + 'a {
        let account = account.to_string();
        let my_dir = dirs.of(&account).map(|d| d.id.clone());
        dirs.principals(&account).into_iter().flat_map(move |p| {
            let account = account.clone();
            let my_dir = my_dir.clone();
            let shares: Vec<&ResourceShare> = self.targeting(&p).collect();
            shares.into_iter().filter_map(move |s| {
                if s.owner == account {
                    return None;
                }
                let t = s.target(&p)?;
                if !t.status_at(now).grants() {
                    return None;
                }
                let owner_dir = dirs.of(&s.owner).map(|d| d.id.as_str());
                let in_owner_dir = owner_dir.is_some() && my_dir.as_deref() == owner_dir;
                let covered = if is_group(&p) {
                    in_owner_dir
                } else {
                    t.external || in_owner_dir
                };
                covered.then(|| (s, p.clone()))
            })
        })
    }

    /// Images reaching `account` in `region` through shares.
    pub fn images_for(
        &self,
        dirs: &Directories,
        region: &str,
        account: &str,
        now: Millis,
    ) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for (s, _) in self.reaching(dirs, account, now) {
            if s.region != region {
                continue;
            }
            for r in &s.resources {
                if r.entity_type == IMAGE && r.status_at(now).grants() {
                    out.insert(r.entity_id.clone());
                }
            }
        }
        out
    }

    /// Whether an image is held by a share that has not finished letting go of it.
    pub fn holds_image(&self, image: &str, now: Millis) -> bool {
        self.holding(image).any(|s| {
            s.resources.iter().any(|r| {
                r.entity_id == image
                    && !matches!(
                        r.status_at(now),
                        AssocStatus::Disassociated | AssocStatus::Failed
                    )
            })
        })
    }
}
