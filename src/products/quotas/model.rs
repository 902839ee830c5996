//! Quota Center: quota codes and applications.

use serde::{Deserialize, Serialize};

use crate::time::Millis;

/// The per-image share quota and the custom-image count quota, as Quota Center shows them.
/// The real QuotaActionCodes are not public (docs/sources.md#not-confirmed): these are the mock's.
pub const QUOTA_SHARE_IMAGE_USERS: &str = "q_share-image-users";
pub const QUOTA_CUSTOM_IMAGES: &str = "q_custom-images";

/// The highest value an application may ask for (each quota's `ApplicableRange` ends here;
/// a mock ceiling, as the real ranges are not public).
pub const MAX_QUOTA_VALUE: f64 = 100_000.0;

/// The longest `Reason` an application may give (a mock limit).
pub const MAX_REASON_CHARS: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ApplicationStatus {
    Process,
    Agree,
    Disagree,
    Cancel,
}

impl ApplicationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ApplicationStatus::Process => "Process",
            ApplicationStatus::Agree => "Agree",
            ApplicationStatus::Disagree => "Disagree",
            ApplicationStatus::Cancel => "Cancel",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuotaApplication {
    pub id: String,
    pub account: String,
    pub product: String,
    pub quota: String,
    pub region: String,
    pub desire: f64,
    pub approve: Option<f64>,
    pub reason: String,
    pub audit_reason: String,
    pub notice_type: i64,
    pub status: ApplicationStatus,
    pub applied: Millis,
    /// A decision the scenario made, held in review until then: (when, approved).
    #[serde(default)]
    pub review: Option<(Millis, bool)>,
    /// When it was decided (the `EffectiveTime` of an approval).
    #[serde(default)]
    pub decided: Option<Millis>,
}
