//! Ark's error envelope `{"error": {code, message, param, type}}` (the codes are confirmed,
//! the wrapper is UNCONFIRMED and follows the OpenAI-like form the fact sheet gives) and the
//! responses scripted faults turn into.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::faults::{FaultKind, FaultOp};
use crate::rejection::Rejection;
use crate::state::jobs::Failure;

fn kind_of(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        429 => "TooManyRequests",
        503 => "ServiceUnavailable",
        _ => "InternalServerError",
    }
}

pub(super) fn envelope(status: StatusCode, code: &str, message: &str, param: &str) -> Response {
    let body = json!({"error": {"code": code, "message": message, "param": param, "type": kind_of(status)}});
    (status, Json(body)).into_response()
}

pub(super) fn error(status: StatusCode, code: &str, message: &str) -> Rejection {
    envelope(status, code, message, "").into()
}

/// `InvalidParameter` naming the parameter, as Ark phrases it.
pub(super) fn invalid(param: &str, why: &str) -> Rejection {
    let message = format!("The parameter `{param}` specified in the request is not valid: {why}");
    envelope(StatusCode::BAD_REQUEST, "InvalidParameter", &message, param).into()
}

/// A parameter the model does not take (`service_tier=flex` on 2.x, `generate_audio` on 1.0).
pub(super) fn unsupported(param: &str, model: &str) -> Rejection {
    let message = format!("The parameter `{param}` is not supported by the model {model}.");
    envelope(StatusCode::BAD_REQUEST, "InvalidParameter.UnsupportedParameter", &message, param).into()
}

pub(super) fn not_found(id: &str) -> Rejection {
    let message = format!("The specified task {id} is not found.");
    error(StatusCode::NOT_FOUND, "ResourceNotFound", &message)
}

pub(super) const SENSITIVE_OUTPUT: &str =
    "The request failed because the output video may contain sensitive information.";

/// A failed task's `error`.
pub(super) fn task_error(failure: &Failure) -> Value {
    let (code, message) = match failure {
        Failure::Model { error_type, message } => (error_type.as_str(), message.as_str()),
        Failure::ContentPolicy => ("OutputVideoSensitiveContentDetected", SENSITIVE_OUTPUT),
        Failure::Internal(message) => ("InternalServiceError", message.as_str()),
        Failure::Cancelled => return Value::Null,
    };
    json!({"code": code, "message": message})
}

pub(super) fn fault_response(kind: &FaultKind, op: FaultOp, id: &str) -> Response {
    match kind {
        FaultKind::RateLimit { retry_after_s } => {
            let msg =
                "The request has exceeded the RPM (requests per minute) limit of the model. Please try again later.";
            let mut r = envelope(StatusCode::TOO_MANY_REQUESTS, "RateLimitExceeded.EndpointRPMExceeded", msg, "");
            // Whether Ark sends Retry-After is UNCONFIRMED; clients must cope either way.
            r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(*retry_after_s));
            r
        }
        FaultKind::ServerError { status } => {
            let status = StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let (code, msg) = match status.as_u16() {
                503 => ("ServerOverloaded", "The service is currently overloaded. Please try again later."),
                _ => ("InternalServiceError", "The service encountered an unexpected internal error."),
            };
            envelope(status, code, msg, "")
        }
        FaultKind::InsufficientBalance => {
            let msg = "The request failed because your account has an overdue balance. Please recharge and try again.";
            envelope(StatusCode::FORBIDDEN, "AccountOverdueError", msg, "")
        }
        FaultKind::Malformed => match op {
            FaultOp::Submit => {
                ([(header::CONTENT_TYPE, "text/html")], "<html><body><h1>502 Bad Gateway</h1></body></html>")
                    .into_response()
            }
            FaultOp::Status | FaultOp::Result => Json(json!({"id": id, "status": 3, "content": []})).into_response(),
            FaultOp::Content => ([(header::CONTENT_TYPE, "video/mp4")], "this is not an mp4").into_response(),
        },
        FaultKind::EchoKey { status } => {
            let code = match status {
                401 => "AuthenticationError",
                403 => "AccessDenied",
                _ => "InternalServiceError",
            };
            let status = StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            envelope(status, code, &crate::echo::message(status.as_u16()), "")
        }
        FaultKind::FailCompleted { .. } | FaultKind::ContentPolicy | FaultKind::CanceledByProvider => envelope(
            StatusCode::INTERNAL_SERVER_ERROR,
            "InternalServiceError",
            "job-level fault used as a request fault",
            "",
        ),
        // Transport-level kinds keep this route's shape where they have one.
        kind @ (FaultKind::RateLimitHeader { .. }
        | FaultKind::Stall
        | FaultKind::CutDownload
        | FaultKind::RedirectTo { .. }
        | FaultKind::ConnectionReset
        | FaultKind::ExpiredOutput) => crate::faults::transport::respond(kind, |plain| fault_response(plain, op, id)),
    }
}
