//! ECS 2014-05-26 (docs/sources.md#ecs-image-sharing-rules).

pub mod disks;
pub mod images;
pub mod instance_types;
pub mod instances;
pub mod key_pairs;
mod regions;
pub mod resource_groups;
pub mod resources;
pub mod security_groups;
pub mod tagging;
pub mod tags;
pub mod tasks;
pub mod zones;

pub use images::{Access, Image, ImageKind, Images};
pub use instances::{Charge, Instance, Instances};

use super::Action;

/// ECS actions, by name.
pub static ACTIONS: &[Action] = &[
    Action {
        name: "DescribeRegions",
        handler: regions::describe_regions,
    },
    Action {
        name: "AddTags",
        handler: tags::add_tags,
    },
    Action {
        name: "RemoveTags",
        handler: tags::remove_tags,
    },
    Action {
        name: "TagResources",
        handler: tagging::tag_resources,
    },
    Action {
        name: "UntagResources",
        handler: tagging::untag_resources,
    },
    Action {
        name: "ListTagResources",
        handler: tagging::list_tag_resources,
    },
    Action {
        name: "DescribeTags",
        handler: tagging::describe_tags,
    },
    Action {
        name: "JoinResourceGroup",
        handler: resource_groups::join_resource_group,
    },
    Action {
        name: "DescribeZones",
        handler: zones::describe_zones,
    },
    Action {
        name: "DescribeInstanceTypes",
        handler: instance_types::describe_instance_types,
    },
    Action {
        name: "DescribeImageSupportInstanceTypes",
        handler: instance_types::describe_image_support_instance_types,
    },
    Action {
        name: "DescribeImages",
        handler: images::actions::describe_images,
    },
    Action {
        name: "DescribeImageSharePermission",
        handler: images::actions::describe_image_share_permission,
    },
    Action {
        name: "ModifyImageSharePermission",
        handler: images::actions::modify_image_share_permission,
    },
    Action {
        name: "DeleteImage",
        handler: images::actions::delete_image,
    },
    Action {
        name: "CreateImage",
        handler: images::lifecycle::create_image,
    },
    Action {
        name: "CopyImage",
        handler: images::lifecycle::copy_image,
    },
    Action {
        name: "CancelCopyImage",
        handler: images::lifecycle::cancel_copy_image,
    },
    Action {
        name: "ModifyImageAttribute",
        handler: images::lifecycle::modify_image_attribute,
    },
    Action {
        name: "DescribeImageFromFamily",
        handler: images::actions::describe_image_from_family,
    },
    Action {
        name: "AllocatePublicIpAddress",
        handler: instances::actions::allocate_public_ip_address,
    },
    Action {
        name: "DescribeDisks",
        handler: disks::actions::describe_disks,
    },
    Action {
        name: "CreateSnapshot",
        handler: disks::actions::create_snapshot,
    },
    Action {
        name: "DescribeSnapshots",
        handler: disks::actions::describe_snapshots,
    },
    Action {
        name: "DeleteSnapshot",
        handler: disks::actions::delete_snapshot,
    },
    Action {
        name: "ImportImage",
        handler: tasks::actions::import_image,
    },
    Action {
        name: "ExportImage",
        handler: tasks::actions::export_image,
    },
    Action {
        name: "DescribeTaskAttribute",
        handler: tasks::actions::describe_task_attribute,
    },
    Action {
        name: "DescribeTasks",
        handler: tasks::actions::describe_tasks,
    },
    Action {
        name: "CancelTask",
        handler: tasks::actions::cancel_task,
    },
    Action {
        name: "CreateKeyPair",
        handler: key_pairs::create_key_pair,
    },
    Action {
        name: "ImportKeyPair",
        handler: key_pairs::import_key_pair,
    },
    Action {
        name: "DescribeKeyPairs",
        handler: key_pairs::describe_key_pairs,
    },
    Action {
        name: "DeleteKeyPairs",
        handler: key_pairs::delete_key_pairs,
    },
    Action {
        name: "CreateSecurityGroup",
        handler: security_groups::actions::create_security_group,
    },
    Action {
        name: "AuthorizeSecurityGroup",
        handler: security_groups::actions::authorize_security_group,
    },
    Action {
        name: "AuthorizeSecurityGroupEgress",
        handler: security_groups::actions::authorize_security_group_egress,
    },
    Action {
        name: "DescribeSecurityGroups",
        handler: security_groups::actions::describe_security_groups,
    },
    Action {
        name: "DescribeSecurityGroupAttribute",
        handler: security_groups::actions::describe_security_group_attribute,
    },
    Action {
        name: "DeleteSecurityGroup",
        handler: security_groups::actions::delete_security_group,
    },
    Action {
        name: "CreateVpc",
        handler: crate::products::vpc::actions::create_vpc,
    },
    Action {
        name: "DescribeVpcs",
        handler: crate::products::vpc::actions::describe_vpcs,
    },
    Action {
        name: "DeleteVpc",
        handler: crate::products::vpc::actions::delete_vpc,
    },
    Action {
        name: "CreateVSwitch",
        handler: crate::products::vpc::actions::create_vswitch,
    },
    Action {
        name: "DescribeVSwitches",
        handler: crate::products::vpc::actions::describe_vswitches,
    },
    Action {
        name: "DeleteVSwitch",
        handler: crate::products::vpc::actions::delete_vswitch,
    },
    Action {
        name: "AllocateEipAddress",
        handler: crate::products::vpc::eips::allocate_eip_address,
    },
    Action {
        name: "AssociateEipAddress",
        handler: crate::products::vpc::eips::associate_eip_address,
    },
    Action {
        name: "DescribeEipAddresses",
        handler: crate::products::vpc::eips::describe_eip_addresses,
    },
    Action {
        name: "UnassociateEipAddress",
        handler: crate::products::vpc::eips::unassociate_eip_address,
    },
    Action {
        name: "ReleaseEipAddress",
        handler: crate::products::vpc::eips::release_eip_address,
    },
    Action {
        name: "AttachKeyPair",
        handler: key_pairs::attach_key_pair,
    },
    Action {
        name: "DetachKeyPair",
        handler: key_pairs::detach_key_pair,
    },
    Action {
        name: "RunInstances",
        handler: instances::actions::run_instances,
    },
    Action {
        name: "CreateInstance",
        handler: instances::actions::create_instance,
    },
    Action {
        name: "DescribeInstances",
        handler: instances::actions::describe_instances,
    },
    Action {
        name: "DeleteInstance",
        handler: instances::actions::delete_instance,
    },
    Action {
        name: "StartInstance",
        handler: instances::actions::start_instance,
    },
    Action {
        name: "StopInstance",
        handler: instances::actions::stop_instance,
    },
    Action {
        name: "RebootInstance",
        handler: instances::actions::reboot_instance,
    },
    Action {
        name: "DescribeInstanceAttribute",
        handler: instances::actions::describe_instance_attribute,
    },
    Action {
        name: "DescribeInstanceStatus",
        handler: instances::actions::describe_instance_status,
    },
];
