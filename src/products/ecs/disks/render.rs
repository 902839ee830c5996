//! Disks and snapshots as DescribeDisks and DescribeSnapshots show them: every field of the
//! SDK response models, with its type.

use std::collections::{BTreeMap, HashSet};

use serde_json::Value;

use super::model::{Disk, Snapshot};
use crate::time::{format_seconds, Millis};

fn tags(t: &BTreeMap<String, String>) -> Value {
    let list: Vec<Value> = t
        .iter()
        .map(|(k, v)| object! { "TagKey" => k.as_str(), "TagValue" => v.as_str() })
        .collect();
    object! { "Tag" => list }
}

/// `placement`: DescribeDisks was asked for `AdditionalAttributes.N=Placement`.
pub fn disk(d: &Disk, placement: bool) -> Value {
    let attached = d.attached.map(format_seconds).unwrap_or_default();
    let attachments: Vec<Value> = d
        .instance
        .iter()
        .map(|i| {
            object! {
                "AttachedTime" => attached.as_str(),
                "Device" => d.device.as_str(),
                "InstanceId" => i.as_str(),
            }
        })
        .collect();
    let mut v = object! {
        "AttachedTime" => attached.as_str(),
        "Attachments" => object! { "Attachment" => attachments },
        "AutoSnapshotPolicyId" => "",
        "BdfId" => "",
        "BurstingEnabled" => false,
        "Category" => d.category.as_str(),
        "CreationTime" => format_seconds(d.created),
        // What the disk was made from is not told apart by the mock (*inferred* empty).
        "DataSource" => object! { "Id" => "", "Type" => "" },
        "DeleteAutoSnapshot" => false,
        "DeleteWithInstance" => d.delete_with_instance,
        "Description" => d.description.as_str(),
        "DetachedTime" => "",
        "Device" => if d.instance.is_some() { d.device.as_str() } else { "" },
        "DiskChargeType" => "PostPaid",
        "DiskId" => d.id.as_str(),
        "DiskName" => d.name.as_str(),
        "EnableAutoSnapshot" => true,
        "EnableAutomatedSnapshotPolicy" => false,
        "Encrypted" => d.encrypted,
        "ExpiredTime" => "2099-12-31T15:59Z",
        "IOPS" => (1800 + 50 * d.size).min(50_000),
        "IOPSRead" => 0,
        "IOPSWrite" => 0,
        "ImageId" => d.image_id.as_str(),
        "InstanceId" => d.instance.as_deref().unwrap_or(""),
        "KMSKeyId" => "",
        "MountInstanceNum" => 0,
        "MountInstances" => object! { "MountInstance" => Vec::<Value>::new() },
        "MultiAttach" => "Disabled",
        "OperationLocks" => object! { "OperationLock" => Vec::<Value>::new() },
        "PerformanceLevel" => if d.category == "cloud_essd" { "PL1" } else { "" },
        "Portable" => d.kind == super::DiskType::Data,
        "ProductCode" => "",
        "ProvisionedIops" => 0,
        "RegionId" => d.region.as_str(),
        "ResourceGroupId" => d.resource_group.as_str(),
        "SerialNumber" => d.id.trim_start_matches("d-"),
        "Size" => d.size,
        "SourceDiskId" => "",
        "SourceSnapshotId" => d.source_snapshot.as_str(),
        "Status" => d.status(),
        "StorageClusterId" => "",
        "StorageSetId" => "",
        "StorageSetPartitionNumber" => 0,
        "Tags" => tags(&d.tags),
        "Throughput" => 0,
        "ThroughputRead" => 0,
        "ThroughputWrite" => 0,
        "Type" => d.kind.as_str(),
        "ZoneId" => d.zone.as_str(),
    };
    if placement {
        if let Value::Object(m) = &mut v {
            m.insert("Placement".into(), object! { "ZoneIds" => d.zone.as_str() });
        }
    }
    v
}

/// `behind_images`: the snapshots an image of the owner stands on (Usage `image`).
pub fn snapshot(s: &Snapshot, behind_images: &HashSet<String>, now: Millis) -> Value {
    object! {
        "Available" => s.accomplished(now),
        "Category" => "standard",
        "CreationTime" => format_seconds(s.created),
        "Description" => s.description.as_str(),
        "Encrypted" => s.encrypted,
        "FullSnapshotSizeInBytes" => u64::from(s.disk_size) << 30,
        "InstantAccess" => false,
        "InstantAccessRetentionDays" => 0,
        "KMSKeyId" => s.kms_key_id.as_deref().unwrap_or(""),
        "LastModifiedTime" => format_seconds(s.ready_at.max(s.created)),
        "ProductCode" => "",
        "Progress" => format!("{}%", s.progress(now)),
        "RegionId" => s.region.as_str(),
        "RemainTime" => s.remain(now),
        "ResourceGroupId" => s.resource_group.as_str(),
        "RetentionDays" => s.retention_days.unwrap_or(0),
        "SnapshotId" => s.id.as_str(),
        "SnapshotLinkId" => if s.disk.is_empty() { String::new() } else { format!("sl-{}", s.disk.trim_start_matches("d-")) },
        "SnapshotName" => s.name.as_str(),
        "SnapshotSN" => format!("64472-{}", s.id.trim_start_matches("s-")),
        "SnapshotType" => "user",
        "SourceDiskId" => s.disk.as_str(),
        // A string in the SDK model (the 2021 sample shows a number).
        "SourceDiskSize" => s.disk_size.to_string(),
        "SourceDiskType" => s.disk_type.as_str(),
        "SourceRegionId" => "",
        "SourceSnapshotId" => "",
        "SourceStorageType" => "disk",
        "Status" => s.status(now),
        "Tags" => tags(&s.tags),
        "Usage" => if behind_images.contains(&s.id) { "image" } else { "none" },
    }
}
