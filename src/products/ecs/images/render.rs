//! The JSON shape of an image in DescribeImages (docs/sources.md#ecs-describeimages, types from the
//! official SDK's models): every documented field, with its wire type.
//!
//! [`ImageView`] is the shape, as a typed serde view (DescribeImageFromFamily and the XML
//! format use it); [`write_image`] writes the same text straight into the answer, keys and
//! constants as literal runs, for DescribeImages, the largest answer the mock gives. A test
//! holds the two byte for byte equal over images of every kind.
#![allow(non_snake_case)]

use serde::Serialize;

use super::{Access, Image, ImageKind};
use crate::protocol::json::{push_uint, JsonOut};
use crate::scenario::ImageStatus;
use crate::time::{format_seconds, push_seconds, Millis};

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

/// Writes the JSON text of [`image`]`(img, access, now, in_use)`, byte for byte.
pub fn write_image(out: &mut JsonOut, img: &Image, access: Access, now: Millis, in_use: bool) {
    let status = img.status_at(now);
    let progress = img.progress_at(now) as u64;
    let custom = img.kind == ImageKind::Custom;
    let percent = |b: &mut Vec<u8>| {
        push_uint(b, progress);
        b.push(b'%');
    };
    out.raw("{\"ImageId\":").str(&img.id);
    out.raw(",\"ImageName\":").str(&img.name);
    out.raw(",\"ImageFamily\":").str(&img.family);
    out.raw(",\"ImageVersion\":").str(&img.version);
    out.raw(",\"Description\":").str(&img.description);
    out.raw(",\"ImageOwnerAlias\":").str(owner_alias(access));
    if let Some(owner) = custom.then(|| img.owner.parse::<i64>().ok()).flatten() {
        out.raw(",\"ImageOwnerId\":").int(owner);
    }
    out.raw(",\"IsPublic\":").bool(!custom || img.is_public);
    out.raw(if access == Access::Own && !img.shared_with.is_empty() {
        ",\"IsSelfShared\":\"True\""
    } else {
        ",\"IsSelfShared\":\"False\""
    });
    out.raw(",\"IsCopied\":").bool(img.copy.is_some());
    out.raw(",\"IsSubscribed\":false,\"ProductCode\":")
        .str(img.product_code.as_deref().unwrap_or(""));
    out.raw(if in_use {
        ",\"Usage\":\"instance\""
    } else {
        ",\"Usage\":\"none\""
    });
    out.raw(",\"Status\":").str(status.as_str());
    out.raw(",\"Progress\":").quoted(percent);
    out.raw(",\"CreationTime\":")
        .quoted(|b| push_seconds(b, img.created));
    out.raw(",\"Size\":").uint(img.size.into());
    out.raw(",\"OSType\":").str(&img.os_type);
    out.raw(",\"OSName\":").str(&img.os_name);
    out.raw(",\"OSNameEn\":").str(&img.os_name);
    out.raw(",\"Platform\":").str(&img.platform);
    out.raw(",\"Architecture\":").str(&img.architecture);
    out.raw(",\"BootMode\":").str(&img.boot_mode);
    out.raw(",\"IsSupportIoOptimized\":true,\"IsSupportCloudinit\":true,\"LoginAsNonRootSupported\":false,\"ResourceGroupId\":")
        .str(&img.resource_group);
    out.raw(",\"SupplierName\":\"\",\"LicenseType\":\"Auto\",\"Usable\":")
        .bool(status == ImageStatus::Available);
    out.raw(",\"DiskDeviceMappings\":{\"DiskDeviceMapping\":[");
    for i in 0..img.snapshot_count() {
        let imported = img.imported.get(i);
        out.raw(if i == 0 {
            "{\"Type\":\"system\",\"Device\":\"/dev/xvd"
        } else {
            "{\"Type\":\"data\",\"Device\":\"/dev/xvd"
        });
        // The device letter is never a character JSON escapes.
        let device = (b'a' + i as u8) as char;
        out.raw(device.encode_utf8(&mut [0; 4])).raw("\"");
        out.raw(",\"Size\":")
            .quoted(|b| push_uint(b, img.size.into()));
        out.raw(",\"SnapshotId\":");
        match (custom, img.snapshot_id_parts(i)) {
            (false, _) => out.raw("\"\""),
            (true, (head, stem, None)) => out.str_concat(&[head, stem]),
            (true, (head, stem, Some(n))) => {
                let mut digits = Vec::with_capacity(4);
                push_uint(&mut digits, n as u64);
                let n = std::str::from_utf8(&digits).expect("ASCII digits");
                out.str_concat(&[head, stem, "d", n])
            }
        };
        out.raw(",\"Format\":")
            .str(imported.map_or("", |m| m.2.as_str()));
        out.raw(",\"ImportOSSBucket\":")
            .str(imported.map_or("", |m| m.0.as_str()));
        out.raw(",\"ImportOSSObject\":")
            .str(imported.map_or("", |m| m.1.as_str()));
        out.raw(",\"Progress\":").quoted(percent);
        out.raw(",\"RemainTime\":0,\"Encrypted\":")
            .bool(img.is_encrypted());
        out.raw("},");
    }
    out.end_list().raw("]},\"Tags\":{\"Tag\":[");
    for (k, v) in &img.tags {
        out.raw("{\"TagKey\":").str(k);
        out.raw(",\"TagValue\":").str(v);
        out.raw("},");
    }
    out.end_list().raw(concat!(
        "]},\"Features\":{\"NvmeSupport\":\"supported\",\"ImdsSupport\":\"v2\",",
        "\"CpuOnlineUpgrade\":\"unsupported\",\"CpuOnlineDowngrade\":\"unsupported\",",
        "\"MemoryOnlineUpgrade\":\"unsupported\",\"MemoryOnlineDowngrade\":\"unsupported\"},",
        "\"DetectionOptions\":{\"Status\":\"Finished\",\"Items\":{\"Item\":[]}},",
        "\"SecureBootOptions\":{\"SecureBootSupport\":\"unsupported\"}}"
    ));
}

