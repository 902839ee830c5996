//! The `roles` section of `GET /_mock/state`.

use serde_json::{json, Map, Value};

use crate::time::Millis;
use crate::world::World;

/// RAM roles with their policies.
pub fn dump(w: &World, _now: Millis, out: &mut Map<String, Value>) {
    let roles: Vec<Value> = w
        .roles
        .by_account
        .values()
        .flat_map(|m| m.values())
        .map(|r| json!({"account_id": r.account, "name": r.name, "arn": r.arn(),
                        "policies": r.policies.iter().map(|(t, p, _)| json!({"type": t, "name": p})).collect::<Vec<_>>()}))
        .collect();
    out.insert("roles".into(), roles.into());
}
