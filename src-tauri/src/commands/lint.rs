//! Prompt advice for the composer, recomputed as the creator types (the UI debounces).

use dailies_core::lint::{LintRequest, ModelAdvice};
use tauri::State;

use crate::ipc_error::{ipc, CmdResult};
use crate::state::AppState;

/// Per selected model: approximate tokens against its limit and each rule's warning.
#[tauri::command]
#[specta::specta]
pub async fn lint_prompt(state: State<'_, AppState>, request: LintRequest) -> CmdResult<Vec<ModelAdvice>> {
    state.blocking(move |studio| studio.lint(&request.params, &request.models).map_err(ipc)).await
}
