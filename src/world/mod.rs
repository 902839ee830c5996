//! The world: accounts, keys and regions, and the state of every product (images,
//! instances, directories, resource shares, roles, quota applications, SWAS images), held
//! together so that a rule spanning products is one atomic change. No HTTP here.
//!
//! A [`World`] is built from a validated [`Scenario`]; handlers read and change it under the
//! server's world lock. Each product's types and rules live in its home under
//! `crate::products`; the rule that crosses products (who sees which image) is in
//! `visibility`. Time comes from [`Clock`], IDs from [`Ids`].

pub mod clock;
pub mod ids;
pub mod visibility;

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};

pub use clock::Clock;
pub use ids::Ids;

use crate::products::ecs::disks::model::BlockStorage;
use crate::products::ecs::images::model::{Image, ImageKind, Images};
use crate::products::ecs::instances::model::{Charge, Instances};
use crate::products::ecs::key_pairs::model::KeyPairs;
use crate::products::ecs::security_groups::model::SecurityGroups;
use crate::products::ecs::tasks::model::Task;
use crate::products::quotas::model::QuotaApplication;
use crate::products::ram::model::Roles;
use crate::products::ram::users::RamUsers;
use crate::products::resource_directory::model::Directories;
use crate::products::resource_sharing::model::ResourceShares;
use crate::products::swas::model::{SwasImage, SwasInstance};
use crate::products::vpc::model::Networks;
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
    /// Resource groups besides the default one.
    #[serde(default)]
    pub resource_groups: Vec<String>,
}

impl Account {
    /// The ID of the account's default resource group (*inferred* form: the real IDs are
    /// `rg-acfm` and random characters).
    pub fn default_resource_group(&self) -> String {
        format!("rg-acfm{}", self.id)
    }
}

/// Who is calling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub account_id: String,
    pub access_key_id: String,
}

/// What an AccessKeyId stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credential {
    pub access_key_id: String,
    pub account_id: String,
    pub secret: String,
    /// Present for STS temporary credentials: the token that must accompany the key.
    pub sts: Option<StsToken>,
    /// The RAM user the key belongs to; None for the account's own key.
    #[serde(default)]
    pub user: Option<String>,
    /// The role and session name of credentials AssumeRole issued.
    #[serde(default)]
    pub role: Option<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StsToken {
    pub token: String,
    /// Expiry on the mock clock; None = never.
    pub expires: Option<Millis>,
}

/// Everything the mock holds.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct World {
    /// The validated description the world was built from.
    pub scenario: Scenario,
    pub regions: Vec<String>,
    pub default_region: String,
    pub accounts: Vec<Account>,
    #[serde(skip)]
    account_index: HashMap<String, usize>,
    credentials: HashMap<String, Credential>,
    tokens: HashMap<String, String>,
    pub delays: Delays,
    pub images: Images,
    pub instances: Instances,
    pub key_pairs: KeyPairs,
    #[serde(default)]
    pub networks: Networks,
    #[serde(default)]
    pub security_groups: SecurityGroups,
    /// Disks and snapshots.
    #[serde(default)]
    pub storage: BlockStorage,
    /// RAM users per account.
    #[serde(default)]
    pub ram_users: RamUsers,
    /// Image import and export tasks, by ID.
    #[serde(default)]
    pub tasks: BTreeMap<String, Task>,
    pub directories: Directories,
    pub shares: ResourceShares,
    pub roles: Roles,
    pub quota_applications: BTreeMap<String, QuotaApplication>,
    pub swas_images: BTreeMap<String, SwasImage>,
    /// Simple application servers, by ID.
    #[serde(default)]
    pub swas_instances: BTreeMap<String, SwasInstance>,
    pub charges: Vec<Charge>,
    /// CreateImage/CopyImage ClientTokens: "account\ntoken" -> image ID.
    pub(crate) client_tokens: HashMap<String, String>,
}

/// The world behind its lock. A reader never sees a change half made: every rule that
/// changes the world runs under one write guard. A panic while the lock is held leaves the
/// world as the panicking rule left it, and later requests go on with it.
#[derive(Debug)]
pub struct WorldLock {
    world: RwLock<World>,
    /// Counts write guards handed out (and other changes, `touch`): the state file is
    /// written when it moved.
    version: AtomicU64,
}

impl WorldLock {
    pub fn new(world: World) -> WorldLock {
        WorldLock {
            world: RwLock::new(world),
            version: AtomicU64::new(0),
        }
    }

    pub fn read(&self) -> RwLockReadGuard<'_, World> {
        self.world.read().unwrap_or_else(|e| e.into_inner())
    }

    pub fn write(&self) -> RwLockWriteGuard<'_, World> {
        let guard = self.world.write().unwrap_or_else(|e| e.into_inner());
        self.version.fetch_add(1, Ordering::Relaxed);
        guard
    }

    /// Marks a change made outside the world (the mock clock) as one to persist.
    pub fn touch(&self) {
        self.version.fetch_add(1, Ordering::Relaxed);
    }

    pub fn version(&self) -> u64 {
        self.version.load(Ordering::Relaxed)
    }
}