/// The DescribeImages answer (without RequestId): a page of `(image, access, in use)`.
pub fn describe_images<'a>(
    region: &str,
    total: usize,
    page_number: usize,
    page_size: usize,
    images: impl Iterator<Item = (&'a Image, Access, bool)>,
    now: Millis,
) -> String {
    // About 1.3 KB per image: one allocation for the whole page.
    let mut out = JsonOut::with_capacity(256 + 1536 * images.size_hint().0);
    out.raw("{\"RegionId\":").str(region);
    out.raw(",\"TotalCount\":").uint(total as u64);
    out.raw(",\"PageNumber\":").uint(page_number as u64);
    out.raw(",\"PageSize\":").uint(page_size as u64);
    out.raw(",\"Images\":{\"Image\":[");
    for (img, access, in_use) in images {
        write_image(&mut out, img, access, now, in_use);
        out.raw(",");
    }
    out.end_list().raw("]}}");
    out.into_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::products::ecs::images::{CopyInfo, Images};
    use crate::scenario::Encryption;

    /// Images of every kind and shape the writer has a branch for.
    fn samples() -> Vec<Image> {
        let mut out: Vec<Image> = Images::default().catalogue().to_vec();
        let base = Image::custom(
            "m-bp1sample0000000001",
            "cn-hangzhou",
            "1000000000000001",
            "web",
            1_700_000_000_123,
        );
        out.push(base.clone());
        let mut rich = base.clone();
        rich.name = "quote \" back \\ tab \t 中文 🚀".into();
        rich.description = "line\nbreak".into();
        rich.family = "fam".into();
        rich.version = "1.2".into();
        rich.tags.insert("k\"1".into(), "v\u{1}".into());
        rich.tags.insert("env".into(), "prod".into());
        rich.shared_with.insert("1000000000000002".into(), 0);
        rich.data_disks = 2;
        rich.encryption = Encryption::Cmk;
        rich.copy = Some(CopyInfo {
            source_image: "m-src".into(),
            source_region: "cn-beijing".into(),
        });
        rich.product_code = Some("cmjj0001".into());
        rich.is_public = true;
        rich.resource_group = "rg-1".into();
        out.push(rich);
        let mut imported = base.clone();
        imported.data_disks = 1;
        imported.imported = vec![
            ("bucket".into(), "sys.qcow2".into(), "QCOW2".into()),
            ("bucket".into(), "data \"1\".raw".into(), "RAW".into()),
        ];
        out.push(imported);
        let mut creating = base.clone();
        creating.status = ImageStatus::Creating;
        creating.ready_at = Some(base.created + 60_000);
        creating.source_snapshot = Some("s-bp1from".into());
        out.push(creating);
        let mut odd_owner = base;
        odd_owner.owner = "not-a-number".into();
        odd_owner.created = -5_000;
        out.push(odd_owner);
        out
    }

    #[test]
    fn the_writer_matches_the_serde_view_byte_for_byte() {
        let accesses = [
            Access::System,
            Access::Marketplace,
            Access::Own,
            Access::Shared,
            Access::Community,
        ];
        let mut checked = 0;
        for img in samples() {
            for access in accesses {
                for in_use in [false, true] {
                    for now in [img.created, img.created + 30_000, img.created + 120_000] {
                        let mut out = JsonOut::default();
                        write_image(&mut out, &img, access, now, in_use);
                        let view = image(&img, access, now, in_use);
                        assert_eq!(
                            out.into_string(),
                            serde_json::to_string(&view).unwrap(),
                            "{} {access:?}",
                            img.id
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 100, "{checked}");
    }

    #[test]
    fn the_page_is_the_documented_object() {
        let imgs = samples();
        let text = describe_images(
            "cn-hangzhou",
            9,
            2,
            3,
            imgs.iter().take(3).map(|i| (i, Access::Own, false)),
            0,
        );
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["RegionId"], "cn-hangzhou");
        assert_eq!(
            (
                v["TotalCount"].clone(),
                v["PageNumber"].clone(),
                v["PageSize"].clone()
            ),
            (9.into(), 2.into(), 3.into())
        );
        assert_eq!(v["Images"]["Image"].as_array().unwrap().len(), 3);
        let empty = describe_images("cn-hangzhou", 0, 1, 10, std::iter::empty(), 0);
        assert_eq!(
            empty,
            r#"{"RegionId":"cn-hangzhou","TotalCount":0,"PageNumber":1,"PageSize":10,"Images":{"Image":[]}}"#
        );
    }
}
