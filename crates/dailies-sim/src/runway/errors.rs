//! Runway's HTTP error bodies (runway.md §6: `{"error": "<message>"}`, validation failures
//! with an `issues` list) and the shapes the shared fault kinds take on this route.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::faults::{FaultKind, FaultOp};
use crate::rejection::Rejection;

pub(super) fn error(status: StatusCode, message: &str) -> Rejection {
    (status, Json(json!({ "error": message }))).into_response().into()
}

/// A 400 for a body that does not match the model's schema, naming the field.
pub(super) fn invalid(path: &str, message: &str) -> Rejection {
    let body = json!({
        "error": format!("Invalid request body: {path}: {message}"),
        "issues": [{"path": path.split('.').collect::<Vec<_>>(), "message": message}],
    });
    (StatusCode::BAD_REQUEST, Json(body)).into_response().into()
}

pub(super) fn not_found() -> Rejection {
    error(StatusCode::NOT_FOUND, "Task not found")
}

/// The response that replaces a request hit by a request-level fault.
pub(super) fn fault(kind: &FaultKind, op: FaultOp, task_id: &str) -> Rejection {
    let response = match kind {
        FaultKind::RateLimit { retry_after_s } => {
            let mut r = (StatusCode::TOO_MANY_REQUESTS, Json(json!({"error": "Too many requests. Please slow down."})))
                .into_response();
            r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(*retry_after_s));
            r
        }
        FaultKind::ServerError { status } => (
            StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            Json(json!({"error": "An internal error occurred. Please try again."})),
        )
            .into_response(),
        // Shape UNCONFIRMED; the credit wording is what users report.
        FaultKind::InsufficientBalance => {
            (StatusCode::BAD_REQUEST, Json(json!({"error": "You do not have enough credits to run this task."})))
                .into_response()
        }
        FaultKind::Malformed => malformed(op, task_id),
        FaultKind::EchoKey { status } => (
            StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            Json(json!({"error": crate::echo::message(*status)})),
        )
            .into_response(),
        // Job-level kinds are consumed at submit and never reach here.
        FaultKind::FailCompleted { .. } | FaultKind::ContentPolicy | FaultKind::CanceledByProvider => {
            (StatusCode::INTERNAL_SERVER_ERROR, Json(json!({"error": "job-level fault used as a request fault"})))
                .into_response()
        }
        // Transport-level kinds keep this route's shape where they have one.
        kind @ (FaultKind::RateLimitHeader { .. }
        | FaultKind::Stall
        | FaultKind::CutDownload
        | FaultKind::RedirectTo { .. }
        | FaultKind::ConnectionReset
        | FaultKind::ExpiredOutput) => {
            crate::faults::transport::respond(kind, |plain| fault(plain, op, task_id).into_response())
        }
    };
    response.into()
}

/// A 200 a client cannot use: a gateway page, a task of the wrong shape, bytes that are
/// not an MP4.
fn malformed(op: FaultOp, task_id: &str) -> Response {
    match op {
        FaultOp::Submit => {
            ([(header::CONTENT_TYPE, "text/html")], "<html><body><h1>502 Bad Gateway</h1></body></html>")
                .into_response()
        }
        FaultOp::Status | FaultOp::Result => {
            let garbled: Value = json!({"id": task_id, "status": 3, "output": "soon"});
            Json(garbled).into_response()
        }
        FaultOp::Content => ([(header::CONTENT_TYPE, "video/mp4")], "this is not an mp4").into_response(),
    }
}
