//! The `swas_images` section of `GET /_mock/state`.

use serde_json::{json, Map, Value};

use crate::time::Millis;
use crate::world::World;

/// Simple Application Server images and servers.
pub fn dump(w: &World, _now: Millis, out: &mut Map<String, Value>) {
    let swas: Vec<Value> = w
        .swas_images
        .values()
        .map(|i| {
            json!({"id": i.id, "owner": i.owner, "region": i.region, "name": i.name,
                        "shared_to_ecs": i.shared_to_ecs, "instance_id": i.instance_id})
        })
        .collect();
    out.insert("swas_images".into(), swas.into());
    let servers: Vec<Value> = w
        .swas_instances
        .values()
        .map(|i| json!({"id": i.id, "owner": i.owner, "region": i.region, "name": i.name}))
        .collect();
    out.insert("swas_instances".into(), servers.into());
}
