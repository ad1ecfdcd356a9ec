//! `POST /v1beta/models/{model}:predictLongRunning`: the Vertex-style body
//! `{instances: [{prompt, image?, lastFrame?, referenceImages?}], parameters, webhookConfig?}`,
//! validated strictly, then a long-running operation is started.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use base64::Engine;
use bytes::Bytes;
use serde_json::{json, Map, Value};

use super::errors::{error, fault_response, invalid};
use super::params::{self, Family, Mode, MODELS};
use super::{authorize, operation_name, Samples};
use crate::clips::ClipSpec;
use crate::faults::FaultOp;
use crate::rejection::{Rejection, Reply};
use crate::state::jobs::{Job, Provider};
use crate::state::Shared;
use crate::stats::RecordedSubmit;

const IMAGE_TYPES: &[&str] = &["image/png", "image/jpeg", "image/webp"];

pub(super) async fn create(
    State(shared): State<Arc<Shared>>,
    axum::Extension(samples): axum::Extension<Arc<Samples>>,
    Path(model_action): Path<String>,
    query: axum::extract::Query<Vec<(String, String)>>,
    headers: HeaderMap,
    body: Bytes,
) -> Reply {
    shared.stats.count("google.submit");
    authorize(&shared, &headers, &query)?;
    let Some(model) = model_action.strip_suffix(":predictLongRunning") else {
        let msg = format!("Invalid method for models/{model_action}; use :predictLongRunning for Veo.");
        return Err(error(StatusCode::NOT_FOUND, &msg));
    };
    let Some(&(_, family, label)) = MODELS.iter().find(|(id, _, _)| *id == model) else {
        let msg = format!(
            "models/{model} is not found for API version v1beta, or is not supported for predictLongRunning. \
             Call ListModels to see the list of available models and their supported methods."
        );
        return Err(error(StatusCode::NOT_FOUND, &msg));
    };
    if let Some(kind) = shared.faults.take_request("google", FaultOp::Submit, model) {
        return Err(fault_response(&kind, FaultOp::Submit, "").into());
    }
    let value: Value =
        serde_json::from_slice(&body).map_err(|e| invalid(&format!("Invalid JSON payload received. {e}")))?;
    let Parts { instance, parameters } = split(&value)?;
    let mode = check_instance(&shared, family, instance)?;
    let out = params::validate(family, model, parameters, mode)?;

    let op_id = uuid::Uuid::new_v4().simple().to_string()[..12].to_owned();
    let name = operation_name(model, &op_id);
    let clip = ClipSpec {
        key: model.to_owned(),
        label: label.to_owned(),
        width: out.width,
        height: out.height,
        seconds: out.seconds,
        // Veo 3.x always generates audio on the Gemini API; Veo 2 is silent.
        audio: family != Family::Veo2,
    };
    let prompt = instance.get("prompt").and_then(Value::as_str).map(str::to_owned);
    let meta = shared.job_meta(Provider::Google, op_id.clone(), model, clip, prompt);
    samples.insert(&op_id, out.samples);
    let webhook = value.pointer("/webhookConfig/uris/0").and_then(Value::as_str).map(str::to_owned);
    // Not `record_submit`: clients know an operation by its full name, not its bare id.
    shared.stats.record(RecordedSubmit {
        route: "google".into(),
        endpoint: model.to_owned(),
        body: value.clone(),
        job_id: name.clone(),
        webhook,
    });
    tracing::info!(operation = %name, "google submit");
    shared.start_job(Arc::new(Job::new(meta)));
    Ok(Json(json!({ "name": name })).into_response())
}

/// The request's one instance and its parameters.
struct Parts<'a> {
    instance: &'a Map<String, Value>,
    parameters: &'a Map<String, Value>,
}

/// Splits the body, refusing unknown top-level fields.
fn split(value: &Value) -> Result<Parts<'_>, Rejection> {
    let top = value.as_object().ok_or_else(|| invalid("Invalid JSON payload received. Expected an object."))?;
    if let Some(name) = top.keys().find(|k| !matches!(k.as_str(), "instances" | "parameters" | "webhookConfig")) {
        return Err(invalid(&format!("Invalid JSON payload received. Unknown name \"{name}\": Cannot find field.")));
    }
    let instances = top.get("instances").and_then(Value::as_array).ok_or_else(|| invalid("instances is required."))?;
    let [instance] = instances.as_slice() else {
        return Err(invalid(&format!("Exactly one instance is supported, got {}.", instances.len())));
    };
    let instance = instance.as_object().ok_or_else(|| invalid("instances[0] must be an object."))?;
    static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
    let parameters = match top.get("parameters") {
        None => EMPTY.get_or_init(Map::new),
        Some(Value::Object(p)) => p,
        Some(other) => return Err(invalid(&format!("Invalid value at 'parameters', {other}"))),
    };
    Ok(Parts { instance, parameters })
}

