//! Keys are write-only across IPC: statuses come back, never a key. The value is wrapped
//! in `Secret` (redacted in Debug/Display) before anything else touches it.

use dailies_core::api::KeyStatus;
use dailies_core::catalog::RouteId;
use dailies_core::secrets::Secret;
use tauri::State;

use crate::ipc_error::{ipc, CmdResult};
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn key_status(state: State<'_, AppState>) -> CmdResult<Vec<KeyStatus>> {
    state.blocking(|studio| Ok(studio.key_statuses())).await
}

#[tauri::command]
#[specta::specta]
pub async fn set_key(state: State<'_, AppState>, route: RouteId, key: String) -> CmdResult<Vec<KeyStatus>> {
    let secret = Secret::new(key);
    state
        .blocking(move |studio| {
            studio.keys().set(route, &secret).map_err(ipc)?;
            tracing::info!(%route, "key saved to the keychain");
            Ok(studio.key_statuses())
        })
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn remove_key(state: State<'_, AppState>, route: RouteId) -> CmdResult<Vec<KeyStatus>> {
    state
        .blocking(move |studio| {
            let existed = studio.keys().delete(route).map_err(ipc)?;
            tracing::info!(%route, existed, "key removed from the keychain");
            Ok(studio.key_statuses())
        })
        .await
}
