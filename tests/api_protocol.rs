//! The API port end to end: signatures, routing, envelopes, DescribeRegions.

mod support;

use alicloud_mock::MockServer;
use support::*;

fn server() -> MockServer {
    MockServer::builder().start_blocking().unwrap()
}

#[test]
fn v3_signed_describe_regions_lists_the_scenario_regions_in_order() {
    let s = server();
    let r = V3::new("DescribeRegions", OWNER_KEY).send(s.address());
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        r.header("content-type"),
        Some("application/json;charset=utf-8")
    );
    let v = r.json();
    assert!(v["RequestId"].is_string());
    assert!(v.get("Code").is_none(), "a success body never has a Code");
    let regions = v["Regions"]["Region"].as_array().unwrap();
    let ids: Vec<&str> = regions
        .iter()
        .map(|r| r["RegionId"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "cn-hangzhou",
            "cn-shanghai",
            "cn-beijing",
            "cn-hongkong",
            "ap-southeast-1",
            "us-east-1"
        ]
    );
    assert_eq!(regions[0]["LocalName"], "华东1（杭州）");
    assert_eq!(regions[0]["RegionEndpoint"], "ecs-cn-hangzhou.aliyuncs.com");
    assert_eq!(regions[1]["RegionEndpoint"], "ecs.cn-shanghai.aliyuncs.com");
    assert_eq!(regions[0]["Status"], "available");
    for r in regions {
        let keys: Vec<&String> = r.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["RegionId", "LocalName", "RegionEndpoint", "Status"]);
    }
}

#[test]
fn describe_regions_in_english_and_bad_languages() {
    let s = server();
    let r = V3::new("DescribeRegions", OWNER_KEY)
        .param("AcceptLanguage", "en-US")
        .send(s.address());
    assert_eq!(
        r.json()["Regions"]["Region"][0]["LocalName"],
        "China (Hangzhou)"
    );
    V3::new("DescribeRegions", OWNER_KEY)
        .param("AcceptLanguage", "fr")
        .send(s.address())
        .assert_error(
            404,
            "InvalidAcceptLanguage.NotFound",
            "Only Chinese (zh-CN), English (en-US), and Japanese (ja) are allowed.",
        );
    V3::new("DescribeRegions", OWNER_KEY)
        .param("ResourceType", "gpu")
        .send(s.address())
        .assert_error(
            404,
            "InvalidResourceType.NotFound",
            "The ResourceType provided does not exist in our records.",
        );
    V3::new("DescribeRegions", OWNER_KEY)
        .param("InstanceChargeType", "Free")
        .send(s.address())
        .assert_error(
            403,
            "Invalid.InstanceChargeType",
            "The specified instanceChargeType is not valid.",
        );
}

#[test]
fn rpc_get_and_post_in_query_and_pop_core_style_form_body() {
    let s = server();
    let p = rpc_params("GET", "DescribeRegions", "2014-05-26", OWNER_KEY, &[]);
    let r = rpc_query(s.address(), "GET", &p);
    assert_eq!(r.status, 200, "{}", r.body);
    let p = rpc_params(
        "POST",
        "DescribeRegions",
        "2014-05-26",
        OWNER_KEY,
        &[("RegionId", "cn-hangzhou")],
    );
    assert_eq!(rpc_query(s.address(), "POST", &p).status, 200);
    // pop-core POST: everything, Signature included, in the form body.
    let p = rpc_params(
        "POST",
        "DescribeRegions",
        "2014-05-26",
        OWNER_KEY,
        &[("AcceptLanguage", "en-US")],
    );
    let r = send(
        s.address(),
        "POST",
        "/",
        &[(
            "content-type".into(),
            "application/x-www-form-urlencoded".into(),
        )],
        form(&p).as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        r.json()["Regions"]["Region"][0]["LocalName"],
        "China (Hangzhou)"
    );
}

