//! `POST /generations` (and the SDK's typed alias `POST /generations/video`): the Dream
//! Machine create body (luma.md §A2), validated strictly on its documented values.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::{Extension, Json};
use bytes::Bytes;
use serde_json::{Map, Value};

use super::errors::{fault_response, invalid};
use super::{authorize, generation_json, Book, Entry};
use crate::clips::ClipSpec;
use crate::faults::FaultOp;
use crate::rejection::{Rejection, Reply};
use crate::state::jobs::{Job, Provider};
use crate::state::Shared;

const MODELS: &[(&str, &str)] =
    &[("ray-2", "Luma Ray 2"), ("ray-flash-2", "Luma Ray Flash 2"), ("ray-1-6", "Luma Ray 1.6")];
const ASPECTS: &[&str] = &["1:1", "16:9", "9:16", "4:3", "3:4", "21:9", "9:21"];
const RESOLUTIONS: &[&str] = &["540p", "720p", "1080p", "4k"];
const DURATIONS: &[&str] = &["5s", "9s"];
const KNOWN: &[&str] = &[
    "model",
    "prompt",
    "generation_type",
    "aspect_ratio",
    "resolution",
    "duration",
    "loop",
    "keyframes",
    "concepts",
    "callback_url",
];

pub(super) async fn create(
    State(shared): State<Arc<Shared>>,
    Extension(book): Extension<Arc<Book>>,
    headers: HeaderMap,
    body: Bytes,
) -> Reply {
    shared.stats.count("luma.submit");
    authorize(&shared, &headers)?;
    let value: Value = serde_json::from_slice(&body).map_err(|e| invalid(&format!("Invalid JSON body: {e}")))?;
    let model = value.get("model").and_then(Value::as_str).unwrap_or("").to_owned();
    if let Some(kind) = shared.faults.take_request("luma", FaultOp::Submit, &model) {
        return Err(fault_response(&kind, FaultOp::Submit, "").into());
    }
    let request = value.as_object().ok_or_else(|| invalid("The request body must be a JSON object"))?;
    let clip = validate(&shared, request)?;
    let id = uuid::Uuid::new_v4().to_string();
    let prompt = request.get("prompt").and_then(Value::as_str).map(str::to_owned);
    let job = Arc::new(Job::new(shared.job_meta(Provider::Luma, id.clone(), &model, clip, prompt)));
    let mut echo = request.clone();
    echo.entry("generation_type").or_insert_with(|| Value::from("video"));
    book.insert(&id, Entry { created_at: crate::clock::iso8601_now(), request: Value::Object(echo) });
    let webhook = request.get("callback_url").and_then(Value::as_str).map(str::to_owned);
    shared.record_submit(&job, value.clone(), webhook);
    tracing::info!(generation = %id, "luma submit");
    let body = generation_json(&shared, &job, &book);
    shared.start_job(job);
    // 201 vs 200 is UNCONFIRMED; a create answering 201 Created is the common REST form.
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

fn validate(shared: &Shared, body: &Map<String, Value>) -> Result<ClipSpec, Rejection> {
    if let Some(unknown) = body.keys().find(|k| !KNOWN.contains(&k.as_str())) {
        return Err(invalid(&format!("Unknown field: {unknown}")));
    }
    let model = one_of(body, "model", &MODELS.iter().map(|(m, _)| *m).collect::<Vec<_>>())?
        .ok_or_else(|| invalid("model: field required"))?;
    let label = MODELS.iter().find(|(m, _)| *m == model).map_or(model, |(_, l)| *l);
    one_of(body, "generation_type", &["video"])?;
    let has_keyframes = body.get("keyframes").is_some();
    match body.get("prompt") {
        Some(Value::String(p)) if !p.trim().is_empty() => {}
        Some(Value::String(_)) | None if has_keyframes => {}
        Some(Value::String(_)) | None => return Err(invalid("prompt: a prompt is required without keyframes")),
        Some(_) => return Err(invalid("prompt: value is not a valid string")),
    }
    let aspect = one_of(body, "aspect_ratio", ASPECTS)?.unwrap_or("16:9");
    let resolution = one_of(body, "resolution", RESOLUTIONS)?.unwrap_or("720p");
    let duration = one_of(body, "duration", DURATIONS)?.unwrap_or("5s");
    if body.get("loop").is_some_and(|v| !v.is_boolean()) {
        return Err(invalid("loop: value is not a valid boolean"));
    }
    if body.get("callback_url").is_some_and(|v| !v.is_string()) {
        return Err(invalid("callback_url: value is not a valid string"));
    }
    if let Some(keyframes) = body.get("keyframes") {
        check_keyframes(shared, keyframes)?;
    }
    if let Some(concepts) = body.get("concepts") {
        let ok = concepts.as_array().is_some_and(|c| c.iter().all(|k| k.get("key").is_some_and(Value::is_string)));
        if !ok {
            return Err(invalid("concepts: expected a list of {\"key\": string}"));
        }
    }
    let (width, height) = frame_size(resolution, aspect);
    let seconds = duration.trim_end_matches('s').parse().unwrap_or(5);
    Ok(ClipSpec { key: model.to_owned(), label: label.to_owned(), width, height, seconds, audio: false })
}

fn one_of<'a>(body: &'a Map<String, Value>, name: &str, allowed: &[&str]) -> Result<Option<&'a str>, Rejection> {
    match body.get(name) {
        None => Ok(None),
        Some(Value::String(v)) if allowed.contains(&v.as_str()) => Ok(Some(v)),
        Some(Value::String(v)) => {
            let list: Vec<String> = allowed.iter().map(|a| format!("'{a}'")).collect();
            Err(invalid(&format!("{name}: '{v}' is not one of {}", list.join(", "))))
        }
        Some(_) => Err(invalid(&format!("{name}: value is not a valid string"))),
    }
}

