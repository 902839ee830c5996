//! The JSON shape of an image in DescribeImages (ecs-image-api.md §4.3, types from the
//! official SDK's models): every documented field, with its wire type.

use serde_json::{json, Map, Value};

use crate::state::{Access, Image, ImageKind};
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

/// One `Images.Image[]` entry for a viewer reaching the image by `access`.
pub fn image(img: &Image, access: Access, now: Millis, in_use: bool) -> Value {
    let progress = format!("{}%", img.progress_at(now));
    let encrypted = img.is_encrypted();
    let mut disks = Vec::with_capacity(1 + img.data_disks as usize);
    for (i, snapshot) in img.snapshot_ids().into_iter().enumerate() {
        disks.push(json!({
            "Type": if i == 0 { "system" } else { "data" },
            "Device": format!("/dev/xvd{}", (b'a' + i as u8) as char),
            "Size": img.size.to_string(),
            "SnapshotId": if img.kind == ImageKind::Custom { snapshot } else { String::new() },
            "Format": "",
            "ImportOSSBucket": "",
            "ImportOSSObject": "",
            "Progress": progress,
            "RemainTime": 0,
            "Encrypted": encrypted,
        }));
    }
    let tags: Vec<Value> = img
        .tags
        .iter()
        .map(|(k, v)| json!({"TagKey": k, "TagValue": v}))
        .collect();
    let mut m = Map::with_capacity(40);
    let mut put = |k: &str, v: Value| {
        m.insert(k.to_string(), v);
    };
    put("ImageId", img.id.clone().into());
    put("ImageName", img.name.clone().into());
    put("ImageFamily", img.family.clone().into());
    put("ImageVersion", "".into());
    put("Description", img.description.clone().into());
    put("ImageOwnerAlias", owner_alias(access).into());
    if img.kind == ImageKind::Custom {
        // int64 on the wire (ecs-image-api.md §2.2).
        if let Ok(owner) = img.owner.parse::<i64>() {
            put("ImageOwnerId", owner.into());
        }
    }
    put(
        "IsPublic",
        (img.kind != ImageKind::Custom || img.is_public).into(),
    );
    // A string in the SDK models; "True"/"False" as in the documented samples (§8.8).
    let self_shared = access == Access::Own && !img.shared_with.is_empty();
    put(
        "IsSelfShared",
        if self_shared { "True" } else { "False" }.into(),
    );
    put("IsCopied", img.copy.is_some().into());
    put("IsSubscribed", false.into());
    put(
        "ProductCode",
        img.product_code.clone().unwrap_or_default().into(),
    );
    put("Usage", if in_use { "instance" } else { "none" }.into());
    put("Status", img.status_at(now).as_str().into());
    put("Progress", progress.into());
    put("CreationTime", format_seconds(img.created).into());
    put("Size", img.size.into());
    put("OSType", img.os_type.clone().into());
    put("OSName", img.os_name.clone().into());
    put("OSNameEn", img.os_name.clone().into());
    put("Platform", img.platform.clone().into());
    put("Architecture", img.architecture.clone().into());
    put("BootMode", img.boot_mode.clone().into());
    put("IsSupportIoOptimized", true.into());
    put("IsSupportCloudinit", true.into());
    put("LoginAsNonRootSupported", false.into());
    put("ResourceGroupId", "".into());
    put("SupplierName", "".into());
    put("LicenseType", "Auto".into());
    put(
        "Usable",
        (img.status_at(now) == crate::scenario::ImageStatus::Available).into(),
    );
    put("DiskDeviceMappings", json!({ "DiskDeviceMapping": disks }));
    put("Tags", json!({ "Tag": tags }));
    put(
        "Features",
        json!({"NvmeSupport": "supported", "ImdsSupport": "v2"}),
    );
    Value::Object(m)
}
