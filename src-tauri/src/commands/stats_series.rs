//! The Stats view's charts: spend, latency, success rate and price per second over time.

use dailies_core::api::{StatsSeries, StatsSeriesQuery};
use tauri::State;

use crate::ipc_error::{ipc, CmdResult};
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn stats_series(state: State<'_, AppState>, query: StatsSeriesQuery) -> CmdResult<StatsSeries> {
    state.studio.stats_series(&query).await.map_err(ipc)
}
