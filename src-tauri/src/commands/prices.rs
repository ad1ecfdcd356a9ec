//! A creator's own prices (a reseller's rate, a negotiated discount). Both commands answer
//! with the refreshed catalog so the picker and the estimate move together.

use dailies_core::api::ModelInfo;
use dailies_core::catalog::{PriceSpec, RouteId};
use tauri::State;

use crate::ipc_error::{ipc, CmdResult};
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn set_price_override(
    state: State<'_, AppState>,
    model: String,
    route: RouteId,
    price: PriceSpec,
) -> CmdResult<Vec<ModelInfo>> {
    state
        .blocking(move |studio| {
            studio.set_price_override(&model, route, price).map_err(ipc)?;
            tracing::info!(%model, %route, "price override saved");
            Ok(studio.models())
        })
        .await
}

/// Back to the shipped price.
#[tauri::command]
#[specta::specta]
pub async fn clear_price_override(
    state: State<'_, AppState>,
    model: String,
    route: RouteId,
) -> CmdResult<Vec<ModelInfo>> {
    state
        .blocking(move |studio| {
            studio.clear_price_override(&model, route).map_err(ipc)?;
            tracing::info!(%model, %route, "price override cleared");
            Ok(studio.models())
        })
        .await
}