#[test]
fn format_xml_answers_xml_with_the_action_response_root() {
    let s = server();
    let p = rpc_params(
        "GET",
        "DescribeRegions",
        "2014-05-26",
        OWNER_KEY,
        &[("Format", "XML")],
    );
    let r = rpc_query(s.address(), "GET", &p);
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("text/xml;charset=utf-8"));
    assert!(
        r.body.starts_with(
            "<?xml version='1.0' encoding='UTF-8'?><DescribeRegionsResponse><RequestId>"
        ),
        "{}",
        r.body
    );
    assert!(r
        .body
        .contains("<Regions><Region><RegionId>cn-hangzhou</RegionId>"));
    // Errors too.
    let p = rpc_params(
        "GET",
        "NoSuchAction",
        "2014-05-26",
        OWNER_KEY,
        &[("Format", "xml")],
    );
    let r = rpc_query(s.address(), "GET", &p);
    assert_eq!(r.status, 404);
    assert!(r.body.contains("<Error><RequestId>"));
    assert!(r.body.contains("<Code>InvalidAction.NotFound</Code>"));
}

#[test]
fn wrong_secret_gets_signature_does_not_match_with_the_string_to_sign() {
    let s = server();
    let r = V3::new("DescribeRegions", (OWNER_KEY.0, "wrong")).send(s.address());
    assert_eq!(r.status, 400);
    let v = r.json();
    assert_eq!(v["Code"], "SignatureDoesNotMatch");
    let msg = v["Message"].as_str().unwrap();
    assert!(msg.starts_with("Specified signature is not matched with our calculation. server string to sign is:ACS3-HMAC-SHA256\n"), "{msg}");

    let p = rpc_params(
        "GET",
        "DescribeRegions",
        "2014-05-26",
        (OWNER_KEY.0, "wrong"),
        &[],
    );
    let r = rpc_query(s.address(), "GET", &p);
    assert_eq!(r.status, 400);
    let msg = r.json()["Message"].as_str().unwrap().to_string();
    assert_eq!(
        msg.split(':')
            .nth(1)
            .map(|s| s.starts_with("GET&%2F&AccessKeyId%3D")),
        Some(true),
        "{msg}"
    );
}

#[test]
fn a_tampered_parameter_fails_the_signature() {
    let s = server();
    let mut p = rpc_params(
        "GET",
        "DescribeRegions",
        "2014-05-26",
        OWNER_KEY,
        &[("AcceptLanguage", "en-US")],
    );
    for kv in p.iter_mut() {
        if kv.0 == "AcceptLanguage" {
            kv.1 = "zh-CN".into();
        }
    }
    assert_eq!(
        rpc_query(s.address(), "GET", &p).json()["Code"],
        "SignatureDoesNotMatch"
    );
}

#[test]
fn unknown_key_unknown_action_unknown_version() {
    let s = server();
    V3::new("DescribeRegions", ("LTAI5tNobody", "x"))
        .send(s.address())
        .assert_error(
            404,
            "InvalidAccessKeyId.NotFound",
            "Specified access key is not found.",
        );
    let not_found = "Specified api is not found, please check your url and method.";
    V3::new("DescribeNothing", OWNER_KEY)
        .send(s.address())
        .assert_error(404, "InvalidAction.NotFound", not_found);
    V3::new("DescribeRegions", OWNER_KEY)
        .version("2016-03-14")
        .send(s.address())
        .assert_error(404, "InvalidAction.NotFound", not_found);
    // A known product, an action it does not serve.
    V3::new("DescribeRegions", OWNER_KEY)
        .version("2020-01-10")
        .send(s.address())
        .assert_error(404, "InvalidAction.NotFound", not_found);
    // Another path or method.
    send(s.address(), "GET", "/favicon.ico", &[], b"").assert_error(
        404,
        "InvalidAction.NotFound",
        not_found,
    );
    send(s.address(), "DELETE", "/", &[], b"").assert_error(
        404,
        "InvalidAction.NotFound",
        not_found,
    );
}

