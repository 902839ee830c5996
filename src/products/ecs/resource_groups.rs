//! Resource groups of ECS resources: `ResourceGroupId` at creation, in answers and as a
//! filter, and `JoinResourceGroup` (docs/sources.md#ecs-resource-groups).
//!
//! An account has a default group (`Account::default_resource_group`) and the groups its
//! scenario entry lists. A resource created without a group is in the default group and
//! answers an empty `ResourceGroupId` (*inferred*); one created in, or moved to, a named
//! group answers that group's ID.

use crate::error::ApiError;
use crate::products::Ctx;
use crate::protocol::Reply;
use crate::world::World;

impl World {
    /// A `ResourceGroupId` the caller names: absent or empty is the default group (`""`);
    /// otherwise one of the caller's groups, its default group included, else
    /// `InvalidResourceGroup.NotFound`.
    pub(crate) fn resource_group(
        &self,
        caller: &str,
        group: Option<&str>,
    ) -> Result<String, ApiError> {
        let Some(g) = group.filter(|g| !g.is_empty()) else {
            return Ok(String::new());
        };
        let account = self
            .account_by_id(caller)
            .ok_or(ApiError::InvalidResourceGroupNotFound)?;
        if account.default_resource_group() == g || account.resource_groups.iter().any(|x| x == g) {
            Ok(g.to_string())
        } else {
            Err(ApiError::InvalidResourceGroupNotFound)
        }
    }

    /// A `ResourceGroupId` filter: `None` when the call names no group.
    pub fn group_filter(&self, caller: &str, group: Option<&str>) -> Option<GroupFilter> {
        let g = group.filter(|g| !g.is_empty())?;
        let default = self
            .account_by_id(caller)
            .is_some_and(|a| a.default_resource_group() == g);
        Some(GroupFilter {
            id: g.to_string(),
            default,
        })
    }
}

/// What a `ResourceGroupId` filter keeps: resources in that group, and for the caller's
/// default group also those created without one (stored as `""`). An unknown group keeps
/// nothing.
pub struct GroupFilter {
    id: String,
    default: bool,
}

impl GroupFilter {
    pub fn keeps(&self, group: &str) -> bool {
        group == self.id || (self.default && group.is_empty())
    }
}

/// JoinResourceGroup: moves one resource (`ResourceType` image, instance, securitygroup,
/// snapshot, disk, keypair) into one of the caller's groups; into the group it is in already
/// is `InvalidResourceGroup.Duplicate` (*inferred* meaning of that code).
pub fn join_resource_group(ctx: &Ctx) -> Result<Reply, ApiError> {
    let p = ctx.params;
    let missing = |name: &str| ApiError::MissingParameterJoin(name.to_string());
    let region = match p.opt("RegionId") {
        None => return Err(missing("RegionId")),
        Some(_) => ctx.required_region()?,
    };
    let id = p.opt("ResourceId").ok_or_else(|| missing("ResourceId"))?;
    let group = p
        .opt("ResourceGroupId")
        .ok_or_else(|| missing("ResourceGroupId"))?;
    let kind = p.required("ResourceType")?;
    let caller = &ctx.caller.account_id;
    let mut world = ctx.world_mut();
    let group = world.resource_group(caller, Some(group))?;
    let default = world
        .account_by_id(caller)
        .map(|a| a.default_resource_group())
        .unwrap_or_default();
    let missing = ApiError::InvalidResourceIdNotFoundJoin;
    let current = world.resource_mut(caller, region, kind, id, missing)?.group;
    let effective = |g: &str| {
        if g.is_empty() {
            default.clone()
        } else {
            g.to_string()
        }
    };
    if effective(current) == effective(&group) {
        return Err(ApiError::InvalidResourceGroupDuplicate);
    }
    *current = group;
    Ok(object! {}.into())
}
