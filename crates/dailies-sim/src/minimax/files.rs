//! `GET /v1/files/retrieve?file_id=` (minimax.md §4) and the object storage behind its
//! `download_url`: a pre-signed URL (no auth) valid for 9 hours in the real service. The
//! emulator scales that to 9 × `result_ttl` (9 h with the default 1 h), and its `Expires`
//! is in milliseconds where real storage URLs use seconds, so tests can see a URL expire.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde_json::json;

use super::errors::{base_resp, fault_response, invalid_params};
use super::query::param;
use super::{authorize, Local};
use crate::faults::FaultOp;
use crate::rejection::Reply;
use crate::state::jobs::{endpoint_of, Outcome, Provider};
use crate::state::Shared;

type Params = Query<Vec<(String, String)>>;

/// `GroupId`, required by very old docs, is accepted and ignored (UNCONFIRMED either way).
pub(super) async fn retrieve(
    State(shared): State<Arc<Shared>>,
    Extension(local): Extension<Arc<Local>>,
    Query(params): Params,
    headers: HeaderMap,
) -> Reply {
    shared.stats.count("minimax.result");
    authorize(&shared, &headers)?;
    let file_id = param(&params, "file_id").ok_or_else(|| invalid_params("file_id is required"))?;
    let job = local.task_of(file_id).and_then(|task| shared.jobs.find(Provider::Minimax, &task));
    if let Some(kind) = shared.faults.take_request("minimax", FaultOp::Result, endpoint_of(job.as_ref())) {
        return Err(fault_response(&kind, FaultOp::Result, file_id));
    }
    // The download URL is time-limited; "query again for a refreshed URL" (minimax.md).
    if let Some(job) = &job {
        job.refresh_output();
    }
    let bytes = job.and_then(|job| job.done()).and_then(|done| match done.outcome {
        Outcome::Video { bytes, .. } => Some((bytes, done.at_unix)),
        Outcome::Failed(_) => None,
    });
    let Some((bytes, created_at)) = bytes else {
        return Err(invalid_params(&format!("file_id {file_id} not found")));
    };
    let url = signed_url(&shared, &local, file_id);
    let file = json!({
        // The files API echoes the id as an integer (minimax.md §3).
        "file_id": file_id.parse::<u64>().map_or_else(|_| json!(file_id), |n| json!(n)),
        "bytes": bytes,
        "created_at": created_at,
        "filename": "output.mp4",
        "purpose": "video_generation",
        "download_url": url,
        "backup_download_url": url,
    });
    Ok(Json(json!({"file": file, "base_resp": base_resp(0, "success")})).into_response())
}

fn signed_url(shared: &Shared, local: &Local, file_id: &str) -> String {
    let valid_ms = shared.config.result_ttl.as_millis().saturating_mul(9);
    let expires_ms = now_ms().saturating_add(valid_ms);
    let signature = signature(local, file_id, expires_ms);
    format!("{}/minimax/oss/{file_id}/output.mp4?Expires={expires_ms}&Signature={signature}", shared.base_url)
}

fn signature(local: &Local, file_id: &str, expires_ms: u128) -> String {
    format!("{:016x}", crate::clips::stable_hash(&format!("{}:{file_id}:{expires_ms}", local.signing_secret)))
}

fn now_ms() -> u128 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis())
}

/// Serves the MP4 for a valid, unexpired signature; storage errors are S3-style XML 403s.
pub(super) async fn download(
    State(shared): State<Arc<Shared>>,
    Extension(local): Extension<Arc<Local>>,
    Path((file_id, name)): Path<(String, String)>,
    Query(params): Params,
    headers: HeaderMap,
) -> Reply {
    shared.stats.count("minimax.content");
    let job = local.task_of(&file_id).and_then(|task| shared.jobs.get(&task));
    crate::cdn::count_range(&shared, "minimax.content", &headers);
    let cut = match crate::cdn::content_fault(&shared, "minimax", job.as_ref()) {
        Ok(cut) => cut,
        Err(kind) => return Err(fault_response(&kind, FaultOp::Content, &file_id)),
    };
    let expires = param(&params, "Expires").and_then(|e| e.parse::<u128>().ok());
    let signed = expires.is_some_and(|e| param(&params, "Signature") == Some(signature(&local, &file_id, e).as_str()));
    if !signed {
        return Ok(storage_error("SignatureDoesNotMatch", "The request signature we calculated does not match."));
    }
    if expires.is_some_and(|e| e < now_ms()) {
        return Ok(storage_error("AccessDenied", "Request has expired."));
    }
    match job.and_then(|j| j.video()) {
        Some(path) if name == "output.mp4" => Ok(crate::cdn::serve_video(&path, &headers, cut).await),
        _ => Ok(storage_error("NoSuchKey", "The specified key does not exist.")),
    }
}

fn storage_error(code: &str, message: &str) -> Response {
    let status = if code == "NoSuchKey" { StatusCode::NOT_FOUND } else { StatusCode::FORBIDDEN };
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>{code}</Code>\n  <Message>{message}</Message>\n</Error>\n"
    );
    (status, [(header::CONTENT_TYPE, "application/xml")], body).into_response()
}
