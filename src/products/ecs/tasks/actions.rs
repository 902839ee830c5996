//! ImportImage, ExportImage, DescribeTaskAttribute, DescribeTasks, CancelTask: parameters in,
//! fields out (docs/sources.md#ecs-tasks).

use serde_json::Value;

use super::model::Task;
use super::rules::{ExportRequest, ImportDisk, ImportRequest};
use crate::error::ApiError;
use crate::products::ecs::tags::new_tags;
use crate::products::{client_token, page, paging, Ctx};
use crate::protocol::{Params, Reply};
use crate::time::{format_minutes, Millis};

/// Disks an imported image may have: the system disk and 16 data disks.
const MAX_IMPORT_DISKS: usize = 17;

fn required<'a>(p: &'a Params, name: &str) -> Result<&'a str, ApiError> {
    p.opt(name)
        .ok_or_else(|| ApiError::MissingParameterInput(name.to_string()))
}

/// The region of an import/export/task call: mandatory, with these calls' wording.
fn region<'a>(ctx: &'a Ctx) -> Result<&'a str, ApiError> {
    required(ctx.params, "RegionId")?;
    ctx.required_region()
}

fn import_disks(p: &Params) -> Result<Vec<ImportDisk>, ApiError> {
    let list = p.object_list("DiskDeviceMapping")?;
    if list.is_empty() {
        return Err(ApiError::MissingParameterDiskDeviceMapping);
    }
    if list.len() > MAX_IMPORT_DISKS {
        return Err(ApiError::InvalidParameter("DiskDeviceMapping".into()));
    }
    list.iter()
        .enumerate()
        .map(|(i, f)| {
            let n = i + 1;
            let field = |name: &str| f.get(name).filter(|v| !v.is_empty());
            let bucket = field("OSSBucket").ok_or_else(|| {
                ApiError::MissingParameterInput(format!("DiskDeviceMapping.{n}.OSSBucket"))
            })?;
            let object = field("OSSObject").ok_or_else(|| {
                ApiError::MissingParameterInput(format!("DiskDeviceMapping.{n}.OSSObject"))
            })?;
            if object.len() > 1024 || object.starts_with('/') {
                return Err(ApiError::InvalidOSSObjectMalformed);
            }
            let format = match field("Format").map(str::to_ascii_uppercase) {
                None => String::new(),
                Some(f) if matches!(f.as_str(), "RAW" | "VHD" | "QCOW2" | "VMDK") => f,
                Some(_) => return Err(ApiError::InvalidImageFormatMalformed),
            };
            let size = match field("DiskImageSize").or_else(|| field("DiskImSize")) {
                None => None,
                Some(s) => match s.trim().parse::<u32>() {
                    Ok(v) if (1..=2048).contains(&v) => Some(v),
                    _ if n == 1 => return Err(ApiError::InvalidImageSize),
                    _ => return Err(ApiError::InvalidDataDiskSize),
                },
            };
            Ok(ImportDisk {
                bucket: bucket.to_string(),
                object: object.to_string(),
                format,
                size,
            })
        })
        .collect()
}

/// ImportImage: the image and its task.
pub fn import_image(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = region(ctx)?;
    let p = ctx.params;
    let disks = import_disks(p)?;
    let os_type = match p.opt("OSType").map(str::to_ascii_lowercase) {
        None => "linux".to_string(),
        Some(o) if o == "linux" || o == "windows" => o,
        Some(_) => return Err(ApiError::InvalidOSTypeMalformed),
    };
    let architecture = match p.opt("Architecture") {
        None => "x86_64".to_string(),
        Some(a @ ("i386" | "x86_64" | "arm64")) => a.to_string(),
        Some(_) => return Err(ApiError::InvalidArchitectureMalformed),
    };
    let r = ImportRequest {
        name: p.string("ImageName"),
        description: p.string("Description"),
        os_type,
        architecture,
        platform: p.opt("Platform").unwrap_or("Others Linux").to_string(),
        boot_mode: p.string("BootMode"),
        role: p.string("RoleName"),
        disks,
        tags: new_tags(p)?,
        client_token: client_token(p)?.map(str::to_string),
        resource_group: ctx
            .world()
            .resource_group(&ctx.caller.account_id, p.opt("ResourceGroupId"))?,
        dry_run: p.dry_run()?,
    };
    let now = ctx.now;
    let (image, task) =
        ctx.world_mut()
            .import_image(&ctx.caller.account_id, region, &r, now, ctx.ids)?;
    Ok(object! { "ImageId" => image, "RegionId" => region, "TaskId" => task }.into())
}

