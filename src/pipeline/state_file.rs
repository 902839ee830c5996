//! The state file: the world and the mock clock as JSON, loaded at start and written through
//! after every change, before the change is answered, so an acknowledged change survives a
//! `kill -9`.
//!
//! A write goes to a temporary file beside the state file, with a random name, created
//! exclusively (an existing file or symbolic link of that name is never written through),
//! flushed to disk, renamed over the state file, and the directory flushed, so a crash
//! leaves either the previous file or the new one, whole. Temporary files a crash left
//! behind are removed at start.

use std::io::Write;
use std::path::{Path, PathBuf};

use rand::Rng;

use super::App;
use crate::world::World;

/// The state file's content, as read.
#[derive(serde::Deserialize)]
struct SavedState {
    format: u32,
    /// The mock clock when saved.
    time: crate::time::Millis,
    world: World,
    /// The persistent stub mappings added at run time (WireMock's `persistent`).
    #[serde(default)]
    stubs: Vec<serde_json::Value>,
}

/// The state file's content, as written: the world borrowed, not copied.
#[derive(serde::Serialize)]
struct SavingState<'a> {
    format: u32,
    time: crate::time::Millis,
    world: &'a World,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    stubs: Vec<serde_json::Value>,
}

/// Where the state is kept, and the world version last written there.
#[derive(Debug)]
pub struct StateFile {
    path: PathBuf,
    /// Serialises writes; holds the world version the file has.
    written: std::sync::Mutex<u64>,
}

fn dir_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The prefix of this state file's temporary files.
fn temp_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".{name}.")
}

/// A new temporary file beside `path`: a random name, created exclusively.
fn create_temp(path: &Path) -> std::io::Result<(PathBuf, std::fs::File)> {
    let dir = dir_of(path);
    loop {
        let n: u64 = rand::rng().random();
        let tmp = dir.join(format!("{}{n:016x}.tmp", temp_prefix(path)));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

impl StateFile {
    /// Checks that the state file's directory takes new files (creating and removing a
    /// temporary one), and removes temporary files an earlier run left behind.
    pub fn open(path: &Path) -> Result<StateFile, String> {
        let (tmp, file) = create_temp(path)
            .map_err(|e| format!("{}: cannot write the state file here: {e}", path.display()))?;
        drop(file);
        let _ = std::fs::remove_file(&tmp);
        let prefix = temp_prefix(path);
        if let Ok(entries) = std::fs::read_dir(dir_of(path)) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if name.starts_with(&prefix) && name.ends_with(".tmp") {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
        Ok(StateFile {
            path: path.to_path_buf(),
            written: std::sync::Mutex::new(u64::MAX),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl App {
    /// Writes the world to the state file if it changed since the last write. Writes are
    /// serialised and each writes the latest world, so no write replaces a newer one.
    pub fn persist(&self) -> std::io::Result<()> {
        let Some(sf) = &self.options.state_file else {
            return Ok(());
        };
        let mut written = sf.written.lock().unwrap_or_else(|e| e.into_inner());
        let (version, bytes) = {
            let world = self.world();
            let version = self.world.version();
            if version == *written {
                return Ok(());
            }
            (version, self.state_bytes(&world)?)
        };
        write_atomically(&sf.path, &bytes)?;
        *written = version;
        Ok(())
    }

    /// The state file's bytes for `world` at the mock clock's time.
    fn state_bytes(&self, world: &World) -> std::io::Result<Vec<u8>> {
        let saving = SavingState {
            format: 1,
            time: self.clock.now(),
            world,
            stubs: self.stubs.persistent(),
        };
        serde_json::to_vec(&saving).map_err(std::io::Error::other)
    }

    /// Writes the world to `path` atomically (see the module documentation).
    pub fn save_state(&self, path: &Path) -> std::io::Result<()> {
        let bytes = self.state_bytes(&self.world())?;
        write_atomically(path, &bytes)
    }

    /// Replaces the world with the one saved in `path`, if the file exists (returns whether
    /// it did). The file is checked like a scenario: its indexes are rebuilt from its data,
    /// and every reference must resolve. The mock clock continues from the saved time.
    /// Journal, faults and stubs are not part of the saved state; `reset` still returns to
    /// the scenario.
    pub fn load_state(&self, path: &Path) -> Result<bool, String> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
            Err(e) => return Err(format!("{}: cannot read: {e}", path.display())),
        };
        let (world, time, stubs) =
            parse_state(&text).map_err(|e| format!("{}{e}", path.display()))?;
        *self.world_mut() = world;
        self.clock.set(time);
        for s in stubs {
            self.stubs.add(s);
        }
        self.from_state_file
            .store(true, std::sync::atomic::Ordering::Relaxed);
        Ok(true)
    }
}

/// A state file's world, time and persistent stubs, checked; errors start with
/// `:line:col: ` or `: `.
fn parse_state(
    text: &str,
) -> Result<(World, crate::time::Millis, Vec<crate::control::stubs::Stub>), String> {
    let saved: SavedState = serde_json::from_str(text).map_err(|e| {
        let (line, column, message) = crate::scenario::json_error_at(&e);
        format!(":{line}:{column}: not a state file: {message}")
    })?;
    if saved.format != 1 {
        return Err(format!(": unsupported state file format {}", saved.format));
    }
    if !(crate::time::MIN_MILLIS..=crate::time::MAX_MILLIS).contains(&saved.time) {
        return Err(": time: out of range".into());
    }
    let mut world = saved.world;
    world
        .reindex()
        .map_err(|e| format!(": inconsistent state: {e}"))?;
    let mut stubs = Vec::with_capacity(saved.stubs.len());
    for (i, raw) in saved.stubs.iter().enumerate() {
        let at = format!("stubs[{i}].");
        let s = crate::control::stubs::parse_stub(raw, &at, String::new)
            .map_err(|e| format!(": {e}"))?;
        if s.id.is_empty() || !s.persistent {
            return Err(format!(
                ": {at}: a saved stub needs its id and persistent: true"
            ));
        }
        stubs.push(s);
    }
    Ok((world, saved.time, stubs))
}

/// Checks a state file's text as loading it would (for the fuzz target).
pub fn check_state_text(text: &str) -> Result<(), String> {
    parse_state(text).map(|_| ())
}

fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let (tmp, mut f) = create_temp(path)?;
    let written = f.write_all(bytes).and_then(|()| f.sync_all());
    drop(f);
    if let Err(e) = written.and_then(|()| std::fs::rename(&tmp, path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    // The rename is durable once the directory is.
    if let Ok(dir) = std::fs::File::open(dir_of(path)) {
        let _ = dir.sync_all();
    }
    Ok(())
}
