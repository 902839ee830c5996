//! Associating and disassociating resources and targets, answering invitations, and the
//! status a target shows: one atomic `World` method each.

use super::model::{AssocStatus, Association, Invitation, InvitationStatus, ResourceShare, IMAGE};
use super::rules::{no_duplicates, ShareEntities, MAX_ENTITIES};
use crate::error::ApiError;
use crate::time::Millis;
use crate::world::{Ids, World};

impl World {
    /// AssociateResourceShare. Returns the affected associations' entity IDs, in request order
    /// (resources first, then targets).
    pub fn associate_resource_share(
        &mut self,
        caller: &str,
        region: &str,
        id: Option<&str>,
        e: &ShareEntities,
        now: Millis,
        ids: &Ids,
    ) -> Result<Vec<String>, ApiError> {
        let s = self.owned_share(caller, region, id)?;
        if e.resources.is_empty() && e.targets.is_empty() {
            return Err(ApiError::ResourceAndTargetBothEmpty);
        }
        if s.is_deleting() {
            return Err(ApiError::ResourceShareStatusMismatchAction);
        }
        let share_id = s.id.clone();
        let allow_external = s.allow_external;
        let targets = self.check_entities(caller, region, e, allow_external)?;
        let s = &self.shares.by_id[&share_id];
        let existing = |list: &[Association], eid: &str| {
            list.iter()
                .find(|a| a.entity_id == eid)
                .map(|a| a.status_at(now))
        };
        for (_, r) in &e.resources {
            if existing(&s.resources, r) == Some(AssocStatus::Disassociating) {
                return Err(ApiError::AssociateConflict);
            }
        }
        for t in &targets {
            if existing(&s.targets, &t.id) == Some(AssocStatus::Disassociating) {
                return Err(ApiError::AssociateConflict);
            }
        }
        let mut touched = Vec::new();
        let mut invites = Vec::new();
        let new_res: Vec<Association> = e
            .resources
            .iter()
            .map(|(_, r)| self.new_association(r, IMAGE, false, now))
            .collect();
        let new_tgt: Vec<Association> = targets
            .iter()
            .map(|t| self.new_association(&t.id, "Account", t.external, now))
            .collect();
        let s = self.shares.by_id.get_mut(&share_id).expect("checked");
        for (list, fresh) in [(&mut s.resources, new_res), (&mut s.targets, new_tgt)] {
            for a in fresh {
                touched.push(a.entity_id.clone());
                match list.iter_mut().find(|x| x.entity_id == a.entity_id) {
                    // Already associated or on its way: nothing to do.
                    Some(x)
                        if matches!(
                            x.status_at(now),
                            AssocStatus::Associated | AssocStatus::Associating
                        ) => {}
                    Some(x) => {
                        if a.external {
                            invites.push(a.entity_id.clone());
                        }
                        *x = a;
                    }
                    None => {
                        if a.external {
                            invites.push(a.entity_id.clone());
                        }
                        list.push(a);
                    }
                }
            }
        }
        s.updated = now;
        for t in &targets {
            self.shares.index_target(&share_id, &t.id);
        }
        for (_, r) in &e.resources {
            self.shares.index_resource(&share_id, r);
        }
        for r in invites {
            self.invite(&share_id, caller, &r, now, ids);
        }
        Ok(touched)
    }

