//! RunInstances, CreateInstance, StartInstance, StopInstance, RebootInstance,
//! DeleteInstance, DescribeInstances, DescribeInstanceAttribute, DescribeInstanceStatus
//! (docs/sources.md#ecs-instances).

use serde_json::Value;

use super::render;
use super::rules::{Launch, Power};
use super::{Instance, InstanceStatus};
use crate::error::ApiError;
use crate::products::{page, paging, wildcard, Ctx, Paging};
use crate::protocol::Reply;

/// Instance IDs a DescribeInstances `InstanceIds` may list.
const MAX_DESCRIBE_IDS: usize = 100;

fn launch(ctx: &Ctx, amount: usize, start: bool) -> Result<Vec<String>, ApiError> {
    let region = ctx.required_region()?;
    let p = ctx.params;
    let (system_disk, data_disks) = crate::products::ecs::disks::actions::launch_disks(p)?;
    let l = Launch {
        region,
        image_id: p.required("ImageId")?,
        instance_type: p.required("InstanceType")?,
        amount,
        name: p.opt("InstanceName"),
        zone: p.opt("ZoneId"),
        key_pair: p.opt("KeyPairName"),
        security_group: p.opt("SecurityGroupId"),
        vswitch: p.opt("VSwitchId"),
        bandwidth_out: p.int("InternetMaxBandwidthOut", 0, 100)?.unwrap_or(0) as u32,
        resource_group: ctx
            .world()
            .resource_group(&ctx.caller.account_id, p.opt("ResourceGroupId"))?,
        system_disk,
        data_disks,
        start,
        dry_run: p.dry_run()?,
    };
    let now = ctx.now;
    ctx.world_mut()
        .run_instances(&ctx.caller.account_id, &l, now, ctx.ids)
}

pub fn run_instances(ctx: &Ctx) -> Result<Reply, ApiError> {
    let amount = ctx.params.int("Amount", 1, 100)?.unwrap_or(1) as usize;
    let ids = launch(ctx, amount, true)?;
    Ok(object! {
        "InstanceIdSets" => object! { "InstanceIdSet" => ids },
        "OrderId" => "",
        "TradePrice" => 0.0,
    }
    .into())
}

pub fn create_instance(ctx: &Ctx) -> Result<Reply, ApiError> {
    let ids = launch(ctx, 1, false)?;
    Ok(object! { "InstanceId" => ids[0].as_str(), "OrderId" => "", "TradePrice" => 0.0 }.into())
}

/// The region the call names, the instance's ID and whether it is a dry run: what the
/// status-changing calls take. Their SDK requests have no `RegionId` (instance IDs are
/// unique); when one is sent (the legacy SDKs add it), the instance must be in it.
fn target<'a>(ctx: &'a Ctx) -> Result<(Option<&'a str>, &'a str, bool), ApiError> {
    let region = match ctx.params.opt("RegionId") {
        Some(_) => Some(ctx.required_region()?),
        None => None,
    };
    let id = ctx.params.required("InstanceId")?;
    Ok((region, id, ctx.params.dry_run()?))
}

pub fn start_instance(ctx: &Ctx) -> Result<Reply, ApiError> {
    let (region, id, dry) = target(ctx)?;
    ctx.world_mut().power(
        &ctx.caller.account_id,
        region,
        id,
        Power::Start,
        dry,
        ctx.now,
    )?;
    Ok(object! {}.into())
}

pub fn stop_instance(ctx: &Ctx) -> Result<Reply, ApiError> {
    let (region, id, dry) = target(ctx)?;
    // ForceStop, ConfirmStop and StoppedMode are accepted; a forced stop takes as long.
    ctx.params.bool("ForceStop")?;
    ctx.params.bool("ConfirmStop")?;
    ctx.world_mut().power(
        &ctx.caller.account_id,
        region,
        id,
        Power::Stop,
        dry,
        ctx.now,
    )?;
    Ok(object! {}.into())
}

pub fn reboot_instance(ctx: &Ctx) -> Result<Reply, ApiError> {
    let (region, id, dry) = target(ctx)?;
    ctx.params.bool("ForceStop")?;
    ctx.world_mut().power(
        &ctx.caller.account_id,
        region,
        id,
        Power::Reboot,
        dry,
        ctx.now,
    )?;
    Ok(object! {}.into())
}

pub fn delete_instance(ctx: &Ctx) -> Result<Reply, ApiError> {
    let (region, id, dry) = target(ctx)?;
    let force = ctx.params.bool("Force")?.unwrap_or(false);
    ctx.params.bool("ForceStop")?;
    ctx.world_mut()
        .delete_instance(&ctx.caller.account_id, region, id, force, dry, ctx.now)?;
    Ok(object! {}.into())
}

/// AllocatePublicIpAddress (no `RegionId` in the SDK request).
pub fn allocate_public_ip_address(ctx: &Ctx) -> Result<Reply, ApiError> {
    let id = ctx.params.required("InstanceId")?;
    if ctx.params.opt("IpAddress").is_some_and(|a| !a.is_empty()) {
        // Only allow-listed users may choose the address.
        return Err(ApiError::InvalidIpAddressMalformed);
    }
    let ip = ctx
        .world_mut()
        .allocate_public_ip(&ctx.caller.account_id, id, ctx.now, ctx.ids)?;
    Ok(object! { "IpAddress" => ip }.into())
}

