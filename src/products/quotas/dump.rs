//! The `quotas` and `quota_applications` sections of `GET /_mock/state`.

use serde_json::{json, Map, Value};

use crate::time::{format_seconds, Millis};
use crate::world::World;

/// Each account's quotas, and the applications.
pub fn dump(w: &World, _now: Millis, out: &mut Map<String, Value>) {
    let quotas: Vec<Value> = w
        .accounts
        .iter()
        .map(|a| {
            json!({"account_id": a.id, "share_image_users": a.quotas.share_image_users,
                        "custom_images": a.quotas.custom_images})
        })
        .collect();
    let applications: Vec<Value> = w
        .quota_applications
        .values()
        .map(|a| {
            json!({"id": a.id, "account_id": a.account, "product_code": a.product,
                        "quota_action_code": a.quota, "region": a.region, "desire_value": a.desire,
                        "approve_value": a.approve, "status": a.status.as_str(),
                        "apply_time": format_seconds(a.applied)})
        })
        .collect();
    out.insert("quotas".into(), quotas.into());
    out.insert("quota_applications".into(), applications.into());
}