impl World {
    /// The resource a repeated ClientToken of `caller` made, for create calls of `kind`
    /// (`vpc`, `vsw`, `sg`, `eip`).
    pub(crate) fn token_resource(
        &self,
        kind: &str,
        caller: &str,
        token: Option<&str>,
    ) -> Option<String> {
        let t = token?;
        self.client_tokens
            .get(&format!("{kind}\n{caller}\n{t}"))
            .cloned()
    }

    /// Remembers the resource a ClientToken made.
    pub(crate) fn remember_token(
        &mut self,
        kind: &str,
        caller: &str,
        token: Option<&str>,
        id: &str,
    ) {
        if let Some(t) = token {
            self.client_tokens
                .insert(format!("{kind}\n{caller}\n{t}"), id.to_string());
        }
    }

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
                        user: None,
                        role: None,
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
                        user: None,
                        role: None,
                    },
                );
            }
            accounts.push(Account {
                id: a.id.clone(),
                alias: a.alias.clone(),
                site: a.site,
                community_terms_signed: a.community_terms_signed,
                quotas: a.quotas,
                resource_groups: a.resource_groups.clone(),
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
            key_pairs: KeyPairs::default(),
            networks: Networks::default(),
            security_groups: SecurityGroups::default(),
            storage: BlockStorage::default(),
            tasks: BTreeMap::new(),
            ram_users: RamUsers::default(),
            directories: Directories::default(),
            shares: ResourceShares::default(),
            roles: Roles::default(),
            quota_applications: BTreeMap::new(),
            swas_images: BTreeMap::new(),
            swas_instances: BTreeMap::new(),
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
            world.add_image_snapshots(&image, &[]);
            world.images.insert(image);
        }
        for inst in &scenario.spec.instances {
            world.load_instance(inst, now, ids);
        }
        for a in &scenario.spec.accounts {
            for role in &a.ram_roles {
                world.add_scenario_role(&a.id, role, now, ids);
            }
            for user in &a.ram_users {
                world.load_ram_user(&a.id, user, now, ids);
            }
        }
        world.load_key_pairs(&scenario.spec.key_pairs, now, ids);
        for sw in &scenario.spec.swas_images {
            world.load_swas_image(sw, now);
        }
        for si in &scenario.spec.swas_instances {
            world.load_swas_instance(si);
        }
        if let Some(rd) = &scenario.spec.resource_directory {
            world.load_directory(rd, now, ids);
            // A member's `ResourceDirectoryAccountAccessRole` trusts the management account,
            // as the one the directory creates does.
            for a in &scenario.spec.accounts {
                let access = crate::products::ram::ACCESS_ROLE;
                let listed = a.ram_roles.iter().any(|r| r.eq_ignore_ascii_case(access));
                let management = world
                    .directories
                    .of(&a.id)
                    .map(|d| d.management.clone())
                    .filter(|m| *m != a.id);
                if let (true, Some(m)) = (listed, management) {
                    world.add_access_role(&a.id, &m, now, ids);
                }
            }
        }
        for rs in &scenario.spec.resource_shares {
            world.load_resource_share(rs, now, ids);
        }
        world.scenario = scenario;
        world
    }

    pub(crate) fn image_from_spec(&self, id: String, s: &ImageSpec, now: Millis) -> Image {
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
            source_snapshot: None,
            version: String::new(),
            resource_group: String::new(),
            imported: vec![],
        }
    }

    /// The account ID behind an ID or alias that is known to resolve.
    pub(crate) fn account_id(&self, id_or_alias: &str) -> String {
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

    /// Rebuilds every index from the data it indexes and checks that references resolve: a
    /// loaded state file is trusted no further than a scenario.
    pub fn reindex(&mut self) -> Result<(), String> {
        self.account_index.clear();
        for (i, a) in self.accounts.iter().enumerate() {
            if !crate::scenario::is_account_id(&a.id) {
                return Err(format!("accounts[{i}].id: {:?} is not an account ID", a.id));
            }
            for key in std::iter::once(&a.id).chain(a.alias.as_ref()) {
                if self.account_index.insert(key.clone(), i).is_some() {
                    return Err(format!("accounts[{i}]: {key:?} names two accounts"));
                }
            }
        }
        if !self.regions.contains(&self.default_region) {
            return Err(format!(
                "default_region {:?} is not a region",
                self.default_region
            ));
        }
        for c in self.credentials.values() {
            self.known(&c.account_id, "credentials")?;
        }
        for img in self.images.all_custom() {
            self.known(&img.owner, &format!("image {}", img.id))?;
            for grantee in img.shared_with.keys() {
                self.known(grantee, &format!("image {}", img.id))?;
            }
            if !self.has_region(&img.region) {
                return Err(format!(
                    "image {}: region {:?} is not a region",
                    img.id, img.region
                ));
            }
        }
        for i in self.instances.iter() {
            self.known(&i.owner, &format!("instance {}", i.id))?;
        }
        for k in self.key_pairs.iter() {
            self.known(&k.owner, &format!("key pair {}", k.name))?;
        }
        for v in self.networks.vpcs.values() {
            self.known(&v.owner, &format!("vpc {}", v.id))?;
        }
        for g in self.security_groups.by_id.values() {
            self.known(&g.owner, &format!("security group {}", g.id))?;
        }
        for s in self.networks.vswitches.values() {
            self.known(&s.owner, &format!("vswitch {}", s.id))?;
            if !self.networks.vpcs.contains_key(&s.vpc) {
                return Err(format!("vswitch {}: unknown vpc {:?}", s.id, s.vpc));
            }
        }
        for s in self.shares.by_id.values() {
            self.known(&s.owner, &format!("resource share {}", s.id))?;
        }
        for d in self.directories.by_id.values() {
            self.known(&d.management, &format!("resource directory {}", d.id))?;
            for m in d.members.keys() {
                self.known(m, &format!("resource directory {}", d.id))?;
            }
        }
        self.instances.reindex();
        self.shares.reindex();
        self.directories.reindex();
        Ok(())
    }

    fn known(&self, account: &str, what: &str) -> Result<(), String> {
        match self.account_by_id(account) {
            Some(_) => Ok(()),
            None => Err(format!("{what}: account {account:?} does not exist")),
        }
    }

    /// The account ID behind an ID or alias, if either names an account.
    pub fn resolve(&self, id_or_alias: &str) -> Option<String> {
        self.account(id_or_alias).map(|a| a.id.clone())
    }

    /// An account by ID or alias, to change.
    pub fn account_mut(&mut self, id_or_alias: &str) -> Option<&mut Account> {
        let i = *self.account_index.get(id_or_alias)?;
        self.accounts.get_mut(i)
    }

    /// The credential an AccessKeyId (permanent or STS) stands for.
    pub fn credential(&self, access_key_id: &str) -> Option<&Credential> {
        self.credentials.get(access_key_id)
    }

    /// Adds a credential made at run time (a RAM user's key, AssumeRole's STS key).
    pub(crate) fn add_credential(&mut self, c: Credential) {
        if let Some(s) = &c.sts {
            self.tokens.insert(s.token.clone(), c.access_key_id.clone());
        }
        self.credentials.insert(c.access_key_id.clone(), c);
    }

    /// A deleted member is closed: its roles and every credential of it (keys, RAM users'
    /// keys, STS sessions) are gone, so nothing can act as it any more.
    pub(crate) fn close_account(&mut self, account: &str) {
        self.roles.by_account.remove(account);
        let keys: Vec<String> = self
            .credentials
            .values()
            .filter(|c| c.account_id == account)
            .map(|c| c.access_key_id.clone())
            .collect();
        for k in keys {
            if let Some(c) = self.credentials.remove(&k) {
                if let Some(s) = c.sts {
                    self.tokens.remove(&s.token);
                }
            }
        }
    }

    /// Drops AssumeRole credentials that expired by `now`, and answers how many of `account`'s
    /// are still live.
    pub(crate) fn live_sessions(&mut self, account: &str, now: Millis) -> usize {
        let expired: Vec<String> = self
            .credentials
            .values()
            .filter(|c| c.role.is_some())
            .filter(|c| {
                c.sts
                    .as_ref()
                    .and_then(|s| s.expires)
                    .is_some_and(|e| e <= now)
            })
            .map(|c| c.access_key_id.clone())
            .collect();
        for k in expired {
            self.remove_credential(&k);
        }
        self.credentials
            .values()
            .filter(|c| c.role.is_some() && c.account_id == account)
            .count()
    }

    /// Removes a credential (DeleteAccessKey).
    pub(crate) fn remove_credential(&mut self, access_key_id: &str) -> Option<Credential> {
        let c = self.credentials.remove(access_key_id)?;
        if let Some(s) = &c.sts {
            self.tokens.remove(&s.token);
        }
        Some(c)
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_world_has_four_accounts_on_two_sites() {
        let w = World::from_scenario(Scenario::default_scenario(), 0, &Ids::new(Some(1)));
        let sites: Vec<Site> = w.accounts.iter().map(|a| a.site).collect();
        assert_eq!(
            sites,
            [Site::China, Site::China, Site::International, Site::China]
        );
        assert_eq!(w.default_region, "cn-hangzhou");
        let owner = w.account("owner").unwrap();
        assert_eq!(w.account(&owner.id), Some(owner));
    }
}
