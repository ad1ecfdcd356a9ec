//! Luma's Dream Machine API (luma.md part A) under `/luma/dream-machine/v1`, standing in for
//! `https://api.lumalabs.ai/dream-machine/v1`: create, get, list and delete generations
//! through `queued → dreaming → completed | failed`; finished videos on a public asset host
//! (`/luma/cdn`). The separate Agents API (`agents.lumalabs.ai`) is not emulated.
//!
//! Fault ops: `Submit` create, `Status` a generation GET, `Result` a GET of a completed
//! generation (it carries the asset URL), `Content` the asset download.

mod create;
mod errors;
mod generations;

use std::sync::Arc;

use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{Extension, Router};
use serde_json::{json, Value};

use crate::bearer::bearer;
use crate::rejection::Rejection;
use crate::state::jobs::{Job, Outcome, Phase};
use crate::state::Shared;
use errors::{detail, failure_reason};

const BASE: &str = "/luma/dream-machine/v1";

pub(crate) fn router() -> Router<Arc<Shared>> {
    Router::new()
        .route(&format!("{BASE}/generations"), post(create::create).get(generations::list))
        .route(&format!("{BASE}/generations/video"), post(create::create))
        .route(&format!("{BASE}/generations/{{id}}"), get(generations::retrieve).delete(generations::delete))
        .route("/luma/cdn/{id}/{name}", get(generations::asset))
        .layer(Extension(Arc::new(Book::default())))
}

/// What a Generation echoes besides the job itself: its creation time and the request.
#[derive(Clone)]
struct Entry {
    pub created_at: String,
    pub request: Value,
}

type Book = crate::state::Book<Entry>;

/// `Authorization: Bearer <key>`, the route's own key only. The 401 body is UNCONFIRMED
/// (FastAPI-style `detail`).
fn authorize(shared: &Shared, headers: &HeaderMap) -> Result<(), Rejection> {
    match bearer(headers) {
        Some(key) if key == shared.config.keys.luma => Ok(()),
        Some(_) => Err(detail(StatusCode::UNAUTHORIZED, "Invalid API key").into()),
        None => Err(detail(StatusCode::UNAUTHORIZED, "Not authenticated").into()),
    }
}

/// The Generation object (luma.md §A3).
fn generation_json(shared: &Shared, job: &Job, book: &Book) -> Value {
    let entry = book.get(&job.meta.id);
    let (state, failure, assets) = match job.snapshot().phase {
        Phase::Queued { .. } => ("queued", None, Value::Null),
        Phase::Running { .. } => ("dreaming", None, Value::Null),
        Phase::Done(done) => match &done.outcome {
            Outcome::Video { .. } => {
                let video = format!("{}/luma/cdn/{}/video.mp4", shared.base_url, job.meta.id);
                ("completed", None, json!({"video": video, "image": null, "progress_video": null}))
            }
            Outcome::Failed(f) => ("failed", Some(failure_reason(f)), Value::Null),
        },
    };
    json!({
        "id": job.meta.id,
        "generation_type": "video",
        "state": state,
        "failure_reason": failure,
        "created_at": entry.as_ref().map(|e| e.created_at.clone()),
        "model": job.meta.endpoint,
        "assets": assets,
        "request": entry.map(|e| e.request),
    })
}
