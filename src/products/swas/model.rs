//! Simple Application Server: servers (as much as custom images need) and custom images.

use serde::{Deserialize, Serialize};

use crate::time::Millis;

/// A simple application server: the source of custom images. The mock keeps only what
/// CreateCustomImage checks (owner, region) and what ListCustomImages returns (name).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SwasInstance {
    pub id: String,
    pub owner: String,
    pub region: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SwasImage {
    pub id: String,
    pub owner: String,
    pub region: String,
    pub name: String,
    pub created: Millis,
    pub shared_to_ecs: bool,
    /// The server it was made from (empty for scenario images declared without one).
    #[serde(default)]
    pub instance_id: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub system_snapshot_id: String,
    #[serde(default)]
    pub data_snapshot_id: String,
}
