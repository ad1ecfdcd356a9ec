use dailies_core::api::AppSettings;
use dailies_core::settings::{SettingEntry, SpendSummary};
use tauri::State;

use crate::ipc_error::{ipc, shell, CmdResult};
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

/// Every setting shared with the CLI (concurrency, budgets, base URLs, notify, theme).
#[tauri::command]
#[specta::specta]
pub async fn list_settings(state: State<'_, AppState>) -> CmdResult<Vec<SettingEntry>> {
    Ok(state.studio.setting_entries())
}

/// Validates and stores one setting; an error names the key and the allowed values.
#[tauri::command]
#[specta::specta]
pub async fn set_setting(state: State<'_, AppState>, key: String, value: String) -> CmdResult<SettingEntry> {
    state.studio.set_setting(&key, &value).await.map_err(ipc)
}

/// Back to the default (a budget to no limit).
#[tauri::command]
#[specta::specta]
pub async fn unset_setting(state: State<'_, AppState>, key: String) -> CmdResult<SettingEntry> {
    state.studio.unset_setting(&key).await.map_err(ipc)
}

/// Today's and this month's spend against the budgets (the header's spend meter).
#[tauri::command]
#[specta::specta]
pub async fn spend_summary(state: State<'_, AppState>) -> CmdResult<SpendSummary> {
    state.studio.spend_summary().await.map_err(ipc)
}
