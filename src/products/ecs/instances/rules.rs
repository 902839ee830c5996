//! Launching and deleting instances; paid images billed to the launcher.

use super::{Charge, Instance};
use crate::error::ApiError;
use crate::scenario::ImageStatus;
use crate::time::Millis;
use crate::world::{Ids, World};

/// Instances an account may hold in one region (a mock limit; the real quotas depend on
/// instance type and vCPUs).
pub const MAX_INSTANCES_PER_REGION: usize = 1000;

/// `ecs.<family>.<size>`: lower-case letters, digits and `-`, at most 64 characters.
fn valid_instance_type(t: &str) -> bool {
    let part = |p: &str| {
        !p.is_empty()
            && p.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    let mut parts = t.split('.');
    t.len() <= 64
        && parts.next() == Some("ecs")
        && parts.next().is_some_and(part)
        && parts.next().is_some_and(part)
        && parts.next().is_none()
}

impl World {
    /// RunInstances/CreateInstance: the image must be one the caller sees (own, shared,
    /// public) and not disabled; a paid image is billed to the launching account, never its
    /// owner (docs/sources.md#ecs-image-sharing-rules).
    #[allow(clippy::too_many_arguments)]
    pub fn run_instances(
        &mut self,
        caller: &str,
        region: &str,
        image_id: &str,
        instance_type: &str,
        amount: usize,
        dry_run: bool,
        now: Millis,
        ids: &Ids,
    ) -> Result<Vec<String>, ApiError> {
        let (img, _) = self
            .visible_image(region, caller, image_id, now)
            .ok_or(ApiError::InvalidImageIdNotFound)?;
        if !matches!(
            img.status_at(now),
            ImageStatus::Available | ImageStatus::Deprecated
        ) {
            return Err(ApiError::OperationDeniedImageNotValid);
        }
        if !valid_instance_type(instance_type) {
            return Err(ApiError::InvalidInstanceTypeValueNotSupported);
        }
        let running = self
            .instances
            .iter()
            .filter(|i| i.owner == caller && i.region == region)
            .count();
        if running.saturating_add(amount) > MAX_INSTANCES_PER_REGION {
            return Err(ApiError::QuotaExceedElasticQuota);
        }
        if dry_run {
            return Err(ApiError::DryRunOperation);
        }
        let (fee, owner) = (img.image_fee, img.owner.clone());
        let mut out = Vec::with_capacity(amount);
        for _ in 0..amount {
            let id = ids.resource_id("i-", 20);
            self.instances.insert(Instance {
                id: id.clone(),
                owner: caller.to_string(),
                region: region.to_string(),
                image_id: image_id.to_string(),
                instance_type: instance_type.to_string(),
                created: now,
            });
            if fee > 0.0 {
                self.charges.push(Charge {
                    account_id: caller.to_string(),
                    instance_id: id.clone(),
                    image_id: image_id.to_string(),
                    image_owner_id: owner.clone(),
                    fee,
                    time: now,
                });
            }
            out.push(id);
        }
        Ok(out)
    }

    /// DeleteInstance: only the caller's own instance.
    pub fn delete_instance(&mut self, caller: &str, id: &str) -> Result<(), ApiError> {
        match self.instances.get(id) {
            Some(i) if i.owner == caller => {
                self.instances.remove(id);
                Ok(())
            }
            _ => Err(ApiError::InvalidInstanceIdNotFound),
        }
    }
}
