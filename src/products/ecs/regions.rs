//! `DescribeRegions` (docs/sources.md#ecs-describeregions): the world's regions, localised.

use crate::error::ApiError;
use crate::products::{product_by_version, Ctx};
use crate::protocol::json::JsonOut;
use crate::protocol::{Params, Reply};

/// Whether `AcceptLanguage` asks for the Chinese names: zh-CN is the documented default;
/// ja has no names in the reference, so it gets the English ones (inferred).
pub fn chinese_names(p: &Params) -> Result<bool, ApiError> {
    match p.opt("AcceptLanguage") {
        None | Some("zh-CN") => Ok(true),
        Some("en-US") | Some("ja") => Ok(false),
        Some(_) => Err(ApiError::InvalidAcceptLanguageNotFound),
    }
}

pub fn describe_regions(ctx: &Ctx) -> Result<Reply, ApiError> {
    let p = ctx.params;
    let chinese = chinese_names(p)?;
    match p.opt("InstanceChargeType") {
        None | Some("PrePaid" | "PostPaid" | "SpotWithPriceLimit" | "SpotAsPriceGo") => {}
        Some(_) => return Err(ApiError::InvalidInstanceChargeType),
    }
    match p.opt("ResourceType") {
        None | Some("instance" | "disk" | "reservedinstance" | "scu") => {}
        Some(_) => return Err(ApiError::InvalidResourceTypeNotFound),
    }
    let ecs = product_by_version("2014-05-26").expect("ECS is a product");
    let world = ctx.world();
    let mut out = JsonOut::with_capacity(1024);
    out.raw("{\"Regions\":{\"Region\":[");
    for r in world
        .regions
        .iter()
        .filter_map(|id| crate::regions::find(id))
    {
        out.raw("{\"RegionId\":").str(r.id);
        out.raw(",\"LocalName\":")
            .str(if chinese { r.zh } else { r.en });
        out.raw(",\"RegionEndpoint\":").str(&ecs.host(r.id));
        out.raw(",\"Status\":\"available\"},");
    }
    out.end_list().raw("]}}");
    Ok(Reply::Json(out.into_string()))
}
