//! "What each model receives" for the composer: the wire fields per model before spending.

use dailies_core::api::{CompareRequest, WirePreview};
use tauri::State;

use crate::ipc_error::{ipc, CmdResult};
use crate::state::AppState;

/// Plans the request and returns each model's request body as text; nothing is sent.
#[tauri::command]
#[specta::specta]
pub async fn preview_run(state: State<'_, AppState>, request: CompareRequest) -> CmdResult<Vec<WirePreview>> {
    state.blocking(move |studio| studio.preview_request(&request).map_err(ipc)).await
}
