//! The OS notification when a run ends while the window is in the background. The core
//! decides that a run ended and words the summary (`dailies_core::run_end`); this only checks
//! the window's focus and hands the text to the notification plugin. It lives in the shell,
//! not the webview, because a background webview may be throttled. No notification server
//! (a headless session) must never break anything: a failure is logged and forgotten.

use dailies_core::run_end::{RunEndSummary, RunEndWatch};
use dailies_core::Studio;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_notification::NotificationExt;
use tokio::sync::broadcast::error::RecvError;

/// Watches clip snapshots for the app's lifetime and notifies each run's end.
pub fn spawn_run_end_notifier<R: Runtime>(app: AppHandle<R>, studio: &Studio) {
    let mut updates = studio.subscribe();
    let studio = studio.clone();
    tauri::async_runtime::spawn(async move {
        let mut watch = RunEndWatch::new();
        loop {
            let clip = match updates.recv().await {
                Ok(clip) => clip,
                // A skipped snapshot is followed by the clip's next one, which settles the run.
                Err(RecvError::Lagged(n)) => {
                    tracing::debug!(skipped = n, "run-end watch lagged");
                    continue;
                }
                Err(RecvError::Closed) => break,
            };
            match studio.ended_run(&mut watch, &clip).await {
                Ok(Some(summary)) => announce(&app, &studio, &summary),
                Ok(None) => {}
                Err(e) => tracing::warn!(run_id = %clip.run_id, error = %e, "could not check whether a run ended"),
            }
        }
    });
}

fn announce<R: Runtime>(app: &AppHandle<R>, studio: &Studio, summary: &RunEndSummary) {
    if !studio.notify_enabled() {
        tracing::debug!(run_id = %summary.run_id, "run ended; notifications are off");
        return;
    }
    if window_focused(app) {
        tracing::debug!(run_id = %summary.run_id, "run ended while the window has focus; no notification");
        return;
    }
    let (title, body) = (summary.title(), summary.body());
    // The plugin hands the message to the OS on its own task; an error here means it could
    // not even be prepared. Delivery itself (no D-Bus server) fails silently inside it.
    match app.notification().builder().title(&title).body(&body).show() {
        Ok(()) => tracing::info!(run_id = %summary.run_id, %title, %body, "run-end notification sent"),
        Err(e) => tracing::warn!(run_id = %summary.run_id, error = %e, "could not show the run-end notification"),
    }
}

/// A window we cannot ask counts as unfocused: a notification too many beats a missed one.
fn window_focused<R: Runtime>(app: &AppHandle<R>) -> bool {
    app.webview_windows().values().any(|w| w.is_focused().unwrap_or(false))
}
