//! Quota Center 2020-05-10: model, rules and actions.

mod actions;
pub mod dump;
pub mod model;
mod rules;

pub use actions::ACTIONS;
pub use model::*;
