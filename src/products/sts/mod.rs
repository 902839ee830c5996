//! STS 2015-04-01: who is calling (docs/sources.md#sts).
//!
//! `GetCallerIdentity` answers `Account` for an account's own AccessKey (its `UserId` and
//! `PrincipalId` are the account ID, its `Arn` `acs:ram::<account>:root`, the principal form
//! trust policies use) and `AssumedRoleUser` for an STS credential of the scenario. The
//! scenario's STS tokens name no role, so the role part is *inferred*: `Arn`
//! `acs:ram::<account>:assumed-role/<role>/<AccessKeyId>` with the role
//! `AliyunMockScenarioStsRole`, and a `RoleId` derived from the AccessKeyId.

use crate::error::ApiError;
use crate::products::{Action, Ctx};
use crate::protocol::Reply;

/// The role name scenario STS credentials answer as.
pub const SCENARIO_STS_ROLE: &str = "AliyunMockScenarioStsRole";

pub static ACTIONS: &[Action] = &[Action {
    name: "GetCallerIdentity",
    handler: get_caller_identity,
}];

/// A stable 19-digit role ID for a name (FNV-1a; the real IDs are opaque digits).
fn role_id(name: &str) -> String {
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
    let sts = ctx.world().credential(key).is_some_and(|c| c.sts.is_some());
    if sts {
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