#[test]
fn missing_parameters_get_missing_parameter() {
    let s = server();
    let mut p = rpc_params("GET", "DescribeRegions", "2014-05-26", OWNER_KEY, &[]);
    p.retain(|(k, _)| k != "Action");
    let p = rpc_sign("GET", OWNER_KEY.1, p);
    rpc_query(s.address(), "GET", &p).assert_error(
        400,
        "MissingParameter",
        "The input parameter \"Action\" that is mandatory for processing this request is not supplied.",
    );
    let mut p = rpc_params("GET", "DescribeRegions", "2014-05-26", OWNER_KEY, &[]);
    p.retain(|(k, _)| k != "SignatureNonce");
    let p = rpc_sign("GET", OWNER_KEY.1, p);
    rpc_query(s.address(), "GET", &p).assert_error(
        400,
        "MissingParameter",
        "The input parameter \"SignatureNonce\" that is mandatory for processing this request is not supplied.",
    );
    let mut p = rpc_params("GET", "DescribeRegions", "2014-05-26", OWNER_KEY, &[]);
    p.retain(|(k, _)| k != "Timestamp");
    let p = rpc_sign("GET", OWNER_KEY.1, p);
    rpc_query(s.address(), "GET", &p).assert_error(
        400,
        "IllegalTimestamp",
        "The input parameter \"Timestamp\" that is mandatory for processing this request is not supplied.",
    );
    // No signature at all.
    send(
        s.address(),
        "GET",
        "/?Action=DescribeRegions&Version=2014-05-26&AccessKeyId=LTAI5tOwner0000000001",
        &[],
        b"",
    )
    .assert_error(
        400,
        "IncompleteSignature",
        "The request signature does not conform to Aliyun standards.",
    );
}

#[test]
fn timestamps_must_be_fresh_and_well_formed() {
    let s = server();
    V3::new("DescribeRegions", OWNER_KEY)
        .date(&timestamp(-16 * 60))
        .send(s.address())
        .assert_error(
            400,
            "InvalidTimeStamp.Expired",
            "Specified time stamp or date value is expired.",
        );
    V3::new("DescribeRegions", OWNER_KEY)
        .date(&timestamp(16 * 60))
        .send(s.address())
        .assert_error(
            400,
            "InvalidTimeStamp.Expired",
            "Specified time stamp or date value is expired.",
        );
    assert_eq!(
        V3::new("DescribeRegions", OWNER_KEY)
            .date(&timestamp(-14 * 60))
            .send(s.address())
            .status,
        200
    );
    V3::new("DescribeRegions", OWNER_KEY)
        .date("2026-11-27T21:37:48.123Z")
        .send(s.address())
        .assert_error(
            400,
            "InvalidTimeStamp.Format",
            "Specified time stamp or date value is not well formatted.",
        );
    // An RPC Timestamp may carry fractional seconds, as the crates.io
    // aliyun-openapi-core-rust-sdk sends it (`...:SS.000000000Z`); other shapes may not.
    let now = timestamp(0);
    let fractional = format!("{}.123456789Z", &now[..19]);
    let p = rpc_params(
        "GET",
        "DescribeRegions",
        "2014-05-26",
        OWNER_KEY,
        &[("Timestamp", &fractional)],
    );
    assert_eq!(rpc_query(s.address(), "GET", &p).status, 200);
    let offset = format!("{}+00:00", &now[..19]);
    let p = rpc_params(
        "GET",
        "DescribeRegions",
        "2014-05-26",
        OWNER_KEY,
        &[("Timestamp", &offset)],
    );
    rpc_query(s.address(), "GET", &p).assert_error(
        400,
        "InvalidTimeStamp.Format",
        "Specified time stamp or date value is not well formatted.",
    );
}

#[test]
fn a_nonce_cannot_be_used_twice() {
    let s = server();
    let n = nonce();
    assert_eq!(
        V3::new("DescribeRegions", OWNER_KEY)
            .nonce(&n)
            .send(s.address())
            .status,
        200
    );
    V3::new("DescribeRegions", OWNER_KEY)
        .nonce(&n)
        .send(s.address())
        .assert_error(
            400,
            "SignatureNonceUsed",
            "Specified signature nonce was used already.",
        );
    // A rejected request does not burn its nonce.
    let n2 = nonce();
    assert_eq!(
        V3::new("DescribeRegions", (OWNER_KEY.0, "bad"))
            .nonce(&n2)
            .send(s.address())
            .status,
        400
    );
    assert_eq!(
        V3::new("DescribeRegions", OWNER_KEY)
            .nonce(&n2)
            .send(s.address())
            .status,
        200
    );
}

