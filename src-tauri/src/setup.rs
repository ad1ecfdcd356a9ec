//! The launch sequence: logging, library, media server, demo, clip events, resume.

use std::sync::Arc;

use dailies_core::catalog::Catalog;
use dailies_core::secrets::KeyringStore;
use dailies_core::{media, paths, PollPolicy, Studio, StudioOptions};
use tauri::{App, AppHandle, Emitter, Manager, Runtime};
use tokio::sync::broadcast::error::RecvError;

use crate::demo::Demo;
use crate::settings;
use crate::state::AppState;

/// The event every clip change is emitted as; the UI listens for it.
pub const CLIP_EVENT: &str = "clip-update";

pub fn launch<R: Runtime>(app: &mut App<R>) -> Result<(), String> {
    init_tracing();
    let state = tauri::async_runtime::block_on(open())?;
    spawn_clip_forwarder(app.handle().clone(), &state.studio);
    crate::notify::spawn_run_end_notifier(app.handle().clone(), &state.studio);
    let studio = state.studio.clone();
    tauri::async_runtime::spawn(async move {
        match studio.resume().await {
            Ok(report) => tracing::info!(?report, "resumed unfinished clips"),
            Err(e) => {
                tracing::warn!(error = %e, code = e.code(), "could not resume unfinished clips")
            }
        }
        // Clips that landed without a poster (no ffmpeg then, or an older library) get one now.
        match studio.backfill_posters().await {
            Ok(report) => tracing::info!(?report, "poster frames backfilled"),
            Err(e) => tracing::info!(error = %e, "no poster backfill"),
        }
    });
    app.manage(state);
    Ok(())
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    // `try_init`: a second app in the same process (tests) keeps the first subscriber.
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
}

async fn open() -> Result<AppState, String> {
    // A library move a crash cut short after its switch: the old folder goes now.
    match dailies_core::relocate::finish_interrupted_move() {
        Ok(Some(old)) => tracing::info!(old = %old.display(), "finished an earlier library move"),
        Ok(None) => {}
        Err(e) => tracing::warn!(error = %e, "an earlier library move is not finished"),
    }
    let data_dir = paths::data_dir(None);
    tracing::info!(data_dir = %data_dir.display(), "opening the library");
    let studio = Studio::open(StudioOptions {
        data_dir: data_dir.clone(),
        secrets: Arc::new(KeyringStore::from_env()),
        catalog: catalog_for(&data_dir),
        poll: PollPolicy::default(),
    })
    .await
    .map_err(|e| format!("could not open the library in {}: {e}", data_dir.display()))?;
    let server = media::start(&studio.store().media_dir())
        .await
        .map_err(|e| format!("could not start the media server: {e}"))?;
    tracing::info!(addr = %server.addr, "media server listening");
    let demo = Demo::default();
    if settings::demo_at_launch(&settings::load(&data_dir)) {
        // A broken emulator must not keep the app from opening; the toggle shows it off.
        if let Err(e) = demo.apply(&studio, true).await {
            tracing::error!(error = %e, "demo mode could not start");
        }
    }
    Ok(AppState { studio, media_base_url: server.base_url(), data_dir, demo })
}

/// The shipped catalog plus the library's `catalog.d/` (price overrides, added models).
/// A broken overlay must not keep the app from opening: it is logged and the shipped
/// catalog is used, so the creator can still run and fix the file.
fn catalog_for(data_dir: &std::path::Path) -> Catalog {
    Catalog::with_overlays(data_dir).unwrap_or_else(|e| {
        tracing::error!(error = %e, "ignoring the library's catalog.d overlays");
        Catalog::builtin()
    })
}

/// Emits every clip snapshot from the core as `clip-update`, for the app's lifetime.
fn spawn_clip_forwarder<R: Runtime>(app: AppHandle<R>, studio: &Studio) {
    let mut updates = studio.subscribe();
    tauri::async_runtime::spawn(async move {
        loop {
            match updates.recv().await {
                Ok(clip) => {
                    if let Err(e) = app.emit(CLIP_EVENT, &clip) {
                        tracing::warn!(clip_id = %clip.id, error = %e, "could not emit a clip update");
                    }
                }
                // Snapshots are full, so a skipped one is repaired by the next; the UI also refetches.
                Err(RecvError::Lagged(n)) => tracing::warn!(skipped = n, "clip updates lagged"),
                Err(RecvError::Closed) => break,
            }
        }
    });
}