/// A JSON array of at most `max` IDs, or `invalid`. Single quotes are read as double quotes
/// (`['i-1']`, Python's list text, which footmark sends for `SnapshotIds` and which the real
/// service accepts: its JSON reader is lenient; *inferred* from that client working).
pub fn id_array(v: &str, max: usize, invalid: ApiError) -> Result<Vec<String>, ApiError> {
    let parsed = serde_json::from_str::<Vec<String>>(v).or_else(|e| {
        if v.contains('\'') && !v.contains('"') {
            serde_json::from_str::<Vec<String>>(&v.replace('\'', "\""))
        } else {
            Err(e)
        }
    });
    match parsed {
        Ok(ids) if !ids.is_empty() && ids.len() <= max => Ok(ids),
        _ => Err(invalid),
    }
}

/// The caller's instances in the region that DescribeInstances' filters keep, oldest first.
fn matching<'w>(
    ctx: &Ctx,
    world: &'w crate::world::World,
    region: &str,
) -> Result<Vec<&'w Instance>, ApiError> {
    let p = ctx.params;
    let ids = match p.opt("InstanceIds") {
        None => None,
        Some(v) => Some(id_array(
            v,
            MAX_DESCRIBE_IDS,
            ApiError::InvalidParameter("InstanceIds".into()),
        )?),
    };
    let status = match p.opt("Status") {
        None => None,
        Some(s) => {
            Some(InstanceStatus::parse(s).ok_or(ApiError::InvalidParameter("Status".into()))?)
        }
    };
    let image = p.opt("ImageId");
    let name = p.opt("InstanceName");
    let kind = p.opt("InstanceType");
    let zone = p.opt("ZoneId");
    let group = world.group_filter(&ctx.caller.account_id, p.opt("ResourceGroupId"));
    let now = ctx.now;
    let mut found: Vec<&Instance> = world
        .instances
        .iter()
        .filter(|i| i.owner == ctx.caller.account_id && i.region == region)
        .filter(|i| ids.as_ref().is_none_or(|l| l.contains(&i.id)))
        .filter(|i| image.is_none_or(|m| m == i.image_id))
        .filter(|i| name.is_none_or(|n| wildcard(n, &i.name)))
        .filter(|i| kind.is_none_or(|k| k == i.instance_type))
        .filter(|i| zone.is_none_or(|z| z == i.zone))
        .filter(|i| status.is_none_or(|s| s == i.status_at(now)))
        .filter(|i| group.as_ref().is_none_or(|g| g.keeps(&i.resource_group)))
        .collect();
    found.sort_by(|a, b| a.created.cmp(&b.created).then_with(|| a.id.cmp(&b.id)));
    Ok(found)
}

/// DescribeInstances: page numbers (`PageNumber`/`PageSize`), or tokens when `MaxResults` or
/// `NextToken` is sent (then `TotalCount` is still given).
pub fn describe_instances(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.required_region()?;
    let paging = Paging::read(ctx.params, 100)?;
    let world = ctx.world();
    let found = matching(ctx, &world, region)?;
    let now = ctx.now;
    let (items, mut out) = paging.apply(found);
    let items: Vec<Value> = items
        .iter()
        .map(|i| render::instance(i, world.eip_of(&i.id), now))
        .collect();
    out.insert("Instances".into(), object! { "Instance" => items });
    Ok(Value::Object(out).into())
}

/// DescribeInstanceAttribute: one of the caller's instances, in any region.
pub fn describe_instance_attribute(ctx: &Ctx) -> Result<Reply, ApiError> {
    let id = ctx.params.required("InstanceId")?;
    let world = ctx.world();
    let i = world
        .instances
        .get(id)
        .filter(|i| i.owner == ctx.caller.account_id)
        .ok_or(ApiError::InvalidInstanceIdNotFound)?;
    Ok(render::attribute(i, world.eip_of(&i.id), ctx.now).into())
}

/// DescribeInstanceStatus: each of the caller's instances in the region with its status.
pub fn describe_instance_status(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.required_region()?;
    let p = ctx.params;
    let (number, size) = paging(p)?;
    let zone = p.opt("ZoneId");
    let ids = p.list("InstanceId")?;
    let world = ctx.world();
    let now = ctx.now;
    let mut found: Vec<&Instance> = world
        .instances
        .iter()
        .filter(|i| i.owner == ctx.caller.account_id && i.region == region)
        .filter(|i| zone.is_none_or(|z| z == i.zone))
        .filter(|i| ids.is_empty() || ids.contains(&i.id.as_str()))
        .collect();
    found.sort_by(|a, b| a.created.cmp(&b.created).then_with(|| a.id.cmp(&b.id)));
    let total = found.len();
    let items: Vec<Value> = page(found, number, size)
        .map(|i| object! { "InstanceId" => i.id.as_str(), "Status" => i.status_at(now).as_str() })
        .collect();
    Ok(object! {
        "TotalCount" => total,
        "PageNumber" => number,
        "PageSize" => size,
        "InstanceStatuses" => object! { "InstanceStatus" => items },
    }
    .into())
}
