//! Resource Sharing rules, one atomic `World` method each (docs/sources.md#resource-sharing).
//!
//! Shares live in a region. Targets are the owner's directory (`rd-`), one of its folders
//! (`fd-`/`r-`; a folder covers its sub-folders), a member account, or, with
//! `AllowExternalTargets`, any other account: that one gets an invitation and access only
//! once it accepts (7 days to do so).

use super::model::{
    is_group, AssocStatus, Association, Invitation, InvitationStatus, ResourceShare, IMAGE,
    IMAGE_PERMISSION,
};
use crate::error::ApiError;
use crate::scenario::{is_account_id, ResourceShareSpec};
use crate::time::Millis;
use crate::world::{Ids, World};

/// At most this many resources, targets or IDs per request (docs/sources.md#resource-sharing).
pub const MAX_ENTITIES: usize = 5;

/// Resources, targets and permission names of a Create/Associate/Disassociate call.
#[derive(Debug, Clone, Default)]
pub struct ShareEntities {
    /// (ResourceType, ResourceId)
    pub resources: Vec<(String, String)>,
    pub targets: Vec<String>,
    pub permissions: Vec<String>,
}

/// A target after checking: its principal, whether it is outside the directory.
pub(super) struct CheckedTarget {
    pub(super) id: String,
    pub(super) external: bool,
}

/// ResourceShareName: 1-50 characters; letters (Chinese included), digits, `.`, `_`, `-`.
pub fn check_share_name(name: Option<&str>) -> Result<&str, ApiError> {
    let name = name.ok_or(ApiError::MissingParameterResourceShareName)?;
    if name.chars().count() > 50 {
        return Err(ApiError::InvalidParameterResourceShareNameLength);
    }
    if !name
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'))
    {
        return Err(ApiError::InvalidParameterResourceShareName);
    }
    Ok(name)
}

pub(super) fn no_duplicates<T: PartialEq>(items: &[T], err: ApiError) -> Result<(), ApiError> {
    for (i, a) in items.iter().enumerate() {
        if items[..i].contains(a) {
            return Err(err);
        }
    }
    Ok(())
}

impl World {
    pub(super) fn association_delay(&self) -> Millis {
        self.delays.association as Millis * 1000
    }

    pub(super) fn new_association(
        &self,
        id: &str,
        entity_type: &str,
        external: bool,
        now: Millis,
    ) -> Association {
        let delay = self.association_delay();
        Association {
            entity_id: id.to_string(),
            entity_type: entity_type.to_string(),
            external,
            // An external target waits for its invitation; the rest settle after the delay.
            status: if delay == 0 && !external {
                AssocStatus::Associated
            } else {
                AssocStatus::Associating
            },
            settle_at: if external || delay == 0 {
                None
            } else {
                Some(now + delay)
            },
            created: now,
            updated: now,
        }
    }

    /// The caller's directory with sharing enabled (needed to share at all).
    pub(super) fn sharing_directory(&self, caller: &str) -> Result<String, ApiError> {
        let d = self
            .directories
            .of(caller)
            .ok_or(ApiError::AccountNotInResourceDirectory)?;
        if !d.sharing_enabled {
            return Err(ApiError::NotEnableSharingWithResourceDirectory);
        }
        Ok(d.id.clone())
    }

