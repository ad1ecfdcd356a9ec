//! OpenAI's error envelope `{"error": {message, type, param, code}}` (all four keys always
//! present) and the responses scripted faults turn into.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::faults::{FaultKind, FaultOp};
use crate::rejection::Rejection;

pub(crate) fn error(
    status: StatusCode,
    message: &str,
    kind: &str,
    param: Option<&str>,
    code: Option<&str>,
) -> Rejection {
    envelope(status, message, kind, param, code).into()
}

fn envelope(status: StatusCode, message: &str, kind: &str, param: Option<&str>, code: Option<&str>) -> Response {
    let body = json!({"error": {"message": message, "type": kind, "param": param, "code": code}});
    (status, Json(body)).into_response()
}

pub(super) fn invalid(param: &str, code: &str, message: &str) -> Rejection {
    let kind = "invalid_request_error";
    error(StatusCode::BAD_REQUEST, message, kind, Some(param), Some(code))
}

pub(super) fn not_found(id: &str) -> Rejection {
    let msg = format!("Video with id '{id}' not found.");
    let kind = "invalid_request_error";
    error(StatusCode::NOT_FOUND, &msg, kind, Some("video_id"), None)
}

pub(super) fn fault_response(kind: &FaultKind, op: FaultOp, id: &str) -> Rejection {
    let response = match kind {
        FaultKind::RateLimit { retry_after_s } => {
            let mut r = envelope(
                StatusCode::TOO_MANY_REQUESTS,
                "Rate limit reached for requests. Please try again later.",
                "rate_limit_exceeded",
                None,
                Some("rate_limit_exceeded"),
            );
            let headers = r.headers_mut();
            headers.insert(header::RETRY_AFTER, HeaderValue::from(*retry_after_s));
            headers.insert("retry-after-ms", HeaderValue::from(retry_after_s.saturating_mul(1000)));
            r
        }
        FaultKind::ServerError { status } => envelope(
            StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            "The server had an error while processing your request. Sorry about that!",
            "server_error",
            None,
            None,
        ),
        // Real OpenAI reports an exhausted balance as a 429, not a 402/403.
        FaultKind::InsufficientBalance => envelope(
            StatusCode::TOO_MANY_REQUESTS,
            "You exceeded your current quota, please check your plan and billing details.",
            "insufficient_quota",
            None,
            Some("insufficient_quota"),
        ),
        FaultKind::Malformed => malformed(op, id),
        FaultKind::EchoKey { status } => {
            let code = if *status == 401 { Some("invalid_api_key") } else { None };
            let kind = if *status >= 500 { "server_error" } else { "invalid_request_error" };
            let status = StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            envelope(status, &crate::echo::message(status.as_u16()), kind, None, code)
        }
        // Job-level kinds are consumed at submit and never reach here.
        FaultKind::FailCompleted { .. } | FaultKind::ContentPolicy | FaultKind::CanceledByProvider => envelope(
            StatusCode::INTERNAL_SERVER_ERROR,
            "job-level fault used as a request fault",
            "server_error",
            None,
            None,
        ),
        // Transport-level kinds keep this route's shape where they have one.
        kind @ (FaultKind::RateLimitHeader { .. }
        | FaultKind::Stall
        | FaultKind::CutDownload
        | FaultKind::RedirectTo { .. }
        | FaultKind::ConnectionReset
        | FaultKind::ExpiredOutput) => {
            crate::faults::transport::respond(kind, |plain| fault_response(plain, op, id).into_response())
        }
    };
    response.into()
}

/// A 200 a client cannot use: HTML instead of JSON, JSON of the wrong shape, or bytes
/// that are not an MP4.
fn malformed(op: FaultOp, id: &str) -> Response {
    match op {
        FaultOp::Submit => {
            ([(header::CONTENT_TYPE, "text/html")], "<html><body><h1>502 Bad Gateway</h1></body></html>")
                .into_response()
        }
        FaultOp::Status | FaultOp::Result => {
            Json(json!({"id": id, "object": "video", "status": 42, "progress": "most"})).into_response()
        }
        FaultOp::Content => ([(header::CONTENT_TYPE, "video/mp4")], "this is not an mp4").into_response(),
    }
}

pub(super) fn wrong_type(param: &str, expected: &str, got: &Value) -> Rejection {
    let got = match got {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a decimal",
        Value::Number(_) => "an integer",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    };
    let msg = format!("Invalid type for '{param}': expected {expected}, but got {got} instead.");
    invalid(param, "invalid_type", &msg)
}

/// `'4', '8', and '12'`
pub(super) fn quoted_list(values: &[&str]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| format!("'{v}'")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{}, and {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}
