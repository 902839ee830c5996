//! The `resource_directory` sections of `GET /_mock/state`.

use serde_json::{json, Map, Value};

use super::Directory;
use crate::time::Millis;
use crate::world::World;

fn directory_state(d: &Directory) -> Value {
    json!({
        "id": d.id,
        "root_folder_id": d.root_id,
        "management_account": d.management,
        "sharing_enabled": d.sharing_enabled,
        "folders": d.folders.values().map(|f| json!({
            "id": f.id, "name": f.name, "parent_id": f.parent, "path": d.path(&f.id),
            "tags": f.tags,
        })).collect::<Vec<_>>(),
        "members": d.members.values().map(|m| json!({
            "account_id": m.account_id,
            "folder_id": m.folder_id,
            "display_name": m.display_name,
            "type": format!("{:?}", m.kind),
            "tags": m.tags,
        })).collect::<Vec<_>>(),
    })
}

/// The directories: `resource_directory` (the first) and `resource_directories`.
pub fn dump(w: &World, _now: Millis, out: &mut Map<String, Value>) {
    let dirs: Vec<Value> = w.directories.by_id.values().map(directory_state).collect();
    out.insert(
        "resource_directory".into(),
        dirs.first().cloned().unwrap_or(Value::Null),
    );
    out.insert("resource_directories".into(), dirs.into());
}
