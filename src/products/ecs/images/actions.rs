//! DescribeImages, DescribeImageSharePermission, ModifyImageSharePermission, DeleteImage
//! (docs/sources.md#ecs-modifyimagesharepermission). Handlers parse and shape; the rules live in
//! `images::rules`.

use serde_json::{json, Value};

use super::render;
use super::{Access, Image, ImageKind, ShareRequest};
use crate::error::ApiError;
use crate::products::ecs::tags::tags;
use crate::products::{page, paging, Ctx};
use crate::protocol::Params;
use crate::protocol::Reply;
use crate::scenario::ImageStatus;
use crate::time::parse_rfc3339;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Alias {
    System,
    Own,
    Others,
    Marketplace,
}

/// A CreationStartTime/CreationEndTime value: `yyyy-MM-ddTHH:mmZ` (seconds also accepted).
fn filter_time(v: &str) -> Option<i64> {
    parse_rfc3339(v).or_else(|| {
        let head = v.strip_suffix(['Z', 'z'])?;
        parse_rfc3339(&format!("{head}:00Z"))
    })
}

struct Filters {
    owner_id: Option<String>,
    statuses: Vec<ImageStatus>,
    name: Option<String>,
    family: Option<String>,
    os_type: Option<String>,
    architecture: Option<String>,
    usage: Option<bool>,
    tags: Vec<(String, Option<String>)>,
    created_from: Option<i64>,
    created_to: Option<i64>,
    snapshot_id: Option<String>,
}

const ALL_STATUSES: [ImageStatus; 6] = [
    ImageStatus::Creating,
    ImageStatus::Waiting,
    ImageStatus::Available,
    ImageStatus::UnAvailable,
    ImageStatus::CreateFailed,
    ImageStatus::Deprecated,
];

fn parse_filters(p: &Params, alias: Option<Alias>) -> Result<Filters, ApiError> {
    let owner_id = match p.opt("ImageOwnerId") {
        None => None,
        Some(v) => {
            v.parse::<i64>()
                .map_err(|_| ApiError::InvalidParameter("ImageOwnerId".into()))?;
            if alias != Some(Alias::Others) {
                return Err(ApiError::InvalidOperationImageOwnerIdUnsupported);
            }
            Some(v.to_string())
        }
    };
    let statuses = match p.opt("Status") {
        None => vec![ImageStatus::Available],
        Some(s) if s.trim().eq_ignore_ascii_case("ALL") => ALL_STATUSES.to_vec(),
        Some(s) => s
            .split(',')
            .map(|x| {
                ALL_STATUSES
                    .iter()
                    .copied()
                    .find(|st| st.as_str() == x.trim())
                    .ok_or(ApiError::InvalidParamter)
            })
            .collect::<Result<_, _>>()?,
    };
    let os_type = match p.opt("OSType") {
        None => None,
        Some(v) if v.eq_ignore_ascii_case("linux") || v.eq_ignore_ascii_case("windows") => {
            Some(v.to_ascii_lowercase())
        }
        Some(_) => return Err(ApiError::InvalidOSType),
    };
    let architecture = match p.opt("Architecture") {
        None => None,
        Some(v @ ("i386" | "x86_64" | "arm64")) => Some(v.to_string()),
        Some(_) => return Err(ApiError::InvalidArchitecture),
    };
    let usage = match p.opt("Usage") {
        None => None,
        Some("instance") => Some(true),
        Some("none") => Some(false),
        Some(_) => return Err(ApiError::InvalidUsage),
    };
    let (mut created_from, mut created_to) = (None, None);
    let filters = p.object_list("Filter")?;
    if filters.len() > 10 {
        return Err(ApiError::InvalidParameter("Filter".into()));
    }
    for f in filters {
        let value = f.get("Value").unwrap_or("");
        match f.get("Key").unwrap_or("") {
            "CreationStartTime" => {
                created_from = Some(filter_time(value).ok_or(ApiError::InvalidFilterValue)?)
            }
            "CreationEndTime" => {
                created_to = Some(filter_time(value).ok_or(ApiError::InvalidFilterValue)?)
            }
            "NetworkType" => {
                if !matches!(value, "vpc" | "classic") {
                    return Err(ApiError::InvalidFilterValueNetworkType);
                }
            }
            "CpuOnlineUpgrade"
            | "CpuOnlineDowngrade"
            | "MemoryOnlineUpgrade"
            | "MemoryOnlineDowngrade" => {
                if !matches!(value, "supported" | "unsupported") {
                    return Err(ApiError::InvalidFilterValue);
                }
            }
            _ => return Err(ApiError::InvalidFilterKeyNotFound),
        }
    }
    Ok(Filters {
        owner_id,
        statuses,
        name: p.opt("ImageName").map(str::to_lowercase),
        family: p.opt("ImageFamily").map(str::to_string),
        os_type,
        architecture,
        usage,
        tags: tags(p)?,
        created_from,
        created_to,
        snapshot_id: p.opt("SnapshotId").map(str::to_string),
    })
}

