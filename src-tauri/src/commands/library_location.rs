//! Where the library lives and moving it (copy → verify → switch → remove the old; the core
//! does all of it). The app keeps its old database open, so after a move the UI restarts
//! the app, which then opens the library at its new place.

use std::path::PathBuf;
use std::sync::Arc;

use dailies_core::paths::{self, LibraryLocation};
use dailies_core::relocate::{MoveProgress, MoveReport};
use tauri::ipc::Channel;
use tauri::State;

use crate::ipc_error::{ipc, CmdResult};
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn library_location() -> CmdResult<LibraryLocation> {
    Ok(paths::location(None))
}

/// Moves the library to `dir`, streaming each stage; an error leaves it where it was.
#[tauri::command]
#[specta::specta]
pub async fn move_library(
    state: State<'_, AppState>,
    dir: String,
    on_progress: Channel<MoveProgress>,
) -> CmdResult<MoveReport> {
    let source = paths::location(None).source;
    let progress = Arc::new(move |p: MoveProgress| {
        if let Err(e) = on_progress.send(p) {
            tracing::debug!(error = %e, "could not emit library move progress");
        }
    });
    let report = state.studio.move_library(source, &PathBuf::from(dir), progress).await.map_err(ipc)?;
    tracing::info!(?report, "library moved; the app restarts to open it");
    Ok(report)
}

/// Restarts the app (after a move, to open the library at its new place). Every write is
/// already committed (SQLite), so nothing needs a graceful shutdown first.
#[tauri::command]
#[specta::specta]
pub async fn restart_app() -> CmdResult<()> {
    tauri::process::restart(&tauri::Env::default())
}
