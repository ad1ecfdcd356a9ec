//! What every command reaches through `tauri::State`.

use std::path::PathBuf;

use dailies_core::Studio;

use crate::demo::Demo;
use crate::ipc_error::{join, CmdResult};

pub struct AppState {
    pub studio: Studio,
    /// `http://127.0.0.1:<port>/<token>` of this launch's media server.
    pub media_base_url: String,
    pub data_dir: PathBuf,
    pub demo: Demo,
}

impl AppState {
    /// Runs a core call that may touch the OS keychain (sync D-Bus) off the async workers.
    pub async fn blocking<T, F>(&self, f: F) -> CmdResult<T>
    where
        T: Send + 'static,
        F: FnOnce(Studio) -> CmdResult<T> + Send + 'static,
    {
        let studio = self.studio.clone();
        tauri::async_runtime::spawn_blocking(move || f(studio)).await.map_err(join)?
    }
}
