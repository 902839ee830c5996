//! The scenario file format (docs/scenarios.md), as serde types.
//!
//! Every struct denies unknown fields, so a misspelt key is an error with its line and
//! column. Semantic checks (references, duplicates, formats) live in `validate.rs`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One scenario file as written.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    pub name: Option<String>,
    pub seed: Option<u64>,
    pub auth: Option<AuthMode>,
    pub clock: Option<ClockMode>,
    pub start_time: Option<String>,
    pub delays: Option<Delays>,
    pub regions: Option<Vec<String>>,
    pub default_region: Option<String>,
    pub quota_applications: Option<QuotaDecision>,
    #[serde(default)]
    pub accounts: Vec<AccountSpec>,
    #[serde(default)]
    pub images: Vec<ImageSpec>,
    #[serde(default)]
    pub swas_images: Vec<SwasImageSpec>,
    #[serde(default)]
    pub swas_instances: Vec<SwasInstanceSpec>,
    pub resource_directory: Option<DirectorySpec>,
    #[serde(default)]
    pub resource_shares: Vec<ResourceShareSpec>,
    #[serde(default)]
    pub instances: Vec<InstanceSpec>,
    #[serde(default)]
    pub key_pairs: Vec<KeyPairSpec>,
    #[serde(default)]
    pub faults: Vec<FaultSpec>,
}

/// An ECS SSH key pair; without `public_key` one is generated from the seed.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct KeyPairSpec {
    pub name: String,
    pub owner: String,
    pub region: String,
    /// An OpenSSH public key line (`ssh-rsa AAAA...`).
    pub public_key: Option<String>,
    #[serde(default)]
    pub resource_group_id: Option<String>,
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
}

/// Signature checking (docs/clients.md).
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum AuthMode {
    #[default]
    Strict,
    Lax,
}

/// The mock clock: real time (optionally shifted to `start_time`) or moved only when told.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ClockMode {
    #[default]
    Real,
    Manual,
}

/// How Quota Center applications are decided.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum QuotaDecision {
    #[default]
    Approve,
    Pending,
    Reject,
}

/// Seconds of mock-clock time for asynchronous transitions.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Delays {
    #[serde(default)]
    pub image_create: u64,
    #[serde(default)]
    pub image_copy: u64,
    #[serde(default)]
    pub association: u64,
    /// `Pending` after RunInstances or CreateInstance.
    #[serde(default)]
    pub instance_create: u64,
    /// `Starting` after RunInstances (once created), StartInstance or RebootInstance.
    #[serde(default)]
    pub instance_start: u64,
    /// `Stopping` after StopInstance.
    #[serde(default)]
    pub instance_stop: u64,
    /// `Pending` after CreateVpc and CreateVSwitch.
    #[serde(default)]
    pub network_create: u64,
    /// An EIP's `Associating` and `Unassociating`.
    #[serde(default)]
    pub eip_associate: u64,
    /// A CreateSnapshot snapshot's `progressing`.
    #[serde(default)]
    pub snapshot_create: u64,
    /// An ImportImage task's `Processing` (and its image's `Creating`).
    #[serde(default)]
    pub image_import: u64,
    /// An ExportImage task's `Processing`.
    #[serde(default)]
    pub image_export: u64,
    /// How long a quota application the scenario approves or rejects stays `Process`.
    #[serde(default)]
    pub quota_review: u64,
}

