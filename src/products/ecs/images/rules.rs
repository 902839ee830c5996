//! The image rules that span several maps, one atomic `World` method each (the caller holds
//! the world's write lock): share and unshare, delete, create, copy, cancel a copy, modify.
//!
//! Every method checks everything before it changes anything, so a rejected request leaves
//! the world as it was. The order of the checks decides which error a caller sees when
//! several apply; it is written out in each method. Facts: docs/sources.md#ecs-image-sharing-rules.

use std::collections::BTreeSet;

use super::{Access, Image};
use crate::error::ApiError;
use crate::products::starts_with_any;
use crate::scenario::{Encryption, ImageStatus, Site};
use crate::time::Millis;
use crate::world::World;

/// Regions where encrypted custom images can be shared. The reference confirms cn-beijing,
/// cn-shanghai, cn-hongkong and ap-southeast-1; ap-southeast-5 and ap-southeast-6 come from
/// the product brief and are unconfirmed (docs/sources.md#ecs-ids-and-regions).
pub const ENCRYPTED_SHARE_REGIONS: &[&str] = &[
    "cn-beijing",
    "cn-shanghai",
    "cn-hongkong",
    "ap-southeast-1",
    "ap-southeast-5",
    "ap-southeast-6",
];

/// The RAM role an owner needs to share encrypted images (docs/sources.md#ecs-image-sharing-rules).
pub const SHARE_ENCRYPTED_ROLE: &str = "AliyunECSShareEncryptImageDefaultRole";

/// Accounts processed per list and call; the rest are ignored (docs/sources.md#ecs-image-sharing-rules).
pub const MAX_ACCOUNTS_PER_CALL: usize = 10;

/// ModifyImageSharePermission's parameters.
#[derive(Debug, Clone, Default)]
pub struct ShareRequest {
    pub image_id: String,
    pub add: Vec<String>,
    pub remove: Vec<String>,
    pub is_public: Option<bool>,
    pub launch_permission: Option<String>,
    pub dry_run: bool,
}

/// CreateImage's parameters.
#[derive(Debug, Clone, Default)]
pub struct CreateImageRequest {
    pub instance_id: Option<String>,
    pub snapshot_id: Option<String>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub family: Option<String>,
    pub architecture: Option<String>,
    pub platform: Option<String>,
    pub boot_mode: Option<String>,
    /// `ImageVersion`: at most 40 characters (*inferred*: the reference gives no limit).
    pub version: Option<String>,
    /// A checked group (`World::resource_group`).
    pub resource_group: String,
    pub tags: Vec<(String, String)>,
    pub client_token: Option<String>,
    pub dry_run: bool,
}

/// CopyImage's parameters.
#[derive(Debug, Clone, Default)]
pub struct CopyImageRequest {
    pub image_id: String,
    pub destination_region: Option<String>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub encrypted: Option<bool>,
    pub kms_key_id: Option<String>,
    pub tags: Vec<(String, String)>,
    pub client_token: Option<String>,
    pub dry_run: bool,
    /// A checked group (`World::resource_group`).
    pub resource_group: String,
}

/// ModifyImageAttribute's parameters (None = unchanged).
#[derive(Debug, Clone, Default)]
pub struct ImageAttributes {
    pub name: Option<String>,
    pub description: Option<String>,
    pub family: Option<String>,
    pub status: Option<String>,
    pub boot_mode: Option<String>,
    pub license_type: Option<String>,
    pub dry_run: bool,
}

/// Image names: 2-128 characters, starting with a letter (Chinese included), not with
/// `http://`/`https://`; letters, digits, `:`, `_`, `-`, and `.` where `dot` (CopyImage and
/// ModifyImageAttribute also allow `.` and forbid `aliyun`/`acs:` prefixes).
pub fn valid_image_name(name: &str, copy_or_modify: bool) -> bool {
    let n = name.chars().count();
    let first_ok = name.chars().next().is_some_and(char::is_alphabetic);
    let chars_ok = name.chars().all(|c| {
        c.is_alphanumeric() || matches!(c, ':' | '_' | '-') || (copy_or_modify && c == '.')
    });
    let reserved = starts_with_any(name, &["http://", "https://"])
        || (copy_or_modify && starts_with_any(name, &["aliyun", "acs:"]));
    (2..=128).contains(&n) && first_ok && chars_ok && !reserved
}

