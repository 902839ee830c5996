//! Quota Center rules: quota values and usage, applications decided by the scenario.

use super::model::{
    ApplicationStatus, QuotaApplication, MAX_QUOTA_VALUE, MAX_REASON_CHARS, QUOTA_CUSTOM_IMAGES,
    QUOTA_SHARE_IMAGE_USERS,
};
use crate::error::ApiError;
use crate::scenario::QuotaDecision;
use crate::time::Millis;
use crate::world::{Ids, World};

impl World {
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
        if reason.chars().count() > MAX_REASON_CHARS {
            return Err(ApiError::InvalidParameter("Reason".into()));
        }
        if !(0..=3).contains(&notice_type) {
            return Err(ApiError::InvalidNoticeType);
        }
        if !desire.is_finite() || desire <= 0.0 || desire.fract() != 0.0 {
            return Err(ApiError::InvalidDesireValue);
        }
        if desire <= current || desire > MAX_QUOTA_VALUE {
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
            let q = &mut self
                .account_mut(caller)
                .ok_or_else(|| ApiError::InvalidAccountNotFound(caller.to_string()))?
                .quotas;
            match code {
                QUOTA_SHARE_IMAGE_USERS => q.share_image_users = desire as u32,
                _ => q.custom_images = desire as u32,
            }
        }
        self.quota_applications.insert(app.id.clone(), app.clone());
        Ok(app)
    }
}
