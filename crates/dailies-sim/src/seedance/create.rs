//! `POST /contents/generations/tasks`: `{model, content: [...], ...parameters}`, validated
//! like Ark (string error codes naming the parameter), answered with only `{"id": "cgt-…"}`.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::{Extension, Json};
use bytes::Bytes;
use serde_json::{json, Map, Value};

use super::errors::{error, fault_response, invalid};
use super::models::MODELS;
use super::params::{resolve, KNOWN};
use super::{authorize, Book, Entry};
use crate::clips::ClipSpec;
use crate::faults::FaultOp;
use crate::rejection::{Rejection, Reply};
use crate::state::jobs::{Job, Provider};
use crate::state::Shared;

pub(super) async fn create(
    State(shared): State<Arc<Shared>>,
    Extension(book): Extension<Arc<Book>>,
    headers: HeaderMap,
    body: Bytes,
) -> Reply {
    shared.stats.count("seedance.submit");
    authorize(&shared, &headers)?;
    let value: Value = serde_json::from_slice(&body).map_err(|e| invalid("body", &format!("not valid JSON ({e})")))?;
    let request = value.as_object().ok_or_else(|| invalid("body", "expected a JSON object"))?;
    if let Some(unknown) = request.keys().find(|k| !KNOWN.contains(&k.as_str())) {
        return Err(invalid(unknown, "unknown parameter"));
    }
    let model = match request.get("model") {
        Some(Value::String(m)) => m.clone(),
        _ => return Err(invalid("model", "a model id or endpoint id is required")),
    };
    let Some(&(_, gen, label)) = MODELS.iter().find(|(id, _, _)| *id == model) else {
        let msg = format!("The model or endpoint {model} does not exist or you do not have access to it.");
        return Err(error(StatusCode::NOT_FOUND, "InvalidEndpointOrModel.NotFound", &msg));
    };
    if let Some(kind) = shared.faults.take_request("seedance", FaultOp::Submit, &model) {
        return Err(fault_response(&kind, FaultOp::Submit, "").into());
    }
    let (prompt, image) = check_content(request, gen.is_2x())?;
    let resolved = resolve(gen, &model, request, &prompt, image)?;

    let id = format!("cgt-{}", uuid::Uuid::now_v7().simple());
    let clip = ClipSpec {
        key: model.clone(),
        label: label.to_owned(),
        width: resolved.width,
        height: resolved.height,
        seconds: resolved.seconds,
        audio: resolved.audio,
    };
    let job = Arc::new(Job::new(shared.job_meta(Provider::Seedance, id.clone(), &model, clip, Some(prompt))));
    book.insert(&id, Entry { resolved, cancelled: false });
    let webhook = request.get("callback_url").and_then(Value::as_str).map(str::to_owned);
    shared.record_submit(&job, value.clone(), webhook);
    tracing::info!(task = %id, "seedance submit");
    shared.start_job(job);
    Ok(Json(json!({ "id": id })).into_response())
}

/// The prompt text (may be empty with images) and whether a first frame was given. First /
/// last frame and reference inputs cannot be mixed, and a last frame needs a first frame.
fn check_content(request: &Map<String, Value>, is_2x: bool) -> Result<(String, bool), Rejection> {
    let items = match request.get("content") {
        Some(Value::Array(items)) if !items.is_empty() => items,
        _ => return Err(invalid("content", "a non-empty array of content items is required")),
    };
    let mut prompt: Option<String> = None;
    let mut roles = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let at = format!("content[{i}]");
        match item.get("type").and_then(Value::as_str) {
            Some("text") => {
                let text = item
                    .get("text")
                    .and_then(Value::as_str)
                    .ok_or_else(|| invalid(&format!("{at}.text"), "expected a string"))?;
                if prompt.replace(text.to_owned()).is_some() {
                    return Err(invalid("content", "only one text item is allowed"));
                }
            }
            Some("image_url") => {
                let url = item.pointer("/image_url/url").and_then(Value::as_str).unwrap_or("");
                if url.is_empty() {
                    return Err(error(
                        StatusCode::BAD_REQUEST,
                        "InvalidImageURL.EmptyURL",
                        &format!("{at}.image_url.url is empty."),
                    ));
                }
                let valid = url.starts_with("https://")
                    || url.starts_with("http://")
                    || url.starts_with("asset://")
                    || (url.starts_with("data:image/") && url.contains(";base64,"));
                if !valid {
                    let msg = format!(
                        "{at}.image_url.url must be an http(s) URL, a data:image/<fmt>;base64 URL or asset://."
                    );
                    return Err(error(StatusCode::BAD_REQUEST, "InvalidImageURL.InvalidFormat", &msg));
                }
                let role = item.get("role").and_then(Value::as_str).unwrap_or("first_frame");
                if !matches!(role, "first_frame" | "last_frame" | "reference_image") {
                    return Err(invalid(
                        &format!("{at}.role"),
                        &format!("'{role}' is not one of first_frame, last_frame, reference_image"),
                    ));
                }
                roles.push(role);
            }
            Some(kind @ ("video_url" | "audio_url")) if is_2x => {
                let expected = if kind == "video_url" { "reference_video" } else { "reference_audio" };
                if item.get("role").and_then(Value::as_str) != Some(expected) {
                    return Err(invalid(&format!("{at}.role"), &format!("must be {expected}")));
                }
                roles.push(expected);
            }
            // Draft chaining needs a previous draft task; an honest limit of the emulator.
            Some("draft_task") => {
                return Err(invalid(
                    &format!("{at}.type"),
                    "draft_task items are not supported by the Dailies emulator",
                ))
            }
            Some(other) => {
                return Err(invalid(&format!("{at}.type"), &format!("'{other}' is not supported by this model")))
            }
            None => return Err(invalid(&format!("{at}.type"), "is required")),
        }
    }
    let frames = roles.iter().any(|r| r.ends_with("_frame"));
    let references = roles.iter().any(|r| r.starts_with("reference_"));
    if frames && references {
        return Err(invalid("content", "first/last frame and reference inputs cannot be mixed"));
    }
    if roles.contains(&"last_frame") && !roles.contains(&"first_frame") {
        return Err(invalid("content", "last_frame requires a first_frame image"));
    }
    let image = roles.contains(&"first_frame");
    let prompt = prompt.unwrap_or_default();
    if prompt.trim().is_empty() && roles.is_empty() {
        return Err(invalid("content", "a text prompt is required for text-to-video"));
    }
    Ok((prompt, image))
}