impl Filters {
    fn keep(&self, img: &Image, now: i64, in_use: bool) -> bool {
        self.owner_id.as_ref().is_none_or(|o| &img.owner == o)
            && self.statuses.contains(&img.status_at(now))
            && self
                .name
                .as_ref()
                .is_none_or(|n| img.name.to_lowercase().contains(n.as_str()))
            && self.family.as_ref().is_none_or(|f| &img.family == f)
            && self.os_type.as_ref().is_none_or(|o| &img.os_type == o)
            && self
                .architecture
                .as_ref()
                .is_none_or(|a| &img.architecture == a)
            && self.usage.is_none_or(|u| u == in_use)
            && self.tags.iter().all(|(k, v)| match img.tags.get(k) {
                None => false,
                Some(have) => v.as_ref().is_none_or(|v| v == have),
            })
            && self.created_from.is_none_or(|t| img.created >= t)
            && self.created_to.is_none_or(|t| img.created <= t)
            && self
                .snapshot_id
                .as_ref()
                .is_none_or(|s| img.snapshot_ids().contains(s))
    }
}

/// Image IDs a DescribeImages `ImageId` may list (*inferred*: the reference names no limit).
const MAX_IMAGE_IDS: usize = 100;

/// `ImageId`: one ID or a comma-separated list (libcloud's and footmark's `list_images`
/// send several), without repeats; more than 100 is `InvalidParameter`.
fn image_ids(p: &Params) -> Result<Vec<&str>, ApiError> {
    let mut ids: Vec<&str> = Vec::new();
    for id in p.opt("ImageId").into_iter().flat_map(|v| v.split(',')) {
        let id = id.trim();
        if !id.is_empty() && !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.len() > MAX_IMAGE_IDS {
        return Err(ApiError::InvalidParameter("ImageId".into()));
    }
    Ok(ids)
}

pub fn describe_images(ctx: &Ctx) -> Result<Reply, ApiError> {
    let p = ctx.params;
    let region = ctx.required_region()?;
    let alias = match p.opt("ImageOwnerAlias") {
        None => None,
        Some("system") => Some(Alias::System),
        Some("self") => Some(Alias::Own),
        Some("others") => Some(Alias::Others),
        Some("marketplace") => Some(Alias::Marketplace),
        Some(_) => return Err(ApiError::InvalidImageOwnerAliasValueNotSupported),
    };
    let community = p.bool("IsPublic")?.unwrap_or(false);
    if community && alias != Some(Alias::Others) {
        return Err(ApiError::InvalidImageOwnerAliasPublicImageUnsupported);
    }
    let filters = parse_filters(p, alias)?;
    let ids = image_ids(p)?;
    let (number, size) = paging(p)?;
    if p.dry_run()? {
        return Err(ApiError::DryRunOperation);
    }
    let caller = ctx.caller.account_id.as_str();
    let now = ctx.now;
    let world = ctx.world();

    // Which kinds of access the query asks for. The default is system + self + shared
    // (Marketplace and community images excluded); IsPublic=true asks for community only.
    let wanted = |a: Access| match alias {
        None => matches!(a, Access::System | Access::Own | Access::Shared),
        Some(Alias::System) => a == Access::System,
        Some(Alias::Marketplace) => a == Access::Marketplace,
        Some(Alias::Own) => a == Access::Own,
        Some(Alias::Others) if community => a == Access::Community,
        Some(Alias::Others) => a == Access::Shared,
    };
    let mut found: Vec<(&Image, Access)> = Vec::new();
    if p.opt("ImageId").is_some() {
        for id in &ids {
            found.extend(
                world
                    .visible_image(region, caller, id, now)
                    .filter(|(_, a)| wanted(*a)),
            );
        }
    } else {
        for img in world.images.catalogue() {
            let a = if img.kind == ImageKind::Marketplace {
                Access::Marketplace
            } else {
                Access::System
            };
            if wanted(a) {
                found.push((img, a));
            }
        }
        if wanted(Access::Own) {
            found.extend(
                world
                    .images
                    .owned_by(region, caller)
                    .map(|i| (i, Access::Own)),
            );
        }
        if wanted(Access::Shared) {
            found.extend(
                world
                    .shared_images(region, caller, now)
                    .into_iter()
                    .map(|i| (i, Access::Shared)),
            );
        }
        if wanted(Access::Community) {
            found.extend(
                world
                    .images
                    .community(region)
                    .filter(|i| i.owner != caller)
                    .map(|i| (i, Access::Community)),
            );
        }
    }
    let group = world.group_filter(caller, p.opt("ResourceGroupId"));
    let mut kept: Vec<(&Image, Access, bool)> = found
        .into_iter()
        .filter(|(img, _)| group.as_ref().is_none_or(|g| g.keeps(&img.resource_group)))
        .filter_map(|(img, a)| {
            let in_use = world.instances.using(&img.id) > 0;
            filters.keep(img, now, in_use).then_some((img, a, in_use))
        })
        .collect();
    // Newest first, then by ID, so paging is stable.
    kept.sort_by(|x, y| {
        y.0.created
            .cmp(&x.0.created)
            .then_with(|| x.0.id.cmp(&y.0.id))
    });
    let total = kept.len();
    Ok(Reply::Json(render::describe_images(
        region,
        total,
        number,
        size,
        page(kept, number, size),
        now,
    )))
}

pub fn describe_image_share_permission(ctx: &Ctx) -> Result<Reply, ApiError> {
    let p = ctx.params;
    let region = ctx.required_region()?;
    let image_id = p.required("ImageId")?;
    let (number, size) = paging(p)?;
    let world = ctx.world();
    let img = world.own_image(&ctx.caller.account_id, region, image_id)?;
    let mut accounts: Vec<(&String, &i64)> = img.shared_with.iter().collect();
    accounts.sort_by(|a, b| a.1.cmp(b.1).then_with(|| a.0.cmp(b.0)));
    let total = accounts.len();
    let accounts: Vec<Value> = page(accounts, number, size)
        .map(|(id, t)| json!({"AliyunId": id, "SharedTime": crate::time::format_seconds(*t)}))
        .collect();
    let groups: Vec<Value> = if img.is_public {
        vec![json!({"Group": "all"})]
    } else {
        vec![]
    };
    Ok(object! {
        "RegionId" => region,
        "ImageId" => img.id.as_str(),
        "TotalCount" => total,
        "PageNumber" => number,
        "PageSize" => size,
        "ShareGroups" => object! { "ShareGroup" => groups },
        "Accounts" => object! { "Account" => accounts },
    }
    .into())
}

pub fn modify_image_share_permission(ctx: &Ctx) -> Result<Reply, ApiError> {
    let p = ctx.params;
    let region = ctx.required_region()?;
    let req = ShareRequest {
        image_id: p.required("ImageId")?.to_string(),
        add: p
            .list("AddAccount")?
            .into_iter()
            .map(str::to_string)
            .collect(),
        remove: p
            .list("RemoveAccount")?
            .into_iter()
            .map(str::to_string)
            .collect(),
        is_public: p.bool("IsPublic")?,
        launch_permission: p.opt("LaunchPermission").map(str::to_string),
        dry_run: p.dry_run()?,
    };
    let now = ctx.now;
    ctx.world_mut()
        .modify_image_share(&ctx.caller.account_id, region, &req, now)?;
    Ok(json!({}).into())
}

pub fn delete_image(ctx: &Ctx) -> Result<Reply, ApiError> {
    let p = ctx.params;
    let region = ctx.required_region()?;
    let id = p.required("ImageId")?;
    let force = p.bool("Force")?.unwrap_or(false);
    let dry = p.dry_run()?;
    let now = ctx.now;
    ctx.world_mut()
        .delete_image(&ctx.caller.account_id, region, id, force, dry, now)?;
    Ok(json!({}).into())
}

/// DescribeImageFromFamily: the caller's newest Available custom image of the family in the
/// region (public, Marketplace, community and shared images are not considered, as
/// documented); when there is none, `Image` is empty.
pub fn describe_image_from_family(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.required_region()?;
    let family = ctx.params.required("ImageFamily")?;
    let world = ctx.world();
    let now = ctx.now;
    let newest = world
        .images
        .owned_by(region, &ctx.caller.account_id)
        .filter(|i| i.family == family && i.status_at(now) == ImageStatus::Available)
        .max_by(|a, b| a.created.cmp(&b.created).then_with(|| a.id.cmp(&b.id)));
    let image = match newest {
        Some(i) => {
            let view = render::image(i, Access::Own, now, world.instances.using(&i.id) > 0);
            let mut v = serde_json::to_value(view).map_err(|_| ApiError::InternalError)?;
            family_fields(&mut v);
            v
        }
        None => object! {},
    };
    Ok(object! { "Image" => image }.into())
}

/// The fields of DescribeImageFromFamily's `Image` (its SDK response model): fewer than a
/// DescribeImages entry has.
const FAMILY_FIELDS: &[&str] = &[
    "Architecture",
    "CreationTime",
    "Description",
    "DiskDeviceMappings",
    "ImageFamily",
    "ImageId",
    "ImageName",
    "ImageOwnerAlias",
    "ImageVersion",
    "IsCopied",
    "IsSelfShared",
    "IsSubscribed",
    "IsSupportCloudinit",
    "IsSupportIoOptimized",
    "OSName",
    "OSType",
    "Platform",
    "ProductCode",
    "Progress",
    "Size",
    "Status",
    "Tags",
    "Usage",
];

const FAMILY_DISK_FIELDS: &[&str] = &[
    "Device",
    "Format",
    "ImportOSSBucket",
    "ImportOSSObject",
    "Size",
    "SnapshotId",
    "Type",
];

/// Trims a DescribeImages entry to DescribeImageFromFamily's fields.
fn family_fields(v: &mut Value) {
    let Some(image) = v.as_object_mut() else {
        return;
    };
    image.retain(|k, _| FAMILY_FIELDS.contains(&k.as_str()));
    let disks = image
        .get_mut("DiskDeviceMappings")
        .and_then(|d| d.get_mut("DiskDeviceMapping"))
        .and_then(Value::as_array_mut);
    for d in disks.into_iter().flatten() {
        if let Some(d) = d.as_object_mut() {
            d.retain(|k, _| FAMILY_DISK_FIELDS.contains(&k.as_str()));
        }
    }
}