/// `{frame0?, frame1?}`, each `{type: "image", url}` or `{type: "generation", id}`. A
/// generation keyframe (extend, Luma's video-generation docs) must name a completed
/// generation of this account that still has its video.
fn check_keyframes(shared: &Shared, keyframes: &Value) -> Result<(), Rejection> {
    let frames = keyframes.as_object().ok_or_else(|| invalid("keyframes: expected an object"))?;
    for (name, frame) in frames {
        if !matches!(name.as_str(), "frame0" | "frame1") {
            return Err(invalid(&format!("keyframes: unknown key {name}")));
        }
        let ok = match frame.get("type").and_then(Value::as_str) {
            Some("image") => frame
                .get("url")
                .and_then(Value::as_str)
                .is_some_and(|u| u.starts_with("https://") || u.starts_with("http://")),
            Some("generation") => {
                let Some(id) = frame.get("id").and_then(Value::as_str) else {
                    return Err(invalid(&format!("keyframes.{name}.id: value is not a valid string")));
                };
                let done = shared.jobs.find(Provider::Luma, id).filter(|j| shared.retained_video(j).is_some());
                if done.is_none() {
                    return Err(invalid(&format!("keyframes.{name}: generation {id} is not a completed generation")));
                }
                true
            }
            _ => false,
        };
        if !ok {
            return Err(invalid(&format!(
                "keyframes.{name}: expected {{type: 'image', url}} or {{type: 'generation', id}}"
            )));
        }
    }
    Ok(())
}

/// Output pixels: the resolution is the short side (UNCONFIRMED exact sizes; even numbers).
fn frame_size(resolution: &str, aspect: &str) -> (u32, u32) {
    let short: u32 = match resolution {
        "540p" => 540,
        "1080p" => 1080,
        "4k" => 2160,
        _ => 720,
    };
    let (w, h) = aspect
        .split_once(':')
        .and_then(|(w, h)| Some((w.parse::<u32>().ok()?, h.parse::<u32>().ok()?)))
        .unwrap_or((16, 9));
    let long = |a: u32, b: u32| (short * a / b).div_ceil(2) * 2;
    if w >= h {
        (long(w, h), short)
    } else {
        (short, long(h, w))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn frame_sizes_are_even_and_keep_the_aspect() {
        assert_eq!(super::frame_size("720p", "16:9"), (1280, 720));
        assert_eq!(super::frame_size("540p", "9:16"), (540, 960));
        assert_eq!(super::frame_size("720p", "21:9"), (1680, 720));
        assert_eq!(super::frame_size("4k", "1:1"), (2160, 2160));
    }
}
