//! MiniMax's error channel: `base_resp {status_code, status_msg}` with HTTP 200
//! (minimax.md §5), and what scripted faults turn into.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::faults::{FaultKind, FaultOp};
use crate::rejection::Rejection;

pub(super) fn base_resp(code: i64, message: &str) -> Value {
    json!({"status_code": code, "status_msg": message})
}

/// A business error: HTTP 200 and a non-zero code, the v1 way.
pub(super) fn base_error(code: i64, message: &str) -> Rejection {
    Json(json!({"base_resp": base_resp(code, message)})).into_response().into()
}

/// `status_code 2013`, with the offending parameter named.
pub(super) fn invalid_params(detail: &str) -> Rejection {
    base_error(2013, &format!("invalid params, {detail}"))
}

/// The documented meaning of a code, used as `status_msg` where the fact sheet gives no
/// verbatim message.
pub(super) fn meaning(code: i64) -> &'static str {
    match code {
        1002 => "trigger rate limit, retry later",
        1008 => "insufficient balance",
        1026 => "input contains sensitive content",
        1027 => "generated video contains sensitive content",
        _ => "unknown error",
    }
}

pub(super) fn fault_response(kind: &FaultKind, op: FaultOp, id: &str) -> Rejection {
    match kind {
        // v1 reports rate limits in the body, with no Retry-After (minimax.md §5).
        FaultKind::RateLimit { .. } => base_error(1002, meaning(1002)),
        FaultKind::InsufficientBalance => base_error(1008, meaning(1008)),
        // A gateway failure in front of the API: a real HTTP error with an nginx page.
        FaultKind::ServerError { status } => {
            let status = StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let reason = status.canonical_reason().unwrap_or("Server Error");
            let page = format!(
                "<html>\r\n<head><title>{code} {reason}</title></head>\r\n<body>\r\n<center><h1>{code} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
                code = status.as_u16()
            );
            (status, [(header::CONTENT_TYPE, "text/html")], page).into_response().into()
        }
        FaultKind::Malformed => malformed(op, id).into(),
        // MiniMax answers auth trouble in `base_resp` (1004) over HTTP 200, the rest as 1000.
        FaultKind::EchoKey { status } => {
            base_error(if matches!(status, 401 | 403) { 1004 } else { 1000 }, &crate::echo::message(*status))
        }
        // Job-level kinds are consumed at submit and never reach here.
        FaultKind::FailCompleted { .. } | FaultKind::ContentPolicy | FaultKind::CanceledByProvider => {
            base_error(1000, "job-level fault used as a request fault")
        }
        // Transport-level kinds keep this route's shape where they have one.
        kind @ (FaultKind::RateLimitHeader { .. }
        | FaultKind::Stall
        | FaultKind::CutDownload
        | FaultKind::RedirectTo { .. }
        | FaultKind::ConnectionReset
        | FaultKind::ExpiredOutput) => {
            crate::faults::transport::respond(kind, |plain| fault_response(plain, op, id).into_response()).into()
        }
    }
}

/// A 200 a client cannot use: HTML where JSON was due, a body without `base_resp`, a file
/// object without a URL, or bytes that are not an MP4.
fn malformed(op: FaultOp, id: &str) -> Response {
    match op {
        FaultOp::Submit => {
            ([(header::CONTENT_TYPE, "text/html")], "<html><body><h1>502 Bad Gateway</h1></body></html>")
                .into_response()
        }
        FaultOp::Status => Json(json!({"task_id": id, "status": 5, "file": null})).into_response(),
        FaultOp::Result => {
            Json(json!({"file": {"file_id": id, "download_url": 42}, "base_resp": base_resp(0, "success")}))
                .into_response()
        }
        FaultOp::Content => ([(header::CONTENT_TYPE, "video/mp4")], "this is not an mp4").into_response(),
    }
}
