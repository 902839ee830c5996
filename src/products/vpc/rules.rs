//! CreateVpc, DeleteVpc, CreateVSwitch, DeleteVSwitch: the checks and the changes
//! (docs/sources.md#vpc).

use super::model::{
    cidr_overlap, cidr_within, parse_cidr, valid_description, valid_name, VSwitch, Vpc,
    DEFAULT_VPC_CIDR, MAX_VPCS_PER_REGION, MAX_VSWITCHES_PER_VPC,
};
use crate::error::ApiError;
use crate::time::Millis;
use crate::world::{Ids, World};

/// What CreateVpc was asked for.
pub struct NewVpc<'a> {
    pub region: &'a str,
    pub cidr: Option<&'a str>,
    pub name: Option<&'a str>,
    pub description: Option<&'a str>,
    pub client_token: Option<&'a str>,
    pub dry_run: bool,
}

/// What CreateVSwitch was asked for.
pub struct NewVSwitch<'a> {
    pub region: &'a str,
    pub vpc: &'a str,
    pub zone: &'a str,
    pub cidr: &'a str,
    pub name: Option<&'a str>,
    pub description: Option<&'a str>,
    pub client_token: Option<&'a str>,
    pub dry_run: bool,
}

impl World {
    /// CreateVpc: `Pending` for `delays.network_create` seconds, then `Available`. A
    /// repeated ClientToken returns the first call's VPC.
    pub fn create_vpc(
        &mut self,
        caller: &str,
        r: &NewVpc,
        now: Millis,
        ids: &Ids,
    ) -> Result<Vpc, ApiError> {
        if let Some(id) = self.token_resource("vpc", caller, r.client_token) {
            if let Some(v) = self.networks.vpcs.get(&id) {
                return Ok(v.clone());
            }
        }
        let cidr = r.cidr.unwrap_or(DEFAULT_VPC_CIDR);
        if !parse_cidr(cidr).is_some_and(|(_, len)| (8..=28).contains(&len)) {
            return Err(ApiError::InvalidParameterCidrBlock);
        }
        if r.name.is_some_and(|n| !valid_name(n)) {
            return Err(ApiError::InvalidVpcNameMalformed);
        }
        if r.description.is_some_and(|d| !valid_description(d)) {
            return Err(ApiError::InvalidVpcDiscriptionMalformed);
        }
        let held = self
            .networks
            .vpcs
            .values()
            .filter(|v| v.owner == caller && v.region == r.region)
            .count();
        if held >= MAX_VPCS_PER_REGION {
            return Err(ApiError::QuotaExceededVpc);
        }
        if r.dry_run {
            return Err(ApiError::DryRunOperation);
        }
        let vpc = Vpc {
            id: ids.resource_id("vpc-", 21),
            owner: caller.to_string(),
            region: r.region.to_string(),
            name: r.name.unwrap_or("").to_string(),
            description: r.description.unwrap_or("").to_string(),
            cidr: cidr.to_string(),
            vrouter: ids.resource_id("vrt-", 21),
            route_table: ids.resource_id("vtb-", 21),
            created: now,
            ready_at: now.saturating_add(self.delays.network_create as Millis * 1000),
        };
        self.remember_token("vpc", caller, r.client_token, &vpc.id);
        self.networks.vpcs.insert(vpc.id.clone(), vpc.clone());
        Ok(vpc)
    }

    /// The caller's VPC in the region.
    pub fn own_vpc(&self, caller: &str, region: &str, id: &str) -> Result<&Vpc, ApiError> {
        self.networks
            .vpcs
            .get(id)
            .filter(|v| v.owner == caller && v.region == region)
            .ok_or(ApiError::InvalidVpcIdNotFound)
    }

    /// The caller's vSwitch in the region.
    pub fn own_vswitch(&self, caller: &str, region: &str, id: &str) -> Result<&VSwitch, ApiError> {
        self.networks
            .vswitches
            .get(id)
            .filter(|v| v.owner == caller && v.region == region)
            .ok_or(ApiError::InvalidVSwitchIdNotFound)
    }

