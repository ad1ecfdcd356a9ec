//! Kling's `{code, message, request_id, data}` envelope (kling.md §6–§7), and the shapes the
//! shared fault kinds take on this route.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::faults::{FaultKind, FaultOp};
use crate::rejection::Rejection;

fn request_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// `code: 0` with the payload. The success `message` is undocumented; "SUCCEED" is what
/// public copies show.
pub(super) fn ok(data: Value) -> Response {
    Json(json!({"code": 0, "message": "SUCCEED", "request_id": request_id(), "data": data})).into_response()
}

/// A business-code failure; `data` is absent, as in the documented example.
pub(super) fn failure(status: StatusCode, code: i64, message: &str) -> Rejection {
    (status, Json(json!({"code": code, "message": message, "request_id": request_id()}))).into_response().into()
}

/// 1201: a parameter Kling refuses.
pub(super) fn invalid(message: &str) -> Rejection {
    failure(StatusCode::BAD_REQUEST, 1201, message)
}

pub(super) fn not_found(what: &str) -> Rejection {
    failure(StatusCode::NOT_FOUND, 1203, &format!("{what} not found"))
}

/// The response that replaces a request hit by a request-level fault.
pub(super) fn fault(kind: &FaultKind, op: FaultOp) -> Rejection {
    match kind {
        // Kling documents no Retry-After; over-limit creates are 1303, fast polling 1302.
        FaultKind::RateLimit { .. } if op == FaultOp::Submit => {
            failure(StatusCode::TOO_MANY_REQUESTS, 1303, "parallel task over resource pack limit")
        }
        FaultKind::RateLimit { .. } => failure(StatusCode::TOO_MANY_REQUESTS, 1302, "request rate too high"),
        FaultKind::ServerError { status } => {
            let status = StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let (code, message) = match status.as_u16() {
                503 => (5001, "service temporarily unavailable (maintenance)"),
                504 => (5002, "server internal timeout"),
                _ => (5000, "server internal error"),
            };
            failure(status, code, message)
        }
        FaultKind::InsufficientBalance => {
            failure(StatusCode::TOO_MANY_REQUESTS, 1102, "resource pack exhausted or expired")
        }
        FaultKind::Malformed => malformed(op).into(),
        FaultKind::EchoKey { status } => {
            // 1002 invalid authorization, 1103 no permission, 5000 internal error.
            let code = match status {
                401 => 1002,
                403 => 1103,
                _ => 5000,
            };
            let message = crate::echo::message(*status);
            failure(StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR), code, &message)
        }
        // Job-level kinds are consumed at submit and never reach here.
        FaultKind::FailCompleted { .. } | FaultKind::ContentPolicy | FaultKind::CanceledByProvider => {
            failure(StatusCode::INTERNAL_SERVER_ERROR, 5000, "job-level fault used as a request fault")
        }
        // Transport-level kinds keep this route's shape where they have one.
        kind @ (FaultKind::RateLimitHeader { .. }
        | FaultKind::Stall
        | FaultKind::CutDownload
        | FaultKind::RedirectTo { .. }
        | FaultKind::ConnectionReset
        | FaultKind::ExpiredOutput) => {
            crate::faults::transport::respond(kind, |plain| fault(plain, op).into_response()).into()
        }
    }
}

/// A 200 a client cannot use: a gateway page, a task of the wrong shape, bytes that are
/// not an MP4.
fn malformed(op: FaultOp) -> Response {
    match op {
        FaultOp::Submit => {
            ([(header::CONTENT_TYPE, "text/html")], "<html><body><h1>502 Bad Gateway</h1></body></html>")
                .into_response()
        }
        FaultOp::Status | FaultOp::Result => {
            let data = json!({"task_id": 7, "task_status": 3, "task_result": "pending"});
            Json(json!({"code": 0, "message": "SUCCEED", "request_id": request_id(), "data": data})).into_response()
        }
        FaultOp::Content => ([(header::CONTENT_TYPE, "video/mp4")], "this is not an mp4").into_response(),
    }
}
