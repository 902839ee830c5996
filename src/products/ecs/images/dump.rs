//! The `images` and `shares` sections of `GET /_mock/state`.

use serde_json::{json, Map, Value};

use crate::time::{format_seconds, Millis};
use crate::world::World;

/// Custom images (their status and progress at `now`) and named-account shares.
pub fn dump(w: &World, now: Millis, out: &mut Map<String, Value>) {
    let mut images: Vec<&crate::products::ecs::Image> = w.images.all_custom().collect();
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
    out.insert("images".into(), images.into());
    out.insert("shares".into(), shares.into());
}
