//! The control API under `/_mock/` and WireMock's `/__admin/` (interface.md §6).
//!
//! JSON in, JSON out; 200 with an object on success, 400 `{"error": ...}` on bad input, 404
//! for paths it does not serve. Never an Alibaba envelope.

use serde_json::{json, Value};

use crate::app::{App, HttpRequest, HttpResponse};

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
    match (req.method.as_str(), route) {
        ("GET", Route::Mock("health")) => {
            let name = app.world().scenario.name();
            reply(
                200,
                json!({"status": "ok", "version": env!("CARGO_PKG_VERSION"), "scenario": name}),
            )
        }
        _ => reply(
            404,
            json!({"error": format!("no control endpoint {} {}", req.method, req.path)}),
        ),
    }
}

fn reply(status: u16, body: Value) -> HttpResponse {
    HttpResponse {
        status,
        content_type: "application/json",
        body: serde_json::to_vec(&body).expect("a Value always serialises"),
    }
}
