//! The `roles` and `ram_users` sections of `GET /_mock/state`.

use serde_json::{json, Map, Value};

use crate::time::Millis;
use crate::world::World;

/// RAM roles with their policies; RAM users with their AccessKey IDs (never secrets) and
/// policies.
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
    let users: Vec<Value> = w
        .ram_users
        .by_account
        .values()
        .flat_map(|m| m.values())
        .map(|u| json!({"account_id": u.account, "name": u.name, "user_id": u.id,
                        "access_key_ids": u.keys.keys().collect::<Vec<_>>(),
                        "policies": u.policies.iter().map(|(t, p, _)| json!({"type": t, "name": p})).collect::<Vec<_>>()}))
        .collect();
    out.insert("ram_users".into(), users.into());
}
