use dailies_core::api::AppSettings;
use tauri::State;

use crate::ipc_error::{shell, CmdResult};
use crate::settings::{self, Settings};
use crate::state::AppState;

fn current(state: &AppState) -> AppSettings {
    AppSettings { demo: state.studio.demo().is_some(), data_dir: state.data_dir.display().to_string() }
}

#[tauri::command]
#[specta::specta]
pub async fn get_settings(state: State<'_, AppState>) -> CmdResult<AppSettings> {
    Ok(current(&state))
}

/// Turns demo mode on or off now and remembers the choice for the next launch.
#[tauri::command]
#[specta::specta]
pub async fn set_demo(state: State<'_, AppState>, demo: bool) -> CmdResult<AppSettings> {
    state.demo.apply(&state.studio, demo).await.map_err(|e| shell("demo", e))?;
    settings::save(&state.data_dir, &Settings { demo })
        .map_err(|e| shell("io", format!("could not save settings in {}: {e}", state.data_dir.display())))?;
    Ok(current(&state))
}
