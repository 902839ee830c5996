//! DescribeDisks, CreateSnapshot, DescribeSnapshots, DeleteSnapshot
//! (docs/sources.md#ecs-disks-snapshots).

use serde_json::Value;

use super::model::{Disk, Snapshot, FILTER_CATEGORIES};
use super::render;
use super::rules::{DiskRequest, SnapshotRequest};
use crate::error::ApiError;
use crate::products::ecs::instances::actions::id_array;
use crate::products::ecs::tags::{has_tags, new_tags, tags};
use crate::products::{client_token, Ctx, Paging};
use crate::protocol::params::bool_value;
use crate::protocol::{Params, Reply};

/// IDs a `DiskIds` or `SnapshotIds` filter may list.
const MAX_FILTER_IDS: usize = 100;

/// An optional JSON-array ID filter. `[]` is a valid filter that keeps nothing (documented
/// for DiskIds); more than 100 IDs, or no JSON array, is `invalid`.
fn id_filter(v: Option<&str>, invalid: ApiError) -> Result<Option<Vec<String>>, ApiError> {
    match v {
        None => Ok(None),
        Some("[]") => Ok(Some(vec![])),
        Some(v) => id_array(v, MAX_FILTER_IDS, invalid).map(Some),
    }
}

/// An optional value that must be one of `allowed`, else `invalid`.
fn one_of<'a>(
    v: Option<&'a str>,
    allowed: &[&str],
    invalid: ApiError,
) -> Result<Option<&'a str>, ApiError> {
    match v {
        Some(x) if !allowed.contains(&x) => Err(invalid),
        v => Ok(v),
    }
}

/// DescribeDisks: the caller's disks in the region, filtered (logical AND), newest first.
pub fn describe_disks(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.required_region()?;
    let p = ctx.params;
    let ids = id_filter(p.opt("DiskIds"), ApiError::InvalidDiskIdsMalformed)?;
    let kind = one_of(
        p.opt("DiskType"),
        &["all", "system", "data"],
        ApiError::InvalidDiskTypeValueNotSupported,
    )?
    .filter(|k| *k != "all");
    let category = one_of(
        p.opt("Category"),
        FILTER_CATEGORIES,
        ApiError::InvalidCategoryValueNotSupported,
    )?
    .filter(|c| *c != "all");
    let status = one_of(
        p.opt("Status"),
        &[
            "In_use",
            "Available",
            "Attaching",
            "Detaching",
            "Creating",
            "ReIniting",
            "All",
        ],
        ApiError::InvalidStatusValueNotSupported,
    )?
    .filter(|s| *s != "All");
    let instance = p.opt("InstanceId");
    let zone = p.opt("ZoneId");
    let name = p.opt("DiskName");
    let snapshot = p.opt("SnapshotId");
    let encrypted = p.bool("Encrypted")?;
    let wanted = tags(p)?;
    let placement = p.list("AdditionalAttributes")?.contains(&"Placement");
    let paging = Paging::read(p, 500)?;
    if p.dry_run()? {
        return Err(ApiError::DryRunOperation);
    }
    let world = ctx.world();
    let group = world.group_filter(&ctx.caller.account_id, p.opt("ResourceGroupId"));
    let mut found: Vec<&Disk> = world
        .storage
        .disks
        .values()
        .filter(|d| d.owner == ctx.caller.account_id && d.region == region)
        .filter(|d| ids.as_ref().is_none_or(|l| l.contains(&d.id)))
        .filter(|d| kind.is_none_or(|k| k == d.kind.as_str()))
        .filter(|d| category.is_none_or(|c| c == d.category))
        .filter(|d| status.is_none_or(|s| s == d.status()))
        .filter(|d| instance.is_none_or(|i| d.instance.as_deref() == Some(i)))
        .filter(|d| zone.is_none_or(|z| z == d.zone))
        .filter(|d| name.is_none_or(|n| n == d.name))
        .filter(|d| snapshot.is_none_or(|s| s == d.source_snapshot))
        .filter(|d| encrypted.is_none_or(|e| !e || d.encrypted))
        .filter(|d| has_tags(&d.tags, &wanted))
        .filter(|d| group.as_ref().is_none_or(|g| g.keeps(&d.resource_group)))
        .collect();
    found.sort_by(|a, b| {
        b.created
            .cmp(&a.created)
            .then_with(|| a.device.cmp(&b.device))
    });
    let (items, mut out) = paging.apply(found);
    let items: Vec<Value> = items
        .into_iter()
        .map(|d| render::disk(d, placement))
        .collect();
    out.insert("Disks".into(), object! { "Disk" => items });
    Ok(Value::Object(out).into())
}

