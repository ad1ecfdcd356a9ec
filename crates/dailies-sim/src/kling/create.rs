//! `POST /v1/videos/{text2video|image2video}` (kling.md §3–§4): every documented field is
//! type- and enum-checked, unknown fields are refused (1201), and the account's video
//! concurrency is enforced (1303), as is `external_task_id` uniqueness.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use bytes::Bytes;
use serde_json::{Map, Value};

use super::envelope::{failure, fault, invalid, not_found, ok};
use super::{auth, image, models, task_json, Family, TaskInfo, ROUTE};
use crate::clips::ClipSpec;
use crate::faults::{FaultOp, JobFate};
use crate::rejection::{Rejection, Reply};
use crate::state::jobs::{Job, JobMeta, Provider};
use crate::state::Shared;

/// Video tasks the emulated account may run at once (a small video pack; the real limit
/// depends on the purchased pack).
const CONCURRENCY: usize = 5;

const COMMON: &[&str] = &[
    "model_name",
    "prompt",
    "negative_prompt",
    "sound",
    "cfg_scale",
    "mode",
    "camera_control",
    "duration",
    "watermark_info",
    "callback_url",
    "external_task_id",
];
const TEXT_ONLY: &[&str] = &["aspect_ratio", "multi_shot", "multi_prompt", "shot_type"];
const IMAGE_ONLY: &[&str] = &["image", "image_tail", "voice_list", "static_mask", "dynamic_masks"];

pub(super) async fn create(
    State(shared): State<Arc<Shared>>,
    Path(family): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Reply {
    shared.stats.count("kling.submit");
    auth::authorize(&shared, &headers)?;
    let family = Family::parse(&family).ok_or_else(|| not_found("resource"))?;
    let parsed: Option<Map<String, Value>> = serde_json::from_slice(&body).ok();
    let model_name = parsed.as_ref().and_then(|b| b.get("model_name")).and_then(Value::as_str).unwrap_or("kling-v1");
    if let Some(kind) = shared.faults.take_request(ROUTE, FaultOp::Submit, model_name) {
        return Err(fault(&kind, FaultOp::Submit));
    }
    let body = parsed.ok_or_else(|| failure(StatusCode::BAD_REQUEST, 1200, "request body is not a JSON object"))?;
    let request = validate(family, &body)?;
    let running = shared.jobs.list(Provider::Kling).iter().filter(|j| !j.is_done()).count();
    if running >= CONCURRENCY {
        return Err(failure(StatusCode::TOO_MANY_REQUESTS, 1303, "parallel task over resource pack limit"));
    }
    if let Some(external) = &request.external_task_id {
        if shared.kling.find_external(external).is_some() {
            return Err(invalid(&format!("external_task_id '{external}' already exists")));
        }
    }
    let fate = shared.faults.take_fate(ROUTE, request.model.name);
    if fate == JobFate::ContentPolicy {
        // Kling screens the prompt and images synchronously: a refusal, not a failed task.
        return Err(failure(StatusCode::BAD_REQUEST, 1301, "prompt or image failed the content security check"));
    }
    let job = Arc::new(Job::new(job_meta(&shared, family, &request, fate)));
    shared.kling.insert(
        &job.meta.id,
        TaskInfo {
            family,
            external_task_id: request.external_task_id.clone(),
            units: models::units_string(request.model.units(&request.mode, request.seconds, request.sound)),
            video_id: uuid::Uuid::new_v4().to_string(),
        },
    );
    shared.record_submit(&job, Value::Object(body), request.callback_url);
    tracing::info!(task = %job.meta.id, model = request.model.name, "kling create");
    let response = ok(task_json(&shared, &job));
    shared.start_job(job);
    Ok(response)
}

struct Request {
    model: &'static models::Model,
    prompt: String,
    mode: String,
    seconds: u32,
    sound: bool,
    aspect: &'static str,
    external_task_id: Option<String>,
    callback_url: Option<String>,
}

fn string<'a>(body: &'a Map<String, Value>, name: &str) -> Result<Option<&'a str>, Rejection> {
    match body.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(invalid(&format!("{name} must be a string"))),
    }
}

fn one_of(body: &Map<String, Value>, name: &str, allowed: &[&str], default: &str) -> Result<String, Rejection> {
    match string(body, name)? {
        None => Ok(default.to_owned()),
        Some(v) if allowed.contains(&v) => Ok(v.to_owned()),
        Some(v) => Err(invalid(&format!("{name} '{v}' is invalid; allowed: {}", allowed.join(", ")))),
    }
}

