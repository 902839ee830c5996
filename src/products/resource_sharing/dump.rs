//! The `resource_shares` and `invitations` sections of `GET /_mock/state`.

use serde_json::{json, Map, Value};

use crate::time::{format_millis, Millis};
use crate::world::World;

/// Resource shares with their associations, and invitations, as they are at `now`.
pub fn dump(w: &World, now: Millis, out: &mut Map<String, Value>) {
    let assoc = |a: &crate::products::resource_sharing::Association| {
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
    out.insert("resource_shares".into(), resource_shares.into());
    out.insert("invitations".into(), invitations.into());
}
