//! Images: the built-in system catalogue and custom images, with the indexes that answer
//! "what does account X see in region R" at the cost of the answer, not of the region.
//!
//! Indexes (kept in step by every method that changes an image's owner or grantees):
//! * `owned`:  (region, owner)   -> image IDs it owns
//! * `grants`: (region, grantee) -> image IDs shared with it by account ID
//! * `public`: region            -> community images (IsPublic)
//!
//! Time-driven states (Creating -> Available, copy progress) are stored as deadlines on the
//! mock clock and evaluated when read, so nothing runs in the background.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::scenario::{Encryption, ImageStatus};
use crate::time::Millis;

/// Where an image comes from, as ImageOwnerAlias distinguishes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImageKind {
    /// Alibaba-provided public image (`system`).
    System,
    /// An Alibaba Cloud Marketplace image (`marketplace`).
    Marketplace,
    /// An account's own image (`self` to its owner, `others` to everyone it reaches).
    Custom,
}

/// An in-progress or finished copy: the image was made by CopyImage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CopyInfo {
    pub source_image: String,
    pub source_region: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Image {
    pub id: String,
    pub region: String,
    pub kind: ImageKind,
    /// Owner account ID; empty for system and Marketplace images.
    pub owner: String,
    pub name: String,
    pub description: String,
    pub family: String,
    /// The stored status; `Creating` turns into `Available` at `ready_at`.
    pub status: ImageStatus,
    pub created: Millis,
    /// When a Creating image (new or copy) becomes Available; None = not pending.
    pub ready_at: Option<Millis>,
    pub os_type: String,
    pub os_name: String,
    pub platform: String,
    pub architecture: String,
    pub size: u32,
    pub boot_mode: String,
    pub encryption: Encryption,
    pub kms_key_id: Option<String>,
    pub data_disks: u32,
    pub product_code: Option<String>,
    pub image_fee: f64,
    pub tags: BTreeMap<String, String>,
    /// Community image (published with IsPublic).
    pub is_public: bool,
    pub copy: Option<CopyInfo>,
    /// Accounts it is shared with by account ID, with the share time.
    pub shared_with: BTreeMap<String, Millis>,
    /// The snapshot it was made from (CreateImage with `SnapshotId`): its system disk's
    /// snapshot. Other images have snapshots of their own, named after the image.
    #[serde(default)]
    pub source_snapshot: Option<String>,
    /// `ImageVersion` (CreateImage, ImportImage).
    #[serde(default)]
    pub version: String,
    /// Its resource group; empty = the account's default group.
    #[serde(default)]
    pub resource_group: String,
    /// ImportImage's OSS bucket, object and format, per disk.
    #[serde(default)]
    pub imported: Vec<(String, String, String)>,
}

impl Image {
    /// An Available, unencrypted, unshared Linux custom image with the usual defaults.
    pub fn custom(id: &str, region: &str, owner: &str, name: &str, created: Millis) -> Image {
        Image {
            id: id.to_string(),
            region: region.to_string(),
            kind: ImageKind::Custom,
            owner: owner.to_string(),
            name: name.to_string(),
            description: String::new(),
            family: String::new(),
            status: ImageStatus::Available,
            created,
            ready_at: None,
            os_type: "linux".into(),
            os_name: "CentOS".into(),
            platform: "CentOS".into(),
            architecture: "x86_64".into(),
            size: 40,
            boot_mode: "BIOS".into(),
            encryption: Encryption::None,
            kms_key_id: None,
            data_disks: 0,
            product_code: None,
            image_fee: 0.0,
            tags: BTreeMap::new(),
            is_public: false,
            copy: None,
            shared_with: BTreeMap::new(),
            source_snapshot: None,
            version: String::new(),
            resource_group: String::new(),
            imported: vec![],
        }
    }

    /// The status at `now`: a pending Creating image is Available once its deadline passed.
    pub fn status_at(&self, now: Millis) -> ImageStatus {
        match (self.status, self.ready_at) {
            (ImageStatus::Creating, Some(t)) if now >= t => ImageStatus::Available,
            (s, _) => s,
        }
    }

