//! Create, update, delete, associate, disassociate, invitations, enabling.

use serde_json::Value;

use super::{ResourceShare, ShareEntities};
use crate::error::ApiError;
use crate::products::Ctx;
use crate::protocol::{Params, Reply};
use crate::time::format_millis;
use crate::world::World;

pub fn share_view(world: &World, s: &ResourceShare, now: i64) -> Value {
    object! {
        "ResourceShareId" => s.id.as_str(),
        "ResourceShareName" => s.name.as_str(),
        "ResourceShareOwner" => s.owner.as_str(),
        "ResourceShareStatus" => s.status_at(now, &world.shares.invitations),
        "AllowExternalTargets" => s.allow_external,
        "CreateTime" => format_millis(s.created),
        "UpdateTime" => format_millis(s.updated),
        "ResourceGroupId" => s.resource_group.as_str(),
        "Tags" => s
            .tags
            .iter()
            .map(|(k, v)| object! { "Key" => k.as_str(), "Value" => v.as_str() })
            .collect::<Vec<Value>>(),
    }
}

/// One `ResourceShareAssociations[]` entry for an entity of a share.
pub fn association_view(
    world: &World,
    s: &ResourceShare,
    entity: &str,
    resource: bool,
    now: i64,
) -> Option<Value> {
    let list = if resource { &s.resources } else { &s.targets };
    let a = list.iter().find(|a| a.entity_id == entity)?;
    let status = if resource {
        a.status_at(now)
    } else {
        world.target_status(s, a, now)
    };
    Some(object! {
        "ResourceShareId" => s.id.as_str(),
        "ResourceShareName" => s.name.as_str(),
        "EntityId" => a.entity_id.as_str(),
        "EntityType" => a.entity_type.as_str(),
        "AssociationType" => if resource { "Resource" } else { "Target" },
        "AssociationStatus" => status.as_str(),
        "AssociationStatusMessage" => "",
        "TargetProperty" => "",
        "CreateTime" => format_millis(a.created),
        "UpdateTime" => format_millis(a.updated_at(now)),
        "External" => a.external,
        "AssociationFailedDetails" => Vec::<Value>::new(),
    })
}

/// `Resources.N.ResourceType/ResourceId`, `Targets.N`, `PermissionNames.N`. The newer
/// `ResourceArns`, `ResourceProperties` and `TargetProperties` are not modelled: refused
/// rather than ignored.
fn entities(p: &Params) -> Result<ShareEntities, ApiError> {
    if !p.list("ResourceArns")?.is_empty() || !p.object_list("ResourceProperties")?.is_empty() {
        return Err(ApiError::InvalidParameterGeneric);
    }
    if !p.object_list("TargetProperties")?.is_empty() {
        return Err(ApiError::InvalidParameterTargetProperties);
    }
    let mut resources = Vec::new();
    for fields in p.object_list("Resources")? {
        match (fields.get("ResourceType"), fields.get("ResourceId")) {
            (Some(t), Some(i)) if !t.is_empty() && !i.is_empty() => {
                resources.push((t.to_string(), i.to_string()))
            }
            _ => return Err(ApiError::InvalidParameterResources),
        }
    }
    Ok(ShareEntities {
        resources,
        targets: p.list("Targets")?.into_iter().map(str::to_string).collect(),
        permissions: p
            .list("PermissionNames")?
            .into_iter()
            .map(str::to_string)
            .collect(),
    })
}

fn region<'a>(ctx: &'a Ctx) -> Result<&'a str, ApiError> {
    ctx.region()
}

pub fn enable_sharing(ctx: &Ctx) -> Result<Reply, ApiError> {
    ctx.world_mut().enable_rd_sharing(&ctx.caller.account_id)?;
    Ok(object! {}.into())
}

pub fn check_sharing(ctx: &Ctx) -> Result<Reply, ApiError> {
    let world = ctx.world();
    let enabled = world
        .directories
        .of(&ctx.caller.account_id)
        .is_some_and(|d| d.sharing_enabled);
    Ok(object! { "EnableSharingWithRd" => enabled }.into())
}

