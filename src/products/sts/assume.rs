//! AssumeRole: the caller, the role's trust policy, and the credentials issued.

use serde_json::Value;

use crate::error::ApiError;
use crate::products::Ctx;
use crate::protocol::Reply;
use crate::time::{format_seconds, Millis};
use crate::world::{Credential, StsToken, World};

/// Live AssumeRole sessions an account's roles may have at once: the documented AssumeRole
/// limit per account (6,000, period not stated), past which the service answers
/// `Throttling.User`; expired sessions are dropped.
const MAX_LIVE_SESSIONS: usize = 6000;

/// Who asks to assume a role, as trust policies name principals.
enum Principal<'a> {
    User(&'a str),
    Role(&'a str),
}

/// `acs:ram::<account>:role/<name>`.
fn parse_role_arn(arn: &str) -> Option<(&str, &str)> {
    let rest = arn.strip_prefix("acs:ram::")?;
    let (account, role) = rest.split_once(":role/")?;
    let ok = account.len() == 16 && account.bytes().all(|b| b.is_ascii_digit());
    (ok && !role.is_empty()).then_some((account, role))
}

/// RoleSessionName: 2-64 characters, letters, digits, `.`, `@`, `-`, `_`.
fn valid_session_name(s: &str) -> bool {
    (2..=64).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'@' | b'-' | b'_'))
}

/// A string or a list of strings, as policies write both.
fn strings(v: &Value) -> Vec<&str> {
    match v {
        Value::String(s) => vec![s.as_str()],
        Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    }
}

/// Whether the trust policy lets `principal` of `account` assume the role.
fn trusts(policy: &str, account: &str, principal: &Principal) -> bool {
    let Ok(doc) = serde_json::from_str::<Value>(policy) else {
        return false;
    };
    let statements = match &doc["Statement"] {
        Value::Array(a) => a.iter().collect::<Vec<_>>(),
        s @ Value::Object(_) => vec![s],
        _ => vec![],
    };
    let root = format!("acs:ram::{account}:root");
    let me = match principal {
        Principal::User(u) => format!("acs:ram::{account}:user/{u}"),
        Principal::Role(r) => format!("acs:ram::{account}:role/{}", r.to_lowercase()),
    };
    statements.into_iter().any(|s| {
        s["Effect"] == "Allow"
            && strings(&s["Action"]).contains(&"sts:AssumeRole")
            && strings(&s["Principal"]["RAM"])
                .iter()
                .any(|p| *p == root || p.to_lowercase() == me.to_lowercase())
    })
}

impl World {
    /// AssumeRole's checks and the credentials it issues: (AccessKeyId, secret, token,
    /// expiry, role ID, role name).
    #[allow(clippy::too_many_arguments)]
    fn assume_role(
        &mut self,
        caller_account: &str,
        caller_key: &str,
        arn: &str,
        session: &str,
        duration: Option<i64>,
        policy: Option<&str>,
        now: Millis,
        ids: &crate::world::Ids,
    ) -> Result<(Credential, String, String), ApiError> {
        let cred = self
            .credential(caller_key)
            .ok_or(ApiError::NoPermissionSts)?;
        let principal = match (&cred.role, &cred.user, &cred.sts) {
            (Some((role, _)), _, _) => Principal::Role(role),
            (None, Some(user), None) => Principal::User(user),
            (None, None, None) => return Err(ApiError::NoPermissionRoot),
            // A scenario STS credential names no role to trust.
            _ => return Err(ApiError::NoPermissionSts),
        };
        let (account, role_name) = parse_role_arn(arn).ok_or(ApiError::InvalidParameterRoleArn)?;
        if !valid_session_name(session) {
            return Err(ApiError::InvalidParameterRoleSessionName);
        }
        if policy.is_some_and(|p| p.len() > 1024) {
            return Err(ApiError::InvalidParameterPolicySize);
        }
        if policy.is_some_and(|p| !serde_json::from_str::<Value>(p).is_ok_and(|v| v.is_object())) {
            return Err(ApiError::InvalidParameterPolicyGrammar);
        }
        let role = self
            .roles
            .get(account, role_name)
            .ok_or(ApiError::EntityNotExistRoleSts)?;
        let seconds = duration.unwrap_or(3600);
        if !(900..=i64::from(role.max_session_duration)).contains(&seconds) {
            return Err(ApiError::InvalidParameterDurationSeconds);
        }
        if !trusts(&role.trust_policy, caller_account, &principal) {
            return Err(ApiError::NoPermissionSts);
        }
        let (role_id, role_name) = (role.id.clone(), role.name.clone());
        let account = account.to_string();
        if self.live_sessions(&account, now) >= MAX_LIVE_SESSIONS {
            return Err(ApiError::ThrottlingUser);
        }
        let issued = Credential {
            access_key_id: format!("STS.{}", ids.resource_id("", 24)),
            account_id: account.to_string(),
            secret: ids.resource_id("", 40),
            sts: Some(StsToken {
                token: format!("CAIS{}", ids.resource_id("", 96)),
                expires: Some(now.saturating_add(seconds * 1000)),
            }),
            user: None,
            role: Some((role_name.clone(), session.to_string())),
        };
        self.add_credential(issued.clone());
        Ok((issued, role_id, role_name))
    }
}

