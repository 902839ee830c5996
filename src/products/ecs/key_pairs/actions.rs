//! CreateKeyPair, ImportKeyPair, DescribeKeyPairs, DeleteKeyPairs: parameters in, fields out.

use serde_json::Value;

use super::{KeyPair, NewKeyPair, MAX_DELETE};
use crate::error::ApiError;
use crate::products::ecs::instances::actions::id_array;
use crate::products::ecs::tags::{new_tags, tags};
use crate::products::{page, wildcard, Ctx};
use crate::protocol::Reply;
use crate::time::format_seconds;

fn new_key_pair<'a>(ctx: &'a Ctx, public_key: Option<&'a str>) -> Result<NewKeyPair<'a>, ApiError> {
    let p = ctx.params;
    let name = p.required("KeyPairName")?;
    let region = ctx.required_region()?;
    ctx.world()
        .resource_group(&ctx.caller.account_id, p.opt("ResourceGroupId"))?;
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
    let group = ctx
        .world()
        .group_filter(&ctx.caller.account_id, p.opt("ResourceGroupId"));
    let include_public_key = p.bool("IncludePublicKey")?.unwrap_or(false);
    let wanted = tags(p)?;
    let world = ctx.world();
    let mut found: Vec<&KeyPair> = world
        .key_pairs
        .of(&ctx.caller.account_id, region)
        .filter(|k| name.is_none_or(|n| wildcard(n, &k.name)))
        .filter(|k| fingerprint.is_none_or(|f| f == k.fingerprint))
        .filter(|k| group.as_ref().is_none_or(|g| g.keeps(&k.resource_group_id)))
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
    let names = id_array(
        ctx.params.required("KeyPairNames")?,
        MAX_DELETE,
        ApiError::InvalidKeyPairNamesValueNotSupported,
    )?;
    ctx.world_mut()
        .delete_key_pairs(&ctx.caller.account_id, region, &names);
    Ok(object! {}.into())
}

/// Instances AttachKeyPair and DetachKeyPair take at once.
const MAX_BIND: usize = 50;

fn bind(ctx: &Ctx, attach: bool) -> Result<Reply, ApiError> {
    let region = ctx.required_region()?;
    let p = ctx.params;
    let name = p.required("KeyPairName")?;
    let ids = id_array(
        p.required("InstanceIds")?,
        MAX_BIND,
        ApiError::InvalidInstanceIdsValueNotSupported,
    )?;
    let now = ctx.now;
    let outcomes =
        ctx.world_mut()
            .bind_key_pair(&ctx.caller.account_id, region, name, &ids, attach, now)?;
    let failed = outcomes.iter().filter(|(_, e)| e.is_some()).count();
    // The SDK models type every field of the result as a string.
    let results: Vec<Value> = outcomes
        .iter()
        .map(|(id, e)| match e {
            None => object! {
                "Code" => "200",
                "InstanceId" => id.as_str(),
                "Message" => "successful",
                "Success" => "true",
            },
            Some(e) => object! {
                "Code" => e.code(),
                "InstanceId" => id.as_str(),
                "Message" => e.message(),
                "Success" => "false",
            },
        })
        .collect();
    Ok(object! {
        "FailCount" => failed.to_string(),
        "KeyPairName" => name,
        "Results" => object! { "Result" => results },
        "TotalCount" => outcomes.len().to_string(),
    }
    .into())
}

pub fn attach_key_pair(ctx: &Ctx) -> Result<Reply, ApiError> {
    bind(ctx, true)
}

pub fn detach_key_pair(ctx: &Ctx) -> Result<Reply, ApiError> {
    bind(ctx, false)
}