/// CreateSnapshot: the SDK sends no `RegionId` (disk IDs are unique); when one is sent, the
/// disk must be in it.
pub fn create_snapshot(ctx: &Ctx) -> Result<Reply, ApiError> {
    let p = ctx.params;
    let region = match p.opt("RegionId") {
        Some(_) => Some(ctx.required_region()?),
        None => None,
    };
    let r = SnapshotRequest {
        disk: p.required("DiskId")?.to_string(),
        name: p.string("SnapshotName"),
        description: p.string("Description"),
        retention_days: p.int("RetentionDays", 1, 65536)?.map(|d| d as u32),
        tags: new_tags(p)?,
        client_token: client_token(p)?.map(str::to_string),
        resource_group: ctx
            .world()
            .resource_group(&ctx.caller.account_id, p.opt("ResourceGroupId"))?,
    };
    p.bool("InstantAccess")?;
    let now = ctx.now;
    let id = ctx
        .world_mut()
        .create_snapshot(&ctx.caller.account_id, region, &r, now, ctx.ids)?;
    Ok(object! { "SnapshotId" => id }.into())
}

/// DescribeSnapshots: the caller's snapshots in the region, filtered (logical AND), newest
/// first.
pub fn describe_snapshots(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.required_region()?;
    let p = ctx.params;
    let ids = id_filter(p.opt("SnapshotIds"), ApiError::InvalidSnapshotIdsMalformed)?;
    let status = one_of(
        p.opt("Status"),
        &["progressing", "accomplished", "failed", "all"],
        ApiError::InvalidStatusNotFound,
    )?
    .filter(|s| *s != "all");
    let source = match p.opt("SourceDiskType").map(str::to_ascii_lowercase) {
        None => None,
        Some(t) if t == "system" || t == "data" => Some(t),
        Some(_) => return Err(ApiError::InvalidSourceDiskType),
    };
    let usage = one_of(
        p.opt("Usage"),
        &["image", "disk", "image_disk", "none"],
        ApiError::InvalidUsageSnapshot,
    )?;
    // Every snapshot here is a manual one.
    let kind = one_of(
        p.opt("SnapshotType"),
        &["auto", "timer", "user", "all"],
        ApiError::InvalidSnapshotTypeNotFound,
    )?;
    let manual = kind.is_none_or(|k| k == "user" || k == "all");
    let instance = p.opt("InstanceId");
    let disk = p.opt("DiskId");
    let name = p.opt("SnapshotName");
    let encrypted = p.bool("Encrypted")?;
    let wanted = tags(p)?;
    let paging = Paging::read(p, 100)?;
    if p.dry_run()? {
        return Err(ApiError::DryRunOperation);
    }
    let world = ctx.world();
    let caller = &ctx.caller.account_id;
    let behind = world.snapshots_behind_images(region, caller);
    let group = world.group_filter(caller, p.opt("ResourceGroupId"));
    let now = ctx.now;
    let instance_disks: Option<Vec<&str>> = instance.map(|i| {
        world
            .instance_disks(i)
            .into_iter()
            .map(|d| d.id.as_str())
            .collect()
    });
    let usage_of = |s: &Snapshot| {
        if behind.contains(&s.id) {
            "image"
        } else {
            "none"
        }
    };
    let mut found: Vec<&Snapshot> = world
        .storage
        .snapshots
        .values()
        .filter(|s| s.owner == *caller && s.region == region)
        .filter(|s| ids.as_ref().is_none_or(|l| l.contains(&s.id)))
        .filter(|s| status.is_none_or(|x| x == s.status(now)))
        .filter(|s| source.as_deref().is_none_or(|t| t == s.disk_type.as_str()))
        .filter(|s| usage.is_none_or(|u| u == usage_of(s)))
        .filter(|_| manual)
        .filter(|s| {
            instance_disks
                .as_ref()
                .is_none_or(|l| l.contains(&s.disk.as_str()))
        })
        .filter(|s| disk.is_none_or(|d| d == s.disk))
        .filter(|s| name.is_none_or(|n| n == s.name))
        .filter(|s| encrypted.is_none_or(|e| !e || s.encrypted))
        .filter(|s| has_tags(&s.tags, &wanted))
        .filter(|s| group.as_ref().is_none_or(|g| g.keeps(&s.resource_group)))
        .collect();
    found.sort_by(|a, b| b.created.cmp(&a.created).then_with(|| a.id.cmp(&b.id)));
    let (items, mut out) = paging.apply(found);
    let items: Vec<Value> = items
        .into_iter()
        .map(|s| render::snapshot(s, &behind, now))
        .collect();
    out.insert("Snapshots".into(), object! { "Snapshot" => items });
    Ok(Value::Object(out).into())
}

