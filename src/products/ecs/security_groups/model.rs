//! Security groups and rules: the data and the pure checks.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::products::starts_with_any;
use crate::time::Millis;

/// Security groups an account may hold in one region (a documented default).
pub const MAX_PER_REGION: usize = 100;
/// Rules, in and out together, of one group (documented).
pub const MAX_RULES: usize = 200;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SecurityGroup {
    pub id: String,
    pub owner: String,
    pub region: String,
    pub vpc: Option<String>,
    pub name: String,
    pub description: String,
    pub created: Millis,
    pub rules: Vec<Rule>,
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
    /// Its resource group; empty = the account's default group.
    #[serde(default)]
    pub resource_group: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    pub id: String,
    /// `ingress` or `egress`.
    pub direction: String,
    /// Upper case: `TCP`, `UDP`, `ICMP`, `GRE`, `ALL`.
    pub protocol: String,
    pub port_range: String,
    /// The other side: a CIDR block or a group ID.
    pub cidr: String,
    pub group: String,
    pub nic_type: String,
    pub policy: String,
    pub priority: u8,
    pub description: String,
    pub created: Millis,
}

impl Rule {
    /// Two rules are the same rule when everything but their ID, time and description is.
    pub fn same_as(&self, other: &Rule) -> bool {
        (
            &self.direction,
            &self.protocol,
            &self.port_range,
            &self.cidr,
            &self.group,
            &self.nic_type,
            &self.policy,
            self.priority,
        ) == (
            &other.direction,
            &other.protocol,
            &other.port_range,
            &other.cidr,
            &other.group,
            &other.nic_type,
            &other.policy,
            other.priority,
        )
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SecurityGroups {
    pub by_id: BTreeMap<String, SecurityGroup>,
}

/// Names: 2-128 characters, starting with a letter, then letters, digits, `.`, `_`, `-`,
/// `:`; not starting with `http://` or `https://`.
pub fn valid_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(char::is_alphabetic)
        && (2..=128).contains(&s.chars().count())
        && !starts_with_any(s, &["http://", "https://"])
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | ':'))
}

/// Descriptions: 2-256 characters, not starting with `http://` or `https://`.
pub fn valid_description(s: &str) -> bool {
    (2..=256).contains(&s.chars().count()) && !starts_with_any(s, &["http://", "https://"])
}

/// The protocol in upper case, if it is one the API takes.
pub fn protocol(s: &str) -> Result<String, ApiError> {
    let p = s.to_ascii_uppercase();
    if matches!(p.as_str(), "TCP" | "UDP" | "ICMP" | "GRE" | "ALL") {
        Ok(p)
    } else {
        Err(ApiError::InvalidIpProtocolValueNotSupported)
    }
}

/// `PortRange` for `protocol`: `a/b` with 1 <= a <= b <= 65535 for TCP and UDP, `-1/-1`
/// for the others.
pub fn check_port_range(protocol: &str, range: &str) -> Result<(), ApiError> {
    let (a, b) = range
        .split_once('/')
        .and_then(|(a, b)| Some((a.parse::<i32>().ok()?, b.parse::<i32>().ok()?)))
        .ok_or(ApiError::InvalidIpProtocolMalformed)?;
    let ok = match protocol {
        "TCP" | "UDP" => (1..=65535).contains(&a) && (a..=65535).contains(&b),
        _ => (a, b) == (-1, -1),
    };
    if ok {
        Ok(())
    } else {
        Err(ApiError::OperationDeniedIpProtocolPortRange)
    }
}

/// An IPv4 address or CIDR block.
pub fn valid_cidr_or_ip(s: &str) -> bool {
    if s.contains('/') {
        crate::products::vpc::model::parse_cidr(s).is_some()
    } else {
        s.parse::<std::net::Ipv4Addr>().is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn port_ranges_follow_the_protocol() {
        assert_eq!(check_port_range("TCP", "22/22"), Ok(()));
        assert_eq!(check_port_range("UDP", "1/65535"), Ok(()));
        assert_eq!(check_port_range("ALL", "-1/-1"), Ok(()));
        for (p, r) in [
            ("TCP", "-1/-1"),
            ("TCP", "0/22"),
            ("TCP", "23/22"),
            ("TCP", "1/65536"),
            ("ICMP", "22/22"),
        ] {
            assert_eq!(
                check_port_range(p, r),
                Err(ApiError::OperationDeniedIpProtocolPortRange),
                "{p} {r}"
            );
        }
        for r in ["22", "a/b", ""] {
            assert_eq!(
                check_port_range("TCP", r),
                Err(ApiError::InvalidIpProtocolMalformed),
                "{r}"
            );
        }
    }

    #[test]
    fn names_addresses_and_protocols() {
        assert!(valid_name("sg-builder") && valid_name("packer:1"));
        assert!(
            !valid_name("1sg") && !valid_name("a") && !valid_name("http://x") && !valid_name("a b")
        );
        assert!(valid_cidr_or_ip("0.0.0.0/0") && valid_cidr_or_ip("10.1.2.3"));
        assert!(!valid_cidr_or_ip("10.1.2.3/8") && !valid_cidr_or_ip("x"));
        assert_eq!(protocol("tcp"), Ok("TCP".into()));
        assert_eq!(
            protocol("sctp"),
            Err(ApiError::InvalidIpProtocolValueNotSupported)
        );
    }
}
