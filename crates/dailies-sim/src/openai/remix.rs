//! `POST /openai/v1/videos/{id}/remix`: a new video from a completed one and a refreshed
//! prompt (`CreateVideoRemixBody`: `prompt` only). The remix keeps the source's model,
//! seconds and size, and names its source in `remixed_from_video_id`.

use std::sync::Arc;

use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::Value;

use super::create::{prompt, read_body};
use super::errors::{error, fault_response, invalid, not_found};
use super::{authorize, resource, with_poll_hint};
use crate::clips::ClipSpec;
use crate::faults::FaultOp;
use crate::rejection::Rejection;
use crate::state::jobs::{Job, JobMeta, Outcome, Phase, Provider};
use crate::state::Shared;
use crate::stats::RecordedSubmit;

pub(super) async fn remix(
    State(shared): State<Arc<Shared>>,
    Path(source_id): Path<String>,
    request: Request,
) -> Result<Response, Rejection> {
    shared.stats.count("openai.remix");
    authorize(&shared, request.headers())?;
    let body = read_body(request, &shared).await?;
    if let Some(unknown) = body.keys().find(|k| k.as_str() != "prompt") {
        return Err(invalid(unknown, "unknown_parameter", &format!("Unknown parameter: '{unknown}'.")));
    }
    let prompt = prompt(&body)?;
    let source = shared.jobs.get(&source_id).filter(|j| j.meta.provider == Provider::OpenAi);
    let source = source.ok_or_else(|| not_found(&source_id))?;
    if let Some(kind) = shared.faults.take_request("openai", FaultOp::Submit, &source.meta.endpoint) {
        return Err(fault_response(&kind, FaultOp::Submit, ""));
    }
    check_remixable(&shared, &source)?;
    let model = source.meta.endpoint.clone();
    let job = Arc::new(Job::new(JobMeta {
        id: format!("video_{}", uuid::Uuid::new_v4().simple()),
        provider: Provider::OpenAi,
        plan: shared.timing().plan(&model),
        fate: shared.faults.take_fate("openai", &model),
        endpoint: model.clone(),
        app_prefix: String::new(),
        created_unix: crate::clock::unix_now(),
        // A remix looks like its source, relabelled, at the same size and length.
        clip: ClipSpec { label: format!("{} remix", source.meta.clip.label), ..source.meta.clip.clone() },
        prompt: Some(prompt),
    }));
    shared.openai.record_remix(&job.meta.id, &source_id);
    shared.stats.record(RecordedSubmit {
        route: "openai".into(),
        endpoint: model,
        body: Value::Object(body),
        job_id: job.meta.id.clone(),
        webhook: None,
    });
    tracing::info!(job = %job.meta.id, source = %source_id, "openai remix");
    let response = with_poll_hint(&shared, resource(&shared, &job));
    shared.start_job(job);
    Ok(response)
}

/// Only a completed video whose assets are still held can be remixed (what happens after
/// `expires_at` is UNCONFIRMED; refusing is the strict reading).
fn check_remixable(shared: &Shared, source: &Job) -> Result<(), Rejection> {
    let id = &source.meta.id;
    match source.snapshot().phase {
        Phase::Done(done) if shared.expired(&done) => {
            let msg = format!("Video '{id}' has expired and can no longer be remixed.");
            Err(error(StatusCode::BAD_REQUEST, &msg, "invalid_request_error", Some("video_id"), Some("invalid_state")))
        }
        Phase::Done(done) if matches!(done.outcome, Outcome::Video { .. }) => Ok(()),
        phase => {
            let status = match phase {
                Phase::Queued { .. } => "queued",
                Phase::Running { .. } => "in_progress",
                Phase::Done(_) => "failed",
            };
            let msg = format!("Video '{id}' is {status}; only completed videos can be remixed.");
            Err(invalid("video_id", "invalid_state", &msg))
        }
    }
}