/// China site (aliyun.com) or international site (alibabacloud.com).
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Site {
    #[default]
    China,
    International,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AccountSpec {
    pub id: String,
    pub alias: Option<String>,
    #[serde(default)]
    pub site: Site,
    #[serde(default)]
    pub access_keys: Vec<AccessKeySpec>,
    #[serde(default)]
    pub sts_tokens: Vec<StsTokenSpec>,
    #[serde(default)]
    pub ram_roles: Vec<String>,
    /// RAM users of the account, with their AccessKeys and system policies.
    #[serde(default)]
    pub ram_users: Vec<RamUserSpec>,
    #[serde(default)]
    pub community_terms_signed: bool,
    #[serde(default)]
    pub quotas: QuotaSpec,
    /// Resource group IDs (`rg-...`) the account has besides its default group.
    #[serde(default)]
    pub resource_groups: Vec<String>,
}

/// A RAM user: its keys sign as the account, and STS sees a `RAMUser`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RamUserSpec {
    pub name: String,
    #[serde(default)]
    pub access_keys: Vec<AccessKeySpec>,
    /// System policy names (`Aliyun*`).
    #[serde(default)]
    pub policies: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct AccessKeySpec {
    pub id: String,
    pub secret: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct StsTokenSpec {
    pub token: String,
    pub access_key_id: String,
    pub secret: String,
    /// RFC 3339; absent = never expires.
    pub expires: Option<String>,
}

/// Per-account quotas; the defaults are the documented ones (docs/sources.md#ecs-image-sharing-rules).
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct QuotaSpec {
    #[serde(default = "default_share_image_users")]
    pub share_image_users: u32,
    #[serde(default = "default_custom_images")]
    pub custom_images: u32,
}

fn default_share_image_users() -> u32 {
    50
}
fn default_custom_images() -> u32 {
    200
}

impl Default for QuotaSpec {
    fn default() -> Self {
        QuotaSpec {
            share_image_users: default_share_image_users(),
            custom_images: default_custom_images(),
        }
    }
}

#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
pub enum ImageStatus {
    Creating,
    Waiting,
    #[default]
    Available,
    UnAvailable,
    CreateFailed,
    Deprecated,
}

impl ImageStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ImageStatus::Creating => "Creating",
            ImageStatus::Waiting => "Waiting",
            ImageStatus::Available => "Available",
            ImageStatus::UnAvailable => "UnAvailable",
            ImageStatus::CreateFailed => "CreateFailed",
            ImageStatus::Deprecated => "Deprecated",
        }
    }
}

#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Encryption {
    #[default]
    None,
    ServiceKey,
    Cmk,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ImageSpec {
    pub id: Option<String>,
    pub owner: String,
    pub region: String,
    pub name: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub status: ImageStatus,
    pub os_type: Option<String>,
    pub platform: Option<String>,
    pub architecture: Option<String>,
    pub size: Option<u32>,
    #[serde(default)]
    pub encryption: Encryption,
    pub kms_key_id: Option<String>,
    #[serde(default)]
    pub data_disks: u32,
    pub product_code: Option<String>,
    #[serde(default)]
    pub image_fee: f64,
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
    #[serde(default)]
    pub shared_with: Vec<String>,
}

/// A simple application server, the source of SWAS custom images.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SwasInstanceSpec {
    pub id: String,
    pub owner: String,
    pub region: String,
    pub name: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SwasImageSpec {
    pub id: String,
    pub owner: String,
    pub region: String,
    pub name: Option<String>,
    #[serde(default)]
    pub shared_to_ecs: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct DirectorySpec {
    pub id: Option<String>,
    pub management_account: String,
    #[serde(default)]
    pub sharing_enabled: bool,
    #[serde(default)]
    pub root: FolderContents,
}

/// The contents of the root folder.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct FolderContents {
    #[serde(default)]
    pub accounts: Vec<String>,
    #[serde(default)]
    pub folders: Vec<FolderSpec>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct FolderSpec {
    pub id: Option<String>,
    pub name: String,
    #[serde(default)]
    pub accounts: Vec<String>,
    #[serde(default)]
    pub folders: Vec<FolderSpec>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ResourceShareSpec {
    pub id: Option<String>,
    pub name: String,
    pub owner: String,
    pub region: String,
    #[serde(default)]
    pub allow_external_targets: bool,
    #[serde(default)]
    pub resources: Vec<SharedResourceSpec>,
    #[serde(default)]
    pub targets: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SharedResourceSpec {
    #[serde(rename = "type")]
    pub kind: String,
    pub id: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct InstanceSpec {
    pub id: Option<String>,
    pub owner: String,
    pub region: String,
    pub image: String,
    pub instance_type: Option<String>,
    /// `running` (the default) or `stopped`.
    #[serde(default)]
    pub status: SpecInstanceStatus,
    pub name: Option<String>,
}

/// The status a scenario instance starts in.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SpecInstanceStatus {
    #[default]
    Running,
    Stopped,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FaultSpec {
    pub action: Option<String>,
    pub product: Option<String>,
    pub account: Option<String>,
    pub region: Option<String>,
    pub probability: Option<f64>,
    pub times: Option<u64>,
    pub delay_ms: Option<u64>,
    pub error: Option<FaultError>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct FaultError {
    pub code: String,
    pub message: Option<String>,
    pub status: Option<u16>,
}
