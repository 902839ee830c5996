//! RAM roles, Quota Center applications, SWAS-to-ECS sharing, launching and billing: one
//! atomic `World` method each (org-sharing-api.md §4-§6, ecs-image-api.md §3.5, §4.12).

use super::extras::{
    ApplicationStatus, Charge, QuotaApplication, Role, SwasImage, QUOTA_CUSTOM_IMAGES,
    QUOTA_SHARE_IMAGE_USERS,
};
use super::images::Image;
use super::{Ids, Instance, World};
use crate::error::ApiError;
use crate::scenario::{ImageStatus, QuotaDecision, SwasImageSpec};
use crate::time::Millis;

/// The trust policy given to roles declared in a scenario: trusted by ECS.
pub const DEFAULT_TRUST_POLICY: &str = r#"{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":["ecs.aliyuncs.com"]}}],"Version":"1"}"#;

/// RoleName: 1-64 characters: letters, digits, `.`, `-` (and `@` in the legacy rule).
fn check_role_name(name: &str) -> Result<(), ApiError> {
    if name.is_empty() || name.chars().count() > 64 {
        return Err(ApiError::InvalidParameterRoleNameLength);
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '@'))
    {
        return Err(ApiError::InvalidParameterRoleNameInvalidChars);
    }
    Ok(())
}

impl World {
    pub(super) fn add_scenario_role(&mut self, account: &str, name: &str, now: Millis, ids: &Ids) {
        let role = Role {
            id: ids.digits(19),
            name: name.to_string(),
            account: account.to_string(),
            description: String::new(),
            trust_policy: DEFAULT_TRUST_POLICY.to_string(),
            max_session_duration: 3600,
            created: now,
            updated: now,
            policies: vec![],
        };
        self.roles
            .by_account
            .entry(account.to_string())
            .or_default()
            .insert(name.to_lowercase(), role);
    }

    /// CreateRole.
    #[allow(clippy::too_many_arguments)]
    pub fn create_role(
        &mut self,
        caller: &str,
        name: &str,
        trust_policy: &str,
        description: Option<&str>,
        max_session: Option<i64>,
        now: Millis,
        ids: &Ids,
    ) -> Result<Role, ApiError> {
        check_role_name(name)?;
        if trust_policy.chars().count() > 2048 {
            return Err(ApiError::InvalidParameterAssumeRolePolicyDocumentLength);
        }
        if !serde_json::from_str::<serde_json::Value>(trust_policy).is_ok_and(|v| v.is_object()) {
            return Err(ApiError::MalformedPolicyDocument);
        }
        if self.roles.has(caller, name) {
            return Err(ApiError::EntityAlreadyExistsRole);
        }
        let role = Role {
            id: ids.digits(19),
            name: name.to_string(),
            account: caller.to_string(),
            description: description.unwrap_or("").to_string(),
            trust_policy: trust_policy.to_string(),
            max_session_duration: max_session.unwrap_or(3600) as u32,
            created: now,
            updated: now,
            policies: vec![],
        };
        self.roles
            .by_account
            .entry(caller.to_string())
            .or_default()
            .insert(name.to_lowercase(), role.clone());
        Ok(role)
    }

    /// The caller's role, or `EntityNotExist.Role`.
    pub fn role(&self, caller: &str, name: &str) -> Result<&Role, ApiError> {
        check_role_name(name)?;
        self.roles
            .get(caller, name)
            .ok_or(ApiError::EntityNotExistRole)
    }

    fn role_mut(&mut self, caller: &str, name: &str) -> Result<&mut Role, ApiError> {
        self.role(caller, name)?;
        Ok(self
            .roles
            .by_account
            .get_mut(caller)
            .and_then(|m| m.get_mut(&name.to_lowercase()))
            .expect("checked"))
    }

    /// DeleteRole: refused while policies are attached.
    pub fn delete_role(&mut self, caller: &str, name: &str) -> Result<(), ApiError> {
        if !self.role(caller, name)?.policies.is_empty() {
            return Err(ApiError::DeleteConflictRolePolicy);
        }
        if let Some(m) = self.roles.by_account.get_mut(caller) {
            m.remove(&name.to_lowercase());
        }
        Ok(())
    }

    /// AttachPolicyToRole. System policies are Alibaba's `Aliyun*` policies; custom policies
    /// cannot be created in this mock, so none exists (inferred).
    pub fn attach_policy(
        &mut self,
        caller: &str,
        kind: &str,
        policy: &str,
        role: &str,
        now: Millis,
    ) -> Result<(), ApiError> {
        self.role(caller, role)?;
        match kind {
            "System" if policy.starts_with("Aliyun") => {}
            "System" | "Custom" => return Err(ApiError::EntityNotExistPolicy),
            _ => return Err(ApiError::InvalidParameterPolicyType),
        }
        let r = self.role_mut(caller, role)?;
        if r.policies.iter().any(|(t, p, _)| t == kind && p == policy) {
            return Err(ApiError::EntityAlreadyExistsRolePolicy);
        }
        r.policies.push((kind.to_string(), policy.to_string(), now));
        Ok(())
    }

    pub fn detach_policy(
        &mut self,
        caller: &str,
        kind: &str,
        policy: &str,
        role: &str,
    ) -> Result<(), ApiError> {
        if !matches!(kind, "System" | "Custom") {
            return Err(ApiError::InvalidParameterPolicyType);
        }
        let r = self.role_mut(caller, role)?;
        let before = r.policies.len();
        r.policies.retain(|(t, p, _)| !(t == kind && p == policy));
        if r.policies.len() == before {
            return Err(ApiError::EntityNotExistRolePolicy);
        }
        Ok(())
    }

