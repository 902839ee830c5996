//! RAM roles: the model.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::time::Millis;

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
    /// Tags (TagResources with `ResourceType` `role`).
    #[serde(default)]
    pub tags: std::collections::BTreeMap<String, String>,
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