/// Descriptions: 2-256 characters, not starting with `http://`/`https://`.
pub fn valid_description(d: &str) -> bool {
    (2..=256).contains(&d.chars().count()) && !starts_with_any(d, &["http://", "https://"])
}

/// Image families: 2-128 characters, not starting with `aliyun` or `acs:`.
pub fn valid_family(f: &str) -> bool {
    (2..=128).contains(&f.chars().count()) && !starts_with_any(f, &["aliyun", "acs:"])
}

/// First `MAX_ACCOUNTS_PER_CALL` entries, duplicates dropped, order kept.
fn first_ten(list: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for a in list.iter().take(MAX_ACCOUNTS_PER_CALL) {
        if !out.contains(a) {
            out.push(a.clone());
        }
    }
    out
}

impl World {
    /// The caller's own custom image in `region`, or `InvalidImageId.NotFound` (an image
    /// shared with the caller is not its own: docs/sources.md#ecs-image-sharing-rules, inferred).
    pub(crate) fn own_image(
        &self,
        caller: &str,
        region: &str,
        id: &str,
    ) -> Result<&Image, ApiError> {
        match self
            .images
            .visible(region, caller, id)
            .filter(|_| self.has_region(region))
        {
            Some((img, Access::Own)) => Ok(img),
            _ => Err(ApiError::InvalidImageIdNotFound),
        }
    }

    pub(super) fn name_taken(
        &self,
        owner: &str,
        region: &str,
        name: &str,
        except: Option<&str>,
    ) -> bool {
        self.images
            .owned_by(region, owner)
            .any(|i| i.name == name && Some(i.id.as_str()) != except)
    }

    pub(super) fn custom_image_quota(&self, owner: &str) -> usize {
        self.account(owner)
            .map_or(0, |a| a.quotas.custom_images as usize)
    }

    /// Whether an image reaches anyone but its owner: named accounts, or a resource share
    /// that still holds it.
    pub fn image_is_shared(&self, img: &Image, now: Millis) -> bool {
        !img.shared_with.is_empty() || self.shares.holds_image(&img.id, now)
    }