    /// Progress in percent at `now`.
    pub fn progress_at(&self, now: Millis) -> u32 {
        match (self.status, self.ready_at) {
            (ImageStatus::Creating, Some(t)) if now < t => {
                let total = (t - self.created).max(1);
                (((now - self.created).max(0) * 100) / total).min(99) as u32
            }
            (ImageStatus::Creating, None) | (ImageStatus::Waiting, _) => 0,
            _ => 100,
        }
    }

    /// A copy still in progress at `now`.
    pub fn copying_at(&self, now: Millis) -> bool {
        self.copy.is_some() && self.status_at(now) == ImageStatus::Creating
    }

    pub fn is_encrypted(&self) -> bool {
        self.encryption != Encryption::None
    }

    /// IDs of the snapshots behind the image's disks (system disk first).
    pub fn snapshot_ids(&self) -> Vec<String> {
        (0..self.snapshot_count())
            .map(|i| {
                let (head, stem, disk) = self.snapshot_id_parts(i);
                match disk {
                    Some(n) => format!("{head}{stem}d{n}"),
                    None => format!("{head}{stem}"),
                }
            })
            .collect()
    }

    /// How many snapshots [`Image::snapshot_ids`] names.
    pub fn snapshot_count(&self) -> usize {
        if self.source_snapshot.is_some() {
            1
        } else {
            self.data_disks as usize + 1
        }
    }

    /// The `i`-th snapshot ID in pieces, so a listing writes it without building it: the
    /// source snapshot itself, or `s-` and the image ID's stem, then `d` and the data disk's
    /// number after the system disk.
    pub fn snapshot_id_parts(&self, i: usize) -> (&str, &str, Option<usize>) {
        match &self.source_snapshot {
            Some(s) => ("", s, None),
            None => ("s-", self.id.trim_start_matches("m-"), (i > 0).then_some(i)),
        }
    }
}

/// The built-in system and Marketplace images, present in every region of the world.
/// IDs follow the public naming pattern (docs/sources.md#ecs-ids-and-regions); the list is illustrative.
fn catalogue() -> Vec<Image> {
    let base = |id: &str,
                name: &str,
                os: &str,
                os_name: &str,
                platform: &str,
                arch: &str,
                size: u32,
                created: &str| Image {
        kind: ImageKind::System,
        os_type: os.into(),
        os_name: os_name.into(),
        platform: platform.into(),
        architecture: arch.into(),
        size,
        boot_mode: if arch == "arm64" { "UEFI" } else { "BIOS" }.into(),
        is_public: true,
        ..Image::custom(
            id,
            "",
            "",
            name,
            crate::time::parse_rfc3339(created).expect("catalogue times are valid"),
        )
    };
    let mut market = base(
        "m-mkt0000000000000001",
        "LAMP stack on CentOS 7.9",
        "linux",
        "CentOS 7.9 64位",
        "CentOS",
        "x86_64",
        40,
        "2024-05-20T00:00:00Z",
    );
    market.kind = ImageKind::Marketplace;
    market.product_code = Some("cmjj000001".into());
    vec![
        base(
            "aliyun_3_x64_20G_alibase_20240819.vhd",
            "aliyun_3_x64_20G_alibase_20240819.vhd",
            "linux",
            "Alibaba Cloud Linux  3.2104 LTS 64位",
            "Aliyun",
            "x86_64",
            20,
            "2024-08-19T00:00:00Z",
        ),
        base(
            "aliyun_3_arm64_20G_alibase_20240819.vhd",
            "aliyun_3_arm64_20G_alibase_20240819.vhd",
            "linux",
            "Alibaba Cloud Linux  3.2104 LTS 64位 ARM版",
            "Aliyun",
            "arm64",
            20,
            "2024-08-19T00:00:00Z",
        ),
        base(
            "centos_7_9_x64_20G_alibase_20240628.vhd",
            "centos_7_9_x64_20G_alibase_20240628.vhd",
            "linux",
            "CentOS  7.9 64位",
            "CentOS",
            "x86_64",
            20,
            "2024-06-28T00:00:00Z",
        ),
        base(
            "ubuntu_22_04_x64_20G_alibase_20240819.vhd",
            "ubuntu_22_04_x64_20G_alibase_20240819.vhd",
            "linux",
            "Ubuntu  22.04 64位",
            "Ubuntu",
            "x86_64",
            20,
            "2024-08-19T00:00:00Z",
        ),
        base(
            "win2022_21H2_x64_dtc_en-us_40G_alibase_20240816.vhd",
            "win2022_21H2_x64_dtc_en-us_40G_alibase_20240816.vhd",
            "windows",
            "Windows Server  2022 数据中心版 64位英文版",
            "Windows Server 2022",
            "x86_64",
            40,
            "2024-08-16T00:00:00Z",
        ),
        market,
    ]
}

