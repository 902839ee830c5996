//! Merging several scenario files and checking everything serde cannot: references,
//! duplicates, formats. Each error points at the offending value in its own file.

use std::collections::{HashMap, HashSet};

use super::{Scenario, ScenarioError, ScenarioErrors, ScenarioFile, SourceFile};
use crate::regions;
use crate::time::parse_rfc3339;

/// (file index, item index in that file) for every merged list item.
#[derive(Default)]
struct Origins {
    accounts: Vec<(usize, usize)>,
    images: Vec<(usize, usize)>,
    swas_images: Vec<(usize, usize)>,
    resource_shares: Vec<(usize, usize)>,
    instances: Vec<(usize, usize)>,
    key_pairs: Vec<(usize, usize)>,
    faults: Vec<(usize, usize)>,
    scalar: HashMap<&'static str, usize>,
}

pub(super) fn build(sources: &[SourceFile]) -> Result<Scenario, ScenarioErrors> {
    let mut spec = ScenarioFile::default();
    let mut o = Origins::default();
    let mut names = Vec::new();
    for (fi, src) in sources.iter().enumerate() {
        let f = &src.file;
        names.push(f.name.clone().unwrap_or_else(|| stem(&src.name)));
        macro_rules! scalar {
            ($($field:ident),*) => {$(
                if f.$field.is_some() {
                    spec.$field = f.$field.clone();
                    o.scalar.insert(stringify!($field), fi);
                }
            )*};
        }
        scalar!(
            name,
            seed,
            auth,
            clock,
            start_time,
            delays,
            regions,
            default_region,
            quota_applications,
            resource_directory
        );
        macro_rules! list {
            ($($field:ident),*) => {$(
                for (i, item) in f.$field.iter().enumerate() {
                    spec.$field.push(item.clone());
                    o.$field.push((fi, i));
                }
            )*};
        }
        list!(
            accounts,
            images,
            swas_images,
            resource_shares,
            instances,
            key_pairs,
            faults
        );
    }
    if names.len() > 1 {
        spec.name = Some(names.join("+"));
    }
    let mut v = Validator {
        sources,
        errors: Vec::new(),
        accounts: HashMap::new(),
        regions: Vec::new(),
    };
    v.check(&spec, &o);
    if v.errors.is_empty() {
        Ok(Scenario {
            names,
            spec,
            sources: sources.to_vec(),
        })
    } else {
        Err(ScenarioErrors(v.errors))
    }
}

fn stem(file: &str) -> String {
    std::path::Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.to_string())
}

/// A 16-digit account UID (ecs-image-api.md §2.2: observed format).
pub fn is_account_id(s: &str) -> bool {
    s.len() == 16 && s.bytes().all(|b| b.is_ascii_digit())
}

/// Collects every error of a merged scenario. Sections are checked in order; once accounts
/// and regions are checked, [`Validator::account`] and [`Validator::region`] resolve
/// references for the sections that product homes check (`impl Validator` blocks there).
pub(crate) struct Validator<'a> {
    sources: &'a [SourceFile],
    errors: Vec<ScenarioError>,
    /// Alias or ID -> account ID.
    accounts: HashMap<String, String>,
    /// The world's regions.
    regions: Vec<String>,
}

