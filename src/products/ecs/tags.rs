//! Tags on ECS resources: the `Tag.N.Key`/`Tag.N.Value` parameters and their rules, shared
//! by every ECS resource kind that carries tags.
//! Source: <https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-createimage>
//! (Tag.N limits) and the ECS error centre.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::ApiError;
use crate::products::{starts_with_any, Ctx};
use crate::protocol::{Params, Reply};
use crate::world::World;

/// `Tag.N.Key`/`Tag.N.Value` (the deprecated lower-case `key`/`value` too).
pub fn tags(p: &Params) -> Result<Vec<(String, Option<String>)>, ApiError> {
    let list = p.object_list("Tag")?;
    if list.len() > 20 {
        return Err(ApiError::InvalidTagCount);
    }
    list.into_iter()
        .map(
            |fields| match (fields.get_any_case("Key"), fields.get_any_case("Value")) {
                (Some(k), v) if !k.is_empty() => Ok((k.to_string(), v.map(str::to_string))),
                _ => Err(ApiError::InvalidTagMismatch),
            },
        )
        .collect()
}

/// Whether `have` holds every wanted tag (a wanted key without a value matches any value):
/// the `Tag.N` filter of the Describe calls.
pub fn has_tags(have: &BTreeMap<String, String>, wanted: &[(String, Option<String>)]) -> bool {
    wanted.iter().all(|(k, v)| {
        have.get(k)
            .is_some_and(|h| v.as_ref().is_none_or(|v| v == h))
    })
}

/// Tags for resources being created: keys and values both given.
pub fn new_tags(p: &Params) -> Result<Vec<(String, String)>, ApiError> {
    Ok(tags(p)?
        .into_iter()
        .map(|(k, v)| (k, v.unwrap_or_default()))
        .collect())
}

/// Tag.N lists: at most 20, keys 1-128 characters, values up to 128, neither starting with
/// `aliyun`, `acs:`, `http://` or `https://`, keys unique.
pub fn check_tags(tags: &[(String, String)]) -> Result<(), ApiError> {
    if tags.len() > 20 {
        return Err(ApiError::InvalidTagCount);
    }
    let reserved = ["aliyun", "acs:", "http://", "https://"];
    let mut seen = BTreeSet::new();
    for (k, v) in tags {
        if k.is_empty() || k.chars().count() > 128 || starts_with_any(k, &reserved) {
            return Err(ApiError::InvalidTagKeyMalformed);
        }
        if v.chars().count() > 128 || starts_with_any(v, &reserved) {
            return Err(ApiError::InvalidTagValueMalformed);
        }
        if !seen.insert(k) {
            return Err(ApiError::DuplicateTagKey);
        }
    }
    Ok(())
}

/// The resource kinds that carry tags, as `ResourceType` names them.
pub const KINDS: &[&str] = &[
    "instance",
    "disk",
    "snapshot",
    "image",
    "securitygroup",
    "keypair",
];

/// The tag map of a resource of the caller in the region, by `ResourceType` (instance,
/// image, securitygroup, snapshot, disk, keypair: a key pair by its name), for a change;
/// `missing` when there is none.
pub(crate) fn tag_map<'w>(
    world: &'w mut World,
    caller: &str,
    region: &str,
    kind: &str,
    id: &str,
    missing: ApiError,
) -> Result<&'w mut BTreeMap<String, String>, ApiError> {
    match kind {
        "image" => {
            let found = world
                .images
                .custom(id)
                .is_some_and(|i| i.owner == caller && i.region == region);
            if !found {
                return Err(missing);
            }
            world.images.tags_mut(id).ok_or(missing)
        }
        "instance" => world
            .instances
            .get_mut(id)
            .filter(|i| i.owner == caller && i.region == region)
            .map(|i| &mut i.tags)
            .ok_or(missing),
        "securitygroup" => world
            .security_groups
            .by_id
            .get_mut(id)
            .filter(|g| g.owner == caller && g.region == region)
            .map(|g| &mut g.tags)
            .ok_or(missing),
        "snapshot" => world
            .storage
            .snapshots
            .get_mut(id)
            .filter(|s| s.owner == caller && s.region == region)
            .map(|s| &mut s.tags)
            .ok_or(missing),
        "disk" => world
            .storage
            .disks
            .get_mut(id)
            .filter(|d| d.owner == caller && d.region == region)
            .map(|d| &mut d.tags)
            .ok_or(missing),
        "keypair" => world
            .key_pairs
            .get_mut(caller, region, id)
            .map(|k| &mut k.tags)
            .ok_or(missing),
        _ => Err(ApiError::InvalidResourceTypeNotFound),
    }
}

