//! Browsing and judging the library: search, star ratings, per-model statistics.

use dailies_core::api::{ClipView, LeaderRow, LibraryQuery, ModelStats, RunSummary, VoteRequest};
use tauri::State;

use crate::ipc_error::{ipc, CmdResult};
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn search_runs(state: State<'_, AppState>, query: LibraryQuery) -> CmdResult<Vec<RunSummary>> {
    state.studio.search_runs(&query).await.map_err(ipc)
}

/// 1–5 stars, or `null` to clear; the clip's update is also broadcast as `clip-update`.
#[tauri::command]
#[specta::specta]
pub async fn rate_clip(state: State<'_, AppState>, clip_id: String, rating: Option<u8>) -> CmdResult<ClipView> {
    state.studio.rate_clip(&clip_id, rating).await.map_err(ipc)
}

#[tauri::command]
#[specta::specta]
pub async fn model_stats(state: State<'_, AppState>, include_demo: bool) -> CmdResult<Vec<ModelStats>> {
    state.studio.model_stats(include_demo).await.map_err(ipc)
}

/// Records a blind A/B vote; answers with how many votes the run now has.
#[tauri::command]
#[specta::specta]
pub async fn vote(state: State<'_, AppState>, request: VoteRequest) -> CmdResult<u32> {
    state.studio.vote(&request).await.map_err(ipc)
}

#[tauri::command]
#[specta::specta]
pub async fn leaderboard(state: State<'_, AppState>, criterion: Option<String>) -> CmdResult<Vec<LeaderRow>> {
    state.studio.leaderboard(criterion.as_deref()).await.map_err(ipc)
}
