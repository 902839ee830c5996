//! Every request captured from the real SDKs (tests/vectors/, copied from
//! tests/vectors/) authenticates with the documented credentials and fails with any
//! other secret. The wall clock is set to each request's own timestamp, since the captures
//! are older than the 15-minute window.

use alicloud_mock::pipeline::auth::{authenticate, AuthContext, AuthRequest, NonceCache};
use alicloud_mock::protocol::params::{decode_form, Params};
use alicloud_mock::scenario::{AuthMode, Scenario};
use alicloud_mock::time::parse_wire_timestamp;
use alicloud_mock::world::World;
use alicloud_mock::ApiError;
use serde_json::Value;

const AKID: &str = "LTAI5tTestAccessKeyId";
const SECRET: &str = "TestSecret/+=~ *key";
const TOKEN: &str = "CAIS+sts/token==with=odd*chars~";

fn world(secret: &str, sts: bool) -> World {
    let key = if sts {
        format!("sts_tokens: [{{ token: {TOKEN:?}, access_key_id: {AKID}, secret: {secret:?} }}]")
    } else {
        format!("access_keys: [{{ id: {AKID}, secret: {secret:?} }}]")
    };
    let yaml = format!("accounts:\n  - id: \"1234567890123456\"\n    {key}\n");
    World::from_scenario(
        Scenario::from_str("vectors", &yaml).unwrap(),
        0,
        &alicloud_mock::world::Ids::new(Some(1)),
    )
}

struct Captured {
    file: String,
    method: String,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    body_params: Vec<(String, String)>,
}

fn load() -> Vec<Captured> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors");
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    for f in files {
        let reqs: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        for r in reqs {
            let headers: Vec<(String, String)> = r["headers"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| {
                    (
                        h[0].as_str().unwrap().to_string(),
                        h[1].as_str().unwrap().to_string(),
                    )
                })
                .collect();
            let body = r["body"].as_str().unwrap().as_bytes().to_vec();
            let is_form = headers.iter().any(|(k, v)| {
                k.eq_ignore_ascii_case("content-type")
                    && v.starts_with("application/x-www-form-urlencoded")
            });
            out.push(Captured {
                file: f.file_name().unwrap().to_string_lossy().into_owned(),
                method: r["method"].as_str().unwrap().to_string(),
                path: r["path"].as_str().unwrap().to_string(),
                query: decode_form(r["raw_query"].as_str().unwrap().as_bytes()),
                body_params: if is_form { decode_form(&body) } else { vec![] },
                headers,
                body,
            });
        }
    }
    out
}

fn check(c: &Captured, world: &World) -> Result<String, ApiError> {
    let params = Params::merge(&c.query, &c.body_params);
    let header = |n: &str| {
        c.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(n))
            .map(|(_, v)| v.clone())
    };
    let ts = header("x-acs-date")
        .or_else(|| params.get("Timestamp").map(str::to_string))
        .expect("every capture has a timestamp");
    let nonces = NonceCache::default();
    let cx = AuthContext {
        mode: AuthMode::Strict,
        world,
        wall_now: parse_wire_timestamp(&ts).unwrap(),
        mock_now: 0,
        nonces: &nonces,
    };
    authenticate(
        &cx,
        &AuthRequest {
            method: &c.method,
            path: &c.path,
            headers: &c.headers,
            query: &c.query,
            body_params: &c.body_params,
            body: &c.body,
            params: &params,
        },
    )
    .map(|caller| caller.account_id)
}

fn uses_sts(c: &Captured) -> bool {
    c.query
        .iter()
        .chain(&c.body_params)
        .any(|(k, _)| k == "SecurityToken")
        || c.headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("x-acs-security-token"))
}

#[test]
fn every_captured_request_verifies_with_the_documented_secret() {
    let all = load();
    assert!(
        all.len() >= 43,
        "expected the 43 captured requests, found {}",
        all.len()
    );
    let (plain, sts) = (world(SECRET, false), world(SECRET, true));
    for c in &all {
        let w = if uses_sts(c) { &sts } else { &plain };
        assert_eq!(
            check(c, w),
            Ok("1234567890123456".to_string()),
            "{} {} {}",
            c.file,
            c.method,
            c.path
        );
    }
}

#[test]
fn every_captured_request_fails_with_another_secret() {
    let (plain, sts) = (world("TestSecret/+=~ *kez", false), world("another", true));
    for c in &load() {
        let w = if uses_sts(c) { &sts } else { &plain };
        match check(c, w) {
            Err(ApiError::SignatureDoesNotMatch(string_to_sign)) => {
                assert!(!string_to_sign.is_empty())
            }
            other => panic!("{}: expected SignatureDoesNotMatch, got {other:?}", c.file),
        }
    }
}

#[test]
fn rpc_mismatch_echoes_the_string_the_legacy_sdk_compares() {
    // The legacy SDK compares Message.split(':')[1] with its own string to sign, which for
    // RPC requests starts with METHOD&%2F&.
    let plain = world("wrong", false);
    let c = load()
        .into_iter()
        .find(|c| c.file == "legacy_ak.json")
        .unwrap();
    let err = check(&c, &plain).unwrap_err();
    let msg = err.message().into_owned();
    let echoed = msg.split(':').nth(1).unwrap();
    assert!(
        echoed.starts_with("POST&%2F&AccessKeyId%3DLTAI5tTestAccessKeyId"),
        "{echoed}"
    );
}

#[test]
fn sts_token_is_required_for_a_temporary_key_and_must_match_it() {
    let sts = world(SECRET, true);
    let all = load();
    // A temporary key used without its token.
    let c = all
        .iter()
        .find(|c| c.file == "new_v3_default.json")
        .unwrap();
    assert_eq!(check(c, &sts), Err(ApiError::MissingSecurityToken));
    // A token sent with a permanent key.
    let plain = world(SECRET, false);
    let c = all.iter().find(|c| c.file == "new_v3_sts.json").unwrap();
    assert_eq!(
        check(c, &plain),
        Err(ApiError::InvalidSecurityTokenMalformed)
    );
}
