//! CreateImage, CopyImage and CancelCopyImage: new images, each one atomic `World` method
//! that checks everything before it changes anything. CreateImage:
//! <https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-createimage>;
//! CopyImage: <https://www.alibabacloud.com/help/en/ecs/api-copyimage>.

use std::collections::BTreeMap;

use super::rules::{valid_description, valid_family, valid_image_name};
use super::{Access, CopyImageRequest, CopyInfo, CreateImageRequest, Image, ImageKind};
use crate::error::ApiError;
use crate::products::ecs::tags::check_tags;
use crate::scenario::{Encryption, ImageStatus};
use crate::time::Millis;
use crate::world::{Ids, World};

impl World {
    pub(crate) fn check_new_image(
        &self,
        caller: &str,
        region: &str,
        name: Option<&str>,
        dup_error: ApiError,
    ) -> Result<(), ApiError> {
        if let Some(n) = name {
            if self.name_taken(caller, region, n, None) {
                return Err(dup_error);
            }
        }
        if self.images.owned_by(region, caller).count() >= self.custom_image_quota(caller) {
            return Err(ApiError::QuotaExceedImage);
        }
        Ok(())
    }

    /// Adds an image made by CreateImage/CopyImage with its snapshots (taken of `disks`,
    /// if any), remembering its ClientToken.
    pub(crate) fn add_new_image(
        &mut self,
        caller: &str,
        img: Image,
        disks: &[String],
        token: Option<&str>,
    ) -> String {
        let id = img.id.clone();
        self.add_image_snapshots(&img, disks);
        self.images.insert(img);
        if let Some(t) = token {
            self.client_tokens
                .insert(format!("{caller}\n{t}"), id.clone());
        }
        id
    }

    pub(crate) fn token_image(&self, caller: &str, token: Option<&str>) -> Option<String> {
        let t = token?;
        let id = self.client_tokens.get(&format!("{caller}\n{t}"))?;
        self.images.custom(id).map(|_| id.clone())
    }