/// A resource's ID and its tags.
pub(crate) type Tagged<'w> = (&'w str, &'w BTreeMap<String, String>);

/// Every resource of a kind the caller has in the region, with its tags, by ID.
pub(crate) fn tagged<'w>(
    world: &'w World,
    caller: &str,
    region: &str,
    kind: &str,
) -> Result<Vec<Tagged<'w>>, ApiError> {
    let mine = |owner: &str, r: &str| owner == caller && r == region;
    let mut out: Vec<Tagged<'w>> = match kind {
        "image" => world
            .images
            .owned_by(region, caller)
            .map(|i| (i.id.as_str(), &i.tags))
            .collect(),
        "instance" => world
            .instances
            .iter()
            .filter(|i| mine(&i.owner, &i.region))
            .map(|i| (i.id.as_str(), &i.tags))
            .collect(),
        "securitygroup" => world
            .security_groups
            .by_id
            .values()
            .filter(|g| mine(&g.owner, &g.region))
            .map(|g| (g.id.as_str(), &g.tags))
            .collect(),
        "snapshot" => world
            .storage
            .snapshots
            .values()
            .filter(|s| mine(&s.owner, &s.region))
            .map(|s| (s.id.as_str(), &s.tags))
            .collect(),
        "disk" => world
            .storage
            .disks
            .values()
            .filter(|d| mine(&d.owner, &d.region))
            .map(|d| (d.id.as_str(), &d.tags))
            .collect(),
        "keypair" => world
            .key_pairs
            .of(caller, region)
            .map(|k| (k.name.as_str(), &k.tags))
            .collect(),
        _ => return Err(ApiError::InvalidResourceTypeNotFound),
    };
    out.sort_by_key(|(id, _)| *id);
    Ok(out)
}

/// AddTags: adds or overwrites tags (a resource holds at most 20).
pub fn add_tags(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.required_region()?;
    let p = ctx.params;
    let id = p.required("ResourceId")?;
    let kind = p.required("ResourceType")?;
    let new = new_tags(p)?;
    if new.is_empty() {
        return Err(ApiError::MissingParameter("Tag.1.Key".into()));
    }
    check_tags(&new)?;
    let mut world = ctx.world_mut();
    let missing = ApiError::InvalidResourceIdNotFound;
    let map = tag_map(
        &mut world,
        &ctx.caller.account_id,
        region,
        kind,
        id,
        missing,
    )?;
    let mut after = map.clone();
    after.extend(new);
    if after.len() > 20 {
        return Err(ApiError::InvalidTagCount);
    }
    *map = after;
    Ok(object! {}.into())
}

/// RemoveTags: removes the named keys (a key with a value given only if it matches); no
/// `Tag` removes every tag.
pub fn remove_tags(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.required_region()?;
    let p = ctx.params;
    let id = p.required("ResourceId")?;
    let kind = p.required("ResourceType")?;
    let gone = tags(p)?;
    let mut world = ctx.world_mut();
    let missing = ApiError::InvalidResourceIdNotFound;
    let map = tag_map(
        &mut world,
        &ctx.caller.account_id,
        region,
        kind,
        id,
        missing,
    )?;
    if gone.is_empty() {
        map.clear();
    }
    for (k, v) in gone {
        if v.as_ref().is_none_or(|v| map.get(&k) == Some(v)) {
            map.remove(&k);
        }
    }
    Ok(object! {}.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_rules() {
        let t = |k: &str, v: &str| vec![(k.to_string(), v.to_string())];
        assert_eq!(check_tags(&t("env", "prod")), Ok(()));
        assert_eq!(
            check_tags(&t("", "x")),
            Err(ApiError::InvalidTagKeyMalformed)
        );
        assert_eq!(
            check_tags(&t("acs:x", "x")),
            Err(ApiError::InvalidTagKeyMalformed)
        );
        assert_eq!(
            check_tags(&t("k", "aliyun")),
            Err(ApiError::InvalidTagValueMalformed)
        );
        let mut two = t("k", "1");
        two.extend(t("k", "2"));
        assert_eq!(check_tags(&two), Err(ApiError::DuplicateTagKey));
    }
}
