//! ECS security groups and their rules, as far as image builders and Terraform use them:
//! created (in a VPC or classic), rules authorized in and out (an identical rule is
//! accepted and adds nothing), listed, and deleted once no instance uses them
//! (docs/sources.md#ecs-security-groups).

pub(crate) mod actions;
pub mod dump;
pub mod model;
mod rules;

pub use model::*;
