//! CreateSecurityGroup, AuthorizeSecurityGroup(Egress), DeleteSecurityGroup: the checks
//! and the changes (docs/sources.md#ecs-security-groups).

use super::model::{
    check_port_range, protocol, valid_cidr_or_ip, valid_description, valid_name, Rule,
    SecurityGroup, MAX_PER_REGION, MAX_RULES,
};
use crate::error::ApiError;
use crate::time::Millis;
use crate::world::{Ids, World};

/// What CreateSecurityGroup was asked for.
pub struct NewGroup<'a> {
    pub region: &'a str,
    pub vpc: Option<&'a str>,
    pub name: Option<&'a str>,
    pub description: Option<&'a str>,
    pub client_token: Option<&'a str>,
    /// A checked group (`World::resource_group`).
    pub resource_group: String,
    pub dry_run: bool,
}

/// What AuthorizeSecurityGroup(Egress) was asked for.
pub struct NewRule<'a> {
    pub region: &'a str,
    pub group: &'a str,
    pub egress: bool,
    pub protocol: &'a str,
    pub port_range: &'a str,
    /// `SourceCidrIp` in, `DestCidrIp` out.
    pub cidr: Option<&'a str>,
    /// `SourceGroupId` in, `DestGroupId` out.
    pub peer: Option<&'a str>,
    pub nic_type: Option<&'a str>,
    pub policy: Option<&'a str>,
    pub priority: Option<&'a str>,
    pub description: Option<&'a str>,
}

impl World {
    /// CreateSecurityGroup: in a VPC of the caller that is Available, or classic without
    /// `VpcId`. A repeated ClientToken returns the first call's group.
    pub fn create_security_group(
        &mut self,
        caller: &str,
        r: &NewGroup,
        now: Millis,
        ids: &Ids,
    ) -> Result<SecurityGroup, ApiError> {
        if let Some(id) = self.token_resource("sg", caller, r.client_token) {
            if let Some(g) = self.security_groups.by_id.get(&id) {
                return Ok(g.clone());
            }
        }
        if let Some(vpc) = r.vpc {
            let v = self.own_vpc(caller, r.region, vpc)?;
            if now < v.ready_at {
                return Err(ApiError::IncorrectVpcStatus);
            }
        }
        if r.name.is_some_and(|n| !valid_name(n)) {
            return Err(ApiError::InvalidSecurityGroupNameMalformed);
        }
        if r.description.is_some_and(|d| !valid_description(d)) {
            return Err(ApiError::InvalidSecurityGroupDiscriptionMalformed);
        }
        let held = self
            .security_groups
            .by_id
            .values()
            .filter(|g| g.owner == caller && g.region == r.region)
            .count();
        if held >= MAX_PER_REGION {
            return Err(ApiError::QuotaExceedSecurityGroup);
        }
        if r.dry_run {
            return Err(ApiError::DryRunOperation);
        }
        let g = SecurityGroup {
            id: ids.resource_id("sg-", 20),
            owner: caller.to_string(),
            region: r.region.to_string(),
            vpc: r.vpc.map(str::to_string),
            name: r.name.unwrap_or("").to_string(),
            description: r.description.unwrap_or("").to_string(),
            created: now,
            rules: vec![],
            tags: Default::default(),
            resource_group: r.resource_group.clone(),
        };
        self.remember_token("sg", caller, r.client_token, &g.id);
        self.security_groups.by_id.insert(g.id.clone(), g.clone());
        Ok(g)
    }

    /// The caller's security group in the region.
    pub fn own_security_group(
        &self,
        caller: &str,
        region: &str,
        id: &str,
    ) -> Result<&SecurityGroup, ApiError> {
        self.security_groups
            .by_id
            .get(id)
            .filter(|g| g.owner == caller && g.region == region)
            .ok_or(ApiError::InvalidSecurityGroupIdNotFound)
    }

    /// AuthorizeSecurityGroup (in) and AuthorizeSecurityGroupEgress (out). An identical
    /// rule already there is success and adds nothing.
    pub fn authorize_security_group(
        &mut self,
        caller: &str,
        r: &NewRule,
        now: Millis,
        ids: &Ids,
    ) -> Result<(), ApiError> {
        let g = self.own_security_group(caller, r.region, r.group)?;
        let proto = protocol(r.protocol)?;
        check_port_range(&proto, r.port_range)?;
        if r.cidr.is_none() && r.peer.is_none() {
            return Err(if r.egress {
                ApiError::MissingParameter("DestCidrIp".into())
            } else {
                ApiError::MissingParameterSource
            });
        }
        if r.cidr.is_some_and(|c| !valid_cidr_or_ip(c)) {
            return Err(if r.egress {
                ApiError::InvalidDestCidrIpMalformed
            } else {
                ApiError::InvalidSourceCidrIpMalformed
            });
        }
        if let Some(peer) = r.peer {
            if peer == r.group {
                return Err(ApiError::InvalidParamterConflictGroup);
            }
            if self.own_security_group(caller, r.region, peer).is_err() {
                return Err(ApiError::InvalidSourceGroupIdNotFound);
            }
        }
        let policy = r.policy.unwrap_or("accept").to_ascii_lowercase();
        if !matches!(policy.as_str(), "accept" | "drop") {
            return Err(ApiError::InvalidPolicyMalformed);
        }
        let nic = r.nic_type.unwrap_or("intranet").to_ascii_lowercase();
        if !matches!(nic.as_str(), "internet" | "intranet") {
            return Err(ApiError::InvalidNicTypeValueNotSupported);
        }
        if r.description.is_some_and(|d| d.chars().count() > 512) {
            return Err(ApiError::InvalidSecurityGroupRuleDiscriptionMalformed);
        }
        let priority = match r.priority {
            None => 1,
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| (1..=100).contains(p))
                .ok_or(ApiError::InvalidPriorityValueNotSupported)?,
        };
        let rule = Rule {
            id: ids.resource_id("sgr-", 20),
            direction: if r.egress { "egress" } else { "ingress" }.to_string(),
            protocol: proto,
            port_range: r.port_range.to_string(),
            cidr: r.cidr.unwrap_or("").to_string(),
            group: r.peer.unwrap_or("").to_string(),
            nic_type: nic,
            policy,
            priority,
            description: r.description.unwrap_or("").to_string(),
            created: now,
        };
        if g.rules.iter().any(|x| x.same_as(&rule)) {
            return Ok(());
        }
        if g.rules.len() >= MAX_RULES {
            return Err(ApiError::AuthorizationLimitExceed);
        }
        let g = self
            .security_groups
            .by_id
            .get_mut(r.group)
            .expect("checked above");
        g.rules.push(rule);
        Ok(())
    }

    /// DeleteSecurityGroup: refused while an instance is in it or another group's rule
    /// names it (`DependencyViolation`).
    pub fn delete_security_group(
        &mut self,
        caller: &str,
        region: &str,
        id: &str,
    ) -> Result<(), ApiError> {
        self.own_security_group(caller, region, id)?;
        let used = self
            .instances
            .iter()
            .any(|i| i.security_groups.iter().any(|g| g == id))
            || self
                .security_groups
                .by_id
                .values()
                .any(|g| g.id != id && g.rules.iter().any(|r| r.group == id));
        if used {
            return Err(ApiError::DependencyViolation);
        }
        self.security_groups.by_id.remove(id);
        Ok(())
    }
}