    /// ModifyImageSharePermission. Check order: the image is the caller's own; parameter
    /// conflicts (IsPublic, LaunchPermission); when granting (AddAccount or IsPublic=true):
    /// status, then the encryption rules (service key, region, data disks, RAM role); every
    /// account exists and is not the caller; the Marketplace site rule; the per-image quota;
    /// the community rules; DryRun. RemoveAccount is applied before AddAccount; removing an
    /// account the image is not shared with is a no-op (unconfirmed: §8.3).
    pub fn modify_image_share(
        &mut self,
        caller: &str,
        region: &str,
        r: &ShareRequest,
        now: Millis,
    ) -> Result<(), ApiError> {
        let img = self.own_image(caller, region, &r.image_id)?;
        let (add, remove) = (first_ten(&r.add), first_ten(&r.remove));
        let listed = !add.is_empty() || !remove.is_empty();
        if r.is_public.is_some() && listed {
            return Err(ApiError::InvalidParameterIsPublic);
        }
        if r.launch_permission.is_some() {
            return Err(if listed {
                ApiError::UnnecessaryParameterLaunchPermission
            } else {
                ApiError::ForbiddenParameterLaunchPermission
            });
        }
        let owner = self
            .account_by_id(caller)
            .ok_or(ApiError::InvalidImageIdNotFound)?;
        if !add.is_empty() || r.is_public == Some(true) {
            // An image still being created or copied can be shared: the current reference
            // lists no status error for it, and image pipelines (Packer) share copies at once
            // (docs/choices.md). Deprecated and failed images cannot.
            match img.status_at(now) {
                ImageStatus::Available | ImageStatus::Creating | ImageStatus::Waiting => {}
                ImageStatus::Deprecated => return Err(ApiError::OperationDeniedInvalidImageStatus),
                ImageStatus::UnAvailable | ImageStatus::CreateFailed => {
                    return Err(ApiError::IncorrectImageStatusShare)
                }
            }
            if img.is_encrypted() {
                if img.encryption == Encryption::ServiceKey {
                    return Err(ApiError::ServiceKeyEncryptedImageUnsupported);
                }
                // Encrypted images can never become community images (§3.7).
                if r.is_public == Some(true) || !ENCRYPTED_SHARE_REGIONS.contains(&region) {
                    return Err(ApiError::OperationDeinedEncryptedSnapshot);
                }
                if img.data_disks > 0 {
                    return Err(ApiError::OperationDeinedFullImage);
                }
                if !self.roles.has(&owner.id, SHARE_ENCRYPTED_ROLE) {
                    return Err(ApiError::AssumeRoleError);
                }
            }
        }
        let mut other_site = Vec::new();
        for a in add.iter().chain(remove.iter()) {
            let account = self
                .account_by_id(a)
                .ok_or_else(|| ApiError::InvalidAccountNotFound(a.clone()))?;
            if account.id == caller {
                return Err(ApiError::InvalidAccountForbbiden);
            }
            if add.contains(a) && account.site != owner.site && img.product_code.is_some() {
                other_site.push(a.as_str());
            }
        }
        if !other_site.is_empty() {
            return Err(ApiError::InvalidImageIdBidMismatch(other_site.join(",")));
        }
        let current = img.shared_with.len();
        let next = img
            .shared_with
            .keys()
            .filter(|a| !remove.contains(a))
            .chain(add.iter())
            .collect::<BTreeSet<_>>()
            .len();
        // A call that only shrinks the list is never refused, even over a lowered quota.
        if next > current && next > owner.quotas.share_image_users as usize {
            return Err(ApiError::QuotaExceedShareImageUser);
        }
        match r.is_public {
            Some(true) if img.is_public => return Err(ApiError::ImagePublic),
            Some(true) if !owner.community_terms_signed => {
                return Err(ApiError::PublicImageAgreementNotSigned)
            }
            Some(false) if !img.is_public => return Err(ApiError::ImageNotPublic),
            _ => {}
        }
        if r.dry_run {
            return Err(ApiError::DryRunOperation);
        }
        let id = img.id.clone();
        self.images.set_shares(&id, &add, &remove, now);
        if let Some(p) = r.is_public {
            self.images.set_public(&id, p);
        }
        Ok(())
    }

    /// DeleteImage. Check order: own image; a copy in progress; a community image; shared
    /// (Force does not bypass it: docs/sources.md#ecs-deleteimage, inferred); in use by instances
    /// unless Force; DryRun.
    pub fn delete_image(
        &mut self,
        caller: &str,
        region: &str,
        id: &str,
        force: bool,
        dry_run: bool,
        now: Millis,
    ) -> Result<(), ApiError> {
        let img = self.own_image(caller, region, id)?;
        if img.copying_at(now) {
            return Err(ApiError::OperationDeniedImageCopying);
        }
        if img.is_public {
            return Err(ApiError::ImageIsPublic);
        }
        if self.image_is_shared(img, now) {
            return Err(ApiError::ImageUseSharedDelete);
        }
        if !force && self.instances.using(id) > 0 {
            return Err(ApiError::ImageUsingByInstance);
        }
        if dry_run {
            return Err(ApiError::DryRunOperation);
        }
        self.images.remove(id);
        self.client_tokens.retain(|_, v| v != id);
        Ok(())
    }

