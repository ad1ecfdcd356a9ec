use dailies_core::api::{CancelOutcome, CompareRequest, RemixRequest, RunPlan, RunSummary, RunView};
use tauri::State;

use crate::ipc_error::{ipc, CmdResult};
use crate::state::AppState;

/// How many past runs the history list shows.
const HISTORY_LIMIT: u32 = 200;

#[tauri::command]
#[specta::specta]
pub async fn plan_run(state: State<'_, AppState>, request: CompareRequest) -> CmdResult<RunPlan> {
    state.blocking(move |studio| studio.plan(&request).map_err(ipc)).await
}

/// Plans and starts; the clips keep running in the background and report via `clip-update`.
#[tauri::command]
#[specta::specta]
pub async fn start_run(state: State<'_, AppState>, request: CompareRequest) -> CmdResult<RunView> {
    let plan = state.blocking(move |studio| studio.plan(&request).map_err(ipc)).await?;
    let handle = state.studio.start(&plan).await.map_err(ipc)?;
    Ok(handle.view)
}

#[tauri::command]
#[specta::specta]
pub async fn list_runs(state: State<'_, AppState>) -> CmdResult<Vec<RunSummary>> {
    state.studio.runs(HISTORY_LIMIT).await.map_err(ipc)
}

#[tauri::command]
#[specta::specta]
pub async fn get_run(state: State<'_, AppState>, run_id: String) -> CmdResult<RunView> {
    state.studio.run(&run_id).await.map_err(ipc)
}

/// Prices a remix of a finished clip (same model, length and size; new prompt).
#[tauri::command]
#[specta::specta]
pub async fn plan_remix(state: State<'_, AppState>, request: RemixRequest) -> CmdResult<RunPlan> {
    state.studio.plan_remix(&request).await.map_err(ipc)
}

/// Starts a remix as a new run of one clip; it reports via `clip-update` like any run.
#[tauri::command]
#[specta::specta]
pub async fn start_remix(state: State<'_, AppState>, request: RemixRequest) -> CmdResult<RunView> {
    let plan = state.studio.plan_remix(&request).await.map_err(ipc)?;
    let handle = state.studio.start(&plan).await.map_err(ipc)?;
    Ok(handle.view)
}

#[tauri::command]
#[specta::specta]
pub async fn cancel_clip(state: State<'_, AppState>, clip_id: String) -> CmdResult<CancelOutcome> {
    state.studio.cancel_clip(&clip_id).await.map_err(ipc)
}
