//! The `key_pairs` section of `GET /_mock/state`.

use crate::time::Millis;
use crate::world::World;

/// The `key_pairs` section of `GET /_mock/state`.
pub fn dump(world: &World, _now: Millis, out: &mut serde_json::Map<String, serde_json::Value>) {
    let key_pairs: Vec<serde_json::Value> = world
        .key_pairs
        .iter()
        .map(|k| {
            serde_json::json!({"id": k.id, "name": k.name, "owner": k.owner, "region": k.region,
                "fingerprint": k.fingerprint, "public_key": k.public_key,
                "resource_group_id": k.resource_group_id,
                "tags": k.tags,
                "created": crate::time::format_seconds(k.created)})
        })
        .collect();
    out.insert("key_pairs".into(), key_pairs.into());
}
