//! Fuzz targets: each takes arbitrary bytes and must return without panicking, hanging or
//! growing without bound. `fuzz/` runs them under libFuzzer (`cargo +nightly fuzz run
//! <target>`); `tests/fuzz_targets.rs` runs them over seeded random and mutated inputs in
//! CI. A target that finds a problem panics (assertions included), which is what both
//! drivers report.

use std::sync::OnceLock;

use bytes::Bytes;

use crate::control::api;
use crate::pipeline::{App, HttpRequest, Overrides};
use crate::protocol::envelope::{self, Format};
use crate::protocol::params::{decode_form, Params};
use crate::scenario::{AuthMode, Scenario};

/// A fuzz target.
pub type Target = fn(&[u8]);

/// Every target, by name: what `fuzz/` builds and `tests/fuzz_targets.rs` runs.
pub const TARGETS: &[(&str, Target)] = &[
    ("params", params),
    ("request", request),
    ("signed_request", signed_request),
    ("scenario", scenario),
    ("fixture", fixture),
    ("state_file", state_file),
    ("control", control),
    ("render", render),
];

/// Splits input into `n` parts at `\n` bytes (missing parts are empty).
fn parts(data: &[u8], n: usize) -> Vec<&[u8]> {
    let mut out: Vec<&[u8]> = data.splitn(n, |&b| b == b'\n').collect();
    out.resize(n, b"");
    out
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Query and form decoding, the merge, and every typed getter on names from the input.
pub fn params(data: &[u8]) {
    let p = parts(data, 3);
    let merged = Params::merge(&decode_form(p[0]), &decode_form(p[1]));
    for name in text(p[2])
        .split(',')
        .chain(["Tag", "AddAccount", "RegionId"])
    {
        let _ = merged.get(name);
        let _ = merged.required(name);
        let _ = merged.bool(name);
        let _ = merged.int(name, 1, 100);
        let _ = merged.list(name);
        let _ = merged.object_list(name);
    }
}

/// One app per thread-independent target, in lax or strict mode.
fn app(strict: bool) -> &'static App {
    static LAX: OnceLock<App> = OnceLock::new();
    static STRICT: OnceLock<App> = OnceLock::new();
    let (cell, mode) = if strict {
        (&STRICT, AuthMode::Strict)
    } else {
        (&LAX, AuthMode::Lax)
    };
    cell.get_or_init(|| {
        App::new(
            Scenario::default_scenario(),
            &Overrides {
                auth: Some(mode),
                seed: Some(1),
            },
        )
    })
}

fn http(data: &[u8]) -> HttpRequest {
    let p = parts(data, 5);
    let headers = text(p[3])
        .split('\t')
        .filter_map(|h| h.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    HttpRequest {
        method: if p[0].is_empty() {
            "POST".into()
        } else {
            text(p[0])
        },
        path: if p[1].is_empty() {
            "/".into()
        } else {
            text(p[1])
        },
        query: text(p[2]),
        headers,
        body: Bytes::copy_from_slice(p[4]),
    }
}

/// A whole API request through the pipeline, authenticated as the input says (lax mode:
/// any AccessKeyId naming an account works, so every handler is reachable). The world is
/// reset now and then so it cannot grow without bound.
pub fn request(data: &[u8]) {
    let app = app(false);
    let mut req = http(data);
    if !req.query.contains("AccessKeyId") {
        req.query
            .push_str("&AccessKeyId=LTAI5tOwner0000000001&Version=2014-05-26");
    }
    let r = app.handle(req);
    assert!((200..600).contains(&r.status));
    if app.world().images.all_custom().count() > 10_000 {
        app.reset();
    }
}

/// A request in strict mode: signature parsing and verification of both styles.
pub fn signed_request(data: &[u8]) {
    let r = app(true).handle(http(data));
    assert!((200..600).contains(&r.status));
}

/// Scenario text: parsing, limits, merging and validation.
pub fn scenario(data: &[u8]) {
    let t = text(data);
    if let Ok(src) = crate::scenario::parse_str("fuzz.yaml", &t) {
        let _ = Scenario::build(std::slice::from_ref(&src));
        let _ = Scenario::default_scenario().merged_with(&[src]);
    }
}

/// Stub mapping files, as JSON and as YAML.
pub fn fixture(data: &[u8]) {
    let t = text(data);
    let _ = crate::control::stubs::parse_text("fuzz.json", &t, &mut String::new);
    let _ = crate::control::stubs::parse_text("fuzz.yaml", &t, &mut String::new);
}

/// State file text: parsing and the consistency check.
pub fn state_file(data: &[u8]) {
    let _ = crate::pipeline::check_state_text(&text(data));
}

/// Control-API bodies on every path that reads one.
pub fn control(data: &[u8]) {
    let app = app(false);
    let p = parts(data, 2);
    let path = match p[0].first().copied().unwrap_or(0) % 6 {
        0 => "/_mock/clock",
        1 => "/_mock/faults",
        2 => "/_mock/scenario",
        3 => "/__admin/mappings",
        4 => "/__admin/requests/count",
        _ => "/_mock/scenario?merge=true",
    };
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    let req = HttpRequest {
        method: "POST".into(),
        path: path.into(),
        query: query.into(),
        headers: vec![("content-type".into(), "application/json".into())],
        body: Bytes::copy_from_slice(p[1]),
    };
    if let Some(route) = api::route(&req.path) {
        let r = api::handle(app, route, &req);
        assert!((200..600).contains(&r.status));
    }
    // Keep the app small and sane for the next input.
    app.reset();
}

/// Any JSON value rendered as a JSON and an XML answer; the XML must parse.
pub fn render(data: &[u8]) {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let _ = envelope::success_body(Format::Json, "Fuzz", "R", value.clone().into());
    let xml = envelope::success_body(Format::Xml, "Fuzz", "R", value.into());
    let xml = String::from_utf8(xml).expect("XML answers are UTF-8");
    let mut reader = quick_xml::Reader::from_str(&xml);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Text(t)) => {
                t.unescape().expect("XML text unescapes");
            }
            Ok(_) => {}
            Err(e) => panic!("unparseable XML answer ({e}): {xml}"),
        }
    }
}
