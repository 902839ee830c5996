//! The control API under `/_mock/` and WireMock's `/__admin/` (docs/control-api.md).
//!
//! JSON in, JSON out; 200 with an object on success, 400 `{"error": ...}` on bad input, 404
//! for paths it does not serve. Never an Alibaba envelope.

use serde_json::{json, Map, Value};

use crate::control::dashboard;
use crate::control::journal::views;
use crate::pipeline::{App, HttpRequest, HttpResponse};
use crate::products;
use crate::time::{format_millis, Millis};
use crate::world::World;

/// A control-plane path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route<'a> {
    Mock(&'a str),
    WireMock(&'a str),
}

/// Whether `path` belongs to the control plane.
pub fn route(path: &str) -> Option<Route<'_>> {
    if let Some(rest) = path.strip_prefix("/_mock/") {
        Some(Route::Mock(rest))
    } else if let Some(rest) = path.strip_prefix("/__admin/") {
        Some(Route::WireMock(rest))
    } else if path == "/_mock" || path == "/__admin" {
        Some(Route::Mock(""))
    } else {
        None
    }
}

pub fn handle(app: &App, route: Route<'_>, req: &HttpRequest) -> HttpResponse {
    let response = answer(app, route, req);
    // A change made here (reset, scenario, clock) reaches the state file before it is
    // answered, as API changes do.
    if let Err(e) = app.persist() {
        tracing::error!(error = %e, "cannot write the state file");
        return reply(
            500,
            json!({"error": format!("cannot write the state file: {e}")}),
        );
    }
    response
}

fn answer(app: &App, route: Route<'_>, req: &HttpRequest) -> HttpResponse {
    // The CA certificate is public (clients need it to trust the mock): no admin token.
    if let ("GET", Route::Mock("ca.pem")) = (req.method.as_str(), &route) {
        return match app.options.tls.ca_pem() {
            Ok(pem) => HttpResponse::new(200, "application/x-pem-file", pem.as_bytes().to_vec()),
            Err(e) => reply(500, json!({"error": format!("no CA: {e}")})),
        };
    }
    app.settle(app.clock.now());
    if let Some(token) = &app.options.admin_token {
        // The scheme is case-insensitive (RFC 9110 section 11.1).
        let given = req.header("authorization").and_then(|h| {
            let (scheme, token) = h.trim().split_once(' ')?;
            scheme
                .eq_ignore_ascii_case("bearer")
                .then(|| token.trim().to_string())
        });
        // A browser opening the dashboard cannot send a header: the page takes the token
        // in its URL (`/_mock/ui?token=T`) and sends it as a header from then on.
        let given = match (given, &route) {
            (None, Route::Mock("ui")) => query_param(req, "token"),
            (given, _) => given,
        };
        if given.as_deref() != Some(token.as_str()) {
            return reply(
                401,
                json!({"error": "missing or wrong admin token (Authorization: Bearer ...)"}),
            );
        }
    }
    match (req.method.as_str(), route) {
        ("GET", Route::Mock("health")) => {
            let name = app.world().scenario.name();
            let state_file = app
                .options
                .state_file
                .as_ref()
                .map(|s| s.path().display().to_string());
            let from_file = app
                .from_state_file
                .load(std::sync::atomic::Ordering::Relaxed);
            reply(
                200,
                json!({
                    "status": "ok",
                    "version": env!("CARGO_PKG_VERSION"),
                    "scenario": name,
                    "world": if from_file { "state file" } else { "scenario" },
                    "state_file": state_file,
                }),
            )
        }
        ("GET", Route::Mock("ui")) => dashboard::page(),
        ("GET", Route::Mock("visibility")) => {
            let (status, v) = dashboard::matrix(app, query_param(req, "region").as_deref());
            reply(status, v)
        }
        ("GET", Route::Mock("visibility/why")) => {
            let q = |n: &str| query_param(req, n);
            let (status, v) = dashboard::why(
                app,
                q("region").as_deref(),
                q("account").as_deref(),
                q("image").as_deref(),
            );
            reply(status, v)
        }
        ("GET", Route::Mock("state")) => reply(200, world_state(&app.world(), app.clock.now())),
        ("POST", Route::Mock("reset")) => {
            app.reset();
            reply(200, json!({"status": "reset"}))
        }
        ("POST", Route::Mock("scenario")) => post_scenario(app, req),
        ("GET", Route::Mock("requests")) => {
            let after = query_param(req, "after").and_then(|v| v.parse::<u64>().ok());
            HttpResponse::new(
                200,
                "application/json",
                views::mock_requests(&app.journal.entries_after(after.unwrap_or(0))),
            )
        }
        ("GET", Route::Mock(path)) if path.starts_with("requests/") => {
            match path["requests/".len()..]
                .parse::<u64>()
                .ok()
                .and_then(|n| app.journal.entry(n))
            {
                Some(e) => HttpResponse::new(200, "application/json", views::mock_request(&e)),
                None => reply(404, json!({"error": format!("no journal entry {path}")})),
            }
        }
        ("DELETE", Route::Mock("requests")) => {
            app.journal.clear();
            reply(200, json!({"requests": []}))
        }
        ("GET", Route::Mock("clock")) => reply(200, clock_view(app)),
        ("POST", Route::Mock("clock")) => post_clock(app, req),
        ("GET", Route::Mock("faults")) => reply(200, json!({"faults": app.faults.list()})),
        ("POST", Route::Mock("faults")) => post_faults(app, req),
        ("DELETE", Route::Mock("faults")) => {
            app.faults.replace(vec![]);
            reply(200, json!({"faults": []}))
        }
        ("POST", Route::Mock(path)) if path.starts_with("quota-applications/") => {
            post_quota_decision(app, &path["quota-applications/".len()..], req)
        }
        (_, Route::WireMock(rest)) => wiremock(app, rest, req),
        _ => reply(
            404,
            json!({"error": format!("no control endpoint {} {}", req.method, req.path)}),
        ),
    }
}

