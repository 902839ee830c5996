//! Launching, starting, stopping, rebooting and deleting instances on the mock clock; paid
//! images billed to the launcher.

use super::{Charge, Instance, InstanceStatus};
use crate::error::ApiError;
use crate::products::ecs::disks::DiskRequest;
use crate::products::ecs::zones;
use crate::scenario::{ImageStatus, InstanceSpec, SpecInstanceStatus};
use crate::time::Millis;
use crate::world::{Ids, World};

/// Instances an account may hold in one region (a mock limit; the real quotas depend on
/// instance type and vCPUs).
pub const MAX_INSTANCES_PER_REGION: usize = 1000;

/// `ecs.<family>.<size>`: lower-case letters, digits and `-`, at most 64 characters.
fn valid_instance_type(t: &str) -> bool {
    let part = |p: &str| {
        !p.is_empty()
            && p.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    let mut parts = t.split('.');
    t.len() <= 64
        && parts.next() == Some("ecs")
        && parts.next().is_some_and(part)
        && parts.next().is_some_and(part)
        && parts.next().is_none()
}

/// What StartInstance, StopInstance and RebootInstance do.
#[derive(Debug, Clone, Copy)]
pub enum Power {
    Start,
    Stop,
    Reboot,
}

/// What RunInstances and CreateInstance were asked for.
pub struct Launch<'a> {
    pub region: &'a str,
    pub image_id: &'a str,
    pub instance_type: &'a str,
    pub amount: usize,
    pub name: Option<&'a str>,
    pub zone: Option<&'a str>,
    pub key_pair: Option<&'a str>,
    pub security_group: Option<&'a str>,
    pub vswitch: Option<&'a str>,
    /// `InternetMaxBandwidthOut` (Mbit/s): above 0, a classic instance may be given a
    /// public address.
    pub bandwidth_out: u32,
    /// A checked group (`World::resource_group`).
    pub resource_group: String,
    pub system_disk: DiskRequest,
    pub data_disks: Vec<DiskRequest>,
    /// RunInstances starts what it creates (`Pending` -> `Starting` -> `Running`);
    /// CreateInstance leaves it `Stopped` (`Pending` -> `Stopped`).
    pub start: bool,
    pub dry_run: bool,
}

/// InstanceName: 2-128 characters, starting with a letter (Chinese included), then letters,
/// digits, `.`, `_`, `:`, `-`.
fn valid_instance_name(n: &str) -> bool {
    n.chars().next().is_some_and(char::is_alphabetic)
        && (2..=128).contains(&n.chars().count())
        && n.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | ':' | '-'))
}

