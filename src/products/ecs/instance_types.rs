//! The instance-type catalogue: `DescribeInstanceTypes` (docs/sources.md#ecs-instance-types),
//! the types DescribeZones offers, and the vCPUs and memory of any type an instance is
//! launched with.
//!
//! The catalogue holds real type names of common families; their figures (category,
//! processor, clock speeds, GPUs, burst credits, network limits) follow the public
//! instance-family pages where they give them and are *inferred* otherwise. Kept here, in
//! one place, to be corrected as facts arrive.

use serde_json::Value;

use crate::error::ApiError;
use crate::products::{token_page, Ctx};
use crate::protocol::Reply;

/// Instance types every zone offers (real type names of common families).
pub const INSTANCE_TYPES: &[&str] = &[
    "ecs.t5-lc1m1.small",
    "ecs.t5-lc1m2.small",
    "ecs.t5-lc1m2.large",
    "ecs.t5-c1m1.large",
    "ecs.t5-c1m2.large",
    "ecs.t5-c1m4.large",
    "ecs.t6-c1m1.large",
    "ecs.t6-c1m2.large",
    "ecs.t6-c1m4.large",
    "ecs.c6.large",
    "ecs.c6.xlarge",
    "ecs.c6.2xlarge",
    "ecs.c7.large",
    "ecs.c7.xlarge",
    "ecs.c7.2xlarge",
    "ecs.c7.4xlarge",
    "ecs.g6.large",
    "ecs.g6.xlarge",
    "ecs.g6.2xlarge",
    "ecs.g7.large",
    "ecs.g7.xlarge",
    "ecs.g7.2xlarge",
    "ecs.g7.4xlarge",
    "ecs.g7.8xlarge",
    "ecs.r6.large",
    "ecs.r6.xlarge",
    "ecs.r7.large",
    "ecs.r7.xlarge",
    "ecs.r7.2xlarge",
    "ecs.gn6i-c4g1.xlarge",
];

