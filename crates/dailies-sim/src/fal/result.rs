//! Result download and cancel (fal.md §6–§7).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use super::{detail, errors, with_request_id};
use crate::state::jobs::{Job, Outcome, Phase};
use crate::state::Shared;

pub(super) fn result(shared: &Shared, job: &Job) -> Response {
    let Phase::Done(done) = job.snapshot().phase else {
        return detail(StatusCode::BAD_REQUEST, "Request is still in progress");
    };
    if shared.expired(&done) {
        return detail(StatusCode::NOT_FOUND, &format!("Request {} not found", job.meta.id));
    }
    let mut response = match &done.outcome {
        Outcome::Video { bytes, .. } => {
            let body = output_body(shared, job, *bytes);
            return with_request_id(StatusCode::OK, body, &job.meta.id);
        }
        Outcome::Failed(failure) => errors::failure_response(failure),
    };
    if let Ok(value) = job.meta.id.parse() {
        response.headers_mut().insert("x-fal-request-id", value);
    }
    response
}

/// The bare model output: `{video: File}`, plus `seed` and `VideoFile` metadata for the
/// families that return them (fal.md §11, §13.10; Kling and Veo return just the video).
fn output_body(shared: &Shared, job: &Job, bytes: u64) -> Value {
    let clip = &job.meta.clip;
    let mut video = json!({
        "url": format!("{}/cdn/files/{}/output.mp4", shared.base_url, job.meta.id),
        "content_type": "video/mp4",
        "file_name": "output.mp4",
        "file_size": bytes,
    });
    let rule = shared.catalog.endpoint(&job.meta.endpoint).map(|e| &e.schema.result);
    if rule.is_some_and(|r| r.video_file) {
        // The shared renderer's frame rate (`clips/look.rs`), which stays private to it.
        let fps = 12;
        video["width"] = clip.width.into();
        video["height"] = clip.height.into();
        video["fps"] = fps.into();
        video["duration"] = clip.seconds.into();
        video["num_frames"] = (clip.seconds * fps).into();
    }
    let mut body = json!({ "video": video });
    if let Some(seed) = shared.fal.seeds.get(&job.meta.id) {
        body["seed"] = seed.into();
    }
    body
}

/// A queued or running job is cancelled (it ends COMPLETED with `client_cancelled`);
/// a finished one reports `ALREADY_COMPLETED`.
pub(super) fn cancel(job: &Job) -> Response {
    if job.is_done() {
        return (StatusCode::BAD_REQUEST, Json(json!({"status": "ALREADY_COMPLETED"}))).into_response();
    }
    job.cancel.notify_one();
    tracing::info!(job = %job.meta.id, "fal cancel requested");
    (StatusCode::ACCEPTED, Json(json!({"status": "CANCELLATION_REQUESTED"}))).into_response()
}
