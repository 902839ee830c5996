//! Simple Application Server custom images: the model.

use serde::{Deserialize, Serialize};

use crate::time::Millis;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SwasImage {
    pub id: String,
    pub owner: String,
    pub region: String,
    pub name: String,
    pub created: Millis,
    pub shared_to_ecs: bool,
}