/// What a family is: `InstanceCategory`, `InstanceFamilyLevel`, processor, base and turbo
/// clock (GHz), GPU model, count and memory (GiB).
struct Family {
    name: &'static str,
    category: &'static str,
    level: &'static str,
    processor: &'static str,
    base_ghz: f64,
    turbo_ghz: f64,
    gpu: (&'static str, i64, f64),
}

const NO_GPU: (&str, i64, f64) = ("", 0, 0.0);

const FAMILIES: &[Family] = &[
    Family {
        name: "ecs.t5",
        category: "Shared",
        level: "CreditEntryLevel",
        processor: "Intel Xeon(Skylake) Platinum 8163",
        base_ghz: 2.5,
        turbo_ghz: 0.0,
        gpu: NO_GPU,
    },
    Family {
        name: "ecs.t6",
        category: "Shared",
        level: "CreditEntryLevel",
        processor: "Intel Xeon(Cascade Lake) Platinum 8269CY",
        base_ghz: 2.5,
        turbo_ghz: 3.2,
        gpu: NO_GPU,
    },
    Family {
        name: "ecs.c6",
        category: "Compute-optimized",
        level: "EnterpriseLevel",
        processor: "Intel Xeon(Cascade Lake) Platinum 8269CY",
        base_ghz: 2.5,
        turbo_ghz: 3.2,
        gpu: NO_GPU,
    },
    Family {
        name: "ecs.c7",
        category: "Compute-optimized",
        level: "EnterpriseLevel",
        processor: "Intel Xeon(Ice Lake) Platinum 8369B",
        base_ghz: 2.7,
        turbo_ghz: 3.5,
        gpu: NO_GPU,
    },
    Family {
        name: "ecs.g6",
        category: "General-purpose",
        level: "EnterpriseLevel",
        processor: "Intel Xeon(Cascade Lake) Platinum 8269CY",
        base_ghz: 2.5,
        turbo_ghz: 3.2,
        gpu: NO_GPU,
    },
    Family {
        name: "ecs.g7",
        category: "General-purpose",
        level: "EnterpriseLevel",
        processor: "Intel Xeon(Ice Lake) Platinum 8369B",
        base_ghz: 2.7,
        turbo_ghz: 3.5,
        gpu: NO_GPU,
    },
    Family {
        name: "ecs.r6",
        category: "Memory-optimized",
        level: "EnterpriseLevel",
        processor: "Intel Xeon(Cascade Lake) Platinum 8269CY",
        base_ghz: 2.5,
        turbo_ghz: 3.2,
        gpu: NO_GPU,
    },
    Family {
        name: "ecs.r7",
        category: "Memory-optimized",
        level: "EnterpriseLevel",
        processor: "Intel Xeon(Ice Lake) Platinum 8369B",
        base_ghz: 2.7,
        turbo_ghz: 3.5,
        gpu: NO_GPU,
    },
    Family {
        name: "ecs.gn6i",
        category: "Compute-optimized with GPU",
        level: "EnterpriseLevel",
        processor: "Intel Xeon(Skylake) Platinum 8163",
        base_ghz: 2.5,
        turbo_ghz: 3.1,
        gpu: ("NVIDIA T4", 1, 16.0),
    },
];

/// vCPUs, memory (MiB) and family of any `ecs.<family>.<size>` type, in the catalogue or
/// not. The size gives the vCPUs (`small` 1, `medium` 1, `large` 2, `xlarge` 4,
/// `<n>xlarge` 4n); the family gives GiB per vCPU (`lc<a>m<b>` or `c<a>m<b>` b/a, `c` 2,
/// `g` 4, `r` 8, else 4); the family is the part before a `-` (`ecs.t5-lc1m1` is of
/// `ecs.t5`). *Inferred* from the documented instance families.
pub fn shape(instance_type: &str) -> (i64, i64, String) {
    let mut parts = instance_type.split('.');
    let (_, family, size) = (
        parts.next(),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    let cpu: i64 = match size {
        "small" | "medium" => 1,
        "large" => 2,
        "xlarge" => 4,
        s => s
            .strip_suffix("xlarge")
            .and_then(|n| n.parse::<i64>().ok())
            .map_or(2, |n| n.clamp(1, 1024) * 4),
    };
    let ratio = family
        .split_once("-lc")
        .or_else(|| family.split_once("-c"))
        .filter(|(_, rest)| rest.contains('m'));
    let per_cpu_mib = match ratio {
        Some((_, rest)) => {
            let (c, m) = rest.split_once('m').unwrap_or(("1", "1"));
            let (c, m) = (c.parse::<i64>().unwrap_or(1), m.parse::<i64>().unwrap_or(1));
            1024 * m.max(1) / c.max(1)
        }
        None => match family.chars().next() {
            Some('c') => 2048,
            Some('r') => 8192,
            _ => 4096,
        },
    };
    let family = family.split('-').next().unwrap_or(family);
    (cpu, cpu * per_cpu_mib, format!("ecs.{family}"))
}

/// One catalogue entry as DescribeInstanceTypes shows it: every field of the SDK model.
fn view(id: &str) -> (Value, i64, f64, &'static Family) {
    let (cpu, memory_mib, family) = shape(id);
    let f = FAMILIES
        .iter()
        .find(|f| f.name == family)
        .unwrap_or(&FAMILIES[0]);
    let memory = memory_mib as f64 / 1024.0;
    let burst = f.level == "CreditEntryLevel";
    let eni = (cpu / 2 + 1).clamp(2, 8);
    let queues = cpu.clamp(1, 8);
    let bandwidth = 1_024_000 * cpu.clamp(1, 32) / 2;
    let (gpu_spec, gpu_amount, gpu_memory) = f.gpu;
    let v = object! {
        "Attributes" => object! { "Attribute" => Vec::<Value>::new() },
        "BaselineCredit" => if burst { 10 * cpu } else { 0 },
        "Clock" => object! { "PtpSupport" => "unsupported" },
        "CpuArchitecture" => "X86",
        "CpuCoreCount" => cpu,
        "CpuOptions" => object! {
            "Core" => (cpu / 2).max(1),
            "CoreFactor" => 2,
            "HyperThreadingAdjustable" => !burst,
            "NestedVirtualizationSupport" => "unsupported",
            "SupportedTopologyTypes" => object! { "SupportedTopologyType" => vec!["ContinuousCoreToHTMapping"] },
            "ThreadsPerCore" => if cpu > 1 { 2 } else { 1 },
        },
        "CpuSpeedFrequency" => f.base_ghz,
        "CpuTurboFrequency" => f.turbo_ghz,
        "DiskQuantity" => 17,
        "EnhancedNetwork" => object! {
            "ExpressSupport" => false,
            "RssSupport" => !burst,
            "SriovSupport" => false,
            "VfQueueNumberPerEni" => 0,
        },
        "EniIpv6AddressQuantity" => if burst { 1 } else { 6 },
        "EniPrivateIpAddressQuantity" => if burst { 2 } else { 6 },
        "EniQuantity" => eni,
        "EniTotalQuantity" => eni,
        "EniTrunkSupported" => !burst,
        "EriQuantity" => 0,
        "GPUAmount" => gpu_amount,
        "GPUMemorySize" => gpu_memory,
        "GPUSpec" => gpu_spec,
        "InitialCredit" => if burst { 30 * cpu } else { 0 },
        "InstanceBandwidthRx" => bandwidth,
        "InstanceBandwidthTx" => bandwidth,
        "InstanceCategory" => f.category,
        "InstanceFamilyLevel" => f.level,
        "InstancePpsRx" => 150_000 * cpu.clamp(1, 32),
        "InstancePpsTx" => 150_000 * cpu.clamp(1, 32),
        "InstanceTypeFamily" => family.as_str(),
        "InstanceTypeId" => id,
        "JumboFrameSupport" => false,
        "LocalStorageAmount" => 0,
        "LocalStorageCapacity" => 0,
        "LocalStorageCategory" => "",
        "MaximumQueueNumberPerEni" => queues,
        "MemorySize" => memory,
        "NetworkCardQuantity" => 1,
        "NetworkCards" => object! { "NetworkCardInfo" => vec![object! { "NetworkCardIndex" => 0 }] },
        "NetworkEncryptionSupport" => false,
        "NetworkInfo" => object! {
            "BandwidthWeighting" => object! {
                "WeightingInfos" => object! { "WeightingInfo" => Vec::<Value>::new() },
            },
        },
        "NvmeSupport" => "unsupported",
        "PhysicalProcessorModel" => f.processor,
        "PrimaryEniQueueNumber" => queues,
        "QueuePairNumber" => 0,
        "SecondaryEniQueueNumber" => queues.min(2),
        "SecurityOptions" => object! { "SecureBootSupport" => "unsupported" },
        "SupportedBootModes" => object! { "SupportedBootMode" => vec!["BIOS", "UEFI"] },
        "TotalEniQueueQuantity" => queues * eni,
    };
    (v, cpu, memory, f)
}

/// An optional number filter.
fn number(ctx: &Ctx, name: &str) -> Result<Option<f64>, ApiError> {
    match ctx.params.opt(name) {
        None => Ok(None),
        Some(v) => v
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite() && *n >= 0.0)
            .map(Some)
            .ok_or_else(|| ApiError::InvalidParameter(name.to_string())),
    }
}

/// DescribeInstanceTypes: the catalogue, filtered by `InstanceTypes.N` (up to 10),
/// `InstanceTypeFamily`, `InstanceTypeFamilies.N`, `InstanceCategory`,
/// `InstanceFamilyLevel`, `CpuArchitecture`, `NvmeSupport` and the `Minimum*`/`Maximum*`
/// vCPU, memory and GPU bounds; paged by `MaxResults` (up to 1600, the default) and
/// `NextToken`.
pub fn describe_instance_types(ctx: &Ctx) -> Result<Reply, ApiError> {
    ctx.region()?;
    let p = ctx.params;
    let types = p.list("InstanceTypes")?;
    if types.len() > 10 {
        return Err(ApiError::InvalidParameter("InstanceTypes".into()));
    }
    let mut families = p.list("InstanceTypeFamilies")?;
    families.extend(p.opt("InstanceTypeFamily"));
    let category = p.opt("InstanceCategory");
    let level = p.opt("InstanceFamilyLevel");
    let arch = p.opt("CpuArchitecture");
    let nvme = p.opt("NvmeSupport");
    let (min_cpu, max_cpu) = (
        number(ctx, "MinimumCpuCoreCount")?,
        number(ctx, "MaximumCpuCoreCount")?,
    );
    let (min_mem, max_mem) = (
        number(ctx, "MinimumMemorySize")?,
        number(ctx, "MaximumMemorySize")?,
    );
    let (min_gpu, max_gpu) = (
        number(ctx, "MinimumGPUAmount")?,
        number(ctx, "MaximumGPUAmount")?,
    );
    let max = p.int("MaxResults", 1, 1600)?.unwrap_or(1600) as usize;
    let start = match p.opt("NextToken") {
        None => 0,
        Some(t) => t
            .parse::<usize>()
            .map_err(|_| ApiError::InvalidParameter("NextToken".into()))?,
    };
    let within = |v: f64, lo: Option<f64>, hi: Option<f64>| {
        lo.is_none_or(|l| v >= l) && hi.is_none_or(|h| v <= h)
    };
    let found: Vec<Value> = INSTANCE_TYPES
        .iter()
        .filter(|t| types.is_empty() || types.contains(t))
        .map(|t| view(t))
        .filter(|(v, cpu, memory, f)| {
            (families.is_empty() || families.contains(&f.name))
                && category.is_none_or(|c| c == f.category)
                && level.is_none_or(|l| l == f.level)
                && arch.is_none_or(|a| a == "X86")
                && nvme.is_none_or(|n| n == v["NvmeSupport"])
                && within(*cpu as f64, min_cpu, max_cpu)
                && within(*memory, min_mem, max_mem)
                && within(f.gpu.1 as f64, min_gpu, max_gpu)
        })
        .map(|(v, ..)| v)
        .collect();
    let (items, next) = token_page(found, start, max);
    Ok(object! {
        "InstanceTypes" => object! { "InstanceType" => items },
        "NextToken" => next.map(|n| n.to_string()).unwrap_or_default(),
    }
    .into())
}

/// DescribeImageSupportInstanceTypes: the catalogue types an image the caller sees can run
/// on: those of its architecture (the catalogue is all x86, so an arm64 image has none).
/// `ImageId` (or a `Filter.N` with key `imageId`); an image the caller cannot see, or a bad
/// `ActionType`, is `InvalidParamter` (sic; the documented code, *inferred* use).
pub fn describe_image_support_instance_types(ctx: &Ctx) -> Result<Reply, ApiError> {
    let region = ctx.required_region()?;
    let p = ctx.params;
    match p.opt("ActionType") {
        None | Some("CreateEcs" | "ChangeOS") => {}
        Some(_) => return Err(ApiError::InvalidParamterSupport),
    }
    let from_filter = p.object_list("Filter")?.into_iter().find_map(|f| {
        matches!(f.get("Key"), Some("imageId" | "filter"))
            .then(|| f.get("Value").map(str::to_string))
            .flatten()
    });
    let id = p
        .string("ImageId")
        .or(from_filter)
        .ok_or_else(|| ApiError::MissingParameter("ImageId".into()))?;
    let world = ctx.world();
    let (img, _) = world
        .visible_image(region, &ctx.caller.account_id, &id, ctx.now)
        .ok_or(ApiError::InvalidParamterSupport)?;
    let x86 = matches!(img.architecture.as_str(), "x86_64" | "i386");
    let types: Vec<Value> = INSTANCE_TYPES
        .iter()
        .filter(|_| x86)
        .map(|t| {
            let (cpu, memory, family) = shape(t);
            object! {
                "CpuCoreCount" => cpu,
                "InstanceTypeFamily" => family,
                "InstanceTypeId" => *t,
                "MemorySize" => memory as f64 / 1024.0,
            }
        })
        .collect();
    Ok(object! {
        "ImageId" => id,
        "InstanceTypes" => object! { "InstanceType" => types },
        "RegionId" => region,
    }
    .into())
}

#[cfg(test)]
mod tests {
    use super::shape;

    #[test]
    fn shapes_follow_size_and_family() {
        assert_eq!(shape("ecs.t5-lc1m1.small"), (1, 1024, "ecs.t5".into()));
        assert_eq!(shape("ecs.t5-c1m2.large"), (2, 4096, "ecs.t5".into()));
        assert_eq!(shape("ecs.c7.xlarge"), (4, 8192, "ecs.c7".into()));
        assert_eq!(shape("ecs.g7.large"), (2, 8192, "ecs.g7".into()));
        assert_eq!(shape("ecs.r7.2xlarge"), (8, 65536, "ecs.r7".into()));
        assert_eq!(shape("ecs.gn6i-c4g1.xlarge"), (4, 16384, "ecs.gn6i".into()));
    }
}
