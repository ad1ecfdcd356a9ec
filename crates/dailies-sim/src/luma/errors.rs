//! Luma's error bodies. Their shape is UNCONFIRMED in the fact sheet (the SDK treats them as
//! opaque); the emulator answers with a FastAPI-style `{"detail": "<message>"}`, the likely
//! form, and the responses scripted faults turn into.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::faults::{FaultKind, FaultOp};
use crate::rejection::Rejection;
use crate::state::jobs::Failure;

pub(super) fn detail(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "detail": message }))).into_response()
}

pub(super) fn invalid(message: &str) -> Rejection {
    detail(StatusCode::BAD_REQUEST, message).into()
}

pub(super) fn not_found() -> Rejection {
    detail(StatusCode::NOT_FOUND, "Generation not found").into()
}

/// UNCONFIRMED wording: the text a moderated Dream Machine generation fails with.
pub(super) const MODERATION_REASON: &str = "400: prompt not allowed because advanced moderation failed";

/// A failed generation's `failure_reason`.
pub(super) fn failure_reason(failure: &Failure) -> String {
    match failure {
        Failure::Model { message, .. } => message.clone(),
        Failure::ContentPolicy => MODERATION_REASON.to_owned(),
        Failure::Cancelled => "Generation was cancelled".to_owned(),
        Failure::Internal(message) => format!("Internal error: {message}"),
    }
}

pub(super) fn fault_response(kind: &FaultKind, op: FaultOp, id: &str) -> Response {
    match kind {
        FaultKind::RateLimit { retry_after_s } => {
            let mut r = detail(StatusCode::TOO_MANY_REQUESTS, "Too many requests. Please slow down.");
            // The SDK honours Retry-After; whether Luma sends it is UNCONFIRMED.
            r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(*retry_after_s));
            r
        }
        FaultKind::ServerError { status } => {
            let status = StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            detail(status, "Internal server error")
        }
        // UNCONFIRMED status and wording; the client keys on "credits".
        FaultKind::InsufficientBalance => {
            detail(StatusCode::BAD_REQUEST, "Insufficient credits. Add credits to your Luma API account to continue.")
        }
        FaultKind::Malformed => match op {
            FaultOp::Submit => {
                ([(header::CONTENT_TYPE, "text/html")], "<html><body><h1>502 Bad Gateway</h1></body></html>")
                    .into_response()
            }
            FaultOp::Status | FaultOp::Result => Json(json!({"id": id, "state": 7, "assets": "soon"})).into_response(),
            FaultOp::Content => ([(header::CONTENT_TYPE, "video/mp4")], "this is not an mp4").into_response(),
        },
        FaultKind::EchoKey { status } => detail(
            StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            &crate::echo::message(*status),
        ),
        FaultKind::FailCompleted { .. } | FaultKind::ContentPolicy | FaultKind::CanceledByProvider => {
            detail(StatusCode::INTERNAL_SERVER_ERROR, "job-level fault used as a request fault")
        }
        // Transport-level kinds keep this route's shape where they have one.
        kind @ (FaultKind::RateLimitHeader { .. }
        | FaultKind::Stall
        | FaultKind::CutDownload
        | FaultKind::RedirectTo { .. }
        | FaultKind::ConnectionReset
        | FaultKind::ExpiredOutput) => crate::faults::transport::respond(kind, |plain| fault_response(plain, op, id)),
    }
}
