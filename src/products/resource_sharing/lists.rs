//! The List* calls and permissions. `Self` lists the caller's shares in the region;
//! `OtherAccounts` lists the shares that reach the caller now.

use serde_json::Value;

use super::shares::{association_view, invitation_view, share_view};
use super::{cursor, resource_owner, RESOURCE_TYPES};
use super::{AssocStatus, ResourceShare};
use crate::error::ApiError;
use crate::products::resource_sharing::{IMAGE, IMAGE_PERMISSION};
use crate::products::{bounded_list, token_page, Ctx};
use crate::protocol::Reply;
use crate::time::format_millis;
use crate::world::World;

/// A page of items plus NextToken (absent on the last page).
fn paged(key: &str, items: Vec<Value>, start: usize, max: usize) -> Reply {
    let (page, next) = token_page(items, start, max);
    let mut m = serde_json::Map::new();
    if let Some(n) = next {
        m.insert("NextToken".into(), n.to_string().into());
    }
    m.insert(key.into(), Value::Array(page));
    Value::Object(m).into()
}

fn share_ids(ctx: &Ctx) -> Result<Vec<String>, ApiError> {
    bounded_list(
        ctx.params,
        "ResourceShareIds",
        5,
        ApiError::InvalidParameterResourceShareIdsLength,
        ApiError::InvalidParameterResourceShareIdsDuplicate,
    )
}

/// The shares a listing covers: owned (Self) or reaching the caller (OtherAccounts), in
/// the call's region, oldest first.
fn shares<'w>(
    world: &'w World,
    ctx: &Ctx,
    own: bool,
    region: &str,
    ids: &[String],
) -> Vec<&'w ResourceShare> {
    let now = ctx.now;
    let caller = ctx.caller.account_id.as_str();
    let mut out: Vec<&ResourceShare> = if own {
        world
            .shares
            .by_id
            .values()
            .filter(|s| s.owner == caller)
            .collect()
    } else {
        let mut v: Vec<&ResourceShare> = world
            .shares
            .reaching(&world.directories, caller, now)
            .map(|(s, _)| s)
            .collect();
        v.dedup_by(|a, b| a.id == b.id);
        v
    };
    out.retain(|s| s.region == region && (ids.is_empty() || ids.contains(&s.id)));
    out.sort_by(|a, b| a.created.cmp(&b.created).then_with(|| a.id.cmp(&b.id)));
    out.dedup_by(|a, b| a.id == b.id);
    out
}

fn resource_type<'a>(ctx: &Ctx<'a>) -> Result<Option<&'a str>, ApiError> {
    match ctx.params.opt("ResourceType") {
        Some(t) if !RESOURCE_TYPES.contains(&t) => Err(ApiError::InvalidParameterResourceType),
        other => Ok(other),
    }
}

pub fn list_resource_shares(ctx: &Ctx) -> Result<Reply, ApiError> {
    let own = resource_owner(ctx.params)?;
    let region = ctx.region()?;
    let ids = share_ids(ctx)?;
    let (start, max) = cursor(ctx.params)?;
    let p = ctx.params;
    let name = p.opt("ResourceShareName");
    if name.is_some_and(|n| n.chars().count() > 50) {
        return Err(ApiError::InvalidParameterResourceShareNameLength);
    }
    let status = p.opt("ResourceShareStatus");
    if status.is_some_and(|s| !matches!(s, "Active" | "Pending" | "Deleting" | "Deleted")) {
        return Err(ApiError::InvalidParameterResourceShareStatus);
    }
    let permission = p.opt("PermissionName");
    let now = ctx.now;
    let world = ctx.world();
    let group = world.group_filter(&ctx.caller.account_id, p.opt("ResourceGroupId"));
    let items: Vec<Value> = shares(&world, ctx, own, region, &ids)
        .into_iter()
        .filter(|s| name.is_none_or(|n| s.name == n))
        .filter(|s| status.is_none_or(|st| s.status_at(now, &world.shares.invitations) == st))
        .filter(|s| permission.is_none_or(|pn| s.permissions.iter().any(|x| x == pn)))
        .filter(|s| group.as_ref().is_none_or(|g| g.keeps(&s.resource_group)))
        .map(|s| share_view(&world, s, now))
        .collect();
    Ok(paged("ResourceShares", items, start, max))
}

