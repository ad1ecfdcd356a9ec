//! Faults below a route's error vocabulary: odd headers, silence, a dropped connection, a
//! redirect. Each route's `fault_response` hands these kinds here, with a way to render
//! its own responses for the parts that keep the route's shape (the 429's body).

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;

use super::FaultKind;

/// How long a stalled response stays silent before the emulator gives up on it itself
/// (clients are expected to have timed out long before).
const STALL_FOR: Duration = Duration::from_secs(300);

/// The response for a transport-level kind. `route_response` renders a plain kind
/// (`RateLimit`) in the route's shape; it is never called with a transport kind.
pub(crate) fn respond(kind: &FaultKind, route_response: impl FnOnce(&FaultKind) -> Response) -> Response {
    match kind {
        FaultKind::RateLimitHeader { retry_after } => {
            let mut r = route_response(&FaultKind::RateLimit { retry_after_s: 1 });
            let headers = r.headers_mut();
            headers.remove("retry-after-ms");
            match HeaderValue::from_str(retry_after) {
                Ok(value) => headers.insert(header::RETRY_AFTER, value),
                Err(_) => headers.remove(header::RETRY_AFTER),
            };
            r
        }
        FaultKind::Stall => stalled(),
        FaultKind::ConnectionReset => {
            let never = futures::stream::once(async {
                Err::<Bytes, _>(std::io::Error::other("connection reset by fault injection"))
            });
            ([(header::CONTENT_LENGTH, "64")], Body::from_stream(never)).into_response()
        }
        // What the presigned-URL hosts behind these routes (S3/CloudFront-style) answer.
        FaultKind::ExpiredOutput => {
            let body = r#"{"Error":{"Code":"AccessDenied","Message":"Request has expired"}}"#;
            (StatusCode::FORBIDDEN, [(header::CONTENT_TYPE, "application/json")], body).into_response()
        }
        // Every download cuts the real file itself (`cdn::content_fault`), so a resumed
        // download can be checked byte for byte; only a cut queued on another op lands here.
        FaultKind::CutDownload => {
            let stand_in = Bytes::from(vec![0u8; 64 * 1024]);
            let length = [(header::CONTENT_LENGTH, stand_in.len().to_string())];
            (length, cut_body(stand_in)).into_response()
        }
        FaultKind::RedirectTo { location } => match HeaderValue::from_str(location) {
            Ok(value) => (StatusCode::TEMPORARY_REDIRECT, [(header::LOCATION, value)]).into_response(),
            Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        },
        plain => route_response(plain),
    }
}

/// A 200 whose body never arrives.
pub(crate) fn stalled() -> Response {
    let never = futures::stream::once(async {
        tokio::time::sleep(STALL_FOR).await;
        Err::<Bytes, _>(std::io::Error::other("stalled response abandoned"))
    });
    ([(header::CONTENT_TYPE, "application/json")], Body::from_stream(never)).into_response()
}

/// The body of a download cut half-way: the first half of `bytes`, then an error that
/// makes the server drop the connection. The response keeps the full Content-Length.
pub(crate) fn cut_body(bytes: Bytes) -> Body {
    let half = bytes.slice(..bytes.len() / 2);
    let dropped = futures::stream::once(async {
        // The server aborts at once on a body error, dropping bytes it has not flushed yet;
        // a pause lets the first half reach the client, as on a real cut.
        tokio::time::sleep(Duration::from_millis(200)).await;
        Err(std::io::Error::other("connection cut by fault injection"))
    });
    Body::from_stream(futures::StreamExt::chain(futures::stream::iter([Ok(half)]), dropped))
}