/// `POST /_mock/quota-applications/<id>` `{"decision": "approve"|"reject"}`: decides a
/// pending quota application now.
fn post_quota_decision(app: &App, id: &str, req: &HttpRequest) -> HttpResponse {
    let v = match json_body(req) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let approved = match v.get("decision").and_then(Value::as_str) {
        Some("approve") => true,
        Some("reject") => false,
        _ => {
            return reply(
                400,
                json!({"error": "body must be {\"decision\": \"approve\"} or {\"decision\": \"reject\"}"}),
            )
        }
    };
    let now = app.clock.now();
    let decided = app.world_mut().decide_quota_application(id, approved, now);
    match decided {
        Ok(a) => reply(
            200,
            json!({"application_id": a.id, "status": a.status.as_str(), "approve_value": a.approve}),
        ),
        Err(e) if e.starts_with("no quota application") => reply(404, json!({"error": e})),
        Err(e) => reply(409, json!({"error": e})),
    }
}

/// WireMock's admin paths for stubs and the journal (docs/sources.md#wiremock). The journal
/// they show includes requests answered by the stateful model.
fn wiremock(app: &App, rest: &str, req: &HttpRequest) -> HttpResponse {
    let rest = rest.trim_end_matches('/');
    match (req.method.as_str(), rest) {
        ("GET", "mappings") => {
            let list: Vec<Value> = app.stubs.list().into_iter().map(|s| s.raw).collect();
            reply(
                200,
                json!({"mappings": list, "meta": {"total": list.len()}}),
            )
        }
        ("POST", "mappings") => {
            let v = match json_body(req) {
                Ok(v) => v,
                Err(r) => return r,
            };
            match crate::control::stubs::parse_stub(&v, "", || app.ids.stub_id()) {
                Ok(stub) => {
                    let raw = stub.raw.clone();
                    app.stubs.add(stub);
                    app.stubs_changed();
                    reply(201, raw)
                }
                Err(e) => bad(e),
            }
        }
        ("DELETE", "mappings") => {
            app.stubs.clear();
            app.stubs_changed();
            reply(200, json!({}))
        }
        // WireMock: mappings back to the files' (and the persistent ones); `reset` also
        // empties the journal and puts scenarios back to Started.
        ("POST", "mappings/reset") => {
            app.stubs.restore(&app.options.fixtures);
            app.stubs_changed();
            reply(200, json!({}))
        }
        ("POST", "reset") => {
            app.stubs.restore(&app.options.fixtures);
            app.stubs.reset_scenarios();
            app.journal.clear();
            app.stubs_changed();
            reply(200, json!({}))
        }
        ("GET", "requests/unmatched") => {
            let list: Vec<Value> = app
                .journal
                .entries()
                .iter()
                .filter(|e| e.source != crate::control::journal::Source::Stub)
                .map(|e| logged_request(e))
                .collect();
            reply(200, json!({"requests": list}))
        }
        ("GET", "requests/unmatched/near-misses") => {
            let world = app.world();
            let resolve = |a: &str| world.resolve(a);
            let mut near = Vec::new();
            for e in app
                .journal
                .entries()
                .iter()
                .filter(|e| e.source != crate::control::journal::Source::Stub)
            {
                for (pattern, distance) in with_probe(e, |p| app.stubs.near_misses(p, &resolve)) {
                    near.push(json!({
                        "request": logged_request(e),
                        "requestPattern": pattern,
                        "matchResult": {"distance": distance},
                    }));
                }
            }
            reply(200, json!({"nearMisses": near}))
        }
        ("GET", "scenarios") => reply(200, app.stubs.scenarios()),
        ("POST", "scenarios/reset") => {
            app.stubs.reset_scenarios();
            reply(200, json!({}))
        }
        ("GET", "requests") => HttpResponse::new(
            200,
            "application/json",
            views::wiremock_requests(&app.journal.entries()),
        ),
        ("DELETE", "requests") => {
            app.journal.clear();
            reply(200, json!({}))
        }
        ("POST", "requests/count") => {
            let v = match json_body(req) {
                Ok(v) => v,
                Err(r) => return r,
            };
            let matcher = match crate::control::stubs::Stubs::parse_request_pattern(&v) {
                Ok(m) => m,
                Err(e) => return bad(e),
            };
            let count = app
                .journal
                .entries()
                .iter()
                .filter(|e| entry_matches(e, &matcher))
                .count();
            reply(200, json!({"count": count}))
        }
        (method, path) => match path.strip_prefix("mappings/") {
            Some(id) if method == "GET" => match app.stubs.get(id) {
                Some(s) => reply(200, s.raw),
                None => reply(404, json!({"error": format!("no stub mapping {id}")})),
            },
            Some(id) if method == "DELETE" => {
                if app.stubs.remove(id) {
                    app.stubs_changed();
                    reply(200, json!({}))
                } else {
                    reply(404, json!({"error": format!("no stub mapping {id}")}))
                }
            }
            _ => reply(
                404,
                json!({"error": format!("no admin endpoint {method} /__admin/{path}")}),
            ),
        },
    }
}

