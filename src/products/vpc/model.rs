//! VPCs and vSwitches: the data and the pure checks (CIDR blocks, names).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::time::Millis;

/// VPCs an account may hold in one region (the documented default quota).
pub const MAX_VPCS_PER_REGION: usize = 10;
/// vSwitches one VPC may hold (documented).
pub const MAX_VSWITCHES_PER_VPC: usize = 150;
/// The CIDR block of a VPC created without one.
pub const DEFAULT_VPC_CIDR: &str = "172.16.0.0/12";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Vpc {
    pub id: String,
    pub owner: String,
    pub region: String,
    pub name: String,
    pub description: String,
    pub cidr: String,
    pub vrouter: String,
    pub route_table: String,
    pub created: Millis,
    /// `Pending` until then, `Available` after.
    pub ready_at: Millis,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VSwitch {
    pub id: String,
    pub owner: String,
    pub region: String,
    pub vpc: String,
    pub zone: String,
    pub name: String,
    pub description: String,
    pub cidr: String,
    pub created: Millis,
    pub ready_at: Millis,
}

/// `Pending` before `ready_at`, `Available` from then on.
pub fn status(ready_at: Millis, now: Millis) -> &'static str {
    if now < ready_at {
        "Pending"
    } else {
        "Available"
    }
}

/// EIPs an account may hold in one region (a default quota, *inferred*: the documented
/// default varies by account).
pub const MAX_EIPS_PER_REGION: usize = 20;

/// An elastic IP address.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Eip {
    pub id: String,
    pub owner: String,
    pub region: String,
    pub ip: String,
    pub bandwidth: u32,
    pub charge_type: String,
    pub created: Millis,
    /// The ECS instance it is bound to (or being bound to, or unbound from).
    pub instance: Option<String>,
    /// `Associating` or `Unassociating` until this time, then `InUse` or `Available`.
    pub transit_until: Option<Millis>,
}

impl Eip {
    pub fn status(&self, now: Millis) -> &'static str {
        let moving = self.transit_until.is_some_and(|t| now < t);
        match (self.instance.is_some(), moving) {
            (true, true) => "Associating",
            (true, false) => "InUse",
            (false, true) => "Unassociating",
            (false, false) => "Available",
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Networks {
    pub vpcs: BTreeMap<String, Vpc>,
    pub vswitches: BTreeMap<String, VSwitch>,
    #[serde(default)]
    pub eips: BTreeMap<String, Eip>,
}

/// An IPv4 CIDR block: its network address and mask length, if `s` is one whose host
/// bits are zero.
pub fn parse_cidr(s: &str) -> Option<(u32, u8)> {
    let (addr, len) = s.split_once('/')?;
    let len: u8 = len.parse().ok().filter(|l| *l <= 32)?;
    let octets: Vec<u8> = addr
        .split('.')
        .map(|o| o.parse::<u8>().ok())
        .collect::<Option<_>>()?;
    let [a, b, c, d] = octets[..] else {
        return None;
    };
    if len.to_string() != s.split_once('/')?.1 {
        return None;
    }
    let ip = u32::from_be_bytes([a, b, c, d]);
    let mask = if len == 0 { 0 } else { u32::MAX << (32 - len) };
    (ip & !mask == 0).then_some((ip, len))
}

/// Whether block `inner` lies within block `outer`.
pub fn cidr_within(inner: (u32, u8), outer: (u32, u8)) -> bool {
    let mask = if outer.1 == 0 {
        0
    } else {
        u32::MAX << (32 - outer.1)
    };
    inner.1 >= outer.1 && inner.0 & mask == outer.0
}

/// Whether two blocks share an address.
pub fn cidr_overlap(a: (u32, u8), b: (u32, u8)) -> bool {
    cidr_within(a, b) || cidr_within(b, a)
}

/// VPC and vSwitch names: 1-128 characters, not starting with `http://` or `https://`.
pub fn valid_name(s: &str) -> bool {
    (1..=128).contains(&s.chars().count())
        && !s.starts_with("http://")
        && !s.starts_with("https://")
}

/// Descriptions: 1-256 characters, not starting with `http://` or `https://`.
pub fn valid_description(s: &str) -> bool {
    (1..=256).contains(&s.chars().count())
        && !s.starts_with("http://")
        && !s.starts_with("https://")
}

/// A public address in 47.96.0.0/11 (a range Alibaba Cloud announces), from the seeded
/// generator: for EIPs and AllocatePublicIpAddress.
pub fn public_address(ids: &crate::world::Ids) -> String {
    let n: u32 = ids.digits(9).parse().unwrap_or(0);
    format!(
        "47.{}.{}.{}",
        96 + (n >> 16) % 32,
        (n >> 8) & 0xff,
        (n & 0xff).max(1)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cidr_blocks_parse_only_when_exact() {
        assert_eq!(parse_cidr("172.16.0.0/12"), Some((0xAC10_0000, 12)));
        assert_eq!(parse_cidr("10.0.0.0/8"), Some((0x0A00_0000, 8)));
        for bad in [
            "172.16.0.1/12",
            "172.16.0.0",
            "1.2.3/8",
            "1.2.3.4.5/8",
            "10.0.0.0/33",
            "10.0.0.0/08",
            "x/8",
            "256.0.0.0/8",
        ] {
            assert_eq!(parse_cidr(bad), None, "{bad}");
        }
    }

    #[test]
    fn containment_and_overlap() {
        let vpc = parse_cidr("172.16.0.0/12").unwrap();
        let a = parse_cidr("172.16.0.0/24").unwrap();
        let b = parse_cidr("172.16.1.0/24").unwrap();
        let wide = parse_cidr("172.16.0.0/16").unwrap();
        assert!(cidr_within(a, vpc) && cidr_within(b, vpc));
        assert!(!cidr_within(parse_cidr("10.0.0.0/24").unwrap(), vpc));
        assert!(!cidr_within(vpc, a));
        assert!(!cidr_overlap(a, b));
        assert!(cidr_overlap(a, wide) && cidr_overlap(wide, b));
    }

    #[test]
    fn names_and_descriptions() {
        assert!(valid_name("packer-vpc") && valid_name(&"n".repeat(128)));
        assert!(!valid_name("") && !valid_name(&"n".repeat(129)) && !valid_name("http://x"));
        assert!(valid_description(&"d".repeat(256)) && !valid_description(&"d".repeat(257)));
        assert!(!valid_description("https://x"));
    }
}
