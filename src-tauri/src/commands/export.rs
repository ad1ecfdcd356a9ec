//! Exports of a run: a CSV/JSON/HTML document written to a file, and the side-by-side
//! video, whose progress streams over a channel the UI passes in while ffmpeg encodes.

use std::path::Path;

use dailies_core::export::video::{ExportProgress, VideoExportOutcome, VideoExportRequest, VideoLayout};
use dailies_core::export::{ExportFormat, ExportedDocument};
use tauri::ipc::Channel;
use tauri::State;

use crate::ipc_error::{ipc, CmdResult};
use crate::state::AppState;

/// Writes the document to `path`, or to `<data dir>/exports/` when the UI names none;
/// answers with where it went.
#[tauri::command]
#[specta::specta]
pub async fn export_run(
    state: State<'_, AppState>,
    run_id: String,
    format: ExportFormat,
    path: Option<String>,
) -> CmdResult<ExportedDocument> {
    state.studio.export_run_to_file(&run_id, format, path.as_deref().map(Path::new)).await.map_err(ipc)
}

/// Renders the run side by side (needs ffmpeg: `missing_ffmpeg` otherwise); the share done
/// (0–1) arrives on `on_progress`. A channel, not an app event: the command stays free of the
/// runtime type, and only the caller hears its own export.
#[tauri::command]
#[specta::specta]
pub async fn export_video(
    state: State<'_, AppState>,
    run_id: String,
    layout: VideoLayout,
    audio_clip: Option<String>,
    path: Option<String>,
    on_progress: Channel<ExportProgress>,
) -> CmdResult<VideoExportOutcome> {
    let out = path.unwrap_or_else(|| state.studio.default_export_path(&run_id, "mp4").display().to_string());
    let request = VideoExportRequest { run_id: run_id.clone(), out, layout, audio_clip };
    let progress = |fraction: f64| {
        let event = ExportProgress { run_id: run_id.clone(), fraction };
        if let Err(e) = on_progress.send(event) {
            tracing::debug!(error = %e, "could not emit export progress");
        }
    };
    state.studio.export_video(&request, progress).await.map_err(ipc)
}
