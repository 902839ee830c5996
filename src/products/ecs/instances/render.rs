//! Instances as DescribeInstances, DescribeInstanceAttribute and DescribeInstanceStatus show
//! them: every field of the SDK response models (`alibabacloud_ecs20140526`), with their
//! types (docs/sources.md#ecs-instances). Fields the mock has no model for are given the
//! values of a plain pay-as-you-go VPC instance.

use serde_json::Value;

use super::{Instance, InstanceStatus};
use crate::products::ecs::instance_types::shape;
use crate::products::vpc::Eip;
use crate::time::{format_minutes, Millis};

fn ip_list(ips: &[&str]) -> Value {
    object! { "IpAddress" => ips.iter().map(|s| Value::from(*s)).collect::<Vec<_>>() }
}

/// The VPC of an instance in a vSwitch.
fn vpc_attributes(i: &Instance) -> Value {
    let vpc = i.vswitch.is_some();
    let ips: Vec<&str> = if vpc {
        vec![i.private_ip.as_str()]
    } else {
        vec![]
    };
    object! {
        "NatIpAddress" => "",
        "PrivateIpAddress" => ip_list(&ips),
        "VSwitchId" => i.vswitch.as_deref().unwrap_or(""),
        "VpcId" => i.vpc.as_deref().unwrap_or(""),
    }
}

fn eip_address(eip: Option<&Eip>) -> Value {
    object! {
        "AllocationId" => eip.map_or("", |e| e.id.as_str()),
        "Bandwidth" => eip.map_or(0, |e| e.bandwidth),
        "InternetChargeType" => eip.map_or("", |e| e.charge_type.as_str()),
        "IpAddress" => eip.map_or("", |e| e.ip.as_str()),
        "IsSupportUnassociate" => eip.is_some(),
    }
}

fn operation_locks() -> Value {
    object! { "LockReason" => Vec::<Value>::new() }
}

/// One `Instances.Instance[]` of DescribeInstances.
pub fn instance(i: &Instance, eip: Option<&Eip>, now: Millis) -> Value {
    let (cpu, memory, family) = shape(&i.instance_type);
    let vpc = i.vswitch.is_some();
    let inner: Vec<&str> = if vpc {
        vec![]
    } else {
        vec![i.private_ip.as_str()]
    };
    object! {
        "AdditionalInfo" => object! {
            "EnableHighDensityMode" => false,
            "ManagedHostId" => "",
            "NodeSerialNumber" => "",
        },
        "AutoReleaseTime" => "",
        "ClockOptions" => object! { "PtpStatus" => "" },
        "ClusterId" => "",
        "Cpu" => cpu,
        "CpuOptions" => object! {
            "CoreCount" => (cpu / 2).max(1),
            "EnableVISST" => false,
            "EnableVRDT" => false,
            "NestedVirtualization" => "",
            "Numa" => "",
            "ThreadsPerCore" => if cpu > 1 { 2 } else { 1 },
            "TopologyType" => "",
            "TurboMode" => "",
        },
        "CreationTime" => format_minutes(i.created),
        "CreditSpecification" => "",
        "DedicatedHostAttribute" => object! {
            "DedicatedHostClusterId" => "",
            "DedicatedHostId" => "",
            "DedicatedHostName" => "",
        },
        "DedicatedInstanceAttribute" => object! { "Affinity" => "", "Tenancy" => "" },
        "DeletionProtection" => false,
        "DeploymentSetGroupNo" => 0,
        "DeploymentSetId" => "",
        "Description" => "",
        "DeviceAvailable" => true,
        "EcsCapacityReservationAttr" => object! {
            "CapacityReservationId" => "",
            "CapacityReservationPreference" => "",
        },
        "EipAddress" => eip_address(eip),
        "EnableNVS" => false,
        "ExpiredTime" => "2099-12-31T15:59Z",
        "GPUAmount" => 0,
        "GPUSpec" => "",
        "HibernationOptions" => object! { "Configured" => false },
        "HostName" => format!("iZ{}Z", &i.id[2..]),
        "HpcClusterId" => "",
        "ISP" => "",
        "ImageId" => i.image_id.as_str(),
        "ImageOptions" => object! { "CurrentOSNVMeSupported" => false, "LoginAsNonRoot" => false },
        "InnerIpAddress" => ip_list(&inner),
        "InstanceChargeType" => "PostPaid",
        "InstanceId" => i.id.as_str(),
        "InstanceName" => i.name.as_str(),
        "InstanceNetworkType" => if vpc { "vpc" } else { "classic" },
        "InstanceType" => i.instance_type.as_str(),
        "InstanceTypeFamily" => family,
        "InternetChargeType" => "PayByTraffic",
        "InternetMaxBandwidthIn" => 100,
        "InternetMaxBandwidthOut" => i.bandwidth_out,
        "IoOptimized" => true,
        "KeyPairName" => i.key_pair.as_deref().unwrap_or(""),
        "LocalStorageAmount" => 0,
        "LocalStorageCapacity" => 0,
        "Memory" => memory,
        "MetadataOptions" => object! {
            "HttpEndpoint" => "enabled",
            "HttpPutResponseHopLimit" => 1,
            "HttpTokens" => "optional",
            "InstanceMetadataTags" => "disabled",
        },
        "NetworkInterfaces" => object! { "NetworkInterface" => Vec::<Value>::new() },
        "OSName" => "",
        "OSNameEn" => "",
        "OSType" => "linux",
        "OperationLocks" => operation_locks(),
        "PrivateDnsNameOptions" => object! {
            "EnableInstanceIdDnsAAAARecord" => false,
            "EnableInstanceIdDnsARecord" => false,
            "EnableIpDnsARecord" => false,
            "EnableIpDnsPtrRecord" => false,
            "HostnameType" => "",
        },
        "PublicIpAddress" => ip_list(i.public_ip.as_deref().as_slice()),
        "RdmaIpAddress" => ip_list(&[]),
        "Recyclable" => false,
        "RegionId" => i.region.as_str(),
        "ResourceGroupId" => i.resource_group.as_str(),
        "SaleCycle" => "",
        "SecurityGroupIds" => object! { "SecurityGroupId" => i.security_groups.clone() },
        "SecurityOptions" => object! { "EnableSecureBoot" => false },
        "SerialNumber" => serial(&i.id),
        "SpotDuration" => 0,
        "SpotInterruptionBehavior" => "Terminate",
        "SpotPriceLimit" => 0.0,
        "SpotStrategy" => "NoSpot",
        "StartTime" => i.started.map(format_minutes).unwrap_or_default(),
        "Status" => i.status_at(now).as_str(),
        "StoppedMode" => stopped_mode(i.status_at(now)),
        "Tags" => object! { "Tag" => i.tags.iter().map(|(k, v)| object! { "TagKey" => k.as_str(), "TagValue" => v.as_str() }).collect::<Vec<_>>() },
        "VlanId" => "",
        "VpcAttributes" => vpc_attributes(i),
        "ZoneId" => i.zone.as_str(),
    }
}

