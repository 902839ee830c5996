//! Zones: `DescribeZones` (docs/sources.md#ecs-zones).
//!
//! Zone IDs of cn-hangzhou, cn-shanghai, cn-qingdao and cn-beijing are the documented
//! ones; every other region gets zones `a`, `b` and `c` (*inferred*). Every zone offers
//! every type of the catalogue (`instance_types`; *inferred*: real availability varies by
//! zone and changes with stock). Kept here, in one place, to be corrected as facts arrive.

use serde_json::Value;

use super::instance_types::INSTANCE_TYPES;
use crate::error::ApiError;
use crate::products::Ctx;
use crate::protocol::Reply;

/// Zone letters of the regions the sources list.
const ZONES: &[(&str, &str)] = &[
    ("cn-hangzhou", "befghijk"),
    ("cn-shanghai", "abcdefgklmn"),
    ("cn-qingdao", "bc"),
    ("cn-beijing", "cdefg"),
];

/// Zone letters of any other region.
const DEFAULT_ZONES: &str = "abc";

/// The zone IDs of a region.
pub fn zones_of(region: &str) -> Vec<String> {
    let letters = ZONES
        .iter()
        .find(|(r, _)| *r == region)
        .map_or(DEFAULT_ZONES, |(_, z)| z);
    letters.chars().map(|c| format!("{region}-{c}")).collect()
}

/// Whether `zone` is a zone of `region`.
pub fn is_zone(region: &str, zone: &str) -> bool {
    zones_of(region).iter().any(|z| z == zone)
}

fn strings(items: &[&str]) -> Vec<Value> {
    items.iter().map(|s| Value::from(*s)).collect()
}

/// DescribeZones: the region's zones, each with what can be created in it.
pub fn describe_zones(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.required_region()?;
    let p = ctx.params;
    let chinese = super::regions::chinese_names(p)?;
    match p.opt("InstanceChargeType") {
        None | Some("PrePaid" | "PostPaid") => {}
        Some(_) => return Err(ApiError::InvalidInstanceChargeTypeNotFound),
    }
    match p.opt("SpotStrategy") {
        None | Some("NoSpot" | "SpotWithPriceLimit" | "SpotAsPriceGo") => {}
        Some(_) => return Err(ApiError::InvalidSpotStrategy),
    }
    let verbose = p.bool("Verbose")?.unwrap_or(true);
    let names = crate::regions::find(region);
    let disks = ["cloud_efficiency", "cloud_ssd", "cloud_essd"];
    let zones: Vec<Value> = zones_of(region)
        .iter()
        .map(|z| {
            let letter = z.rsplit('-').next().unwrap_or("").to_ascii_uppercase();
            let local = match (names, chinese) {
                (Some(r), true) => format!("{} 可用区 {letter}", r.zh),
                (Some(r), false) => format!("{} Zone {letter}", r.en),
                (None, _) => z.clone(),
            };
            if !verbose {
                return object! { "LocalName" => local, "ZoneId" => z.as_str(), "ZoneType" => "AvailabilityZone" };
            }
            object! {
                "AvailableDedicatedHostTypes" => object! { "DedicatedHostType" => Vec::<Value>::new() },
                "AvailableDiskCategories" => object! { "DiskCategories" => strings(&disks) },
                "AvailableInstanceTypes" => object! { "InstanceTypes" => strings(INSTANCE_TYPES) },
                "AvailableResourceCreation" => object! {
                    "ResourceTypes" => strings(&["Instance", "Disk", "VSwitch", "IoOptimized"]),
                },
                "AvailableResources" => object! {
                    "ResourcesInfo" => vec![object! {
                        "DataDiskCategories" => object! { "supportedDataDiskCategory" => strings(&disks) },
                        "InstanceGenerations" => object! { "supportedInstanceGeneration" => strings(&["ecs-3", "ecs-4", "ecs-5"]) },
                        "InstanceTypeFamilies" => object! { "supportedInstanceTypeFamily" => families() },
                        "InstanceTypes" => object! { "supportedInstanceType" => strings(INSTANCE_TYPES) },
                        "IoOptimized" => true,
                        "NetworkTypes" => object! { "supportedNetworkCategory" => strings(&["vpc"]) },
                        "SystemDiskCategories" => object! { "supportedSystemDiskCategory" => strings(&disks) },
                    }],
                },
                "AvailableVolumeCategories" => object! { "VolumeCategories" => strings(&disks) },
                "DedicatedHostGenerations" => object! { "DedicatedHostGeneration" => Vec::<Value>::new() },
                "LocalName" => local,
                "ZoneId" => z.as_str(),
                "ZoneType" => "AvailabilityZone",
            }
        })
        .collect();
    Ok(object! { "Zones" => object! { "Zone" => zones } }.into())
}

/// The catalogue's families, each once, in order.
fn families() -> Vec<Value> {
    let mut out: Vec<String> = Vec::new();
    for t in INSTANCE_TYPES {
        let f = t.rsplit_once('.').map_or(*t, |(f, _)| f).to_string();
        if !out.contains(&f) {
            out.push(f);
        }
    }
    out.into_iter().map(Value::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_regions_have_their_zones_and_others_three() {
        assert!(is_zone("cn-hangzhou", "cn-hangzhou-h"));
        assert!(!is_zone("cn-hangzhou", "cn-hangzhou-a"));
        assert_eq!(zones_of("cn-qingdao"), ["cn-qingdao-b", "cn-qingdao-c"]);
        assert_eq!(
            zones_of("eu-central-1"),
            ["eu-central-1-a", "eu-central-1-b", "eu-central-1-c"]
        );
        assert!(!is_zone("cn-hangzhou", "cn-shanghai-a"));
    }
}
