//! Merging several scenario files and checking everything serde cannot: references,
//! duplicates, formats. Each error points at the offending value in its own file.

use std::collections::{HashMap, HashSet};

use super::{Scenario, ScenarioError, ScenarioErrors, ScenarioFile, SourceFile};
use crate::regions;
use crate::time::parse_rfc3339;

/// The longest scenario delay, in seconds of mock time.
pub const MAX_DELAY_SECONDS: u64 = 315_360_000;

/// (file index, item index in that file) for every merged list item.
#[derive(Default)]
struct Origins {
    accounts: Vec<(usize, usize)>,
    images: Vec<(usize, usize)>,
    swas_images: Vec<(usize, usize)>,
    swas_instances: Vec<(usize, usize)>,
    resource_shares: Vec<(usize, usize)>,
    instances: Vec<(usize, usize)>,
    key_pairs: Vec<(usize, usize)>,
    faults: Vec<(usize, usize)>,
    /// Each region of the merged list: the file and index it came from.
    regions: Vec<(usize, usize)>,
    /// Files that give `regions` (an empty list is an error there).
    region_files: Vec<usize>,
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
        // Regions are a set: each file adds those not listed yet (a region twice in one
        // file is still an error).
        if let Some(list) = &f.regions {
            o.region_files.push(fi);
            let merged = spec.regions.get_or_insert_with(Vec::new);
            let earlier = merged.len();
            for (i, r) in list.iter().enumerate() {
                if !merged[..earlier].contains(r) {
                    merged.push(r.clone());
                    o.regions.push((fi, i));
                }
            }
        }
        list!(
            accounts,
            images,
            swas_images,
            swas_instances,
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
        images: HashMap::new(),
        swas: HashSet::new(),
        rd_id: None,
        folders: HashSet::new(),
        members: HashSet::new(),
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

/// A 16-digit account UID (docs/sources.md#ecs-ids-and-regions: observed format).
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
    /// Custom image ID -> (owner, region), once `images` is checked.
    pub(crate) images: HashMap<String, (Option<String>, String)>,
    /// SWAS image IDs, once `swas_images` is checked.
    pub(crate) swas: HashSet<String>,
    /// The resource directory's ID, folders and member accounts, once it is checked.
    pub(crate) rd_id: Option<String>,
    pub(crate) folders: HashSet<String>,
    pub(crate) members: HashSet<String>,
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

    /// AccessKeys under `path`: non-empty, and IDs unique across the scenario (`keys`).
    fn check_access_keys<'k>(
        &mut self,
        file: usize,
        path: &str,
        specs: &'k [super::AccessKeySpec],
        keys: &mut HashSet<&'k str>,
    ) {
        for (k, key) in specs.iter().enumerate() {
            if key.id.is_empty() || key.secret.is_empty() {
                self.err(
                    file,
                    &format!("{path}.access_keys[{k}]"),
                    "access keys need a non-empty id and secret",
                );
            } else if !keys.insert(&key.id) {
                self.err(
                    file,
                    &format!("{path}.access_keys[{k}].id"),
                    format!("duplicate access key id {:?}", key.id),
                );
            }
        }
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

    /// Every section, in an order where each finds what it refers to already checked.
    fn check(&mut self, s: &ScenarioFile, o: &Origins) {
        let sf = |k: &str| o.scalar.get(k).copied().unwrap_or(0);
        self.check_start_time(s, sf("start_time"));
        self.check_delays(s, sf("delays"));
        self.check_regions(s, o, sf("default_region"));
        self.check_accounts(s, &o.accounts);
        self.check_images(&s.images, &o.images);
        self.check_swas_images(&s.swas_images, &o.swas_images);
        self.check_swas_instances(&s.swas_instances, &o.swas_instances);
        if let Some(rd) = &s.resource_directory {
            self.check_directory(rd, sf("resource_directory"));
        }
        self.check_resource_shares(&s.resource_shares, &o.resource_shares);
        self.check_instances(&s.instances, &o.instances);
        self.check_key_pairs(&s.key_pairs, &o.key_pairs);
        self.check_faults(&s.faults, &o.faults);
    }

    /// Each delay at most ten years of mock time, so deadlines stay far from overflow.
    fn check_delays(&mut self, s: &ScenarioFile, file: usize) {
        let Some(d) = &s.delays else { return };
        for (name, v) in [
            ("image_create", d.image_create),
            ("image_copy", d.image_copy),
            ("association", d.association),
            ("instance_create", d.instance_create),
            ("instance_start", d.instance_start),
            ("instance_stop", d.instance_stop),
            ("network_create", d.network_create),
            ("eip_associate", d.eip_associate),
            ("snapshot_create", d.snapshot_create),
            ("image_import", d.image_import),
            ("image_export", d.image_export),
            ("quota_review", d.quota_review),
        ] {
            if v > MAX_DELAY_SECONDS {
                self.err(
                    file,
                    &format!("delays.{name}"),
                    format!("{name} must be at most {MAX_DELAY_SECONDS} seconds (ten years)"),
                );
            }
        }
    }

    fn check_start_time(&mut self, s: &ScenarioFile, file: usize) {
        if let Some(t) = &s.start_time {
            if parse_rfc3339(t).is_none() {
                self.err(
                    file,
                    "start_time",
                    format!(
                        "start_time {t:?} is not an RFC 3339 time such as \"2026-01-01T00:00:00Z\""
                    ),
                );
            }
        }
    }

    /// Known, unique regions; a default region among them. Records the world's regions.
    fn check_regions(&mut self, s: &ScenarioFile, o: &Origins, default_file: usize) {
        let world_regions: Vec<String> = s.regions.clone().unwrap_or_else(regions::public_ids);
        if let Some(list) = &s.regions {
            let mut seen = HashSet::new();
            for (r, &(file, i)) in list.iter().zip(&o.regions) {
                if regions::find(r).is_none() {
                    self.err(
                        file,
                        &format!("regions[{i}]"),
                        format!("unknown region {r:?}"),
                    );
                } else if !seen.insert(r) {
                    self.err(
                        file,
                        &format!("regions[{i}]"),
                        format!("region {r:?} is listed twice"),
                    );
                }
            }
            for &file in &o.region_files {
                if self.sources[file]
                    .file
                    .regions
                    .as_ref()
                    .is_some_and(Vec::is_empty)
                {
                    self.err(file, "regions", "regions must not be empty");
                }
            }
        }
        if let Some(r) = &s.default_region {
            if !world_regions.contains(r) {
                self.err(
                    default_file,
                    "default_region",
                    format!("default_region {r:?} is not one of the scenario's regions"),
                );
            }
        }
        self.regions = world_regions;
    }

    /// 16-digit unique IDs, unique aliases that are not IDs, unique access keys and STS
    /// tokens, RFC 3339 expiries, named roles. Records every alias and ID.
    fn check_accounts(&mut self, s: &ScenarioFile, origins: &[(usize, usize)]) {
        let mut ids: HashMap<&str, ()> = HashMap::new();
        let mut refs: HashMap<&str, &str> = HashMap::new(); // alias or id -> id
        let mut keys: HashSet<&str> = HashSet::new();
        let mut tokens: HashSet<&str> = HashSet::new();
        let mut groups: HashSet<&str> = HashSet::new();
        for (a, &(fi, i)) in s.accounts.iter().zip(origins) {
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
            self.check_access_keys(fi, &p, &a.access_keys, &mut keys);
            for (k, g) in a.resource_groups.iter().enumerate() {
                let valid = g.len() <= 64
                    && g.strip_prefix("rg-").is_some_and(|r| {
                        !r.is_empty()
                            && r.bytes()
                                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                    });
                if !valid {
                    self.err(
                        fi,
                        &format!("{p}.resource_groups[{k}]"),
                        format!("resource group {g:?} is not rg- then lower-case letters and digits (at most 64 characters)"),
                    );
                } else if !groups.insert(g) {
                    self.err(
                        fi,
                        &format!("{p}.resource_groups[{k}]"),
                        format!("duplicate resource group {g:?}"),
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
            let mut user_names = HashSet::new();
            for (u, user) in a.ram_users.iter().enumerate() {
                let up = format!("{p}.ram_users[{u}]");
                if !crate::products::ram::valid_user_name(&user.name) {
                    self.err(
                        fi,
                        &format!("{up}.name"),
                        format!(
                            "RAM user name {:?} is not 1-64 letters, digits, '.', '-', '_'",
                            user.name
                        ),
                    );
                } else if !user_names.insert(user.name.as_str()) {
                    self.err(
                        fi,
                        &format!("{up}.name"),
                        format!("duplicate RAM user {:?}", user.name),
                    );
                }
                if user.access_keys.len() > crate::products::ram::MAX_KEYS {
                    self.err(
                        fi,
                        &format!("{up}.access_keys"),
                        "a RAM user has at most 2 AccessKeys",
                    );
                }
                self.check_access_keys(fi, &up, &user.access_keys, &mut keys);
                if user.policies.len() > crate::products::ram::MAX_USER_POLICIES {
                    self.err(
                        fi,
                        &format!("{up}.policies"),
                        "a RAM user has at most 20 policies",
                    );
                }
                for (k, pol) in user.policies.iter().enumerate() {
                    if !pol.starts_with("Aliyun") {
                        self.err(
                            fi,
                            &format!("{up}.policies[{k}]"),
                            format!("policy {pol:?} is not a system policy (Aliyun...)"),
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
    }
}
