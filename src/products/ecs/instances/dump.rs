//! The `instances` and `charges` sections of `GET /_mock/state`.

use serde_json::{json, Map, Value};

use crate::time::{format_seconds, Millis};
use crate::world::World;

/// Instances, and the charges for paid images.
pub fn dump(w: &World, now: Millis, out: &mut Map<String, Value>) {
    let mut instances: Vec<&crate::products::ecs::Instance> = w.instances.iter().collect();
    instances.sort_by(|a, b| a.created.cmp(&b.created).then_with(|| a.id.cmp(&b.id)));
    let instances: Vec<Value> = instances
        .iter()
        .map(|i| {
            json!({"id": i.id, "owner": i.owner, "region": i.region, "image_id": i.image_id,
                        "instance_type": i.instance_type, "created": format_seconds(i.created),
                        "name": i.name, "zone": i.zone, "status": i.status_at(now).as_str(),
                        "key_pair": i.key_pair})
        })
        .collect();
    let charges: Vec<Value> = w
        .charges
        .iter()
        .map(|c| json!({"account_id": c.account_id, "instance_id": c.instance_id, "image_id": c.image_id,
                        "image_owner_id": c.image_owner_id, "fee": c.fee, "time": format_seconds(c.time)}))
        .collect();
    out.insert("instances".into(), instances.into());
    out.insert("charges".into(), charges.into());
}