    /// DisassociateResourceShare. `Self`: the owner removes entities. `OtherAccounts`: a
    /// receiver outside the directory leaves; one reached through the directory cannot
    /// (`LeavingFailed.Account`).
    #[allow(clippy::too_many_arguments)]
    pub fn disassociate_resource_share(
        &mut self,
        caller: &str,
        region: &str,
        id: Option<&str>,
        e: &ShareEntities,
        as_owner: bool,
        now: Millis,
    ) -> Result<Vec<String>, ApiError> {
        if e.resources.len() > MAX_ENTITIES {
            return Err(ApiError::InvalidParameterResourcesLength);
        }
        if e.targets.len() > MAX_ENTITIES {
            return Err(ApiError::InvalidParameterTargetsLength);
        }
        no_duplicates(&e.resources, ApiError::InvalidParameterResourcesDuplicate)?;
        no_duplicates(&e.targets, ApiError::InvalidParameterTargetsDuplicate)?;
        let share_id = if as_owner {
            self.owned_share(caller, region, id)?.id.clone()
        } else {
            let id = id.ok_or(ApiError::MissingParameterResourceShareId)?;
            let reached = self.shares.by_id.get(id).filter(|s| {
                s.region == region
                    && (self
                        .shares
                        .reaching(&self.directories, caller, now)
                        .any(|(r, _)| r.id == s.id)
                        || s.target(caller).is_some())
            });
            reached
                .ok_or(ApiError::EntityNotExistsResourceShare)?
                .id
                .clone()
        };
        if e.resources.is_empty() && e.targets.is_empty() {
            return Err(ApiError::ResourceAndTargetBothEmpty);
        }
        let s = &self.shares.by_id[&share_id];
        if s.is_deleting() {
            return Err(ApiError::ResourceShareStatusMismatchAction);
        }
        if !as_owner {
            if !e.resources.is_empty() || e.targets.iter().any(|t| t != caller) {
                return Err(ApiError::InvalidParameterTargets);
            }
            match s.target(caller) {
                Some(t) if t.external => {}
                _ => return Err(ApiError::LeavingFailedAccount),
            }
        }
        let find = |list: &[Association], eid: &str| {
            list.iter()
                .find(|a| a.entity_id == eid)
                .map(|a| a.status_at(now))
        };
        let wanted: Vec<(bool, &str)> = e
            .resources
            .iter()
            .map(|(_, r)| (true, r.as_str()))
            .chain(e.targets.iter().map(|t| (false, t.as_str())))
            .collect();
        for (k, _) in &e.resources {
            if k != IMAGE {
                return Err(ApiError::InvalidParameterResourceType);
            }
        }
        for (is_res, eid) in &wanted {
            let list = if *is_res { &s.resources } else { &s.targets };
            match find(list, eid) {
                None | Some(AssocStatus::Disassociated | AssocStatus::Failed) => {
                    return Err(ApiError::DisassociateInvalid)
                }
                Some(AssocStatus::Associating) => return Err(ApiError::DisassociateConflict),
                _ => {}
            }
        }
        let delay = self.association_delay();
        let s = self.shares.by_id.get_mut(&share_id).expect("checked");
        let mut touched = Vec::new();
        for (is_res, eid) in wanted {
            let list = if is_res {
                &mut s.resources
            } else {
                &mut s.targets
            };
            if let Some(a) = list.iter_mut().find(|a| a.entity_id == eid) {
                if a.status_at(now) == AssocStatus::Associated {
                    a.status = if delay == 0 {
                        AssocStatus::Disassociated
                    } else {
                        AssocStatus::Disassociating
                    };
                    a.settle_at = (delay > 0).then_some(now + delay);
                    a.updated = now;
                }
                touched.push(eid.to_string());
            }
        }
        s.updated = now;
        Ok(touched)
    }

    /// AcceptResourceShareInvitation (`accept`) or RejectResourceShareInvitation.
    pub fn respond_invitation(
        &mut self,
        caller: &str,
        id: Option<&str>,
        accept: bool,
        now: Millis,
    ) -> Result<Invitation, ApiError> {
        let id = id.ok_or(ApiError::MissingParameterResourceShareInvitationId)?;
        let inv = self
            .shares
            .invitations
            .by_id
            .get(id)
            .filter(|i| i.receiver == caller)
            .ok_or(ApiError::EntityNotExistsResourceShareInvitation)?;
        match inv.status_at(now) {
            InvitationStatus::Pending => {}
            InvitationStatus::Expired => return Err(ApiError::InvitationStatusExpired),
            InvitationStatus::Rejected => return Err(ApiError::InvitationStatusAlreadyRejected),
            InvitationStatus::Accepted => return Err(ApiError::InvitationStatusAlreadyAccepted),
            InvitationStatus::Cancelled => {
                return Err(ApiError::EntityNotExistsResourceShareInvitation)
            }
        }
        let share_id = inv.share_id.clone();
        if let Some(s) = self.shares.by_id.get_mut(&share_id) {
            if let Some(t) = s.targets.iter_mut().find(|t| t.entity_id == caller) {
                // Accepted: access starts now. Rejected: the target is let go.
                t.status = if accept {
                    AssocStatus::Associated
                } else {
                    AssocStatus::Disassociated
                };
                t.settle_at = None;
                t.updated = now;
            }
        }
        let inv = self.shares.invitations.by_id.get_mut(id).expect("checked");
        inv.status = if accept {
            InvitationStatus::Accepted
        } else {
            InvitationStatus::Rejected
        };
        Ok(inv.clone())
    }

    /// The status of a target as the APIs show it: an external target whose invitation
    /// expired or was cancelled shows `Failed`.
    pub fn target_status(
        &self,
        share: &ResourceShare,
        a: &Association,
        now: Millis,
    ) -> AssocStatus {
        let st = a.status_at(now);
        if a.external && st == AssocStatus::Associating && a.settle_at.is_none() {
            let inv = self.shares.invitations.for_target(&share.id, &a.entity_id);
            if inv.is_none_or(|i| i.status_at(now) != InvitationStatus::Pending) {
                return AssocStatus::Failed;
            }
        }
        st
    }
}