/// Whether a journal entry matches a WireMock request pattern.
fn entry_matches(
    e: &crate::control::journal::Entry,
    m: &impl Fn(&crate::control::stubs::Probe) -> bool,
) -> bool {
    with_probe(e, m)
}

/// A journal entry as stub matching sees a request.
fn with_probe<R>(
    e: &crate::control::journal::Entry,
    m: impl FnOnce(&crate::control::stubs::Probe) -> R,
) -> R {
    let (path, query) = e.url.split_once('?').unwrap_or((e.url.as_str(), ""));
    let mut params: Vec<(String, String)> = e.params.to_vec();
    let headers = e.headers.to_vec();
    for (k, v) in [("Action", &e.action), ("Version", &e.version)] {
        if let (Some(v), false) = (v, params.iter().any(|(n, _)| n == k)) {
            params.push((k.to_string(), v.clone()));
        }
    }
    let is_form = e.headers.iter().any(|(k, v)| {
        k.eq_ignore_ascii_case("content-type") && v.starts_with("application/x-www-form-urlencoded")
    });
    let form = if is_form {
        crate::protocol::params::decode_form(e.body.as_bytes())
    } else {
        vec![]
    };
    m(&crate::control::stubs::Probe {
        method: &e.method,
        path,
        query,
        headers: &headers,
        body: e.body.as_bytes(),
        params: &params,
        form: &form,
        caller: e.account_id.as_deref(),
    })
}

/// A journal entry as WireMock logs a request.
fn logged_request(e: &crate::control::journal::Entry) -> Value {
    let mut headers = Map::new();
    for (k, v) in e.headers.iter() {
        headers.insert(k.to_string(), Value::String(v.to_string()));
    }
    json!({
        "url": e.url,
        "method": e.method,
        "headers": headers,
        "body": e.body,
        "loggedDate": e.time,
        "loggedDateString": format_millis(e.time),
    })
}

fn bad(msg: impl Into<String>) -> HttpResponse {
    reply(400, json!({"error": msg.into()}))
}

/// The request body as JSON, or the 400 answer saying why it is not.
fn json_body(req: &HttpRequest) -> Result<Value, HttpResponse> {
    serde_json::from_slice(&req.body).map_err(|e| bad(format!("body is not JSON: {e}")))
}

