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
        let review = self.delays.quota_review as Millis * 1000;
        let decided = match decision {
            QuotaDecision::Pending => None,
            QuotaDecision::Approve => Some(true),
            QuotaDecision::Reject => Some(false),
        };
        let mut app = QuotaApplication {
            id: ids.request_id().to_lowercase(),
            account: caller.to_string(),
            product: product.to_string(),
            quota: code.to_string(),
            region: region.to_string(),
            desire,
            approve: None,
            reason: reason.to_string(),
            audit_reason: String::new(),
            notice_type,
            status: ApplicationStatus::Process,
            applied: now,
            review: None,
            decided: None,
        };
        match decided {
            Some(approved) if review > 0 => {
                app.review = Some((now.saturating_add(review), approved))
            }
            Some(approved) => self.decide(&mut app, approved, now),
            None => {}
        }
        self.quota_applications.insert(app.id.clone(), app.clone());
        Ok(app)
    }

    /// Decides an application: an approval raises the account's quota to the value asked
    /// for (in every region).
    fn decide(&mut self, app: &mut QuotaApplication, approved: bool, now: Millis) {
        app.review = None;
        app.decided = Some(now);
        if !approved {
            app.status = ApplicationStatus::Disagree;
            app.audit_reason = "Rejected".into();
            return;
        }
        app.status = ApplicationStatus::Agree;
        app.approve = Some(app.desire);
        app.audit_reason = "Approved".into();
        if let Some(a) = self.account_mut(&app.account) {
            match app.quota.as_str() {
                QUOTA_SHARE_IMAGE_USERS => a.quotas.share_image_users = app.desire as u32,
                _ => a.quotas.custom_images = app.desire as u32,
            }
        }
    }

    /// Whether an application in review has reached its decision at `now`.
    pub fn quota_review_due(&self, now: Millis) -> bool {
        self.quota_applications
            .values()
            .any(|a| a.review.is_some_and(|(t, _)| t <= now))
    }

    /// Applies the decisions whose review time has come.
    pub fn settle_quota_reviews(&mut self, now: Millis) {
        let due: Vec<String> = self
            .quota_applications
            .values()
            .filter(|a| a.review.is_some_and(|(t, _)| t <= now))
            .map(|a| a.id.clone())
            .collect();
        for id in due {
            if let Some(mut app) = self.quota_applications.remove(&id) {
                let (at, approved) = app.review.unwrap_or((now, true));
                self.decide(&mut app, approved, at);
                self.quota_applications.insert(id, app);
            }
        }
    }

    /// Decides a pending application now (the control API): `Err` with a reason when there
    /// is no such application or it was decided already.
    pub fn decide_quota_application(
        &mut self,
        id: &str,
        approved: bool,
        now: Millis,
    ) -> Result<QuotaApplication, String> {
        let mut app = self
            .quota_applications
            .remove(id)
            .ok_or_else(|| format!("no quota application {id:?}"))?;
        if app.status != ApplicationStatus::Process {
            let status = app.status.as_str();
            self.quota_applications.insert(id.to_string(), app);
            return Err(format!("quota application {id:?} is {status}, not Process"));
        }
        self.decide(&mut app, approved, now);
        self.quota_applications.insert(id.to_string(), app.clone());
        Ok(app)
    }
}
