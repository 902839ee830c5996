//! Disks and snapshots: the data, their statuses on the mock clock, and the disk categories.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::time::Millis;

/// Disk categories an instance's disks may have (the CreateInstance and RunInstances
/// references); a disk created without one is `cloud_efficiency`, the documented default.
pub const CATEGORIES: &[&str] = &[
    "cloud",
    "cloud_efficiency",
    "cloud_ssd",
    "cloud_essd",
    "cloud_auto",
    "cloud_essd_entry",
];

pub const DEFAULT_CATEGORY: &str = "cloud_efficiency";

/// Categories DescribeDisks may filter on: the above, local disks and `all`.
pub const FILTER_CATEGORIES: &[&str] = &[
    "all",
    "cloud",
    "cloud_efficiency",
    "cloud_ssd",
    "cloud_essd",
    "cloud_auto",
    "cloud_essd_entry",
    "cloud_regional_disk_auto",
    "elastic_ephemeral_disk_standard",
    "elastic_ephemeral_disk_premium",
    "local_ssd_pro",
    "local_hdd_pro",
    "ephemeral",
    "ephemeral_ssd",
];

/// Manual snapshots one disk may hold (documented).
pub const MAX_SNAPSHOTS_PER_DISK: usize = 256;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DiskType {
    System,
    Data,
}

impl DiskType {
    pub fn as_str(self) -> &'static str {
        match self {
            DiskType::System => "system",
            DiskType::Data => "data",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Disk {
    pub id: String,
    pub owner: String,
    pub region: String,
    pub zone: String,
    pub kind: DiskType,
    pub category: String,
    /// GiB.
    pub size: u32,
    pub name: String,
    pub description: String,
    /// `/dev/xvda` for the system disk, `/dev/xvdb` on for data disks.
    pub device: String,
    /// The instance it is attached to (`In_use`); None = `Available`.
    pub instance: Option<String>,
    /// The image a system disk was made from.
    pub image_id: String,
    /// The snapshot a data disk was made from.
    pub source_snapshot: String,
    pub delete_with_instance: bool,
    pub encrypted: bool,
    pub created: Millis,
    pub attached: Option<Millis>,
    pub tags: BTreeMap<String, String>,
    /// Its resource group (its instance's); empty = the account's default group.
    #[serde(default)]
    pub resource_group: String,
}

impl Disk {
    pub fn status(&self) -> &'static str {
        if self.instance.is_some() {
            "In_use"
        } else {
            "Available"
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub id: String,
    pub owner: String,
    pub region: String,
    pub name: String,
    pub description: String,
    /// The disk it was taken of; empty for the snapshots of a scenario image or of a copy.
    pub disk: String,
    pub disk_type: DiskType,
    /// GiB.
    pub disk_size: u32,
    pub encrypted: bool,
    pub kms_key_id: Option<String>,
    pub created: Millis,
    /// `progressing` until then, `accomplished` from then on.
    pub ready_at: Millis,
    /// CreateSnapshot's `RetentionDays` (kept and shown; the mock never expires a snapshot).
    pub retention_days: Option<u32>,
    pub tags: BTreeMap<String, String>,
    /// Its resource group; empty = the account's default group.
    #[serde(default)]
    pub resource_group: String,
}

impl Snapshot {
    pub fn accomplished(&self, now: Millis) -> bool {
        now >= self.ready_at
    }

    pub fn status(&self, now: Millis) -> &'static str {
        if self.accomplished(now) {
            "accomplished"
        } else {
            "progressing"
        }
    }

    /// Progress in percent at `now`.
    pub fn progress(&self, now: Millis) -> u32 {
        if self.accomplished(now) {
            return 100;
        }
        let total = (self.ready_at - self.created).max(1);
        (((now - self.created).max(0) * 100) / total).min(99) as u32
    }

    /// Seconds left at `now`.
    pub fn remain(&self, now: Millis) -> i64 {
        ((self.ready_at - now).max(0) + 999) / 1000
    }
}

/// Every disk and snapshot, by ID.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct BlockStorage {
    pub disks: BTreeMap<String, Disk>,
    pub snapshots: BTreeMap<String, Snapshot>,
}
