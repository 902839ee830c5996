//! RAM users and their AccessKeys: CreateUser, GetUser, ListUsers, DeleteUser,
//! CreateAccessKey, ListAccessKeys, DeleteAccessKey, AttachPolicyToUser, DetachPolicyFromUser,
//! ListPoliciesForUser (docs/sources.md#ram-users).
//!
//! A RAM user's key signs requests as its account (permission policies are not enforced);
//! what it changes is who it is: STS `GetCallerIdentity` answers `RAMUser`, and only RAM
//! users and assumed roles may call `AssumeRole`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::ApiError;
use crate::products::{token_page, Ctx};
use crate::protocol::Reply;
use crate::time::{format_seconds, Millis};
use crate::world::{Credential, Ids, World};

/// RAM users one account may have (the documented limit).
pub const MAX_USERS: usize = 100;
/// AccessKeys one RAM user may have (documented).
pub const MAX_KEYS: usize = 2;
/// System policies one RAM user may have attached directly (documented).
pub const MAX_USER_POLICIES: usize = 20;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RamUser {
    pub id: String,
    pub name: String,
    pub account: String,
    pub display_name: String,
    pub comments: String,
    pub email: String,
    pub mobile: String,
    pub created: Millis,
    /// Its AccessKey IDs, with their creation times (the secrets are with the credentials).
    pub keys: BTreeMap<String, Millis>,
    /// Attached policies: (type, name, when), in attachment order.
    #[serde(default)]
    pub policies: Vec<(String, String, Millis)>,
}

/// RAM users per account, by name.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RamUsers {
    pub by_account: BTreeMap<String, BTreeMap<String, RamUser>>,
}

impl RamUsers {
    pub fn get(&self, account: &str, name: &str) -> Option<&RamUser> {
        self.by_account.get(account)?.get(name)
    }

    fn get_mut(&mut self, account: &str, name: &str) -> Option<&mut RamUser> {
        self.by_account.get_mut(account)?.get_mut(name)
    }
}

/// The UserName rule, for scenario checks.
pub fn valid_user_name(name: &str) -> bool {
    check_user_name(name).is_ok()
}

