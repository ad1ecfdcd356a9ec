//! `GET /v1/tasks/{id}`, `DELETE /v1/tasks/{id}` (cancel while pending, throttled or
//! running; delete once finished, after which the task is gone) and the signed CDN files.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use jsonwebtoken::{decode, DecodingKey, Validation};
use serde_json::json;

use super::errors::{fault, not_found};
use super::{authorize, task_json, url_secret, UrlClaims, ROUTE};
use crate::faults::FaultOp;
use crate::rejection::Reply;
use crate::state::jobs::{endpoint_of, Done, Failure, Outcome, Phase, Provider};
use crate::state::Shared;

pub(super) async fn retrieve(State(shared): State<Arc<Shared>>, Path(id): Path<String>, headers: HeaderMap) -> Reply {
    shared.stats.count("runway.status");
    authorize(&shared, &headers)?;
    let job = shared.jobs.find(Provider::Runway, &id);
    let finished = job.as_ref().is_some_and(|j| j.is_done());
    if let Some((kind, op)) = shared.faults.take_poll_status_first(ROUTE, endpoint_of(job.as_ref()), finished) {
        return Err(fault(&kind, op, &id));
    }
    let job = job.ok_or_else(not_found)?;
    // "Fetch the task again for fresh URLs" (runway.md): this read signs new ones.
    job.refresh_output();
    Ok(Json(task_json(&shared, &job)).into_response())
}

pub(super) async fn delete(State(shared): State<Arc<Shared>>, Path(id): Path<String>, headers: HeaderMap) -> Reply {
    shared.stats.count("runway.delete");
    authorize(&shared, &headers)?;
    let job = shared.jobs.find(Provider::Runway, &id).ok_or_else(not_found)?;
    match job.snapshot().phase {
        Phase::Done(_) => {
            shared.jobs.remove(&id);
            tracing::info!(task = %id, "runway task deleted");
        }
        Phase::Queued { position: super::THROTTLED } => {
            // Never reached the driver: end it here.
            let outcome = Outcome::Failed(Failure::Cancelled);
            let done = Done {
                at: Instant::now(),
                at_unix: crate::clock::unix_now(),
                at_unix_ms: crate::clock::unix_now_ms(),
                inference_s: 0.0,
                outcome,
            };
            job.update(|s| s.phase = Phase::Done(done));
        }
        _ => job.cancel.notify_one(),
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `GET /runway/cdn/{task_id}/output.mp4?_jwt=…`: public but signed; an expired or
/// tampered signature is refused like CloudFront does (403).
pub(super) async fn file(
    State(shared): State<Arc<Shared>>,
    Path((task_id, file)): Path<(String, String)>,
    Query(query): Query<Vec<(String, String)>>,
    headers: HeaderMap,
) -> Response {
    shared.stats.count("runway.content");
    let job = shared.jobs.find(Provider::Runway, &task_id);
    crate::cdn::count_range(&shared, "runway.content", &headers);
    let cut = match crate::cdn::content_fault(&shared, ROUTE, job.as_ref()) {
        Ok(cut) => cut,
        Err(kind) => return fault(&kind, FaultOp::Content, &task_id).into_response(),
    };
    let token = query.iter().find(|(k, _)| k == "_jwt").map_or("", |(_, v)| v.as_str());
    let mut validation = Validation::default();
    validation.leeway = 0;
    let signed = decode::<UrlClaims>(token, &DecodingKey::from_secret(url_secret()), &validation);
    if !signed.is_ok_and(|data| data.claims.sub == task_id) {
        let denied = json!({"Error": {"Code": "AccessDenied", "Message": "Request has expired or is not signed"}});
        return (StatusCode::FORBIDDEN, Json(denied)).into_response();
    }
    match job.filter(|_| file == "output.mp4").and_then(|j| j.video()) {
        Some(path) => crate::cdn::serve_video(&path, &headers, cut).await,
        None => (StatusCode::NOT_FOUND, Json(json!({"Error": {"Code": "NoSuchKey"}}))).into_response(),
    }
}
