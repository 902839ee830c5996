//! ImportImage, ExportImage and CancelTask as `World` methods: every check before any
//! change.

use super::model::{Task, EXPORT_ROLE, IMPORT_ROLE};
use crate::error::ApiError;
use crate::products::ecs::images::rules::{valid_description, valid_image_name};
use crate::products::ecs::tags::check_tags;
use crate::products::ecs::Image;
use crate::scenario::ImageStatus;
use crate::time::Millis;
use crate::world::{Ids, World};

/// One `DiskDeviceMapping.N` of ImportImage.
#[derive(Debug, Clone, Default)]
pub struct ImportDisk {
    pub bucket: String,
    pub object: String,
    pub format: String,
    /// GiB.
    pub size: Option<u32>,
}

/// What ImportImage was asked for.
#[derive(Debug, Clone, Default)]
pub struct ImportRequest {
    pub name: Option<String>,
    pub description: Option<String>,
    pub os_type: String,
    pub architecture: String,
    pub platform: String,
    pub boot_mode: Option<String>,
    pub role: Option<String>,
    pub disks: Vec<ImportDisk>,
    pub tags: Vec<(String, String)>,
    pub client_token: Option<String>,
    pub resource_group: String,
    pub dry_run: bool,
}

/// What ExportImage was asked for.
#[derive(Debug, Clone, Default)]
pub struct ExportRequest {
    pub image: String,
    pub bucket: String,
    pub prefix: Option<String>,
    pub format: String,
    pub role: Option<String>,
    pub dry_run: bool,
}

/// Tasks kept per account: past this, the oldest ended ones are forgotten, so a stream of
/// exports cannot grow the world without bound (a mock limit).
const MAX_TASKS_PER_ACCOUNT: usize = 1000;

/// Data disks an exported image may have (documented).
const MAX_EXPORT_DATA_DISKS: u32 = 4;

impl World {
    /// Forgets the caller's oldest ended tasks while it holds `MAX_TASKS_PER_ACCOUNT`.
    fn make_room_for_task(&mut self, caller: &str, now: Millis) {
        let held = self.tasks.values().filter(|t| t.owner == caller).count();
        if held < MAX_TASKS_PER_ACCOUNT {
            return;
        }
        let mut ended: Vec<(Millis, String)> = self
            .tasks
            .values()
            .filter(|t| t.owner == caller && !t.running(now))
            .map(|t| (t.created, t.id.clone()))
            .collect();
        ended.sort();
        for (_, id) in ended.into_iter().take(held + 1 - MAX_TASKS_PER_ACCOUNT) {
            self.tasks.remove(&id);
        }
    }

    fn has_role(&self, caller: &str, given: Option<&str>, default: &str) -> bool {
        self.roles.has(caller, given.unwrap_or(default))
    }

    /// ImportImage: a new custom image `Creating` until its task ends. Needs the role ECS
    /// reads OSS with (`AliyunECSImageImportDefaultRole`, or `RoleName`).
    pub fn import_image(
        &mut self,
        caller: &str,
        region: &str,
        r: &ImportRequest,
        now: Millis,
        ids: &Ids,
    ) -> Result<(String, String), ApiError> {
        if let Some(id) = self.token_image(caller, r.client_token.as_deref()) {
            let task = self
                .tasks
                .values()
                .find(|t| t.resource == id)
                .map_or_else(String::new, |t| t.id.clone());
            return Ok((id, task));
        }
        if r.name
            .as_deref()
            .is_some_and(|n| !valid_image_name(n, false))
        {
            return Err(ApiError::InvalidImageNameMalformed);
        }
        if r.description
            .as_deref()
            .is_some_and(|d| !valid_description(d))
        {
            return Err(ApiError::InvalidDescriptionMalformedImport);
        }
        check_tags(&r.tags)?;
        let first = &r.disks[0];
        let busy = self.tasks.values().any(|t| {
            t.owner == caller
                && t.running(now)
                && t.action == "ImportImage"
                && t.items
                    .contains(&("OSSObject".into(), first.object.clone()))
                && t.items
                    .contains(&("OSSBucket".into(), first.bucket.clone()))
        });
        if busy {
            return Err(ApiError::ImageIsImporting);
        }
        if !self.has_role(caller, r.role.as_deref(), IMPORT_ROLE) {
            return Err(ApiError::NoSetRoletoECSServiceAcount);
        }
        self.check_new_image(
            caller,
            region,
            r.name.as_deref(),
            ApiError::InvalidImageNameDuplicatedImport,
        )?;
        if r.dry_run {
            return Err(ApiError::DryRunOperation);
        }
        let id = ids.resource_id("m-", 20);
        let delay = self.delays.image_import as Millis * 1000;
        let ready = now.saturating_add(delay);
        let mut img = Image::custom(&id, region, caller, r.name.as_deref().unwrap_or(""), now);
        img.description = r.description.clone().unwrap_or_default();
        img.os_type = r.os_type.clone();
        img.platform = r.platform.clone();
        img.os_name = r.platform.clone();
        img.architecture = r.architecture.clone();
        img.boot_mode = r.boot_mode.clone().unwrap_or_else(|| {
            if r.architecture == "arm64" {
                "UEFI"
            } else {
                "BIOS"
            }
            .to_string()
        });
        img.size = first.size.unwrap_or(40);
        img.data_disks = (r.disks.len() - 1) as u32;
        img.tags = r.tags.iter().cloned().collect();
        img.resource_group = r.resource_group.clone();
        img.imported = r
            .disks
            .iter()
            .map(|d| (d.bucket.clone(), d.object.clone(), d.format.clone()))
            .collect();
        if delay > 0 {
            img.status = ImageStatus::Creating;
            img.ready_at = Some(ready);
        }
        let task = Task {
            id: ids.resource_id("t-", 20),
            owner: caller.to_string(),
            region: region.to_string(),
            action: "ImportImage".into(),
            resource: id.clone(),
            created: now,
            finish_at: ready,
            cancelled: false,
            items: vec![
                ("OSSBucket".into(), first.bucket.clone()),
                ("OSSObject".into(), first.object.clone()),
                ("ImageFormat".into(), first.format.clone()),
            ],
        };
        let task_id = task.id.clone();
        self.make_room_for_task(caller, now);
        self.tasks.insert(task_id.clone(), task);
        self.add_new_image(caller, img, &[], r.client_token.as_deref());
        Ok((id, task_id))
    }

