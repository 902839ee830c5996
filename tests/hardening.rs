//! Hostile input gets an Alibaba-shaped answer and changes nothing: non-ASCII times,
//! overflowing offsets, clock and delay extremes, control characters in XML, malformed list
//! indexes, media types in any case.

mod support;

use alicloud_mock::MockServer;
use support::*;

fn default() -> MockServer {
    MockServer::builder().start_blocking().unwrap()
}

fn admin(s: &MockServer, method: &str, path: &str, body: &str) -> Resp {
    send(
        s.address(),
        method,
        path,
        &[("content-type".into(), "application/json".into())],
        body.as_bytes(),
    )
}

#[test]
fn non_ascii_filter_times_are_invalid_filter_values_not_dropped_connections() {
    let s = default();
    let owner = Client::new(&s, OWNER_KEY);
    for value in [
        "\u{e9}",
        "2026-01-01T00:00:0\u{e9}Z",
        "2026-02-31T00:00Z",
        "2026-01-01T00:00:60Z",
    ] {
        owner
            .ecs("DescribeImages")
            .p("Filter.1.Key", "CreationStartTime")
            .p("Filter.1.Value", value)
            .err(
                404,
                "InvalidFilterValue",
                "The specified Filter Value is not valid.",
            );
    }
    // The server still answers.
    owner.ecs("DescribeRegions").ok();
}

#[test]
fn the_clock_refuses_bad_times_and_leaves_the_years_0000_to_9999_never() {
    let s = MockServer::builder()
        .scenario_yaml("clock: manual\nstart_time: \"2026-01-01T00:00:00Z\"\naccounts:\n  - { id: \"1000000000000001\", alias: owner, access_keys: [{ id: LTAI5tOwner0000000001, secret: owner-secret }] }\n")
        .unwrap()
        .start_blocking()
        .unwrap();
    for body in [
        r#"{"set": "\u00e9"}"#,
        r#"{"set": "2026-01-01T00:00:0\u00e9Z"}"#,
        r#"{"set": "2026-02-31T00:00:00Z"}"#,
        r#"{"advance_seconds": 1e300}"#,
        r#"{"advance_seconds": -1e300}"#,
        r#"{"advance_seconds": 300000000000}"#,
    ] {
        let r = admin(&s, "POST", "/_mock/clock", body);
        assert_eq!(r.status, 400, "{body}: {}", r.body);
        assert!(r.json()["error"].is_string());
    }
    let r = admin(&s, "GET", "/_mock/state", "");
    assert_eq!(r.json()["time"], "2026-01-01T00:00:00.000Z");
    // Requests keep working with sane times.
    Client::new(&s, OWNER_KEY).ecs("DescribeImages").ok();
}

#[test]
fn a_non_ascii_start_time_is_a_scenario_error_with_its_position() {
    let e = MockServer::builder()
        .scenario_yaml("start_time: \"2026-01-01T00:00:0\u{e9}Z\"\naccounts: []\n")
        .unwrap()
        .start_blocking()
        .unwrap_err()
        .to_string();
    assert!(e.contains("<scenario 1>:1:13: start_time"), "{e}");
    let e = MockServer::builder()
        .scenario_yaml("delays: { image_copy: 18446744073709551615 }\naccounts: []\n")
        .unwrap()
        .start_blocking()
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("image_copy must be at most 315360000 seconds"),
        "{e}"
    );
}

#[test]
fn huge_markers_and_next_tokens_give_an_empty_last_page() {
    let s = default();
    let owner = Client::new(&s, OWNER_KEY);
    let roles = owner
        .call("2015-05-01", "ListRoles")
        .p("Marker", "18446744073709551615")
        .ok();
    assert_eq!(roles["IsTruncated"], false);
    assert!(roles.get("Marker").is_none());
    assert_eq!(roles["Roles"]["Role"].as_array().unwrap().len(), 0);
    let quotas = owner
        .call("2020-05-10", "ListProductQuotas")
        .p("ProductCode", "ecs")
        .p("NextToken", "18446744073709551615")
        .ok();
    assert_eq!(quotas["NextToken"], "");
    assert_eq!(quotas["Quotas"].as_array().unwrap().len(), 0);
    let shares = owner
        .rs("ListResourceShares")
        .p("ResourceOwner", "Self")
        .p("NextToken", "18446744073709551615")
        .ok();
    assert!(shares.get("NextToken").is_none());
    assert_eq!(shares["ResourceShares"].as_array().unwrap().len(), 0);
}

