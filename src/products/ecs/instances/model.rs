//! ECS instances: who owns them, where, which image they run, their status on the mock
//! clock, the key pair and network they were given; and the charges for launching paid
//! images.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use crate::time::Millis;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Instance {
    pub id: String,
    pub owner: String,
    pub region: String,
    pub image_id: String,
    pub instance_type: String,
    pub created: Millis,
    /// The status once every phase is over.
    #[serde(default = "running")]
    pub status: InstanceStatus,
    /// Transitional statuses still to pass, in order, each until its time.
    #[serde(default)]
    pub phases: Vec<Phase>,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub zone: String,
    #[serde(default)]
    pub key_pair: Option<String>,
    #[serde(default)]
    pub security_groups: Vec<String>,
    #[serde(default)]
    pub vswitch: Option<String>,
    /// The VPC of its vSwitch.
    #[serde(default)]
    pub vpc: Option<String>,
    /// Its private address, from the account's 172.16.0.0/12 range.
    #[serde(default)]
    pub private_ip: String,
    /// When it last began to start (the API's `StartTime`).
    #[serde(default)]
    pub started: Option<Millis>,
    #[serde(default)]
    pub tags: std::collections::BTreeMap<String, String>,
    /// `InternetMaxBandwidthOut` (Mbit/s).
    #[serde(default)]
    pub bandwidth_out: u32,
    /// The address AllocatePublicIpAddress gave it.
    #[serde(default)]
    pub public_ip: Option<String>,
    /// Its resource group; empty = the account's default group.
    #[serde(default)]
    pub resource_group: String,
}

fn running() -> InstanceStatus {
    InstanceStatus::Running
}

/// An instance's status, as the API names it (docs/sources.md#ecs-instances).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InstanceStatus {
    Pending,
    Starting,
    Running,
    Stopping,
    Stopped,
}

impl InstanceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            InstanceStatus::Pending => "Pending",
            InstanceStatus::Starting => "Starting",
            InstanceStatus::Running => "Running",
            InstanceStatus::Stopping => "Stopping",
            InstanceStatus::Stopped => "Stopped",
        }
    }

    pub fn parse(s: &str) -> Option<InstanceStatus> {
        [
            InstanceStatus::Pending,
            InstanceStatus::Starting,
            InstanceStatus::Running,
            InstanceStatus::Stopping,
            InstanceStatus::Stopped,
        ]
        .into_iter()
        .find(|st| st.as_str() == s)
    }
}

/// A transitional status, held until `until` on the mock clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phase {
    pub status: InstanceStatus,
    pub until: Millis,
}

impl Instance {
    /// The status at `now`: the first phase not yet over, else the settled status.
    pub fn status_at(&self, now: Millis) -> InstanceStatus {
        self.phases
            .iter()
            .find(|p| now < p.until)
            .map_or(self.status, |p| p.status)
    }

    /// Moves to `then` through `phases` (status and duration in ms) starting at `now`;
    /// phases of no duration are skipped.
    pub fn transition(
        &mut self,
        now: Millis,
        phases: &[(InstanceStatus, Millis)],
        then: InstanceStatus,
    ) {
        let mut at = now;
        self.phases = phases
            .iter()
            .filter(|(_, d)| *d > 0)
            .map(|&(status, d)| {
                at = at.saturating_add(d);
                Phase { status, until: at }
            })
            .collect();
        self.status = then;
    }
}

/// Instances by ID, with a count of instances per image (for `Usage` and
/// `ImageUsingByInstance`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Instances {
    by_id: HashMap<String, Instance>,
    #[serde(skip)]
    per_image: HashMap<String, usize>,
}

impl Instances {
    /// Rebuilds the count of instances per image.
    pub fn reindex(&mut self) {
        self.per_image.clear();
        for i in std::mem::take(&mut self.by_id).into_values() {
            self.insert(i);
        }
    }

    pub fn insert(&mut self, i: Instance) {
        *self.per_image.entry(i.image_id.clone()).or_default() += 1;
        self.by_id.insert(i.id.clone(), i);
    }

    pub fn remove(&mut self, id: &str) -> Option<Instance> {
        let i = self.by_id.remove(id)?;
        if let Some(n) = self.per_image.get_mut(&i.image_id) {
            *n -= 1;
            if *n == 0 {
                self.per_image.remove(&i.image_id);
            }
        }
        Some(i)
    }

    pub fn get(&self, id: &str) -> Option<&Instance> {
        self.by_id.get(id)
    }

    /// For a change of anything but `image_id` (the per-image count keys on it).
    pub fn get_mut(&mut self, id: &str) -> Option<&mut Instance> {
        self.by_id.get_mut(id)
    }

    /// How many instances (of any account) run `image_id`.
    pub fn using(&self, image_id: &str) -> usize {
        self.per_image.get(image_id).copied().unwrap_or(0)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Instance> {
        self.by_id.values()
    }
}

/// A charge for launching a paid image: always billed to the launching account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Charge {
    pub account_id: String,
    pub instance_id: String,
    pub image_id: String,
    pub image_owner_id: String,
    pub fee: f64,
    pub time: Millis,
}