/// ExportImage: the task that writes the image to OSS.
pub fn export_image(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = region(ctx)?;
    let p = ctx.params;
    let image = required(p, "ImageId")?;
    let bucket = required(p, "OSSBucket")?;
    let prefix = match p.opt("OSSPrefix") {
        Some(v) if v.len() > 30 || !v.bytes().all(|b| b.is_ascii_alphanumeric()) => {
            return Err(ApiError::InvalidOSSPrefixMalformed)
        }
        v => v.map(str::to_string),
    };
    let format = match p.opt("ImageFormat").map(str::to_ascii_lowercase) {
        None => "raw".to_string(),
        Some(f) if matches!(f.as_str(), "raw" | "vhd" | "qcow2" | "vmdk" | "vdi") => f,
        Some(_) => return Err(ApiError::InvalidImageFormatMalformed),
    };
    let r = ExportRequest {
        image: image.to_string(),
        bucket: bucket.to_string(),
        prefix,
        format,
        role: p.string("RoleName"),
        dry_run: p.dry_run()?,
    };
    let now = ctx.now;
    let task = ctx
        .world_mut()
        .export_image(&ctx.caller.account_id, region, &r, now, ctx.ids)?;
    Ok(object! { "RegionId" => region, "TaskId" => task }.into())
}

fn task_time(t: Millis) -> String {
    format_minutes(t)
}

/// DescribeTaskAttribute: one task of the caller. `RegionId` may be left out (Terraform's
/// export polling sends none); when given, the task must be in it.
pub fn describe_task_attribute(ctx: &Ctx) -> Result<Reply, ApiError> {
    let p = ctx.params;
    let region = match p.opt("RegionId") {
        Some(_) => Some(ctx.required_region()?),
        None => None,
    };
    let id = required(p, "TaskId")?;
    let world = ctx.world();
    let t = world
        .tasks
        .get(id)
        .filter(|t| t.owner == ctx.caller.account_id && region.is_none_or(|r| r == t.region))
        .ok_or(ApiError::InvalidTaskIdNotFound)?;
    let now = ctx.now;
    let status = t.status(now);
    let items: Vec<Value> = t
        .items
        .iter()
        .map(|(n, v)| object! { "Name" => n.as_str(), "Value" => v.as_str() })
        .collect();
    let operation = match status {
        "Finished" => "Success",
        "Cancelled" => "Cancelled",
        _ => "Processing",
    };
    Ok(object! {
        "CreationTime" => task_time(t.created),
        "FailedCount" => 0,
        "FinishedTime" => if t.running(now) { String::new() } else { task_time(t.finish_at) },
        "OperationProgressSet" => object! {
            "OperationProgress" => vec![object! {
                "ErrorCode" => "",
                "ErrorMsg" => "",
                "OperationStatus" => operation,
                "RelatedItemSet" => object! { "RelatedItem" => items },
            }],
        },
        "RegionId" => t.region.as_str(),
        "SuccessCount" => i64::from(status == "Finished"),
        "SupportCancel" => if t.running(now) { "true" } else { "false" },
        "TaskAction" => t.action.as_str(),
        "TaskId" => t.id.as_str(),
        "TaskProcess" => format!("{}%", t.progress(now)),
        "TaskStatus" => status,
        "TotalCount" => 1,
    }
    .into())
}

/// DescribeTasks: the caller's tasks in the region, newest first, filtered by `TaskIds`
/// (comma-separated, up to 100), `TaskAction`, `TaskStatus`, `ResourceIds.N`.
pub fn describe_tasks(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = region(ctx)?;
    let p = ctx.params;
    let ids: Vec<&str> = p
        .opt("TaskIds")
        .map(|v| v.split(',').map(str::trim).collect())
        .unwrap_or_default();
    if ids.len() > 100 {
        return Err(ApiError::InvalidParameter("TaskIds".into()));
    }
    let action = p.opt("TaskAction");
    let status = p.opt("TaskStatus");
    let resources = p.list("ResourceIds")?;
    let (number, size) = paging(p)?;
    let world = ctx.world();
    let now = ctx.now;
    let mut found: Vec<&Task> = world
        .tasks
        .values()
        .filter(|t| t.owner == ctx.caller.account_id && t.region == region)
        .filter(|t| ids.is_empty() || ids.contains(&t.id.as_str()))
        .filter(|t| action.is_none_or(|a| a == t.action))
        .filter(|t| status.is_none_or(|s| s == t.status(now)))
        .filter(|t| resources.is_empty() || resources.contains(&t.resource.as_str()))
        .collect();
    found.sort_by(|a, b| b.created.cmp(&a.created).then_with(|| a.id.cmp(&b.id)));
    let total = found.len();
    let tasks: Vec<Value> = page(found, number, size)
        .map(|t| {
            object! {
                "CreationTime" => task_time(t.created),
                "FinishedTime" => if t.running(now) { String::new() } else { task_time(t.finish_at) },
                "ResourceId" => t.resource.as_str(),
                "SupportCancel" => if t.running(now) { "true" } else { "false" },
                "TaskAction" => t.action.as_str(),
                "TaskId" => t.id.as_str(),
                "TaskStatus" => t.status(now),
            }
        })
        .collect();
    Ok(object! {
        "PageNumber" => number,
        "PageSize" => size,
        "RegionId" => region,
        "TaskSet" => object! { "Task" => tasks },
        "TotalCount" => total,
    }
    .into())
}

/// CancelTask: a running ImportImage or ExportImage task of the caller in the region.
pub fn cancel_task(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = region(ctx)?;
    let id = required(ctx.params, "TaskId")?;
    let now = ctx.now;
    ctx.world_mut()
        .cancel_task(&ctx.caller.account_id, region, id, now)?;
    Ok(object! {}.into())
}
