//! `DescribeRegions` (docs/sources.md#ecs-describeregions): the world's regions, localised.

use serde_json::{json, Value};

use crate::error::ApiError;
use crate::products::{product_by_version, Ctx};
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
    let regions: Vec<Value> = world
        .regions
        .iter()
        .filter_map(|id| crate::regions::find(id))
        .map(|r| {
            json!({
                "RegionId": r.id,
                "LocalName": if chinese { r.zh } else { r.en },
                "RegionEndpoint": ecs.host(r.id),
                "Status": "available",
            })
        })
        .collect();
    Ok(json!({ "Regions": { "Region": regions } }).into())
}
