//! RunInstances, CreateInstance, DescribeInstances, DeleteInstance: as much of ECS instances
//! as image sharing needs (launch checks, ImageUsingByInstance, billing).

use serde_json::Value;

use super::Instance;
use crate::error::ApiError;
use crate::products::{page, paging, Ctx};
use crate::protocol::Reply;
use crate::time::format_seconds;

fn launch(ctx: &Ctx, amount: usize) -> Result<Vec<String>, ApiError> {
    let region = ctx.required_region()?;
    let p = ctx.params;
    let image = p.required("ImageId")?;
    let kind = p.required("InstanceType")?;
    let dry = p.dry_run()?;
    let now = ctx.now;
    ctx.world_mut().run_instances(
        &ctx.caller.account_id,
        region,
        image,
        kind,
        amount,
        dry,
        now,
        ctx.ids,
    )
}

pub fn run_instances(ctx: &Ctx) -> Result<Reply, ApiError> {
    let amount = ctx.params.int("Amount", 1, 100)?.unwrap_or(1) as usize;
    let ids = launch(ctx, amount)?;
    Ok(object! {
        "InstanceIdSets" => object! { "InstanceIdSet" => ids },
        "OrderId" => "",
        "TradePrice" => 0.0,
    }
    .into())
}

pub fn create_instance(ctx: &Ctx) -> Result<Reply, ApiError> {
    let ids = launch(ctx, 1)?;
    Ok(object! { "InstanceId" => ids[0].as_str(), "OrderId" => "", "TradePrice" => 0.0 }.into())
}

fn instance_view(i: &Instance) -> Value {
    object! {
        "InstanceId" => i.id.as_str(),
        "InstanceName" => i.id.as_str(),
        "RegionId" => i.region.as_str(),
        "ZoneId" => format!("{}-a", i.region),
        "ImageId" => i.image_id.as_str(),
        "InstanceType" => i.instance_type.as_str(),
        "Status" => "Running",
        "CreationTime" => format_seconds(i.created),
        "InstanceChargeType" => "PostPaid",
    }
}

pub fn describe_instances(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.required_region()?;
    let p = ctx.params;
    let ids: Option<Vec<String>> = match p.opt("InstanceIds") {
        None => None,
        Some(v) => Some(
            serde_json::from_str(v)
                .map_err(|_| ApiError::InvalidParameter("InstanceIds".into()))?,
        ),
    };
    let image = p.opt("ImageId");
    let (number, size) = paging(p)?;
    let world = ctx.world();
    let mut found: Vec<&Instance> = world
        .instances
        .iter()
        .filter(|i| i.owner == ctx.caller.account_id && i.region == region)
        .filter(|i| ids.as_ref().is_none_or(|l| l.contains(&i.id)))
        .filter(|i| image.is_none_or(|m| m == i.image_id))
        .collect();
    found.sort_by(|a, b| a.created.cmp(&b.created).then_with(|| a.id.cmp(&b.id)));
    let total = found.len();
    let items: Vec<Value> = page(found, number, size).map(instance_view).collect();
    Ok(object! {
        "TotalCount" => total,
        "PageNumber" => number,
        "PageSize" => size,
        "Instances" => object! { "Instance" => items },
    }
    .into())
}

pub fn delete_instance(ctx: &Ctx) -> Result<Reply, ApiError> {
    let id = ctx.params.required("InstanceId")?;
    ctx.world_mut()
        .delete_instance(&ctx.caller.account_id, id)?;
    Ok(object! {}.into())
}
