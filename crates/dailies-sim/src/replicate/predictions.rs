//! `GET /predictions/{id}`, `POST /predictions/{id}/cancel`, and the prediction object
//! both return (replicate.md §3): every field the spec marks required, nulls included.

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use serde_json::{json, Value};

use super::errors::{fault_response, problem, FLAGGED};
use super::{authorize, rfc3339, Extra, Local};
use crate::rejection::{Rejection, Reply};
use crate::state::jobs::{endpoint_of, Failure, Job, Outcome, Phase, Provider};
use crate::state::Shared;

pub(super) async fn get(
    State(shared): State<Arc<Shared>>,
    Extension(local): Extension<Arc<Local>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Reply {
    shared.stats.count("replicate.status");
    authorize(&shared, &headers)?;
    let job = shared.jobs.find(Provider::Replicate, &id);
    // Reading a finished prediction is how its output is fetched: `Result` faults hit those.
    let finished = job.as_ref().is_some_and(|j| j.is_done());
    if let Some((kind, op)) = shared.faults.take_poll("replicate", endpoint_of(job.as_ref()), finished) {
        return Err(fault_response(&kind, op, &id));
    }
    let (job, extra) = lookup(&local, job, &id)?;
    Ok(json_response(StatusCode::OK, &render(&shared, &extra, &job)))
}

/// Cancels a `starting` or `processing` prediction; a finished one comes back unchanged.
pub(super) async fn cancel(
    State(shared): State<Arc<Shared>>,
    Extension(local): Extension<Arc<Local>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Reply {
    shared.stats.count("replicate.cancel");
    authorize(&shared, &headers)?;
    let job = shared.jobs.find(Provider::Replicate, &id);
    let (job, extra) = lookup(&local, job, &id)?;
    if !job.is_done() {
        job.cancel.notify_one();
        // Answer with the canceled object, as the recorded real response does.
        let mut updates = job.subscribe();
        let done = updates.wait_for(|s| matches!(s.phase, Phase::Done(_)));
        let _ = tokio::time::timeout(Duration::from_secs(2), done).await;
        tracing::info!(job = %id, "replicate prediction canceled");
    }
    Ok(json_response(StatusCode::OK, &render(&shared, &extra, &job)))
}

fn lookup(local: &Local, job: Option<Arc<Job>>, id: &str) -> Result<(Arc<Job>, Arc<Extra>), Rejection> {
    match (job, local.predictions.get(id)) {
        (Some(job), Some(extra)) => Ok((job, extra)),
        _ => Err(problem(StatusCode::NOT_FOUND, "Not found", "The requested resource could not be found.")),
    }
}

fn json_response(status: StatusCode, body: &Value) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json; charset=UTF-8")], body.to_string()).into_response()
}

/// The prediction object as it stands now.
pub(super) fn render(shared: &Shared, extra: &Extra, job: &Job) -> Value {
    let state = job.snapshot();
    let now = SystemTime::now();
    let started_at = state.running_since.map(|t| rfc3339(now - t.elapsed()));
    let api = format!("{}/replicate/v1/predictions/{}", shared.base_url, job.meta.id);
    let mut p = json!({
        "id": job.meta.id,
        "model": extra.model,
        "version": "hidden",
        "input": extra.input,
        "logs": state.logs.iter().map(|l| l.message.as_str()).collect::<Vec<_>>().join("\n"),
        "output": null,
        "data_removed": false,
        "error": null,
        "status": "starting",
        "source": "api",
        "created_at": rfc3339(extra.created),
        "urls": {
            "get": api,
            "cancel": format!("{api}/cancel"),
            "web": format!("https://replicate.com/p/{}", job.meta.id),
        },
    });
    if let Some(deadline) = extra.deadline {
        p["deadline"] = rfc3339(deadline).into();
    }
    let done = match state.phase {
        Phase::Queued { .. } => return p,
        Phase::Running { .. } => {
            p["status"] = "processing".into();
            p["started_at"] = started_at.into();
            return p;
        }
        Phase::Done(done) => done,
    };
    let completed = now - done.at.elapsed();
    p["started_at"] = started_at.into();
    p["completed_at"] = rfc3339(completed).into();
    let total = completed.duration_since(extra.created).unwrap_or_default().as_secs_f64();
    p["metrics"] = json!({"predict_time": done.inference_s, "total_time": (total * 1000.0).round() / 1000.0});
    match &done.outcome {
        Outcome::Video { .. } => {
            p["status"] = "succeeded".into();
            p["output"] = format!("{}/replicate/delivery/{}/output.mp4", shared.base_url, job.meta.id).into();
        }
        Outcome::Failed(Failure::Cancelled) if extra.aborted.load(Ordering::SeqCst) => {
            p["status"] = "aborted".into();
            p["metrics"] = json!({});
        }
        Outcome::Failed(Failure::Cancelled) => p["status"] = "canceled".into(),
        Outcome::Failed(failure) => {
            p["status"] = "failed".into();
            p["error"] = failure_text(failure).into();
        }
    }
    // API predictions lose their inputs, outputs and logs after the retention window.
    if shared.expired(&done) {
        p["data_removed"] = true.into();
        p["output"] = Value::Null;
        p["input"] = json!({});
        p["logs"] = "".into();
    }
    p
}

fn failure_text(failure: &Failure) -> String {
    match failure {
        Failure::Model { message, .. } => message.clone(),
        Failure::ContentPolicy => FLAGGED.to_owned(),
        Failure::Cancelled => "Prediction was canceled".to_owned(),
        Failure::Internal(message) => format!("Prediction failed: {message}"),
    }
}
