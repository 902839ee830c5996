//! CreateVpc, DescribeVpcs, DeleteVpc, CreateVSwitch, DescribeVSwitches, DeleteVSwitch:
//! parameters in, every field of the SDK response models out (docs/sources.md#vpc).

use serde_json::Value;

use super::model::{status, VSwitch, Vpc};
use super::rules::{NewVSwitch, NewVpc};
use crate::error::ApiError;
use crate::products::{client_token, keep_fields, page, Ctx};
use crate::protocol::Reply;
use crate::time::{format_seconds, Millis};

/// `PageSize` of the VPC list calls: 1-50, default 10.
fn paging(ctx: &Ctx) -> Result<(usize, usize), ApiError> {
    let p = ctx.params;
    let number = p.int("PageNumber", 1, i32::MAX as i64)?.unwrap_or(1) as usize;
    let size = p.int("PageSize", 1, 50)?.unwrap_or(10) as usize;
    Ok((number, size))
}

fn owner_id(owner: &str) -> Value {
    owner.parse::<i64>().map_or(Value::Null, Value::from)
}

fn tags() -> Value {
    object! { "Tag" => Vec::<Value>::new() }
}

pub fn create_vpc(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.required_region()?;
    let p = ctx.params;
    let r = NewVpc {
        region,
        cidr: p.opt("CidrBlock"),
        name: p.opt("VpcName"),
        description: p.opt("Description"),
        client_token: client_token(p)?,
        dry_run: p.dry_run()?,
    };
    let now = ctx.now;
    let vpc = ctx
        .world_mut()
        .create_vpc(&ctx.caller.account_id, &r, now, ctx.ids)?;
    Ok(object! {
        "ResourceGroupId" => "",
        "RouteTableId" => vpc.route_table.as_str(),
        "VRouterId" => vpc.vrouter.as_str(),
        "VpcId" => vpc.id.as_str(),
    }
    .into())
}

/// The fields of a VPC in the ECS API's DescribeVpcs (its SDK model): fewer than the Vpc
/// product's.
const ECS_VPC_FIELDS: &[&str] = &[
    "CidrBlock",
    "CreationTime",
    "Description",
    "IsDefault",
    "RegionId",
    "Status",
    "UserCidrs",
    "VRouterId",
    "VSwitchIds",
    "VpcId",
    "VpcName",
];

/// The fields of a vSwitch in the ECS API's DescribeVSwitches (its SDK model).
const ECS_VSWITCH_FIELDS: &[&str] = &[
    "AvailableIpAddressCount",
    "CidrBlock",
    "CreationTime",
    "Description",
    "IsDefault",
    "ResourceGroupId",
    "Status",
    "VSwitchId",
    "VSwitchName",
    "VpcId",
    "ZoneId",
];

/// The Vpc product's view of a VPC; the ECS API keeps `ECS_VPC_FIELDS` of it.
fn vpc_view(v: &Vpc, vswitches: Vec<String>, now: Millis) -> Value {
    object! {
        "CenStatus" => "",
        "CidrBlock" => v.cidr.as_str(),
        "CreationTime" => format_seconds(v.created),
        "Description" => v.description.as_str(),
        "DhcpOptionsSetId" => "",
        "DhcpOptionsSetStatus" => "",
        "DnsHostnameStatus" => "DISABLED",
        "EnabledIpv6" => false,
        "Ipv6CidrBlock" => "",
        "Ipv6CidrBlocks" => object! { "Ipv6CidrBlock" => Vec::<Value>::new() },
        "IsDefault" => false,
        "NatGatewayIds" => object! { "NatGatewayIds" => Vec::<Value>::new() },
        "OwnerId" => owner_id(&v.owner),
        "RegionId" => v.region.as_str(),
        "ResourceGroupId" => "",
        "RouterTableIds" => object! { "RouterTableIds" => vec![v.route_table.clone()] },
        "SecondaryCidrBlocks" => object! { "SecondaryCidrBlock" => Vec::<Value>::new() },
        "Status" => status(v.ready_at, now),
        "Tags" => tags(),
        "UserCidrs" => object! { "UserCidr" => Vec::<Value>::new() },
        "VRouterId" => v.vrouter.as_str(),
        "VSwitchIds" => object! { "VSwitchId" => vswitches },
        "VpcId" => v.id.as_str(),
        "VpcName" => v.name.as_str(),
    }
}

