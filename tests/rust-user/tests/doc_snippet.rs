use alicloud_mock::client::Style;
use alicloud_mock::MockServer;

#[tokio::test(flavor = "multi_thread")]
async fn the_recipient_sees_the_shared_image() -> Result<(), Box<dyn std::error::Error>> {
    let server = MockServer::builder()
        .shipped_scenario("named-sharing")? // or .scenario_file(path), .scenario_yaml(text)
        .start() // or .start_blocking() without a runtime
        .await?;
    let endpoint = format!("http://{}/", server.endpoint());
    assert!(endpoint.starts_with("http://127.0.0.1:"));
    // The code under test runs against `endpoint`; here the mock's own client plays it.
    let owner = server.client("owner")?;
    owner
        .ecs("ModifyImageSharePermission")
        .param("ImageId", "m-bp1nsfresh000000001")
        .param("AddAccount.1", "1100000000000003")
        .send()?;

    // Calls signed as a scenario account: its first access key, V3 or RPC signatures; the
    // answer is the JSON body or the Alibaba error (status, code, message, request ID).
    let bob = server.client("bob")?;
    let seen = bob
        .ecs("DescribeImages")
        .param("ImageOwnerAlias", "others")
        .send()?;
    let rpc = bob
        .ecs("DescribeImages")
        .param("ImageOwnerAlias", "others")
        .style(Style::Rpc);
    assert_eq!(seen["TotalCount"], rpc.send()?["TotalCount"]);
    let err = bob
        .ecs("DescribeImageSharePermission")
        .param("ImageId", "m-nope")
        .send()
        .unwrap_err();
    assert_eq!(
        (err.status, err.code.as_str()),
        (404, "InvalidImageId.NotFound")
    );

    assert_eq!(server.journal().count("ModifyImageSharePermission"), 1);
    assert_eq!(
        server.state().shared_with("m-bp1nsfresh000000001"),
        ["1100000000000003"]
    );
    server.advance_clock(std::time::Duration::from_secs(30)); // with a manual clock
    Ok(()) // dropping `server` shuts it down
}