impl World {
    /// RunInstances/CreateInstance: the image must be one the caller sees (own, shared,
    /// public) and not disabled; a paid image is billed to the launching account, never its
    /// owner (docs/sources.md#ecs-image-sharing-rules).
    pub fn run_instances(
        &mut self,
        caller: &str,
        l: &Launch,
        now: Millis,
        ids: &Ids,
    ) -> Result<Vec<String>, ApiError> {
        let (img, _) = self
            .visible_image(l.region, caller, l.image_id, now)
            .ok_or(ApiError::InvalidImageIdNotFound)?;
        if !matches!(
            img.status_at(now),
            ImageStatus::Available | ImageStatus::Deprecated
        ) {
            return Err(ApiError::OperationDeniedImageNotValid);
        }
        if !valid_instance_type(l.instance_type) {
            return Err(ApiError::InvalidInstanceTypeValueNotSupported);
        }
        if l.name.is_some_and(|n| !valid_instance_name(n)) {
            return Err(ApiError::InvalidInstanceNameMalformed);
        }
        if let Some(name) = l.key_pair {
            if self.key_pairs.get(caller, l.region, name).is_none() {
                return Err(if l.start {
                    ApiError::InvalidKeyPairNameNotFoundRun
                } else {
                    ApiError::InvalidKeyPairNameNotFound
                });
            }
        }
        // A VPC launch: the vSwitch must be the caller's, in the region, Available; it
        // gives the zone and the address range.
        let network = match l.vswitch {
            None => None,
            Some(id) => {
                let vsw = self.own_vswitch(caller, l.region, id)?;
                if now < vsw.ready_at {
                    return Err(ApiError::IncorrectVSwitchStatus);
                }
                Some((
                    vsw.id.clone(),
                    vsw.vpc.clone(),
                    vsw.zone.clone(),
                    vsw.cidr.clone(),
                ))
            }
        };
        if let Some(z) = l.zone {
            let in_vswitch = network.as_ref().is_none_or(|n| n.2 == z);
            if !zones::is_zone(l.region, z) {
                return Err(ApiError::InvalidZoneIdNotFoundLaunch);
            }
            if !in_vswitch {
                return Err(ApiError::InvalidParameterMismatchZone);
            }
        }
        if let Some(g) = l.security_group {
            let group = self.own_security_group(caller, l.region, g)?;
            // A group and a vSwitch of different VPCs, or a VPC group for a classic launch.
            let vpc = network.as_ref().map(|n| n.1.as_str());
            if group.vpc.as_deref() != vpc {
                return Err(ApiError::InvalidParameterMismatchSecurityGroupVpc);
            }
        }
        self.check_launch_disks(caller, l.region, img.size, &l.system_disk, &l.data_disks)?;
        // Without DataDisk.N, the image's data disk snapshots give the data disks.
        let data_disks: Vec<DiskRequest> = if l.data_disks.is_empty() {
            img.snapshot_ids()
                .into_iter()
                .skip(1)
                .map(|s| DiskRequest {
                    snapshot: Some(s),
                    ..DiskRequest::default()
                })
                .collect()
        } else {
            l.data_disks.clone()
        };
        let image_size = img.size;
        let running = self
            .instances
            .iter()
            .filter(|i| i.owner == caller && i.region == l.region)
            .count();
        if running.saturating_add(l.amount) > MAX_INSTANCES_PER_REGION {
            return Err(ApiError::QuotaExceedElasticQuota);
        }
        if l.dry_run {
            return Err(ApiError::DryRunOperation);
        }
        let (fee, owner) = (img.image_fee, img.owner.clone());
        let create = self.delays.instance_create as Millis * 1000;
        let start = self.delays.instance_start as Millis * 1000;
        let mut out = Vec::with_capacity(l.amount);
        for _ in 0..l.amount {
            let id = ids.resource_id("i-", 20);
            let mut instance = Instance {
                id: id.clone(),
                owner: caller.to_string(),
                region: l.region.to_string(),
                image_id: l.image_id.to_string(),
                instance_type: l.instance_type.to_string(),
                created: now,
                status: InstanceStatus::Stopped,
                phases: vec![],
                name: l.name.map_or_else(|| id.clone(), str::to_string),
                zone: match (l.zone, &network) {
                    (Some(z), _) => z.to_string(),
                    (None, Some((_, _, z, _))) => z.clone(),
                    (None, None) => first_zone(l.region),
                },
                key_pair: l.key_pair.map(str::to_string),
                security_groups: l.security_group.map(str::to_string).into_iter().collect(),
                vswitch: network.as_ref().map(|n| n.0.clone()),
                vpc: network.as_ref().map(|n| n.1.clone()),
                tags: Default::default(),
                private_ip: match &network {
                    Some((_, _, _, cidr)) => address_in(cidr, ids),
                    None => private_ip(ids),
                },
                started: None,
                bandwidth_out: l.bandwidth_out,
                public_ip: None,
                resource_group: l.resource_group.clone(),
            };
            if l.start {
                instance.transition(
                    now,
                    &[
                        (InstanceStatus::Pending, create),
                        (InstanceStatus::Starting, start),
                    ],
                    InstanceStatus::Running,
                );
                instance.started = Some(now + create);
            } else {
                instance.transition(
                    now,
                    &[(InstanceStatus::Pending, create)],
                    InstanceStatus::Stopped,
                );
            }
            self.add_launch_disks(&instance, image_size, &l.system_disk, &data_disks, now, ids);
            self.instances.insert(instance);
            if fee > 0.0 {
                self.charges.push(Charge {
                    account_id: caller.to_string(),
                    instance_id: id.clone(),
                    image_id: l.image_id.to_string(),
                    image_owner_id: owner.clone(),
                    fee,
                    time: now,
                });
            }
            out.push(id);
        }
        Ok(out)
    }

    /// A scenario instance, settled in its status, in zone `<region>-a`.
    pub(crate) fn load_instance(&mut self, spec: &InstanceSpec, now: Millis, ids: &Ids) {
        let id = spec.id.clone().unwrap_or_else(|| ids.resource_id("i-", 20));
        let running = spec.status == SpecInstanceStatus::Running;
        let instance = Instance {
            owner: self.account_id(&spec.owner),
            region: spec.region.clone(),
            image_id: spec.image.clone(),
            instance_type: spec
                .instance_type
                .clone()
                .unwrap_or_else(|| "ecs.g7.large".into()),
            created: now,
            status: if running {
                InstanceStatus::Running
            } else {
                InstanceStatus::Stopped
            },
            phases: vec![],
            name: spec.name.clone().unwrap_or_else(|| id.clone()),
            zone: first_zone(&spec.region),
            key_pair: None,
            security_groups: vec![],
            vswitch: None,
            vpc: None,
            private_ip: private_ip(ids),
            started: running.then_some(now),
            tags: Default::default(),
            bandwidth_out: 0,
            public_ip: None,
            resource_group: String::new(),
            id,
        };
        let size = self.images.custom(&spec.image).map_or(40, |i| i.size);
        self.add_launch_disks(&instance, size, &DiskRequest::default(), &[], now, ids);
        self.instances.insert(instance);
    }

    /// The caller's instance (in `region`, if the call names one), for a change.
    fn own_instance(
        &mut self,
        caller: &str,
        region: Option<&str>,
        id: &str,
    ) -> Result<&mut Instance, ApiError> {
        self.instances
            .get_mut(id)
            .filter(|i| i.owner == caller && region.is_none_or(|r| r == i.region))
            .ok_or(ApiError::InvalidInstanceIdNotFound)
    }

