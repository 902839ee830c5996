//! CreateSecurityGroup, AuthorizeSecurityGroup, AuthorizeSecurityGroupEgress,
//! DescribeSecurityGroups, DescribeSecurityGroupAttribute, DeleteSecurityGroup
//! (docs/sources.md#ecs-security-groups).

use serde_json::Value;

use super::model::{Rule, SecurityGroup};
use super::rules::{NewGroup, NewRule};
use crate::error::ApiError;
use crate::products::ecs::instances::actions::id_array;
use crate::products::{client_token, page, paging, Ctx};
use crate::protocol::Reply;
use crate::time::format_seconds;

/// Instances one basic security group can hold (documented), for `AvailableInstanceAmount`.
const INSTANCES_PER_GROUP: i64 = 2000;

pub fn create_security_group(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.required_region()?;
    let p = ctx.params;
    let r = NewGroup {
        region,
        vpc: p.opt("VpcId"),
        name: p.opt("SecurityGroupName"),
        description: p.opt("Description"),
        client_token: client_token(p)?,
        resource_group: ctx
            .world()
            .resource_group(&ctx.caller.account_id, p.opt("ResourceGroupId"))?,
        dry_run: p.dry_run()?,
    };
    let now = ctx.now;
    let g = ctx
        .world_mut()
        .create_security_group(&ctx.caller.account_id, &r, now, ctx.ids)?;
    Ok(object! { "SecurityGroupId" => g.id.as_str() }.into())
}

fn authorize(ctx: &Ctx, egress: bool) -> Result<Reply, ApiError> {
    let region = ctx.required_region()?;
    let p = ctx.params;
    let (cidr, peer) = if egress {
        (p.opt("DestCidrIp"), p.opt("DestGroupId"))
    } else {
        (p.opt("SourceCidrIp"), p.opt("SourceGroupId"))
    };
    let r = NewRule {
        region,
        group: p.required("SecurityGroupId")?,
        egress,
        protocol: p.required("IpProtocol")?,
        port_range: p.required("PortRange")?,
        cidr,
        peer,
        nic_type: p.opt("NicType"),
        policy: p.opt("Policy"),
        priority: p.opt("Priority"),
        description: p.opt("Description"),
    };
    let now = ctx.now;
    ctx.world_mut()
        .authorize_security_group(&ctx.caller.account_id, &r, now, ctx.ids)?;
    Ok(object! {}.into())
}

pub fn authorize_security_group(ctx: &Ctx) -> Result<Reply, ApiError> {
    authorize(ctx, false)
}

pub fn authorize_security_group_egress(ctx: &Ctx) -> Result<Reply, ApiError> {
    authorize(ctx, true)
}

pub fn delete_security_group(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.required_region()?;
    let id = ctx.params.required("SecurityGroupId")?;
    ctx.world_mut()
        .delete_security_group(&ctx.caller.account_id, region, id)?;
    Ok(object! {}.into())
}

fn group_view(g: &SecurityGroup, instances: i64) -> Value {
    object! {
        "AvailableInstanceAmount" => INSTANCES_PER_GROUP - instances,
        "CreationTime" => format_seconds(g.created),
        "Description" => g.description.as_str(),
        "EcsCount" => instances,
        "GroupToGroupRuleCount" => g.rules.iter().filter(|r| !r.group.is_empty()).count(),
        "ResourceGroupId" => g.resource_group.as_str(),
        "RuleCount" => g.rules.len(),
        "SecurityGroupId" => g.id.as_str(),
        "SecurityGroupName" => g.name.as_str(),
        "SecurityGroupType" => "normal",
        "ServiceID" => 0,
        "ServiceManaged" => false,
        "Tags" => object! {
            "Tag" => g.tags.iter().map(|(k, v)| object! { "TagKey" => k.as_str(), "TagValue" => v.as_str() }).collect::<Vec<_>>(),
        },
        "VpcId" => g.vpc.as_deref().unwrap_or(""),
    }
}

