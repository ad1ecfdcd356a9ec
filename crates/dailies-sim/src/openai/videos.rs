//! Retrieve, list, delete and download OpenAI video jobs.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use serde_json::json;

use super::errors::{error, fault_response, invalid, not_found};
use super::{authorize, resource, with_poll_hint};
use crate::clips::Still;
use crate::faults::FaultOp;
use crate::rejection::{Rejection, Reply};
use crate::state::jobs::{endpoint_of, Job, Outcome, Phase, Provider};
use crate::state::Shared;

type Params = Query<Vec<(String, String)>>;

pub(super) async fn retrieve(State(shared): State<Arc<Shared>>, Path(id): Path<String>, headers: HeaderMap) -> Reply {
    shared.stats.count("openai.status");
    let job = lookup(&shared, &headers, &id, Some(FaultOp::Status))?;
    Ok(with_poll_hint(&shared, resource(&shared, &job)))
}

pub(super) async fn list(State(shared): State<Arc<Shared>>, Query(query): Params, headers: HeaderMap) -> Reply {
    shared.stats.count("openai.list");
    authorize(&shared, &headers)?;
    let limit = match param(&query, "limit").map(str::parse::<usize>) {
        None => 20,
        Some(Ok(limit)) if limit <= 100 => limit,
        Some(_) => {
            let msg = "Invalid 'limit': expected an integer from 0 to 100.";
            return Err(invalid("limit", "invalid_value", msg));
        }
    };
    let mut jobs = shared.jobs.list(Provider::OpenAi);
    match param(&query, "order") {
        None | Some("desc") => jobs.reverse(),
        Some("asc") => {}
        Some(other) => {
            let msg = format!("Invalid value: '{other}'. Supported values are: 'asc' and 'desc'.");
            return Err(invalid("order", "invalid_value", &msg));
        }
    }
    // An unknown cursor yields an empty page rather than restarting from the top.
    if let Some(after) = param(&query, "after") {
        let seen = jobs.iter().position(|j| j.meta.id == after);
        jobs.drain(..seen.map_or(jobs.len(), |i| i + 1));
    }
    let has_more = jobs.len() > limit;
    jobs.truncate(limit);
    let data: Vec<_> = jobs.iter().map(|job| resource(&shared, job)).collect();
    Ok(Json(json!({
        "object": "list",
        "data": data,
        "first_id": jobs.first().map(|j| j.meta.id.clone()),
        "last_id": jobs.last().map(|j| j.meta.id.clone()),
        "has_more": has_more,
    }))
    .into_response())
}

/// Only finished jobs can be deleted, per the spec's description of the operation.
pub(super) async fn delete(State(shared): State<Arc<Shared>>, Path(id): Path<String>, headers: HeaderMap) -> Reply {
    shared.stats.count("openai.delete");
    let job = lookup(&shared, &headers, &id, None)?;
    if !job.is_done() {
        let msg = format!("Video '{id}' is still being generated; only completed or failed videos can be deleted.");
        return Err(invalid("video_id", "invalid_state", &msg));
    }
    shared.jobs.remove(&id);
    Ok(Json(json!({"object": "video.deleted", "deleted": true, "id": id})).into_response())
}

pub(super) async fn content(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    Query(query): Params,
    headers: HeaderMap,
) -> Reply {
    shared.stats.count("openai.content");
    crate::cdn::count_range(&shared, "openai.content", &headers);
    let (job, cut) = lookup_content(&shared, &headers, &id)?;
    let variant = param(&query, "variant").unwrap_or("video");
    let still = match variant {
        "video" => None,
        "thumbnail" => Some(Still::Thumbnail),
        "spritesheet" => Some(Still::Spritesheet),
        other => {
            let msg =
                format!("Invalid value: '{other}'. Supported values are: 'video', 'thumbnail', and 'spritesheet'.");
            return Err(invalid("variant", "invalid_value", &msg));
        }
    };
    let path = match job.snapshot().phase {
        Phase::Done(done) if shared.expired(&done) => {
            let msg = "Video content has expired.";
            return Err(error(StatusCode::NOT_FOUND, msg, "invalid_request_error", None, None));
        }
        Phase::Done(done) => match done.outcome {
            Outcome::Video { path, .. } => path,
            Outcome::Failed(_) => return Err(not_ready(&id, "failed")),
        },
        Phase::Queued { .. } => return Err(not_ready(&id, "queued")),
        Phase::Running { .. } => return Err(not_ready(&id, "in_progress")),
    };
    let (file, content_type) = match still {
        None => (path, "video/mp4"),
        Some(still) => {
            let image = shared.clips.still(&path, still).await.map_err(|err| {
                let msg = format!("Could not produce the {variant}: {err}");
                error(StatusCode::INTERNAL_SERVER_ERROR, &msg, "server_error", None, None)
            })?;
            let content_type = match still {
                Still::Thumbnail => "image/webp",
                Still::Spritesheet => "image/jpeg",
            };
            (image, content_type)
        }
    };
    if cut {
        return Ok(crate::cdn::serve_file_cut(&file, &headers, content_type).await);
    }
    Ok(crate::cdn::serve_file(&file, &headers, content_type).await)
}

/// [`lookup`] for the content endpoint, where a `CutDownload` fault serves a cut file
/// (`true`) instead of replacing the response.
fn lookup_content(shared: &Shared, headers: &HeaderMap, id: &str) -> Result<(Arc<Job>, bool), Rejection> {
    authorize(shared, headers)?;
    let job = shared.jobs.find(Provider::OpenAi, id);
    let cut = match crate::cdn::content_fault(shared, "openai", job.as_ref()) {
        Ok(cut) => cut,
        Err(kind) => return Err(fault_response(&kind, FaultOp::Content, id)),
    };
    job.map(|job| (job, cut)).ok_or_else(|| not_found(id))
}

/// Authenticates, applies any scripted fault, and finds an OpenAI job.
fn lookup(shared: &Shared, headers: &HeaderMap, id: &str, op: Option<FaultOp>) -> Result<Arc<Job>, Rejection> {
    authorize(shared, headers)?;
    let job = shared.jobs.find(Provider::OpenAi, id);
    if let Some(op) = op {
        if let Some(kind) = shared.faults.take_request("openai", op, endpoint_of(job.as_ref())) {
            return Err(fault_response(&kind, op, id));
        }
    }
    job.ok_or_else(|| not_found(id))
}

fn param<'q>(query: &'q [(String, String)], name: &str) -> Option<&'q str> {
    query.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

fn not_ready(id: &str, status: &str) -> Rejection {
    let msg = format!("Video '{id}' has no downloadable content: its status is {status}.");
    let param = Some("video_id");
    error(StatusCode::NOT_FOUND, &msg, "invalid_request_error", param, None)
}
