//! `POST /openai/v1/videos/{id}/remix`: a new video from a completed one and a refreshed
//! prompt (`CreateVideoRemixBody`: `prompt` only). The remix keeps the source's model,
//! seconds and size, and names its source in `remixed_from_video_id`.

use std::sync::Arc;

use axum::extract::{Path, Request, State};
use axum::http::StatusCode;

use super::create::{prompt, read_body, video_id};
use super::errors::{error, fault_response, invalid, not_found};
use super::{accept, authorize};
use crate::clips::ClipSpec;
use crate::faults::FaultOp;
use crate::rejection::{Rejection, Reply};
use crate::state::jobs::{Job, Outcome, Phase, Provider};
use crate::state::Shared;

pub(super) async fn remix(State(shared): State<Arc<Shared>>, Path(source_id): Path<String>, request: Request) -> Reply {
    shared.stats.count("openai.remix");
    authorize(&shared, request.headers())?;
    let body = read_body(request, &shared).await?;
    if let Some(unknown) = body.keys().find(|k| k.as_str() != "prompt") {
        return Err(invalid(unknown, "unknown_parameter", &format!("Unknown parameter: '{unknown}'.")));
    }
    let prompt = prompt(&body)?;
    let source = shared.jobs.find(Provider::OpenAi, &source_id).ok_or_else(|| not_found(&source_id))?;
    if let Some(kind) = shared.faults.take_request("openai", FaultOp::Submit, &source.meta.endpoint) {
        return Err(fault_response(&kind, FaultOp::Submit, ""));
    }
    check_remixable(&shared, &source)?;
    // A remix looks like its source, relabelled, at the same size and length.
    let clip = ClipSpec { label: format!("{} remix", source.meta.clip.label), ..source.meta.clip.clone() };
    let meta = shared.job_meta(Provider::OpenAi, video_id(), &source.meta.endpoint, clip, Some(prompt));
    let job = Arc::new(Job::new(meta));
    shared.openai.insert(&job.meta.id, source_id.clone());
    tracing::info!(job = %job.meta.id, source = %source_id, "openai remix");
    Ok(accept(&shared, job, body))
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
