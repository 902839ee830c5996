//! Member accounts and handshakes.

use std::collections::BTreeMap;

use serde_json::Value;

use super::rules::NewResourceAccount;
use super::{Directory, Handshake, Member, MemberKind};
use crate::error::ApiError;
use crate::products::ecs::tags::{check_tags, has_tags, new_tags};
use crate::products::{page, paging, Ctx};
use crate::protocol::Reply;
use crate::time::{format_millis, format_seconds};
use crate::world::World;

fn account_id<'a>(ctx: &'a Ctx) -> Result<&'a str, ApiError> {
    ctx.params
        .opt("AccountId")
        .ok_or(ApiError::MissingParameterAccountId)
}

fn member_view(d: &Directory, m: &Member, full: bool, tags: bool) -> Value {
    let (kind, mut status, method) = match m.kind {
        MemberKind::CloudAccount => ("CloudAccount", "InviteSuccess", "invited"),
        MemberKind::ResourceAccount => ("ResourceAccount", "CreateSuccess", "created"),
    };
    let method = if m.switched { "created" } else { method };
    if m.switched {
        status = "SwitchSuccess";
    }
    let mut v = serde_json::Map::new();
    let mut put = |k: &str, val: Value| {
        v.insert(k.to_string(), val);
    };
    put("AccountId", m.account_id.as_str().into());
    if full {
        put("AccountName", m.account_name.as_str().into());
    }
    put("DisplayName", m.display_name.as_str().into());
    put("FolderId", m.folder_id.as_str().into());
    put("ResourceDirectoryId", d.id.as_str().into());
    put(
        "ResourceDirectoryPath",
        format!("{}/{}", d.path(&m.folder_id), m.account_id).into(),
    );
    put("Type", kind.into());
    put("Status", status.into());
    put("JoinMethod", method.into());
    put("JoinTime", format_millis(m.joined).into());
    put("ModifyTime", format_millis(m.modified).into());
    if full {
        put("IdentityInformation", "".into());
        put("Location", "".into());
        put("EmailStatus", "".into());
        // GetAccount's Tags is a plain array (docs/sources.md#resource-directory).
        put("Tags", Value::Array(tag_list(&m.tags)));
    } else if tags {
        put("Tags", object! { "Tag" => tag_list(&m.tags) });
    }
    Value::Object(v)
}

/// A member's tags as `[{"Key", "Value"}]`.
fn tag_list(tags: &BTreeMap<String, String>) -> Vec<Value> {
    tags.iter()
        .map(|(k, v)| object! { "Key" => k.as_str(), "Value" => v.as_str() })
        .collect()
}

fn handshake_view(world: &World, h: &Handshake, now: i64) -> Value {
    object! {
        "HandshakeId" => h.id.as_str(),
        "ResourceDirectoryId" => h.directory_id.as_str(),
        "MasterAccountId" => h.master_id.as_str(),
        "MasterAccountName" => world.account_name(&h.master_id),
        "TargetEntity" => h.target_entity.as_str(),
        "TargetType" => h.target_type.as_str(),
        "Note" => h.note.as_str(),
        "Status" => h.status_at(now).as_str(),
        "CreateTime" => format_seconds(h.created),
        "ModifyTime" => format_seconds(h.modified),
        "ExpireTime" => format_seconds(h.expires),
    }
}

/// CreateResourceAccount, with the member's `Tag.N` (the ECS tag rules).
pub fn create_resource_account(ctx: &Ctx) -> Result<Reply, ApiError> {
    let now = ctx.now;
    let tags = new_tags(ctx.params)?;
    check_tags(&tags)?;
    let mut world = ctx.world_mut();
    let caller = &ctx.caller.account_id;
    let request = NewResourceAccount {
        display_name: ctx.params.opt("DisplayName"),
        parent: ctx.params.opt("ParentFolderId"),
        prefix: ctx.params.opt("AccountNamePrefix"),
        tags: tags.into_iter().collect(),
    };
    let m = world.create_resource_account(caller, request, now, ctx.ids)?;
    let d = world.managed_directory(caller)?;
    let mut v = member_view(d, &m, false, false);
    if let Value::Object(map) = &mut v {
        map.insert("AccountName".into(), m.account_name.clone().into());
    }
    Ok(object! { "Account" => v }.into())
}

pub fn invite_account(ctx: &Ctx) -> Result<Reply, ApiError> {
    let now = ctx.now;
    let mut world = ctx.world_mut();
    let h = world.invite_account(
        &ctx.caller.account_id,
        ctx.params.opt("TargetEntity"),
        ctx.params.opt("TargetType"),
        ctx.params.opt("Note"),
        now,
        ctx.ids,
    )?;
    Ok(object! { "Handshake" => handshake_view(&world, &h, now) }.into())
}

fn respond(ctx: &Ctx, accept: bool) -> Result<Reply, ApiError> {
    let id = ctx
        .params
        .opt("HandshakeId")
        .ok_or(ApiError::MissingParameterHandshakeId)?;
    let now = ctx.now;
    let mut world = ctx.world_mut();
    let h = world.respond_handshake(&ctx.caller.account_id, id, accept, now)?;
    Ok(object! { "Handshake" => handshake_view(&world, &h, now) }.into())
}

