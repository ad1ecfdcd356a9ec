//! `POST /v1/text_to_video` and `/v1/image_to_video`: authenticate, apply scripted faults,
//! validate the model's union member, answer `{id}` and start (or throttle) the task.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use bytes::Bytes;
use serde_json::{json, Map, Value};

use super::errors::{error, fault};
use super::{authorize, schema, throttle, ROUTE};
use crate::clips::ClipSpec;
use crate::faults::FaultOp;
use crate::rejection::Reply;
use crate::state::jobs::{Job, JobMeta, Provider};
use crate::state::Shared;

pub(super) async fn text_to_video(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> Response {
    create(&shared, false, &headers, &body).unwrap_or_else(IntoResponse::into_response)
}

pub(super) async fn image_to_video(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> Response {
    create(&shared, true, &headers, &body).unwrap_or_else(IntoResponse::into_response)
}

fn create(shared: &Arc<Shared>, image: bool, headers: &HeaderMap, body: &Bytes) -> Reply {
    shared.stats.count("runway.submit");
    authorize(shared, headers)?;
    let json_body = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("application/json"));
    let parsed: Option<Map<String, Value>> = serde_json::from_slice(body).ok();
    let model = parsed.as_ref().and_then(|b| b.get("model")).and_then(Value::as_str).unwrap_or("");
    if let Some(kind) = shared.faults.take_request(ROUTE, FaultOp::Submit, model) {
        return Err(fault(&kind, FaultOp::Submit, ""));
    }
    let body = parsed
        .filter(|_| json_body)
        .ok_or_else(|| error(StatusCode::BAD_REQUEST, "The request body must be a JSON object (application/json)."))?;
    let accepted = schema::validate(image, &body)?;
    let model = accepted.spec.model;
    let key = format!("runway/{model}");
    let clip = ClipSpec {
        key: key.clone(),
        label: format!("Runway {model}"),
        width: accepted.width,
        height: accepted.height,
        seconds: accepted.seconds,
        audio: accepted.audio,
    };
    let prompt = body.get("promptText").and_then(Value::as_str).map(str::to_owned);
    let meta = shared.job_meta(Provider::Runway, uuid::Uuid::new_v4().to_string(), model, clip, prompt);
    // Runway times a task by its clip key, not by the bare model name.
    let job = Arc::new(Job::new(JobMeta { plan: shared.timing().plan(&key), ..meta }));
    shared.runway.insert(&job.meta.id, crate::clock::iso8601_now());
    shared.record_submit(&job, Value::Object(body), None);
    tracing::info!(task = %job.meta.id, model, "runway create");
    let id = job.meta.id.clone();
    throttle::admit_or_wait(shared, job);
    Ok((StatusCode::OK, Json(json!({ "id": id }))).into_response())
}
