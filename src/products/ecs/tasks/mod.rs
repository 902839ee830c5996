//! Image import and export as asynchronous tasks: ImportImage, ExportImage,
//! DescribeTaskAttribute, DescribeTasks, CancelTask (docs/sources.md#ecs-tasks).
//!
//! A task is `Processing` until its deadline on the mock clock (`delays.image_import`,
//! `delays.image_export` seconds), then `Finished`; CancelTask makes a running one
//! `Cancelled` (*inferred* status name). An imported image is `Creating` while its task
//! runs. No bytes move: the OSS bucket and object are kept as strings.

pub(crate) mod actions;
pub mod model;
mod rules;

pub use model::*;
