//! Block storage: the cloud disks every instance gets (a system disk and the data disks it
//! was launched with) and the snapshots taken of them, by CreateSnapshot or by CreateImage
//! (docs/sources.md#ecs-disks-snapshots).

pub(crate) mod actions;
pub mod dump;
pub mod model;
mod render;
mod rules;

pub use model::*;
pub use rules::DiskRequest;
