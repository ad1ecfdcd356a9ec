use dailies_core::api::ModelInfo;
use tauri::State;

use crate::ipc_error::CmdResult;
use crate::state::AppState;

/// Every model with its routes; key availability reads the keychain, hence off-thread.
#[tauri::command]
#[specta::specta]
pub async fn list_models(state: State<'_, AppState>) -> CmdResult<Vec<ModelInfo>> {
    state.blocking(|studio| Ok(studio.models())).await
}