#[test]
fn fault_and_stub_delays_are_bounded() {
    let s = default();
    let r = admin(
        &s,
        "POST",
        "/_mock/faults",
        r#"{"action": "DescribeRegions", "delay_ms": 18446744073709551615}"#,
    );
    assert_eq!(r.status, 400, "{}", r.body);
    assert_eq!(
        r.json()["error"],
        "delay_ms must be at most 600000 (ten minutes)"
    );
    assert_eq!(
        admin(&s, "GET", "/_mock/faults", "").json()["faults"],
        serde_json::json!([])
    );
    let r = admin(
        &s,
        "POST",
        "/__admin/mappings",
        r#"{"request": {"url": "/x"}, "response": {"status": 200, "fixedDelayMilliseconds": 600001}}"#,
    );
    assert_eq!(r.status, 400, "{}", r.body);
    assert_eq!(
        r.json()["error"],
        "response.fixedDelayMilliseconds: expected a number of milliseconds up to 600000"
    );
}

#[test]
fn control_characters_never_break_a_recipients_xml() {
    let yaml = "accounts:\n  - { id: \"1000000000000001\", alias: owner, access_keys: [{ id: LTAI5tOwner0000000001, secret: owner-secret }] }\n  - { id: \"1000000000000002\", alias: member, access_keys: [{ id: LTAI5tMember000000001, secret: member-secret }] }\nimages:\n  - { id: m-bp1ctrl00000000001, owner: owner, region: cn-hangzhou, name: ctrl, description: \"bad\\x01byte\", shared_with: [member] }\n";
    let s = MockServer::builder()
        .scenario_yaml(yaml)
        .unwrap()
        .start_blocking()
        .unwrap();
    let r = Client::new(&s, MEMBER_KEY)
        .ecs("DescribeImages")
        .p("ImageOwnerAlias", "others")
        .p("Format", "XML")
        .send();
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(
        r.body
            .contains("<Description>bad\u{FFFD}byte</Description>"),
        "{}",
        r.body
    );
    assert!(!r.body.contains('\u{1}'));
}

#[test]
fn malformed_list_indexes_are_refused_naming_the_parameter() {
    let s = default();
    let owner = Client::new(&s, OWNER_KEY);
    for key in [
        "AddAccount.99999999999999999999",
        "AddAccount.0",
        "AddAccount.-1",
        "AddAccount.+1",
    ] {
        owner
            .ecs("ModifyImageSharePermission")
            .p("ImageId", PLAIN)
            .p(key, MEMBER_ID)
            .err(
                400,
                "InvalidParameter",
                &format!("The specified parameter \"{key}\" is not valid."),
            );
    }
    assert!(shared_with(s.address(), OWNER_KEY, "cn-hangzhou", PLAIN).is_empty());
}

#[test]
fn a_form_body_is_read_whatever_the_case_of_its_media_type() {
    let s = default();
    let p = rpc_params("POST", "DescribeRegions", "2014-05-26", OWNER_KEY, &[]);
    let r = send(
        s.address(),
        "POST",
        "/",
        &[(
            "Content-Type".into(),
            "Application/X-WWW-Form-Urlencoded; charset=UTF-8".into(),
        )],
        form(&p).as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.json()["Regions"]["Region"].is_array());
}

mod connections {
    use super::*;
    use std::io::{Read, Write};
    use std::net::TcpStream;
    use std::time::Duration;

    fn quick() -> MockServer {
        MockServer::builder()
            .header_timeout(Duration::from_millis(300))
            .body_timeout(Duration::from_millis(300))
            .start_blocking()
            .unwrap()
    }

