//! TagResources, UntagResources, ListTagResources and DescribeTags: the tag calls of the ECS
//! API over the tags every ECS resource of the mock carries (docs/sources.md#ecs-tags).

use std::collections::BTreeMap;

use serde_json::Value;

use super::resources::KINDS;
use super::tags::{check_tags, new_tags, tags};
use crate::error::ApiError;
use crate::products::{page, Ctx};
use crate::protocol::{Params, Reply};

/// Resources one call may name (`ResourceId.N`).
const MAX_RESOURCES: usize = 50;
/// Tags one call may name, and one resource may carry.
const MAX_TAGS: usize = 20;
/// ListTagResources rows per page (*inferred*: the reference gives no page size).
const LIST_PAGE: usize = 50;

fn kind(p: &Params) -> Result<&str, ApiError> {
    p.opt("ResourceType")
        .ok_or(ApiError::MissingParameterResourceType)
}

fn resource_ids(p: &Params) -> Result<Vec<&str>, ApiError> {
    let ids = p.list("ResourceId")?;
    if ids.len() > MAX_RESOURCES {
        return Err(ApiError::NumberExceedResourceIds);
    }
    Ok(ids)
}

/// TagResources: adds or overwrites tags on 1-50 resources of one type, all or none.
pub fn tag_resources(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.required_region()?;
    let p = ctx.params;
    let kind = kind(p)?;
    let ids = resource_ids(p)?;
    if ids.is_empty() {
        return Err(ApiError::MissingParameter("ResourceId.1".into()));
    }
    if p.object_list("Tag")?.len() > MAX_TAGS {
        return Err(ApiError::NumberExceedTags);
    }
    let new = new_tags(p)?;
    if new.is_empty() {
        return Err(ApiError::MissingParameterTags);
    }
    check_tags(&new)?;
    let caller = &ctx.caller.account_id;
    let mut world = ctx.world_mut();
    // Every resource is checked before any is changed.
    let mut after = Vec::with_capacity(ids.len());
    for id in &ids {
        let missing = ApiError::InvalidResourceIdNotFoundTag;
        let mut map = world
            .resource_mut(caller, region, kind, id, missing)?
            .tags
            .clone();
        map.extend(new.iter().cloned());
        if map.len() > MAX_TAGS {
            return Err(ApiError::OperationDeniedQuotaExceed);
        }
        after.push((id, map));
    }
    for (id, map) in after {
        let missing = ApiError::InvalidResourceIdNotFoundTag;
        *world.resource_mut(caller, region, kind, id, missing)?.tags = map;
    }
    Ok(object! {}.into())
}

/// UntagResources: removes `TagKey.N` (up to 20) from each resource, or every tag with
/// `All=true` and no key; with neither, nothing (*inferred*).
pub fn untag_resources(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.required_region()?;
    let p = ctx.params;
    let kind = kind(p)?;
    let ids = resource_ids(p)?;
    if ids.is_empty() {
        return Err(ApiError::MissingParameter("ResourceId.1".into()));
    }
    let keys = p.list("TagKey")?;
    if keys.len() > MAX_TAGS {
        return Err(ApiError::NumberExceedTags);
    }
    let all = p.bool("All")?.unwrap_or(false);
    let caller = &ctx.caller.account_id;
    let mut world = ctx.world_mut();
    for id in &ids {
        let missing = ApiError::InvalidResourceIdNotFoundTag;
        world.resource_mut(caller, region, kind, id, missing)?;
    }
    for id in &ids {
        let missing = ApiError::InvalidResourceIdNotFoundTag;
        let map = world.resource_mut(caller, region, kind, id, missing)?.tags;
        if keys.is_empty() && all {
            map.clear();
        }
        for k in &keys {
            map.remove(*k);
        }
    }
    Ok(object! {}.into())
}

/// Whether `have` holds every wanted tag (a key without a value matches any value).
fn matches(have: &BTreeMap<String, String>, wanted: &[(String, Option<String>)]) -> bool {
    super::tags::has_tags(have, wanted)
}

