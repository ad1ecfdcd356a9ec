//! The iteration loop: re-run a run (all, failed only, chosen models, edited prompt) and
//! read a run's lineage with its prompt's word diff.

use dailies_core::api::{Iteration, RerunRequest, RunPlan, RunView};
use tauri::State;

use crate::ipc_error::{ipc, CmdResult};
use crate::state::AppState;

/// Prices a re-run; nothing is sent.
#[tauri::command]
#[specta::specta]
pub async fn plan_rerun(state: State<'_, AppState>, request: RerunRequest) -> CmdResult<RunPlan> {
    state.studio.plan_rerun(&request).await.map_err(ipc)
}

/// Starts a re-run as a new run recording its parent; it reports via `clip-update`.
#[tauri::command]
#[specta::specta]
pub async fn start_rerun(state: State<'_, AppState>, request: RerunRequest) -> CmdResult<RunView> {
    let plan = state.studio.plan_rerun(&request).await.map_err(ipc)?;
    let handle = state.studio.start(&plan).await.map_err(ipc)?;
    Ok(handle.view)
}

/// A run's versions (ancestors and descendants) with winners and cost, and its prompt diff.
#[tauri::command]
#[specta::specta]
pub async fn run_iteration(state: State<'_, AppState>, run_id: String) -> CmdResult<Iteration> {
    state.studio.iteration(&run_id).await.map_err(ipc)
}
