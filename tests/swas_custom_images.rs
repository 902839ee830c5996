//! Simple Application Server custom images: CreateCustomImage from a server, ListImages,
//! ListCustomImages, DeleteCustomImage(s), and the call sequence of Terraform's
//! `alicloud_simple_application_server_custom_image` (docs/sources.md#swas).

mod support;

use alicloud_mock::MockServer;
use serde_json::Value;
use support::*;

const WORLD: &str = r#"
regions: [cn-hangzhou, cn-shanghai]
accounts:
  - { id: "8400000000000001", alias: owner, access_keys: [{ id: O, secret: S }] }
  - { id: "8400000000000002", alias: other, access_keys: [{ id: X, secret: S }] }
swas_instances:
  - { id: 0f5fcf54a1be4d3a8e4fa62bc1aa0001, owner: owner, region: cn-hangzhou, name: blog }
  - { id: 0f5fcf54a1be4d3a8e4fa62bc1aa0002, owner: owner, region: cn-shanghai }
  - { id: 0f5fcf54a1be4d3a8e4fa62bc1aa0003, owner: other, region: cn-hangzhou }
"#;
const BLOG: &str = "0f5fcf54a1be4d3a8e4fa62bc1aa0001";

fn server() -> MockServer {
    MockServer::builder()
        .scenario_yaml(WORLD)
        .unwrap()
        .start_blocking()
        .unwrap()
}

fn create(c: &Client, name: &str) -> Call {
    c.call("2020-06-01", "CreateCustomImage")
        .p("RegionId", "cn-hangzhou")
        .p("InstanceId", BLOG)
        .p("ImageName", name)
}

