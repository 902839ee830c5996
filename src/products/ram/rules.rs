//! RAM role rules, one atomic `World` method each.

use super::model::Role;
use crate::error::ApiError;
use crate::time::Millis;
use crate::world::{Ids, World};

/// The role a resource directory creates in the accounts it creates.
pub const ACCESS_ROLE: &str = "ResourceDirectoryAccountAccessRole";

/// The trust policy given to roles declared in a scenario: trusted by ECS.
pub const DEFAULT_TRUST_POLICY: &str = r#"{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":["ecs.aliyuncs.com"]}}],"Version":"1"}"#;

/// RoleName: 1-64 characters: letters, digits, `.`, `-` (and `@` in the legacy rule).
fn check_role_name(name: &str) -> Result<(), ApiError> {
    if name.is_empty() || name.chars().count() > 64 {
        return Err(ApiError::InvalidParameterRoleNameLength);
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '@'))
    {
        return Err(ApiError::InvalidParameterRoleNameInvalidChars);
    }
    Ok(())
}

impl World {
    pub(crate) fn add_scenario_role(&mut self, account: &str, name: &str, now: Millis, ids: &Ids) {
        let role = Role {
            id: ids.digits(19),
            name: name.to_string(),
            account: account.to_string(),
            description: String::new(),
            trust_policy: DEFAULT_TRUST_POLICY.to_string(),
            max_session_duration: 3600,
            created: now,
            updated: now,
            policies: vec![],
            tags: Default::default(),
        };
        self.roles
            .by_account
            .entry(account.to_string())
            .or_default()
            .insert(name.to_lowercase(), role);
    }

    /// `ResourceDirectoryAccountAccessRole` in a member the directory created, trusting the
    /// management account.
    pub(crate) fn add_access_role(
        &mut self,
        member: &str,
        management: &str,
        now: Millis,
        ids: &Ids,
    ) {
        let trust = format!(
            r#"{{"Statement":[{{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{{"RAM":["acs:ram::{management}:root"]}}}}],"Version":"1"}}"#
        );
        let role = Role {
            id: ids.digits(19),
            name: ACCESS_ROLE.to_string(),
            account: member.to_string(),
            description: "Resource Directory access role".to_string(),
            trust_policy: trust,
            max_session_duration: 3600,
            created: now,
            updated: now,
            policies: vec![("System".into(), "AdministratorAccess".into(), now)],
            tags: Default::default(),
        };
        self.roles
            .by_account
            .entry(member.to_string())
            .or_default()
            .insert(ACCESS_ROLE.to_lowercase(), role);
    }

    /// UpdateRole: a new trust policy (checked as CreateRole checks it), description (at most
    /// 1024 characters) or maximum session duration; what is not given stays.
    pub fn update_role(
        &mut self,
        caller: &str,
        name: &str,
        trust_policy: Option<&str>,
        description: Option<&str>,
        max_session: Option<i64>,
        now: Millis,
    ) -> Result<Role, ApiError> {
        if !self.roles.has(caller, name) {
            return Err(ApiError::EntityNotExistRole);
        }
        if let Some(doc) = trust_policy {
            if doc.chars().count() > 2048 {
                return Err(ApiError::InvalidParameterAssumeRolePolicyDocumentLength);
            }
            if !serde_json::from_str::<serde_json::Value>(doc).is_ok_and(|v| v.is_object()) {
                return Err(ApiError::MalformedPolicyDocument);
            }
        }
        if description.is_some_and(|d| d.chars().count() > 1024) {
            return Err(ApiError::InvalidParameterDescriptionLength);
        }
        let role = self
            .roles
            .by_account
            .get_mut(caller)
            .and_then(|m| m.get_mut(&name.to_lowercase()))
            .ok_or(ApiError::EntityNotExistRole)?;
        if let Some(doc) = trust_policy {
            role.trust_policy = doc.to_string();
        }
        if let Some(d) = description {
            role.description = d.to_string();
        }
        if let Some(m) = max_session {
            role.max_session_duration = m as u32;
        }
        role.updated = now;
        Ok(role.clone())
    }

