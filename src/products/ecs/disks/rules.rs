//! The rules of disks and snapshots as `World` methods: an instance's disks come and go with
//! it, CreateSnapshot needs a disk whose instance has run and is Running or Stopped, a
//! snapshot behind an image cannot be deleted, and every custom image has its snapshots
//! (docs/sources.md#ecs-disks-snapshots).

use std::collections::HashSet;

use super::model::{
    Disk, DiskType, Snapshot, CATEGORIES, DEFAULT_CATEGORY, MAX_SNAPSHOTS_PER_DISK,
};
use crate::error::ApiError;
use crate::products::ecs::images::rules::valid_description;
use crate::products::ecs::instances::InstanceStatus;
use crate::products::ecs::tags::check_tags;
use crate::products::ecs::Image;
use crate::time::Millis;
use crate::world::{Ids, World};

/// A system or data disk asked for by RunInstances/CreateInstance (`SystemDisk.*`,
/// `DataDisk.N.*`).
#[derive(Debug, Clone, Default)]
pub struct DiskRequest {
    pub category: Option<String>,
    pub size: Option<u32>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub snapshot: Option<String>,
    pub delete_with_instance: Option<bool>,
    pub encrypted: bool,
}

/// What CreateSnapshot was asked for.
#[derive(Debug, Clone, Default)]
pub struct SnapshotRequest {
    pub disk: String,
    pub name: Option<String>,
    pub description: Option<String>,
    pub retention_days: Option<u32>,
    pub tags: Vec<(String, String)>,
    pub client_token: Option<String>,
    /// A checked group (`World::resource_group`).
    pub resource_group: String,
}

/// SnapshotName: 2-128 characters, starting with a letter (Chinese included), not with
/// `http://`, `https://` or `auto` (reserved for automatic snapshots); letters, digits, `:`,
/// `_`, `.`, `-`.
fn valid_snapshot_name(n: &str) -> bool {
    n.chars().next().is_some_and(char::is_alphabetic)
        && (2..=128).contains(&n.chars().count())
        && !crate::products::starts_with_any(n, &["http://", "https://", "auto"])
        && n.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ':' | '_' | '.' | '-'))
}

impl World {
    /// The checks of an instance's disks before launch: known categories, sizes, and a
    /// system disk no smaller than the image.
    pub(crate) fn check_launch_disks(
        &self,
        caller: &str,
        region: &str,
        image_size: u32,
        system: &DiskRequest,
        data: &[DiskRequest],
    ) -> Result<(), ApiError> {
        for d in std::iter::once(system).chain(data) {
            if d.category
                .as_deref()
                .is_some_and(|c| !CATEGORIES.contains(&c))
            {
                return Err(ApiError::CategoryNotSupported);
            }
        }
        if system.size.is_some_and(|s| s < image_size) {
            return Err(ApiError::InvalidSystemDiskSizeLessThanImageSize);
        }
        for d in data {
            if let Some(s) = &d.snapshot {
                let own = self
                    .storage
                    .snapshots
                    .get(s)
                    .is_some_and(|s| s.owner == caller && s.region == region);
                if !own {
                    return Err(ApiError::InvalidSnapshotIdNotFound);
                }
            }
        }
        Ok(())
    }