impl Validator<'_> {
    /// The account an alias or ID names; an error at `path` if none.
    pub(crate) fn account(&mut self, file: usize, path: &str, r: &str) -> Option<String> {
        let found = self.accounts.get(r).cloned();
        if found.is_none() {
            self.err(
                file,
                path,
                format!("unknown account {r:?} (not an alias or id of `accounts`)"),
            );
        }
        found
    }

    /// Whether `r` is one of the world's regions; an error at `path` if not.
    pub(crate) fn region(&mut self, file: usize, path: &str, r: &str) -> bool {
        let ok = self.regions.iter().any(|w| w == r);
        if !ok {
            self.err(
                file,
                path,
                format!("region {r:?} is not one of the scenario's regions"),
            );
        }
        ok
    }

    pub(crate) fn err(&mut self, file: usize, path: &str, message: impl Into<String>) {
        let e = match self.sources.get(file) {
            Some(src) => src.error(path, message),
            None => ScenarioError {
                file: "<scenario>".into(),
                line: 1,
                column: 1,
                message: message.into(),
            },
        };
        self.errors.push(e);
    }

    fn check(&mut self, s: &ScenarioFile, o: &Origins) {
        let sf = |k: &str| o.scalar.get(k).copied().unwrap_or(0);

        if let Some(t) = &s.start_time {
            if parse_rfc3339(t).is_none() {
                self.err(
                    sf("start_time"),
                    "start_time",
                    format!(
                        "start_time {t:?} is not an RFC 3339 time such as \"2026-01-01T00:00:00Z\""
                    ),
                );
            }
        }

        // Regions.
        let world_regions: Vec<String> = s.regions.clone().unwrap_or_else(regions::public_ids);
        if let Some(list) = &s.regions {
            let mut seen = HashSet::new();
            for (i, r) in list.iter().enumerate() {
                if regions::find(r).is_none() {
                    self.err(
                        sf("regions"),
                        &format!("regions[{i}]"),
                        format!("unknown region {r:?}"),
                    );
                } else if !seen.insert(r) {
                    self.err(
                        sf("regions"),
                        &format!("regions[{i}]"),
                        format!("region {r:?} is listed twice"),
                    );
                }
            }
            if list.is_empty() {
                self.err(sf("regions"), "regions", "regions must not be empty");
            }
        }
        if let Some(r) = &s.default_region {
            if !world_regions.contains(r) {
                self.err(
                    sf("default_region"),
                    "default_region",
                    format!("default_region {r:?} is not one of the scenario's regions"),
                );
            }
        }
        let region_ok = |r: &str| world_regions.iter().any(|w| w == r);

        // Accounts, aliases, keys.
        let mut ids: HashMap<&str, ()> = HashMap::new();
        let mut refs: HashMap<&str, &str> = HashMap::new(); // alias or id -> id
        let mut keys: HashSet<&str> = HashSet::new();
        let mut tokens: HashSet<&str> = HashSet::new();
        for (a, &(fi, i)) in s.accounts.iter().zip(&o.accounts) {
            let p = format!("accounts[{i}]");
            if !is_account_id(&a.id) {
                self.err(
                    fi,
                    &format!("{p}.id"),
                    format!("account id {:?} is not a 16-digit account UID", a.id),
                );
            } else if ids.insert(&a.id, ()).is_some() {
                self.err(
                    fi,
                    &format!("{p}.id"),
                    format!("duplicate account id {:?}", a.id),
                );
            }
            refs.entry(&a.id).or_insert(&a.id);
            if let Some(alias) = &a.alias {
                if alias.is_empty() || is_account_id(alias) {
                    self.err(
                        fi,
                        &format!("{p}.alias"),
                        format!(
                            "alias {alias:?} must be a non-empty name that is not an account id"
                        ),
                    );
                } else if refs.insert(alias, &a.id).is_some() {
                    self.err(
                        fi,
                        &format!("{p}.alias"),
                        format!("duplicate alias {alias:?}"),
                    );
                }
            }
            for (k, key) in a.access_keys.iter().enumerate() {
                if key.id.is_empty() || key.secret.is_empty() {
                    self.err(
                        fi,
                        &format!("{p}.access_keys[{k}]"),
                        "access keys need a non-empty id and secret",
                    );
                } else if !keys.insert(&key.id) {
                    self.err(
                        fi,
                        &format!("{p}.access_keys[{k}].id"),
                        format!("duplicate access key id {:?}", key.id),
                    );
                }
            }
            for (k, t) in a.sts_tokens.iter().enumerate() {
                let tp = format!("{p}.sts_tokens[{k}]");
                if t.token.is_empty() || t.access_key_id.is_empty() || t.secret.is_empty() {
                    self.err(
                        fi,
                        &tp,
                        "STS tokens need a non-empty token, access_key_id and secret",
                    );
                    continue;
                }
                if !tokens.insert(&t.token) {
                    self.err(fi, &format!("{tp}.token"), "duplicate STS token");
                }
                if !keys.insert(&t.access_key_id) {
                    self.err(
                        fi,
                        &format!("{tp}.access_key_id"),
                        format!("duplicate access key id {:?}", t.access_key_id),
                    );
                }
                if let Some(e) = &t.expires {
                    if parse_rfc3339(e).is_none() {
                        self.err(
                            fi,
                            &format!("{tp}.expires"),
                            format!("expires {e:?} is not an RFC 3339 time"),
                        );
                    }
                }
            }
            for (k, role) in a.ram_roles.iter().enumerate() {
                if role.is_empty() {
                    self.err(
                        fi,
                        &format!("{p}.ram_roles[{k}]"),
                        "role names must not be empty",
                    );
                }
            }
        }
        self.accounts = refs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        self.regions = world_regions.clone();
        let mut resolve = |this: &mut Self, fi: usize, path: &str, r: &str| -> Option<String> {
            match refs.get(r) {
                Some(id) => Some(id.to_string()),
                None => {
                    this.err(
                        fi,
                        path,
                        format!("unknown account {r:?} (not an alias or id of `accounts`)"),
                    );
                    None
                }
            }
        };

        // Custom images.
        let mut images: HashMap<String, (Option<String>, String)> = HashMap::new(); // id -> (owner, region)
        for (img, &(fi, i)) in s.images.iter().zip(&o.images) {
            let p = format!("images[{i}]");
            let owner = resolve(self, fi, &format!("{p}.owner"), &img.owner);
            if !region_ok(&img.region) {
                self.err(
                    fi,
                    &format!("{p}.region"),
                    format!(
                        "region {:?} is not one of the scenario's regions",
                        img.region
                    ),
                );
            }
            if let Some(id) = &img.id {
                if !id.starts_with("m-") || id.len() < 3 {
                    self.err(
                        fi,
                        &format!("{p}.id"),
                        format!("custom image id {id:?} must start with \"m-\""),
                    );
                } else if images
                    .insert(id.clone(), (owner.clone(), img.region.clone()))
                    .is_some()
                {
                    self.err(fi, &format!("{p}.id"), format!("duplicate image id {id:?}"));
                }
            }
            if img.kms_key_id.is_some() && img.encryption != super::Encryption::Cmk {
                self.err(
                    fi,
                    &format!("{p}.kms_key_id"),
                    "kms_key_id is only allowed with encryption: cmk",
                );
            }
            if !img.image_fee.is_finite() || img.image_fee < 0.0 {
                self.err(
                    fi,
                    &format!("{p}.image_fee"),
                    "image_fee must be a number >= 0",
                );
            }
            let mut seen = HashSet::new();
            for (k, r) in img.shared_with.iter().enumerate() {
                let sp = format!("{p}.shared_with[{k}]");
                if let Some(id) = resolve(self, fi, &sp, r) {
                    if Some(&id) == owner.as_ref() {
                        self.err(fi, &sp, "an image cannot be shared with its owner");
                    } else if !seen.insert(id) {
                        self.err(fi, &sp, format!("account {r:?} is listed twice"));
                    }
                }
            }
        }

        // Simple Application Server images.
        let mut swas = HashSet::new();
        for (img, &(fi, i)) in s.swas_images.iter().zip(&o.swas_images) {
            let p = format!("swas_images[{i}]");
            resolve(self, fi, &format!("{p}.owner"), &img.owner);
            if !region_ok(&img.region) {
                self.err(
                    fi,
                    &format!("{p}.region"),
                    format!(
                        "region {:?} is not one of the scenario's regions",
                        img.region
                    ),
                );
            }
            if !img.id.starts_with("m-") {
                self.err(
                    fi,
                    &format!("{p}.id"),
                    format!("image id {:?} must start with \"m-\"", img.id),
                );
            } else if images.contains_key(&img.id) || !swas.insert(img.id.clone()) {
                self.err(
                    fi,
                    &format!("{p}.id"),
                    format!("duplicate image id {:?}", img.id),
                );
            }
        }

        // Resource directory.
        let mut folders: HashSet<String> = HashSet::new();
        let mut members: HashSet<String> = HashSet::new();
        let mut rd_id = None;
        if let Some(rd) = &s.resource_directory {
            let fi = sf("resource_directory");
            if let Some(id) = &rd.id {
                if !id.starts_with("rd-") {
                    self.err(
                        fi,
                        "resource_directory.id",
                        format!("resource directory id {id:?} must start with \"rd-\""),
                    );
                }
                rd_id = Some(id.clone());
            }
            resolve(
                self,
                fi,
                "resource_directory.management_account",
                &rd.management_account,
            );
            let root = &rd.root;
            self.check_folder_accounts(
                fi,
                "resource_directory.root",
                &root.accounts,
                &mut resolve,
                &mut members,
            );
            for (k, f) in root.folders.iter().enumerate() {
                self.check_folder(
                    fi,
                    &format!("resource_directory.root.folders[{k}]"),
                    f,
                    &mut resolve,
                    &mut members,
                    &mut folders,
                );
            }
        }

        // Resource shares.
        let mut shares = HashSet::new();
        for (rs, &(fi, i)) in s.resource_shares.iter().zip(&o.resource_shares) {
            let p = format!("resource_shares[{i}]");
            if let Some(id) = &rs.id {
                if !id.starts_with("rs-") {
                    self.err(
                        fi,
                        &format!("{p}.id"),
                        format!("resource share id {id:?} must start with \"rs-\""),
                    );
                } else if !shares.insert(id.clone()) {
                    self.err(
                        fi,
                        &format!("{p}.id"),
                        format!("duplicate resource share id {id:?}"),
                    );
                }
            }
            if rs.name.is_empty() {
                self.err(fi, &format!("{p}.name"), "name must not be empty");
            }
            let owner = resolve(self, fi, &format!("{p}.owner"), &rs.owner);
            if !region_ok(&rs.region) {
                self.err(
                    fi,
                    &format!("{p}.region"),
                    format!(
                        "region {:?} is not one of the scenario's regions",
                        rs.region
                    ),
                );
            }
            for (k, r) in rs.resources.iter().enumerate() {
                let rp = format!("{p}.resources[{k}]");
                if r.kind != "Image" {
                    self.err(
                        fi,
                        &format!("{rp}.type"),
                        format!("resource type {:?} is not supported (only Image)", r.kind),
                    );
                    continue;
                }
                match images.get(&r.id) {
                    None => self.err(
                        fi,
                        &format!("{rp}.id"),
                        format!("unknown custom image {:?}", r.id),
                    ),
                    Some((img_owner, region)) => {
                        if owner.is_some() && img_owner != &owner {
                            self.err(
                                fi,
                                &format!("{rp}.id"),
                                format!("image {:?} is not owned by the share's owner", r.id),
                            );
                        } else if region != &rs.region {
                            self.err(
                                fi,
                                &format!("{rp}.id"),
                                format!(
                                    "image {:?} is in {region}, not in the share's region {}",
                                    r.id, rs.region
                                ),
                            );
                        }
                    }
                }
            }
            for (k, t) in rs.targets.iter().enumerate() {
                let tp = format!("{p}.targets[{k}]");
                if t.starts_with("rd-") {
                    if rd_id.as_deref() != Some(t.as_str()) {
                        self.err(fi, &tp, format!("unknown resource directory {t:?}"));
                    }
                } else if t.starts_with("fd-") {
                    if !folders.contains(t) {
                        self.err(fi, &tp, format!("unknown folder {t:?}"));
                    }
                } else if let Some(id) = resolve(self, fi, &tp, t) {
                    if !members.contains(&id) && !rs.allow_external_targets {
                        self.err(fi, &tp, format!("account {t:?} is not in the resource directory; set allow_external_targets: true to share outside it"));
                    }
                }
            }
        }

        // Instances.
        let mut instances = HashSet::new();
        for (inst, &(fi, i)) in s.instances.iter().zip(&o.instances) {
            let p = format!("instances[{i}]");
            if let Some(id) = &inst.id {
                if !id.starts_with("i-") {
                    self.err(
                        fi,
                        &format!("{p}.id"),
                        format!("instance id {id:?} must start with \"i-\""),
                    );
                } else if !instances.insert(id.clone()) {
                    self.err(
                        fi,
                        &format!("{p}.id"),
                        format!("duplicate instance id {id:?}"),
                    );
                }
            }
            resolve(self, fi, &format!("{p}.owner"), &inst.owner);
            if !region_ok(&inst.region) {
                self.err(
                    fi,
                    &format!("{p}.region"),
                    format!(
                        "region {:?} is not one of the scenario's regions",
                        inst.region
                    ),
                );
            }
            if inst.image.starts_with("m-") {
                match images.get(&inst.image) {
                    None if !swas.contains(&inst.image) => self.err(
                        fi,
                        &format!("{p}.image"),
                        format!("unknown custom image {:?}", inst.image),
                    ),
                    Some((_, region)) if region != &inst.region => self.err(
                        fi,
                        &format!("{p}.image"),
                        format!(
                            "image {:?} is in {region}, not in the instance's region {}",
                            inst.image, inst.region
                        ),
                    ),
                    _ => {}
                }
            }
        }

        self.check_key_pairs(&s.key_pairs, &o.key_pairs);

        // Faults.
        for (f, &(fi, i)) in s.faults.iter().zip(&o.faults) {
            let p = format!("faults[{i}]");
            if let Some(a) = &f.account {
                resolve(self, fi, &format!("{p}.account"), a);
            }
            if let Some(r) = &f.region {
                if regions::find(r).is_none() {
                    self.err(fi, &format!("{p}.region"), format!("unknown region {r:?}"));
                }
            }
            if let Some(prod) = &f.product {
                if crate::products::product_by_name(prod).is_none() {
                    self.err(
                        fi,
                        &format!("{p}.product"),
                        format!("unknown product {prod:?}"),
                    );
                }
            }
            if let Some(pr) = f.probability {
                if !(0.0..=1.0).contains(&pr) {
                    self.err(
                        fi,
                        &format!("{p}.probability"),
                        "probability must be between 0 and 1",
                    );
                }
            }
            match &f.error {
                Some(e) => {
                    if e.code.is_empty() {
                        self.err(
                            fi,
                            &format!("{p}.error.code"),
                            "error code must not be empty",
                        );
                    }
                    if let Some(st) = e.status {
                        if !(400..=599).contains(&st) {
                            self.err(
                                fi,
                                &format!("{p}.error.status"),
                                "error status must be between 400 and 599",
                            );
                        }
                    }
                }
                None if f.delay_ms.is_none() => {
                    self.err(fi, &p, "a fault needs an error, a delay_ms, or both")
                }
                None => {}
            }
        }
    }

    fn check_folder_accounts(
        &mut self,
        fi: usize,
        path: &str,
        accounts: &[String],
        resolve: &mut impl FnMut(&mut Self, usize, &str, &str) -> Option<String>,
        members: &mut HashSet<String>,
    ) {
        for (k, a) in accounts.iter().enumerate() {
            let ap = format!("{path}.accounts[{k}]");
            if let Some(id) = resolve(self, fi, &ap, a) {
                if !members.insert(id) {
                    self.err(
                        fi,
                        &ap,
                        format!("account {a:?} is already in the resource directory"),
                    );
                }
            }
        }
    }

    fn check_folder(
        &mut self,
        fi: usize,
        path: &str,
        folder: &super::FolderSpec,
        resolve: &mut impl FnMut(&mut Self, usize, &str, &str) -> Option<String>,
        members: &mut HashSet<String>,
        folders: &mut HashSet<String>,
    ) {
        if folder.name.is_empty() {
            self.err(fi, &format!("{path}.name"), "folder name must not be empty");
        }
        if let Some(id) = &folder.id {
            if !id.starts_with("fd-") {
                self.err(
                    fi,
                    &format!("{path}.id"),
                    format!("folder id {id:?} must start with \"fd-\""),
                );
            } else if !folders.insert(id.clone()) {
                self.err(
                    fi,
                    &format!("{path}.id"),
                    format!("duplicate folder id {id:?}"),
                );
            }
        }
        self.check_folder_accounts(fi, path, &folder.accounts, resolve, members);
        for (k, f) in folder.folders.iter().enumerate() {
            self.check_folder(
                fi,
                &format!("{path}.folders[{k}]"),
                f,
                resolve,
                members,
                folders,
            );
        }
    }
}
