//! Tags on members and folders: TagResources, UntagResources, ListTagResources with
//! `ResourceType` `Account` or `Folder` (docs/sources.md#resource-directory).
//!
//! The API reference documents `Account`; the Terraform provider tags folders through the
//! same calls, so `Folder` is served too. Only the management account calls them. The tag
//! rules are the ECS ones (20 per resource, reserved prefixes); the per-call error tables are
//! not published, so a wrong `ResourceType` is `InvalidParameter.ResourceType`, an unknown
//! member `EntityNotExists.Account`, an unknown folder `EntityNotExists.Folder` (*inferred*).
//! ListTagResources leaves `NextToken` out on the last page: Terraform's reader asks again
//! while it is present, so a real last page cannot carry one.

use std::collections::BTreeMap;

use serde_json::Value;

use super::Directory;
use crate::error::ApiError;
use crate::products::ecs::tags::{check_tags, has_tags, new_tags, tags};
use crate::products::{token_page, Ctx};
use crate::protocol::{Params, Reply};
use crate::world::World;

/// Resources one call may name (documented: 50).
const MAX_IDS: usize = 50;
/// Tags per member or folder (documented: 20).
const MAX_TAGS: usize = 20;

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Account,
    Folder,
}

impl Kind {
    fn parse(p: &Params) -> Result<Kind, ApiError> {
        match p.opt("ResourceType") {
            Some("Account") => Ok(Kind::Account),
            Some("Folder") => Ok(Kind::Folder),
            _ => Err(ApiError::InvalidParameterResourceType),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Account => "Account",
            Kind::Folder => "Folder",
        }
    }
}

fn resource_ids(p: &Params) -> Result<Vec<&str>, ApiError> {
    let ids = p.list("ResourceId")?;
    if ids.len() > MAX_IDS {
        return Err(ApiError::InvalidParameterResourceIdsLength);
    }
    Ok(ids)
}

/// The tags of a member or folder of the directory, checked to exist.
fn tags_of<'d>(
    d: &'d Directory,
    kind: Kind,
    id: &str,
) -> Result<&'d BTreeMap<String, String>, ApiError> {
    match kind {
        Kind::Account => World::managed_member(d, id).map(|m| &m.tags),
        Kind::Folder => World::folder_of(d, id).map(|f| &f.tags),
    }
}

fn tags_of_mut<'d>(
    d: &'d mut Directory,
    kind: Kind,
    id: &str,
) -> Option<&'d mut BTreeMap<String, String>> {
    match kind {
        Kind::Account => d.members.get_mut(id).map(|m| &mut m.tags),
        Kind::Folder => d.folders.get_mut(id).map(|f| &mut f.tags),
    }
}

/// Checks every resource first and then writes the new tag sets, so a refused call
/// changes nothing.
fn update(
    ctx: &Ctx,
    kind: Kind,
    ids: &[&str],
    change: impl Fn(&mut BTreeMap<String, String>),
) -> Result<(), ApiError> {
    let caller = &ctx.caller.account_id;
    let mut world = ctx.world_mut();
    let d = world.managed_directory(caller)?;
    let mut after = Vec::with_capacity(ids.len());
    for id in ids {
        let mut t = tags_of(d, kind, id)?.clone();
        change(&mut t);
        if t.len() > MAX_TAGS {
            return Err(ApiError::InvalidTagCount);
        }
        after.push((*id, t));
    }
    let d = world.managed_directory_mut(caller)?;
    for (id, t) in after {
        if let Some(slot) = tags_of_mut(d, kind, id) {
            *slot = t;
        }
    }
    Ok(())
}

pub fn tag_resources(ctx: &Ctx) -> Result<Reply, ApiError> {
    let p = ctx.params;
    let kind = Kind::parse(p)?;
    let ids = resource_ids(p)?;
    let new = new_tags(p)?;
    if ids.is_empty() || new.is_empty() {
        return Err(ApiError::InvalidParameterGeneric);
    }
    check_tags(&new)?;
    update(ctx, kind, &ids, |t| t.extend(new.iter().cloned()))?;
    Ok(object! {}.into())
}

/// UntagResources: `TagKey.N`, or `All` `true` for every tag.
pub fn untag_resources(ctx: &Ctx) -> Result<Reply, ApiError> {
    let p = ctx.params;
    let kind = Kind::parse(p)?;
    let ids = resource_ids(p)?;
    let keys = p.list("TagKey")?;
    let all = p.bool("All")?.unwrap_or(false);
    if ids.is_empty() || (keys.is_empty() && !all) {
        return Err(ApiError::InvalidParameterGeneric);
    }
    if keys.len() > MAX_TAGS {
        return Err(ApiError::InvalidTagCount);
    }
    update(ctx, kind, &ids, |t| {
        if all {
            t.clear();
        }
        for k in &keys {
            t.remove(*k);
        }
    })?;
    Ok(object! {}.into())
}

/// ListTagResources: one flat row per tag of each member (or folder) named by
/// `ResourceId.N`, or of all of them, that holds every `Tag.N`; `MaxResults` 1-100
/// (default 10) and `NextToken`.
pub fn list_tag_resources(ctx: &Ctx) -> Result<Reply, ApiError> {
    let p = ctx.params;
    let kind = Kind::parse(p)?;
    let ids = resource_ids(p)?;
    let wanted = tags(p)?;
    let max = p.int("MaxResults", 1, 100)?.unwrap_or(10) as usize;
    let start = match p.opt("NextToken") {
        None | Some("") => 0,
        Some(t) => t
            .parse::<usize>()
            .map_err(|_| ApiError::InvalidParameterNextToken)?,
    };
    let world = ctx.world();
    let d = world.managed_directory(&ctx.caller.account_id)?;
    for id in &ids {
        tags_of(d, kind, id)?;
    }
    let resources: Vec<(&str, &BTreeMap<String, String>)> = match kind {
        Kind::Account => d
            .members
            .values()
            .map(|m| (m.account_id.as_str(), &m.tags))
            .collect(),
        Kind::Folder => d
            .folders
            .values()
            .map(|f| (f.id.as_str(), &f.tags))
            .collect(),
    };
    let rows: Vec<Value> = resources
        .into_iter()
        .filter(|(id, _)| ids.is_empty() || ids.contains(id))
        .filter(|(_, t)| has_tags(t, &wanted))
        .flat_map(|(id, t)| {
            t.iter().map(move |(k, v)| {
                object! {
                    "ResourceId" => id,
                    "ResourceType" => kind.name(),
                    "TagKey" => k.as_str(),
                    "TagValue" => v.as_str(),
                }
            })
        })
        .collect();
    let (rows, next) = token_page(rows, start, max);
    let mut out = object! { "TagResources" => rows };
    if let (Some(n), Value::Object(m)) = (next, &mut out) {
        m.insert("NextToken".into(), n.to_string().into());
    }
    Ok(out.into())
}
