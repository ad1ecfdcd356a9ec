//! Notes pinned to a moment of a clip, drawn as markers on the player's timeline.

use dailies_core::api::TimeNote;
use tauri::State;

use crate::ipc_error::{ipc, CmdResult};
use crate::state::AppState;

/// Every note on a run's live clips, by clip then time.
#[tauri::command]
#[specta::specta]
pub async fn list_time_notes(state: State<'_, AppState>, run_id: String) -> CmdResult<Vec<TimeNote>> {
    state.studio.time_notes(&run_id).await.map_err(ipc)
}

/// Pins a note (1–500 characters) at `at_ms` into a clip; the moment must fall inside it.
#[tauri::command]
#[specta::specta]
pub async fn add_time_note(
    state: State<'_, AppState>,
    clip_id: String,
    at_ms: i64,
    text: String,
) -> CmdResult<TimeNote> {
    state.studio.add_time_note(&clip_id, at_ms, &text).await.map_err(ipc)
}

#[tauri::command]
#[specta::specta]
pub async fn delete_time_note(state: State<'_, AppState>, note_id: i64) -> CmdResult<()> {
    state.studio.delete_time_note(note_id).await.map_err(ipc)
}