pub fn list_resource_share_associations(ctx: &Ctx) -> Result<Reply, ApiError> {
    let p = ctx.params;
    let resource = match p.opt("AssociationType") {
        None => return Err(ApiError::MissingParameterAssociationType),
        Some("Resource") => true,
        Some("Target") => false,
        Some(_) => return Err(ApiError::InvalidParameterAssociationType),
    };
    let (resource_id, target) = (p.opt("ResourceId"), p.opt("Target"));
    if (resource && target.is_some()) || (!resource && resource_id.is_some()) {
        return Err(ApiError::ConflictedAssociationType);
    }
    let status = match p.opt("AssociationStatus") {
        None => None,
        Some(s) => Some(AssocStatus::parse(s).ok_or(ApiError::InvalidParameterAssociationStatus)?),
    };
    let region = ctx.region()?;
    let ids = share_ids(ctx)?;
    let (start, max) = cursor(p)?;
    let now = ctx.now;
    let world = ctx.world();
    let mut items = Vec::new();
    for s in shares(&world, ctx, true, region, &ids) {
        let list = if resource { &s.resources } else { &s.targets };
        for a in list {
            if resource_id.is_some_and(|r| r != a.entity_id)
                || target.is_some_and(|t| t != a.entity_id)
            {
                continue;
            }
            let st = if resource {
                a.status_at(now)
            } else {
                world.target_status(s, a, now)
            };
            if status.is_some_and(|want| want != st) {
                continue;
            }
            items.extend(association_view(&world, s, &a.entity_id, resource, now));
        }
    }
    Ok(paged("ResourceShareAssociations", items, start, max))
}

pub fn list_shared_resources(ctx: &Ctx) -> Result<Reply, ApiError> {
    let own = resource_owner(ctx.params)?;
    let kind = resource_type(ctx)?;
    let region = ctx.region()?;
    let ids = share_ids(ctx)?;
    let resource_ids = bounded_list(
        ctx.params,
        "ResourceIds",
        5,
        ApiError::InvalidParameterResourceIdsLength,
        ApiError::InvalidParameterResourceIdsDuplicate,
    )?;
    let target = ctx.params.opt("Target");
    let (start, max) = cursor(ctx.params)?;
    let now = ctx.now;
    let world = ctx.world();
    let mut items = Vec::new();
    for s in shares(&world, ctx, own, region, &ids) {
        // Target: a principal of the share (Self) or its owner (OtherAccounts).
        let target_ok = target.is_none_or(|t| {
            if own {
                s.target(t).is_some()
            } else {
                s.owner == t
            }
        });
        if !target_ok || kind.is_some_and(|k| k != IMAGE) {
            continue;
        }
        for r in &s.resources {
            let st = r.status_at(now);
            let listed = if own {
                !matches!(st, AssocStatus::Disassociated | AssocStatus::Failed)
            } else {
                st.grants()
            };
            if !listed || (!resource_ids.is_empty() && !resource_ids.contains(&r.entity_id)) {
                continue;
            }
            let mut v = object! {
                "ResourceShareId" => s.id.as_str(),
                "ResourceId" => r.entity_id.as_str(),
                "ResourceType" => r.entity_type.as_str(),
                "CreateTime" => format_millis(r.created),
                "UpdateTime" => format_millis(r.updated_at(now)),
            };
            if !own {
                if let Value::Object(m) = &mut v {
                    m.insert("ResourceStatus".into(), "Available".into());
                    m.insert("ResourceStatusMessage".into(), "".into());
                }
            }
            items.push(v);
        }
    }
    Ok(paged("SharedResources", items, start, max))
}

pub fn list_shared_targets(ctx: &Ctx) -> Result<Reply, ApiError> {
    let own = resource_owner(ctx.params)?;
    let kind = resource_type(ctx)?;
    let region = ctx.region()?;
    let ids = share_ids(ctx)?;
    let targets = bounded_list(
        ctx.params,
        "Targets",
        5,
        ApiError::InvalidParameterTargetsLength,
        ApiError::InvalidParameterTargetsDuplicate,
    )?;
    let resource_id = ctx.params.opt("ResourceId");
    let (start, max) = cursor(ctx.params)?;
    let now = ctx.now;
    let world = ctx.world();
    let mut items = Vec::new();
    for s in shares(&world, ctx, own, region, &ids) {
        if kind.is_some_and(|k| k != IMAGE && !s.resources.is_empty()) {
            continue;
        }
        if resource_id.is_some_and(|r| !s.resources.iter().any(|a| a.entity_id == r)) {
            continue;
        }
        if own {
            for t in &s.targets {
                let st = world.target_status(s, t, now);
                if matches!(st, AssocStatus::Disassociated | AssocStatus::Failed)
                    || (!targets.is_empty() && !targets.contains(&t.entity_id))
                {
                    continue;
                }
                items.push(object! {
                    "ResourceShareId" => s.id.as_str(),
                    "TargetId" => t.entity_id.as_str(),
                    "TargetProperty" => "",
                    "External" => t.external,
                    "CreateTime" => format_millis(t.created),
                    "UpdateTime" => format_millis(t.updated_at(now)),
                });
            }
        } else if targets.is_empty() || targets.contains(&s.owner) {
            let external = s.target(&ctx.caller.account_id).is_some_and(|t| t.external);
            items.push(object! {
                "ResourceShareId" => s.id.as_str(),
                "TargetId" => s.owner.as_str(),
                "TargetProperty" => "",
                "External" => external,
                "CreateTime" => format_millis(s.created),
                "UpdateTime" => format_millis(s.updated),
            });
        }
    }
    Ok(paged("SharedTargets", items, start, max))
}

