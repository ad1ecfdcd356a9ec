//! Veo through the Gemini API (google-veo.md) under `/google`, standing in for
//! `https://generativelanguage.googleapis.com`: `POST /v1beta/models/{model}:predictLongRunning`,
//! `GET /v1beta/models/{model}/operations/{id}`, `GET /v1beta/files/{id}:download?alt=media`.
//!
//! Fault ops: `Submit` the create call, `Status` any operation GET, `Result` an operation GET
//! once the operation is done (it carries the result), `Content` the file download.

mod create;
mod errors;
mod files;
mod params;

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use serde_json::{json, Value};

use crate::rejection::{Rejection, Reply};
use crate::state::jobs::{Failure, Job, Outcome, Phase, Provider};
use crate::state::Shared;
use errors::{bad_key, error, fault_response, no_key, operation_error, FILTERED_REASON};

pub(crate) fn router() -> Router<Arc<Shared>> {
    Router::new()
        .route("/google/v1beta/models/{model_action}", post(create::create))
        .route("/google/v1beta/models/{model}/operations/{id}", get(operation))
        .route("/google/v1beta/files/{file_action}", get(files::download))
        // Inline images are base64 in the JSON body; the Gemini API takes requests up to 20 MB.
        .layer(axum::extract::DefaultBodyLimit::max(32 << 20))
        .layer(Extension(Arc::new(Samples::default())))
}

/// How many samples each operation asked for (`sampleCount`, up to 2 on Veo 2).
type Samples = crate::state::Book<u32>;

type Params = Query<Vec<(String, String)>>;

/// `x-goog-api-key`, or the `?key=` parameter Google APIs also accept; the route's own key only.
fn authorize(shared: &Shared, headers: &HeaderMap, query: &Params) -> Result<(), Rejection> {
    let header = headers.get("x-goog-api-key").and_then(|v| v.to_str().ok());
    let param = query.iter().find(|(k, _)| k == "key").map(|(_, v)| v.as_str());
    match header.or(param) {
        Some(key) if key == shared.config.keys.google => Ok(()),
        Some(_) => Err(bad_key()),
        None => Err(no_key()),
    }
}

fn operation_name(model: &str, id: &str) -> String {
    format!("models/{model}/operations/{id}")
}

async fn operation(
    State(shared): State<Arc<Shared>>,
    Extension(samples): Extension<Arc<Samples>>,
    Path((model, id)): Path<(String, String)>,
    query: Params,
    headers: HeaderMap,
) -> Reply {
    shared.stats.count("google.status");
    authorize(&shared, &headers, &query)?;
    let name = operation_name(&model, &id);
    let job = shared.jobs.find(Provider::Google, &id).filter(|j| j.meta.endpoint == model);
    let done = job.as_ref().is_some_and(|j| j.is_done());
    if let Some((kind, op)) = shared.faults.take_poll("google", &model, done) {
        return Ok(fault_response(&kind, op, &name));
    }
    let job = job.ok_or_else(|| error(StatusCode::NOT_FOUND, &format!("Operation {name} not found.")))?;
    Ok(Json(operation_json(&shared, &job, &name, samples.get(&id).unwrap_or(1))).into_response())
}

/// The operation as the Gemini API reports it: `done:false`, then a response with samples,
/// a response with every sample filtered out, or an error.
fn operation_json(shared: &Shared, job: &Job, name: &str, samples: u32) -> Value {
    let Phase::Done(done) = job.snapshot().phase else {
        return json!({"name": name, "done": false});
    };
    let response = |samples: Vec<Value>, filtered: Vec<&str>| {
        json!({
            "@type": "type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse",
            "generateVideoResponse": {
                "generatedSamples": samples,
                "raiMediaFilteredCount": filtered.len(),
                "raiMediaFilteredReasons": filtered,
            }
        })
    };
    match &done.outcome {
        Outcome::Video { .. } => {
            let uris = (0..samples).map(|i| json!({"video": {"uri": files::file_uri(shared, &job.meta.id, i)}}));
            json!({"name": name, "done": true, "response": response(uris.collect(), vec![])})
        }
        // A safety block finishes "successfully" with no samples (and is not billed).
        Outcome::Failed(Failure::ContentPolicy) => {
            let mut response = response(vec![], vec![FILTERED_REASON]);
            response["generateVideoResponse"].as_object_mut().map(|r| r.remove("generatedSamples"));
            json!({"name": name, "done": true, "response": response})
        }
        Outcome::Failed(failure) => json!({"name": name, "done": true, "error": operation_error(failure)}),
    }
}
