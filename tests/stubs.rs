//! WireMock compatibility: fixture files written from WireMock's documentation, the
//! `/__admin` API as a WireMock client uses it, Alibaba API stubs, connection faults.

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;

use alicloud_mock::MockServer;
use serde_json::json;
use support::*;

fn server() -> MockServer {
    MockServer::builder()
        .fixtures_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures"))
        .unwrap()
        .start_blocking()
        .unwrap()
}

fn admin(s: &MockServer, method: &str, path: &str, body: &serde_json::Value) -> Resp {
    send(
        s.address(),
        method,
        path,
        &[("content-type".into(), "application/json".into())],
        body.to_string().as_bytes(),
    )
}

#[test]
fn the_documentation_examples_answer_as_in_wiremock() {
    let s = server();
    let a = s.address();
    let r = send(a, "GET", "/some/thing", &[], b"");
    assert_eq!((r.status, r.body.as_str()), (200, "Hello world!"));
    assert_eq!(r.header("content-type"), Some("text/plain"));
    // Priorities: the specific stub (priority 1) beats the catch-all (priority 10).
    assert_eq!(
        send(a, "GET", "/api/specific-resource", &[], b"").body,
        "Resource state"
    );
    let r = send(a, "DELETE", "/api/other", &[], b"");
    assert_eq!((r.status, r.body.as_str()), (401, "Not allowed"));
    // Request matching on path pattern, headers, query and JSON body.
    let h = |extra: Option<(&str, &str)>| {
        let mut v: Vec<(String, String)> = vec![
            ("content-type".into(), "APPLICATION/JSON".into()),
            ("x-custom-header".into(), "abc12345def".into()),
        ];
        if let Some((k, val)) = extra {
            v.push((k.into(), val.into()));
        }
        v
    };
    let body = br#"{"total_results": 4}"#;
    let r = send(
        a,
        "POST",
        "/everything/things?search_term=WireMock&exclude=fine",
        &h(None),
        body,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json(), json!({"found": true}));
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(
        send(
            a,
            "POST",
            "/everything/things?search_term=WireMock&exclude=bad",
            &h(None),
            body
        )
        .status,
        404
    );
    assert_eq!(
        send(
            a,
            "POST",
            "/everything/things?search_term=WireMock",
            &h(Some(("x-not-wanted", "1"))),
            body
        )
        .status,
        404
    );
    assert_eq!(
        send(
            a,
            "POST",
            "/everything/things?search_term=WireMock",
            &h(None),
            br#"{"total_results": 5}"#
        )
        .status,
        404
    );
    assert_eq!(
        send(
            a,
            "POST",
            "/everything/THINGS?search_term=WireMock",
            &h(None),
            body
        )
        .status,
        404
    );
    // Unmatched non-API paths still answer as the Alibaba gateway does.
    send(a, "GET", "/nothing/here", &[], b"").assert_error(
        404,
        "InvalidAction.NotFound",
        "Specified api is not found, please check your url and method.",
    );
}

