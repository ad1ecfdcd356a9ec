//! Library search a page at a time: runs for the history list, clips for the clip grid.

use dailies_core::api::{ClipPage, LibraryQuery, RunPage};
use tauri::State;

use crate::ipc_error::{ipc, CmdResult};
use crate::state::AppState;

/// A page of runs, newest first; pass `next_cursor` back as `query.cursor` for the next.
#[tauri::command]
#[specta::specta]
pub async fn search_run_page(state: State<'_, AppState>, query: LibraryQuery) -> CmdResult<RunPage> {
    state.studio.search_run_page(&query).await.map_err(ipc)
}

/// A page of clips (with tags and their run's prompt), newest first, same filters.
#[tauri::command]
#[specta::specta]
pub async fn search_clips(state: State<'_, AppState>, query: LibraryQuery) -> CmdResult<ClipPage> {
    state.studio.search_clips(&query).await.map_err(ipc)
}