/// DescribeInstanceAttribute's answer (its own, shorter field list).
pub fn attribute(i: &Instance, eip: Option<&Eip>, now: Millis) -> Value {
    let (cpu, memory, _) = shape(&i.instance_type);
    let vpc = i.vswitch.is_some();
    let inner: Vec<&str> = if vpc {
        vec![]
    } else {
        vec![i.private_ip.as_str()]
    };
    let status = i.status_at(now);
    object! {
        "ClusterId" => "",
        "Cpu" => cpu,
        "CreationTime" => format_minutes(i.created),
        "CreditSpecification" => "",
        "DedicatedHostAttribute" => object! { "DedicatedHostId" => "", "DedicatedHostName" => "" },
        "Description" => "",
        "EipAddress" => object! {
            "AllocationId" => eip.map_or("", |e| e.id.as_str()),
            "Bandwidth" => eip.map_or(0, |e| e.bandwidth),
            "InternetChargeType" => eip.map_or("", |e| e.charge_type.as_str()),
            "IpAddress" => eip.map_or("", |e| e.ip.as_str()),
        },
        "EnableJumboFrame" => false,
        "EnableNetworkEncryption" => false,
        "ExpiredTime" => "2099-12-31T15:59Z",
        "HostName" => format!("iZ{}Z", &i.id[2..]),
        "ImageId" => i.image_id.as_str(),
        "InnerIpAddress" => ip_list(&inner),
        "InstanceChargeType" => "PostPaid",
        "InstanceId" => i.id.as_str(),
        "InstanceName" => i.name.as_str(),
        "InstanceNetworkType" => if vpc { "vpc" } else { "classic" },
        "InstanceType" => i.instance_type.as_str(),
        "InternetChargeType" => "PayByTraffic",
        "InternetMaxBandwidthIn" => 100,
        "InternetMaxBandwidthOut" => i.bandwidth_out,
        "IoOptimized" => "optimized",
        "Memory" => memory,
        "NetworkOptions" => object! {
            "BandwidthWeighting" => "",
            "EnableJumboFrame" => false,
            "EnableNetworkEncryption" => false,
        },
        "OperationLocks" => operation_locks(),
        "PublicIpAddress" => ip_list(i.public_ip.as_deref().as_slice()),
        "RegionId" => i.region.as_str(),
        "SecurityGroupIds" => object! { "SecurityGroupId" => i.security_groups.clone() },
        "SecurityOptions" => object! { "EnableSecureBoot" => false },
        "SerialNumber" => serial(&i.id),
        "Status" => status.as_str(),
        "StoppedMode" => stopped_mode(status),
        "VlanId" => "",
        "VpcAttributes" => vpc_attributes(i),
        "ZoneId" => i.zone.as_str(),
    }
}

/// A stopped pay-as-you-go instance keeps being charged unless stopped in economical mode;
/// the mock's instances stop in the default mode.
fn stopped_mode(status: InstanceStatus) -> &'static str {
    if status == InstanceStatus::Stopped {
        "KeepCharging"
    } else {
        ""
    }
}

/// A UUID-shaped serial number derived from the instance ID.
fn serial(id: &str) -> String {
    let hex: String = id
        .bytes()
        .map(|b| format!("{:02x}", b))
        .collect::<String>()
        .chars()
        .chain(std::iter::repeat('0'))
        .take(32)
        .collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}
