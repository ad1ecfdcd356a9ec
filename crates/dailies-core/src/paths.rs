//! Where the library lives: `--data-dir`, else `DAILIES_DATA_DIR`, else the location a
//! library move recorded (the pointer file, below), else the OS app-data dir.
//!
//! The pointer cannot live inside the library it points at, so it is a small file in the
//! OS config dir: `<config dir>/library.json` (`~/.config/dailies/library.json` on Linux;
//! `DAILIES_CONFIG_DIR` replaces the folder), `{"path": "/new/place", "moved_from": null}`.
//! A move writes it last, atomically, so a crash leaves it naming one complete library.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use specta::Type;

/// What decided the library's folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum LocationSource {
    /// `--data-dir DIR`.
    Flag,
    /// `DAILIES_DATA_DIR`.
    Environment,
    /// The pointer file a library move wrote.
    Moved,
    /// The OS app-data folder.
    Default,
}

/// The library's folder and why it is that one.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct LibraryLocation {
    pub path: String,
    pub source: LocationSource,
    /// The pointer file a move writes (and reads at every start).
    pub pointer_file: String,
}

/// The pointer file's contents. `moved_from` is set while the old copy still awaits removal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pointer {
    pub path: PathBuf,
    #[serde(default)]
    pub moved_from: Option<PathBuf>,
}

pub fn data_dir(explicit: Option<PathBuf>) -> PathBuf {
    locate(explicit).0
}

pub fn location(explicit: Option<PathBuf>) -> LibraryLocation {
    let (path, source) = locate(explicit);
    LibraryLocation { path: path.display().to_string(), source, pointer_file: pointer_file().display().to_string() }
}

fn locate(explicit: Option<PathBuf>) -> (PathBuf, LocationSource) {
    if let Some(dir) = explicit {
        return (dir, LocationSource::Flag);
    }
    if let Some(dir) = std::env::var_os("DAILIES_DATA_DIR").filter(|v| !v.is_empty()) {
        return (PathBuf::from(dir), LocationSource::Environment);
    }
    if let Some(pointer) = read_pointer() {
        return (pointer.path, LocationSource::Moved);
    }
    (default_data_dir(), LocationSource::Default)
}

pub fn default_data_dir() -> PathBuf {
    directories::ProjectDirs::from("app", "Dailies", "Dailies")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from(".dailies"))
}

pub fn config_dir() -> PathBuf {
    std::env::var_os("DAILIES_CONFIG_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| directories::ProjectDirs::from("app", "Dailies", "Dailies").map(|d| d.config_dir().to_path_buf()))
        .unwrap_or_else(|| PathBuf::from(".dailies-config"))
}

pub fn pointer_file() -> PathBuf {
    config_dir().join("library.json")
}

/// The pointer, if one was written. A broken file is ignored with a warning (the default
/// folder is used), never a reason not to start.
pub fn read_pointer() -> Option<Pointer> {
    let file = pointer_file();
    let bytes = std::fs::read(&file).ok()?;
    match serde_json::from_slice::<Pointer>(&bytes) {
        Ok(p) if p.path.is_absolute() => Some(p),
        Ok(p) => {
            tracing::warn!(file = %file.display(), path = %p.path.display(), "ignoring a relative library pointer");
            None
        }
        Err(e) => {
            tracing::warn!(file = %file.display(), error = %e, "ignoring an unreadable library pointer");
            None
        }
    }
}

/// Replaces the pointer atomically: temp file, fsync, rename, fsync the folder.
pub fn write_pointer(pointer: &Pointer) -> std::io::Result<()> {
    let file = pointer_file();
    let dir = file.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = file.with_extension("json.tmp");
    let mut out = std::fs::File::create(&tmp)?;
    out.write_all(&serde_json::to_vec_pretty(pointer).map_err(std::io::Error::other)?)?;
    out.sync_all()?;
    std::fs::rename(&tmp, &file)?;
    std::fs::File::open(dir)?.sync_all()
}
