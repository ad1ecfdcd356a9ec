//! `POST /fal/{endpoint_id}`: validate against the endpoint's schema, then enqueue.

use std::sync::Arc;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use bytes::Bytes;
use serde_json::{json, Value};

use super::{app_prefix, detail, elements, errors, inputs, schema, urls, with_request_id};
use crate::faults::FaultOp;
use crate::state::jobs::{Job, JobMeta, Provider};
use crate::state::Shared;

pub(super) async fn submit(
    shared: &Arc<Shared>,
    endpoint_id: &str,
    query: &[(String, String)],
    body: Bytes,
) -> Response {
    let (Some(endpoint), Some(prefix)) = (shared.catalog.endpoint(endpoint_id), app_prefix(endpoint_id)) else {
        return detail(StatusCode::NOT_FOUND, &format!("Application '{endpoint_id}' not found"));
    };
    if let Some(kind) = shared.faults.take_request("fal", FaultOp::Submit, endpoint_id) {
        return errors::fault_response(&kind, FaultOp::Submit, "");
    }
    let value: Value = match serde_json::from_slice(&body) {
        Ok(value) => value,
        Err(err) => return json_invalid(&err),
    };
    let input = match schema::validate(endpoint.schema, &value) {
        Ok(input) => input,
        Err(errors) => return unprocessable(errors),
    };
    // Image fields are downloaded by the model only once the input validated.
    let start_image = match inputs::check_images(shared, &endpoint, &input) {
        Ok(size) => size,
        Err(errors) => return unprocessable(errors),
    };
    let (video_s, mut input_problems) = match inputs::check_videos(shared, &endpoint, &input) {
        Ok(seconds) => (seconds, Vec::new()),
        Err(problems) => (None, problems),
    };
    if let Some(rule) = &endpoint.schema.elements {
        input_problems.extend(elements::check_elements(shared, rule, &input));
    }
    if !input_problems.is_empty() {
        return unprocessable(input_problems);
    }
    let param = |name: &str| query.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    if let Some(limit) = param("fal_max_queue_length") {
        let Ok(limit) = limit.parse::<usize>() else {
            let msg = format!("fal_max_queue_length must be a non-negative integer, got '{limit}'");
            return detail(StatusCode::UNPROCESSABLE_ENTITY, &msg);
        };
        let waiting = shared.jobs.queued_on(endpoint_id);
        if waiting >= limit {
            let msg = format!("Queue is full: {waiting} requests waiting (fal_max_queue_length={limit})");
            return detail(StatusCode::TOO_MANY_REQUESTS, &msg);
        }
    }

    let id = uuid::Uuid::new_v4().to_string();
    let prompt = input.get("prompt").and_then(Value::as_str).map(str::to_owned);
    let meta =
        shared.job_meta(Provider::Fal, id.clone(), endpoint_id, endpoint.clip(&input, start_image, video_s), prompt);
    // Request URLs name only the `[ns/]owner/app` part of the endpoint id.
    let job = Arc::new(Job::new(JobMeta { app_prefix: prefix.to_owned(), ..meta }));
    if endpoint.schema.result.seed {
        // The seed asked for, or one the "model" picked; echoed in the result.
        let seed = input.get("seed").and_then(Value::as_i64).unwrap_or_else(|| rand::random::<u32>() as i64 >> 1);
        shared.fal.seeds.insert(&id, seed);
    }
    shared.record_submit(&job, value, param("fal_webhook"));
    tracing::info!(job = %id, endpoint = endpoint_id, "fal submit");
    let mut body = json!({
        "status": "IN_QUEUE",
        "request_id": id,
        "queue_position": job.meta.plan.queue_positions - 1,
    });
    for (key, url) in urls(shared, &job) {
        body[key] = url.into();
    }
    shared.start_job(job);
    with_request_id(StatusCode::OK, body, &id)
}

fn unprocessable(detail: Vec<Value>) -> Response {
    (StatusCode::UNPROCESSABLE_ENTITY, Json(json!({ "detail": detail }))).into_response()
}

/// FastAPI's report for a body that is not JSON at all.
fn json_invalid(err: &serde_json::Error) -> Response {
    let body = json!({"detail": [{
        "loc": ["body", err.column()],
        "msg": "JSON decode error",
        "type": "json_invalid",
        "ctx": {"error": err.to_string()},
    }]});
    (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response()
}
