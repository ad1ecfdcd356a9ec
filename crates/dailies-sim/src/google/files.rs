//! `GET /v1beta/files/{id}:download?alt=media`: the generated video, with the same key as
//! the API, kept for the retention window (2 days at Google; `result_ttl` here) and then gone.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use serde_json::json;

use super::errors::{error, fault_response};
use super::{authorize, Params};
use crate::faults::FaultOp;
use crate::rejection::Reply;
use crate::state::jobs::Provider;
use crate::state::Shared;

/// The file of sample `i` of operation `id`: the operation id itself for the first
/// sample, `{id}-{i}` for the others.
pub(super) fn file_uri(shared: &Shared, id: &str, i: u32) -> String {
    let file = if i == 0 { id.to_owned() } else { format!("{id}-{i}") };
    format!("{}/google/v1beta/files/{file}:download?alt=media", shared.base_url)
}

pub(super) async fn download(
    State(shared): State<Arc<Shared>>,
    Path(file_action): Path<String>,
    query: Params,
    headers: HeaderMap,
) -> Reply {
    shared.stats.count("google.content");
    authorize(&shared, &headers, &query)?;
    let file = file_action.strip_suffix(":download").unwrap_or(&file_action);
    let id = file.split_once('-').map_or(file, |(id, _)| id);
    let job = shared.jobs.find(Provider::Google, id);
    crate::cdn::count_range(&shared, "google.content", &headers);
    let cut = match crate::cdn::content_fault(&shared, "google", job.as_ref()) {
        Ok(cut) => cut,
        Err(kind) => return Ok(fault_response(&kind, FaultOp::Content, "")),
    };
    let path = job
        .and_then(|j| shared.retained_video(&j))
        .ok_or_else(|| error(StatusCode::NOT_FOUND, &format!("File files/{file} not found or has expired.")))?;
    let media = query.iter().any(|(k, v)| k == "alt" && v == "media");
    if !media {
        // Without `alt=media` the Files API answers with the File resource, not its bytes.
        let size = tokio::fs::metadata(&path).await.map_or(0, |m| m.len());
        let uri = format!("{}/google/v1beta/files/{file}:download?alt=media", shared.base_url);
        let resource = json!({"name": format!("files/{file}"), "mimeType": "video/mp4", "sizeBytes": size.to_string(), "uri": uri, "state": "ACTIVE"});
        return Ok(Json(resource).into_response());
    }
    if cut {
        return Ok(crate::cdn::serve_file_cut(&path, &headers, "video/mp4").await);
    }
    Ok(crate::cdn::serve_file(&path, &headers, "video/mp4").await)
}
