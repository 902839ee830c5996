//! Elastic IP addresses for ECS instances in a VPC: AllocateEipAddress,
//! AssociateEipAddress, DescribeEipAddresses, UnassociateEipAddress, ReleaseEipAddress
//! (docs/sources.md#vpc-eips). `Available` once allocated; `Associating` then `InUse`;
//! `Unassociating` then `Available`; each move lasts `delays.eip_associate` seconds.

use serde_json::Value;

use super::model::{Eip, MAX_EIPS_PER_REGION};
use crate::error::ApiError;
use crate::products::ecs::instances::InstanceStatus;
use crate::products::{client_token, keep_fields, page, Ctx};
use crate::protocol::Reply;
use crate::time::{format_seconds, Millis};
use crate::world::{Ids, World};

impl World {
    fn own_eip(&self, caller: &str, region: &str, id: &str) -> Result<&Eip, ApiError> {
        self.networks
            .eips
            .get(id)
            .filter(|e| e.owner == caller && e.region == region)
            .ok_or(ApiError::InvalidAllocationIdNotFound)
    }

    #[allow(clippy::too_many_arguments)]
    pub fn allocate_eip(
        &mut self,
        caller: &str,
        region: &str,
        bandwidth: u32,
        charge_type: &str,
        token: Option<&str>,
        now: Millis,
        ids: &Ids,
    ) -> Result<Eip, ApiError> {
        if let Some(id) = self.token_resource("eip", caller, token) {
            if let Some(e) = self.networks.eips.get(&id) {
                return Ok(e.clone());
            }
        }
        let held = self
            .networks
            .eips
            .values()
            .filter(|e| e.owner == caller && e.region == region)
            .count();
        if held >= MAX_EIPS_PER_REGION {
            return Err(ApiError::QuotaExceededEip);
        }
        let eip = Eip {
            id: ids.resource_id("eip-", 21),
            owner: caller.to_string(),
            region: region.to_string(),
            ip: super::model::public_address(ids),
            bandwidth,
            charge_type: charge_type.to_string(),
            created: now,
            instance: None,
            transit_until: None,
        };
        self.remember_token("eip", caller, token, &eip.id);
        self.networks.eips.insert(eip.id.clone(), eip.clone());
        Ok(eip)
    }

    /// AssociateEipAddress: an `Available` EIP to a `Running` or `Stopped` VPC instance of
    /// the caller in the region that has none yet.
    pub fn associate_eip(
        &mut self,
        caller: &str,
        region: &str,
        id: &str,
        instance: &str,
        now: Millis,
    ) -> Result<(), ApiError> {
        if self.own_eip(caller, region, id)?.status(now) != "Available" {
            return Err(ApiError::IncorrectEipStatusAssociate);
        }
        let i = self
            .instances
            .get(instance)
            .filter(|i| i.owner == caller && i.region == region)
            .ok_or(ApiError::InvalidInstanIdNotFound)?;
        if i.vswitch.is_none() {
            return Err(ApiError::OperationDeniedNotInVpc);
        }
        if !matches!(
            i.status_at(now),
            InstanceStatus::Running | InstanceStatus::Stopped
        ) {
            return Err(ApiError::IncorrectInstanceStatusEip);
        }
        if self
            .networks
            .eips
            .values()
            .any(|e| e.instance.as_deref() == Some(instance))
        {
            return Err(ApiError::InvalidAssociationDuplicated);
        }
        let delay = self.delays.eip_associate as Millis * 1000;
        let e = self.networks.eips.get_mut(id).expect("checked");
        e.instance = Some(instance.to_string());
        e.transit_until = (delay > 0).then_some(now + delay);
        Ok(())
    }

