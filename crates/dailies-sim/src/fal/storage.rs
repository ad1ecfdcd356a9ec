//! fal's storage upload as the JS client uses it (fal.md §11): `POST {rest}/storage/upload/initiate
//! ?storage_type=fal-cdn-v3` with `{content_type, file_name}` → `{upload_url, file_url}`, then a
//! `PUT` of the bytes to the presigned `upload_url`. The REST API lives under `/fal/rest`, the
//! upload and file URLs under `/fal-cdn`, and image-to-video endpoints accept only files issued here.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use bytes::Bytes;
use serde_json::{json, Value};

use super::pydantic::Errors;
use super::{authorize, detail, errors};
use crate::faults::FaultOp;
use crate::state::{Book, Shared};

/// Storage types the clients send: JS `fal-cdn-v3`, Python's fallback `gcs`.
const STORAGE_TYPES: [&str; 2] = ["fal-cdn-v3", "gcs"];

/// Files initiated through the storage API, by upload id.
#[derive(Default)]
pub(crate) struct Uploads(Book<Upload>);

#[derive(Clone)]
struct Upload {
    content_type: String,
    file_name: String,
    signature: String,
    /// `None` until the PUT arrives.
    bytes: Option<Bytes>,
}

impl Uploads {
    /// The bytes behind a `file_url` this emulator issued, if they were uploaded.
    pub fn fetch(&self, base_url: &str, url: &str) -> Option<Bytes> {
        let rest = url.strip_prefix(base_url)?.strip_prefix("/fal-cdn/files/")?;
        let (id, name) = rest.split_once('/')?;
        self.file(id, name)?.bytes
    }

    fn file(&self, id: &str, name: &str) -> Option<Upload> {
        self.0.get(id).filter(|u| u.file_name == name)
    }
}

/// `POST /fal/rest/storage/upload/initiate?storage_type=fal-cdn-v3`
pub(super) async fn initiate(
    State(shared): State<Arc<Shared>>,
    Query(query): Query<Vec<(String, String)>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    shared.stats.count("fal.storage.initiate");
    if let Err(denied) = authorize(&shared, &headers) {
        return denied.into_response();
    }
    if let Some(kind) = shared.faults.take_request("fal-storage", FaultOp::Submit, "storage/upload/initiate") {
        return errors::fault_response(&kind, FaultOp::Submit, "");
    }
    let input: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let (content_type, file_name) = match check_initiate(&query, &input) {
        Ok(fields) => fields,
        Err(problems) => {
            return (StatusCode::UNPROCESSABLE_ENTITY, Json(json!({ "detail": problems }))).into_response()
        }
    };
    // A file name is a path segment of the file URL; keep it to safe characters.
    let file_name: String =
        file_name.chars().map(|c| if c.is_ascii_alphanumeric() || "._-".contains(c) { c } else { '_' }).collect();
    let id = uuid::Uuid::new_v4().simple().to_string();
    let signature = uuid::Uuid::new_v4().simple().to_string();
    let base = &shared.base_url;
    let body = json!({
        "upload_url": format!("{base}/fal-cdn/upload/{id}?signature={signature}"),
        "file_url": format!("{base}/fal-cdn/files/{id}/{file_name}"),
    });
    let upload = Upload { content_type, file_name, signature, bytes: None };
    shared.fal.uploads.0.insert(&id, upload);
    Json(body).into_response()
}

/// `PUT /fal-cdn/upload/{id}?signature=…`: presigned, so no `Authorization`; the
/// `Content-Type` must be the one declared at initiate, as a signed URL demands.
pub(super) async fn put(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    Query(query): Query<Vec<(String, String)>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    shared.stats.count("fal.storage.put");
    if let Some(kind) = shared.faults.take_request("fal-storage", FaultOp::Submit, "storage/upload/put") {
        return errors::fault_response(&kind, FaultOp::Submit, "");
    }
    let signature = query.iter().find(|(k, _)| k == "signature").map(|(_, v)| v.as_str());
    let sent = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    // Checked and filled under one lock, so two PUTs to one URL cannot interleave.
    let stored = shared.fal.uploads.0.update(&id, |upload| {
        if signature != Some(upload.signature.as_str()) {
            return detail(StatusCode::FORBIDDEN, "SignatureDoesNotMatch: invalid or missing upload signature");
        }
        if !sent.eq_ignore_ascii_case(&upload.content_type) {
            let msg = format!(
                "SignatureDoesNotMatch: Content-Type '{sent}' differs from the '{}' declared at initiate",
                upload.content_type
            );
            return detail(StatusCode::FORBIDDEN, &msg);
        }
        tracing::info!(upload = %id, bytes = body.len(), "fal storage upload");
        upload.bytes = Some(body);
        StatusCode::OK.into_response()
    });
    stored.unwrap_or_else(|| detail(StatusCode::NOT_FOUND, "Upload not found"))
}

/// `GET /fal-cdn/files/{id}/{name}`: public, like fal's CDN.
pub(super) async fn get(State(shared): State<Arc<Shared>>, Path((id, name)): Path<(String, String)>) -> Response {
    shared.stats.count("fal.storage.get");
    match shared.fal.uploads.file(&id, &name) {
        Some(Upload { content_type, bytes: Some(bytes), .. }) => {
            ([(header::CONTENT_TYPE, content_type)], bytes).into_response()
        }
        _ => detail(StatusCode::NOT_FOUND, "File not found"),
    }
}

/// `storage_type` must be one the clients send; the body needs `content_type` (a MIME
/// type) and `file_name`. Unknown body fields are ignored, Pydantic's default.
fn check_initiate(query: &[(String, String)], input: &Value) -> Result<(String, String), Vec<Value>> {
    let mut problems = Errors::default();
    let loc = |a: &str, b: &str| [json!(a), json!(b)];
    match query.iter().find(|(k, _)| k == "storage_type").map(|(_, v)| v.as_str()) {
        Some(t) if STORAGE_TYPES.contains(&t) => {}
        Some(t) => problems.literal(&loc("query", "storage_type"), &STORAGE_TYPES.map(Value::from), &json!(t)),
        None => problems.push(&loc("query", "storage_type"), "missing", "Field required", &Value::Null),
    }
    let mut text = |name: &str| match input.get(name) {
        Some(Value::String(s)) => s.clone(),
        Some(other) => {
            problems.push(&loc("body", name), "string_type", "Input should be a valid string", other);
            String::new()
        }
        None => {
            problems.push(&loc("body", name), "missing", "Field required", input);
            String::new()
        }
    };
    let (content_type, file_name) = (text("content_type"), text("file_name"));
    if input.get("content_type").is_some_and(Value::is_string) && !is_mime(&content_type) {
        let msg = "Value error, content_type must be a MIME type such as image/png";
        problems.push(&loc("body", "content_type"), "value_error", msg, &json!(content_type));
    }
    if input.get("file_name").is_some_and(Value::is_string) && file_name.trim().is_empty() {
        let msg = "String should have at least 1 character";
        problems.push(&loc("body", "file_name"), "string_too_short", msg, &json!(file_name));
    }
    problems.into_result((content_type, file_name))
}

fn is_mime(s: &str) -> bool {
    let token = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_alphanumeric() || "!#$&^_.+-".contains(c));
    s.split_once('/').is_some_and(|(kind, sub)| token(kind) && token(sub))
}