fn validate(family: Family, body: &Map<String, Value>) -> Result<Request, Rejection> {
    let own = if family == Family::Text { TEXT_ONLY } else { IMAGE_ONLY };
    if let Some(unknown) = body.keys().find(|k| !COMMON.contains(&k.as_str()) && !own.contains(&k.as_str())) {
        return Err(invalid(&format!("unknown parameter '{unknown}'")));
    }
    let name = string(body, "model_name")?.unwrap_or("kling-v1");
    let model = models::find(name)
        .filter(|m| family == Family::Image || !m.image_only)
        .ok_or_else(|| not_found(&format!("model '{name}'")))?;
    let max_prompt = if model.free_duration { 3072 } else { 2500 };
    let prompt = string(body, "prompt")?.unwrap_or("");
    if family == Family::Text && prompt.trim().is_empty() {
        return Err(invalid("prompt is required"));
    }
    if prompt.chars().count() > max_prompt {
        return Err(invalid(&format!("prompt must be at most {max_prompt} characters")));
    }
    if string(body, "negative_prompt")?.is_some_and(|n| n.chars().count() > 2500) {
        return Err(invalid("negative_prompt must be at most 2500 characters"));
    }
    let mode = one_of(body, "mode", &["std", "pro"], "std")?;
    let durations = model.durations();
    let allowed: Vec<&str> = durations.iter().map(String::as_str).collect();
    let seconds = one_of(body, "duration", &allowed, "5")?.parse().unwrap_or(5);
    let sound = one_of(body, "sound", &["on", "off"], "off")? == "on";
    if sound && (!model.sound || (model.pro_sound_only && mode != "pro")) {
        return Err(invalid(&format!("sound is not supported by {name} in {mode} mode")));
    }
    if let Some(cfg) = body.get("cfg_scale") {
        let ok = cfg.as_f64().is_some_and(|v| (0.0..=1.0).contains(&v));
        if !model.cfg_scale || !ok {
            return Err(invalid(&format!("cfg_scale must be a number in [0, 1] and is not supported by {name}")));
        }
    }
    if body.get("watermark_info").is_some_and(|w| !w.get("enabled").is_some_and(Value::is_boolean)) {
        return Err(invalid("watermark_info must be {\"enabled\": bool}"));
    }
    let external_task_id = string(body, "external_task_id")?.map(str::to_owned);
    let callback_url = string(body, "callback_url")?.map(str::to_owned);
    let aspect = match family {
        Family::Text => match one_of(body, "aspect_ratio", &["16:9", "9:16", "1:1"], "16:9")?.as_str() {
            "9:16" => "9:16",
            "1:1" => "1:1",
            _ => "16:9",
        },
        Family::Image => image_aspect(body)?,
    };
    Ok(Request { model, prompt: prompt.to_owned(), mode, seconds, sound, aspect, external_task_id, callback_url })
}

/// `image` is required; `image_tail` excludes masks and camera control (§4).
fn image_aspect(body: &Map<String, Value>) -> Result<&'static str, Rejection> {
    let start = string(body, "image")?.ok_or_else(|| invalid("image is required"))?;
    let size = image::check("image", start).map_err(|m| invalid(&m))?;
    if let Some(tail) = string(body, "image_tail")? {
        image::check("image_tail", tail).map_err(|m| invalid(&m))?;
        if ["static_mask", "dynamic_masks", "camera_control"].iter().any(|k| body.contains_key(*k)) {
            return Err(invalid("image_tail cannot be combined with masks or camera_control"));
        }
    }
    Ok(size.map_or("16:9", image::nearest_aspect))
}

fn job_meta(shared: &Shared, family: Family, request: &Request, fate: JobFate) -> JobMeta {
    let (width, height) = models::frame(request.aspect, request.model.high_tier(&request.mode));
    let key = format!("kling/{}/{}", request.model.name, request.mode);
    let clip = ClipSpec {
        label: format!("Kling {} {}", request.model.name.trim_start_matches("kling-"), request.mode),
        key: key.clone(),
        width,
        height,
        seconds: request.seconds,
        audio: request.sound,
    };
    JobMeta {
        // Kling task ids are long decimal strings.
        id: (rand::random::<u64>() >> 4).to_string(),
        provider: Provider::Kling,
        endpoint: request.model.name.to_owned(),
        app_prefix: family.path().to_owned(),
        created_unix: crate::clock::unix_now(),
        clip,
        plan: shared.timing().plan(&key),
        fate,
        prompt: Some(request.prompt.clone()),
    }
}
