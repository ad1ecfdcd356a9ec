//! ByteDance Seedance on BytePlus ModelArk (seedance.md) under `/seedance/api/v3`, standing
//! in for `https://ark.ap-southeast.bytepluses.com/api/v3`: content generation tasks
//! `queued → running → succeeded | failed` (also `cancelled`, `expired`), token usage, and
//! presigned video URLs on `/seedance/cdn` that expire.
//!
//! Fault ops: `Submit` create, `Status` a task GET, `Result` a GET of a succeeded task (it
//! carries the video URL), `Content` the video download.

mod create;
mod errors;
mod models;
mod params;
mod tasks;

use std::sync::Arc;

use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{Extension, Router};
use serde_json::{json, Value};

use crate::bearer::bearer;
use crate::rejection::Rejection;
use crate::state::jobs::{Failure, Job, Outcome, Phase};
use crate::state::Shared;
use errors::{error, task_error};
use params::Resolved;

const TASKS: &str = "/seedance/api/v3/contents/generations/tasks";

pub(crate) fn router() -> Router<Arc<Shared>> {
    Router::new()
        .route(TASKS, post(create::create).get(tasks::list))
        .route(&format!("{TASKS}/{{id}}"), get(tasks::retrieve).delete(tasks::delete))
        .route("/seedance/cdn/{id}/{name}", get(tasks::video))
        // Images may come inline as data URLs.
        .layer(axum::extract::DefaultBodyLimit::max(64 << 20))
        .layer(Extension(Arc::new(Book::default())))
}

/// Per-task facts beyond the job: the resolved parameters and whether a DELETE cancelled it.
#[derive(Clone)]
struct Entry {
    pub resolved: Resolved,
    pub cancelled: bool,
}

type Book = crate::state::Book<Entry>;

/// `Authorization: Bearer <ARK_API_KEY>`, the route's own key only. The code and wording
/// are UNCONFIRMED (Ark's `AuthenticationError`).
fn authorize(shared: &Shared, headers: &HeaderMap) -> Result<(), Rejection> {
    match bearer(headers) {
        Some(key) if key == shared.config.keys.seedance => Ok(()),
        _ => Err(error(
            StatusCode::UNAUTHORIZED,
            "AuthenticationError",
            "The API key or AK/SK in the request is missing or invalid.",
        )),
    }
}

/// The word the task is at: DELETE-cancelled, expired unfinished, or the job's phase.
fn status_of(job: &Job, entry: Option<&Entry>) -> &'static str {
    let phase = job.snapshot().phase;
    if entry.is_some_and(|e| e.cancelled) {
        return "cancelled";
    }
    let expires = entry.map_or(u64::MAX, |e| e.resolved.expires_after);
    let overdue = crate::clock::unix_now().saturating_sub(job.meta.created_unix) > expires;
    match phase {
        Phase::Queued { .. } | Phase::Running { .. } if overdue => "expired",
        Phase::Queued { .. } => "queued",
        Phase::Running { .. } => "running",
        Phase::Done(done) => match done.outcome {
            Outcome::Video { .. } => "succeeded",
            Outcome::Failed(Failure::Cancelled) => "cancelled",
            Outcome::Failed(_) => "failed",
        },
    }
}

/// The task object (seedance.md §3); `content` and `usage` only once it succeeded.
fn task_json(shared: &Shared, job: &Job, book: &Book) -> Value {
    let entry = book.get(&job.meta.id);
    let status = status_of(job, entry.as_ref());
    let done = job.done();
    let mut task = json!({
        "id": job.meta.id,
        "model": job.meta.endpoint,
        "status": status,
        "error": null,
        "created_at": job.meta.created_unix,
        "updated_at": done.as_ref().map_or(job.meta.created_unix, |d| d.at_unix),
    });
    if let Some(e) = &entry {
        let r = &e.resolved;
        task["seed"] = r.seed.into();
        task["resolution"] = r.resolution.clone().into();
        task["ratio"] = r.ratio.clone().into();
        match r.frames {
            Some(frames) => task["frames"] = frames.into(),
            None => task["duration"] = r.seconds.into(),
        }
        task["framespersecond"] = 24.into();
        task["service_tier"] = r.service_tier.clone().into();
        task["execution_expires_after"] = r.expires_after.into();
    }
    match (status, done.map(|d| d.outcome)) {
        ("succeeded", _) => {
            let (w, h) = (job.meta.clip.width, job.meta.clip.height);
            let frames = entry.as_ref().and_then(|e| e.resolved.frames).unwrap_or(job.meta.clip.seconds * 24 + 1);
            let tokens = models::tokens(w, h, frames);
            let ttl = shared.config.result_ttl.as_secs();
            let url = format!("{}/seedance/cdn/{}/video.mp4?X-Tos-Expires={ttl}", shared.base_url, job.meta.id);
            task["content"] = json!({ "video_url": url });
            task["usage"] = json!({"completion_tokens": tokens, "total_tokens": tokens});
        }
        ("failed", Some(Outcome::Failed(failure))) => task["error"] = task_error(&failure),
        _ => {}
    }
    task
}