    /// StartInstance (`Stopped` -> `Starting` -> `Running`), StopInstance (`Running` ->
    /// `Stopping` -> `Stopped`; a forced stop takes as long on the mock clock) and
    /// RebootInstance (`Running` -> `Starting` -> `Running`).
    pub fn power(
        &mut self,
        caller: &str,
        region: Option<&str>,
        id: &str,
        op: Power,
        dry_run: bool,
        now: Millis,
    ) -> Result<(), ApiError> {
        let (from, during, delay, to) = match op {
            Power::Start => (
                InstanceStatus::Stopped,
                InstanceStatus::Starting,
                self.delays.instance_start,
                InstanceStatus::Running,
            ),
            Power::Stop => (
                InstanceStatus::Running,
                InstanceStatus::Stopping,
                self.delays.instance_stop,
                InstanceStatus::Stopped,
            ),
            Power::Reboot => (
                InstanceStatus::Running,
                InstanceStatus::Starting,
                self.delays.instance_start,
                InstanceStatus::Running,
            ),
        };
        let i = self.own_instance(caller, region, id)?;
        if i.status_at(now) != from {
            return Err(ApiError::IncorrectInstanceStatus);
        }
        if dry_run {
            return Err(ApiError::DryRunOperation);
        }
        i.transition(now, &[(during, delay as Millis * 1000)], to);
        if to == InstanceStatus::Running {
            i.started = Some(now);
        }
        Ok(())
    }

    /// AllocatePublicIpAddress: a `Running` or `Stopped` instance of the caller with outbound
    /// bandwidth (`InternetMaxBandwidthOut` above 0), not yet given an address and without
    /// an EIP.
    pub fn allocate_public_ip(
        &mut self,
        caller: &str,
        id: &str,
        now: Millis,
        ids: &Ids,
    ) -> Result<String, ApiError> {
        let has_eip = self.eip_of(id).is_some();
        let i = self.own_instance(caller, None, id)?;
        if !matches!(
            i.status_at(now),
            InstanceStatus::Running | InstanceStatus::Stopped
        ) {
            return Err(ApiError::IncorrectInstanceStatus);
        }
        if i.public_ip.is_some() {
            return Err(ApiError::AllocatedAlready);
        }
        if has_eip {
            return Err(ApiError::OperationDeniedInVpc);
        }
        if i.bandwidth_out == 0 {
            return Err(ApiError::AllocateIpInvalidInstanceBandwidth);
        }
        let ip = crate::products::vpc::model::public_address(ids);
        i.public_ip = Some(ip.clone());
        Ok(ip)
    }

    /// DeleteInstance: a `Stopped` instance, or a `Running` one with `Force`; one still being
    /// created is `IncorrectInstanceStatus.Initializing`, one starting or stopping
    /// `IncorrectInstanceStatus`.
    pub fn delete_instance(
        &mut self,
        caller: &str,
        region: Option<&str>,
        id: &str,
        force: bool,
        dry_run: bool,
        now: Millis,
    ) -> Result<(), ApiError> {
        let i = self.own_instance(caller, region, id)?;
        match (i.status_at(now), force) {
            (InstanceStatus::Stopped, _) | (InstanceStatus::Running, true) => {}
            (InstanceStatus::Pending, _) => {
                return Err(ApiError::IncorrectInstanceStatusInitializing)
            }
            _ => return Err(ApiError::IncorrectInstanceStatus),
        }
        if dry_run {
            return Err(ApiError::DryRunOperation);
        }
        self.instances.remove(id);
        self.release_instance_disks(id);
        // An EIP bound to a released instance is freed (*inferred*).
        for e in self.networks.eips.values_mut() {
            if e.instance.as_deref() == Some(id) {
                e.instance = None;
                e.transit_until = None;
            }
        }
        Ok(())
    }
}

/// The region's first zone: where an instance goes when nothing names one.
fn first_zone(region: &str) -> String {
    zones::zones_of(region).swap_remove(0)
}

/// A host address of `cidr` (not its first or last three), from the seeded generator.
fn address_in(cidr: &str, ids: &Ids) -> String {
    let Some((net, len)) = crate::products::vpc::model::parse_cidr(cidr) else {
        return private_ip(ids);
    };
    let hosts = (1u64 << (32 - len)).saturating_sub(4).max(1);
    let n: u64 = ids.digits(9).parse().unwrap_or(0);
    let ip = net.wrapping_add(1 + (n % hosts) as u32);
    std::net::Ipv4Addr::from(ip).to_string()
}

/// A private address in 172.16.0.0/12, from the seeded generator.
fn private_ip(ids: &Ids) -> String {
    let n: u32 = ids.digits(7).parse().unwrap_or(0) % (1 << 20);
    format!(
        "172.{}.{}.{}",
        16 + (n >> 16),
        (n >> 8) & 0xff,
        (n & 0xff).max(1)
    )
}