    /// Gives a new instance its disks, attached: the system disk (`/dev/xvda`, from the
    /// image, at least 40 GiB) and the data disks in order (`/dev/xvdb` on).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn add_launch_disks(
        &mut self,
        instance: &crate::products::ecs::Instance,
        image_size: u32,
        system: &DiskRequest,
        data: &[DiskRequest],
        now: Millis,
        ids: &Ids,
    ) {
        let disks = std::iter::once((DiskType::System, system))
            .chain(data.iter().map(|d| (DiskType::Data, d)));
        for (n, (kind, d)) in disks.enumerate() {
            let from_snapshot = d
                .snapshot
                .as_ref()
                .and_then(|s| self.storage.snapshots.get(s));
            let size = d.size.unwrap_or(match (kind, from_snapshot) {
                (DiskType::System, _) => image_size.max(40),
                (DiskType::Data, Some(s)) => s.disk_size,
                (DiskType::Data, None) => 40,
            });
            let disk = Disk {
                id: ids.resource_id("d-", 20),
                owner: instance.owner.clone(),
                region: instance.region.clone(),
                zone: instance.zone.clone(),
                kind,
                category: d
                    .category
                    .clone()
                    .unwrap_or_else(|| DEFAULT_CATEGORY.to_string()),
                size,
                name: d.name.clone().unwrap_or_default(),
                description: d.description.clone().unwrap_or_default(),
                device: format!("/dev/xvd{}", (b'a' + (n as u8).min(25)) as char),
                instance: Some(instance.id.clone()),
                image_id: if kind == DiskType::System {
                    instance.image_id.clone()
                } else {
                    String::new()
                },
                source_snapshot: d.snapshot.clone().unwrap_or_default(),
                delete_with_instance: d.delete_with_instance.unwrap_or(true),
                encrypted: d.encrypted || from_snapshot.is_some_and(|s| s.encrypted),
                created: now,
                attached: Some(now),
                tags: Default::default(),
                resource_group: instance.resource_group.clone(),
            };
            self.storage.disks.insert(disk.id.clone(), disk);
        }
    }

    /// The disks attached to an instance, system disk first.
    pub fn instance_disks(&self, instance: &str) -> Vec<&Disk> {
        let mut v: Vec<&Disk> = self
            .storage
            .disks
            .values()
            .filter(|d| d.instance.as_deref() == Some(instance))
            .collect();
        v.sort_by(|a, b| a.device.cmp(&b.device));
        v
    }

    /// An instance is released: its disks that go with it are released, the others
    /// detached (`Available`).
    pub(crate) fn release_instance_disks(&mut self, instance: &str) {
        self.storage
            .disks
            .retain(|_, d| d.instance.as_deref() != Some(instance) || !d.delete_with_instance);
        for d in self.storage.disks.values_mut() {
            if d.instance.as_deref() == Some(instance) {
                d.instance = None;
                d.attached = None;
            }
        }
    }

    /// Records the snapshots behind a new custom image's disks, in its region and owned by
    /// its owner, `progressing` until the image is ready. `disks` are the instance disks
    /// they were taken of, if any. A snapshot already recorded (the image was made from
    /// it) is left as it is.
    pub(crate) fn add_image_snapshots(&mut self, img: &Image, disks: &[String]) {
        for (n, id) in img.snapshot_ids().into_iter().enumerate() {
            if self.storage.snapshots.contains_key(&id) {
                continue;
            }
            let disk = disks.get(n).cloned().unwrap_or_default();
            let disk_size = self.storage.disks.get(&disk).map_or(img.size, |d| d.size);
            let s = Snapshot {
                id: id.clone(),
                owner: img.owner.clone(),
                region: img.region.clone(),
                name: String::new(),
                description: String::new(),
                disk,
                disk_type: if n == 0 {
                    DiskType::System
                } else {
                    DiskType::Data
                },
                disk_size,
                encrypted: img.is_encrypted(),
                kms_key_id: img.kms_key_id.clone(),
                created: img.created,
                ready_at: img.ready_at.unwrap_or(img.created),
                retention_days: None,
                tags: Default::default(),
                resource_group: img.resource_group.clone(),
            };
            self.storage.snapshots.insert(id, s);
        }
    }

    /// The snapshots that `owner`'s images in `region` stand on (Usage `image`).
    pub fn snapshots_behind_images(&self, region: &str, owner: &str) -> HashSet<String> {
        self.images
            .owned_by(region, owner)
            .flat_map(|i| i.snapshot_ids())
            .collect()
    }

    /// CreateSnapshot: the caller's disk (in `region` when the call names one), detached or
    /// attached to an instance that has started at least once and is Running or Stopped,
    /// with no other snapshot of it in progress and fewer than 256 of them.
    pub fn create_snapshot(
        &mut self,
        caller: &str,
        region: Option<&str>,
        r: &SnapshotRequest,
        now: Millis,
        ids: &Ids,
    ) -> Result<String, ApiError> {
        if let Some(id) = self
            .token_resource("snapshot", caller, r.client_token.as_deref())
            .filter(|id| self.storage.snapshots.contains_key(id))
        {
            return Ok(id);
        }
        let disk = self
            .storage
            .disks
            .get(&r.disk)
            .filter(|d| d.owner == caller && region.is_none_or(|x| x == d.region))
            .ok_or(ApiError::InvalidDiskIdNotFound)?;
        if r.name.as_deref().is_some_and(|n| !valid_snapshot_name(n)) {
            return Err(ApiError::InvalidSnapshotNameMalformed);
        }
        if r.description
            .as_deref()
            .is_some_and(|d| !valid_description(d))
        {
            return Err(ApiError::InvalidDescriptionMalformedSnapshot);
        }
        check_tags(&r.tags)?;
        // A detached (Available) disk has been attached before: every disk is created
        // with its instance.
        if let Some(instance) = disk.instance.as_deref().and_then(|i| self.instances.get(i)) {
            if instance.started.is_none() {
                return Err(ApiError::IncorrectDiskStatusNeverUsed);
            }
            if !matches!(
                instance.status_at(now),
                InstanceStatus::Running | InstanceStatus::Stopped
            ) {
                return Err(ApiError::IncorrectInstanceStatusSnapshot);
            }
        }
        let of_disk = self
            .storage
            .snapshots
            .values()
            .filter(|s| s.disk == disk.id);
        let (mut count, mut busy) = (0, false);
        for s in of_disk {
            count += 1;
            busy |= !s.accomplished(now);
        }
        if busy {
            return Err(ApiError::IncorrectDiskStatusCreatingSnapshot);
        }
        if count >= MAX_SNAPSHOTS_PER_DISK {
            return Err(ApiError::QuotaExceedSnapshot);
        }
        let delay = self.delays.snapshot_create as Millis * 1000;
        let s = Snapshot {
            id: ids.resource_id("s-", 20),
            owner: caller.to_string(),
            region: disk.region.clone(),
            name: r.name.clone().unwrap_or_default(),
            description: r.description.clone().unwrap_or_default(),
            disk: disk.id.clone(),
            disk_type: disk.kind,
            disk_size: disk.size,
            encrypted: disk.encrypted,
            kms_key_id: None,
            created: now,
            ready_at: now.saturating_add(delay),
            retention_days: r.retention_days,
            tags: r.tags.iter().cloned().collect(),
            resource_group: r.resource_group.clone(),
        };
        let id = s.id.clone();
        self.storage.snapshots.insert(id.clone(), s);
        self.remember_token("snapshot", caller, r.client_token.as_deref(), &id);
        Ok(id)
    }

    /// DeleteSnapshot: an unknown ID is ignored, as documented; a snapshot behind one of
    /// the caller's images is refused (delete the image first); one in progress is
    /// cancelled.
    pub fn delete_snapshot(&mut self, caller: &str, id: &str) -> Result<(), ApiError> {
        let Some(s) = self.storage.snapshots.get(id).filter(|s| s.owner == caller) else {
            return Ok(());
        };
        if self
            .images
            .owned_by(&s.region, caller)
            .any(|i| i.snapshot_ids().iter().any(|x| x == id))
        {
            return Err(ApiError::SnapshotCreatedImage);
        }
        self.storage.snapshots.remove(id);
        Ok(())
    }
}
