//! Virtual private clouds and vSwitches, as far as image builders need them: created,
//! listed, deleted with their dependencies, `Pending` then `Available` on the mock clock.
//! Packer's builder sends these as ECS 2014-05-26 actions (the ECS API's older copies of
//! the VPC calls); they are served there over this one model (docs/sources.md#vpc).

pub(crate) mod actions;
pub mod dump;
pub(crate) mod eips;
pub mod model;
mod rules;

pub use model::*;
