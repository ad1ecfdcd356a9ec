//! Task queries (`GET …/{task_id}`, by task id or `external_task_id`), the paged list, and
//! the public result files.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use super::envelope::{fault, invalid, not_found, ok};
use super::{auth, task_json, Family, ROUTE};
use crate::faults::FaultOp;
use crate::rejection::{Rejection, Reply};
use crate::state::jobs::{endpoint_of, Provider};
use crate::state::Shared;

pub(super) async fn query(
    State(shared): State<Arc<Shared>>,
    Path((family, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Reply {
    shared.stats.count("kling.status");
    auth::authorize(&shared, &headers)?;
    let family = Family::parse(&family).ok_or_else(|| not_found("resource"))?;
    // The docs allow the caller's `external_task_id` in place of the task id.
    let task_id = shared.kling.find_external(&id).filter(|_| shared.kling.get(&id).is_none()).unwrap_or(id);
    let job = shared.jobs.find(Provider::Kling, &task_id);
    let finished = job.as_ref().is_some_and(|j| j.is_done());
    if let Some((kind, op)) = shared.faults.take_poll_status_first(ROUTE, endpoint_of(job.as_ref()), finished) {
        return Err(fault(&kind, op));
    }
    let job = job
        .filter(|j| shared.kling.get(&j.meta.id).is_some_and(|i| i.family == family))
        .ok_or_else(|| not_found(&format!("task '{task_id}'")))?;
    Ok(ok(task_json(&shared, &job)))
}

pub(super) async fn list(
    State(shared): State<Arc<Shared>>,
    Path(family): Path<String>,
    Query(query): Query<Vec<(String, String)>>,
    headers: HeaderMap,
) -> Reply {
    shared.stats.count("kling.list");
    auth::authorize(&shared, &headers)?;
    let family = Family::parse(&family).ok_or_else(|| not_found("resource"))?;
    let page = |name: &str, max: usize, default: usize| -> Result<usize, Rejection> {
        match query.iter().find(|(k, _)| k == name).map(|(_, v)| v.parse::<usize>()) {
            None => Ok(default),
            Some(Ok(n)) if (1..=max).contains(&n) => Ok(n),
            Some(_) => Err(invalid(&format!("{name} must be an integer in [1, {max}]"))),
        }
    };
    let (page_num, page_size) = (page("pageNum", 1000, 1)?, page("pageSize", 500, 30)?);
    let mut jobs = shared.jobs.newest_first(Provider::Kling);
    jobs.retain(|j| shared.kling.get(&j.meta.id).is_some_and(|i| i.family == family));
    let data: Vec<_> =
        jobs.iter().skip((page_num - 1) * page_size).take(page_size).map(|j| task_json(&shared, j)).collect();
    Ok(ok(data.into()))
}

/// `GET /kling/cdn/{task_id}/{video_id}.mp4`: public like Kling's CDN, gone after retention.
pub(super) async fn file(
    State(shared): State<Arc<Shared>>,
    Path((task_id, file)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    shared.stats.count("kling.content");
    let job = shared.jobs.find(Provider::Kling, &task_id);
    crate::cdn::count_range(&shared, "kling.content", &headers);
    let cut = match crate::cdn::content_fault(&shared, ROUTE, job.as_ref()) {
        Ok(cut) => cut,
        Err(kind) => return fault(&kind, FaultOp::Content).into_response(),
    };
    let expected = shared.kling.get(&task_id).map(|i| format!("{}.mp4", i.video_id));
    let job = job.filter(|_| expected.as_deref() == Some(file.as_str()));
    match job.and_then(|j| shared.retained_video(&j)) {
        Some(path) => crate::cdn::serve_video(&path, &headers, cut).await,
        // A CDN miss, not an API error: no envelope.
        None => (StatusCode::NOT_FOUND, Json(json!({"error": "NoSuchKey"}))).into_response(),
    }
}