#[test]
fn the_to_do_list_scenario_moves_through_its_states() {
    let s = server();
    let a = s.address();
    let items = || send(a, "GET", "/todo/items", &[], b"").body;
    assert_eq!(items(), "<items><item>Buy milk</item></items>");
    let sc = send(a, "GET", "/__admin/scenarios", &[], b"").json();
    let todo = sc["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["name"] == "To do list")
        .unwrap()
        .clone();
    assert_eq!(todo["state"], "Started");
    assert_eq!(
        send(
            a,
            "POST",
            "/todo/items",
            &[],
            b"Cancel newspaper subscription"
        )
        .status,
        201
    );
    assert_eq!(
        items(),
        "<items><item>Buy milk</item><item>Cancel newspaper subscription</item></items>"
    );
    // In the new state the POST stub no longer matches.
    assert_eq!(
        send(
            a,
            "POST",
            "/todo/items",
            &[],
            b"Cancel newspaper subscription"
        )
        .status,
        404
    );
    assert_eq!(
        admin(&s, "POST", "/__admin/scenarios/reset", &json!({})).status,
        200
    );
    assert_eq!(items(), "<items><item>Buy milk</item></items>");
}

#[test]
fn alibaba_stubs_match_rpc_parameters_and_the_caller() {
    let s = server();
    let a = s.address();
    // V3 request: Action travels in x-acs-action; the member is the caller (by alias).
    for rid in ["STUB-0001", "STUB-0002"] {
        let r = ecs(
            a,
            MEMBER_KEY,
            "DescribeImages",
            &[("RegionId", "cn-hangzhou")],
        );
        r.assert_error(
            400,
            "Throttling.User",
            "Request was denied due to user flow control.",
        );
        assert_eq!(r.json()["RequestId"], rid);
    }
    assert_eq!(
        ecs(
            a,
            MEMBER_KEY,
            "DescribeImages",
            &[("RegionId", "cn-hangzhou")]
        )
        .status,
        200,
        "the model answers after the scenario"
    );
    assert_eq!(
        ecs(
            a,
            OWNER_KEY,
            "DescribeImages",
            &[("RegionId", "cn-hangzhou")]
        )
        .status,
        200,
        "other callers never matched"
    );
    let journal = s.journal();
    let sources: Vec<&str> = journal
        .entries()
        .iter()
        .map(|e| e.source.as_str())
        .collect();
    assert_eq!(sources, ["stub", "stub", "model", "model"]);
    // A stub never bypasses authentication on the API.
    assert_eq!(
        V3::new("DescribeImages", (MEMBER_KEY.0, "wrong"))
            .param("RegionId", "cn-hangzhou")
            .send(a)
            .status,
        400
    );
}

#[test]
fn a_wiremock_client_session_over_the_admin_api() {
    let s = MockServer::builder().start_blocking().unwrap();
    let a = s.address();
    let created = admin(
        &s,
        "POST",
        "/__admin/mappings",
        &json!({
            "name": "regions stub",
            "priority": 1,
            "request": {"method": "POST", "queryParameters": {"Action": {"equalTo": "DescribeRegions"}}, "callerAccount": {"equalTo": OWNER_ID}},
            "response": {"status": 200, "jsonBody": {"RequestId": "R", "Regions": {"Region": []}}},
            "metadata": {"owner": "test"}
        }),
    );
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.json()["id"].as_str().unwrap().to_string();
    let list = send(a, "GET", "/__admin/mappings", &[], b"").json();
    assert_eq!(list["meta"]["total"], 1);
    assert_eq!(list["mappings"][0]["id"], id.as_str());
    assert_eq!(
        send(a, "GET", &format!("/__admin/mappings/{id}"), &[], b"").json()["name"],
        "regions stub"
    );
    let r = V3::new("DescribeRegions", OWNER_KEY).send(a);
    assert_eq!(r.json()["Regions"]["Region"], json!([]));
    assert_eq!(
        V3::new("DescribeRegions", MEMBER_KEY).send(a).json()["Regions"]["Region"]
            .as_array()
            .unwrap()
            .len(),
        6
    );
    let count = admin(
        &s,
        "POST",
        "/__admin/requests/count",
        &json!({"method": "POST", "queryParameters": {"Action": {"equalTo": "DescribeRegions"}}}),
    );
    assert_eq!(
        count.json()["count"],
        2,
        "the journal includes requests the model answered"
    );
    let count = admin(
        &s,
        "POST",
        "/__admin/requests/count",
        &json!({"callerAccount": {"equalTo": OWNER_ID}}),
    );
    assert_eq!(count.json()["count"], 1);
    let reqs = send(a, "GET", "/__admin/requests", &[], b"").json();
    assert_eq!(reqs["meta"]["total"], 2);
    assert_eq!(
        reqs["requests"][0]["wasMatched"], false,
        "newest first: the model's answer"
    );
    assert_eq!(reqs["requests"][1]["wasMatched"], true);
    assert_eq!(
        send(a, "DELETE", &format!("/__admin/mappings/{id}"), &[], b"").status,
        200
    );
    assert_eq!(
        send(a, "GET", &format!("/__admin/mappings/{id}"), &[], b"").status,
        404
    );
    assert_eq!(
        V3::new("DescribeRegions", OWNER_KEY).send(a).json()["Regions"]["Region"]
            .as_array()
            .unwrap()
            .len(),
        6
    );
    // Ties go to the most recently added stub.
    for body in ["first", "second"] {
        admin(
            &s,
            "POST",
            "/__admin/mappings",
            &json!({"request": {"url": "/tie"}, "response": {"body": body}}),
        );
    }
    assert_eq!(send(a, "GET", "/tie", &[], b"").body, "second");
    assert_eq!(admin(&s, "POST", "/__admin/reset", &json!({})).status, 200);
    assert_eq!(
        send(a, "GET", "/__admin/mappings", &[], b"").json()["meta"]["total"],
        0
    );
    assert_eq!(
        send(a, "GET", "/__admin/requests", &[], b"").json()["meta"]["total"],
        0
    );
    let bad = admin(
        &s,
        "POST",
        "/__admin/mappings",
        &json!({"request": {"url": "/x", "cookies": {}}, "response": {}}),
    );
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["error"], "request.cookies: unsupported field");
}