    /// The value and usage of an ECS quota of `account` in `region`. Quotas are kept per
    /// account: an approved application raises it in every region.
    pub fn quota(&self, account: &str, code: &str, region: &str) -> Option<(f64, f64)> {
        let a = self.account(account)?;
        match code {
            QUOTA_SHARE_IMAGE_USERS => {
                let used = self
                    .images
                    .owned_by(region, account)
                    .map(|i| i.shared_with.len())
                    .max()
                    .unwrap_or(0);
                Some((a.quotas.share_image_users as f64, used as f64))
            }
            QUOTA_CUSTOM_IMAGES => Some((
                a.quotas.custom_images as f64,
                self.images.owned_by(region, account).count() as f64,
            )),
            _ => None,
        }
    }

    /// CreateQuotaApplication, decided at once by the scenario's `quota_applications`.
    #[allow(clippy::too_many_arguments)]
    pub fn create_quota_application(
        &mut self,
        caller: &str,
        product: &str,
        code: &str,
        region: &str,
        desire: f64,
        reason: &str,
        notice_type: i64,
        decision: QuotaDecision,
        now: Millis,
        ids: &Ids,
    ) -> Result<QuotaApplication, ApiError> {
        if product != "ecs" {
            return Err(ApiError::QuotaNotFound);
        }
        let (current, _) = self
            .quota(caller, code, region)
            .ok_or(ApiError::QuotaNotFound)?;
        if !(0..=3).contains(&notice_type) {
            return Err(ApiError::InvalidNoticeType);
        }
        if !desire.is_finite() || desire <= 0.0 || desire.fract() != 0.0 {
            return Err(ApiError::InvalidDesireValue);
        }
        if desire <= current || desire > u32::MAX as f64 {
            return Err(ApiError::QuotaDesireValueIllegal);
        }
        let busy = self.quota_applications.values().any(|a| {
            a.account == caller
                && a.quota == code
                && a.region == region
                && a.status == ApplicationStatus::Process
        });
        if busy {
            return Err(ApiError::QuotaApplicationProcess);
        }
        let (status, approve, audit) = match decision {
            QuotaDecision::Approve => (ApplicationStatus::Agree, Some(desire), "Approved"),
            QuotaDecision::Pending => (ApplicationStatus::Process, None, ""),
            QuotaDecision::Reject => (ApplicationStatus::Disagree, None, "Rejected"),
        };
        let app = QuotaApplication {
            id: ids.request_id().to_lowercase(),
            account: caller.to_string(),
            product: product.to_string(),
            quota: code.to_string(),
            region: region.to_string(),
            desire,
            approve,
            reason: reason.to_string(),
            audit_reason: audit.to_string(),
            notice_type,
            status,
            applied: now,
        };
        if status == ApplicationStatus::Agree {
            let idx = self.account_index[caller];
            let q = &mut self.accounts[idx].quotas;
            match code {
                QUOTA_SHARE_IMAGE_USERS => q.share_image_users = desire as u32,
                _ => q.custom_images = desire as u32,
            }
        }
        self.quota_applications.insert(app.id.clone(), app.clone());
        Ok(app)
    }

    fn swas_ecs_image(&self, sw: &SwasImage, now: Millis) -> Image {
        Image {
            description: "Shared from Simple Application Server".into(),
            os_name: "Ubuntu".into(),
            platform: "Ubuntu".into(),
            ..Image::custom(&sw.id, &sw.region, &sw.owner, &sw.name, now)
        }
    }

    pub(super) fn load_swas_image(&mut self, spec: &SwasImageSpec, now: Millis) {
        let sw = SwasImage {
            id: spec.id.clone(),
            owner: self.account_id(&spec.owner),
            region: spec.region.clone(),
            name: spec.name.clone().unwrap_or_else(|| spec.id.clone()),
            created: now,
            shared_to_ecs: spec.shared_to_ecs,
        };
        if sw.shared_to_ecs {
            let img = self.swas_ecs_image(&sw, now);
            self.images.insert(img);
        }
        self.swas_images.insert(sw.id.clone(), sw);
    }

    /// ModifyImageShareStatus: `Share` makes the SWAS image an ECS custom image of the same
    /// account, region and ID; `UnShare` removes it from ECS (one-way: ECS images never
    /// become SWAS images; their IDs are unknown to this API: `InvalidImageId.NotFound`).
    pub fn modify_swas_share(
        &mut self,
        caller: &str,
        region: &str,
        id: &str,
        op: &str,
        now: Millis,
    ) -> Result<(), ApiError> {
        let share = match op {
            "Share" => true,
            "UnShare" => false,
            _ => return Err(ApiError::InvalidParamOperationIllegal),
        };
        let sw = self
            .swas_images
            .get(id)
            .filter(|s| s.owner == caller && s.region == region)
            .ok_or(ApiError::InvalidImageIdNotFound)?
            .clone();
        if share && !sw.shared_to_ecs {
            let img = self.swas_ecs_image(&sw, now);
            self.images.insert(img);
        } else if !share && sw.shared_to_ecs {
            self.images.remove(id);
        }
        self.swas_images.get_mut(id).expect("checked").shared_to_ecs = share;
        Ok(())
    }

    /// RunInstances/CreateInstance: the image must be one the caller sees (own, shared,
    /// public) and not disabled; a paid image is billed to the launching account, never its
    /// owner (ecs-image-api.md §3.5).
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
        if !instance_type.starts_with("ecs.") {
            return Err(ApiError::InvalidInstanceTypeValueNotSupported);
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
