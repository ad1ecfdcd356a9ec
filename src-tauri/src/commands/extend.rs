//! Extending a finished clip on its route's extend endpoint (a continuation, like a remix).

use dailies_core::api::{ExtendRequest, RunPlan, RunView};
use tauri::State;

use crate::ipc_error::{ipc, CmdResult};
use crate::state::AppState;

/// Prices an extension of a finished clip (same model and route, seconds added); nothing is sent.
#[tauri::command]
#[specta::specta]
pub async fn plan_extend(state: State<'_, AppState>, request: ExtendRequest) -> CmdResult<RunPlan> {
    state.studio.plan_extend(&request).await.map_err(ipc)
}

/// Starts an extension as a new run of one clip, a child of the source's run; it reports via
/// `clip-update` like any run.
#[tauri::command]
#[specta::specta]
pub async fn start_extend(state: State<'_, AppState>, request: ExtendRequest) -> CmdResult<RunView> {
    let plan = state.studio.plan_extend(&request).await.map_err(ipc)?;
    let handle = state.studio.start(&plan).await.map_err(ipc)?;
    Ok(handle.view)
}