    /// Reads until the server closes the connection (or 10 s pass); what it sent.
    fn read_until_closed(c: &mut TcpStream) -> String {
        c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut out = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            match c.read(&mut buf) {
                Ok(0) => return String::from_utf8_lossy(&out).into_owned(),
                Ok(n) => out.extend_from_slice(&buf[..n]),
                Err(e) => panic!("the server kept the connection open: {e}"),
            }
        }
    }

    #[test]
    fn idle_and_half_sent_requests_are_closed_after_the_header_timeout() {
        let s = quick();
        let mut idle = TcpStream::connect(s.address()).unwrap();
        assert_eq!(read_until_closed(&mut idle), "");
        let mut half = TcpStream::connect(s.address()).unwrap();
        half.write_all(b"GET /?Action=DescribeRegions HTTP/1.1\r\nhost: x\r\n")
            .unwrap();
        read_until_closed(&mut half);
        // A keep-alive connection that went quiet after an answer is closed too.
        let mut kept = TcpStream::connect(s.address()).unwrap();
        kept.write_all(b"GET /_mock/health HTTP/1.1\r\nhost: x\r\n\r\n")
            .unwrap();
        let answer = read_until_closed(&mut kept);
        assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
    }

    #[test]
    fn a_body_that_stops_arriving_is_answered_408() {
        let s = quick();
        let mut c = TcpStream::connect(s.address()).unwrap();
        c.write_all(
            b"POST / HTTP/1.1\r\nhost: x\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: 100\r\n\r\nAction=Desc",
        )
        .unwrap();
        let answer = read_until_closed(&mut c);
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
        assert!(
            answer.contains(r#""Code":"RequestTimeout","Message":"The request body did not arrive within this mock's limit of 300 ms.""#),
            "{answer}"
        );
    }

    /// Sends `raw` on a fresh connection; everything the server answered before closing.
    fn exchange(s: &MockServer, raw: &[u8]) -> String {
        let mut c = TcpStream::connect(s.address()).unwrap();
        c.write_all(raw).unwrap();
        read_until_closed(&mut c)
    }

    fn assert_error_answer(answer: &str, status_line: &str, code: &str, message: &str) {
        assert!(answer.starts_with(status_line), "{answer}");
        let (head, body) = answer.split_once("\r\n\r\n").unwrap();
        assert!(
            head.contains("content-type: application/json;charset=utf-8"),
            "{head}"
        );
        assert!(
            head.contains(&format!("content-length: {}", body.len())),
            "{head}"
        );
        let body: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(body["Code"], code);
        assert_eq!(body["Message"], message);
        assert_eq!(body["RequestId"].as_str().unwrap().len(), 36);
    }

    #[test]
    fn requests_the_http_parser_refuses_get_an_error_body() {
        let s = default();
        let long_uri = format!("GET /?{} HTTP/1.1\r\nhost: x\r\n\r\n", "a".repeat(70_000));
        assert_error_answer(
            &exchange(&s, long_uri.as_bytes()),
            "HTTP/1.1 414 URI Too Long",
            "URITooLong",
            "The request URI is longer than this mock's HTTP limit of 65534 bytes.",
        );
        let many: String = (0..200).map(|i| format!("x-{i}: a\r\n")).collect();
        let many = format!("GET / HTTP/1.1\r\nhost: x\r\n{many}\r\n");
        assert_error_answer(
            &exchange(&s, many.as_bytes()),
            "HTTP/1.1 431 Request Header Fields Too Large",
            "RequestHeaderFieldsTooLarge",
            "The request has more header fields, or longer ones, than this mock's HTTP limits allow.",
        );
        for bad in [
            &b"GET / HTTP/1.1\r\nhost: x\r\nno colon here\r\n\r\n"[..],
            b"GET / HTTP/1.1\r\nhost: x\r\ncontent-length: abc\r\n\r\n",
            b"GET / HTTP/9.9\r\nhost: x\r\n\r\n",
            b"POST / HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n",
        ] {
            assert_error_answer(
                &exchange(&s, bad),
                "HTTP/1.1 400 Bad Request",
                "BadRequest",
                "The request is not valid HTTP/1.1.",
            );
        }
        // Behind a good pipelined request, the good answer comes first, then the error.
        let answer = exchange(
            &s,
            b"GET /_mock/health HTTP/1.1\r\nhost: x\r\n\r\nGARBAGE\r\n\r\n",
        );
        let (health, error) = answer.split_at(answer.find("HTTP/1.1 400").unwrap());
        assert!(health.starts_with("HTTP/1.1 200 OK"), "{answer}");
        assert_error_answer(
            error,
            "HTTP/1.1 400 Bad Request",
            "BadRequest",
            "The request is not valid HTTP/1.1.",
        );
    }

    #[test]
    fn a_stub_answering_an_empty_400_is_passed_through_as_is() {
        let s = default();
        let r = admin(
            &s,
            "POST",
            "/__admin/mappings",
            r#"{"request":{"urlPath":"/empty"},"response":{"status":400}}"#,
        );
        assert_eq!(r.status, 201, "{}", r.body);
        let answer = exchange(
            &s,
            b"GET /empty HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n",
        );
        assert!(
            answer.starts_with("HTTP/1.1 400 Bad Request\r\n"),
            "{answer}"
        );
        assert!(answer.ends_with("\r\n\r\n"), "a body was added: {answer}");
        assert!(!answer.contains("BadRequest"), "{answer}");
    }

    #[test]
    fn connections_past_the_limit_wait_for_a_free_slot() {
        let s = MockServer::builder()
            .max_connections(1)
            .start_blocking()
            .unwrap();
        let holder = TcpStream::connect(s.address()).unwrap();
        let mut waiting = TcpStream::connect(s.address()).unwrap();
        waiting
            .write_all(b"GET /_mock/health HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")
            .unwrap();
        waiting
            .set_read_timeout(Some(Duration::from_millis(300)))
            .unwrap();
        let mut buf = [0u8; 64];
        assert!(
            waiting.read(&mut buf).is_err(),
            "answered while the only slot was taken"
        );
        drop(holder);
        let answer = read_until_closed(&mut waiting);
        assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
    }
}