fn list_images(c: &Client, ids: &str) -> Vec<Value> {
    c.call("2020-06-01", "ListImages")
        .p("RegionId", "cn-hangzhou")
        .p("ImageType", "custom")
        .p("ImageIds", ids)
        .ok()["Images"]
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn terraform_creates_reads_shares_and_deletes_a_custom_image() {
    let s = server();
    let owner = Client::new(&s, ("O", "S"));
    // Create: ImageName, Description, InstanceId, RegionId, SystemSnapshotId, ClientToken.
    let id = create(&owner, "blog-image")
        .p("Description", "nightly")
        .p("SystemSnapshotId", "s-sys0001")
        .p("ClientToken", "tf-create-1")
        .ok_str("ImageId");
    assert!(id.starts_with("m-"), "{id}");
    // Read: ListImages with ImageType=custom and ImageIds as a JSON array string.
    let listed = list_images(&owner, &format!("[\"{id}\"]"));
    assert_eq!(
        listed,
        vec![serde_json::json!({
            "ImageId": id, "ImageName": "blog-image", "Description": "nightly",
            "ImageType": "custom", "Platform": "Linux"
        })]
    );
    let full = owner
        .call("2020-06-01", "ListCustomImages")
        .p("RegionId", "cn-hangzhou")
        .p("ImageIds", &format!("[\"{id}\"]"))
        .ok();
    let img = &full["CustomImages"][0];
    assert_eq!(
        (
            &img["InstanceId"],
            &img["InstanceName"],
            &img["SystemSnapshotId"],
            &img["Status"],
            &img["InShare"]
        ),
        (
            &BLOG.into(),
            &"blog".into(),
            &"s-sys0001".into(),
            &"1".into(),
            &false.into()
        )
    );
    // Update: share to ECS (no RegionId, as Terraform sends it); the ECS image appears.
    owner
        .call("2020-06-01", "ModifyImageShareStatus")
        .p("ImageId", &id)
        .p("Operation", "Share")
        .p("ClientToken", "tf-share-1")
        .ok();
    let ecs = owner.ecs("DescribeImages").p("ImageId", &id).ok();
    assert_eq!(ecs["TotalCount"], 1);
    // Delete refuses a shared image and keeps it; after UnShare it goes.
    let delete = || {
        owner
            .call("2020-06-01", "DeleteCustomImage")
            .p("RegionId", "cn-hangzhou")
            .p("ImageId", &id)
            .p("ClientToken", "tf-delete-1")
    };
    delete().err(
        400,
        "CustomImageInShare",
        "The custom image is being shared. Please disable sharing first and then delete it.",
    );
    assert_eq!(list_images(&owner, &id).len(), 1);
    owner
        .call("2020-06-01", "ModifyImageShareStatus")
        .p("ImageId", &id)
        .p("Operation", "UnShare")
        .ok();
    delete().ok();
    assert!(list_images(&owner, &id).is_empty());
    delete().err(
        404,
        "InvalidImageId.NotFound",
        "The specified ImageId does not exist.",
    );
}

#[test]
fn create_custom_image_refuses_what_the_reference_refuses_and_changes_nothing() {
    let s = server();
    let owner = Client::new(&s, ("O", "S"));
    create(&owner, "-starts-with-dash").err(
        400,
        "InvalidParameter",
        "The specified parameter \"ImageName\" is not valid.",
    );
    create(&owner, "a").err(
        400,
        "InvalidParameter",
        "The specified parameter \"ImageName\" is not valid.",
    );
    owner
        .call("2020-06-01", "CreateCustomImage")
        .p("RegionId", "cn-hangzhou")
        .p("ImageName", "x1")
        .err(
            400,
            "MissingParameter",
            "The input parameter \"InstanceId\" that is mandatory for processing this request is not supplied.",
        );
    // Another account's server, and a server of another region, are not found.
    for (region, server) in [
        ("cn-hangzhou", "0f5fcf54a1be4d3a8e4fa62bc1aa0003"),
        ("cn-hangzhou", "0f5fcf54a1be4d3a8e4fa62bc1aa0002"),
    ] {
        owner
            .call("2020-06-01", "CreateCustomImage")
            .p("RegionId", region)
            .p("InstanceId", server)
            .p("ImageName", "x1")
            .err(
                404,
                "InvalidInstanceId.NotFound",
                "The specified InstanceId does not exist.",
            );
    }
    create(&owner, "one").ok();
    create(&owner, "one").err(
        400,
        "ImageNameAlreadyExist",
        "The image name already exists.",
    );
    // One server in the region: three images at most.
    create(&owner, "two").ok();
    create(&owner, "three").ok();
    create(&owner, "four").err(
        400,
        "CustomImageQuotaLimit",
        "The maximum number of custom image in this region is exceeded.",
    );
    assert_eq!(list_images(&owner, "").len(), 3);
    assert!(Client::new(&s, ("X", "S"))
        .call("2020-06-01", "ListImages")
        .p("RegionId", "cn-hangzhou")
        .ok()["Images"]
        .as_array()
        .unwrap()
        .is_empty());
}

#[test]
fn delete_custom_images_takes_a_list_and_deletes_all_or_nothing() {
    let s = server();
    let owner = Client::new(&s, ("O", "S"));
    let a = create(&owner, "a1").ok_str("ImageId");
    let b = create(&owner, "b1").ok_str("ImageId");
    let delete = |ids: &str| {
        owner
            .call("2020-06-01", "DeleteCustomImages")
            .p("RegionId", "cn-hangzhou")
            .p("ImageIds", ids)
    };
    delete(&format!("[\"{a}\",\"m-nope\"]")).err(
        404,
        "InvalidImageId.NotFound",
        "The specified ImageId does not exist.",
    );
    assert_eq!(list_images(&owner, "").len(), 2, "nothing was deleted");
    delete("[1,2]").err(
        400,
        "InvalidParameter",
        "The specified parameter \"ImageIds\" is not valid.",
    );
    let sixteen = vec![a.clone(); 16].join(",");
    delete(&sixteen).err(
        400,
        "InvalidParameter",
        "The specified parameter \"ImageIds\" is not valid.",
    );
    delete(&format!("{a},{b}")).ok();
    assert!(list_images(&owner, "").is_empty());
    owner
        .call("2020-06-01", "ListImages")
        .p("RegionId", "cn-hangzhou")
        .p("ImageType", "docker")
        .err(
            400,
            "InvalidParameter",
            "The specified parameter \"ImageType\" is not valid.",
        );
}

#[test]
fn a_repeated_client_token_answers_the_first_image() {
    let s = server();
    let owner = Client::new(&s, ("O", "S"));
    let first = create(&owner, "token1")
        .p("ClientToken", "tok-123")
        .ok_str("ImageId");
    // The same token, even with another name, creates nothing new.
    let again = create(&owner, "token2")
        .p("ClientToken", "tok-123")
        .ok_str("ImageId");
    assert_eq!(first, again);
    assert_eq!(list_images(&owner, "").len(), 1);
    // Another token makes another image.
    let other = create(&owner, "token3")
        .p("ClientToken", "tok-456")
        .ok_str("ImageId");
    assert_ne!(first, other);
    assert_eq!(list_images(&owner, "").len(), 2);
    create(&owner, "token4")
        .p("ClientToken", &"x".repeat(65))
        .err(
            400,
            "InvalidClientToken.ValueNotSupported",
            "The ClientToken provided is invalid.",
        );
    assert_eq!(list_images(&owner, "").len(), 2);
}
