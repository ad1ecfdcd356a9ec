//! `POST /openai/v1/videos`, JSON or multipart, validated like `CreateVideoJsonBody` /
//! `CreateVideoMultipartBody` in the official spec. OpenAI reports one error at a time,
//! with a 400 for every invalid parameter.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header;
use serde_json::{Map, Value};

use super::body::{invalid_body, read_json, read_multipart};
use super::errors::{fault_response, invalid, quoted_list, wrong_type};
use super::{accept, authorize};
use crate::clips::ClipSpec;
use crate::faults::FaultOp;
use crate::rejection::{Rejection, Reply};
use crate::state::jobs::{Job, JobMeta, Provider};
use crate::state::Shared;

const MODELS: &[&str] = &["sora-2", "sora-2-pro", "sora-2-2025-10-06", "sora-2-pro-2025-10-06", "sora-2-2025-12-08"];
const SECONDS: &[&str] = &["4", "8", "12"];
const SIZES: &[&str] = &["720x1280", "1280x720", "1024x1792", "1792x1024"];
/// Sizes only the pro model renders.
const PRO_SIZES: &[&str] = &["1024x1792", "1792x1024"];
const PROMPT_MAX: usize = 32_000;
const IMAGE_URL_MAX: usize = 20_971_520;

pub(super) async fn create(State(shared): State<Arc<Shared>>, request: Request) -> Reply {
    shared.stats.count("openai.submit");
    authorize(&shared, request.headers())?;
    let body = read_body(request, &shared).await?;
    let model = body.get("model").and_then(Value::as_str).unwrap_or("sora-2").to_owned();
    if let Some(kind) = shared.faults.take_request("openai", FaultOp::Submit, &model) {
        return Err(fault_response(&kind, FaultOp::Submit, ""));
    }
    let params = validate(&body)?;
    let job = Arc::new(Job::new(job_meta(&shared, params)));
    tracing::info!(job = %job.meta.id, model = %job.meta.endpoint, "openai submit");
    Ok(accept(&shared, job, body))
}

struct Params {
    prompt: String,
    model: String,
    seconds: String,
    size: String,
}

fn validate(body: &Map<String, Value>) -> Result<Params, Rejection> {
    const KNOWN: &[&str] = &["prompt", "model", "seconds", "size", "input_reference"];
    if let Some(unknown) = body.keys().find(|k| !KNOWN.contains(&k.as_str())) {
        return Err(invalid(unknown, "unknown_parameter", &format!("Unknown parameter: '{unknown}'.")));
    }
    let prompt = prompt(body)?;
    let model = one_of(body, "model", MODELS, "sora-2")?;
    let seconds = one_of(body, "seconds", SECONDS, "4")?;
    let size = one_of(body, "size", SIZES, "720x1280")?;
    if PRO_SIZES.contains(&size.as_str()) && !model.starts_with("sora-2-pro") {
        let msg = format!("Invalid value: '{size}'. This size is only supported by sora-2-pro.");
        return Err(invalid("size", "invalid_value", &msg));
    }
    if let Some(reference) = body.get("input_reference") {
        check_reference(reference)?;
    }
    Ok(Params { prompt, model, seconds, size })
}

/// The required `prompt`, 1 to 32,000 characters (create and remix alike).
pub(super) fn prompt(body: &Map<String, Value>) -> Result<String, Rejection> {
    match body.get("prompt") {
        None => {
            let msg = "Missing required parameter: 'prompt'.";
            Err(invalid("prompt", "missing_required_parameter", msg))
        }
        Some(Value::String(p)) if p.is_empty() => {
            let msg = "Invalid 'prompt': string too short. Expected a string with minimum length 1, \
                       but got an empty string instead.";
            Err(invalid("prompt", "string_below_min_length", msg))
        }
        Some(Value::String(p)) if p.chars().count() > PROMPT_MAX => {
            let msg = format!("Invalid 'prompt': string too long. Expected a string with maximum length {PROMPT_MAX}.");
            Err(invalid("prompt", "string_above_max_length", &msg))
        }
        Some(Value::String(p)) => Ok(p.clone()),
        Some(other) => Err(wrong_type("prompt", "a string", other)),
    }
}

/// Reads a create or remix body, JSON or multipart, as the spec allows both.
pub(super) async fn read_body(request: Request, shared: &Arc<Shared>) -> Result<Map<String, Value>, Rejection> {
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if content_type.starts_with("multipart/form-data") {
        read_multipart(request, shared).await
    } else if content_type.starts_with("application/json") {
        read_json(request, shared).await
    } else {
        Err(invalid_body("Content-Type must be application/json or multipart/form-data."))
    }
}

/// A string enum parameter. A JSON number is a type error even when its digits match
/// (`"seconds": 8` is not `"8"`).
fn one_of(body: &Map<String, Value>, name: &str, allowed: &[&str], default: &str) -> Result<String, Rejection> {
    match body.get(name) {
        None => Ok(default.to_owned()),
        Some(Value::String(v)) if allowed.contains(&v.as_str()) => Ok(v.clone()),
        Some(Value::String(v)) => {
            let msg = format!("Invalid value: '{v}'. Supported values are: {}.", quoted_list(allowed));
            Err(invalid(name, "invalid_value", &msg))
        }
        Some(other) => Err(wrong_type(name, &format!("one of {}", quoted_list(allowed)), other)),
    }
}

/// JSON `{image_url}` xor `{file_id}`; a multipart upload was summarised as `{file}`.
fn check_reference(reference: &Value) -> Result<(), Rejection> {
    let Some(object) = reference.as_object() else {
        return Err(wrong_type("input_reference", "an object", reference));
    };
    if object.contains_key("file") {
        return Ok(());
    }
    if let Some(key) = object.keys().find(|k| !matches!(k.as_str(), "image_url" | "file_id")) {
        let param = format!("input_reference.{key}");
        return Err(invalid(&param, "unknown_parameter", &format!("Unknown parameter: '{param}'.")));
    }
    if object.len() != 1 {
        let msg = "Invalid 'input_reference': provide exactly one of 'image_url' or 'file_id'.";
        return Err(invalid("input_reference", "invalid_value", msg));
    }
    let Some((key, value)) = object.iter().next() else {
        return Ok(());
    };
    let param = format!("input_reference.{key}");
    let Some(text) = value.as_str() else {
        return Err(wrong_type(&param, "a string", value));
    };
    let looks_valid = match key.as_str() {
        "image_url" => {
            text.len() <= IMAGE_URL_MAX && ["https://", "http://", "data:image/"].iter().any(|p| text.starts_with(p))
        }
        _ => !text.is_empty(),
    };
    if !looks_valid {
        return Err(invalid(&param, "invalid_value", &format!("Invalid value for '{param}'.")));
    }
    Ok(())
}

fn job_meta(shared: &Shared, params: Params) -> JobMeta {
    let (width, height) =
        params.size.split_once('x').and_then(|(w, h)| Some((w.parse().ok()?, h.parse().ok()?))).unwrap_or((720, 1280));
    let label = if params.model.starts_with("sora-2-pro") { "Sora 2 Pro" } else { "Sora 2" };
    let clip = ClipSpec {
        key: params.model.clone(),
        label: label.to_owned(),
        width,
        height,
        seconds: params.seconds.parse().unwrap_or(4),
        // Sora always generates sound.
        audio: true,
    };
    shared.job_meta(Provider::OpenAi, video_id(), &params.model, clip, Some(params.prompt))
}

pub(super) fn video_id() -> String {
    format!("video_{}", uuid::Uuid::new_v4().simple())
}
