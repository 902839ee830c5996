//! The world: accounts, keys, regions, and (as later issues give them behaviour) images,
//! directories, shares and quotas. No HTTP here.
//!
//! A [`World`] is built from a validated [`Scenario`]; handlers read and change it under the
//! server's world lock (`App::world`). Time comes from [`Clock`], IDs from [`Ids`].

pub mod clock;
pub mod ids;

use std::collections::HashMap;

pub use clock::Clock;
pub use ids::Ids;

use crate::scenario::{QuotaSpec, Scenario, Site};
use crate::time::{parse_rfc3339, Millis};

/// One Alibaba Cloud account.
#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    pub id: String,
    pub alias: Option<String>,
    pub site: Site,
    pub ram_roles: Vec<String>,
    pub community_terms_signed: bool,
    pub quotas: QuotaSpec,
}

/// What an AccessKeyId stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credential {
    pub access_key_id: String,
    pub account_id: String,
    pub secret: String,
    /// Present for STS temporary credentials: the token that must accompany the key.
    pub sts: Option<StsToken>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StsToken {
    pub token: String,
    /// Expiry on the mock clock; None = never.
    pub expires: Option<Millis>,
}

/// Everything the mock holds.
#[derive(Debug, Clone)]
pub struct World {
    /// The validated description the world was built from.
    pub scenario: Scenario,
    pub regions: Vec<String>,
    pub default_region: String,
    pub accounts: Vec<Account>,
    account_index: HashMap<String, usize>,
    credentials: HashMap<String, Credential>,
    tokens: HashMap<String, String>,
}

impl World {
    /// Builds the world. The scenario is validated, so every reference resolves.
    pub fn from_scenario(scenario: Scenario) -> World {
        let spec = &scenario.spec;
        let regions = spec
            .regions
            .clone()
            .unwrap_or_else(crate::regions::public_ids);
        let default_region = spec.default_region.clone().unwrap_or_else(|| {
            if regions.iter().any(|r| r == "cn-hangzhou") {
                "cn-hangzhou".to_string()
            } else {
                regions[0].clone()
            }
        });
        let mut accounts = Vec::with_capacity(spec.accounts.len());
        let mut account_index = HashMap::new();
        let mut credentials = HashMap::new();
        let mut tokens = HashMap::new();
        for a in &spec.accounts {
            account_index.insert(a.id.clone(), accounts.len());
            if let Some(alias) = &a.alias {
                account_index.insert(alias.clone(), accounts.len());
            }
            for k in &a.access_keys {
                credentials.insert(
                    k.id.clone(),
                    Credential {
                        access_key_id: k.id.clone(),
                        account_id: a.id.clone(),
                        secret: k.secret.clone(),
                        sts: None,
                    },
                );
            }
            for t in &a.sts_tokens {
                tokens.insert(t.token.clone(), t.access_key_id.clone());
                credentials.insert(
                    t.access_key_id.clone(),
                    Credential {
                        access_key_id: t.access_key_id.clone(),
                        account_id: a.id.clone(),
                        secret: t.secret.clone(),
                        sts: Some(StsToken {
                            token: t.token.clone(),
                            expires: t.expires.as_deref().and_then(parse_rfc3339),
                        }),
                    },
                );
            }
            accounts.push(Account {
                id: a.id.clone(),
                alias: a.alias.clone(),
                site: a.site,
                ram_roles: a.ram_roles.clone(),
                community_terms_signed: a.community_terms_signed,
                quotas: a.quotas,
            });
        }
        World {
            scenario,
            regions,
            default_region,
            accounts,
            account_index,
            credentials,
            tokens,
        }
    }

    /// An account by ID or alias.
    pub fn account(&self, id_or_alias: &str) -> Option<&Account> {
        self.account_index
            .get(id_or_alias)
            .map(|&i| &self.accounts[i])
    }

    /// The credential an AccessKeyId (permanent or STS) stands for.
    pub fn credential(&self, access_key_id: &str) -> Option<&Credential> {
        self.credentials.get(access_key_id)
    }

    /// The AccessKeyId an STS token was issued with.
    pub fn token_key(&self, token: &str) -> Option<&str> {
        self.tokens.get(token).map(String::as_str)
    }

    pub fn has_region(&self, region: &str) -> bool {
        self.regions.iter().any(|r| r == region)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_world_has_three_accounts_on_two_sites() {
        let w = World::from_scenario(Scenario::default_scenario());
        assert!(w.accounts.len() >= 3);
        assert!(w.accounts.iter().filter(|a| a.site == Site::China).count() >= 2);
        assert!(w.accounts.iter().any(|a| a.site == Site::International));
        assert_eq!(w.default_region, "cn-hangzhou");
        let owner = w.account("owner").unwrap();
        assert_eq!(w.account(&owner.id), Some(owner));
    }
}
