//! The `vpcs`, `vswitches` and `eips` sections of `GET /_mock/state`.

use serde_json::{json, Map, Value};

use super::model::status;
use crate::time::{format_seconds, Millis};
use crate::world::World;

pub fn dump(w: &World, now: Millis, out: &mut Map<String, Value>) {
    let vpcs: Vec<Value> = w
        .networks
        .vpcs
        .values()
        .map(|v| {
            json!({"id": v.id, "owner": v.owner, "region": v.region, "name": v.name,
                   "cidr": v.cidr, "status": status(v.ready_at, now),
                   "created": format_seconds(v.created)})
        })
        .collect();
    let vswitches: Vec<Value> = w
        .networks
        .vswitches
        .values()
        .map(|s| {
            json!({"id": s.id, "owner": s.owner, "region": s.region, "vpc": s.vpc,
                   "zone": s.zone, "name": s.name, "cidr": s.cidr,
                   "status": status(s.ready_at, now), "created": format_seconds(s.created)})
        })
        .collect();
    let eips: Vec<Value> = w
        .networks
        .eips
        .values()
        .map(|e| {
            json!({"id": e.id, "owner": e.owner, "region": e.region, "ip": e.ip,
                   "instance": e.instance, "status": e.status(now),
                   "created": format_seconds(e.created)})
        })
        .collect();
    out.insert("vpcs".into(), vpcs.into());
    out.insert("eips".into(), eips.into());
    out.insert("vswitches".into(), vswitches.into());
}