/// DescribeVpcs: the caller's VPCs in the region, oldest first; `VpcId` takes up to 20
/// comma-separated IDs.
pub fn describe_vpcs(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.required_region()?;
    let p = ctx.params;
    let ids: Option<Vec<&str>> = p
        .opt("VpcId")
        .map(|v| v.split(',').map(str::trim).collect());
    if ids.as_ref().is_some_and(|l| l.len() > 20) {
        return Err(ApiError::InvalidParameter("VpcId".into()));
    }
    let name = p.opt("VpcName");
    let (number, size) = paging(ctx)?;
    let world = ctx.world();
    let now = ctx.now;
    let mut found: Vec<&Vpc> = world
        .networks
        .vpcs
        .values()
        .filter(|v| v.owner == ctx.caller.account_id && v.region == region)
        .filter(|v| ids.as_ref().is_none_or(|l| l.contains(&v.id.as_str())))
        .filter(|v| name.is_none_or(|n| n == v.name))
        .collect();
    found.sort_by(|a, b| a.created.cmp(&b.created).then_with(|| a.id.cmp(&b.id)));
    let total = found.len();
    let items: Vec<Value> = page(found, number, size)
        .map(|v| {
            let vsw: Vec<String> = world
                .networks
                .vswitches
                .values()
                .filter(|s| s.vpc == v.id)
                .map(|s| s.id.clone())
                .collect();
            keep_fields(vpc_view(v, vsw, now), ECS_VPC_FIELDS)
        })
        .collect();
    Ok(object! {
        "PageNumber" => number,
        "PageSize" => size,
        "TotalCount" => total,
        "Vpcs" => object! { "Vpc" => items },
    }
    .into())
}

pub fn delete_vpc(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.required_region()?;
    let id = ctx.params.required("VpcId")?;
    let dry = ctx.params.dry_run()?;
    let now = ctx.now;
    ctx.world_mut()
        .delete_vpc(&ctx.caller.account_id, region, id, dry, now)?;
    Ok(object! {}.into())
}

pub fn create_vswitch(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.required_region()?;
    let p = ctx.params;
    let r = NewVSwitch {
        region,
        vpc: p.required("VpcId")?,
        zone: p.required("ZoneId")?,
        cidr: p.required("CidrBlock")?,
        name: p.opt("VSwitchName"),
        description: p.opt("Description"),
        client_token: client_token(p)?,
        dry_run: p.dry_run()?,
    };
    let now = ctx.now;
    let vsw = ctx
        .world_mut()
        .create_vswitch(&ctx.caller.account_id, &r, now, ctx.ids)?;
    Ok(object! { "VSwitchId" => vsw.id.as_str() }.into())
}

/// Addresses of a block that instances can use: all but the first and last three.
fn usable(cidr: &str) -> i64 {
    match super::model::parse_cidr(cidr) {
        Some((_, len)) => (1i64 << (32 - len)) - 4,
        None => 0,
    }
}

/// The Vpc product's view of a vSwitch; the ECS API keeps `ECS_VSWITCH_FIELDS` of it.
fn vswitch_view(s: &VSwitch, route_table: &str, now: Millis) -> Value {
    object! {
        "AvailableIpAddressCount" => usable(&s.cidr),
        "CidrBlock" => s.cidr.as_str(),
        "CreationTime" => format_seconds(s.created),
        "Description" => s.description.as_str(),
        "EnabledIpv6" => false,
        "Ipv6CidrBlock" => "",
        "IsDefault" => false,
        "NetworkAclId" => "",
        "OwnerId" => owner_id(&s.owner),
        "ResourceGroupId" => "",
        "RouteTable" => object! { "RouteTableId" => route_table, "RouteTableType" => "System" },
        "ShareType" => "",
        "Status" => status(s.ready_at, now),
        "Tags" => tags(),
        "VSwitchId" => s.id.as_str(),
        "VSwitchName" => s.name.as_str(),
        "VpcId" => s.vpc.as_str(),
        "ZoneId" => s.zone.as_str(),
    }
}

/// DescribeVSwitches: by `VpcId`, `VSwitchId`, `ZoneId`, `VSwitchName`; the region is the
/// call's (the ECS API's copy of this call requires none beyond the common `RegionId`).
pub fn describe_vswitches(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.region()?;
    let p = ctx.params;
    let vpc = p.opt("VpcId");
    let id = p.opt("VSwitchId");
    let zone = p.opt("ZoneId");
    let name = p.opt("VSwitchName");
    let (number, size) = paging(ctx)?;
    let world = ctx.world();
    let now = ctx.now;
    let mut found: Vec<&VSwitch> = world
        .networks
        .vswitches
        .values()
        .filter(|s| s.owner == ctx.caller.account_id && s.region == region)
        .filter(|s| vpc.is_none_or(|v| v == s.vpc))
        .filter(|s| id.is_none_or(|i| i == s.id))
        .filter(|s| zone.is_none_or(|z| z == s.zone))
        .filter(|s| name.is_none_or(|n| n == s.name))
        .collect();
    found.sort_by(|a, b| a.created.cmp(&b.created).then_with(|| a.id.cmp(&b.id)));
    let total = found.len();
    let items: Vec<Value> = page(found, number, size)
        .map(|s| {
            let table = world
                .networks
                .vpcs
                .get(&s.vpc)
                .map_or("", |v| v.route_table.as_str());
            keep_fields(vswitch_view(s, table, now), ECS_VSWITCH_FIELDS)
        })
        .collect();
    Ok(object! {
        "PageNumber" => number,
        "PageSize" => size,
        "TotalCount" => total,
        "VSwitches" => object! { "VSwitch" => items },
    }
    .into())
}

pub fn delete_vswitch(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.region()?;
    let id = ctx.params.required("VSwitchId")?;
    let dry = ctx.params.dry_run()?;
    let now = ctx.now;
    ctx.world_mut()
        .delete_vswitch(&ctx.caller.account_id, region, id, dry, now)?;
    Ok(object! {}.into())
}
