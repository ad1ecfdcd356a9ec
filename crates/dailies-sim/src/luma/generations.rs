//! Get, list and delete generations, and the public asset host serving finished videos.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde_json::json;

use super::errors::{detail, fault_response, invalid, not_found};
use super::{authorize, generation_json, Book};
use crate::faults::FaultOp;
use crate::rejection::Reply;
use crate::state::jobs::{endpoint_of, Provider};
use crate::state::Shared;

pub(super) async fn retrieve(
    State(shared): State<Arc<Shared>>,
    Extension(book): Extension<Arc<Book>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Reply {
    shared.stats.count("luma.status");
    authorize(&shared, &headers)?;
    let job = shared.jobs.find(Provider::Luma, &id);
    // Only a completed generation carries its result (the asset URL).
    let completed = job.as_ref().is_some_and(|j| j.video().is_some());
    if let Some((kind, op)) = shared.faults.take_poll("luma", endpoint_of(job.as_ref()), completed) {
        return Ok(fault_response(&kind, op, &id));
    }
    let job = job.ok_or_else(not_found)?;
    Ok(Json(generation_json(&shared, &job, &book)).into_response())
}

/// `GET /generations?limit=&offset=`, newest first.
pub(super) async fn list(
    State(shared): State<Arc<Shared>>,
    Extension(book): Extension<Arc<Book>>,
    Query(query): Query<Vec<(String, String)>>,
    headers: HeaderMap,
) -> Reply {
    shared.stats.count("luma.list");
    authorize(&shared, &headers)?;
    let number = |name: &str, default: usize| match query.iter().find(|(k, _)| k == name) {
        None => Ok(default),
        Some((_, v)) => v.parse::<usize>().map_err(|_| invalid(&format!("{name}: value is not a valid integer"))),
    };
    let (limit, offset) = (number("limit", 10)?, number("offset", 0)?);
    if limit == 0 || limit > 100 {
        return Err(invalid("limit: must be between 1 and 100"));
    }
    let jobs = shared.jobs.newest_first(Provider::Luma);
    let count = jobs.len();
    let page: Vec<_> = jobs.iter().skip(offset).take(limit).map(|j| generation_json(&shared, j, &book)).collect();
    let has_more = offset + page.len() < count;
    Ok(Json(json!({"generations": page, "count": count, "has_more": has_more, "limit": limit, "offset": offset}))
        .into_response())
}

/// Deleting a generation that is still running stops it; either way it is gone afterwards.
/// The success status is UNCONFIRMED (204 or 200); the emulator answers 204.
pub(super) async fn delete(
    State(shared): State<Arc<Shared>>,
    Extension(book): Extension<Arc<Book>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Reply {
    shared.stats.count("luma.delete");
    authorize(&shared, &headers)?;
    let job = shared.jobs.find(Provider::Luma, &id).ok_or_else(not_found)?;
    if !job.is_done() {
        job.cancel.notify_one();
    }
    shared.jobs.remove(&id);
    book.remove(&id);
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `GET /luma/cdn/{id}/video.mp4`: public like Luma's CDN, no key.
pub(super) async fn asset(
    State(shared): State<Arc<Shared>>,
    Path((id, name)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    shared.stats.count("luma.content");
    let job = shared.jobs.find(Provider::Luma, &id);
    crate::cdn::count_range(&shared, "luma.content", &headers);
    let cut = match crate::cdn::content_fault(&shared, "luma", job.as_ref()) {
        Ok(cut) => cut,
        Err(kind) => return fault_response(&kind, FaultOp::Content, &id),
    };
    match job.and_then(|j| j.video()) {
        Some(path) if name == "video.mp4" => crate::cdn::serve_video(&path, &headers, cut).await,
        _ => detail(StatusCode::NOT_FOUND, "Not Found"),
    }
}