fn check_instance(shared: &Shared, family: Family, instance: &Map<String, Value>) -> Result<Mode, Rejection> {
    const KNOWN: &[&str] = &["prompt", "image", "lastFrame", "referenceImages", "video"];
    if let Some(name) = instance.keys().find(|k| !KNOWN.contains(&k.as_str())) {
        let msg =
            format!("Invalid JSON payload received. Unknown name \"{name}\" at 'instances[0]': Cannot find field.");
        return Err(invalid(&msg));
    }
    let veo31_only = |name: &str| {
        (family != Family::Veo31 && instance.contains_key(name))
            .then(|| invalid(&format!("{name} is not supported by this model.")))
    };
    if let Some(refused) = veo31_only("lastFrame").or_else(|| veo31_only("referenceImages")) {
        return Err(refused);
    }
    if let Some(refused) = veo31_only("video") {
        return Err(refused);
    }
    if let Some(video) = instance.get("video") {
        check_video(shared, video)?;
    }
    match instance.get("prompt") {
        Some(Value::String(p)) if !p.trim().is_empty() => {}
        Some(Value::String(_)) | None if instance.contains_key("image") => {}
        Some(Value::String(_)) | None => return Err(invalid("A prompt is required for text-to-video.")),
        Some(other) => return Err(invalid(&format!("Invalid value at 'instances[0].prompt' (TYPE_STRING), {other}"))),
    }
    for name in ["image", "lastFrame"] {
        if let Some(image) = instance.get(name) {
            check_image(&format!("instances[0].{name}"), image)?;
        }
    }
    if instance.contains_key("lastFrame") && !instance.contains_key("image") {
        return Err(invalid("lastFrame requires image (the first frame)."));
    }
    let mut mode = Mode {
        image: instance.contains_key("image"),
        reference_images: false,
        extension: instance.contains_key("video"),
    };
    if let Some(refs) = instance.get("referenceImages") {
        let refs = refs.as_array().filter(|r| (1..=3).contains(&r.len()));
        let refs = refs.ok_or_else(|| invalid("referenceImages must hold 1 to 3 images."))?;
        for (i, r) in refs.iter().enumerate() {
            let kind = r.get("referenceType").and_then(Value::as_str).unwrap_or("").to_ascii_lowercase();
            if !matches!(kind.as_str(), "asset" | "style") {
                return Err(invalid(&format!("referenceImages[{i}].referenceType must be asset or style.")));
            }
            check_image(&format!("instances[0].referenceImages[{i}].image"), r.get("image").unwrap_or(&Value::Null))?;
        }
        mode.reference_images = true;
    }
    Ok(mode)
}

/// Veo's extension input (Gemini API video docs): a previous Veo output, `{uri}` of a file
/// the API still holds (2 days), rendered at 720p. The emulator holds only its own outputs,
/// so inline `encodedVideo` bytes are refused as an emulator limit, said so.
fn check_video(shared: &Shared, video: &Value) -> Result<(), Rejection> {
    let at = "instances[0].video";
    let object = video.as_object().ok_or_else(|| invalid(&format!("Invalid value at '{at}', {video}")))?;
    if let Some(name) = object.keys().find(|k| !matches!(k.as_str(), "uri" | "encodedVideo" | "encoding")) {
        let msg = format!("Invalid JSON payload received. Unknown name \"{name}\" at '{at}': Cannot find field.");
        return Err(invalid(&msg));
    }
    let Some(uri) = object.get("uri").and_then(Value::as_str) else {
        return Err(invalid(&format!("{at}.uri is required by the Dailies emulator (it extends its own outputs).")));
    };
    let file = uri.split_once("/files/").map(|(_, rest)| rest.split([':', '?', '/']).next().unwrap_or(""));
    let job = file.and_then(|id| shared.jobs.find(Provider::Google, id));
    let Some(job) = job.filter(|j| shared.retained_video(j).is_some()) else {
        return Err(invalid(&format!("{at}.uri must name a video generated by Veo in the last 2 days, got {uri}.")));
    };
    let clip = &job.meta.clip;
    if clip.width.min(clip.height) != 720 {
        return Err(invalid("Video extension supports 720p input videos only."));
    }
    Ok(())
}

/// Google's Image object in Gemini-API mode: inline bytes and a MIME type, nothing else.
fn check_image(at: &str, image: &Value) -> Result<(), Rejection> {
    let object = image.as_object().ok_or_else(|| invalid(&format!("Invalid value at '{at}', {image}")))?;
    if object.contains_key("gcsUri") {
        return Err(invalid(&format!("{at}.gcsUri is not supported in Gemini API; send bytesBase64Encoded.")));
    }
    if let Some(name) = object.keys().find(|k| !matches!(k.as_str(), "bytesBase64Encoded" | "mimeType")) {
        let msg = format!("Invalid JSON payload received. Unknown name \"{name}\" at '{at}': Cannot find field.");
        return Err(invalid(&msg));
    }
    let bytes = object.get("bytesBase64Encoded").and_then(Value::as_str).unwrap_or("");
    let decoded = base64::engine::general_purpose::STANDARD.decode(bytes).unwrap_or_default();
    if decoded.is_empty() {
        return Err(invalid(&format!(
            "Invalid value at '{at}.bytesBase64Encoded': expected base64-encoded image bytes."
        )));
    }
    match object.get("mimeType").and_then(Value::as_str) {
        Some(mime) if IMAGE_TYPES.contains(&mime) => Ok(()),
        _ => Err(invalid(&format!("{at}.mimeType must be one of {}.", IMAGE_TYPES.join(", ")))),
    }
}