/// How an account reaches an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Access {
    System,
    Marketplace,
    Own,
    /// Shared with the account by account ID.
    Shared,
    /// A community image of another account.
    Community,
}

/// All images of the world. Saved as the list of custom images; the catalogue and the
/// indexes are rebuilt on load.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(into = "SavedImages", from = "SavedImages")]
pub struct Images {
    catalogue: Vec<Image>,
    /// Boxed: the table's slots stay small, so its power-of-two growth costs pointers,
    /// not whole images, at a million images.
    custom: Map<String, Box<Image>>,
    owned: ByRegionAccount,
    grants: ByRegionAccount,
    public: Map<String, BTreeSet<String>>,
}

/// The image maps' hash table: foldhash (seeded per process) hashes an image ID several
/// times faster than the standard SipHash, which was a seventh of building a million images.
type Map<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// Image IDs by region, then by account: looked up with borrowed names, no key to build.
type ByRegionAccount = Map<String, Map<String, BTreeSet<String>>>;

fn index_add(ix: &mut ByRegionAccount, region: &str, account: &str, id: &str) {
    let by_account = match ix.get_mut(region) {
        Some(m) => m,
        None => ix.entry(region.to_string()).or_default(),
    };
    let ids = match by_account.get_mut(account) {
        Some(s) => s,
        None => by_account.entry(account.to_string()).or_default(),
    };
    ids.insert(id.to_string());
}

fn index_remove(ix: &mut ByRegionAccount, region: &str, account: &str, id: &str) {
    if let Some(ids) = ix.get_mut(region).and_then(|m| m.get_mut(account)) {
        ids.remove(id);
    }
}

fn index_get<'a>(
    ix: &'a ByRegionAccount,
    region: &str,
    account: &str,
) -> Option<&'a BTreeSet<String>> {
    ix.get(region)?.get(account)
}

#[derive(Serialize, Deserialize)]
struct SavedImages {
    custom: Vec<Image>,
}

impl From<Images> for SavedImages {
    fn from(i: Images) -> Self {
        let mut custom: Vec<Image> = i.custom.into_values().map(|b| *b).collect();
        custom.sort_by(|a, b| a.id.cmp(&b.id));
        SavedImages { custom }
    }
}

impl From<SavedImages> for Images {
    fn from(s: SavedImages) -> Self {
        let mut i = Images::default();
        for img in s.custom {
            i.insert(img);
        }
        i
    }
}

impl Default for Images {
    fn default() -> Self {
        Images {
            catalogue: catalogue(),
            custom: Map::default(),
            owned: ByRegionAccount::default(),
            grants: ByRegionAccount::default(),
            public: Map::default(),
        }
    }
}

impl Images {
    /// The built-in images (region-independent templates).
    pub fn catalogue(&self) -> &[Image] {
        &self.catalogue
    }

    /// A custom image by ID, whoever owns it.
    pub fn custom(&self, id: &str) -> Option<&Image> {
        self.custom.get(id).map(|b| &**b)
    }

    /// Every custom image, in no particular order.
    pub fn all_custom(&self) -> impl Iterator<Item = &Image> {
        self.custom.values().map(|b| &**b)
    }