#[test]
fn launches_and_quota_applications_are_bounded() {
    let s = default();
    let owner = Client::new(&s, OWNER_KEY);
    let huge = format!("ecs.{}.large", "g".repeat(30_000));
    for kind in [
        huge.as_str(),
        "ecs.g7",
        "ECS.G7.LARGE",
        "ecs.G7.large",
        "ecs.g7.large.extra",
        "ecs..large",
    ] {
        owner
            .ecs("RunInstances")
            .p("ImageId", PLAIN)
            .p("InstanceType", kind)
            .err(
                400,
                "InvalidInstanceType.ValueNotSupported",
                "The specified InstanceType does not exist or beyond the permitted range.",
            );
    }
    for _ in 0..10 {
        owner
            .ecs("RunInstances")
            .p("ImageId", PLAIN)
            .p("InstanceType", "ecs.g7.large")
            .p("Amount", "100")
            .ok();
    }
    owner
        .ecs("RunInstances")
        .p("ImageId", PLAIN)
        .p("InstanceType", "ecs.g7.large")
        .err(
            403,
            "QuotaExceed.ElasticQuota",
            "The number of the specified ECS instances has exceeded the quota of the specified instance type.",
        );
    assert_eq!(s.state().0["instances"].as_array().unwrap().len(), 1000);
    // The quota is per account and region: another account launches in the same region.
    Client::new(&s, MEMBER_KEY)
        .ecs("RunInstances")
        .p("ImageId", GOLDEN)
        .p("InstanceType", "ecs.gn6i-c4g1.xlarge")
        .ok();
    let quotas = |desire: &str, reason: &str| {
        owner
            .call("2020-05-10", "CreateQuotaApplication")
            .p("ProductCode", "ecs")
            .p("QuotaActionCode", "q_custom-images")
            .p("DesireValue", desire)
            .p("Reason", reason)
            .p("Dimensions.1.Key", "regionId")
            .p("Dimensions.1.Value", "cn-hangzhou")
    };
    quotas("4294967295", "more").err(
        400,
        "QUOTA.DESIREVALUE.ILLEGAL",
        "The applied quota value is invalid.",
    );
    quotas("300", &"r".repeat(1001)).err(
        400,
        "InvalidParameter",
        "The specified parameter \"Reason\" is not valid.",
    );
    assert_eq!(s.state().0["quota_applications"], serde_json::json!([]));
    quotas("100000", "the ceiling is allowed").ok();
}

