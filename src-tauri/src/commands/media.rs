use dailies_core::api::MediaInfo;
use tauri::State;

use crate::ipc_error::CmdResult;
use crate::state::AppState;

/// Where `<video>` loads clips from: this launch's loopback media server.
#[tauri::command]
#[specta::specta]
pub async fn media_info(state: State<'_, AppState>) -> CmdResult<MediaInfo> {
    Ok(MediaInfo { base_url: state.media_base_url.clone() })
}
