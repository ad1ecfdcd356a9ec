//! Curating and deleting: tags and a note on a clip, a winner per run, boards, and the
//! trash. Clip changes also reach every window as `clip-update` (the core broadcasts them).

use dailies_core::api::{Board, ClipView, EmptiedTrash, RunView, TrashItem};
use tauri::State;

use crate::ipc_error::{ipc, CmdResult};
use crate::state::AppState;

/// Adds tags (trimmed, lower-cased, 1–64 characters); answers with the clip and all its tags.
#[tauri::command]
#[specta::specta]
pub async fn tag_clip(state: State<'_, AppState>, clip_id: String, tags: Vec<String>) -> CmdResult<ClipView> {
    state.studio.tag_clip(&clip_id, &tags).await.map_err(ipc)
}

#[tauri::command]
#[specta::specta]
pub async fn untag_clip(state: State<'_, AppState>, clip_id: String, tags: Vec<String>) -> CmdResult<ClipView> {
    state.studio.untag_clip(&clip_id, &tags).await.map_err(ipc)
}

/// Tags already in use on live clips, most used first: the tag editor's suggestions.
#[tauri::command]
#[specta::specta]
pub async fn list_tags(state: State<'_, AppState>) -> CmdResult<Vec<String>> {
    state.studio.tags_in_use().await.map_err(ipc)
}

/// A short note (at most 500 characters); `null` or blank clears it.
#[tauri::command]
#[specta::specta]
pub async fn set_note(state: State<'_, AppState>, clip_id: String, note: Option<String>) -> CmdResult<ClipView> {
    state.studio.set_note(&clip_id, note.as_deref()).await.map_err(ipc)
}

/// Names one of the run's clips its winner (`null` clears); answers with the run.
#[tauri::command]
#[specta::specta]
pub async fn set_winner(state: State<'_, AppState>, run_id: String, clip_id: Option<String>) -> CmdResult<RunView> {
    state.studio.set_winner(&run_id, clip_id.as_deref()).await.map_err(ipc)
}

#[tauri::command]
#[specta::specta]
pub async fn list_boards(state: State<'_, AppState>) -> CmdResult<Vec<Board>> {
    state.studio.boards().await.map_err(ipc)
}

/// The boards a clip is on (each with its name), by name.
#[tauri::command]
#[specta::specta]
pub async fn boards_of_clip(state: State<'_, AppState>, clip_id: String) -> CmdResult<Vec<Board>> {
    state.studio.boards_of_clip(&clip_id).await.map_err(ipc)
}

/// A new board (names are unique regardless of case).
#[tauri::command]
#[specta::specta]
pub async fn create_board(state: State<'_, AppState>, name: String) -> CmdResult<Board> {
    state.studio.create_board(&name).await.map_err(ipc)
}

/// Renames a board (same rules as a new name; unique regardless of case).
#[tauri::command]
#[specta::specta]
pub async fn rename_board(state: State<'_, AppState>, board_id: i64, name: String) -> CmdResult<Board> {
    state.studio.rename_board(board_id, &name).await.map_err(ipc)
}

/// Deletes a board; its clips stay in the library.
#[tauri::command]
#[specta::specta]
pub async fn delete_board(state: State<'_, AppState>, board_id: i64) -> CmdResult<()> {
    state.studio.delete_board(board_id).await.map_err(ipc)
}

#[tauri::command]
#[specta::specta]
pub async fn add_to_board(state: State<'_, AppState>, board_id: i64, clip_ids: Vec<String>) -> CmdResult<Board> {
    state.studio.add_to_board(board_id, &clip_ids).await.map_err(ipc)
}

#[tauri::command]
#[specta::specta]
pub async fn remove_from_board(state: State<'_, AppState>, board_id: i64, clip_ids: Vec<String>) -> CmdResult<Board> {
    state.studio.remove_from_board(board_id, &clip_ids).await.map_err(ipc)
}

/// Moves runs and clips to the trash (hidden everywhere, files moved, restorable).
#[tauri::command]
#[specta::specta]
pub async fn trash_items(state: State<'_, AppState>, ids: Vec<String>) -> CmdResult<Vec<TrashItem>> {
    state.studio.trash(&ids).await.map_err(ipc)
}

/// Brings a trashed run (with the clips deleted with it) or clip back.
#[tauri::command]
#[specta::specta]
pub async fn restore_item(state: State<'_, AppState>, id: String) -> CmdResult<TrashItem> {
    state.studio.restore(&id).await.map_err(ipc)
}

/// What is in the trash, most recently deleted first.
#[tauri::command]
#[specta::specta]
pub async fn list_trash(state: State<'_, AppState>) -> CmdResult<Vec<TrashItem>> {
    state.studio.trash_items().await.map_err(ipc)
}

/// Deletes every trashed run and clip and their files for good.
#[tauri::command]
#[specta::specta]
pub async fn empty_trash(state: State<'_, AppState>) -> CmdResult<EmptiedTrash> {
    state.studio.empty_trash().await.map_err(ipc)
}