#[test]
fn the_journal_keeps_at_most_64_kib_of_a_request() {
    let s = default();
    let p = rpc_params("POST", "DescribeRegions", "2014-05-26", OWNER_KEY, &[]);
    let mut body = form(&p);
    body.push_str(&format!("&Padding={}", "x".repeat(900_000)));
    let r = send(
        s.address(),
        "POST",
        "/",
        &[(
            "content-type".into(),
            "application/x-www-form-urlencoded".into(),
        )],
        body.as_bytes(),
    );
    // Padding is not signed, so the signature fails; the journal still records the call.
    assert_eq!(r.status, 400, "{}", r.body);
    let journal = s.journal();
    let e = &journal.entries()[0];
    assert!(e.truncated);
    assert!(e.body.len() <= 64 * 1024);
    assert!(
        e.params
            .iter()
            .map(|(k, v)| k.len() + v.len())
            .sum::<usize>()
            <= 64 * 1024
    );
    let v = admin(&s, "GET", "/_mock/requests", "").json();
    assert_eq!(v["requests"][0]["truncated"], true);
    // Headers too: 90 of 4 KiB each are cut to the first 64 KiB.
    let headers: Vec<(String, String)> = (0..90)
        .map(|i| (format!("x-pad-{i}"), "h".repeat(4096)))
        .collect();
    let r = send(s.address(), "GET", "/_mock/health", &headers, b"");
    assert_eq!(r.status, 200);
    let r = send(
        s.address(),
        "GET",
        "/?Action=DescribeRegions",
        &headers,
        b"",
    );
    assert_eq!(r.status, 400, "{}", r.body);
    let journal = s.journal();
    let e = journal.entries().last().unwrap().clone();
    assert!(e.truncated);
    let kept: usize = e.headers.iter().map(|(k, v)| k.len() + v.len()).sum();
    assert!(kept <= 64 * 1024 && kept > 60 * 1024, "{kept}");
    assert_eq!(
        e.headers.iter().next().unwrap().0,
        "connection",
        "kept in order, first first"
    );
}

