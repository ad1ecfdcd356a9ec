//! Where the library lives: `--data-dir`, else `DAILIES_DATA_DIR`, else the OS app-data dir.

use std::path::PathBuf;

pub fn data_dir(explicit: Option<PathBuf>) -> PathBuf {
    explicit
        .or_else(|| std::env::var_os("DAILIES_DATA_DIR").map(PathBuf::from))
        .or_else(|| directories::ProjectDirs::from("app", "Dailies", "Dailies").map(|d| d.data_dir().to_path_buf()))
        .unwrap_or_else(|| PathBuf::from(".dailies"))
}
