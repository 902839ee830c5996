//! CreateKeyPair, ImportKeyPair, DescribeKeyPairs, DeleteKeyPairs: parameters in, fields out.

use serde_json::Value;

use super::{KeyPair, NewKeyPair, MAX_DELETE};
use crate::error::ApiError;
use crate::products::ecs::tags::{new_tags, tags};
use crate::products::{page, Ctx};
use crate::protocol::Reply;
use crate::time::format_seconds;

fn new_key_pair<'a>(ctx: &'a Ctx, public_key: Option<&'a str>) -> Result<NewKeyPair<'a>, ApiError> {
    let p = ctx.params;
    let name = p.required("KeyPairName")?;
    let region = ctx.required_region()?;
    Ok(NewKeyPair {
        name,
        region,
        resource_group_id: p.opt("ResourceGroupId"),
        tags: new_tags(p)?,
        public_key,
    })
}

pub fn create_key_pair(ctx: &Ctx) -> Result<Reply, ApiError> {
    let new = new_key_pair(ctx, None)?;
    let (kp, private_key) =
        ctx.world_mut()
            .add_key_pair(&ctx.caller.account_id, new, ctx.now, ctx.ids)?;
    Ok(object! {
        "KeyPairId" => kp.id,
        "KeyPairName" => kp.name,
        "KeyPairFingerPrint" => kp.fingerprint,
        "PrivateKeyBody" => private_key.unwrap_or_default(),
    }
    .into())
}

pub fn import_key_pair(ctx: &Ctx) -> Result<Reply, ApiError> {
    let body = ctx.params.required("PublicKeyBody")?;
    let new = new_key_pair(ctx, Some(body))?;
    let (kp, _) = ctx
        .world_mut()
        .add_key_pair(&ctx.caller.account_id, new, ctx.now, ctx.ids)?;
    Ok(object! {
        "KeyPairName" => kp.name,
        "KeyPairFingerPrint" => kp.fingerprint,
    }
    .into())
}

/// `*` matches any run of characters; the rest must match exactly.
fn wildcard(pattern: &str, name: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == name;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !name.starts_with(first) || !name.ends_with(last) || name.len() < first.len() + last.len() {
        return false;
    }
    // Both ends matched, so both cuts fall on character boundaries.
    let mut rest = &name[first.len()..name.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    true
}

fn key_pair_view(kp: &KeyPair, include_public_key: bool) -> Value {
    let tags: Vec<Value> = kp
        .tags
        .iter()
        .map(|(k, v)| object! { "TagKey" => k.as_str(), "TagValue" => v.as_str() })
        .collect();
    let mut v = object! {
        "KeyPairName" => kp.name.as_str(),
        "KeyPairFingerPrint" => kp.fingerprint.as_str(),
        "CreationTime" => format_seconds(kp.created),
        "ResourceGroupId" => kp.resource_group_id.as_str(),
        "Tags" => object! { "Tag" => tags },
    };
    if include_public_key {
        if let Value::Object(m) = &mut v {
            m.insert("PublicKey".into(), kp.public_key.clone().into());
        }
    }
    v
}

pub fn describe_key_pairs(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.required_region()?;
    let p = ctx.params;
    let number = p.int("PageNumber", 1, i32::MAX as i64)?.unwrap_or(1) as usize;
    let size = p.int("PageSize", 1, 50)?.unwrap_or(10) as usize;
    let name = p.opt("KeyPairName");
    let fingerprint = p.opt("KeyPairFingerPrint");
    let group = p.opt("ResourceGroupId");
    let include_public_key = p.bool("IncludePublicKey")?.unwrap_or(false);
    let wanted = tags(p)?;
    let world = ctx.world();
    let mut found: Vec<&KeyPair> = world
        .key_pairs
        .of(&ctx.caller.account_id, region)
        .filter(|k| name.is_none_or(|n| wildcard(n, &k.name)))
        .filter(|k| fingerprint.is_none_or(|f| f == k.fingerprint))
        .filter(|k| group.is_none_or(|g| g == k.resource_group_id))
        .filter(|k| {
            wanted.iter().all(|(wk, wv)| {
                k.tags
                    .iter()
                    .any(|(tk, tv)| tk == wk && wv.as_ref().is_none_or(|wv| wv == tv))
            })
        })
        .collect();
    found.sort_by(|a, b| a.created.cmp(&b.created).then_with(|| a.name.cmp(&b.name)));
    let total = found.len();
    let items: Vec<Value> = page(found, number, size)
        .map(|k| key_pair_view(k, include_public_key))
        .collect();
    Ok(object! {
        "TotalCount" => total,
        "PageNumber" => number,
        "PageSize" => size,
        "KeyPairs" => object! { "KeyPair" => items },
    }
    .into())
}

pub fn delete_key_pairs(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.required_region()?;
    let raw = ctx.params.required("KeyPairNames")?;
    let names: Vec<String> =
        serde_json::from_str(raw).map_err(|_| ApiError::InvalidKeyPairNamesValueNotSupported)?;
    if names.is_empty() || names.len() > MAX_DELETE {
        return Err(ApiError::InvalidKeyPairNamesValueNotSupported);
    }
    ctx.world_mut()
        .delete_key_pairs(&ctx.caller.account_id, region, &names);
    Ok(object! {}.into())
}

#[cfg(test)]
mod tests {
    use super::wildcard;

    #[test]
    fn wildcards_match_prefixes_suffixes_and_middles() {
        assert!(wildcard("SshKey", "SshKey"));
        assert!(!wildcard("SshKey", "SshKey1"));
        assert!(wildcard("*SshKey", "mySshKey"));
        assert!(wildcard("*SshKey", "SshKey"));
        assert!(wildcard("SshKey*", "SshKey-2"));
        assert!(wildcard("*SshKey*", "a-SshKey-b"));
        assert!(wildcard("a*b*c", "a-b-c"));
        assert!(!wildcard("a*b*c", "a-c-b"));
        assert!(!wildcard("ab*ba", "aba"));
        assert!(!wildcard("a*x", "a\u{e9}"));
        assert!(wildcard("\u{e9}*\u{e9}", "\u{e9}-\u{e9}"));
        assert!(!wildcard("\u{e9}*\u{e9}", "\u{e9}"));
    }
}
