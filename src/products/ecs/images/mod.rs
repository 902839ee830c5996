//! ECS images: the model (`model`), sharing and attribute rules (`rules`), creation and
//! copies (`creation`), actions, rendering, the scenario section and the state dump.

pub(super) mod actions;
mod creation;
pub mod dump;
pub(super) mod lifecycle;
pub mod render;
pub(crate) mod rules;
mod scenario;

pub use rules::{CopyImageRequest, CreateImageRequest, ImageAttributes, ShareRequest};
pub mod model;

pub use model::*;