fn post_scenario(app: &App, req: &HttpRequest) -> HttpResponse {
    let merge = req
        .query
        .split('&')
        .any(|kv| kv.eq_ignore_ascii_case("merge=true"));
    let text = String::from_utf8_lossy(&req.body);
    let parsed = match crate::scenario::parse_str("<POST /_mock/scenario>", &text) {
        Ok(p) => p,
        Err(e) => return bad(e.to_string()),
    };
    match app.set_scenario(&[parsed], merge) {
        Ok(()) => reply(
            200,
            json!({"status": "ok", "scenario": app.world().scenario.name()}),
        ),
        Err(e) => bad(e.to_string()),
    }
}

fn clock_view(app: &App) -> Value {
    json!({"time": format_millis(app.clock.now()), "manual": app.clock.is_manual()})
}

fn post_clock(app: &App, req: &HttpRequest) -> HttpResponse {
    let body = match json_body(req) {
        Ok(v) => v,
        Err(r) => return r,
    };
    if let Some(n) = body.get("advance_seconds") {
        let Some(secs) = n.as_f64().filter(|s| s.is_finite()) else {
            return bad("advance_seconds must be a number");
        };
        // Within the represented years (the cast saturates; advance refuses the rest).
        if !app.clock.advance((secs * 1000.0) as Millis) {
            return bad("advance_seconds must keep the clock between the years 0000 and 9999");
        }
    } else if let Some(t) = body.get("set") {
        match t.as_str().and_then(crate::time::parse_rfc3339) {
            Some(ms) => app.clock.set(ms),
            None => return bad("set must be an RFC 3339 time such as \"2026-01-01T00:00:00Z\""),
        }
    } else {
        return bad("expected {\"advance_seconds\": N} or {\"set\": \"RFC3339\"}");
    }
    app.touch_world();
    reply(200, clock_view(app))
}

fn post_faults(app: &App, req: &HttpRequest) -> HttpResponse {
    let body = match json_body(req) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let items = match body {
        Value::Array(a) => a,
        Value::Object(ref m) if m.contains_key("faults") => match &m["faults"] {
            Value::Array(a) => a.clone(),
            _ => return bad("faults must be a list"),
        },
        other => vec![other],
    };
    let mut rules = Vec::new();
    for item in items {
        let spec: crate::scenario::FaultSpec = match serde_json::from_value(item) {
            Ok(s) => s,
            Err(e) => return bad(format!("bad fault rule: {e}")),
        };
        let world = app.world();
        match crate::control::faults::Rule::from_spec(&spec, |a| world.resolve(a)) {
            Ok(r) => rules.push(r),
            Err(e) => return bad(e),
        }
    }
    for r in rules {
        app.faults.add(r);
    }
    reply(200, json!({"faults": app.faults.list()}))
}

fn reply(status: u16, body: Value) -> HttpResponse {
    HttpResponse::new(
        status,
        "application/json",
        serde_json::to_vec(&body).expect("a Value always serialises"),
    )
}

/// The whole world as one JSON object (the control API's `GET /_mock/state`), secrets left
/// out: the accounts here, each product's sections from its home. Times are the mock
/// clock's; transitional states are shown as they are at `now`.
pub fn world_state(w: &World, now: Millis) -> Value {
    let accounts: Vec<Value> = w
        .accounts
        .iter()
        .map(|a| {
            let keys: Vec<&str> = w
                .scenario
                .spec
                .accounts
                .iter()
                .filter(|s| s.id == a.id)
                .flat_map(|s| s.access_keys.iter().map(|k| k.id.as_str()))
                .collect();
            json!({
                "id": a.id, "alias": a.alias, "site": a.site,
                "access_key_ids": keys,
                "community_terms_signed": a.community_terms_signed,
            })
        })
        .collect();
    let mut out = Map::new();
    out.insert("time".into(), format_millis(now).into());
    out.insert("accounts".into(), accounts.into());
    products::ecs::images::dump::dump(w, now, &mut out);
    products::resource_directory::dump::dump(w, now, &mut out);
    products::resource_sharing::dump::dump(w, now, &mut out);
    products::quotas::dump::dump(w, now, &mut out);
    products::ram::dump::dump(w, now, &mut out);
    products::ecs::instances::dump::dump(w, now, &mut out);
    products::swas::dump::dump(w, now, &mut out);
    products::ecs::key_pairs::dump::dump(w, now, &mut out);
    products::vpc::dump::dump(w, now, &mut out);
    products::ecs::security_groups::dump::dump(w, now, &mut out);
    products::ecs::disks::dump::dump(w, now, &mut out);
    Value::Object(out)
}

/// The value of one query parameter of a control request (form-decoded).
fn query_param(req: &HttpRequest, name: &str) -> Option<String> {
    form_urlencoded::parse(req.query.as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}
