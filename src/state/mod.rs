//! The world: accounts, keys, regions, and (as later issues give them behaviour) images,
//! directories, shares and quotas. No HTTP here.
//!
//! A [`World`] is built from a validated [`Scenario`]; handlers read and change it under the
//! server's world lock (`App::world`). Time comes from [`Clock`], IDs from [`Ids`].

pub mod clock;
pub mod directory;
mod directory_rules;
mod extra_rules;
pub mod extras;
pub mod ids;
mod image_rules;
pub mod images;
pub mod instances;
pub mod resource_shares;
mod share_rules;

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

pub use clock::Clock;
pub use directory::{
    Directories, Directory, Folder, Handshake, HandshakeStatus, Member, MemberKind,
};
pub use extras::{ApplicationStatus, Charge, QuotaApplication, Role, Roles, SwasImage};
pub use ids::Ids;
pub use image_rules::{CopyImageRequest, CreateImageRequest, ImageAttributes, ShareRequest};
pub use images::{Access, Image, ImageKind, Images};
pub use instances::{Instance, Instances};
pub use resource_shares::{AssocStatus, Association, Invitation, ResourceShare, ResourceShares};
pub use share_rules::ShareEntities;

use crate::scenario::{Delays, ImageSpec, QuotaSpec, Scenario, Site};
use crate::time::{parse_rfc3339, Millis};

/// One Alibaba Cloud account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub id: String,
    pub alias: Option<String>,
    pub site: Site,
    pub community_terms_signed: bool,
    pub quotas: QuotaSpec,
}

/// What an AccessKeyId stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credential {
    pub access_key_id: String,
    pub account_id: String,
    pub secret: String,
    /// Present for STS temporary credentials: the token that must accompany the key.
    pub sts: Option<StsToken>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StsToken {
    pub token: String,
    /// Expiry on the mock clock; None = never.
    pub expires: Option<Millis>,
}

/// Everything the mock holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct World {
    /// The validated description the world was built from.
    pub scenario: Scenario,
    pub regions: Vec<String>,
    pub default_region: String,
    pub accounts: Vec<Account>,
    account_index: HashMap<String, usize>,
    credentials: HashMap<String, Credential>,
    tokens: HashMap<String, String>,
    pub delays: Delays,
    pub images: Images,
    pub instances: Instances,
    pub directories: Directories,
    pub shares: ResourceShares,
    pub roles: Roles,
    pub quota_applications: BTreeMap<String, QuotaApplication>,
    pub swas_images: BTreeMap<String, SwasImage>,
    pub charges: Vec<Charge>,
    /// CreateImage/CopyImage ClientTokens: "account\ntoken" -> image ID.
    client_tokens: HashMap<String, String>,
}

