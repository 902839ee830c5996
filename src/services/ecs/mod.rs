//! ECS 2014-05-26 (ecs-image-api.md).

mod images;
mod instances;
mod lifecycle;
mod regions;
pub mod render;

use super::Action;

/// ECS actions, by name.
pub static ACTIONS: &[Action] = &[
    Action {
        name: "DescribeRegions",
        handler: regions::describe_regions,
    },
    Action {
        name: "DescribeImages",
        handler: images::describe_images,
    },
    Action {
        name: "DescribeImageSharePermission",
        handler: images::describe_image_share_permission,
    },
    Action {
        name: "ModifyImageSharePermission",
        handler: images::modify_image_share_permission,
    },
    Action {
        name: "DeleteImage",
        handler: images::delete_image,
    },
    Action {
        name: "CreateImage",
        handler: lifecycle::create_image,
    },
    Action {
        name: "CopyImage",
        handler: lifecycle::copy_image,
    },
    Action {
        name: "CancelCopyImage",
        handler: lifecycle::cancel_copy_image,
    },
    Action {
        name: "ModifyImageAttribute",
        handler: lifecycle::modify_image_attribute,
    },
    Action {
        name: "RunInstances",
        handler: instances::run_instances,
    },
    Action {
        name: "CreateInstance",
        handler: instances::create_instance,
    },
    Action {
        name: "DescribeInstances",
        handler: instances::describe_instances,
    },
    Action {
        name: "DeleteInstance",
        handler: instances::delete_instance,
    },
];
