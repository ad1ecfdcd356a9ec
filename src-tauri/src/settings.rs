//! The shell's own preferences, `<data_dir>/settings.json`: `{ "demo": bool }`.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    #[serde(default)]
    pub demo: bool,
}

fn file(data_dir: &Path) -> PathBuf {
    data_dir.join("settings.json")
}

/// Missing or unreadable settings fall back to defaults; a broken file must not stop launch.
pub fn load(data_dir: &Path) -> Settings {
    let path = file(data_dir);
    match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_else(|e| {
            tracing::warn!(path = %path.display(), error = %e, "ignoring unreadable settings");
            Settings::default()
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Settings::default(),
        Err(e) => {
            tracing::warn!(path = %path.display(), error = %e, "could not read settings");
            Settings::default()
        }
    }
}

/// Writes atomically (temp file + rename) so a crash never leaves half a file.
pub fn save(data_dir: &Path, settings: &Settings) -> std::io::Result<()> {
    let path = file(data_dir);
    let tmp = path.with_extension("json.tmp");
    let bytes = serde_json::to_vec_pretty(settings).map_err(std::io::Error::other)?;
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, &path)
}

/// Demo at launch: `DAILIES_DEMO=1`, `--demo` on the command line, or the saved setting.
pub fn demo_at_launch(saved: &Settings) -> bool {
    let env = std::env::var("DAILIES_DEMO").is_ok_and(|v| matches!(v.trim(), "1" | "true" | "yes"));
    env || std::env::args().skip(1).any(|a| a == "--demo") || saved.demo
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_tolerates_garbage() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()), Settings::default());
        save(dir.path(), &Settings { demo: true }).unwrap();
        assert!(load(dir.path()).demo);
        std::fs::write(dir.path().join("settings.json"), b"{not json").unwrap();
        assert_eq!(load(dir.path()), Settings::default());
    }
}