impl World {
    /// Builds the world at mock time `now`. The scenario is validated, so every reference
    /// resolves; images and instances without an ID get one from `ids`.
    pub fn from_scenario(scenario: Scenario, now: Millis, ids: &Ids) -> World {
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
                community_terms_signed: a.community_terms_signed,
                quotas: a.quotas,
            });
        }
        let mut world = World {
            regions,
            default_region,
            accounts,
            account_index,
            credentials,
            tokens,
            delays: spec.delays.unwrap_or_default(),
            images: Images::default(),
            instances: Instances::default(),
            directories: Directories::default(),
            shares: ResourceShares::default(),
            roles: Roles::default(),
            quota_applications: BTreeMap::new(),
            swas_images: BTreeMap::new(),
            charges: Vec::new(),
            client_tokens: HashMap::new(),
            scenario: Scenario {
                names: vec![],
                spec: Default::default(),
                sources: vec![],
            },
        };
        for img in &scenario.spec.images {
            let id = img.id.clone().unwrap_or_else(|| ids.resource_id("m-", 20));
            let image = world.image_from_spec(id, img, now);
            world.images.insert(image);
        }
        for inst in &scenario.spec.instances {
            let owner = world.account_id(&inst.owner);
            world.instances.insert(Instance {
                id: inst.id.clone().unwrap_or_else(|| ids.resource_id("i-", 20)),
                owner,
                region: inst.region.clone(),
                image_id: inst.image.clone(),
                instance_type: inst
                    .instance_type
                    .clone()
                    .unwrap_or_else(|| "ecs.g7.large".into()),
                created: now,
            });
        }
        for a in &scenario.spec.accounts {
            for role in &a.ram_roles {
                world.add_scenario_role(&a.id, role, now, ids);
            }
        }
        for sw in &scenario.spec.swas_images {
            world.load_swas_image(sw, now);
        }
        if let Some(rd) = &scenario.spec.resource_directory {
            world.load_directory(rd, now, ids);
        }
        for rs in &scenario.spec.resource_shares {
            world.load_resource_share(rs, now, ids);
        }
        world.scenario = scenario;
        world
    }

    fn image_from_spec(&self, id: String, s: &ImageSpec, now: Millis) -> Image {
        let os_type = s.os_type.clone().unwrap_or_else(|| "linux".into());
        let platform = s.platform.clone().unwrap_or_else(|| "CentOS".into());
        Image {
            name: s.name.clone().unwrap_or_else(|| id.clone()),
            id,
            region: s.region.clone(),
            kind: ImageKind::Custom,
            owner: self.account_id(&s.owner),
            description: s.description.clone().unwrap_or_default(),
            family: String::new(),
            status: s.status,
            created: now,
            ready_at: None,
            os_name: platform.clone(),
            os_type,
            platform,
            architecture: s.architecture.clone().unwrap_or_else(|| "x86_64".into()),
            size: s.size.unwrap_or(40),
            boot_mode: "BIOS".into(),
            encryption: s.encryption,
            kms_key_id: s.kms_key_id.clone(),
            data_disks: s.data_disks,
            product_code: s.product_code.clone(),
            image_fee: s.image_fee,
            tags: s.tags.clone(),
            is_public: false,
            copy: None,
            shared_with: s
                .shared_with
                .iter()
                .map(|a| (self.account_id(a), now))
                .collect(),
        }
    }

    /// The account ID behind an ID or alias that is known to resolve.
    fn account_id(&self, id_or_alias: &str) -> String {
        self.account(id_or_alias)
            .map(|a| a.id.clone())
            .unwrap_or_else(|| id_or_alias.to_string())
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

    /// An account by its 16-digit ID only (what the wire carries in AddAccount.N).
    pub fn account_by_id(&self, id: &str) -> Option<&Account> {
        self.account(id).filter(|a| a.id == id)
    }

    /// Adds an account (CreateResourceAccount).
    pub fn add_account(&mut self, a: Account) {
        self.account_index.insert(a.id.clone(), self.accounts.len());
        self.accounts.push(a);
    }

    /// The image `id` as `account` sees it in `region` at mock time `now`, if it sees it at
    /// all: the one visibility rule every image action goes through. Named-account shares
    /// and Resource Sharing both give `Access::Shared`.
    pub fn visible_image(
        &self,
        region: &str,
        account: &str,
        id: &str,
        now: Millis,
    ) -> Option<(&Image, Access)> {
        if !self.has_region(region) {
            return None;
        }
        if let Some(found) = self.images.visible(region, account, id) {
            return Some(found);
        }
        let img = self.images.custom(id).filter(|i| i.region == region)?;
        self.shares
            .images_for(&self.directories, region, account, now)
            .contains(id)
            .then_some((img, Access::Shared))
    }

    /// Custom images shared with `account` in `region`, by account ID or through Resource
    /// Sharing, each once.
    pub fn shared_images(&self, region: &str, account: &str, now: Millis) -> Vec<&Image> {
        let mut out: Vec<&Image> = self.images.granted_to(region, account).collect();
        for id in self
            .shares
            .images_for(&self.directories, region, account, now)
        {
            if let Some(img) = self.images.custom(&id) {
                if !img.shared_with.contains_key(account) {
                    out.push(img);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_world_has_three_accounts_on_two_sites() {
        let w = World::from_scenario(Scenario::default_scenario(), 0, &Ids::new(Some(1)));
        assert!(w.accounts.len() >= 3);
        assert!(w.accounts.iter().filter(|a| a.site == Site::China).count() >= 2);
        assert!(w.accounts.iter().any(|a| a.site == Site::International));
        assert_eq!(w.default_region, "cn-hangzhou");
        let owner = w.account("owner").unwrap();
        assert_eq!(w.account(&owner.id), Some(owner));
    }
}