    /// Adds a custom image and indexes it.
    pub fn insert(&mut self, img: Image) {
        index_add(&mut self.owned, &img.region, &img.owner, &img.id);
        for grantee in img.shared_with.keys() {
            index_add(&mut self.grants, &img.region, grantee, &img.id);
        }
        if img.is_public {
            self.public
                .entry(img.region.clone())
                .or_default()
                .insert(img.id.clone());
        }
        self.custom.insert(img.id.clone(), Box::new(img));
    }

    /// Removes a custom image and every index entry pointing at it.
    pub fn remove(&mut self, id: &str) -> Option<Image> {
        let img = *self.custom.remove(id)?;
        index_remove(&mut self.owned, &img.region, &img.owner, id);
        for grantee in img.shared_with.keys() {
            index_remove(&mut self.grants, &img.region, grantee, id);
        }
        if let Some(set) = self.public.get_mut(&img.region) {
            set.remove(id);
        }
        Some(img)
    }

    /// A custom image's tags, for a change.
    pub fn tags_mut(&mut self, id: &str) -> Option<&mut BTreeMap<String, String>> {
        self.custom.get_mut(id).map(|i| &mut i.tags)
    }

    /// A custom image's tags and resource group, for a change.
    pub fn tags_and_group_mut(
        &mut self,
        id: &str,
    ) -> Option<(&mut BTreeMap<String, String>, &mut String)> {
        self.custom
            .get_mut(id)
            .map(|i| (&mut i.tags, &mut i.resource_group))
    }

    /// Changes a custom image's non-indexed fields.
    pub fn update(&mut self, id: &str, f: impl FnOnce(&mut Image)) {
        if let Some(img) = self.custom.get_mut(id) {
            f(img);
        }
    }

    /// Sets the accounts an image is shared with (by account ID), keeping the grant index in
    /// step. `removed` are dropped first, then `added` (with `now` as their share time).
    pub fn set_shares(&mut self, id: &str, added: &[String], removed: &[String], now: Millis) {
        let Some(img) = self.custom.get_mut(id) else {
            return;
        };
        for a in removed {
            if img.shared_with.remove(a).is_some() {
                index_remove(&mut self.grants, &img.region, a, id);
            }
        }
        for a in added {
            if !img.shared_with.contains_key(a) {
                img.shared_with.insert(a.clone(), now);
                index_add(&mut self.grants, &img.region, a, id);
            }
        }
    }

    /// Publishes or unpublishes a community image.
    pub fn set_public(&mut self, id: &str, public: bool) {
        let Some(img) = self.custom.get_mut(id) else {
            return;
        };
        img.is_public = public;
        let set = self.public.entry(img.region.clone()).or_default();
        if public {
            set.insert(id.to_string());
        } else {
            set.remove(id);
        }
    }

    /// IDs of the custom images `owner` owns in `region`.
    pub fn owned_by(&self, region: &str, owner: &str) -> impl Iterator<Item = &Image> {
        index_get(&self.owned, region, owner)
            .into_iter()
            .flatten()
            .filter_map(|id| self.custom(id))
    }

    /// Custom images shared with `account` by account ID in `region`.
    pub fn granted_to(&self, region: &str, account: &str) -> impl Iterator<Item = &Image> {
        index_get(&self.grants, region, account)
            .into_iter()
            .flatten()
            .filter_map(|id| self.custom(id))
    }

    /// Community images in `region`.
    pub fn community(&self, region: &str) -> impl Iterator<Item = &Image> {
        self.public
            .get(region)
            .into_iter()
            .flatten()
            .filter_map(|id| self.custom(id))
    }

    /// The image `id` as `account` sees it in `region`, if it sees it at all.
    pub fn visible(&self, region: &str, account: &str, id: &str) -> Option<(&Image, Access)> {
        if let Some(img) = self.custom.get(id) {
            if img.region != region {
                return None;
            }
            if img.owner == account {
                return Some((img, Access::Own));
            }
            if img.shared_with.contains_key(account) {
                return Some((img, Access::Shared));
            }
            if img.is_public {
                return Some((img, Access::Community));
            }
            return None;
        }
        self.catalogue.iter().find(|i| i.id == id).map(|i| {
            let access = if i.kind == ImageKind::Marketplace {
                Access::Marketplace
            } else {
                Access::System
            };
            (i, access)
        })
    }
}
