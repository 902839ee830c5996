//! RAM roles, Quota Center applications, Simple Application Server images and charges
//! (org-sharing-api.md §4-§6, ecs-image-api.md §3.5).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::time::Millis;

/// The per-image share quota and the custom-image count quota, as Quota Center shows them.
/// The real QuotaActionCodes are not public (org-sharing-api.md §8.1): these are the mock's.
pub const QUOTA_SHARE_IMAGE_USERS: &str = "q_share-image-users";
pub const QUOTA_CUSTOM_IMAGES: &str = "q_custom-images";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Role {
    pub id: String,
    pub name: String,
    pub account: String,
    pub description: String,
    pub trust_policy: String,
    pub max_session_duration: u32,
    pub created: Millis,
    pub updated: Millis,
    /// (PolicyType, PolicyName, attach time)
    pub policies: Vec<(String, String, Millis)>,
}

impl Role {
    /// `acs:ram::<account>:role/<name in lower case>`.
    pub fn arn(&self) -> String {
        format!(
            "acs:ram::{}:role/{}",
            self.account,
            self.name.to_lowercase()
        )
    }
}

/// Roles per account, by lower-cased name (role names are case-insensitive).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Roles {
    pub by_account: BTreeMap<String, BTreeMap<String, Role>>,
}

impl Roles {
    pub fn get(&self, account: &str, name: &str) -> Option<&Role> {
        self.by_account.get(account)?.get(&name.to_lowercase())
    }

    pub fn has(&self, account: &str, name: &str) -> bool {
        self.get(account, name).is_some()
    }

    pub fn of(&self, account: &str) -> impl Iterator<Item = &Role> {
        self.by_account
            .get(account)
            .into_iter()
            .flat_map(|m| m.values())
    }
}

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
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SwasImage {
    pub id: String,
    pub owner: String,
    pub region: String,
    pub name: String,
    pub created: Millis,
    pub shared_to_ecs: bool,
}

/// A charge for launching a paid image: always billed to the launching account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Charge {
    pub account_id: String,
    pub instance_id: String,
    pub image_id: String,
    pub image_owner_id: String,
    pub fee: f64,
    pub time: Millis,
}
