//! `POST /v1/video_generation` (minimax.md §2), validated per model: durations 6/10 as
//! integers, uppercase resolutions, 10 s only at 768P and 1080P only at 6 s, first frames
//! as URLs or `data:image/...;base64,` strings. Every violation is status 2013. Unknown
//! fields are refused too, which may be stricter than the real service: a misspelled field
//! name must fail an adapter's tests rather than be dropped silently.

use std::sync::Arc;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::IntoResponse;
use axum::{Extension, Json};
use bytes::Bytes;
use serde_json::{json, Map, Value};

use super::errors::{base_resp, fault_response, invalid_params};
use super::{authorize, frame, numeric_id, Local};
use crate::clips::ClipSpec;
use crate::faults::FaultOp;
use crate::rejection::{Rejection, Reply};
use crate::state::jobs::{Job, Provider};
use crate::state::Shared;

const PROMPT_MAX: usize = 2000;
const KNOWN: &[&str] = &[
    "model",
    "prompt",
    "prompt_optimizer",
    "first_frame_image",
    "last_frame_image",
    "subject_reference",
    "duration",
    "resolution",
    "callback_url",
];

/// What each model accepts: (name, label, resolutions, image required, 6-second-only).
const MODELS: &[(&str, &str, &[&str], bool, bool)] = &[
    ("MiniMax-Hailuo-2.3", "Hailuo 2.3", &["768P", "1080P"], false, false),
    ("MiniMax-Hailuo-2.3-Fast", "Hailuo 2.3 Fast", &["768P", "1080P"], true, false),
    ("MiniMax-Hailuo-02", "Hailuo 02", &["512P", "768P", "1080P"], false, false),
    ("T2V-01", "T2V-01", &[], false, true),
    ("T2V-01-Director", "T2V-01 Director", &[], false, true),
    ("I2V-01", "I2V-01", &[], true, true),
    ("I2V-01-Director", "I2V-01 Director", &[], true, true),
    ("I2V-01-live", "I2V-01 Live", &[], true, true),
    ("S2V-01", "S2V-01", &[], false, true),
    ("video-01", "Video-01", &[], false, true),
];

pub(super) async fn create(
    State(shared): State<Arc<Shared>>,
    Extension(local): Extension<Arc<Local>>,
    headers: HeaderMap,
    body: Bytes,
) -> Reply {
    shared.stats.count("minimax.submit");
    authorize(&shared, &headers)?;
    let value: Value = serde_json::from_slice(&body).map_err(|_| invalid_params("request body is not valid JSON"))?;
    let Value::Object(body) = value else {
        return Err(invalid_params("request body must be a JSON object"));
    };
    let model = body.get("model").and_then(Value::as_str).unwrap_or_default().to_owned();
    if let Some(kind) = shared.faults.take_request("minimax", FaultOp::Submit, &model) {
        return Err(fault_response(&kind, FaultOp::Submit, ""));
    }
    let clip = validate(&body)?;
    let task_id = numeric_id();
    local.register(&task_id, &numeric_id());
    let prompt = body.get("prompt").and_then(Value::as_str).map(str::to_owned);
    let job = Arc::new(Job::new(shared.job_meta(Provider::Minimax, task_id.clone(), &model, clip, prompt)));
    let webhook = body.get("callback_url").and_then(Value::as_str).map(str::to_owned);
    shared.record_submit(&job, Value::Object(body), webhook);
    tracing::info!(task = %task_id, model = %job.meta.endpoint, "minimax video_generation");
    shared.start_job(job);
    Ok(Json(json!({"task_id": task_id, "base_resp": base_resp(0, "success")})).into_response())
}

