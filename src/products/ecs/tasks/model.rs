//! Tasks: what ran, on what, when it ends.

use serde::{Deserialize, Serialize};

use crate::time::Millis;

/// The RAM role ECS assumes to read an imported image from OSS (documented name).
pub const IMPORT_ROLE: &str = "AliyunECSImageImportDefaultRole";
/// The RAM role ECS assumes to write an exported image to OSS (documented name).
pub const EXPORT_ROLE: &str = "AliyunECSImageExportDefaultRole";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub id: String,
    pub owner: String,
    pub region: String,
    /// `ImportImage` or `ExportImage`.
    pub action: String,
    /// The image imported or exported.
    pub resource: String,
    pub created: Millis,
    pub finish_at: Millis,
    pub cancelled: bool,
    /// `OSSBucket`, `OSSObject`, `ImageFormat` and the like, as DescribeTaskAttribute lists
    /// them.
    pub items: Vec<(String, String)>,
}

impl Task {
    pub fn status(&self, now: Millis) -> &'static str {
        if self.cancelled {
            "Cancelled"
        } else if now < self.finish_at {
            "Processing"
        } else {
            "Finished"
        }
    }

    pub fn running(&self, now: Millis) -> bool {
        self.status(now) == "Processing"
    }

    /// Progress in percent at `now`.
    pub fn progress(&self, now: Millis) -> u32 {
        if !self.running(now) {
            return if self.cancelled { 0 } else { 100 };
        }
        let total = (self.finish_at - self.created).max(1);
        (((now - self.created).max(0) * 100) / total).min(99) as u32
    }
}
