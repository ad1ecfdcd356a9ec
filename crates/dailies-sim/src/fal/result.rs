//! Result download and cancel (fal.md §6–§7).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

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
        // Kling outputs carry no seed (fal.md §13.10).
        Outcome::Video { bytes, .. } => {
            let body = json!({"video": {
                "url": format!("{}/cdn/files/{}/output.mp4", shared.base_url, job.meta.id),
                "content_type": "video/mp4",
                "file_name": "output.mp4",
                "file_size": bytes,
            }});
            return with_request_id(StatusCode::OK, body, &job.meta.id);
        }
        Outcome::Failed(failure) => errors::failure_response(failure),
    };
    if let Ok(value) = job.meta.id.parse() {
        response.headers_mut().insert("x-fal-request-id", value);
    }
    response
}

/// A queued or running job is cancelled (it ends COMPLETED with `client_cancelled`);
/// a finished one reports `ALREADY_COMPLETED`.
pub(super) fn cancel(job: &Job) -> Response {
    if matches!(job.snapshot().phase, Phase::Done(_)) {
        return (StatusCode::BAD_REQUEST, Json(json!({"status": "ALREADY_COMPLETED"}))).into_response();
    }
    job.cancel.notify_one();
    tracing::info!(job = %job.meta.id, "fal cancel requested");
    (StatusCode::ACCEPTED, Json(json!({"status": "CANCELLATION_REQUESTED"}))).into_response()
}
