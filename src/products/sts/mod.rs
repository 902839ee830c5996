//! STS 2015-04-01: who is calling, and roles assumed (docs/sources.md#sts).
//!
//! `GetCallerIdentity` answers `Account` for an account's own AccessKey (its `UserId` and
//! `PrincipalId` are the account ID, its `Arn` `acs:ram::<account>:root`, the principal form
//! trust policies use), `RAMUser` for a RAM user's key, and `AssumedRoleUser` for STS
//! credentials. The scenario's STS tokens name no role, so their role is *inferred*
//! (`AliyunMockScenarioStsRole`, a `RoleId` derived from its name); AssumeRole's credentials
//! answer their role and session.
//!
//! `AssumeRole` is for RAM users and assumed roles only; the role's trust policy decides:
//! an `Allow` statement for `sts:AssumeRole` whose `Principal.RAM` names the caller's
//! account root (`acs:ram::<account>:root`: any RAM user or role of it), the caller's user
//! (`...:user/<name>`) or the caller's role (`...:role/<name>`).

mod assume;

use crate::error::ApiError;
use crate::products::{Action, Ctx};
use crate::protocol::Reply;

/// The role name scenario STS credentials answer as.
pub const SCENARIO_STS_ROLE: &str = "AliyunMockScenarioStsRole";

pub static ACTIONS: &[Action] = &[
    Action {
        name: "GetCallerIdentity",
        handler: get_caller_identity,
    },
    Action {
        name: "AssumeRole",
        handler: assume::assume_role,
    },
];

/// A stable 19-digit role ID for a name (FNV-1a; the real IDs are opaque digits).
pub(crate) fn role_id(name: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("3{:018}", h % 1_000_000_000_000_000_000)
}

pub fn get_caller_identity(ctx: &Ctx) -> Result<Reply, ApiError> {
    let account = ctx.caller.account_id.as_str();
    let key = ctx.caller.access_key_id.as_str();
    let world = ctx.world();
    let cred = world.credential(key);
    if let Some((role_name, session)) = cred.and_then(|c| c.role.as_ref()) {
        let role = world
            .roles
            .get(account, role_name)
            .map_or_else(|| role_id(role_name), |r| r.id.clone());
        return Ok(object! {
            "AccountId" => account,
            "Arn" => format!("acs:ram::{account}:assumed-role/{}/{session}", role_name.to_lowercase()),
            "IdentityType" => "AssumedRoleUser",
            "PrincipalId" => format!("{role}:{session}"),
            "RoleId" => role,
            "UserId" => "",
        }
        .into());
    }
    if let Some(user) = cred
        .and_then(|c| c.user.as_deref())
        .and_then(|u| world.ram_users.get(account, u))
    {
        return Ok(object! {
            "AccountId" => account,
            "Arn" => format!("acs:ram::{account}:user/{}", user.name),
            "IdentityType" => "RAMUser",
            "PrincipalId" => user.id.as_str(),
            "RoleId" => "",
            "UserId" => user.id.as_str(),
        }
        .into());
    }
    if cred.is_some_and(|c| c.sts.is_some()) {
        let role = role_id(SCENARIO_STS_ROLE);
        return Ok(object! {
            "AccountId" => account,
            "Arn" => format!("acs:ram::{account}:assumed-role/{SCENARIO_STS_ROLE}/{key}"),
            "IdentityType" => "AssumedRoleUser",
            "PrincipalId" => format!("{role}:{key}"),
            "RoleId" => role,
            "UserId" => "",
        }
        .into());
    }
    Ok(object! {
        "AccountId" => account,
        "Arn" => format!("acs:ram::{account}:root"),
        "IdentityType" => "Account",
        "PrincipalId" => account,
        "RoleId" => "",
        "UserId" => account,
    }
    .into())
}

#[cfg(test)]
mod tests {
    #[test]
    fn role_ids_are_19_digits_and_stable() {
        let a = super::role_id("x");
        assert_eq!(a.len(), 19);
        assert!(a.bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(a, super::role_id("x"));
        assert_ne!(a, super::role_id("y"));
    }
}
