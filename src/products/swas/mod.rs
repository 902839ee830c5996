//! Simple Application Server 2020-06-01: model, rules and actions.

mod actions;
pub mod dump;
pub mod model;
mod rules;
mod scenario;

pub use actions::ACTIONS;
pub use model::*;
