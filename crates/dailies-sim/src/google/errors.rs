//! Google's error envelope `{"error": {code, message, status, details?}}` and the responses
//! scripted faults turn into on the Gemini API routes.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::faults::{FaultKind, FaultOp};
use crate::rejection::Rejection;
use crate::state::jobs::Failure;

/// The canonical status name Google pairs with an HTTP status.
fn status_name(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        409 => "ABORTED",
        429 => "RESOURCE_EXHAUSTED",
        499 => "CANCELLED",
        501 => "UNIMPLEMENTED",
        503 => "UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        _ => "INTERNAL",
    }
}

pub(super) fn envelope(status: StatusCode, message: &str, details: Option<Value>) -> Response {
    let mut error = json!({"code": status.as_u16(), "message": message, "status": status_name(status)});
    if let Some(details) = details {
        error["details"] = details;
    }
    (status, Json(json!({ "error": error }))).into_response()
}

pub(super) fn error(status: StatusCode, message: &str) -> Rejection {
    envelope(status, message, None).into()
}

/// 400 INVALID_ARGUMENT, the answer to every bad parameter.
pub(super) fn invalid(message: &str) -> Rejection {
    error(StatusCode::BAD_REQUEST, message)
}

/// 400 FAILED_PRECONDITION with its status name (not the HTTP default for 400).
fn failed_precondition(message: &str) -> Response {
    let body = json!({"error": {"code": 400, "message": message, "status": "FAILED_PRECONDITION"}});
    (StatusCode::BAD_REQUEST, Json(body)).into_response()
}

/// A rejected key: Google answers 400 INVALID_ARGUMENT with reason `API_KEY_INVALID`.
pub(super) fn bad_key() -> Rejection {
    let details = json!([{
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        "reason": "API_KEY_INVALID",
        "domain": "googleapis.com",
        "metadata": {"service": "generativelanguage.googleapis.com"},
    }]);
    envelope(StatusCode::BAD_REQUEST, "API key not valid. Please pass a valid API key.", Some(details)).into()
}

/// No key at all: 403 PERMISSION_DENIED.
pub(super) fn no_key() -> Rejection {
    let msg = "Method doesn't allow unregistered callers (callers without established identity). \
               Please use API Key or other form of API consumer identity to call this API.";
    error(StatusCode::FORBIDDEN, msg)
}

pub(super) fn fault_response(kind: &FaultKind, op: FaultOp, name: &str) -> Response {
    match kind {
        // Google states the wait in `google.rpc.RetryInfo`, not in a Retry-After header.
        FaultKind::RateLimit { retry_after_s } => {
            let details = json!([
                {"@type": "type.googleapis.com/google.rpc.QuotaFailure",
                 "violations": [{"quotaMetric": "generativelanguage.googleapis.com/predict_long_running_requests",
                                 "quotaId": "PredictLongRunningRequestsPerMinutePerProjectPerModel"}]},
                {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": format!("{retry_after_s}s")},
            ]);
            let msg = "You exceeded your current quota, please check your plan and billing details.";
            envelope(StatusCode::TOO_MANY_REQUESTS, msg, Some(details))
        }
        FaultKind::ServerError { status } => {
            let status = StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let msg = match status.as_u16() {
                503 => "The model is overloaded. Please try again later.",
                _ => {
                    "An internal error has occurred. Please retry or report in \
                      https://developers.generativeai.google/guide/troubleshooting"
                }
            };
            envelope(status, msg, None)
        }
        // UNCONFIRMED wording (the fact sheet documents no billing error): Veo is paid-tier only.
        FaultKind::InsufficientBalance => failed_precondition("Veo is only accessible to billed users at this time."),
        FaultKind::Malformed => malformed(op, name),
        FaultKind::EchoKey { status } => envelope(
            StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            &crate::echo::message(*status),
            None,
        ),
        // Job-level kinds are consumed at submit and never reach here.
        FaultKind::FailCompleted { .. } | FaultKind::ContentPolicy | FaultKind::CanceledByProvider => {
            envelope(StatusCode::INTERNAL_SERVER_ERROR, "job-level fault used as a request fault", None)
        }
        // Transport-level kinds keep this route's shape where they have one.
        kind @ (FaultKind::RateLimitHeader { .. }
        | FaultKind::Stall
        | FaultKind::CutDownload
        | FaultKind::RedirectTo { .. }
        | FaultKind::ConnectionReset
        | FaultKind::ExpiredOutput) => crate::faults::transport::respond(kind, |plain| fault_response(plain, op, name)),
    }
}

/// A 200 a client cannot use.
fn malformed(op: FaultOp, name: &str) -> Response {
    match op {
        FaultOp::Submit => {
            ([(header::CONTENT_TYPE, "text/html")], "<html><body>502. That's an error.</body></html>").into_response()
        }
        FaultOp::Status | FaultOp::Result => Json(json!({"name": name, "done": "yes"})).into_response(),
        FaultOp::Content => ([(header::CONTENT_TYPE, "video/mp4")], "this is not an mp4").into_response(),
    }
}

pub(super) const FILTERED_REASON: &str = "Unable to generate videos because the prompt may violate Google's \
    Generative AI Prohibited Use Policy. You will not be charged for blocked videos.";

/// A failed operation's `error` (a `google.rpc.Status`, numeric gRPC code), for everything
/// but safety blocks, which finish with a filtered response instead.
pub(super) fn operation_error(failure: &Failure) -> Value {
    let (code, message) = match failure {
        Failure::Model { error_type, message } => (grpc_code(error_type), message.clone()),
        Failure::Cancelled => (1, "Operation cancelled.".to_owned()),
        Failure::Internal(message) => (13, message.clone()),
        Failure::ContentPolicy => (3, FILTERED_REASON.to_owned()),
    };
    json!({"code": code, "message": message})
}

/// A scripted `error_type` may name a canonical status (`INTERNAL`, `DEADLINE_EXCEEDED`).
fn grpc_code(name: &str) -> i64 {
    match name.to_ascii_uppercase().as_str() {
        "CANCELLED" => 1,
        "INVALID_ARGUMENT" => 3,
        "DEADLINE_EXCEEDED" => 4,
        "RESOURCE_EXHAUSTED" => 8,
        "FAILED_PRECONDITION" => 9,
        "UNAVAILABLE" => 14,
        _ => 13,
    }
}
