//! ECS resources by `ResourceType`, as the tag and resource-group calls name them: one place
//! that knows where each kind lives, whose it is, and where its tags and group are kept.

use std::collections::BTreeMap;

use crate::error::ApiError;
use crate::world::World;

/// The resource kinds that carry tags and a resource group, as `ResourceType` names them.
pub const KINDS: &[&str] = &[
    "instance",
    "disk",
    "snapshot",
    "image",
    "securitygroup",
    "keypair",
];

/// A resource's tags and group, for a change.
pub(crate) struct ResourceMut<'w> {
    pub tags: &'w mut BTreeMap<String, String>,
    /// Empty = the account's default group.
    pub group: &'w mut String,
}

/// A resource's ID (a key pair's name) and its tags.
pub(crate) type Tagged<'w> = (&'w str, &'w BTreeMap<String, String>);

impl World {
    /// One resource of the caller in the region: `missing` when there is none,
    /// `InvalidResourceType.NotFound` for a kind the mock does not have.
    pub(crate) fn resource_mut(
        &mut self,
        caller: &str,
        region: &str,
        kind: &str,
        id: &str,
        missing: ApiError,
    ) -> Result<ResourceMut<'_>, ApiError> {
        let mine = |owner: &str, r: &str| owner == caller && r == region;
        let found = match kind {
            "image" => {
                if !self
                    .images
                    .custom(id)
                    .is_some_and(|i| mine(&i.owner, &i.region))
                {
                    return Err(missing);
                }
                self.images
                    .tags_and_group_mut(id)
                    .map(|(tags, group)| ResourceMut { tags, group })
            }
            "instance" => self
                .instances
                .get_mut(id)
                .filter(|i| mine(&i.owner, &i.region))
                .map(|i| ResourceMut {
                    tags: &mut i.tags,
                    group: &mut i.resource_group,
                }),
            "securitygroup" => self
                .security_groups
                .by_id
                .get_mut(id)
                .filter(|g| mine(&g.owner, &g.region))
                .map(|g| ResourceMut {
                    tags: &mut g.tags,
                    group: &mut g.resource_group,
                }),
            "snapshot" => self
                .storage
                .snapshots
                .get_mut(id)
                .filter(|s| mine(&s.owner, &s.region))
                .map(|s| ResourceMut {
                    tags: &mut s.tags,
                    group: &mut s.resource_group,
                }),
            "disk" => self
                .storage
                .disks
                .get_mut(id)
                .filter(|d| mine(&d.owner, &d.region))
                .map(|d| ResourceMut {
                    tags: &mut d.tags,
                    group: &mut d.resource_group,
                }),
            "keypair" => self
                .key_pairs
                .get_mut(caller, region, id)
                .map(|k| ResourceMut {
                    tags: &mut k.tags,
                    group: &mut k.resource_group_id,
                }),
            _ => return Err(ApiError::InvalidResourceTypeNotFound),
        };
        found.ok_or(missing)
    }

    /// Every resource of a kind the caller has in the region, with its tags, by ID.
    pub(crate) fn tagged(
        &self,
        caller: &str,
        region: &str,
        kind: &str,
    ) -> Result<Vec<Tagged<'_>>, ApiError> {
        let mine = |owner: &str, r: &str| owner == caller && r == region;
        let mut out: Vec<Tagged<'_>> = match kind {
            "image" => self
                .images
                .owned_by(region, caller)
                .map(|i| (i.id.as_str(), &i.tags))
                .collect(),
            "instance" => self
                .instances
                .iter()
                .filter(|i| mine(&i.owner, &i.region))
                .map(|i| (i.id.as_str(), &i.tags))
                .collect(),
            "securitygroup" => self
                .security_groups
                .by_id
                .values()
                .filter(|g| mine(&g.owner, &g.region))
                .map(|g| (g.id.as_str(), &g.tags))
                .collect(),
            "snapshot" => self
                .storage
                .snapshots
                .values()
                .filter(|s| mine(&s.owner, &s.region))
                .map(|s| (s.id.as_str(), &s.tags))
                .collect(),
            "disk" => self
                .storage
                .disks
                .values()
                .filter(|d| mine(&d.owner, &d.region))
                .map(|d| (d.id.as_str(), &d.tags))
                .collect(),
            "keypair" => self
                .key_pairs
                .of(caller, region)
                .map(|k| (k.name.as_str(), &k.tags))
                .collect(),
            _ => return Err(ApiError::InvalidResourceTypeNotFound),
        };
        out.sort_by_key(|(id, _)| *id);
        Ok(out)
    }
}
