//! The control API under `/_mock/` and WireMock's `/__admin/` (interface.md §6).
//!
//! JSON in, JSON out; 200 with an object on success, 400 `{"error": ...}` on bad input, 404
//! for paths it does not serve. Never an Alibaba envelope.

use serde_json::{json, Value};

use crate::app::{App, HttpRequest, HttpResponse};
use crate::state::{Directory, World};
use crate::time::{format_millis, format_seconds, Millis};

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
        ("GET", Route::Mock("state")) => reply(200, world_state(&app.world(), app.clock.now())),
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

fn directory_state(d: &Directory) -> Value {
    json!({
        "id": d.id,
        "root_folder_id": d.root_id,
        "management_account": d.management,
        "sharing_enabled": d.sharing_enabled,
        "folders": d.folders.values().map(|f| json!({
            "id": f.id, "name": f.name, "parent_id": f.parent, "path": d.path(&f.id),
        })).collect::<Vec<_>>(),
        "members": d.members.values().map(|m| json!({
            "account_id": m.account_id,
            "folder_id": m.folder_id,
            "display_name": m.display_name,
            "type": format!("{:?}", m.kind),
        })).collect::<Vec<_>>(),
    })
}

/// The whole world as one JSON object (interface.md §6), secrets left out. Times are the
/// mock clock's; transitional states are shown as they are at `now`.
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
    let mut images: Vec<&crate::state::Image> = w.images.all_custom().collect();
    images.sort_by(|a, b| a.id.cmp(&b.id));
    let shares: Vec<Value> = images
        .iter()
        .flat_map(|i| {
            i.shared_with.iter().map(move |(acc, t)| {
                json!({"image_id": i.id, "region": i.region, "account_id": acc, "shared_time": format_seconds(*t)})
            })
        })
        .collect();
    let images: Vec<Value> = images
        .iter()
        .map(|i| {
            json!({
                "id": i.id, "region": i.region, "owner": i.owner, "name": i.name,
                "status": i.status_at(now).as_str(), "progress": i.progress_at(now),
                "encryption": i.encryption, "kms_key_id": i.kms_key_id, "data_disks": i.data_disks,
                "product_code": i.product_code, "image_fee": i.image_fee, "tags": i.tags,
                "is_public": i.is_public, "copied_from": i.copy.as_ref().map(|c| &c.source_image),
                "shared_with": i.shared_with.keys().collect::<Vec<_>>(),
                "created": format_seconds(i.created),
            })
        })
        .collect();
    let dirs: Vec<Value> = w.directories.by_id.values().map(directory_state).collect();
    let assoc = |a: &crate::state::Association| {
        json!({"entity_id": a.entity_id, "entity_type": a.entity_type, "external": a.external,
               "status": a.status_at(now).as_str()})
    };
    let resource_shares: Vec<Value> = w
        .shares
        .by_id
        .values()
        .map(|s| {
            json!({
                "id": s.id, "name": s.name, "owner": s.owner, "region": s.region,
                "status": s.status_at(now, &w.shares.invitations),
                "allow_external_targets": s.allow_external,
                "resources": s.resources.iter().map(assoc).collect::<Vec<_>>(),
                "targets": s.targets.iter().map(|t| {
                    let mut v = assoc(t);
                    v["status"] = w.target_status(s, t, now).as_str().into();
                    v
                }).collect::<Vec<_>>(),
                "created": format_millis(s.created),
            })
        })
        .collect();
    let invitations: Vec<Value> = w
        .shares
        .invitations
        .by_id
        .values()
        .map(|i| {
            json!({"id": i.id, "resource_share_id": i.share_id, "sender": i.sender,
                        "receiver": i.receiver, "status": i.status_at(now).as_str(),
                        "created": format_millis(i.created)})
        })
        .collect();
    let quotas: Vec<Value> = w
        .accounts
        .iter()
        .map(|a| {
            json!({"account_id": a.id, "share_image_users": a.quotas.share_image_users,
                        "custom_images": a.quotas.custom_images})
        })
        .collect();
    let applications: Vec<Value> = w
        .quota_applications
        .values()
        .map(|a| {
            json!({"id": a.id, "account_id": a.account, "product_code": a.product,
                        "quota_action_code": a.quota, "region": a.region, "desire_value": a.desire,
                        "approve_value": a.approve, "status": a.status.as_str(),
                        "apply_time": format_seconds(a.applied)})
        })
        .collect();
    let roles: Vec<Value> = w
        .roles
        .by_account
        .values()
        .flat_map(|m| m.values())
        .map(|r| json!({"account_id": r.account, "name": r.name, "arn": r.arn(),
                        "policies": r.policies.iter().map(|(t, p, _)| json!({"type": t, "name": p})).collect::<Vec<_>>()}))
        .collect();
    let mut instances: Vec<&crate::state::Instance> = w.instances.iter().collect();
    instances.sort_by(|a, b| a.created.cmp(&b.created).then_with(|| a.id.cmp(&b.id)));
    let instances: Vec<Value> = instances
        .iter()
        .map(|i| {
            json!({"id": i.id, "owner": i.owner, "region": i.region, "image_id": i.image_id,
                        "instance_type": i.instance_type, "created": format_seconds(i.created)})
        })
        .collect();
    let charges: Vec<Value> = w
        .charges
        .iter()
        .map(|c| json!({"account_id": c.account_id, "instance_id": c.instance_id, "image_id": c.image_id,
                        "image_owner_id": c.image_owner_id, "fee": c.fee, "time": format_seconds(c.time)}))
        .collect();
    let swas: Vec<Value> = w
        .swas_images
        .values()
        .map(|i| {
            json!({"id": i.id, "owner": i.owner, "region": i.region, "name": i.name,
                        "shared_to_ecs": i.shared_to_ecs})
        })
        .collect();
    json!({
        "time": format_millis(now),
        "accounts": accounts,
        "images": images,
        "shares": shares,
        "resource_directory": dirs.first().cloned().unwrap_or(Value::Null),
        "resource_directories": dirs,
        "resource_shares": resource_shares,
        "invitations": invitations,
        "quotas": quotas,
        "quota_applications": applications,
        "roles": roles,
        "instances": instances,
        "charges": charges,
        "swas_images": swas,
    })
}
