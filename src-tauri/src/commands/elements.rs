//! The element library: characters or objects the composer attaches as `@Element1`….
//! Images reach the core as paths the UI got from `import_image`; the library keeps copies.

use dailies_core::api::{LibraryElement, NewElement};
use tauri::State;

use crate::ipc_error::{ipc, CmdResult};
use crate::state::AppState;

/// The library's elements, by name.
#[tauri::command]
#[specta::specta]
pub async fn list_elements(state: State<'_, AppState>) -> CmdResult<Vec<LibraryElement>> {
    state.studio.list_elements().await.map_err(ipc)
}

/// Keeps a new element: a name, a frontal image and 1–3 other views (checked, then copied).
#[tauri::command]
#[specta::specta]
pub async fn add_element(state: State<'_, AppState>, element: NewElement) -> CmdResult<LibraryElement> {
    state.studio.add_element(&element).await.map_err(ipc)
}

/// Removes an element (id or name) and its copies; clips already sent with it keep their record.
#[tauri::command]
#[specta::specta]
pub async fn remove_element(state: State<'_, AppState>, element_id: String) -> CmdResult<LibraryElement> {
    state.studio.remove_element(&element_id).await.map_err(ipc)
}
