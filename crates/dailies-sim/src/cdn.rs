//! The public file host standing in for fal's CDN, and the byte-range file serving
//! that both it and OpenAI's `/content` use (video players seek with Range requests).

use std::path::Path;
use std::sync::Arc;

use axum::extract::{Path as UrlPath, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use bytes::Bytes;
use serde_json::json;

use crate::faults::{FaultKind, FaultOp};
use crate::state::jobs::Job;
use crate::state::jobs::{endpoint_of, Provider};
use crate::state::Shared;

pub(crate) fn router() -> Router<Arc<Shared>> {
    Router::new().route("/cdn/files/{id}/{name}", get(cdn_get))
}

/// `GET /cdn/files/{request_id}/output.mp4`. Public like fal's CDN: no auth.
async fn cdn_get(
    State(shared): State<Arc<Shared>>,
    UrlPath((id, name)): UrlPath<(String, String)>,
    headers: HeaderMap,
) -> Response {
    shared.stats.count("cdn.get");
    count_range(&shared, "cdn.get", &headers);
    let job = shared.jobs.find(Provider::Fal, &id);
    let cut = match content_fault(&shared, "fal", job.as_ref()) {
        Ok(cut) => cut,
        Err(kind) => return crate::fal::errors::fault_response(&kind, FaultOp::Content, &id),
    };
    match job.and_then(|j| j.video()) {
        Some(path) if name == "output.mp4" && cut => serve_file_cut(&path, &headers, "video/mp4").await,
        Some(path) if name == "output.mp4" => serve_file(&path, &headers, "video/mp4").await,
        _ => (StatusCode::NOT_FOUND, Json(json!({"detail": "File not found"}))).into_response(),
    }
}

/// The `Content` fault a download meets: `Ok(true)` when the file is to be cut half-way
/// (served from the real bytes, so a resumed download can be byte-identical), `Err` with
/// any other kind for the route to answer in its own shape.
///
/// An expired link stays expired for that job (`Job::output_expired`) until the route
/// hands out a fresh one, so a client that only retries the same download keeps failing.
pub(crate) fn content_fault(shared: &Shared, route: &str, job: Option<&Arc<Job>>) -> Result<bool, FaultKind> {
    if job.is_some_and(|j| j.output_expired()) {
        return Err(FaultKind::ExpiredOutput);
    }
    match shared.faults.take_request(route, FaultOp::Content, endpoint_of(job)) {
        Some(FaultKind::CutDownload) => Ok(true),
        Some(kind) => {
            if let (FaultKind::ExpiredOutput, Some(job)) = (&kind, job) {
                job.expire_output();
            }
            Err(kind)
        }
        None => Ok(false),
    }
}

/// An MP4 served whole or by range, or cut half-way when `cut`.
pub(crate) async fn serve_video(path: &Path, headers: &HeaderMap, cut: bool) -> Response {
    if cut {
        serve_file_cut(path, headers, "video/mp4").await
    } else {
        serve_file(path, headers, "video/mp4").await
    }
}

/// [`serve_file`], cut half-way by a `CutDownload` fault: same status and headers, half
/// the bytes, then a dropped connection.
pub(crate) async fn serve_file_cut(path: &Path, headers: &HeaderMap, content_type: &'static str) -> Response {
    let (parts, body) = serve_file(path, headers, content_type).await.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
    Response::from_parts(parts, crate::faults::transport::cut_body(bytes))
}

/// Counts a download that asks for a byte range under `<key>.range`, so tests can see a
/// resumed download.
pub(crate) fn count_range(shared: &Shared, key: &str, headers: &HeaderMap) {
    if headers.contains_key(header::RANGE) {
        shared.stats.count(&format!("{key}.range"));
    }
}

/// Serves a file whole (200) or one byte range of it (206), as players expect.
pub(crate) async fn serve_file(path: &Path, headers: &HeaderMap, content_type: &'static str) -> Response {
    let data = match tokio::fs::read(path).await {
        Ok(data) => Bytes::from(data),
        Err(err) => {
            tracing::error!(path = %path.display(), %err, "cached clip unreadable");
            return (StatusCode::NOT_FOUND, Json(json!({"detail": "File not found"}))).into_response();
        }
    };
    let total = data.len() as u64;
    let range = headers.get(header::RANGE).and_then(|v| v.to_str().ok());
    let (status, body, content_range) = match range.and_then(|r| parse_range(r, total)) {
        None => (StatusCode::OK, data, None),
        Some(Ok((start, end))) => (
            StatusCode::PARTIAL_CONTENT,
            data.slice(start as usize..=end as usize),
            Some(format!("bytes {start}-{end}/{total}")),
        ),
        Some(Err(())) => (StatusCode::RANGE_NOT_SATISFIABLE, Bytes::new(), Some(format!("bytes */{total}"))),
    };
    let mut response = (
        status,
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::ACCEPT_RANGES, "bytes".to_owned()),
            (header::CONTENT_LENGTH, body.len().to_string()),
        ],
        body,
    )
        .into_response();
    if let Some(value) = content_range.and_then(|v| v.parse().ok()) {
        response.headers_mut().insert(header::CONTENT_RANGE, value);
    }
    response
}

/// The inclusive byte range a `Range` header asks for. `None` means serve the whole
/// file: RFC 9110 lets a server ignore ranges it can't parse, and multi-range requests
/// are not worth multipart responses here. `Some(Err)` means 416.
fn parse_range(header: &str, total: u64) -> Option<Result<(u64, u64), ()>> {
    let spec = header.trim().strip_prefix("bytes=")?;
    if spec.contains(',') {
        return None;
    }
    let (first, last) = spec.split_once('-')?;
    let (first, last) = (first.trim(), last.trim());
    if first.is_empty() {
        let suffix: u64 = last.parse().ok()?;
        if suffix == 0 || total == 0 {
            return Some(Err(()));
        }
        return Some(Ok((total.saturating_sub(suffix), total - 1)));
    }
    let start: u64 = first.parse().ok()?;
    let end = match last {
        "" => u64::MAX,
        last => last.parse().ok()?,
    };
    if end < start {
        return None;
    }
    if start >= total {
        return Some(Err(()));
    }
    Some(Ok((start, end.min(total - 1))))
}

#[cfg(test)]
mod tests {
    use super::parse_range;

    #[test]
    fn ranges() {
        assert_eq!(parse_range("bytes=0-99", 1000), Some(Ok((0, 99))));
        assert_eq!(parse_range("bytes=900-", 1000), Some(Ok((900, 999))));
        assert_eq!(parse_range("bytes=-100", 1000), Some(Ok((900, 999))));
        assert_eq!(parse_range("bytes=-5000", 1000), Some(Ok((0, 999))));
        assert_eq!(parse_range("bytes=0-5000", 1000), Some(Ok((0, 999))));
        assert_eq!(parse_range("bytes=1000-", 1000), Some(Err(())));
        assert_eq!(parse_range("bytes=5-1", 1000), None);
        assert_eq!(parse_range("bytes=0-1,5-6", 1000), None);
        assert_eq!(parse_range("items=0-1", 1000), None);
    }
}