    /// UnassociateEipAddress: an `InUse` EIP; `InstanceId`, if given, must be its instance.
    pub fn unassociate_eip(
        &mut self,
        caller: &str,
        region: &str,
        id: &str,
        instance: Option<&str>,
        now: Millis,
    ) -> Result<(), ApiError> {
        let e = self.own_eip(caller, region, id)?;
        if e.status(now) != "InUse" {
            return Err(ApiError::IncorrectEipStatus);
        }
        if instance.is_some_and(|i| e.instance.as_deref() != Some(i)) {
            return Err(ApiError::InvalidInstanceIdNotFoundEip);
        }
        let delay = self.delays.eip_associate as Millis * 1000;
        let e = self.networks.eips.get_mut(id).expect("checked");
        e.instance = None;
        e.transit_until = (delay > 0).then_some(now + delay);
        Ok(())
    }

    /// ReleaseEipAddress: only an `Available` EIP.
    pub fn release_eip(
        &mut self,
        caller: &str,
        region: &str,
        id: &str,
        now: Millis,
    ) -> Result<(), ApiError> {
        if self.own_eip(caller, region, id)?.status(now) != "Available" {
            return Err(ApiError::IncorrectEipStatus);
        }
        self.networks.eips.remove(id);
        Ok(())
    }

    /// The EIP bound to an instance, for DescribeInstances.
    pub fn eip_of(&self, instance: &str) -> Option<&Eip> {
        self.networks
            .eips
            .values()
            .find(|e| e.instance.as_deref() == Some(instance))
    }
}

pub fn allocate_eip_address(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.required_region()?;
    let p = ctx.params;
    let bandwidth = match p.opt("Bandwidth") {
        None => 5,
        Some(b) => b
            .parse::<u32>()
            .ok()
            .filter(|b| (1..=500).contains(b))
            .ok_or(ApiError::InvalidParameterBandwidth)?,
    };
    let charge = p.opt("InternetChargeType").unwrap_or("PayByBandwidth");
    if !matches!(charge, "PayByBandwidth" | "PayByTraffic") {
        return Err(ApiError::InvalidParameterInternetChargeType);
    }
    let now = ctx.now;
    let e = ctx.world_mut().allocate_eip(
        &ctx.caller.account_id,
        region,
        bandwidth,
        charge,
        client_token(p)?,
        now,
        ctx.ids,
    )?;
    Ok(object! {
        "AllocationId" => e.id.as_str(),
        "EipAddress" => e.ip.as_str(),
        "OrderId" => 0,
        "ResourceGroupId" => "",
    }
    .into())
}

pub fn associate_eip_address(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.region()?;
    let p = ctx.params;
    let id = p.required("AllocationId")?;
    let instance = p.required("InstanceId")?;
    if p.opt("InstanceType").is_some_and(|t| t != "EcsInstance") {
        return Err(ApiError::InvalidInstanceTypeValueNotSupportedEip);
    }
    let now = ctx.now;
    ctx.world_mut()
        .associate_eip(&ctx.caller.account_id, region, id, instance, now)?;
    Ok(object! {}.into())
}

pub fn unassociate_eip_address(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.region()?;
    let p = ctx.params;
    let id = p.required("AllocationId")?;
    let now = ctx.now;
    ctx.world_mut().unassociate_eip(
        &ctx.caller.account_id,
        region,
        id,
        p.opt("InstanceId"),
        now,
    )?;
    Ok(object! {}.into())
}

pub fn release_eip_address(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.region()?;
    let id = ctx.params.required("AllocationId")?;
    let now = ctx.now;
    ctx.world_mut()
        .release_eip(&ctx.caller.account_id, region, id, now)?;
    Ok(object! {}.into())
}

/// The fields of an EIP in the ECS API's DescribeEipAddresses (its SDK model): fewer than
/// the Vpc product's.
const ECS_EIP_FIELDS: &[&str] = &[
    "AllocationId",
    "AllocationTime",
    "Bandwidth",
    "ChargeType",
    "EipBandwidth",
    "ExpiredTime",
    "InstanceId",
    "InstanceType",
    "InternetChargeType",
    "IpAddress",
    "OperationLocks",
    "RegionId",
    "Status",
];

