//! Replicate's error bodies: RFC 7807 `application/problem+json` (`title`, `detail`,
//! `status`; replicate.md §7), the input validation report, and the responses scripted
//! faults turn into.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use crate::faults::{FaultKind, FaultOp};
use crate::rejection::Rejection;

/// The message a prediction fails with when the safety checker flags it (Replicate's E005).
pub(super) const FLAGGED: &str =
    "The input or output was flagged as sensitive. Please try again with different inputs. (E005)";

pub(super) fn problem(status: StatusCode, title: &str, detail: &str) -> Rejection {
    problem_body(status, json!({"title": title, "detail": detail, "status": status.as_u16()})).into()
}

fn problem_body(status: StatusCode, body: Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
    response
}

/// One invalid field of a rejected request: `(field, type, description)`.
pub(super) type Invalid = (String, &'static str, String);

/// 422 with every invalid field, in the gojsonschema wording Replicate's validator uses.
/// The exact shape is UNCONFIRMED (replicate.md §7); this is the documented problem form
/// plus the `invalid_fields` list.
pub(super) fn validation_failed(invalid: &[Invalid]) -> Rejection {
    let detail: String = invalid.iter().map(|(field, _, description)| format!("- {field}: {description}\n")).collect();
    let fields: Vec<Value> = invalid
        .iter()
        .map(|(field, kind, description)| json!({"type": kind, "field": field, "description": description}))
        .collect();
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    let body = json!({"title": "Input validation failed", "detail": detail, "status": 422, "invalid_fields": fields});
    problem_body(status, body).into()
}

/// The documented throttle body; `retry_after_s` also goes out as `Retry-After` (whether
/// Replicate sends that header is UNCONFIRMED; clients honour it when present).
pub(super) fn throttled(reset_s: u64, retry_after: bool) -> Response {
    let detail = format!("Request was throttled. Your rate limit resets in ~{reset_s}s.");
    let body = json!({"title": "Request was throttled.", "detail": detail, "status": 429});
    let mut response = problem_body(StatusCode::TOO_MANY_REQUESTS, body);
    if retry_after {
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(reset_s));
    }
    response
}

pub(super) fn fault_response(kind: &FaultKind, op: FaultOp, id: &str) -> Rejection {
    let response = match kind {
        FaultKind::RateLimit { retry_after_s } => throttled(*retry_after_s, true),
        FaultKind::ServerError { status } => {
            let status = StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let title = status.canonical_reason().unwrap_or("Server Error");
            let body = json!({"title": title, "detail": "Simulated server error", "status": status.as_u16()});
            problem_body(status, body)
        }
        // Out of prepaid credit (UNCONFIRMED wording; the 402 status is Replicate's).
        FaultKind::InsufficientBalance => {
            let detail = "You have insufficient credit to run this model. Go to \
                          https://replicate.com/account/billing#billing to purchase credit. Once you purchase \
                          credit, please wait a few minutes before retrying.";
            let body = json!({"title": "Insufficient credit", "detail": detail, "status": 402});
            problem_body(StatusCode::PAYMENT_REQUIRED, body)
        }
        FaultKind::Malformed => malformed(op, id),
        FaultKind::EchoKey { status } => {
            let status = StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let title = status.canonical_reason().unwrap_or("Error");
            let message = crate::echo::message(status.as_u16());
            problem_body(status, json!({"title": title, "detail": message, "status": status.as_u16()}))
        }
        // Job-level kinds are consumed at submit and never reach here.
        FaultKind::FailCompleted { .. } | FaultKind::ContentPolicy | FaultKind::CanceledByProvider => {
            let body = json!({"title": "Internal Server Error", "detail": "job-level fault used as a request fault", "status": 500});
            problem_body(StatusCode::INTERNAL_SERVER_ERROR, body)
        }
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

/// A 2xx a client cannot use: an HTML error page, a prediction of the wrong shape, or
/// bytes that are not an MP4.
fn malformed(op: FaultOp, id: &str) -> Response {
    match op {
        FaultOp::Submit => (
            StatusCode::CREATED,
            [(header::CONTENT_TYPE, "text/html")],
            "<html><body><h1>502 Bad Gateway</h1></body></html>",
        )
            .into_response(),
        FaultOp::Status | FaultOp::Result => {
            let body = json!({"id": id, "status": 7, "output": {"frames": "soon"}});
            (StatusCode::OK, [(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response()
        }
        FaultOp::Content => ([(header::CONTENT_TYPE, "video/mp4")], "this is not an mp4").into_response(),
    }
}
