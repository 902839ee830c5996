//! ResourceSharing 2020-01-10 (docs/sources.md#resource-sharing). Lists are plain arrays with
//! MaxResults/NextToken paging; times have milliseconds.

mod associations;
pub mod dump;
mod lists;
pub mod model;
mod rules;
mod scenario;
mod shares;
mod tags;

pub use model::*;
pub use rules::ShareEntities;

use super::Action;
use crate::error::ApiError;
use crate::protocol::Params;

pub static ACTIONS: &[Action] = &[
    Action {
        name: "TagResources",
        handler: tags::tag_resources,
    },
    Action {
        name: "UntagResources",
        handler: tags::untag_resources,
    },
    Action {
        name: "ListTagResources",
        handler: tags::list_tag_resources,
    },
    Action {
        name: "ChangeResourceGroup",
        handler: tags::change_resource_group,
    },
    Action {
        name: "EnableSharingWithResourceDirectory",
        handler: shares::enable_sharing,
    },
    Action {
        name: "CheckSharingWithResourceDirectoryStatus",
        handler: shares::check_sharing,
    },
    Action {
        name: "CreateResourceShare",
        handler: shares::create_resource_share,
    },
    Action {
        name: "UpdateResourceShare",
        handler: shares::update_resource_share,
    },
    Action {
        name: "DeleteResourceShare",
        handler: shares::delete_resource_share,
    },
    Action {
        name: "AssociateResourceShare",
        handler: shares::associate_resource_share,
    },
    Action {
        name: "DisassociateResourceShare",
        handler: shares::disassociate_resource_share,
    },
    Action {
        name: "AcceptResourceShareInvitation",
        handler: shares::accept_invitation,
    },
    Action {
        name: "RejectResourceShareInvitation",
        handler: shares::reject_invitation,
    },
    Action {
        name: "ListResourceShares",
        handler: lists::list_resource_shares,
    },
    Action {
        name: "ListResourceShareAssociations",
        handler: lists::list_resource_share_associations,
    },
    Action {
        name: "ListSharedResources",
        handler: lists::list_shared_resources,
    },
    Action {
        name: "ListSharedTargets",
        handler: lists::list_shared_targets,
    },
    Action {
        name: "ListResourceShareInvitations",
        handler: lists::list_invitations,
    },
    Action {
        name: "ListPermissions",
        handler: lists::list_permissions,
    },
    Action {
        name: "ListResourceSharePermissions",
        handler: lists::list_resource_share_permissions,
    },
    Action {
        name: "GetPermission",
        handler: lists::get_permission,
    },
];

/// `MaxResults` (1-100, default 20) and `NextToken` (an offset this mock hands out).
pub fn cursor(p: &Params) -> Result<(usize, usize), ApiError> {
    let max = match p.opt("MaxResults") {
        None => 20,
        Some(v) => match v.parse::<usize>() {
            Ok(n) if (1..=100).contains(&n) => n,
            _ => return Err(ApiError::InvalidParameterMaxResults),
        },
    };
    let start = match p.opt("NextToken") {
        None => 0,
        Some(t) if t.len() > 256 => return Err(ApiError::InvalidParameterNextTokenLength),
        Some(t) => t
            .parse::<usize>()
            .map_err(|_| ApiError::InvalidParameterNextToken)?,
    };
    Ok((start, max))
}

/// `ResourceOwner`: `Self` (true) or `OtherAccounts` (false).
pub fn resource_owner(p: &Params) -> Result<bool, ApiError> {
    match p.opt("ResourceOwner") {
        None => Err(ApiError::MissingParameterResourceOwner),
        Some("Self") => Ok(true),
        Some("OtherAccounts") => Ok(false),
        Some(_) => Err(ApiError::InvalidParameterResourceOwner),
    }
}

/// Resource types ResourceSharing knows (docs/sources.md#resource-sharing); only `Image` can be
/// shared in this mock.
pub const RESOURCE_TYPES: &[&str] = &[
    "VSwitch",
    "ROSTemplate",
    "ServiceCatalogPortfolio",
    "PrefixList",
    "Image",
    "Snapshot",
    "PublicIpAddressPool",
    "KMSInstance",
];
