//! RAM tags on roles: TagResources, UntagResources, ListTagResources (docs/sources.md#ram).
//!
//! RAM's SDK sends `ResourceNames`, `Tag` and `TagKeys` as JSON strings (`["r1"]`,
//! `[{"Key":"k","Value":"v"}]`); `ResourceType` is `role` (policies cannot be created in the
//! mock, so `policy` finds none). Per-API error codes are not published: a malformed list or a
//! tag past the documented lengths is `InvalidParameter` naming it, an unknown role
//! `EntityNotExist.Role` (*inferred*).

use serde_json::Value;

use crate::error::ApiError;
use crate::products::{token_page, Ctx};
use crate::protocol::Reply;

/// Names per call and tags per role (documented).
const MAX_NAMES: usize = 50;
const MAX_TAGS: usize = 20;

fn strings(ctx: &Ctx, name: &str, max: usize) -> Result<Vec<String>, ApiError> {
    let invalid = || ApiError::InvalidParameter(name.to_string());
    match ctx.params.opt(name) {
        None => Ok(vec![]),
        Some(v) => match serde_json::from_str::<Vec<String>>(v) {
            Ok(l) if l.len() <= max => Ok(l),
            _ => Err(invalid()),
        },
    }
}

/// `Tag`: a JSON array of `{"Key", "Value"}`; keys 1-128, values up to 256 characters.
pub(super) fn tag_pairs(ctx: &Ctx) -> Result<Vec<(String, String)>, ApiError> {
    let invalid = || ApiError::InvalidParameter("Tag".into());
    let Some(v) = ctx.params.opt("Tag") else {
        return Ok(vec![]);
    };
    let items: Vec<Value> = serde_json::from_str(v).map_err(|_| invalid())?;
    if items.len() > MAX_TAGS {
        return Err(invalid());
    }
    items
        .iter()
        .map(|t| {
            let key = t.get("Key").and_then(Value::as_str).ok_or_else(invalid)?;
            let value = t.get("Value").and_then(Value::as_str).unwrap_or("");
            if key.is_empty() || key.chars().count() > 128 || value.chars().count() > 256 {
                return Err(invalid());
            }
            Ok((key.to_string(), value.to_string()))
        })
        .collect()
}

fn resource_type(ctx: &Ctx) -> Result<&'static str, ApiError> {
    match ctx.params.opt("ResourceType") {
        None | Some("role") => Ok("role"),
        Some("policy") => Ok("policy"),
        Some(_) => Err(ApiError::InvalidParameter("ResourceType".into())),
    }
}

pub fn tag_resources(ctx: &Ctx) -> Result<Reply, ApiError> {
    let kind = resource_type(ctx)?;
    let names = strings(ctx, "ResourceNames", MAX_NAMES)?;
    let tags = tag_pairs(ctx)?;
    if names.is_empty() {
        return Err(ApiError::MissingParameter("ResourceNames".into()));
    }
    if tags.is_empty() {
        return Err(ApiError::MissingParameter("Tag".into()));
    }
    if kind == "policy" {
        return Err(ApiError::EntityNotExistPolicy);
    }
    let caller = ctx.caller.account_id.clone();
    let mut world = ctx.world_mut();
    // Check every role and the resulting tag count first: a refused call changes nothing.
    for n in &names {
        let role = world.role(&caller, n)?;
        let mut keys: std::collections::BTreeSet<&str> =
            role.tags.keys().map(String::as_str).collect();
        keys.extend(tags.iter().map(|(k, _)| k.as_str()));
        if keys.len() > MAX_TAGS {
            return Err(ApiError::InvalidParameter("Tag".into()));
        }
    }
    for n in &names {
        let role = world.role_mut(&caller, n)?;
        for (k, v) in &tags {
            role.tags.insert(k.clone(), v.clone());
        }
    }
    Ok(object! {}.into())
}

/// UntagResources: `TagKeys` (JSON array), or `All` `true` for every tag.
pub fn untag_resources(ctx: &Ctx) -> Result<Reply, ApiError> {
    let kind = resource_type(ctx)?;
    let names = strings(ctx, "ResourceNames", MAX_NAMES)?;
    let keys = strings(ctx, "TagKeys", MAX_TAGS)?;
    let all = ctx.params.bool("All")?.unwrap_or(false);
    if names.is_empty() {
        return Err(ApiError::MissingParameter("ResourceNames".into()));
    }
    if kind == "policy" {
        return Err(ApiError::EntityNotExistPolicy);
    }
    let caller = ctx.caller.account_id.clone();
    let mut world = ctx.world_mut();
    for n in &names {
        world.role(&caller, n)?;
    }
    for n in &names {
        let role = world.role_mut(&caller, n)?;
        if all {
            role.tags.clear();
        } else {
            for k in &keys {
                role.tags.remove(k);
            }
        }
    }
    Ok(object! {}.into())
}

/// ListTagResources: one flat item per (role, tag), filtered by `ResourceNames` and by `Tag`
/// (a role is listed when it has every given key, with the value when one is given); paged
/// by `PageSize` (1-100, default 50) and `NextToken`.
pub fn list_tag_resources(ctx: &Ctx) -> Result<Reply, ApiError> {
    let kind = resource_type(ctx)?;
    let names = strings(ctx, "ResourceNames", MAX_NAMES)?;
    let filter = tag_pairs(ctx)?;
    let size = ctx.params.int("PageSize", 1, 100)?.unwrap_or(50) as usize;
    let start = match ctx.params.opt("NextToken") {
        None => 0,
        Some(t) => t
            .parse::<usize>()
            .map_err(|_| ApiError::InvalidParameter("NextToken".into()))?,
    };
    let world = ctx.world();
    let mut items: Vec<Value> = Vec::new();
    if kind == "role" {
        for role in world.roles.of(&ctx.caller.account_id) {
            if !names.is_empty() && !names.iter().any(|n| n.eq_ignore_ascii_case(&role.name)) {
                continue;
            }
            let matches = filter.iter().all(|(k, v)| {
                role.tags
                    .get(k)
                    .is_some_and(|have| v.is_empty() || have == v)
            });
            if !matches {
                continue;
            }
            for (k, v) in &role.tags {
                items.push(object! {
                    "ResourceName" => role.name.as_str(),
                    "ResourceType" => "role",
                    "TagKey" => k.as_str(),
                    "TagValue" => v.as_str(),
                });
            }
        }
    }
    let (page, next) = token_page(items, start, size);
    Ok(object! {
        "NextToken" => next.map(|n| n.to_string()).unwrap_or_default(),
        "TagResources" => page,
    }
    .into())
}
