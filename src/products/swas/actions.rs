//! Simple Application Server 2020-06-01: custom images and sharing them to ECS
//! (docs/sources.md#swas). One-way: a SWAS image can become an ECS image of the same
//! account; an ECS image can never become a SWAS image.

use serde_json::Value;

use super::SwasImage;
use crate::error::ApiError;
use crate::products::{page, Action, Ctx};
use crate::protocol::Reply;
use crate::time::format_seconds;

pub static ACTIONS: &[Action] = &[
    Action {
        name: "ListCustomImages",
        handler: list_custom_images,
    },
    Action {
        name: "ModifyImageShareStatus",
        handler: modify_image_share_status,
    },
];

/// A JSON-array-in-a-string parameter (`ImageIds`, `ImageNames`).
fn json_list(ctx: &Ctx, name: &str) -> Result<Option<Vec<String>>, ApiError> {
    match ctx.params.opt(name) {
        None => Ok(None),
        Some(v) => serde_json::from_str::<Vec<String>>(v)
            .map(Some)
            .map_err(|_| ApiError::InvalidParameter(name.to_string())),
    }
}

fn image_view(i: &SwasImage) -> Value {
    object! {
        "ImageId" => i.id.as_str(),
        "Name" => i.name.as_str(),
        "Description" => "",
        "RegionId" => i.region.as_str(),
        // "1" = available (SDK-SWAS status codes, as strings).
        "Status" => "1",
        "CreationTime" => format_seconds(i.created),
        "InstanceId" => "",
        "InstanceName" => "",
        "SystemSnapshotId" => "",
        "SystemSnapshotName" => "",
        "DataSnapshotId" => "",
        "DataSnapshotName" => "",
        "ResourceGroupId" => "",
        "Tags" => Vec::<Value>::new(),
        "InShare" => i.shared_to_ecs,
        "InShareUser" => false,
        "UserId" => i.owner.parse::<i64>().unwrap_or(0),
        "OsType" => "Linux",
        "RequiredSystemDiskSize" => 20,
        "RequiredDataDiskSize" => 0,
        "CreateInstances" => Vec::<Value>::new(),
    }
}

/// The region of a SWAS call: `RegionId`, else the endpoint's region, else the default
/// region, as for ECS calls (the service's behaviour without `RegionId` is not documented;
/// Terraform sends none to ModifyImageShareStatus, so a refusal would break it).
fn region<'a>(ctx: &'a Ctx) -> Result<&'a str, ApiError> {
    ctx.region()
}

fn list_custom_images(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = region(ctx)?;
    let ids = json_list(ctx, "ImageIds")?;
    let names = json_list(ctx, "ImageNames")?;
    let share = ctx.params.bool("Share")?;
    let number = ctx
        .params
        .int("PageNumber", 1, i32::MAX as i64)?
        .unwrap_or(1) as usize;
    let size = ctx.params.int("PageSize", 1, 100)?.unwrap_or(10) as usize;
    let world = ctx.world();
    let found: Vec<&SwasImage> = world
        .swas_images
        .values()
        .filter(|i| i.owner == ctx.caller.account_id && i.region == region)
        .filter(|i| ids.as_ref().is_none_or(|l| l.contains(&i.id)))
        .filter(|i| names.as_ref().is_none_or(|l| l.contains(&i.name)))
        .filter(|i| share.is_none_or(|s| s == i.shared_to_ecs))
        .collect();
    let total = found.len();
    let items: Vec<Value> = page(found, number, size).map(image_view).collect();
    // TotalCount, PageNumber and PageSize are strings in this API (§6).
    Ok(object! {
        "TotalCount" => total.to_string(),
        "PageNumber" => number.to_string(),
        "PageSize" => size.to_string(),
        "CustomImages" => items,
    }
    .into())
}

fn modify_image_share_status(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = region(ctx)?;
    let id = ctx.params.required("ImageId")?;
    let op = ctx.params.required("Operation")?;
    let now = ctx.now;
    ctx.world_mut()
        .modify_swas_share(&ctx.caller.account_id, region, id, op, now)?;
    Ok(object! {}.into())
}
