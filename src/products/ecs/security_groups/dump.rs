//! The `security_groups` section of `GET /_mock/state`.

use serde_json::{json, Map, Value};

use crate::time::{format_seconds, Millis};
use crate::world::World;

pub fn dump(w: &World, _now: Millis, out: &mut Map<String, Value>) {
    let groups: Vec<Value> = w
        .security_groups
        .by_id
        .values()
        .map(|g| {
            let rules: Vec<Value> = g
                .rules
                .iter()
                .map(|r| {
                    json!({"id": r.id, "direction": r.direction, "protocol": r.protocol,
                           "port_range": r.port_range, "cidr": r.cidr, "group": r.group,
                           "nic_type": r.nic_type, "policy": r.policy, "priority": r.priority})
                })
                .collect();
            json!({"id": g.id, "owner": g.owner, "region": g.region, "vpc": g.vpc,
                   "name": g.name, "created": format_seconds(g.created), "rules": rules})
        })
        .collect();
    out.insert("security_groups".into(), groups.into());
}
