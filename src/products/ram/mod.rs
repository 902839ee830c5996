//! RAM 2015-05-01: model, rules and actions.

mod actions;
pub mod dump;
pub mod model;
mod rules;
mod tags;
pub mod users;

pub use actions::ACTIONS;
pub use model::*;
pub use rules::ACCESS_ROLE;
pub use users::{valid_user_name, MAX_KEYS, MAX_USER_POLICIES};