/// DescribeSecurityGroups: the caller's groups in the region, newest ID first (documented:
/// descending ID order), by `VpcId`, `SecurityGroupId`, `SecurityGroupIds` (a JSON array
/// of up to 100), `SecurityGroupName`, `NetworkType`.
pub fn describe_security_groups(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.required_region()?;
    let p = ctx.params;
    let vpc = p.opt("VpcId");
    let one = p.opt("SecurityGroupId");
    let many = match p.opt("SecurityGroupIds") {
        None => None,
        Some(v) => Some(id_array(
            v,
            100,
            ApiError::InvalidParameter("SecurityGroupIds".into()),
        )?),
    };
    let name = p.opt("SecurityGroupName");
    let network = match p.opt("NetworkType") {
        None => None,
        Some(n @ ("vpc" | "classic")) => Some(n),
        Some(_) => return Err(ApiError::InvalidParameter("NetworkType".into())),
    };
    let (number, size) = paging(p)?;
    let world = ctx.world();
    let group = world.group_filter(&ctx.caller.account_id, p.opt("ResourceGroupId"));
    let mut found: Vec<&SecurityGroup> = world
        .security_groups
        .by_id
        .values()
        .filter(|g| g.owner == ctx.caller.account_id && g.region == region)
        .filter(|g| vpc.is_none_or(|v| g.vpc.as_deref() == Some(v)))
        .filter(|g| one.is_none_or(|i| i == g.id))
        .filter(|g| many.as_ref().is_none_or(|l| l.contains(&g.id)))
        .filter(|g| name.is_none_or(|n| n == g.name))
        .filter(|g| network.is_none_or(|n| (n == "vpc") == g.vpc.is_some()))
        .filter(|g| group.as_ref().is_none_or(|rg| rg.keeps(&g.resource_group)))
        .collect();
    found.sort_by(|a, b| b.id.cmp(&a.id));
    let total = found.len();
    let items: Vec<Value> = page(found, number, size)
        .map(|g| {
            let n = world
                .instances
                .iter()
                .filter(|i| i.security_groups.contains(&g.id))
                .count() as i64;
            group_view(g, n)
        })
        .collect();
    Ok(object! {
        "NextToken" => "",
        "PageNumber" => number,
        "PageSize" => size,
        "RegionId" => region,
        "SecurityGroups" => object! { "SecurityGroup" => items },
        "TotalCount" => total,
    }
    .into())
}

fn rule_view(r: &Rule, world: &crate::world::World) -> Value {
    let peer_name = world
        .security_groups
        .by_id
        .get(&r.group)
        .map_or("", |g| g.name.as_str());
    let (src, dst, src_group, dst_group, src_name, dst_name) = if r.direction == "ingress" {
        (r.cidr.as_str(), "", r.group.as_str(), "", peer_name, "")
    } else {
        ("", r.cidr.as_str(), "", r.group.as_str(), "", peer_name)
    };
    object! {
        "CreateTime" => format_seconds(r.created),
        "Description" => r.description.as_str(),
        "DestCidrIp" => dst,
        "DestGroupId" => dst_group,
        "DestGroupName" => dst_name,
        "DestGroupOwnerAccount" => "",
        "DestPrefixListId" => "",
        "DestPrefixListName" => "",
        "Direction" => r.direction.as_str(),
        "IpProtocol" => r.protocol.as_str(),
        "Ipv6DestCidrIp" => "",
        "Ipv6SourceCidrIp" => "",
        "NicType" => r.nic_type.as_str(),
        "Policy" => if r.policy == "accept" { "Accept" } else { "Drop" },
        "PortRange" => r.port_range.as_str(),
        "PortRangeListId" => "",
        "PortRangeListName" => "",
        "Priority" => r.priority.to_string(),
        "SecurityGroupRuleId" => r.id.as_str(),
        "SourceCidrIp" => src,
        "SourceGroupId" => src_group,
        "SourceGroupName" => src_name,
        "SourceGroupOwnerAccount" => "",
        "SourcePortRange" => "",
        "SourcePrefixListId" => "",
        "SourcePrefixListName" => "",
    }
}

/// DescribeSecurityGroupAttribute: a group and its rules (`Direction` ingress, egress or
/// all).
pub fn describe_security_group_attribute(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.required_region()?;
    let p = ctx.params;
    let id = p.required("SecurityGroupId")?;
    let direction = p.opt("Direction").unwrap_or("all");
    if !matches!(direction, "all" | "ingress" | "egress") {
        return Err(ApiError::InvalidParameter("Direction".into()));
    }
    let world = ctx.world();
    let g = world.own_security_group(&ctx.caller.account_id, region, id)?;
    let rules: Vec<Value> = g
        .rules
        .iter()
        .filter(|r| direction == "all" || r.direction == direction)
        .map(|r| rule_view(r, &world))
        .collect();
    Ok(object! {
        "Description" => g.description.as_str(),
        "InnerAccessPolicy" => "Accept",
        "NextToken" => "",
        "Permissions" => object! { "Permission" => rules },
        "RegionId" => region,
        "SecurityGroupId" => g.id.as_str(),
        "SecurityGroupName" => g.name.as_str(),
        "SnapshotPolicyIds" => object! { "SnapshotPolicyId" => Vec::<Value>::new() },
        "VpcId" => g.vpc.as_deref().unwrap_or(""),
    }
    .into())
}
