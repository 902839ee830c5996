//! What a Rust user's test looks like: the mock started in process on a shipped scenario,
//! the code under test (here, the `aliyun-openapi-core-rust-sdk` client from crates.io)
//! pointed at it, and the outcome checked with the mock's own signing client and state.

use alicloud_mock::client::Style;
use alicloud_mock::MockServer;
use aliyun_openapi_core_rust_sdk::client::rpc::RPClient;

const FRESH: &str = "m-bp1nsfresh000000001";

#[tokio::test(flavor = "multi_thread")]
async fn the_code_under_test_shares_an_image_and_the_recipient_sees_it(
) -> Result<(), Box<dyn std::error::Error>> {
    let server = MockServer::builder()
        .shipped_scenario("named-sharing")?
        .start()
        .await?;
    let endpoint = format!("http://{}/", server.endpoint());

    // The code under test: a community RPC client, as real code would call Alibaba Cloud.
    let owner = RPClient::new(
        "LTAI5tNsOwner00000001",
        "ns-owner-secret",
        endpoint.as_str(),
    );
    let answer = owner
        .clone()
        .version("2014-05-26")
        .get("ModifyImageSharePermission")
        .query([
            ("RegionId", "cn-hangzhou"),
            ("ImageId", FRESH),
            ("AddAccount.1", "1100000000000003"),
        ])
        .text()
        .await?;
    let answer: serde_json::Value = serde_json::from_str(&answer)?;
    assert!(answer["RequestId"].is_string(), "{answer}");

    // Checked as the recipient, with the mock's signing client (both signature styles).
    let bob = server.client("bob")?;
    for style in [Style::V3, Style::Rpc] {
        let seen = bob
            .ecs("DescribeImages")
            .param("ImageOwnerAlias", "others")
            .style(style)
            .send()?;
        let ids: Vec<&str> = seen["Images"]["Image"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["ImageId"].as_str().unwrap())
            .collect();
        assert_eq!(ids, [FRESH]);
    }
    // An Alibaba error comes back as one, code and status.
    let err = server
        .client("mallory")?
        .ecs("DescribeImageSharePermission")
        .param("ImageId", FRESH)
        .send()
        .unwrap_err();
    assert_eq!(
        (err.status, err.code.as_str()),
        (404, "InvalidImageId.NotFound")
    );
    assert_eq!(server.state().shared_with(FRESH), ["1100000000000003"]);
    assert_eq!(server.journal().count("ModifyImageSharePermission"), 1);
    Ok(())
}

#[test]
fn docs_rust_md_shows_the_snippet_ci_runs() {
    let docs = include_str!("../../../docs/rust.md");
    let snippet = include_str!("doc_snippet.rs");
    assert!(
        docs.contains(&format!("```rust\n{snippet}```")),
        "docs/rust.md must show tests/rust-user/tests/doc_snippet.rs verbatim"
    );
}