    /// DeleteVpc: an `Available` VPC with no instances and no vSwitches left; it is gone at
    /// once (the real deletion passes through `Deleting`).
    pub fn delete_vpc(
        &mut self,
        caller: &str,
        region: &str,
        id: &str,
        dry_run: bool,
        now: Millis,
    ) -> Result<(), ApiError> {
        let vpc = self.own_vpc(caller, region, id)?;
        if now < vpc.ready_at {
            return Err(ApiError::IncorrectVpcStatus);
        }
        let in_vpc: Vec<&str> = self
            .networks
            .vswitches
            .values()
            .filter(|s| s.vpc == id)
            .map(|s| s.id.as_str())
            .collect();
        if self
            .instances
            .iter()
            .any(|i| i.vswitch.as_deref().is_some_and(|s| in_vpc.contains(&s)))
        {
            return Err(ApiError::DependencyViolationInstance);
        }
        if !in_vpc.is_empty() {
            return Err(ApiError::DependencyViolationVSwitch);
        }
        if self
            .security_groups
            .by_id
            .values()
            .any(|g| g.vpc.as_deref() == Some(id))
        {
            return Err(ApiError::DependencyViolationSecurityGroup);
        }
        if dry_run {
            return Err(ApiError::DryRunOperation);
        }
        self.networks.vpcs.remove(id);
        Ok(())
    }

    /// CreateVSwitch: in an `Available` VPC of the caller, a zone of the region, a block of
    /// /16 to /29 inside the VPC's that overlaps none of its other vSwitches.
    pub fn create_vswitch(
        &mut self,
        caller: &str,
        r: &NewVSwitch,
        now: Millis,
        ids: &Ids,
    ) -> Result<VSwitch, ApiError> {
        if let Some(id) = self.token_resource("vsw", caller, r.client_token) {
            if let Some(v) = self.networks.vswitches.get(&id) {
                return Ok(v.clone());
            }
        }
        let vpc = self.own_vpc(caller, r.region, r.vpc)?;
        if !crate::products::ecs::zones::is_zone(r.region, r.zone) {
            return Err(ApiError::InvalidZoneIdNotFound);
        }
        if now < vpc.ready_at {
            return Err(ApiError::IncorrectVpcStatus);
        }
        let block = parse_cidr(r.cidr)
            .filter(|&(_, len)| (16..=29).contains(&len))
            .filter(|&b| parse_cidr(&vpc.cidr).is_some_and(|outer| cidr_within(b, outer)))
            .ok_or(ApiError::InvalidParameterVSwitchCidrBlock)?;
        if r.name.is_some_and(|n| !valid_name(n)) {
            return Err(ApiError::InvalidVSwitchNameMalformed);
        }
        if r.description.is_some_and(|d| !valid_description(d)) {
            return Err(ApiError::InvalidDescriptionMalformedVSwitch);
        }
        let siblings: Vec<&VSwitch> = self
            .networks
            .vswitches
            .values()
            .filter(|s| s.vpc == r.vpc)
            .collect();
        if siblings
            .iter()
            .any(|s| parse_cidr(&s.cidr).is_some_and(|c| cidr_overlap(c, block)))
        {
            return Err(ApiError::InvalidCidrBlockOverlapped);
        }
        if siblings.len() >= MAX_VSWITCHES_PER_VPC {
            return Err(ApiError::QuotaExceededVSwitch);
        }
        if r.dry_run {
            return Err(ApiError::DryRunOperation);
        }
        let vsw = VSwitch {
            id: ids.resource_id("vsw-", 21),
            owner: caller.to_string(),
            region: r.region.to_string(),
            vpc: r.vpc.to_string(),
            zone: r.zone.to_string(),
            name: r.name.unwrap_or("").to_string(),
            description: r.description.unwrap_or("").to_string(),
            cidr: r.cidr.to_string(),
            created: now,
            ready_at: now.saturating_add(self.delays.network_create as Millis * 1000),
        };
        self.remember_token("vsw", caller, r.client_token, &vsw.id);
        self.networks.vswitches.insert(vsw.id.clone(), vsw.clone());
        Ok(vsw)
    }

    /// DeleteVSwitch: an `Available` vSwitch no instance uses; gone at once.
    pub fn delete_vswitch(
        &mut self,
        caller: &str,
        region: &str,
        id: &str,
        dry_run: bool,
        now: Millis,
    ) -> Result<(), ApiError> {
        let vsw = self.own_vswitch(caller, region, id)?;
        if now < vsw.ready_at {
            return Err(ApiError::IncorrectVSwitchStatus);
        }
        if self
            .instances
            .iter()
            .any(|i| i.vswitch.as_deref() == Some(id))
        {
            return Err(ApiError::DependencyViolation);
        }
        if dry_run {
            return Err(ApiError::DryRunOperation);
        }
        self.networks.vswitches.remove(id);
        Ok(())
    }
}