pub fn list_invitations(ctx: &Ctx) -> Result<Reply, ApiError> {
    let ids = share_ids(ctx)?;
    let inv_ids = bounded_list(
        ctx.params,
        "ResourceShareInvitationIds",
        5,
        ApiError::InvalidParameterGeneric,
        ApiError::InvalidParameterGeneric,
    )?;
    let (start, max) = cursor(ctx.params)?;
    let now = ctx.now;
    let world = ctx.world();
    let items: Vec<Value> = world
        .shares
        .invitations
        .by_id
        .values()
        .filter(|i| i.receiver == ctx.caller.account_id)
        .filter(|i| ids.is_empty() || ids.contains(&i.share_id))
        .filter(|i| inv_ids.is_empty() || inv_ids.contains(&i.id))
        .map(|i| {
            let mut v = invitation_view(&world, i, now);
            if let Value::Object(m) = &mut v {
                m.insert("InvitationFailedDetails".into(), Value::Array(vec![]));
            }
            v
        })
        .collect();
    Ok(paged("ResourceShareInvitations", items, start, max))
}

/// The default permission for images (the only type this mock shares). Its policy text is
/// not public; this one allows what a recipient does with a shared image (inferred).
fn image_permission(with_policy: bool) -> Value {
    let mut v = object! {
        "PermissionName" => IMAGE_PERMISSION,
        "PermissionVersion" => "v1",
        "DefaultVersion" => true,
        "DefaultPermission" => true,
        "ResourceType" => IMAGE,
        "CreateTime" => "2022-11-01T00:00:00.000Z",
        "UpdateTime" => "2022-11-01T00:00:00.000Z",
    };
    if let (true, Value::Object(m)) = (with_policy, &mut v) {
        m.insert(
            "Permission".into(),
            r#"{"Statement":[{"Effect":"Allow","Action":["ecs:DescribeImages","ecs:CopyImage","ecs:RunInstances","ecs:CreateInstance"]}],"Version":"1"}"#.into(),
        );
    }
    v
}

pub fn list_permissions(ctx: &Ctx) -> Result<Reply, ApiError> {
    let kind = resource_type(ctx)?;
    let (start, max) = cursor(ctx.params)?;
    let items = if kind.is_none_or(|k| k == IMAGE) {
        vec![image_permission(false)]
    } else {
        vec![]
    };
    Ok(paged("Permissions", items, start, max))
}

pub fn list_resource_share_permissions(ctx: &Ctx) -> Result<Reply, ApiError> {
    let id = ctx
        .params
        .opt("ResourceShareId")
        .ok_or(ApiError::MissingParameterResourceShareId)?
        .to_string();
    let own = resource_owner(ctx.params)?;
    let region = ctx.region()?;
    let (start, max) = cursor(ctx.params)?;
    let world = ctx.world();
    let found = shares(&world, ctx, own, region, std::slice::from_ref(&id));
    let s = found
        .first()
        .ok_or(ApiError::EntityNotExistsResourceShare)?;
    let items: Vec<Value> = s
        .permissions
        .iter()
        .map(|_| image_permission(false))
        .collect();
    Ok(paged("Permissions", items, start, max))
}

pub fn get_permission(ctx: &Ctx) -> Result<Reply, ApiError> {
    let name = ctx
        .params
        .opt("PermissionName")
        .ok_or(ApiError::MissingParameterPermissionName)?;
    if ctx
        .params
        .opt("PermissionVersion")
        .is_some_and(|v| v != "v1")
    {
        return Err(ApiError::InvalidParameterPermissionVersion);
    }
    if name != IMAGE_PERMISSION {
        return Err(ApiError::EntityNotExistsPermission);
    }
    Ok(object! { "Permission" => image_permission(true) }.into())
}