/// UserName: 1-64 characters: letters, digits, `.`, `-`, `_`.
fn check_user_name(name: &str) -> Result<(), ApiError> {
    if name.is_empty() || name.chars().count() > 64 {
        return Err(ApiError::InvalidParameterUserNameLength);
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
    {
        return Err(ApiError::InvalidParameterUserNameInvalidChars);
    }
    Ok(())
}

impl World {
    /// A scenario's RAM user of `account`, with its keys and policies (checked by the
    /// scenario validator).
    pub(crate) fn load_ram_user(
        &mut self,
        account: &str,
        spec: &crate::scenario::RamUserSpec,
        now: Millis,
        ids: &Ids,
    ) {
        let mut keys = BTreeMap::new();
        for k in &spec.access_keys {
            self.add_credential(Credential {
                access_key_id: k.id.clone(),
                account_id: account.to_string(),
                secret: k.secret.clone(),
                sts: None,
                user: Some(spec.name.clone()),
                role: None,
            });
            keys.insert(k.id.clone(), now);
        }
        let user = RamUser {
            id: ids.digits(16),
            name: spec.name.clone(),
            account: account.to_string(),
            display_name: String::new(),
            comments: String::new(),
            email: String::new(),
            mobile: String::new(),
            created: now,
            keys,
            policies: spec
                .policies
                .iter()
                .map(|p| ("System".to_string(), p.clone(), now))
                .collect(),
        };
        self.ram_users
            .by_account
            .entry(account.to_string())
            .or_default()
            .insert(user.name.clone(), user);
    }

    fn own_user(&self, caller: &str, name: &str) -> Result<&RamUser, ApiError> {
        self.ram_users
            .get(caller, name)
            .ok_or(ApiError::EntityNotExistUser)
    }

    /// CreateUser.
    pub fn create_user(&mut self, caller: &str, user: RamUser) -> Result<RamUser, ApiError> {
        check_user_name(&user.name)?;
        if user.display_name.chars().count() > 128 {
            return Err(ApiError::InvalidParameterDisplayNameLength);
        }
        if user.comments.chars().count() > 128 {
            return Err(ApiError::InvalidParameterCommentsLength);
        }
        if !user.email.is_empty() && !user.email.contains('@') {
            return Err(ApiError::InvalidParameterEmailFormat);
        }
        let users = self
            .ram_users
            .by_account
            .entry(caller.to_string())
            .or_default();
        if users.contains_key(&user.name) {
            return Err(ApiError::EntityAlreadyExistsUser);
        }
        if users.len() >= MAX_USERS {
            return Err(ApiError::LimitExceededUser);
        }
        users.insert(user.name.clone(), user.clone());
        Ok(user)
    }

    /// AttachPolicyToUser: system (`Aliyun*`) policies only, as for roles; at most
    /// `MAX_USER_POLICIES`.
    pub fn attach_user_policy(
        &mut self,
        caller: &str,
        kind: &str,
        policy: &str,
        name: &str,
        now: Millis,
    ) -> Result<(), ApiError> {
        self.own_user(caller, name)?;
        super::rules::check_attachable(kind, policy)?;
        let u = self.ram_users.get_mut(caller, name).expect("checked");
        if u.policies.iter().any(|(t, p, _)| t == kind && p == policy) {
            return Err(ApiError::EntityAlreadyExistsUserPolicy);
        }
        if u.policies.len() >= MAX_USER_POLICIES {
            return Err(ApiError::LimitExceededUserPolicy);
        }
        u.policies.push((kind.to_string(), policy.to_string(), now));
        Ok(())
    }

    /// DetachPolicyFromUser.
    pub fn detach_user_policy(
        &mut self,
        caller: &str,
        kind: &str,
        policy: &str,
        name: &str,
    ) -> Result<(), ApiError> {
        self.own_user(caller, name)?;
        super::rules::check_policy_type(kind)?;
        let u = self.ram_users.get_mut(caller, name).expect("checked");
        let before = u.policies.len();
        u.policies.retain(|(t, p, _)| !(t == kind && p == policy));
        if u.policies.len() == before {
            return Err(ApiError::EntityNotExistUserPolicy);
        }
        Ok(())
    }

    /// DeleteUser: a user without AccessKeys or attached policies.
    pub fn delete_user(&mut self, caller: &str, name: &str) -> Result<(), ApiError> {
        let user = self.own_user(caller, name)?;
        if !user.keys.is_empty() {
            return Err(ApiError::DeleteConflictUserAccessKey);
        }
        if !user.policies.is_empty() {
            return Err(ApiError::DeleteConflictUserPolicy);
        }
        if let Some(users) = self.ram_users.by_account.get_mut(caller) {
            users.remove(name);
        }
        Ok(())
    }

    /// CreateAccessKey: at most two per user.
    pub fn create_access_key(
        &mut self,
        caller: &str,
        name: &str,
        now: Millis,
        ids: &Ids,
    ) -> Result<(String, String), ApiError> {
        if self.own_user(caller, name)?.keys.len() >= MAX_KEYS {
            return Err(ApiError::LimitExceededUserAccessKey);
        }
        let id = format!("LTAI5t{}", ids.resource_id("", 18));
        let secret = ids.resource_id("", 30);
        self.add_credential(Credential {
            access_key_id: id.clone(),
            account_id: caller.to_string(),
            secret: secret.clone(),
            sts: None,
            user: Some(name.to_string()),
            role: None,
        });
        if let Some(u) = self.ram_users.get_mut(caller, name) {
            u.keys.insert(id.clone(), now);
        }
        Ok((id, secret))
    }

    /// DeleteAccessKey: from then on the key signs nothing.
    pub fn delete_access_key(
        &mut self,
        caller: &str,
        name: &str,
        key: &str,
    ) -> Result<(), ApiError> {
        if !self.own_user(caller, name)?.keys.contains_key(key) {
            return Err(ApiError::EntityNotExistUserAccessKey);
        }
        self.remove_credential(key);
        if let Some(u) = self.ram_users.get_mut(caller, name) {
            u.keys.remove(key);
        }
        Ok(())
    }
}

fn user_view(u: &RamUser) -> Value {
    object! {
        "UserId" => u.id.as_str(),
        "UserName" => u.name.as_str(),
        "DisplayName" => u.display_name.as_str(),
        "MobilePhone" => u.mobile.as_str(),
        "Email" => u.email.as_str(),
        "Comments" => u.comments.as_str(),
        "CreateDate" => format_seconds(u.created),
    }
}

fn user_name<'a>(ctx: &Ctx<'a>) -> Result<&'a str, ApiError> {
    ctx.params.required("UserName")
}

pub fn create_user(ctx: &Ctx) -> Result<Reply, ApiError> {
    let p = ctx.params;
    let text = |n: &str| p.opt(n).unwrap_or("").to_string();
    let user = RamUser {
        id: ctx.ids.digits(16),
        name: user_name(ctx)?.to_string(),
        account: ctx.caller.account_id.clone(),
        display_name: text("DisplayName"),
        comments: text("Comments"),
        email: text("Email"),
        mobile: text("MobilePhone"),
        created: ctx.now,
        keys: BTreeMap::new(),
        policies: Vec::new(),
    };
    let u = ctx.world_mut().create_user(&ctx.caller.account_id, user)?;
    Ok(object! { "User" => user_view(&u) }.into())
}

