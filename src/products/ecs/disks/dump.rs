//! The `disks` and `snapshots` sections of `GET /_mock/state`.

use serde_json::{json, Map, Value};

use crate::time::{format_seconds, Millis};
use crate::world::World;

pub fn dump(w: &World, now: Millis, out: &mut Map<String, Value>) {
    let disks: Vec<Value> = w
        .storage
        .disks
        .values()
        .map(|d| {
            json!({"id": d.id, "owner": d.owner, "region": d.region, "zone": d.zone,
                   "type": d.kind.as_str(), "category": d.category, "size": d.size,
                   "instance": d.instance, "status": d.status(),
                   "created": format_seconds(d.created)})
        })
        .collect();
    let snapshots: Vec<Value> = w
        .storage
        .snapshots
        .values()
        .map(|s| {
            json!({"id": s.id, "owner": s.owner, "region": s.region, "name": s.name,
                   "disk": s.disk, "source_disk_type": s.disk_type.as_str(),
                   "status": s.status(now), "encrypted": s.encrypted, "tags": s.tags,
                   "created": format_seconds(s.created)})
        })
        .collect();
    out.insert("disks".into(), disks.into());
    out.insert("snapshots".into(), snapshots.into());
}