/// DeleteSnapshot: no `RegionId` in the SDK request; the snapshot is found by ID.
pub fn delete_snapshot(ctx: &Ctx) -> Result<Reply, ApiError> {
    let id = ctx.params.required("SnapshotId")?;
    ctx.params.bool("Force")?;
    ctx.world_mut()
        .delete_snapshot(&ctx.caller.account_id, id)?;
    Ok(object! {}.into())
}

/// Data disks an instance may be launched with (documented).
const MAX_DATA_DISKS: usize = 16;

fn field_int(name: String, v: Option<&str>, min: u32, max: u32) -> Result<Option<u32>, ApiError> {
    match v {
        None | Some("") => Ok(None),
        Some(v) => match v.trim().parse::<u32>() {
            Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
            _ => Err(ApiError::InvalidParameter(name)),
        },
    }
}

/// RunInstances/CreateInstance's `SystemDisk.*` (size 20-2048 GiB) and `DataDisk.N.*`
/// (at most 16, size 20-32768 GiB).
pub fn launch_disks(p: &Params) -> Result<(DiskRequest, Vec<DiskRequest>), ApiError> {
    let system = DiskRequest {
        category: p.string("SystemDisk.Category").filter(|c| !c.is_empty()),
        size: field_int("SystemDisk.Size".into(), p.opt("SystemDisk.Size"), 20, 2048)?,
        name: p.string("SystemDisk.DiskName"),
        description: p.string("SystemDisk.Description"),
        ..DiskRequest::default()
    };
    let list = p.object_list("DataDisk")?;
    if list.len() > MAX_DATA_DISKS {
        return Err(ApiError::InvalidParameter("DataDisk".into()));
    }
    let data = list
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let n = i + 1;
            Ok(DiskRequest {
                category: f
                    .get("Category")
                    .filter(|c| !c.is_empty())
                    .map(str::to_string),
                size: field_int(format!("DataDisk.{n}.Size"), f.get("Size"), 20, 32768)?,
                name: f.get("DiskName").map(str::to_string),
                description: f.get("Description").map(str::to_string),
                snapshot: f
                    .get("SnapshotId")
                    .filter(|s| !s.is_empty())
                    .map(str::to_string),
                delete_with_instance: bool_value(
                    &format!("DataDisk.{n}.DeleteWithInstance"),
                    f.get("DeleteWithInstance"),
                )?,
                encrypted: bool_value(&format!("DataDisk.{n}.Encrypted"), f.get("Encrypted"))?
                    .unwrap_or(false),
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok((system, data))
}