#[test]
fn a_symbolic_link_loop_in_a_fixtures_directory_is_walked_once() {
    let dir = std::env::temp_dir().join(format!("alicloud-mock-loop-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("a")).unwrap();
    std::fs::write(
        dir.join("a/stub.json"),
        r#"{"request": {"url": "/loop"}, "response": {"status": 200, "body": "once"}}"#,
    )
    .unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("a/back")).unwrap();
    let s = MockServer::builder()
        .fixtures_dir(&dir)
        .unwrap()
        .start_blocking()
        .unwrap();
    assert_eq!(send(s.address(), "GET", "/loop", &[], b"").body, "once");
    let v = admin(&s, "GET", "/__admin/mappings", "").json();
    assert_eq!(v["mappings"].as_array().unwrap().len(), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn alias_bombs_and_deep_nesting_are_refused_with_their_position() {
    let e = MockServer::builder()
        .scenario_yaml(&alias_bomb())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains(": aliases expand to more than 100000 nodes beyond the document's own"),
        "{e}"
    );
    let e = MockServer::builder()
        .scenario_yaml(&format!("accounts: {}", "[".repeat(100_000)))
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("<scenario 1>:1:") && e.ends_with(": nesting deeper than 64 levels"),
        "{e}"
    );
    // Through the control API, too; the world is unchanged.
    let s = default();
    let r = send(
        s.address(),
        "POST",
        "/_mock/scenario",
        &[("content-type".into(), "application/yaml".into())],
        alias_bomb().as_bytes(),
    );
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(r.body.contains("aliases expand to more than"), "{}", r.body);
    assert_eq!(
        admin(&s, "GET", "/_mock/health", "").json()["scenario"],
        "default"
    );
    // A fixture file, too.
    let dir = std::env::temp_dir().join(format!("alicloud-mock-bomb-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("bomb.yaml"),
        format!("request: {}", "[".repeat(1000)),
    )
    .unwrap();
    let e = MockServer::builder()
        .fixtures_dir(&dir)
        .unwrap_err()
        .to_string();
    assert!(
        e.ends_with("bomb.yaml:1:265: nesting deeper than 64 levels"),
        "{e}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_parameter_in_both_query_and_body_is_signed_once_with_the_body_value() {
    let s = default();
    let p = rpc_params(
        "POST",
        "DescribeImages",
        "2014-05-26",
        OWNER_KEY,
        &[("RegionId", "cn-hangzhou")],
    );
    let r = send(
        s.address(),
        "POST",
        &format!("/?{}", form(&p)),
        &[(
            "content-type".into(),
            "application/x-www-form-urlencoded".into(),
        )],
        b"RegionId=cn-hangzhou",
    );
    assert_eq!(r.status, 200, "{}", r.body);
}

#[test]
fn an_unknown_region_is_not_echoed_into_host_id() {
    let s = default();
    let long = "x".repeat(10_000);
    for region in ["bad\u{0}region", long.as_str()] {
        let r = Client::new(&s, OWNER_KEY)
            .call("2014-05-26", "DescribeImages")
            .p("RegionId", region)
            .send();
        assert_eq!(r.status, 404, "{}", r.body);
        assert_eq!(r.json()["HostId"], "ecs.aliyuncs.com");
        assert_eq!(r.json()["Code"], "InvalidRegionId.NotFound");
    }
}

#[test]
fn client_tokens_and_instance_names_are_bounded() {
    let s = default();
    let owner = Client::new(&s, OWNER_KEY);
    let long = "t".repeat(65);
    for token in [long.as_str(), "jeton-é"] {
        owner.ecs("CreateVpc").p("ClientToken", token).err(
            400,
            "InvalidClientToken.ValueNotSupported",
            "The ClientToken provided is invalid.",
        );
        owner
            .ecs("CreateImage")
            .p("InstanceId", "i-none")
            .p("ClientToken", token)
            .err(
                400,
                "InvalidClientToken.ValueNotSupported",
                "The ClientToken provided is invalid.",
            );
    }
    owner
        .ecs("CreateVpc")
        .p("ClientToken", &"t".repeat(64))
        .ok();
    let huge = "n".repeat(20_000);
    for name in ["1abc", "x", "has space", &"n".repeat(129), huge.as_str()] {
        owner
            .ecs("RunInstances")
            .p("ImageId", PLAIN)
            .p("InstanceType", "ecs.g7.large")
            .p("InstanceName", name)
            .err(
                400,
                "InvalidInstanceName.Malformed",
                "The specified parameter \"InstanceName\" is not valid.",
            );
    }
    owner
        .ecs("RunInstances")
        .p("ImageId", PLAIN)
        .p("InstanceType", "ecs.g7.large")
        .p("InstanceName", "构建机-1.a_b:c")
        .ok();
    let sg = owner.ecs("CreateSecurityGroup").ok_str("SecurityGroupId");
    let rule = |description: &str| {
        owner
            .ecs("AuthorizeSecurityGroup")
            .p("SecurityGroupId", &sg)
            .p("IpProtocol", "tcp")
            .p("PortRange", "22/22")
            .p("SourceCidrIp", "10.0.0.0/8")
            .p("Description", description)
    };
    rule(&"d".repeat(513)).err(
        400,
        "InvalidSecurityGroupDiscription.Malformed",
        "The specified security group rule description is not valid.",
    );
    rule(&"d".repeat(512)).ok();
}
