//! Simple Application Server 2020-06-01: custom images and sharing them to ECS
//! (docs/sources.md#swas). One-way: a SWAS image can become an ECS image of the same
//! account; an ECS image can never become a SWAS image.

use serde_json::Value;

use super::rules::CustomImageRequest;
use super::SwasImage;
use crate::error::ApiError;
use crate::products::ecs::instances::actions::id_array;
use crate::products::{client_token, page, Action, Ctx};
use crate::protocol::Reply;
use crate::time::format_seconds;
use crate::world::World;

pub static ACTIONS: &[Action] = &[
    Action {
        name: "CreateCustomImage",
        handler: create_custom_image,
    },
    Action {
        name: "DeleteCustomImage",
        handler: delete_custom_image,
    },
    Action {
        name: "DeleteCustomImages",
        handler: delete_custom_images,
    },
    Action {
        name: "ListImages",
        handler: list_images,
    },
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

fn image_view(world: &World, i: &SwasImage) -> Value {
    let instance_name = world
        .swas_instances
        .get(&i.instance_id)
        .map_or("", |s| s.name.as_str());
    object! {
        "ImageId" => i.id.as_str(),
        "Name" => i.name.as_str(),
        "Description" => i.description.as_str(),
        "RegionId" => i.region.as_str(),
        // "1" = available (SDK-SWAS status codes, as strings).
        "Status" => "1",
        "CreationTime" => format_seconds(i.created),
        "InstanceId" => i.instance_id.as_str(),
        "InstanceName" => instance_name,
        "SystemSnapshotId" => i.system_snapshot_id.as_str(),
        "SystemSnapshotName" => "",
        "DataSnapshotId" => i.data_snapshot_id.as_str(),
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
    let items: Vec<Value> = page(found, number, size)
        .map(|i| image_view(&world, i))
        .collect();
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

/// `ImageIds`: a JSON array (documented) or IDs separated by commas (also documented), at
/// most `max`.
fn image_ids(ctx: &Ctx, max: usize) -> Result<Option<Vec<String>>, ApiError> {
    let invalid = || ApiError::InvalidParameter("ImageIds".into());
    let Some(v) = ctx.params.opt("ImageIds") else {
        return Ok(None);
    };
    if v.trim_start().starts_with('[') {
        return id_array(v, max, invalid()).map(Some);
    }
    let ids: Vec<String> = v
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if ids.is_empty() || ids.len() > max {
        return Err(invalid());
    }
    Ok(Some(ids))
}

/// The documented name rule: 2-128 characters of letters, digits, `:`, `_` and `-`,
/// starting with a letter or a digit.
fn valid_swas_image_name(name: &str) -> bool {
    let n = name.chars().count();
    (2..=128).contains(&n)
        && name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '_' | '-'))
}

/// CreateCustomImage from a scenario server; `ClientToken` (64 ASCII characters) makes a
/// repeated call answer the first image.
fn create_custom_image(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = region(ctx)?;
    let name = ctx.params.required("ImageName")?;
    let instance_id = ctx.params.required("InstanceId")?;
    if !valid_swas_image_name(name) {
        return Err(ApiError::InvalidParameter("ImageName".into()));
    }
    let r = CustomImageRequest {
        instance_id: instance_id.to_string(),
        name: name.to_string(),
        description: ctx.params.string("Description").unwrap_or_default(),
        system_snapshot_id: ctx.params.string("SystemSnapshotId").unwrap_or_default(),
        data_snapshot_id: ctx.params.string("DataSnapshotId").unwrap_or_default(),
    };
    let token = client_token(ctx.params)?;
    let caller = &ctx.caller.account_id;
    let mut world = ctx.world_mut();
    // A repeated ClientToken answers the first call's image and creates nothing.
    if let Some(id) = world.token_resource("swas-image", caller, token) {
        return Ok(object! { "ImageId" => id }.into());
    }
    let id = world.create_swas_image(caller, region, r, ctx.now, ctx.ids)?;
    world.remember_token("swas-image", caller, token, &id);
    Ok(object! { "ImageId" => id }.into())
}

fn delete_custom_image(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = region(ctx)?;
    let id = ctx.params.required("ImageId")?.to_string();
    ctx.world_mut()
        .delete_swas_images(&ctx.caller.account_id, region, &[id])?;
    Ok(object! {}.into())
}

/// At most 15 IDs (documented).
fn delete_custom_images(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = region(ctx)?;
    ctx.params.required("ImageIds")?;
    let ids = image_ids(ctx, 15)?.unwrap_or_default();
    ctx.world_mut()
        .delete_swas_images(&ctx.caller.account_id, region, &ids)?;
    Ok(object! {}.into())
}

/// ListImages: the caller's custom images in the region for `ImageType` `custom` or none.
/// The mock has no SWAS system or application images, so `system` and `app` list nothing.
fn list_images(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = region(ctx)?;
    let ids = image_ids(ctx, 50)?;
    let kind = ctx.params.opt("ImageType");
    if !matches!(kind, None | Some("system" | "app" | "custom")) {
        return Err(ApiError::InvalidParameter("ImageType".into()));
    }
    let world = ctx.world();
    let images: Vec<Value> = world
        .swas_images
        .values()
        .filter(|_| matches!(kind, None | Some("custom")))
        .filter(|i| i.owner == ctx.caller.account_id && i.region == region)
        .filter(|i| ids.as_ref().is_none_or(|l| l.contains(&i.id)))
        .map(|i| {
            object! {
                "ImageId" => i.id.as_str(),
                "ImageName" => i.name.as_str(),
                "Description" => i.description.as_str(),
                "ImageType" => "custom",
                "Platform" => "Linux",
            }
        })
        .collect();
    Ok(object! { "Images" => images }.into())
}