    pub(super) fn check_entities(
        &self,
        caller: &str,
        region: &str,
        e: &ShareEntities,
        allow_external: bool,
    ) -> Result<Vec<CheckedTarget>, ApiError> {
        if e.resources.len() > MAX_ENTITIES {
            return Err(ApiError::InvalidParameterResourcesLength);
        }
        no_duplicates(&e.resources, ApiError::InvalidParameterResourcesDuplicate)?;
        for (kind, id) in &e.resources {
            if kind != IMAGE {
                return Err(ApiError::InvalidParameterResourceType);
            }
            // Only the sharer's own custom image, in the share's region.
            self.own_image(caller, region, id)
                .map_err(|_| ApiError::InvalidParameterResources)?;
        }
        if e.targets.len() > MAX_ENTITIES {
            return Err(ApiError::InvalidParameterTargetsLength);
        }
        no_duplicates(&e.targets, ApiError::InvalidParameterTargetsDuplicate)?;
        let dir = self.directories.of(caller);
        let mut out = Vec::new();
        for t in &e.targets {
            if t == caller {
                return Err(ApiError::ShareWithYourself);
            }
            let external = if t.starts_with("rd-") {
                if dir.map(|d| &d.id) != Some(t) {
                    return Err(ApiError::InvalidTarget);
                }
                false
            } else if t.starts_with("fd-") || t.starts_with("r-") {
                if dir.is_none_or(|d| d.folder(t).is_none()) {
                    return Err(ApiError::InvalidTarget);
                }
                false
            } else if is_account_id(t) {
                let member = dir.is_some_and(|d| d.members.contains_key(t));
                if member {
                    false
                } else if !allow_external {
                    return Err(ApiError::InvalidTarget);
                } else {
                    let target = self
                        .account_by_id(t)
                        .ok_or(ApiError::InvalidParameterTargets)?;
                    if Some(target.site) != self.site_of(caller) {
                        return Err(ApiError::InvalidTargetSiteMismatch);
                    }
                    true
                }
            } else {
                return Err(ApiError::InvalidParameterTargets);
            };
            out.push(CheckedTarget {
                id: t.clone(),
                external,
            });
        }
        no_duplicates(
            &e.permissions,
            ApiError::InvalidParameterPermissionNamesDuplicate,
        )?;
        if e.permissions.iter().any(|p| p != IMAGE_PERMISSION) {
            return Err(ApiError::EntityNotExistsPermission);
        }
        Ok(out)
    }

    pub(super) fn invite(
        &mut self,
        share: &str,
        sender: &str,
        receiver: &str,
        now: Millis,
        ids: &Ids,
    ) {
        let inv = Invitation {
            id: ids.resource_id("i-", 16),
            share_id: share.to_string(),
            sender: sender.to_string(),
            receiver: receiver.to_string(),
            created: now,
            status: InvitationStatus::Pending,
        };
        self.shares.invitations.by_id.insert(inv.id.clone(), inv);
    }

    /// EnableSharingWithResourceDirectory: the management account, once.
    pub fn enable_rd_sharing(&mut self, caller: &str) -> Result<(), ApiError> {
        let d = self
            .directories
            .managed_by_mut(caller)
            .ok_or(ApiError::ActionNotPermitted)?;
        if d.sharing_enabled {
            return Err(ApiError::AlreadyEnabled);
        }
        d.sharing_enabled = true;
        Ok(())
    }

    /// CreateResourceShare. Returns the new share's ID.
    #[allow(clippy::too_many_arguments)]
    pub fn create_resource_share(
        &mut self,
        caller: &str,
        region: &str,
        name: Option<&str>,
        allow_external: bool,
        e: &ShareEntities,
        now: Millis,
        ids: &Ids,
    ) -> Result<String, ApiError> {
        let name = check_share_name(name)?.to_string();
        self.sharing_directory(caller)?;
        let targets = self.check_entities(caller, region, e, allow_external)?;
        let id = ids.resource_id("rs-", 12);
        let share = ResourceShare {
            id: id.clone(),
            name,
            owner: caller.to_string(),
            region: region.to_string(),
            allow_external,
            created: now,
            updated: now,
            deleted_at: None,
            resources: e
                .resources
                .iter()
                .map(|(_, r)| self.new_association(r, IMAGE, false, now))
                .collect(),
            targets: targets
                .iter()
                .map(|t| self.new_association(&t.id, "Account", t.external, now))
                .collect(),
            permissions: vec![IMAGE_PERMISSION.to_string()],
            resource_group: String::new(),
            tags: Default::default(),
        };
        self.shares.insert(share);
        for t in targets.iter().filter(|t| t.external) {
            self.invite(&id, caller, &t.id, now, ids);
        }
        Ok(id)
    }