/// Checks the body against the model's rules and returns the clip it renders.
fn validate(body: &Map<String, Value>) -> Result<ClipSpec, Rejection> {
    if let Some(unknown) = body.keys().find(|k| !KNOWN.contains(&k.as_str())) {
        return Err(invalid_params(&format!("unknown parameter: {unknown}")));
    }
    let model = match body.get("model") {
        None => return Err(invalid_params("model is required")),
        Some(Value::String(m)) => m.as_str(),
        Some(_) => return Err(invalid_params("model must be a string")),
    };
    let Some(&(name, label, resolutions, needs_image, six_only)) = MODELS.iter().find(|m| m.0 == model) else {
        return Err(invalid_params(&format!("model '{model}' is not supported")));
    };
    let text = |key: &str| -> Result<Option<&str>, Rejection> {
        match body.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.as_str())),
            Some(_) => Err(invalid_params(&format!("{key} must be a string"))),
        }
    };
    let first_frame = text("first_frame_image")?;
    for (key, image) in [("first_frame_image", first_frame), ("last_frame_image", text("last_frame_image")?)] {
        if image.is_some_and(|i| !is_image_ref(i)) {
            return Err(invalid_params(&format!("{key} must be an http(s) URL or a data:image/...;base64, URL")));
        }
    }
    if needs_image && first_frame.is_none() {
        return Err(invalid_params(&format!("first_frame_image is required for {name}")));
    }
    // Start/end-frame mode is reported for Hailuo 02 only (UNCONFIRMED elsewhere).
    if body.contains_key("last_frame_image") && (name != "MiniMax-Hailuo-02" || first_frame.is_none()) {
        return Err(invalid_params("last_frame_image needs MiniMax-Hailuo-02 and a first_frame_image"));
    }
    if body.contains_key("subject_reference") != (name == "S2V-01") {
        return Err(invalid_params("subject_reference is required for S2V-01 and accepted only there"));
    }
    match text("prompt")? {
        Some(p) if p.chars().count() > PROMPT_MAX => {
            return Err(invalid_params(&format!("prompt must be at most {PROMPT_MAX} characters")))
        }
        None if first_frame.is_none() && name != "S2V-01" => return Err(invalid_params("prompt is required")),
        _ => {}
    }
    if body.get("prompt_optimizer").is_some_and(|v| !v.is_boolean()) {
        return Err(invalid_params("prompt_optimizer must be a boolean"));
    }
    if text("callback_url")?.is_some_and(|u| !u.starts_with("https://") && !u.starts_with("http://")) {
        return Err(invalid_params("callback_url must be an http(s) URL"));
    }
    let duration = match body.get("duration") {
        None => 6,
        Some(v) => match v.as_i64() {
            Some(d @ (6 | 10)) if !six_only || d == 6 => d,
            Some(_) if six_only => return Err(invalid_params(&format!("duration must be 6 for {name}"))),
            Some(_) => return Err(invalid_params("duration must be 6 or 10")),
            None => return Err(invalid_params("duration must be an integer")),
        },
    };
    let resolution = match text("resolution")? {
        None if resolutions.is_empty() => "720P",
        None => "768P",
        Some(r) if resolutions.contains(&r) => r,
        Some(r) if resolutions.is_empty() => {
            return Err(invalid_params(&format!("resolution '{r}' is not supported by {name}")))
        }
        Some(r) => {
            return Err(invalid_params(&format!("resolution must be one of {}, got '{r}'", resolutions.join(", "))))
        }
    };
    if duration == 10 && resolution != "768P" {
        return Err(invalid_params("10 second videos are only available at 768P"));
    }
    let (width, height) = frame(resolution);
    let seconds = u32::try_from(duration).unwrap_or(6);
    Ok(ClipSpec { key: name.to_owned(), label: label.to_owned(), width, height, seconds, audio: false })
}

fn is_image_ref(s: &str) -> bool {
    let url = (s.starts_with("https://") || s.starts_with("http://")) && s.len() > "https://".len();
    let data =
        ["data:image/jpeg;base64,", "data:image/jpg;base64,", "data:image/png;base64,", "data:image/webp;base64,"]
            .iter()
            .any(|prefix| s.strip_prefix(prefix).is_some_and(|payload| !payload.is_empty()));
    url || data
}