    /// ModifyImageAttribute. Deprecating a shared image is refused (ImageUseShared);
    /// Deprecated needs an Available image and Available a Deprecated one.
    pub fn modify_image_attribute(
        &mut self,
        caller: &str,
        region: &str,
        id: &str,
        a: &ImageAttributes,
        now: Millis,
    ) -> Result<(), ApiError> {
        let img = self.own_image(caller, region, id)?;
        if let Some(n) = &a.name {
            if !valid_image_name(n, true) {
                return Err(ApiError::InvalidImageNameMalformed);
            }
            if self.name_taken(caller, region, n, Some(id)) {
                return Err(ApiError::InvalidImageNameDuplicated);
            }
        }
        if a.description
            .as_deref()
            .is_some_and(|d| !valid_description(d))
        {
            return Err(ApiError::InvalidDescriptionMalformed);
        }
        if a.family.as_deref().is_some_and(|f| !valid_family(f)) {
            return Err(ApiError::InvalidImageFamilyMalformed);
        }
        let new_status = match a.status.as_deref() {
            None => None,
            Some("Deprecated") => {
                if self.image_is_shared(img, now) {
                    return Err(ApiError::ImageUseSharedDeprecate);
                }
                if img.status_at(now) != ImageStatus::Available {
                    return Err(ApiError::ImageStatusNotAvailable);
                }
                Some(ImageStatus::Deprecated)
            }
            Some("Available") => {
                if img.status_at(now) != ImageStatus::Deprecated {
                    return Err(ApiError::ImageStatusNotDeprecated);
                }
                Some(ImageStatus::Available)
            }
            Some(_) => return Err(ApiError::InvalidParameter("Status".into())),
        };
        if let Some(b) = &a.boot_mode {
            if !matches!(b.as_str(), "BIOS" | "UEFI" | "UEFI-Preferred") {
                return Err(ApiError::InvalidBootModeNotSupport);
            }
            if self.instances.using(id) > 0 {
                return Err(ApiError::OperationDeinedImageUsingByInstance);
            }
        }
        if a.license_type.as_deref().is_some_and(|l| l != "BYOL") {
            return Err(ApiError::InvalidLicenseTypeNotSupported);
        }
        if a.dry_run {
            return Err(ApiError::DryRunOperation);
        }
        self.images.update(id, |img| {
            if let Some(n) = &a.name {
                img.name = n.clone();
            }
            if let Some(d) = &a.description {
                img.description = d.clone();
            }
            if let Some(f) = &a.family {
                img.family = f.clone();
            }
            if let Some(s) = new_status {
                img.status = s;
                img.ready_at = None;
            }
            if let Some(b) = &a.boot_mode {
                img.boot_mode = b.clone();
            }
        });
        Ok(())
    }

    /// The site of an account (China or international).
    pub fn site_of(&self, account: &str) -> Option<Site> {
        self.account(account).map(|a| a.site)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_name_rules() {
        assert!(valid_image_name("golden-centos_7:1", false));
        assert!(valid_image_name("镜像-1", false));
        assert!(!valid_image_name("a", false));
        assert!(!valid_image_name("1golden", false));
        assert!(!valid_image_name("https://x", false));
        assert!(!valid_image_name("has space", false));
        assert!(!valid_image_name("v1.2", false));
        assert!(valid_image_name("v1.2", true));
        assert!(!valid_image_name("aliyun-x", true));
        assert!(!valid_image_name(&"a".repeat(129), false));
    }

    #[test]
    fn ten_accounts_per_list_without_duplicates() {
        let l: Vec<String> = (0..15).map(|i| format!("{}", i % 12)).collect();
        assert_eq!(first_ten(&l).len(), 10);
        let d = vec!["a".to_string(), "a".to_string()];
        assert_eq!(first_ten(&d), vec!["a".to_string()]);
        // The first ten entries are taken, then duplicates dropped: a duplicate early in the
        // list does not let an eleventh entry in.
        let l: Vec<String> = ["a", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(first_ten(&l), l[1..10].to_vec());
    }
}
