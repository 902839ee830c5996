//! ECS instances and the charges for paid images: model, rules, actions, rendering,
//! scenario section and state dump.

pub(crate) mod actions;
pub mod dump;
pub mod model;
mod render;
mod rules;
mod scenario;

pub use model::*;