pub fn assume_role(ctx: &Ctx) -> Result<Reply, ApiError> {
    let p = ctx.params;
    let arn = p.required("RoleArn")?;
    let session = p.required("RoleSessionName")?;
    let duration = match p.opt("DurationSeconds") {
        None => None,
        Some(v) => Some(
            v.trim()
                .parse::<i64>()
                .map_err(|_| ApiError::InvalidParameterDurationSeconds)?,
        ),
    };
    let now = ctx.now;
    let (cred, role_id, role_name) = ctx.world_mut().assume_role(
        &ctx.caller.account_id,
        &ctx.caller.access_key_id,
        arn,
        session,
        duration,
        p.opt("Policy"),
        now,
        ctx.ids,
    )?;
    let sts = cred.sts.as_ref().ok_or(ApiError::InternalError)?;
    Ok(object! {
        "AssumedRoleUser" => object! {
            "Arn" => format!("acs:ram::{}:role/{}/{session}", cred.account_id, role_name.to_lowercase()),
            "AssumedRoleId" => format!("{role_id}:{session}"),
        },
        "Credentials" => object! {
            "AccessKeyId" => cred.access_key_id.as_str(),
            "AccessKeySecret" => cred.secret.as_str(),
            "Expiration" => format_seconds(sts.expires.unwrap_or(now)),
            "SecurityToken" => sts.token.as_str(),
        },
        "SourceIdentity" => "",
    }
    .into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_arns_and_trust_policies() {
        assert_eq!(
            parse_role_arn("acs:ram::1000000000000001:role/x"),
            Some(("1000000000000001", "x"))
        );
        assert_eq!(parse_role_arn("acs:ram::12:role/x"), None);
        assert_eq!(parse_role_arn("acs:ram::1000000000000001:user/x"), None);
        let p = r#"{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"RAM":"acs:ram::1000000000000001:root"}}],"Version":"1"}"#;
        assert!(trusts(p, "1000000000000001", &Principal::User("u")));
        assert!(!trusts(p, "1000000000000002", &Principal::User("u")));
        let u = r#"{"Statement":[{"Action":["sts:AssumeRole"],"Effect":"Allow","Principal":{"RAM":["acs:ram::1000000000000001:user/ci"]}}]}"#;
        assert!(trusts(u, "1000000000000001", &Principal::User("ci")));
        assert!(!trusts(u, "1000000000000001", &Principal::User("other")));
        let deny = p.replace("Allow", "Deny");
        assert!(!trusts(&deny, "1000000000000001", &Principal::User("u")));
        let service = r#"{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":["ecs.aliyuncs.com"]}}]}"#;
        assert!(!trusts(service, "1000000000000001", &Principal::User("u")));
    }
}
