//! The JSON shape of an image in DescribeImages (docs/sources.md#ecs-describeimages, types from the
//! official SDK's models): every documented field, with its wire type.
//!
//! A typed view that borrows from the world and serialises straight to text: a page of
//! images is the largest answer the mock gives, and building a `serde_json::Value` tree for
//! it cost ten times more than the rest of the request together.
#![allow(non_snake_case)]

use serde::Serialize;

use super::{Access, Image, ImageKind};
use crate::scenario::ImageStatus;
use crate::time::{format_seconds, Millis};

/// ImageOwnerAlias as the viewer sees the image.
pub fn owner_alias(access: Access) -> &'static str {
    match access {
        Access::System => "system",
        Access::Marketplace => "marketplace",
        Access::Own => "self",
        Access::Shared | Access::Community => "others",
    }
}

#[derive(Serialize)]
pub struct DiskView {
    Type: &'static str,
    Device: String,
    /// A string on the wire (unlike Image.Size).
    Size: String,
    SnapshotId: String,
    Format: String,
    ImportOSSBucket: String,
    ImportOSSObject: String,
    Progress: String,
    RemainTime: i64,
    Encrypted: bool,
}

#[derive(Serialize)]
pub struct TagView<'a> {
    TagKey: &'a str,
    TagValue: &'a str,
}

#[derive(Serialize)]
pub struct Disks {
    DiskDeviceMapping: Vec<DiskView>,
}

#[derive(Serialize)]
pub struct Tags<'a> {
    Tag: Vec<TagView<'a>>,
}

#[derive(Serialize)]
pub struct Features {
    NvmeSupport: &'static str,
    ImdsSupport: &'static str,
    CpuOnlineUpgrade: &'static str,
    CpuOnlineDowngrade: &'static str,
    MemoryOnlineUpgrade: &'static str,
    MemoryOnlineDowngrade: &'static str,
}

/// The image check's outcome: finished, nothing found (the mock runs no checks).
#[derive(Serialize)]
pub struct Detection {
    Status: &'static str,
    Items: DetectionItems,
}

#[derive(Serialize)]
pub struct DetectionItems {
    Item: Vec<()>,
}

#[derive(Serialize)]
pub struct SecureBoot {
    SecureBootSupport: &'static str,
}

/// One `Images.Image[]` entry.
#[derive(Serialize)]
pub struct ImageView<'a> {
    ImageId: &'a str,
    ImageName: &'a str,
    ImageFamily: &'a str,
    ImageVersion: &'a str,
    Description: &'a str,
    ImageOwnerAlias: &'static str,
    /// int64 on the wire (docs/sources.md#ecs-ids-and-regions); absent for system images.
    #[serde(skip_serializing_if = "Option::is_none")]
    ImageOwnerId: Option<i64>,
    IsPublic: bool,
    /// A string in the SDK models; "True"/"False" as in the documented samples (§8.8).
    IsSelfShared: &'static str,
    IsCopied: bool,
    IsSubscribed: bool,
    ProductCode: &'a str,
    Usage: &'static str,
    Status: &'static str,
    Progress: String,
    CreationTime: String,
    Size: u32,
    OSType: &'a str,
    OSName: &'a str,
    OSNameEn: &'a str,
    Platform: &'a str,
    Architecture: &'a str,
    BootMode: &'a str,
    IsSupportIoOptimized: bool,
    IsSupportCloudinit: bool,
    LoginAsNonRootSupported: bool,
    ResourceGroupId: &'a str,
    SupplierName: &'static str,
    LicenseType: &'static str,
    Usable: bool,
    DiskDeviceMappings: Disks,
    Tags: Tags<'a>,
    Features: Features,
    DetectionOptions: Detection,
    SecureBootOptions: SecureBoot,
}

/// The view of `img` for a viewer reaching it by `access`, at mock time `now`.
pub fn image(img: &Image, access: Access, now: Millis, in_use: bool) -> ImageView<'_> {
    let status = img.status_at(now);
    let progress = format!("{}%", img.progress_at(now));
    let custom = img.kind == ImageKind::Custom;
    ImageView {
        ImageId: &img.id,
        ImageName: &img.name,
        ImageFamily: &img.family,
        ImageVersion: &img.version,
        Description: &img.description,
        ImageOwnerAlias: owner_alias(access),
        ImageOwnerId: if custom { img.owner.parse().ok() } else { None },
        IsPublic: !custom || img.is_public,
        IsSelfShared: if access == Access::Own && !img.shared_with.is_empty() {
            "True"
        } else {
            "False"
        },
        IsCopied: img.copy.is_some(),
        IsSubscribed: false,
        ProductCode: img.product_code.as_deref().unwrap_or(""),
        Usage: if in_use { "instance" } else { "none" },
        Status: status.as_str(),
        CreationTime: format_seconds(img.created),
        Size: img.size,
        OSType: &img.os_type,
        OSName: &img.os_name,
        OSNameEn: &img.os_name,
        Platform: &img.platform,
        Architecture: &img.architecture,
        BootMode: &img.boot_mode,
        IsSupportIoOptimized: true,
        IsSupportCloudinit: true,
        LoginAsNonRootSupported: false,
        ResourceGroupId: &img.resource_group,
        SupplierName: "",
        LicenseType: "Auto",
        Usable: status == ImageStatus::Available,
        DiskDeviceMappings: Disks {
            DiskDeviceMapping: img
                .snapshot_ids()
                .into_iter()
                .enumerate()
                .map(|(i, snapshot)| (i, snapshot, img.imported.get(i)))
                .map(|(i, snapshot, imported)| DiskView {
                    Type: if i == 0 { "system" } else { "data" },
                    Device: format!("/dev/xvd{}", (b'a' + i as u8) as char),
                    Size: img.size.to_string(),
                    SnapshotId: if custom { snapshot } else { String::new() },
                    Format: imported.map_or(String::new(), |m| m.2.clone()),
                    ImportOSSBucket: imported.map_or(String::new(), |m| m.0.clone()),
                    ImportOSSObject: imported.map_or(String::new(), |m| m.1.clone()),
                    Progress: progress.clone(),
                    RemainTime: 0,
                    Encrypted: img.is_encrypted(),
                })
                .collect(),
        },
        Tags: Tags {
            Tag: img
                .tags
                .iter()
                .map(|(k, v)| TagView {
                    TagKey: k,
                    TagValue: v,
                })
                .collect(),
        },
        Features: Features {
            NvmeSupport: "supported",
            ImdsSupport: "v2",
            CpuOnlineUpgrade: "unsupported",
            CpuOnlineDowngrade: "unsupported",
            MemoryOnlineUpgrade: "unsupported",
            MemoryOnlineDowngrade: "unsupported",
        },
        DetectionOptions: Detection {
            Status: "Finished",
            Items: DetectionItems { Item: vec![] },
        },
        SecureBootOptions: SecureBoot {
            SecureBootSupport: "unsupported",
        },
        Progress: progress,
    }
}

#[derive(Serialize)]
pub struct ImageList<'a> {
    pub Image: Vec<ImageView<'a>>,
}

/// The DescribeImages answer.
#[derive(Serialize)]
pub struct DescribeImagesView<'a> {
    pub RegionId: &'a str,
    pub TotalCount: usize,
    pub PageNumber: usize,
    pub PageSize: usize,
    pub Images: ImageList<'a>,
}