    pub(super) fn owned_share(
        &self,
        caller: &str,
        region: &str,
        id: Option<&str>,
    ) -> Result<&ResourceShare, ApiError> {
        let id = id.ok_or(ApiError::MissingParameterResourceShareId)?;
        self.shares
            .by_id
            .get(id)
            .filter(|s| s.owner == caller && s.region == region)
            .ok_or(ApiError::EntityNotExistsResourceShare)
    }

    pub fn update_resource_share(
        &mut self,
        caller: &str,
        region: &str,
        id: Option<&str>,
        name: Option<&str>,
        allow_external: Option<bool>,
        now: Millis,
    ) -> Result<String, ApiError> {
        let s = self.owned_share(caller, region, id)?;
        let name = check_share_name(name)?.to_string();
        if s.is_deleting() {
            return Err(ApiError::ResourceShareStatusMismatchAction);
        }
        let id = s.id.clone();
        let s = self.shares.by_id.get_mut(&id).expect("checked");
        s.name = name;
        if let Some(a) = allow_external {
            s.allow_external = a;
        }
        s.updated = now;
        Ok(id)
    }

    /// DeleteResourceShare: every principal loses access when the share becomes Deleted.
    pub fn delete_resource_share(
        &mut self,
        caller: &str,
        region: &str,
        id: Option<&str>,
        now: Millis,
    ) -> Result<(), ApiError> {
        let s = self.owned_share(caller, region, id)?;
        if s.is_deleting() {
            return Err(ApiError::ResourceShareStatusMismatchAction);
        }
        let busy = s
            .resources
            .iter()
            .chain(&s.targets)
            .any(|a| a.settle_at.is_some_and(|t| now < t));
        if busy {
            return Err(ApiError::DeleteResourceShareConflict);
        }
        let id = s.id.clone();
        let at = now + self.association_delay();
        let s = self.shares.by_id.get_mut(&id).expect("checked");
        s.deleted_at = Some(at);
        s.updated = now;
        for a in s.resources.iter_mut().chain(s.targets.iter_mut()) {
            let st = a.status_at(now);
            a.status = if st.grants() && at > now {
                AssocStatus::Disassociating
            } else {
                AssocStatus::Disassociated
            };
            a.settle_at = (at > now && st.grants()).then_some(at);
            a.updated = now;
        }
        for inv in self.shares.invitations.by_id.values_mut() {
            if inv.share_id == id && inv.status_at(now) == InvitationStatus::Pending {
                inv.status = InvitationStatus::Cancelled;
            }
        }
        Ok(())
    }

    pub(crate) fn load_resource_share(&mut self, spec: &ResourceShareSpec, now: Millis, ids: &Ids) {
        let owner = self.account_id(&spec.owner);
        let dir = self.directories.of(&owner).map(|d| d.id.clone());
        let assoc = |id: &str, kind: &str, external: bool| Association {
            entity_id: id.to_string(),
            entity_type: kind.to_string(),
            external,
            status: AssocStatus::Associated,
            settle_at: None,
            created: now,
            updated: now,
        };
        let targets = spec
            .targets
            .iter()
            .map(|t| {
                if is_group(t) {
                    assoc(t, "Account", false)
                } else {
                    let id = self.account_id(t);
                    let member =
                        self.directories.of(&id).map(|d| d.id.clone()) == dir && dir.is_some();
                    assoc(&id, "Account", !member)
                }
            })
            .collect();
        self.shares.insert(ResourceShare {
            id: spec
                .id
                .clone()
                .unwrap_or_else(|| ids.resource_id("rs-", 12)),
            name: spec.name.clone(),
            owner,
            region: spec.region.clone(),
            allow_external: spec.allow_external_targets,
            created: now,
            updated: now,
            deleted_at: None,
            resources: spec
                .resources
                .iter()
                .map(|r| assoc(&r.id, IMAGE, false))
                .collect(),
            targets,
            permissions: vec![IMAGE_PERMISSION.to_string()],
            resource_group: String::new(),
            tags: Default::default(),
        });
    }
}
