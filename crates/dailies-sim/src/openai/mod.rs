//! The OpenAI Videos API (openai.md) under `/openai/v1`, standing in for
//! `https://api.openai.com/v1`.

mod body;
mod create;
mod errors;
mod remix;
mod videos;

use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Map, Value};

use crate::bearer::bearer;
use crate::rejection::Rejection;
use crate::state::jobs::{Failure, Job, Outcome, Phase};
use crate::state::Shared;
pub(crate) use errors::error;

/// `input_reference.image_url` may be a 20 MiB data URL; leave room for multipart framing.
const BODY_LIMIT: usize = 32 << 20;

pub(crate) fn router() -> Router<Arc<Shared>> {
    Router::new()
        .route("/openai/v1/videos", get(videos::list).post(create::create))
        .route("/openai/v1/videos/{id}", get(videos::retrieve).delete(videos::delete))
        .route("/openai/v1/videos/{id}/content", get(videos::content))
        .route("/openai/v1/videos/{id}/remix", post(remix::remix))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn(request_id))
}

/// Which video each remix was made from (`remixed_from_video_id`), by remix id.
pub(crate) type OpenAiState = crate::state::Book<String>;

/// Every OpenAI response carries an `x-request-id`, which the SDK surfaces on errors.
async fn request_id(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let id = format!("req_{}", uuid::Uuid::new_v4().simple());
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-request-id", value);
    }
    response
}

fn authorize(shared: &Shared, headers: &HeaderMap) -> Result<(), Rejection> {
    match bearer(headers) {
        Some(key) if key == shared.config.keys.openai => Ok(()),
        Some(key) => Err(error(
            StatusCode::UNAUTHORIZED,
            &format!(
                "Incorrect API key provided: {}. You can find your API key at \
                 https://platform.openai.com/account/api-keys.",
                redact(key)
            ),
            "invalid_request_error",
            None,
            Some("invalid_api_key"),
        )),
        None => Err(error(
            StatusCode::UNAUTHORIZED,
            "You didn't provide an API key. You need to provide your API key in an Authorization \
             header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
            "invalid_request_error",
            None,
            None,
        )),
    }
}

/// Like OpenAI, never echo a whole key back.
fn redact(key: &str) -> String {
    let chars: Vec<char> = key.chars().collect();
    if chars.len() <= 8 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 7))
}

/// The full `VideoResource`: every key the spec marks required, nulls included.
fn resource(shared: &Shared, job: &Job) -> Value {
    let state = job.snapshot();
    let (status, progress, completed_at, expires_at, error) = match &state.phase {
        Phase::Queued { .. } => ("queued", 0, None, None, Value::Null),
        Phase::Running { progress } => ("in_progress", *progress, None, None, Value::Null),
        Phase::Done(done) => match &done.outcome {
            Outcome::Video { .. } => {
                let ttl = shared.config.result_ttl.as_secs_f64().ceil() as u64;
                ("completed", 100, Some(done.at_unix), Some(done.at_unix + ttl), Value::Null)
            }
            Outcome::Failed(failure) => {
                let (code, message) = failure_fields(failure);
                ("failed", 0, Some(done.at_unix), None, json!({"code": code, "message": message}))
            }
        },
    };
    json!({
        "id": job.meta.id,
        "object": "video",
        "model": job.meta.endpoint,
        "status": status,
        "progress": progress,
        "created_at": job.meta.created_unix,
        "completed_at": completed_at,
        "expires_at": expires_at,
        "prompt": job.meta.prompt,
        // Both were validated against the enums, so the clip spec reproduces them exactly.
        "size": format!("{}x{}", job.meta.clip.width, job.meta.clip.height),
        "seconds": job.meta.clip.seconds.to_string(),
        "remixed_from_video_id": shared.openai.get(&job.meta.id),
        "error": error,
    })
}

fn failure_fields(failure: &Failure) -> (String, String) {
    match failure {
        Failure::Model { error_type, message } => (error_type.clone(), message.clone()),
        Failure::ContentPolicy => {
            ("moderation_blocked".into(), "Your request was blocked by our moderation system.".into())
        }
        Failure::Cancelled => ("cancelled".into(), "The video job was cancelled.".into()),
        Failure::Internal(message) => ("internal_error".into(), message.clone()),
    }
}

/// Records an accepted create or remix, answers with the new video and starts it.
fn accept(shared: &Shared, job: Arc<Job>, body: Map<String, Value>) -> Response {
    shared.record_submit(&job, Value::Object(body), None);
    let response = with_poll_hint(shared, resource(shared, &job));
    shared.start_job(job);
    response
}

/// A video JSON response with the SDK's poll hint.
fn with_poll_hint(shared: &Shared, body: Value) -> Response {
    let mut response = (StatusCode::OK, Json(body)).into_response();
    response.headers_mut().insert("openai-poll-after-ms", HeaderValue::from(shared.timing().poll_after_ms()));
    response
}

#[cfg(test)]
mod tests {
    #[test]
    fn keys_are_redacted() {
        assert_eq!(super::redact("sk-abcdefghijklmnop"), "sk-************mnop");
        assert_eq!(super::redact("short"), "*****");
    }
}