/// The Vpc product's view of an EIP; the ECS API keeps `ECS_EIP_FIELDS` of it.
fn eip_view(e: &Eip, world: &World, now: Millis) -> Value {
    let vpc = e
        .instance
        .as_deref()
        .and_then(|i| world.instances.get(i))
        .and_then(|i| i.vpc.clone())
        .unwrap_or_default();
    object! {
        "AllocationId" => e.id.as_str(),
        "AllocationTime" => format_seconds(e.created),
        "Bandwidth" => e.bandwidth.to_string(),
        "BandwidthPackageBandwidth" => "",
        "BandwidthPackageId" => "",
        "BandwidthPackageType" => "",
        "BizType" => "",
        "BusinessStatus" => "Normal",
        "ChargeType" => "PostPaid",
        "DeletionProtection" => false,
        "Description" => "",
        "EipBandwidth" => "",
        "ExpiredTime" => "",
        "HDMonitorStatus" => "false",
        "HasReservationData" => "false",
        "ISP" => "BGP",
        "InstanceId" => e.instance.as_deref().unwrap_or(""),
        "InstanceRegionId" => if e.instance.is_some() { e.region.as_str() } else { "" },
        "InstanceType" => if e.instance.is_some() { "EcsInstance" } else { "" },
        "InternetChargeType" => e.charge_type.as_str(),
        "IpAddress" => e.ip.as_str(),
        "Mode" => "NAT",
        "Name" => "",
        "Netmode" => "public",
        "OperationLocks" => object! { "LockReason" => Vec::<Value>::new() },
        "PrivateIpAddress" => "",
        "PublicIpAddressPoolId" => "",
        "RegionId" => e.region.as_str(),
        "ReservationActiveTime" => "",
        "ReservationBandwidth" => "",
        "ReservationInternetChargeType" => "",
        "ReservationOrderType" => "",
        "ResourceGroupId" => "",
        "SecondLimited" => false,
        "SecurityProtectionTypes" => object! { "SecurityProtectionType" => Vec::<Value>::new() },
        "SegmentInstanceId" => "",
        "ServiceID" => 0,
        "ServiceManaged" => 0,
        "Status" => e.status(now),
        "Tags" => object! { "Tag" => Vec::<Value>::new() },
        "VpcId" => vpc,
        "Zone" => "",
    }
}

/// DescribeEipAddresses: by `AllocationId`, `EipAddress`, `Status`, `AssociatedInstanceId`;
/// pages of up to 100.
pub fn describe_eip_addresses(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.required_region()?;
    let p = ctx.params;
    let id = p.opt("AllocationId");
    let ip = p.opt("EipAddress");
    let status = p.opt("Status");
    if status.is_some_and(|s| !matches!(s, "Associating" | "Unassociating" | "InUse" | "Available"))
    {
        return Err(ApiError::InvalidParameter("Status".into()));
    }
    let instance = p.opt("AssociatedInstanceId");
    let number = p.int("PageNumber", 1, i32::MAX as i64)?.unwrap_or(1) as usize;
    let size = p.int("PageSize", 1, 100)?.unwrap_or(10) as usize;
    let world = ctx.world();
    let now = ctx.now;
    let mut found: Vec<&Eip> = world
        .networks
        .eips
        .values()
        .filter(|e| e.owner == ctx.caller.account_id && e.region == region)
        .filter(|e| id.is_none_or(|i| i == e.id))
        .filter(|e| ip.is_none_or(|a| a.split(',').any(|a| a.trim() == e.ip)))
        .filter(|e| status.is_none_or(|s| s == e.status(now)))
        .filter(|e| instance.is_none_or(|i| e.instance.as_deref() == Some(i)))
        .collect();
    found.sort_by(|a, b| a.created.cmp(&b.created).then_with(|| a.id.cmp(&b.id)));
    let total = found.len();
    let items: Vec<Value> = page(found, number, size)
        .map(|e| keep_fields(eip_view(e, &world, now), ECS_EIP_FIELDS))
        .collect();
    Ok(object! {
        "EipAddresses" => object! { "EipAddress" => items },
        "PageNumber" => number,
        "PageSize" => size,
        "TotalCount" => total,
    }
    .into())
}