    /// ExportImage: one of the caller's Available images, not from the Marketplace, not
    /// encrypted, with at most four data disks, not being exported already. Needs the role
    /// ECS writes OSS with (`AliyunECSImageExportDefaultRole`, or `RoleName`).
    pub fn export_image(
        &mut self,
        caller: &str,
        region: &str,
        r: &ExportRequest,
        now: Millis,
        ids: &Ids,
    ) -> Result<String, ApiError> {
        let img = self.own_image(caller, region, &r.image)?;
        if img.status_at(now) != ImageStatus::Available {
            return Err(ApiError::IncorrectImageStatusExport);
        }
        if img.product_code.is_some() {
            return Err(ApiError::ImageNotSupportedMarket);
        }
        if img.is_encrypted() {
            return Err(ApiError::ImageNotSupportedEncrypted);
        }
        if img.data_disks > MAX_EXPORT_DATA_DISKS {
            return Err(ApiError::InvalidImageDiskAmountOrSize);
        }
        let busy = self.tasks.values().any(|t| {
            t.owner == caller
                && t.running(now)
                && t.action == "ExportImage"
                && t.resource == r.image
        });
        if busy {
            return Err(ApiError::ImageIsExporting);
        }
        if !self.has_role(caller, r.role.as_deref(), EXPORT_ROLE) {
            return Err(ApiError::NoSetRoletoECSServiceAcount);
        }
        if r.dry_run {
            return Err(ApiError::DryRunOperation);
        }
        let delay = self.delays.image_export as Millis * 1000;
        let id = ids.resource_id("t-", 20);
        let object = format!(
            "{}_{}_{}.{}",
            r.prefix.as_deref().unwrap_or(""),
            r.image,
            id,
            r.format
        );
        let task = Task {
            id: id.clone(),
            owner: caller.to_string(),
            region: region.to_string(),
            action: "ExportImage".into(),
            resource: r.image.clone(),
            created: now,
            finish_at: now.saturating_add(delay),
            cancelled: false,
            items: vec![
                ("OSSBucket".into(), r.bucket.clone()),
                ("OSSObject".into(), object),
                ("ImageFormat".into(), r.format.clone()),
            ],
        };
        self.make_room_for_task(caller, now);
        self.tasks.insert(id.clone(), task);
        Ok(id)
    }

    /// CancelTask: a running import (its image and snapshots go) or export of the caller
    /// (the only tasks the mock has, so `InvalidTaskId.TaskActionNotSupport` cannot arise).
    pub fn cancel_task(
        &mut self,
        caller: &str,
        region: &str,
        id: &str,
        now: Millis,
    ) -> Result<(), ApiError> {
        let task = self
            .tasks
            .get(id)
            .filter(|t| t.owner == caller && t.region == region)
            .ok_or(ApiError::InvalidTaskIdNotFound)?;
        if !task.running(now) {
            return Err(ApiError::InvalidTaskIdIncorrectTaskStatus);
        }
        if task.action == "ImportImage" {
            let image = task.resource.clone();
            if let Some(img) = self.images.remove(&image) {
                for s in img.snapshot_ids() {
                    self.storage.snapshots.remove(&s);
                }
            }
        }
        if let Some(t) = self.tasks.get_mut(id) {
            t.cancelled = true;
            t.finish_at = now;
        }
        Ok(())
    }
}
