//! Tags on ECS resources: the `Tag.N.Key`/`Tag.N.Value` parameters and their rules, shared
//! by every ECS resource kind that carries tags.
//! Source: <https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-createimage>
//! (Tag.N limits) and the ECS error centre.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::ApiError;
use crate::products::{starts_with_any, Ctx};
use crate::protocol::{Params, Reply};

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
    let map = world
        .resource_mut(&ctx.caller.account_id, region, kind, id, missing)?
        .tags;
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
    let map = world
        .resource_mut(&ctx.caller.account_id, region, kind, id, missing)?
        .tags;
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