    /// CreateRole.
    #[allow(clippy::too_many_arguments)]
    pub fn create_role(
        &mut self,
        caller: &str,
        name: &str,
        trust_policy: &str,
        description: Option<&str>,
        max_session: Option<i64>,
        now: Millis,
        ids: &Ids,
    ) -> Result<Role, ApiError> {
        check_role_name(name)?;
        if trust_policy.chars().count() > 2048 {
            return Err(ApiError::InvalidParameterAssumeRolePolicyDocumentLength);
        }
        if !serde_json::from_str::<serde_json::Value>(trust_policy).is_ok_and(|v| v.is_object()) {
            return Err(ApiError::MalformedPolicyDocument);
        }
        if self.roles.has(caller, name) {
            return Err(ApiError::EntityAlreadyExistsRole);
        }
        let role = Role {
            id: ids.digits(19),
            name: name.to_string(),
            account: caller.to_string(),
            description: description.unwrap_or("").to_string(),
            trust_policy: trust_policy.to_string(),
            max_session_duration: max_session.unwrap_or(3600) as u32,
            created: now,
            updated: now,
            policies: vec![],
            tags: Default::default(),
        };
        self.roles
            .by_account
            .entry(caller.to_string())
            .or_default()
            .insert(name.to_lowercase(), role.clone());
        Ok(role)
    }

    /// The caller's role, or `EntityNotExist.Role`.
    pub fn role(&self, caller: &str, name: &str) -> Result<&Role, ApiError> {
        check_role_name(name)?;
        self.roles
            .get(caller, name)
            .ok_or(ApiError::EntityNotExistRole)
    }

    pub(crate) fn role_mut(&mut self, caller: &str, name: &str) -> Result<&mut Role, ApiError> {
        self.role(caller, name)?;
        Ok(self
            .roles
            .by_account
            .get_mut(caller)
            .and_then(|m| m.get_mut(&name.to_lowercase()))
            .expect("checked"))
    }

    /// DeleteRole: refused while policies are attached.
    pub fn delete_role(&mut self, caller: &str, name: &str) -> Result<(), ApiError> {
        if !self.role(caller, name)?.policies.is_empty() {
            return Err(ApiError::DeleteConflictRolePolicy);
        }
        if let Some(m) = self.roles.by_account.get_mut(caller) {
            m.remove(&name.to_lowercase());
        }
        Ok(())
    }

    /// AttachPolicyToRole. System policies are Alibaba's `Aliyun*` policies; custom policies
    /// cannot be created in this mock, so none exists (inferred).
    pub fn attach_policy(
        &mut self,
        caller: &str,
        kind: &str,
        policy: &str,
        role: &str,
        now: Millis,
    ) -> Result<(), ApiError> {
        self.role(caller, role)?;
        check_attachable(kind, policy)?;
        let r = self.role_mut(caller, role)?;
        if r.policies.iter().any(|(t, p, _)| t == kind && p == policy) {
            return Err(ApiError::EntityAlreadyExistsRolePolicy);
        }
        r.policies.push((kind.to_string(), policy.to_string(), now));
        Ok(())
    }

    pub fn detach_policy(
        &mut self,
        caller: &str,
        kind: &str,
        policy: &str,
        role: &str,
    ) -> Result<(), ApiError> {
        check_policy_type(kind)?;
        let r = self.role_mut(caller, role)?;
        let before = r.policies.len();
        r.policies.retain(|(t, p, _)| !(t == kind && p == policy));
        if r.policies.len() == before {
            return Err(ApiError::EntityNotExistRolePolicy);
        }
        Ok(())
    }
}

/// `PolicyType` is `System` or `Custom`.
pub(super) fn check_policy_type(kind: &str) -> Result<(), ApiError> {
    if matches!(kind, "System" | "Custom") {
        Ok(())
    } else {
        Err(ApiError::InvalidParameterPolicyType)
    }
}

/// A policy that can be attached: Alibaba's system (`Aliyun*`) policies. Custom policies
/// cannot be created in this mock, so none exists (inferred).
pub(super) fn check_attachable(kind: &str, policy: &str) -> Result<(), ApiError> {
    check_policy_type(kind)?;
    if kind == "System" && policy.starts_with("Aliyun") {
        Ok(())
    } else {
        Err(ApiError::EntityNotExistPolicy)
    }
}
