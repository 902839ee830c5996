//! CreateImage, CopyImage, CancelCopyImage, ModifyImageAttribute (docs/sources.md#ecs-createimage).

use serde_json::json;

use super::{CopyImageRequest, CreateImageRequest, ImageAttributes};
use crate::error::ApiError;
use crate::products::ecs::tags::new_tags;
use crate::products::Ctx;
use crate::protocol::Reply;

pub fn create_image(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.required_region()?;
    let p = ctx.params;
    // Precedence: InstanceId > DiskDeviceMapping > SnapshotId (§4.5); a mapping's system-disk
    // snapshot stands for the image's source.
    let mapping_snapshot = p
        .object_list("DiskDeviceMapping")?
        .into_iter()
        .find_map(|f| f.get("SnapshotId").map(str::to_string));
    let req = CreateImageRequest {
        instance_id: p.string("InstanceId"),
        snapshot_id: mapping_snapshot.or_else(|| p.string("SnapshotId")),
        name: p.string("ImageName"),
        description: p.string("Description"),
        family: p.string("ImageFamily"),
        architecture: p.string("Architecture"),
        platform: p.string("Platform"),
        boot_mode: p.string("BootMode"),
        version: match p.string("ImageVersion") {
            Some(v) if v.chars().count() > 40 => {
                return Err(ApiError::InvalidParameter("ImageVersion".into()))
            }
            v => v,
        },
        tags: new_tags(p)?,
        client_token: crate::products::client_token(p)?.map(str::to_string),
        resource_group: ctx
            .world()
            .resource_group(&ctx.caller.account_id, p.opt("ResourceGroupId"))?,
        dry_run: p.dry_run()?,
    };
    let now = ctx.now;
    let id = ctx
        .world_mut()
        .create_image(&ctx.caller.account_id, region, &req, now, ctx.ids)?;
    Ok(json!({ "ImageId": id }).into())
}

pub fn copy_image(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.required_region()?;
    let p = ctx.params;
    let req = CopyImageRequest {
        image_id: p.required("ImageId")?.to_string(),
        destination_region: p.string("DestinationRegionId"),
        name: p.string("DestinationImageName"),
        description: p.string("DestinationDescription"),
        encrypted: p.bool("Encrypted")?,
        kms_key_id: p.string("KMSKeyId"),
        tags: new_tags(p)?,
        client_token: crate::products::client_token(p)?.map(str::to_string),
        resource_group: ctx
            .world()
            .resource_group(&ctx.caller.account_id, p.opt("ResourceGroupId"))?,
        dry_run: p.dry_run()?,
    };
    let now = ctx.now;
    let id = ctx
        .world_mut()
        .copy_image(&ctx.caller.account_id, region, &req, now, ctx.ids)?;
    Ok(json!({ "ImageId": id }).into())
}

pub fn cancel_copy_image(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.required_region()?;
    let id = ctx.params.required("ImageId")?;
    let now = ctx.now;
    ctx.world_mut()
        .cancel_copy_image(&ctx.caller.account_id, region, id, now)?;
    Ok(json!({}).into())
}

pub fn modify_image_attribute(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.required_region()?;
    let p = ctx.params;
    let id = p.required("ImageId")?;
    let attrs = ImageAttributes {
        name: p.string("ImageName"),
        description: p.string("Description"),
        family: p.string("ImageFamily"),
        status: p.string("Status"),
        boot_mode: p.string("BootMode"),
        license_type: p.string("LicenseType"),
        dry_run: p.dry_run()?,
    };
    let now = ctx.now;
    ctx.world_mut()
        .modify_image_attribute(&ctx.caller.account_id, region, id, &attrs, now)?;
    Ok(json!({}).into())
}
