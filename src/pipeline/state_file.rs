//! The state file: the world and the mock clock, saved as JSON and loaded at start.

use super::App;
use crate::world::World;

/// The state file's content.
#[derive(serde::Serialize, serde::Deserialize)]
struct SavedState {
    format: u32,
    /// The mock clock when saved.
    time: crate::time::Millis,
    world: World,
}

impl App {
    /// Writes the world to `path` atomically: a temporary file beside it, flushed to disk,
    /// then renamed over `path`, so a crash mid-write leaves the previous file whole.
    pub fn save_state(&self, path: &std::path::Path) -> std::io::Result<()> {
        use std::io::Write;
        let saved = SavedState {
            format: 1,
            time: self.clock.now(),
            world: self.world().clone(),
        };
        let bytes = serde_json::to_vec(&saved).map_err(std::io::Error::other)?;
        let tmp = std::path::PathBuf::from(format!("{}.tmp", path.display()));
        {
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(&bytes)?;
            f.sync_all()?;
        }
        std::fs::rename(&tmp, path)?;
        Ok(())
    }

    /// Replaces the world with the one saved in `path`, if the file exists (returns whether
    /// it did). The mock clock continues from the saved time. Journal, faults and stubs are
    /// not part of the saved state; `reset` still returns to the scenario.
    pub fn load_state(&self, path: &std::path::Path) -> Result<bool, String> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
            Err(e) => return Err(format!("{}: cannot read: {e}", path.display())),
        };
        let saved: SavedState = serde_json::from_str(&text).map_err(|e| {
            format!(
                "{}:{}:{}: not a state file: {e}",
                path.display(),
                e.line(),
                e.column()
            )
        })?;
        if saved.format != 1 {
            return Err(format!(
                "{}: unsupported state file format {}",
                path.display(),
                saved.format
            ));
        }
        *self.world_mut() = saved.world;
        self.clock.set(saved.time);
        Ok(true)
    }
}
