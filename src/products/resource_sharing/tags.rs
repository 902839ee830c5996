//! Tags and the resource group of resource shares: TagResources, UntagResources,
//! ListTagResources (`ResourceType` `ResourceShare`) and ChangeResourceGroup
//! (docs/sources.md#resource-sharing). Only the caller's own shares in the region; the
//! per-call error tables are not public, so the product's general codes are used
//! (*inferred*).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::error::ApiError;
use crate::products::ecs::tags::{check_tags, has_tags, new_tags, tags};
use crate::products::{token_page, Ctx};
use crate::protocol::{Params, Reply};
use crate::world::World;

/// Shares one tag call may name (documented: 20).
const MAX_SHARES: usize = 20;
/// ListTagResources rows per page (*inferred*).
const PAGE: usize = 50;

fn share_type(p: &Params) -> Result<(), ApiError> {
    match p.opt("ResourceType") {
        Some("ResourceShare") => Ok(()),
        _ => Err(ApiError::InvalidParameterResourceType),
    }
}

fn share_ids(p: &Params) -> Result<Vec<&str>, ApiError> {
    let ids = p.list("ResourceId")?;
    if ids.len() > MAX_SHARES {
        return Err(ApiError::InvalidParameterResourceIdsLength);
    }
    Ok(ids)
}

impl World {
    /// The tags of one of the caller's shares in the region, for a change.
    fn share_tags_mut(
        &mut self,
        caller: &str,
        region: &str,
        id: &str,
    ) -> Result<&mut BTreeMap<String, String>, ApiError> {
        self.shares
            .by_id
            .get_mut(id)
            .filter(|s| s.owner == caller && s.region == region && s.deleted_at.is_none())
            .map(|s| &mut s.tags)
            .ok_or(ApiError::EntityNotExistsResourceShare)
    }
}

pub fn tag_resources(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.region()?;
    let p = ctx.params;
    share_type(p)?;
    let ids = share_ids(p)?;
    let new = new_tags(p)?;
    if ids.is_empty() || new.is_empty() {
        return Err(ApiError::InvalidParameterGeneric);
    }
    check_tags(&new)?;
    let caller = &ctx.caller.account_id;
    let mut world = ctx.world_mut();
    let mut after = Vec::new();
    for id in &ids {
        let mut t = world.share_tags_mut(caller, region, id)?.clone();
        t.extend(new.iter().cloned());
        if t.len() > 20 {
            return Err(ApiError::InvalidTagCount);
        }
        after.push((id, t));
    }
    for (id, t) in after {
        *world.share_tags_mut(caller, region, id)? = t;
    }
    Ok(object! {}.into())
}

pub fn untag_resources(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.region()?;
    let p = ctx.params;
    share_type(p)?;
    let ids = share_ids(p)?;
    let keys = p.list("TagKey")?;
    let all = p.bool("All")?.unwrap_or(false);
    let caller = &ctx.caller.account_id;
    let mut world = ctx.world_mut();
    for id in &ids {
        world.share_tags_mut(caller, region, id)?;
    }
    for id in &ids {
        let t = world.share_tags_mut(caller, region, id)?;
        if all && keys.is_empty() {
            t.clear();
        }
        for k in &keys {
            t.remove(*k);
        }
    }
    Ok(object! {}.into())
}

/// ListTagResources: one row per tag of each of the caller's shares named by
/// `ResourceId.N` (or all of them) that holds every `Tag.N`; pages of 50 rows.
pub fn list_tag_resources(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.region()?;
    let p = ctx.params;
    share_type(p)?;
    let ids = share_ids(p)?;
    let wanted = tags(p)?;
    let start = match p.opt("NextToken") {
        None => 0,
        Some(t) => t
            .parse::<usize>()
            .map_err(|_| ApiError::InvalidParameterNextToken)?,
    };
    let world = ctx.world();
    let rows: Vec<Value> = world
        .shares
        .by_id
        .values()
        .filter(|s| s.owner == ctx.caller.account_id && s.region == region)
        .filter(|s| ids.is_empty() || ids.contains(&s.id.as_str()))
        .filter(|s| has_tags(&s.tags, &wanted))
        .flat_map(|s| {
            s.tags.iter().map(move |(k, v)| {
                object! {
                    "ResourceId" => s.id.as_str(),
                    "ResourceType" => "ResourceShare",
                    "TagKey" => k.as_str(),
                    "TagValue" => v.as_str(),
                }
            })
        })
        .collect();
    let (rows, next) = token_page(rows, start, PAGE);
    Ok(object! {
        "NextToken" => next.map(|n| n.to_string()).unwrap_or_default(),
        "TagResources" => object! { "TagResource" => rows },
    }
    .into())
}

/// ChangeResourceGroup: a share of the caller in `ResourceRegionId` into one of its groups.
pub fn change_resource_group(ctx: &Ctx) -> Result<Reply, ApiError> {
    let p = ctx.params;
    let id = p.required("ResourceId")?;
    let region = p.required("ResourceRegionId")?;
    let caller = &ctx.caller.account_id;
    let mut world = ctx.world_mut();
    let group = world.resource_group(caller, Some(p.required("ResourceGroupId")?))?;
    let share = world
        .shares
        .by_id
        .get_mut(id)
        .filter(|s| s.owner == *caller && s.region == region && s.deleted_at.is_none())
        .ok_or(ApiError::EntityNotExistsResourceShare)?;
    share.resource_group = group;
    Ok(object! {}.into())
}