    /// CreateImage from the caller's instance (precedence: a snapshot of each of its disks)
    /// or from one of the caller's snapshots in the region (the image stands on that
    /// snapshot). The new image is Creating until `delays.image_create` seconds of mock time
    /// have passed.
    pub fn create_image(
        &mut self,
        caller: &str,
        region: &str,
        r: &CreateImageRequest,
        now: Millis,
        ids: &Ids,
    ) -> Result<String, ApiError> {
        if let Some(id) = self.token_image(caller, r.client_token.as_deref()) {
            return Ok(id);
        }
        let base_image = |w: &World, id: &str| {
            w.images
                .custom(id)
                .or_else(|| w.images.catalogue().iter().find(|c| c.id == id))
                .cloned()
        };
        // The image it is based on, its data disk count, the disks its snapshots are taken
        // of, and the snapshot it stands on.
        let (base, data_disks, disks, snapshot) = if let Some(iid) = &r.instance_id {
            let inst = self
                .instances
                .get(iid)
                .filter(|i| i.owner == caller && i.region == region)
                .ok_or(ApiError::InvalidInstanceIdNotFound)?;
            let disks: Vec<String> = self
                .instance_disks(iid)
                .into_iter()
                .map(|d| d.id.clone())
                .collect();
            let data = disks.len().saturating_sub(1) as u32;
            (base_image(self, &inst.image_id), data, disks, None)
        } else if let Some(sid) = &r.snapshot_id {
            let snap = self
                .storage
                .snapshots
                .get(sid)
                .filter(|s| s.owner == caller && s.region == region)
                .ok_or(ApiError::InvalidSnapshotIdNotFound)?;
            let from_disk = self
                .storage
                .disks
                .get(&snap.disk)
                .and_then(|d| base_image(self, &d.image_id));
            let base = from_disk.or_else(|| {
                self.images
                    .owned_by(region, caller)
                    .find(|i| i.snapshot_ids().iter().any(|s| s == sid))
                    .cloned()
            });
            let base = base.map(|b| Image {
                size: snap.disk_size,
                ..b
            });
            (base, 0, vec![], Some(sid.clone()))
        } else {
            return Err(ApiError::MissingImageSource);
        };
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
            return Err(ApiError::InvalidDescriptionMalformed);
        }
        if r.family.as_deref().is_some_and(|f| !valid_family(f)) {
            return Err(ApiError::InvalidImageFamilyMalformed);
        }
        check_tags(&r.tags)?;
        self.check_new_image(
            caller,
            region,
            r.name.as_deref(),
            ApiError::InvalidImageNameDuplicated,
        )?;
        if r.dry_run {
            return Err(ApiError::DryRunOperation);
        }
        let id = ids.resource_id("m-", 20);
        let delay = self.delays.image_create as Millis * 1000;
        let b = base.as_ref();
        let pick = |given: &Option<String>, from: Option<String>, default: &str| {
            given
                .clone()
                .or(from)
                .unwrap_or_else(|| default.to_string())
        };
        let img = Image {
            id: id.clone(),
            region: region.to_string(),
            kind: ImageKind::Custom,
            owner: caller.to_string(),
            name: r.name.clone().unwrap_or_default(),
            description: r.description.clone().unwrap_or_default(),
            family: r.family.clone().unwrap_or_default(),
            status: if delay > 0 {
                ImageStatus::Creating
            } else {
                ImageStatus::Available
            },
            created: now,
            ready_at: (delay > 0).then_some(now + delay),
            os_type: b.map_or("linux".into(), |b| b.os_type.clone()),
            os_name: b.map_or(String::new(), |b| b.os_name.clone()),
            platform: pick(&r.platform, b.map(|b| b.platform.clone()), "CentOS"),
            architecture: pick(&r.architecture, b.map(|b| b.architecture.clone()), "x86_64"),
            size: b.map_or(40, |b| b.size),
            boot_mode: pick(&r.boot_mode, b.map(|b| b.boot_mode.clone()), "BIOS"),
            encryption: b.map_or(Encryption::None, |b| b.encryption),
            kms_key_id: b.and_then(|b| b.kms_key_id.clone()),
            data_disks,
            // A Marketplace-derived image keeps the product code, and with it the fee.
            product_code: b.and_then(|b| b.product_code.clone()),
            image_fee: b.map_or(0.0, |b| b.image_fee),
            tags: r.tags.iter().cloned().collect::<BTreeMap<_, _>>(),
            is_public: false,
            copy: None,
            shared_with: BTreeMap::new(),
            source_snapshot: snapshot,
            version: r.version.clone().unwrap_or_default(),
            resource_group: r.resource_group.clone(),
            imported: vec![],
        };
        Ok(self.add_new_image(caller, img, &disks, r.client_token.as_deref()))
    }

    /// CopyImage. Check order: the caller sees the source (own, shared, community); the
    /// destination region exists; community images cannot be copied; a shared image only
    /// within its region; the source is Available; KMSKeyId needs Encrypted=true; name,
    /// description, tags; name in use; a copy of the same source in progress; quota; DryRun.
    pub fn copy_image(
        &mut self,
        caller: &str,
        region: &str,
        r: &CopyImageRequest,
        now: Millis,
        ids: &Ids,
    ) -> Result<String, ApiError> {
        if let Some(id) = self.token_image(caller, r.client_token.as_deref()) {
            return Ok(id);
        }
        let (src, access) = self
            .visible_image(region, caller, &r.image_id, now)
            .filter(|(_, a)| matches!(a, Access::Own | Access::Shared | Access::Community))
            .ok_or(ApiError::InvalidImageIdNotFound)?;
        let dest = r
            .destination_region
            .as_deref()
            .unwrap_or(region)
            .to_string();
        if !self.has_region(&dest) {
            return Err(ApiError::DestinationRegionNotFound);
        }
        if access == Access::Community {
            return Err(ApiError::OperationDeniedCommunityImage);
        }
        if access == Access::Shared && dest != region {
            return Err(ApiError::OperationDeniedSameRegionOnly);
        }
        if src.status_at(now) != ImageStatus::Available {
            return Err(ApiError::IncorrectImageStatusCopy);
        }
        if r.kms_key_id.is_some() && r.encrypted != Some(true) {
            return Err(ApiError::InvalidParameterEncryptedIllegal);
        }
        if r.name
            .as_deref()
            .is_some_and(|n| !valid_image_name(n, true))
        {
            return Err(ApiError::InvalidImageNameMalformedCopy);
        }
        if r.description
            .as_deref()
            .is_some_and(|d| !valid_description(d))
        {
            return Err(ApiError::InvalidDescriptionMalformedCopy);
        }
        check_tags(&r.tags)?;
        if r.name
            .as_deref()
            .is_some_and(|n| self.name_taken(caller, &dest, n, None))
        {
            return Err(ApiError::InvalidImageNameDuplicatedCopy);
        }
        let conflict = self.images.owned_by(&dest, caller).any(|i| {
            i.copying_at(now) && i.copy.as_ref().is_some_and(|c| c.source_image == src.id)
        });
        if conflict {
            return Err(ApiError::OperationDeniedImageCopyConflict);
        }
        self.check_new_image(
            caller,
            &dest,
            None,
            ApiError::InvalidImageNameDuplicatedCopy,
        )?;
        if r.dry_run {
            return Err(ApiError::DryRunOperation);
        }
        let (encryption, kms_key_id) = match (r.encrypted, &r.kms_key_id) {
            (Some(true), Some(k)) => (Encryption::Cmk, Some(k.clone())),
            (Some(true), None) if src.is_encrypted() => (src.encryption, src.kms_key_id.clone()),
            (Some(true), None) => (Encryption::ServiceKey, None),
            _ => (src.encryption, src.kms_key_id.clone()),
        };
        let delay = self.delays.image_copy as Millis * 1000;
        let id = ids.resource_id("m-", 20);
        let img = Image {
            id: id.clone(),
            region: dest,
            kind: ImageKind::Custom,
            owner: caller.to_string(),
            name: r.name.clone().unwrap_or_else(|| src.name.clone()),
            description: r
                .description
                .clone()
                .unwrap_or_else(|| src.description.clone()),
            family: String::new(),
            status: if delay > 0 {
                ImageStatus::Creating
            } else {
                ImageStatus::Available
            },
            created: now,
            ready_at: (delay > 0).then_some(now + delay),
            encryption,
            kms_key_id,
            tags: r.tags.iter().cloned().collect(),
            is_public: false,
            copy: Some(CopyInfo {
                source_image: src.id.clone(),
                source_region: region.to_string(),
            }),
            shared_with: BTreeMap::new(),
            source_snapshot: None,
            resource_group: r.resource_group.clone(),
            imported: vec![],
            ..src.clone()
        };
        Ok(self.add_new_image(caller, img, &[], r.client_token.as_deref()))
    }

    /// CancelCopyImage: `region` is the destination region of the copy.
    pub fn cancel_copy_image(
        &mut self,
        caller: &str,
        region: &str,
        id: &str,
        now: Millis,
    ) -> Result<(), ApiError> {
        let img = self.own_image(caller, region, id)?;
        if img.copy.is_none() {
            return Err(ApiError::ImageCreatedNotFromCopy);
        }
        if !img.copying_at(now) {
            return Err(ApiError::IncorrectImageStatusNotCopying);
        }
        // The copy's snapshots go with it.
        if let Some(img) = self.images.remove(id) {
            for s in img.snapshot_ids() {
                self.storage.snapshots.remove(&s);
            }
        }
        Ok(())
    }
}