/// ListTagResources: one row per tag of each resource named by `ResourceId.N` and holding
/// every `Tag.N`; at least one of the two (else `MissingParameter.Tags`, *inferred*). Pages
/// of 50 rows; `NextToken` is absent on the last page (Terraform loops while it is there).
pub fn list_tag_resources(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.required_region()?;
    let p = ctx.params;
    let kind = kind(p)?;
    let ids = resource_ids(p)?;
    if p.object_list("Tag")?.len() > MAX_TAGS {
        return Err(ApiError::NumberExceedTags);
    }
    let wanted = tags(p)?;
    if ids.is_empty() && wanted.is_empty() {
        return Err(ApiError::MissingParameterTags);
    }
    let start = match p.opt("NextToken") {
        None => 0,
        Some(t) => t
            .parse::<usize>()
            .map_err(|_| ApiError::InvalidParameter("NextToken".into()))?,
    };
    let world = ctx.world();
    let rows: Vec<Value> = world
        .tagged(&ctx.caller.account_id, region, kind)?
        .into_iter()
        .filter(|(id, t)| (ids.is_empty() || ids.contains(id)) && matches(t, &wanted))
        .flat_map(|(id, t)| {
            t.iter().map(move |(k, v)| {
                object! {
                    "ResourceId" => id,
                    "ResourceType" => kind,
                    "TagKey" => k.as_str(),
                    "TagValue" => v.as_str(),
                }
            })
        })
        .collect();
    let (rows, next) = crate::products::token_page(rows, start, LIST_PAGE);
    let mut out = object! { "TagResources" => object! { "TagResource" => rows } };
    if let (Some(n), Value::Object(m)) = (next, &mut out) {
        m.insert("NextToken".into(), n.to_string().into());
    }
    Ok(out.into())
}

/// The `ResourceTypeCount` field of a DescribeTags row.
fn count_field(kind: &str) -> &'static str {
    match kind {
        "instance" => "Instance",
        "disk" => "Disk",
        "snapshot" => "Snapshot",
        "image" => "Image",
        "securitygroup" => "Securitygroup",
        _ => "KeyPair",
    }
}

/// DescribeTags: the distinct tags of the caller's resources in the region, filtered by
/// `ResourceType`, `ResourceId` and `Tag.N` (a key alone matches any value), each with how
/// many resources of each type carry it; `PageSize` 1-100, default 50.
pub fn describe_tags(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.required_region()?;
    let p = ctx.params;
    let kinds: Vec<&str> = match p.opt("ResourceType") {
        None => KINDS.to_vec(),
        Some(k) if KINDS.contains(&k) => vec![k],
        // A type the mock has no resources of (eni, ddh, ...) holds no tags.
        Some(k) if OTHER_KINDS.contains(&k) => vec![],
        Some(_) => return Err(ApiError::InvalidResourceTypeNotFound),
    };
    let id = p.opt("ResourceId");
    let wanted = tags(p)?;
    let number = p.int("PageNumber", 1, i32::MAX as i64)?.unwrap_or(1) as usize;
    let size = p.int("PageSize", 1, 100)?.unwrap_or(50) as usize;
    let world = ctx.world();
    let mut counts: BTreeMap<(String, String), BTreeMap<&str, i64>> = BTreeMap::new();
    for kind in kinds {
        for (rid, t) in world.tagged(&ctx.caller.account_id, region, kind)? {
            if id.is_some_and(|i| i != rid) {
                continue;
            }
            for (k, v) in t {
                let wanted_pair = wanted.is_empty()
                    || wanted
                        .iter()
                        .any(|(wk, wv)| wk == k && wv.as_ref().is_none_or(|wv| wv == v));
                if wanted_pair {
                    *counts
                        .entry((k.clone(), v.clone()))
                        .or_default()
                        .entry(count_field(kind))
                        .or_default() += 1;
                }
            }
        }
    }
    let total = counts.len();
    let rows: Vec<Value> = page(counts.into_iter().collect(), number, size)
        .map(|((k, v), by_kind)| {
            let mut count = serde_json::Map::new();
            for field in COUNT_FIELDS {
                count.insert(
                    field.to_string(),
                    by_kind.get(field).copied().unwrap_or(0).into(),
                );
            }
            object! {
                "ResourceTypeCount" => Value::Object(count),
                "TagKey" => k,
                "TagValue" => v,
            }
        })
        .collect();
    Ok(object! {
        "PageNumber" => number,
        "PageSize" => size,
        "Tags" => object! { "Tag" => rows },
        "TotalCount" => total,
    }
    .into())
}

/// Every field of `ResourceTypeCount` in the SDK model.
const COUNT_FIELDS: &[&str] = &[
    "Ddh",
    "Disk",
    "Eni",
    "Image",
    "Instance",
    "KeyPair",
    "LaunchTemplate",
    "ReservedInstance",
    "Securitygroup",
    "Snapshot",
    "SnapshotPolicy",
    "Volume",
];

/// Resource types the API knows that the mock has none of.
const OTHER_KINDS: &[&str] = &[
    "volume",
    "eni",
    "ddh",
    "ddhcluster",
    "launchtemplate",
    "reservedinstance",
    "snapshotpolicy",
    "elasticityassurance",
    "capacityreservation",
    "command",
    "invocation",
    "activation",
    "managedinstance",
];