#[test]
fn reset_keeps_file_stubs_and_drops_run_time_ones() {
    let s = server();
    admin(
        &s,
        "POST",
        "/__admin/mappings",
        &json!({"request": {"url": "/runtime"}, "response": {"body": "x"}}),
    );
    assert_eq!(send(s.address(), "GET", "/runtime", &[], b"").status, 200);
    s.reset();
    assert_eq!(send(s.address(), "GET", "/runtime", &[], b"").status, 404);
    assert_eq!(
        send(s.address(), "GET", "/some/thing", &[], b"").status,
        200
    );
}

fn raw_get(addr: std::net::SocketAddr, path: &str) -> std::io::Result<Vec<u8>> {
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(std::time::Duration::from_secs(5)))?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n"
    )?;
    let mut out = Vec::new();
    s.read_to_end(&mut out)?;
    Ok(out)
}

#[test]
fn connection_faults_break_the_response_like_wiremock() {
    let s = server();
    let a = s.address();
    let empty = raw_get(a, "/fault/empty");
    assert!(
        empty.map_or(true, |b| b.is_empty()),
        "no bytes for EMPTY_RESPONSE"
    );
    let malformed = raw_get(a, "/fault/malformed").unwrap_or_default();
    let text = String::from_utf8_lossy(&malformed);
    assert!(
        text.starts_with("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked"),
        "{text}"
    );
    assert!(
        !text.ends_with("0\r\n\r\n"),
        "the chunked body never terminates"
    );
    let random = raw_get(a, "/fault/random").unwrap_or_default();
    assert!(!random.starts_with(b"HTTP/"), "garbage, not HTTP");
    let reset = raw_get(a, "/fault/reset");
    assert!(reset.map_or(true, |b| b.is_empty()));
    // A delay answers normally, after the delay.
    let started = std::time::Instant::now();
    assert_eq!(send(a, "GET", "/slow", &[], b"").body, "late");
    assert!(started.elapsed() >= std::time::Duration::from_millis(20));
    // The server still serves after all of that.
    assert_eq!(send(a, "GET", "/some/thing", &[], b"").status, 200);
}

#[test]
fn unsupported_fields_are_load_errors_naming_file_and_field() {
    let dir = std::env::temp_dir().join(format!("alicloud-mock-fixtures-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("bad.json"),
        r#"{"mappings": [{"request": {"url": "/"}, "response": {"bodyFileName": "x.json"}}]}"#,
    )
    .unwrap();
    let e = MockServer::builder()
        .fixtures_dir(&dir)
        .unwrap_err()
        .to_string();
    assert!(
        e.ends_with("bad.json: mappings[0].response.bodyFileName: unsupported field"),
        "{e}"
    );
    std::fs::write(
        dir.join("bad.json"),
        "request:\n  url: /\n  matchesJsonPath: x\nresponse: {}\n",
    )
    .unwrap();
    std::fs::rename(dir.join("bad.json"), dir.join("bad.yaml")).unwrap();
    let e = MockServer::builder()
        .fixtures_dir(&dir)
        .unwrap_err()
        .to_string();
    assert!(
        e.ends_with("bad.yaml: request.matchesJsonPath: unsupported field"),
        "{e}"
    );
    // The CLI refuses to start on it, naming the file and field.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_alicloud-mock"))
        .args(["serve", "--listen", "127.0.0.1:0", "--fixtures"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("bad.yaml: request.matchesJsonPath: unsupported field"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_alicloud-mock"))
        .arg("validate")
        .arg(dir.join("bad.yaml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn the_library_adds_and_removes_stubs() {
    let s = MockServer::builder().start_blocking().unwrap();
    let id = s
        .add_stub(&json!({"request": {"queryParameters": {"Action": {"equalTo": "DescribeRegions"}}}, "response": {"status": 503, "jsonBody": {"Code": "ServiceUnavailable"}}}))
        .unwrap();
    let r = V3::new("DescribeRegions", OWNER_KEY).send(s.address());
    assert_eq!(r.status, 503);
    assert_eq!(
        s.journal().entries()[0].code.as_deref(),
        Some("ServiceUnavailable")
    );
    assert!(s.remove_stub(&id));
    assert_eq!(
        V3::new("DescribeRegions", OWNER_KEY)
            .send(s.address())
            .status,
        200
    );
    assert_eq!(
        s.add_stub(&json!({"request": {}, "response": {"transformers": []}}))
            .unwrap_err()
            .to_string(),
        "response.transformers: unsupported field"
    );
}