pub fn create_resource_share(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = region(ctx)?;
    let p = ctx.params;
    let e = entities(p)?;
    let external = p.bool("AllowExternalTargets")?.unwrap_or(false);
    let tags = crate::products::ecs::tags::new_tags(p)?;
    crate::products::ecs::tags::check_tags(&tags)?;
    let now = ctx.now;
    let mut world = ctx.world_mut();
    let group = world.resource_group(&ctx.caller.account_id, p.opt("ResourceGroupId"))?;
    let id = world.create_resource_share(
        &ctx.caller.account_id,
        region,
        p.opt("ResourceShareName"),
        external,
        &e,
        now,
        ctx.ids,
    )?;
    if let Some(s) = world.shares.by_id.get_mut(&id) {
        s.resource_group = group;
        s.tags = tags.into_iter().collect();
    }
    let v = share_view(&world, &world.shares.by_id[&id], now);
    Ok(object! { "ResourceShare" => v }.into())
}

pub fn update_resource_share(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = region(ctx)?;
    let p = ctx.params;
    let external = p.bool("AllowExternalTargets")?;
    let now = ctx.now;
    let mut world = ctx.world_mut();
    let id = world.update_resource_share(
        &ctx.caller.account_id,
        region,
        p.opt("ResourceShareId"),
        p.opt("ResourceShareName"),
        external,
        now,
    )?;
    let v = share_view(&world, &world.shares.by_id[&id], now);
    Ok(object! { "ResourceShare" => v }.into())
}

pub fn delete_resource_share(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = region(ctx)?;
    let now = ctx.now;
    ctx.world_mut().delete_resource_share(
        &ctx.caller.account_id,
        region,
        ctx.params.opt("ResourceShareId"),
        now,
    )?;
    Ok(object! {}.into())
}

fn associations(world: &World, share: &str, touched: &[String], now: i64) -> Value {
    let s = &world.shares.by_id[share];
    let items: Vec<Value> = touched
        .iter()
        .filter_map(|e| {
            association_view(world, s, e, true, now)
                .or_else(|| association_view(world, s, e, false, now))
        })
        .collect();
    object! { "ResourceShareAssociations" => items }
}

pub fn associate_resource_share(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = region(ctx)?;
    let p = ctx.params;
    let e = entities(p)?;
    let now = ctx.now;
    let mut world = ctx.world_mut();
    let id = p.opt("ResourceShareId");
    let touched =
        world.associate_resource_share(&ctx.caller.account_id, region, id, &e, now, ctx.ids)?;
    Ok(associations(&world, id.expect("checked"), &touched, now).into())
}

pub fn disassociate_resource_share(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = region(ctx)?;
    let p = ctx.params;
    let e = entities(p)?;
    let as_owner = match p.opt("ResourceOwner") {
        None | Some("Self") => true,
        Some("OtherAccounts") => false,
        Some(_) => return Err(ApiError::InvalidParameterResourceOwner),
    };
    let now = ctx.now;
    let mut world = ctx.world_mut();
    let id = p.opt("ResourceShareId");
    let touched =
        world.disassociate_resource_share(&ctx.caller.account_id, region, id, &e, as_owner, now)?;
    Ok(associations(&world, id.expect("checked"), &touched, now).into())
}

pub fn invitation_view(world: &World, i: &super::Invitation, now: i64) -> Value {
    let name = world
        .shares
        .by_id
        .get(&i.share_id)
        .map_or("", |s| s.name.as_str());
    object! {
        "ResourceShareInvitationId" => i.id.as_str(),
        "ResourceShareId" => i.share_id.as_str(),
        "ResourceShareName" => name,
        "SenderAccountId" => i.sender.as_str(),
        "ReceiverAccountId" => i.receiver.as_str(),
        "CreateTime" => format_millis(i.created),
        "Status" => i.status_at(now).as_str(),
    }
}

fn respond(ctx: &Ctx, accept: bool) -> Result<Reply, ApiError> {
    let now = ctx.now;
    let mut world = ctx.world_mut();
    let inv = world.respond_invitation(
        &ctx.caller.account_id,
        ctx.params.opt("ResourceShareInvitationId"),
        accept,
        now,
    )?;
    let mut v = invitation_view(&world, &inv, now);
    if let (true, Value::Object(m)) = (accept, &mut v) {
        m.insert("AcceptInvitationFailedDetails".into(), Value::Array(vec![]));
    }
    Ok(object! { "ResourceShareInvitation" => v }.into())
}

pub fn accept_invitation(ctx: &Ctx) -> Result<Reply, ApiError> {
    respond(ctx, true)
}

pub fn reject_invitation(ctx: &Ctx) -> Result<Reply, ApiError> {
    respond(ctx, false)
}
