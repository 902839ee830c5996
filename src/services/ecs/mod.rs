//! ECS 2014-05-26 (ecs-image-api.md).

mod regions;

use super::Action;

/// ECS actions, by name.
pub static ACTIONS: &[Action] = &[Action {
    name: "DescribeRegions",
    handler: regions::describe_regions,
}];
