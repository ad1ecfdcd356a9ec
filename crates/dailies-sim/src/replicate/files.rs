//! The Files API for input images (replicate.md §9: `POST /files` multipart, `GET
//! /files/{id}`) and the `replicate.delivery` stand-in that serves output videos.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::{Extension, Json};
use serde_json::{json, Value};

use super::errors::{fault_response, problem};
use super::{authorize, new_id, rfc3339, Local};
use crate::faults::FaultOp;
use crate::rejection::Reply;
use crate::state::jobs::Provider;
use crate::state::Shared;

const MAX_FILE_BYTES: usize = 100 << 20;
/// The lifetime of an uploaded file is UNCONFIRMED (a recording shows 24 h, the spec's
/// example 1 h); the recorded value is used.
const FILE_LIFETIME: Duration = Duration::from_secs(24 * 3600);

#[derive(Clone, Debug)]
pub(super) struct StoredFile {
    name: String,
    content_type: String,
    size: usize,
    metadata: Value,
    created: SystemTime,
}

pub(super) async fn create(
    State(shared): State<Arc<Shared>>,
    Extension(local): Extension<Arc<Local>>,
    request: Request,
) -> Reply {
    shared.stats.count("replicate.upload");
    authorize(&shared, request.headers())?;
    let bad = |detail: String| problem(StatusCode::BAD_REQUEST, "Invalid multipart body", &detail);
    let mut form = Multipart::from_request(request, &shared).await.map_err(|e| bad(e.to_string()))?;
    let (mut content, mut file_name, mut declared_type, mut metadata) = (None, None, None, json!({}));
    let mut text_name = None;
    while let Some(field) = form.next_field().await.map_err(|e| bad(e.to_string()))? {
        let name = field.name().unwrap_or_default().to_owned();
        let part_file_name = field.file_name().map(str::to_owned);
        let part_type = field.content_type().map(str::to_owned);
        let data = field.bytes().await.map_err(|e| bad(e.to_string()))?;
        match name.as_str() {
            "content" => {
                file_name = part_file_name;
                declared_type = declared_type.or(part_type);
                content = Some(data);
            }
            "type" => declared_type = Some(String::from_utf8_lossy(&data).into_owned()),
            "filename" => text_name = Some(String::from_utf8_lossy(&data).into_owned()),
            "metadata" => {
                metadata = serde_json::from_slice(&data).map_err(|_| bad("metadata must be valid JSON".into()))?;
            }
            other => return Err(bad(format!("unknown form field '{other}'"))),
        }
    }
    let content = content.ok_or_else(|| bad("content is required".into()))?;
    if content.len() >= MAX_FILE_BYTES {
        return Err(problem(
            StatusCode::PAYLOAD_TOO_LARGE,
            "Content Too Large",
            "Files must be less than 100MB in size",
        ));
    }
    let name = text_name.or(file_name).unwrap_or_else(|| "file".into());
    if name.len() > 255 {
        return Err(bad("filename must be at most 255 bytes".into()));
    }
    let file = StoredFile {
        name,
        content_type: declared_type.unwrap_or_else(|| "application/octet-stream".into()),
        size: content.len(),
        metadata,
        created: SystemTime::now(),
    };
    let id = new_id();
    let body = file_object(&shared, &id, &file);
    local.files.insert(&id, file);
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

pub(super) async fn get(
    State(shared): State<Arc<Shared>>,
    Extension(local): Extension<Arc<Local>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Reply {
    shared.stats.count("replicate.file");
    authorize(&shared, &headers)?;
    match local.files.get(&id) {
        Some(file) if file.created.elapsed().unwrap_or_default() < FILE_LIFETIME => {
            Ok(Json(file_object(&shared, &id, &file)).into_response())
        }
        _ => Err(problem(StatusCode::NOT_FOUND, "Not found", "The requested resource could not be found.")),
    }
}

fn file_object(shared: &Shared, id: &str, file: &StoredFile) -> Value {
    json!({
        "id": id,
        "name": file.name,
        "content_type": file.content_type,
        "size": file.size,
        "etag": format!("{:016x}", crate::clips::stable_hash(&format!("{id}{}", file.size))),
        // Real responses carry sha256/md5; the emulator has no digest to offer.
        "checksums": {},
        "metadata": file.metadata,
        "created_at": rfc3339(file.created),
        "expires_at": rfc3339(file.created + FILE_LIFETIME),
        "urls": {"get": format!("{}/replicate/v1/files/{id}", shared.base_url)},
    })
}

/// `GET /replicate/delivery/{id}/output.mp4`. The spec says output files need the
/// `Authorization` header, so the emulator requires it. Gone after the retention window.
pub(super) async fn delivery(
    State(shared): State<Arc<Shared>>,
    Path((id, name)): Path<(String, String)>,
    headers: HeaderMap,
) -> Reply {
    shared.stats.count("replicate.content");
    authorize(&shared, &headers)?;
    let job = shared.jobs.find(Provider::Replicate, &id);
    crate::cdn::count_range(&shared, "replicate.content", &headers);
    let cut = match crate::cdn::content_fault(&shared, "replicate", job.as_ref()) {
        Ok(cut) => cut,
        Err(kind) => return Err(fault_response(&kind, FaultOp::Content, &id)),
    };
    match job.and_then(|j| shared.retained_video(&j)) {
        Some(path) if name == "output.mp4" => Ok(crate::cdn::serve_video(&path, &headers, cut).await),
        _ => Ok((StatusCode::NOT_FOUND, [(header::CONTENT_TYPE, "text/plain")], "Not Found").into_response()),
    }
}
