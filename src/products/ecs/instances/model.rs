//! ECS instances, as far as images care: who owns them, where, and which image they run;
//! and the charges for launching paid images.

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
