//! The web dashboard (docs/dashboard.md): `GET /_mock/ui`, one page embedded in the binary
//! (HTML, CSS and JavaScript in `index.html`: no CDN, works offline), and the two JSON
//! endpoints behind its visibility matrix. Everything else the page shows it reads from the
//! control API (`/_mock/state`, `/_mock/requests`, `/_mock/clock`, `/_mock/faults`).

use serde_json::{json, Value};

use crate::pipeline::{App, HttpResponse};
use crate::world::visibility::REACH_CODES;

/// The page.
const PAGE: &str = include_str!("index.html");

pub fn page() -> HttpResponse {
    let mut r = HttpResponse::new(200, "text/html; charset=utf-8", PAGE.as_bytes());
    r.headers.push(("cache-control".into(), "no-store".into()));
    r
}

/// `GET /_mock/visibility?region=R`: the accounts, the images of the region and, per
/// account, the index into `legend` of how it reaches each image (0: it does not).
pub fn matrix(app: &App, region: Option<&str>) -> (u16, Value) {
    let now = app.clock.now();
    let world = app.world();
    let region = region.unwrap_or(&world.default_region).to_string();
    if !world.has_region(&region) {
        return (
            404,
            json!({"error": format!("{region} is not a region of this world")}),
        );
    }
    let (images, cells) = world.reach_matrix(&region, now);
    let accounts: Vec<Value> = world
        .accounts
        .iter()
        .map(|a| json!({"id": a.id, "alias": a.alias, "site": format!("{:?}", a.site)}))
        .collect();
    let images: Vec<Value> = images
        .iter()
        .map(|i| {
            json!({
                "id": i.id,
                "name": i.name,
                "owner": i.owner,
                "kind": format!("{:?}", i.kind),
                "status": i.status_at(now).as_str(),
            })
        })
        .collect();
    let regions = &world.regions;
    (
        200,
        json!({
            "region": region,
            "regions": regions,
            "legend": REACH_CODES,
            "accounts": accounts,
            "images": images,
            "cells": cells,
        }),
    )
}

/// `GET /_mock/visibility/why?region=R&account=A&image=I`: how A reaches I, or why not.
pub fn why(
    app: &App,
    region: Option<&str>,
    account: Option<&str>,
    image: Option<&str>,
) -> (u16, Value) {
    let (Some(account), Some(image)) = (account, image) else {
        return (400, json!({"error": "give account and image (and region)"}));
    };
    let now = app.clock.now();
    let world = app.world();
    let region = region.unwrap_or(&world.default_region).to_string();
    let Some(account) = world.resolve(account) else {
        return (404, json!({"error": format!("no account {account}")}));
    };
    let r = world.reach(&region, &account, image, now);
    (
        200,
        json!({"region": region, "account": account, "image": image, "access": r.access, "via": r.via, "reason": r.reason}),
    )
}