pub fn accept_handshake(ctx: &Ctx) -> Result<Reply, ApiError> {
    respond(ctx, true)
}

pub fn decline_handshake(ctx: &Ctx) -> Result<Reply, ApiError> {
    respond(ctx, false)
}

pub fn list_handshakes_for_account(ctx: &Ctx) -> Result<Reply, ApiError> {
    let (number, size) = paging(ctx.params)?;
    let now = ctx.now;
    let world = ctx.world();
    let mine: Vec<&Handshake> = world
        .directories
        .handshakes
        .values()
        .filter(|h| h.target_account == ctx.caller.account_id)
        .collect();
    let total = mine.len();
    let items: Vec<Value> = page(mine, number, size)
        .map(|h| handshake_view(&world, h, now))
        .collect();
    Ok(object! {
        "TotalCount" => total,
        "PageNumber" => number,
        "PageSize" => size,
        "Handshakes" => object! { "Handshake" => items },
    }
    .into())
}

fn list(ctx: &Ctx, parent: bool) -> Result<Reply, ApiError> {
    let (number, size) = paging(ctx.params)?;
    let tags = ctx.params.bool("IncludeTags")?.unwrap_or(false);
    let world = ctx.world();
    let d = world.managed_directory(&ctx.caller.account_id)?;
    let folder = if parent {
        Some(
            World::parent_folder(d, ctx.params.opt("ParentFolderId"))?
                .id
                .clone(),
        )
    } else {
        None
    };
    let keyword = ctx.params.opt("QueryKeyword").map(str::to_lowercase);
    let wanted = crate::products::ecs::tags::tags(ctx.params)?;
    let mut members: Vec<&Member> = d
        .members
        .values()
        .filter(|m| folder.as_ref().is_none_or(|f| &m.folder_id == f))
        .filter(|m| {
            keyword.as_ref().is_none_or(|k| {
                m.display_name.to_lowercase().contains(k.as_str())
                    || m.account_id.contains(k.as_str())
            })
        })
        .filter(|m| has_tags(&m.tags, &wanted))
        .collect();
    members.sort_by(|a, b| {
        a.joined
            .cmp(&b.joined)
            .then_with(|| a.account_id.cmp(&b.account_id))
    });
    let total = members.len();
    let items: Vec<Value> = page(members, number, size)
        .map(|m| member_view(d, m, false, tags))
        .collect();
    Ok(object! {
        "TotalCount" => total,
        "PageNumber" => number,
        "PageSize" => size,
        "Accounts" => object! { "Account" => items },
    }
    .into())
}

pub fn list_accounts(ctx: &Ctx) -> Result<Reply, ApiError> {
    list(ctx, false)
}

pub fn list_accounts_for_parent(ctx: &Ctx) -> Result<Reply, ApiError> {
    list(ctx, true)
}

pub fn get_account(ctx: &Ctx) -> Result<Reply, ApiError> {
    let id = account_id(ctx)?;
    let world = ctx.world();
    let d = world.managed_directory(&ctx.caller.account_id)?;
    let m = World::managed_member(d, id)?;
    Ok(object! { "Account" => member_view(d, m, true, false) }.into())
}

/// GetAccount of the 2022-04-19 API: also `HasSecureMobilePhone` and `SecureMobilePhone`
/// (no member has one in the mock).
pub fn get_account_2022(ctx: &Ctx) -> Result<Reply, ApiError> {
    let mut v = get_account(ctx)?.into_value();
    if let Some(Value::Object(a)) = v.get_mut("Account") {
        a.insert("HasSecureMobilePhone".into(), false.into());
        a.insert("SecureMobilePhone".into(), "".into());
    }
    Ok(v.into())
}

pub fn move_account(ctx: &Ctx) -> Result<Reply, ApiError> {
    let id = account_id(ctx)?;
    let now = ctx.now;
    ctx.world_mut().move_account(
        &ctx.caller.account_id,
        id,
        ctx.params.opt("DestinationFolderId"),
        now,
    )?;
    Ok(object! {}.into())
}

pub fn remove_cloud_account(ctx: &Ctx) -> Result<Reply, ApiError> {
    let id = account_id(ctx)?;
    ctx.world_mut()
        .remove_cloud_account(&ctx.caller.account_id, id)?;
    Ok(object! {}.into())
}

/// UpdateAccount: `NewDisplayName` (the CreateResourceAccount rules, unique in the directory)
/// or `NewAccountType` (a resource account may become a cloud account, `Status`
/// `SwitchSuccess`; the reverse is refused: *inferred*, as only the upgrade is documented).
/// Exactly one of the two; `DryRun` checks and changes nothing. Answers the member as
/// GetAccount does.
pub fn update_account(ctx: &Ctx) -> Result<Reply, ApiError> {
    let id = account_id(ctx)?.to_string();
    let p = ctx.params;
    let dry_run = p.bool("DryRun")?.unwrap_or(false);
    let now = ctx.now;
    ctx.world_mut().update_account(
        &ctx.caller.account_id,
        &id,
        p.opt("NewDisplayName"),
        p.opt("NewAccountType"),
        dry_run,
        now,
    )?;
    let world = ctx.world();
    let d = world.managed_directory(&ctx.caller.account_id)?;
    let m = World::managed_member(d, &id)?;
    Ok(object! { "Account" => member_view(d, m, true, false) }.into())
}
