//! RAM 2015-05-01, roles only (docs/sources.md#ram): enough to create
//! AliyunECSShareEncryptImageDefaultRole and see encrypted sharing start to work.

use serde_json::Value;

use super::Role;
use crate::error::ApiError;
use crate::products::{token_page, Action, Ctx};
use crate::protocol::Reply;
use crate::time::format_seconds;

pub static ACTIONS: &[Action] = &[
    Action {
        name: "CreateUser",
        handler: super::users::create_user,
    },
    Action {
        name: "GetUser",
        handler: super::users::get_user,
    },
    Action {
        name: "ListUsers",
        handler: super::users::list_users,
    },
    Action {
        name: "DeleteUser",
        handler: super::users::delete_user,
    },
    Action {
        name: "CreateAccessKey",
        handler: super::users::create_access_key,
    },
    Action {
        name: "ListAccessKeys",
        handler: super::users::list_access_keys,
    },
    Action {
        name: "DeleteAccessKey",
        handler: super::users::delete_access_key,
    },
    Action {
        name: "AttachPolicyToUser",
        handler: super::users::attach_policy_to_user,
    },
    Action {
        name: "DetachPolicyFromUser",
        handler: super::users::detach_policy_from_user,
    },
    Action {
        name: "ListPoliciesForUser",
        handler: super::users::list_policies_for_user,
    },
    Action {
        name: "TagResources",
        handler: super::tags::tag_resources,
    },
    Action {
        name: "UntagResources",
        handler: super::tags::untag_resources,
    },
    Action {
        name: "ListTagResources",
        handler: super::tags::list_tag_resources,
    },
    Action {
        name: "CreateRole",
        handler: create_role,
    },
    Action {
        name: "GetRole",
        handler: get_role,
    },
    Action {
        name: "ListRoles",
        handler: list_roles,
    },
    Action {
        name: "DeleteRole",
        handler: delete_role,
    },
    Action {
        name: "AttachPolicyToRole",
        handler: attach_policy_to_role,
    },
    Action {
        name: "UpdateRole",
        handler: update_role,
    },
    Action {
        name: "DetachPolicyFromRole",
        handler: detach_policy_from_role,
    },
    Action {
        name: "ListPoliciesForRole",
        handler: list_policies_for_role,
    },
];

fn role_view(r: &Role, full: bool) -> Value {
    let mut v = object! {
        "RoleId" => r.id.as_str(),
        "RoleName" => r.name.as_str(),
        "Arn" => r.arn(),
        "Description" => r.description.as_str(),
        "MaxSessionDuration" => r.max_session_duration,
        "CreateDate" => format_seconds(r.created),
        "UpdateDate" => format_seconds(r.updated),
        "AllowConsoleLogin" => false,
    };
    if let (true, Value::Object(m)) = (full, &mut v) {
        m.insert(
            "AssumeRolePolicyDocument".into(),
            r.trust_policy.as_str().into(),
        );
        m.insert("IsServiceLinkedRole".into(), false.into());
    }
    v
}

fn role_name<'a>(ctx: &Ctx<'a>) -> Result<&'a str, ApiError> {
    ctx.params.required("RoleName")
}

fn update_role(ctx: &Ctx) -> Result<Reply, ApiError> {
    let p = ctx.params;
    let name = role_name(ctx)?;
    let max = p.int("NewMaxSessionDuration", 3600, 43200)?;
    p.bool("NewAllowConsoleLogin")?;
    let now = ctx.now;
    let role = ctx.world_mut().update_role(
        &ctx.caller.account_id,
        name,
        p.opt("NewAssumeRolePolicyDocument"),
        p.opt("NewDescription"),
        max,
        now,
    )?;
    Ok(object! { "Role" => role_view(&role, true) }.into())
}

fn create_role(ctx: &Ctx) -> Result<Reply, ApiError> {
    let p = ctx.params;
    let name = role_name(ctx)?;
    let doc = p.required("AssumeRolePolicyDocument")?;
    let max = p.int("MaxSessionDuration", 3600, 43200)?;
    let tags = super::tags::tag_pairs(ctx)?;
    let now = ctx.now;
    let caller = &ctx.caller.account_id;
    let mut world = ctx.world_mut();
    let role = world.create_role(caller, name, doc, p.opt("Description"), max, now, ctx.ids)?;
    // `Tag` (the TagResources JSON format) tags the new role.
    world.role_mut(caller, &role.name)?.tags = tags.into_iter().collect();
    Ok(object! { "Role" => role_view(&role, true) }.into())
}

fn get_role(ctx: &Ctx) -> Result<Reply, ApiError> {
    let world = ctx.world();
    let r = world.role(&ctx.caller.account_id, role_name(ctx)?)?;
    Ok(object! { "Role" => role_view(r, true) }.into())
}

fn list_roles(ctx: &Ctx) -> Result<Reply, ApiError> {
    let max = ctx.params.int("MaxItems", 1, 1000)?.unwrap_or(100) as usize;
    let start = match ctx.params.opt("Marker") {
        None => 0,
        Some(m) => m
            .parse::<usize>()
            .map_err(|_| ApiError::InvalidParameter("Marker".into()))?,
    };
    let world = ctx.world();
    let all: Vec<&Role> = world.roles.of(&ctx.caller.account_id).collect();
    let (page, next) = token_page(all, start, max);
    let items: Vec<Value> = page.into_iter().map(|r| role_view(r, false)).collect();
    let mut v = object! { "IsTruncated" => next.is_some(), "Roles" => object! { "Role" => items } };
    if let (Some(next), Value::Object(m)) = (next, &mut v) {
        m.insert("Marker".into(), next.to_string().into());
    }
    Ok(v.into())
}

fn delete_role(ctx: &Ctx) -> Result<Reply, ApiError> {
    let name = role_name(ctx)?;
    ctx.world_mut().delete_role(&ctx.caller.account_id, name)?;
    Ok(object! {}.into())
}

fn policy_args<'a>(ctx: &Ctx<'a>) -> Result<(&'a str, &'a str, &'a str), ApiError> {
    let p = ctx.params;
    Ok((
        p.required("PolicyType")?,
        p.required("PolicyName")?,
        role_name(ctx)?,
    ))
}

fn attach_policy_to_role(ctx: &Ctx) -> Result<Reply, ApiError> {
    let (kind, policy, role) = policy_args(ctx)?;
    let now = ctx.now;
    ctx.world_mut()
        .attach_policy(&ctx.caller.account_id, kind, policy, role, now)?;
    Ok(object! {}.into())
}

fn detach_policy_from_role(ctx: &Ctx) -> Result<Reply, ApiError> {
    let (kind, policy, role) = policy_args(ctx)?;
    ctx.world_mut()
        .detach_policy(&ctx.caller.account_id, kind, policy, role)?;
    Ok(object! {}.into())
}

fn list_policies_for_role(ctx: &Ctx) -> Result<Reply, ApiError> {
    let world = ctx.world();
    let r = world.role(&ctx.caller.account_id, role_name(ctx)?)?;
    Ok(policies_view(&r.policies).into())
}

/// `Policies.Policy` of ListPoliciesForRole and ListPoliciesForUser.
pub(super) fn policies_view(policies: &[(String, String, crate::time::Millis)]) -> Value {
    let items: Vec<Value> = policies
        .iter()
        .map(|(t, p, at)| {
            object! {
                "PolicyName" => p.as_str(),
                "PolicyType" => t.as_str(),
                "Description" => "",
                "DefaultVersion" => "v1",
                "AttachDate" => format_seconds(*at),
            }
        })
        .collect();
    object! { "Policies" => object! { "Policy" => items } }
}