pub fn get_user(ctx: &Ctx) -> Result<Reply, ApiError> {
    let world = ctx.world();
    let u = world.own_user(&ctx.caller.account_id, user_name(ctx)?)?;
    let mut v = user_view(u);
    if let Value::Object(m) = &mut v {
        m.insert("UpdateDate".into(), format_seconds(u.created).into());
        m.insert("LastLoginDate".into(), "".into());
    }
    Ok(object! { "User" => v }.into())
}

/// ListUsers: by name, `MaxItems` (1-1000, default 100) per page, `Marker` to go on.
pub fn list_users(ctx: &Ctx) -> Result<Reply, ApiError> {
    let p = ctx.params;
    let max = p.int("MaxItems", 1, 1000)?.unwrap_or(100) as usize;
    let start = match p.opt("Marker") {
        None => 0,
        Some(m) => m
            .parse::<usize>()
            .map_err(|_| ApiError::InvalidParameter("Marker".into()))?,
    };
    let world = ctx.world();
    let all: Vec<Value> = world
        .ram_users
        .by_account
        .get(&ctx.caller.account_id)
        .into_iter()
        .flat_map(|m| m.values())
        .map(user_view)
        .collect();
    let (items, next) = token_page(all, start, max);
    Ok(object! {
        "IsTruncated" => next.is_some(),
        "Marker" => next.map(|n| n.to_string()).unwrap_or_default(),
        "Users" => object! { "User" => items },
    }
    .into())
}

pub fn delete_user(ctx: &Ctx) -> Result<Reply, ApiError> {
    let name = user_name(ctx)?;
    ctx.world_mut().delete_user(&ctx.caller.account_id, name)?;
    Ok(object! {}.into())
}

pub fn create_access_key(ctx: &Ctx) -> Result<Reply, ApiError> {
    let name = user_name(ctx)?;
    let now = ctx.now;
    let (id, secret) =
        ctx.world_mut()
            .create_access_key(&ctx.caller.account_id, name, now, ctx.ids)?;
    Ok(object! {
        "AccessKey" => object! {
            "AccessKeyId" => id,
            "AccessKeySecret" => secret,
            "Status" => "Active",
            "CreateDate" => format_seconds(now),
        },
    }
    .into())
}

pub fn list_access_keys(ctx: &Ctx) -> Result<Reply, ApiError> {
    let world = ctx.world();
    let u = world.own_user(&ctx.caller.account_id, user_name(ctx)?)?;
    let keys: Vec<Value> = u
        .keys
        .iter()
        .map(|(id, t)| {
            object! {
                "AccessKeyId" => id.as_str(),
                "Status" => "Active",
                "CreateDate" => format_seconds(*t),
            }
        })
        .collect();
    Ok(object! { "AccessKeys" => object! { "AccessKey" => keys } }.into())
}

pub fn delete_access_key(ctx: &Ctx) -> Result<Reply, ApiError> {
    let name = user_name(ctx)?;
    let key = ctx.params.required("UserAccessKeyId")?;
    ctx.world_mut()
        .delete_access_key(&ctx.caller.account_id, name, key)?;
    Ok(object! {}.into())
}

fn user_policy_args<'a>(ctx: &Ctx<'a>) -> Result<(&'a str, &'a str, &'a str), ApiError> {
    let p = ctx.params;
    Ok((
        p.required("PolicyType")?,
        p.required("PolicyName")?,
        user_name(ctx)?,
    ))
}

pub fn attach_policy_to_user(ctx: &Ctx) -> Result<Reply, ApiError> {
    let (kind, policy, name) = user_policy_args(ctx)?;
    let now = ctx.now;
    ctx.world_mut()
        .attach_user_policy(&ctx.caller.account_id, kind, policy, name, now)?;
    Ok(object! {}.into())
}

pub fn detach_policy_from_user(ctx: &Ctx) -> Result<Reply, ApiError> {
    let (kind, policy, name) = user_policy_args(ctx)?;
    ctx.world_mut()
        .detach_user_policy(&ctx.caller.account_id, kind, policy, name)?;
    Ok(object! {}.into())
}

/// ListPoliciesForUser: the same item shape as ListPoliciesForRole.
pub fn list_policies_for_user(ctx: &Ctx) -> Result<Reply, ApiError> {
    let world = ctx.world();
    let u = world.own_user(&ctx.caller.account_id, user_name(ctx)?)?;
    Ok(super::actions::policies_view(&u.policies).into())
}
