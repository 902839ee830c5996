//! ECS instances and the charges for paid images: model, rules, actions, scenario section
//! and state dump.

pub(super) mod actions;
pub mod dump;
pub mod model;
mod rules;
mod scenario;

pub use model::*;
