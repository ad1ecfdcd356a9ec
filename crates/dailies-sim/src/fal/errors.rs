//! fal's two error body formats (fal.md §9): model errors as a `detail` array, request
//! errors as a flat `{detail, error_type}` with an `X-Fal-Error-Type` header.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::faults::{FaultKind, FaultOp};
use crate::state::jobs::Failure;

/// Model error types (detail-array format) with their documented status.
const MODEL_ERRORS: &[(&str, u16)] = &[
    ("internal_server_error", 500),
    ("generation_timeout", 504),
    ("downstream_service_error", 400),
    ("downstream_service_unavailable", 500),
    ("content_policy_violation", 422),
    ("image_too_small", 422),
    ("image_too_large", 422),
    ("image_load_error", 422),
    ("file_download_error", 422),
    ("face_detection_error", 422),
    ("file_too_large", 422),
    ("feature_not_supported", 422),
    ("no_media_generated", 422),
];

/// Request error types (flat format) with their typical status.
const REQUEST_ERRORS: &[(&str, u16)] = &[
    ("request_timeout", 504),
    ("startup_timeout", 504),
    ("runner_scheduling_failure", 503),
    ("runner_connection_timeout", 503),
    ("runner_disconnected", 503),
    ("runner_connection_refused", 503),
    ("runner_connection_error", 503),
    ("runner_incomplete_response", 502),
    ("runner_server_error", 500),
    ("client_disconnected", 499),
    ("client_cancelled", 499),
    ("bad_request", 400),
    ("internal_error", 500),
];

pub(crate) const CONTENT_POLICY_MESSAGE: &str =
    "The content could not be processed because it contained material flagged by a content checker.";

/// `error` and `error_type` for a failed job's COMPLETED status.
pub(crate) fn status_fields(failure: &Failure) -> (String, String) {
    match failure {
        Failure::Model { error_type, message } => (message.clone(), error_type.clone()),
        Failure::ContentPolicy => (CONTENT_POLICY_MESSAGE.to_owned(), "content_policy_violation".to_owned()),
        Failure::Cancelled => ("Request was cancelled by the client".to_owned(), "client_cancelled".to_owned()),
        Failure::Internal(message) => (message.clone(), "internal_error".to_owned()),
    }
}

/// What the result endpoint replays for a failed job: the model's own status and body.
pub(crate) fn failure_response(failure: &Failure) -> Response {
    let (message, error_type) = status_fields(failure);
    if let Some((_, status)) = MODEL_ERRORS.iter().find(|(t, _)| *t == error_type) {
        let body = json!({"detail": [{
            "loc": ["body", "prompt"],
            "msg": message,
            "type": error_type,
            "url": format!("https://docs.fal.ai/errors#{error_type}"),
        }]});
        return (code(*status), Json(body)).into_response();
    }
    let status = REQUEST_ERRORS.iter().find(|(t, _)| *t == error_type).map_or(500, |(_, s)| *s);
    flat(code(status), &message, &error_type)
}

/// The response that replaces a request hit by a request-level fault.
pub(crate) fn fault_response(kind: &FaultKind, op: FaultOp, request_id: &str) -> Response {
    match kind {
        FaultKind::RateLimit { retry_after_s } => {
            let mut r = flat(StatusCode::TOO_MANY_REQUESTS, "Rate limit exceeded", "rate_limited");
            r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(*retry_after_s));
            r
        }
        FaultKind::ServerError { status } => {
            let error_type = REQUEST_ERRORS.iter().find(|(_, s)| s == status).map_or("internal_error", |(t, _)| t);
            flat(code(*status), &format!("Simulated server error ({status})"), error_type)
        }
        FaultKind::InsufficientBalance => {
            (StatusCode::FORBIDDEN, Json(json!({"detail": "User is locked. Reason: Exhausted balance"})))
                .into_response()
        }
        FaultKind::Malformed => malformed(op, request_id),
        FaultKind::EchoKey { status } => {
            (code(*status), Json(json!({"detail": crate::echo::message(*status)}))).into_response()
        }
        // Job-level kinds are consumed at submit and never reach here.
        FaultKind::FailCompleted { .. } | FaultKind::ContentPolicy | FaultKind::CanceledByProvider => {
            flat(StatusCode::INTERNAL_SERVER_ERROR, "job-level fault used as a request fault", "internal_error")
        }
        // Transport-level kinds keep this route's shape where they have one.
        kind @ (FaultKind::RateLimitHeader { .. }
        | FaultKind::Stall
        | FaultKind::CutDownload
        | FaultKind::RedirectTo { .. }
        | FaultKind::ConnectionReset
        | FaultKind::ExpiredOutput) => {
            crate::faults::transport::respond(kind, |plain| fault_response(plain, op, request_id))
        }
    }
}

/// A 200 whose body a client cannot use: HTML where JSON was due, or JSON of the
/// wrong shape, or bytes that are not an MP4.
fn malformed(op: FaultOp, request_id: &str) -> Response {
    match op {
        FaultOp::Submit => {
            ([(header::CONTENT_TYPE, "text/html")], "<html><body><h1>502 Bad Gateway</h1></body></html>")
                .into_response()
        }
        FaultOp::Status => Json(json!({"state": "RUNNING", "request": request_id, "status": 3})).into_response(),
        FaultOp::Result => Json(json!({"video": "not-a-file-object", "images": null})).into_response(),
        FaultOp::Content => {
            let junk: Value = json!({"error": "this is not an mp4"});
            ([(header::CONTENT_TYPE, "video/mp4")], junk.to_string()).into_response()
        }
    }
}

fn flat(status: StatusCode, message: &str, error_type: &str) -> Response {
    let mut r = (status, Json(json!({"detail": message, "error_type": error_type}))).into_response();
    if let Ok(value) = HeaderValue::from_str(error_type) {
        r.headers_mut().insert("x-fal-error-type", value);
    }
    r
}

fn code(status: u16) -> StatusCode {
    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}
