//! CreateImage, CopyImage, CancelCopyImage, ModifyImageAttribute (ecs-image-api.md §4.5-§4.8).

use serde_json::json;

use super::{CopyImageRequest, CreateImageRequest, ImageAttributes};
use crate::error::ApiError;
use crate::products::ecs::tags::new_tags;
use crate::products::required_region;
use crate::products::Ctx;
use crate::protocol::Reply;

fn opt(ctx: &Ctx, name: &str) -> Option<String> {
    ctx.params.opt(name).map(str::to_string)
}

pub fn create_image(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = required_region(ctx)?;
    let p = ctx.params;
    // Precedence: InstanceId > DiskDeviceMapping > SnapshotId (§4.5); a mapping's system-disk
    // snapshot stands for the image's source.
    let mapping_snapshot = p
        .object_list("DiskDeviceMapping")
        .into_iter()
        .find_map(|f| {
            f.iter()
                .find(|(k, _)| *k == "SnapshotId")
                .map(|(_, v)| v.to_string())
        });
    let req = CreateImageRequest {
        instance_id: opt(ctx, "InstanceId"),
        snapshot_id: mapping_snapshot.or_else(|| opt(ctx, "SnapshotId")),
        name: opt(ctx, "ImageName"),
        description: opt(ctx, "Description"),
        family: opt(ctx, "ImageFamily"),
        architecture: opt(ctx, "Architecture"),
        platform: opt(ctx, "Platform"),
        boot_mode: opt(ctx, "BootMode"),
        tags: new_tags(p)?,
        client_token: opt(ctx, "ClientToken"),
        dry_run: p.bool("DryRun")?.unwrap_or(false),
    };
    let now = ctx.now;
    let id = ctx
        .world_mut()
        .create_image(&ctx.caller.account_id, region, &req, now, ctx.ids)?;
    Ok(json!({ "ImageId": id }).into())
}

pub fn copy_image(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = required_region(ctx)?;
    let p = ctx.params;
    let req = CopyImageRequest {
        image_id: p.required("ImageId")?.to_string(),
        destination_region: opt(ctx, "DestinationRegionId"),
        name: opt(ctx, "DestinationImageName"),
        description: opt(ctx, "DestinationDescription"),
        encrypted: p.bool("Encrypted")?,
        kms_key_id: opt(ctx, "KMSKeyId"),
        tags: new_tags(p)?,
        client_token: opt(ctx, "ClientToken"),
        dry_run: p.bool("DryRun")?.unwrap_or(false),
    };
    let now = ctx.now;
    let id = ctx
        .world_mut()
        .copy_image(&ctx.caller.account_id, region, &req, now, ctx.ids)?;
    Ok(json!({ "ImageId": id }).into())
}

pub fn cancel_copy_image(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = required_region(ctx)?;
    let id = ctx.params.required("ImageId")?;
    let now = ctx.now;
    ctx.world_mut()
        .cancel_copy_image(&ctx.caller.account_id, region, id, now)?;
    Ok(json!({}).into())
}

pub fn modify_image_attribute(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = required_region(ctx)?;
    let p = ctx.params;
    let id = p.required("ImageId")?;
    let attrs = ImageAttributes {
        name: opt(ctx, "ImageName"),
        description: opt(ctx, "Description"),
        family: opt(ctx, "ImageFamily"),
        status: opt(ctx, "Status"),
        boot_mode: opt(ctx, "BootMode"),
        license_type: opt(ctx, "LicenseType"),
        dry_run: p.bool("DryRun")?.unwrap_or(false),
    };
    let now = ctx.now;
    ctx.world_mut()
        .modify_image_attribute(&ctx.caller.account_id, region, id, &attrs, now)?;
    Ok(json!({}).into())
}