#[test]
fn sts_tokens_work_in_both_signature_styles() {
    let s = server();
    let key = ("STS.OwnerTemp00000001", "owner-sts-secret");
    let token = "CAIS-owner-sts-token-0001";
    assert_eq!(
        V3::new("DescribeRegions", key)
            .token(token)
            .send(s.address())
            .status,
        200
    );
    let p = rpc_params(
        "GET",
        "DescribeRegions",
        "2014-05-26",
        key,
        &[("SecurityToken", token)],
    );
    assert_eq!(rpc_query(s.address(), "GET", &p).status, 200);
    // Without the token, or with a token of nobody.
    let r = V3::new("DescribeRegions", key).send(s.address());
    assert_eq!(
        (r.status, r.json()["Code"].as_str().unwrap()),
        (400, "MissingSecurityToken")
    );
    let r = V3::new("DescribeRegions", key)
        .token("CAIS-forged")
        .send(s.address());
    assert_eq!(r.json()["Code"], "InvalidSecurityToken.Malformed");
    let r = V3::new("DescribeRegions", OWNER_KEY)
        .token(token)
        .send(s.address());
    assert_eq!(
        r.json()["Code"],
        "InvalidSecurityToken.MismatchWithAccessKey"
    );
}

#[test]
fn sts_tokens_expire_on_the_mock_clock() {
    let s = MockServer::builder()
        .scenario_yaml(
            r#"
clock: manual
start_time: "2026-01-01T00:00:00Z"
accounts:
  - id: "1000000000000001"
    sts_tokens: [{ token: tok, access_key_id: STS.A, secret: s, expires: "2026-01-01T01:00:00Z" }]
"#,
        )
        .unwrap()
        .start_blocking()
        .unwrap();
    assert_eq!(
        V3::new("DescribeRegions", ("STS.A", "s"))
            .token("tok")
            .send(s.address())
            .status,
        200
    );
    s.advance_clock(std::time::Duration::from_secs(3600));
    let r = V3::new("DescribeRegions", ("STS.A", "s"))
        .token("tok")
        .send(s.address());
    assert_eq!(r.json()["Code"], "InvalidSecurityToken.Expired");
}

#[test]
fn lax_mode_skips_signatures_but_needs_an_account() {
    let s = MockServer::builder()
        .auth(alicloud_mock::AuthMode::Lax)
        .start_blocking()
        .unwrap();
    assert_eq!(
        V3::new("DescribeRegions", (OWNER_KEY.0, "wrong"))
            .send(s.address())
            .status,
        200
    );
    // An account ID works as an AccessKeyId.
    let r = send(
        s.address(),
        "GET",
        &format!("/?Action=DescribeRegions&Version=2014-05-26&AccessKeyId={MEMBER_ID}"),
        &[],
        b"",
    );
    assert_eq!(r.status, 200, "{}", r.body);
    send(
        s.address(),
        "GET",
        "/?Action=DescribeRegions&Version=2014-05-26&AccessKeyId=nobody",
        &[],
        b"",
    )
    .assert_error(
        404,
        "InvalidAccessKeyId.NotFound",
        "Specified access key is not found.",
    );
}

#[test]
fn error_host_id_and_recommend_name_the_product_endpoint() {
    let s = server();
    let r = V3::new("DescribeNothing", OWNER_KEY)
        .param("RegionId", "cn-shanghai")
        .send(s.address());
    let v = r.json();
    assert_eq!(v["HostId"], "ecs.cn-shanghai.aliyuncs.com");
    let rid = v["RequestId"].as_str().unwrap();
    assert_eq!(
        v["Recommend"],
        format!("https://api.aliyun.com/troubleshoot?q=InvalidAction.NotFound&product=Ecs&requestId={rid}")
    );
}

#[test]
fn an_oversized_body_is_refused() {
    let s = server();
    let body = vec![b'a'; 2 * 1024 * 1024];
    let r = send(
        s.address(),
        "POST",
        "/",
        &[(
            "content-type".into(),
            "application/x-www-form-urlencoded".into(),
        )],
        &body,
    );
    assert_eq!(r.status, 413);
    assert_eq!(r.json()["Code"], "RequestEntityTooLarge");
}

#[test]
fn health_names_the_scenario() {
    let s = server();
    let r = send(s.address(), "GET", "/_mock/health", &[], b"");
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["status"], "ok");
    assert_eq!(v["scenario"], "default");
    assert_eq!(v["version"], env!("CARGO_PKG_VERSION"));
}
