//! Get, list and cancel/delete tasks, and the presigned video host.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde_json::json;

use super::errors::{error, fault_response, invalid, not_found};
use super::{authorize, status_of, task_json, Book};
use crate::faults::FaultOp;
use crate::rejection::Reply;
use crate::state::jobs::{endpoint_of, Done, Provider};
use crate::state::Shared;

pub(super) async fn retrieve(
    State(shared): State<Arc<Shared>>,
    Extension(book): Extension<Arc<Book>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Reply {
    shared.stats.count("seedance.status");
    authorize(&shared, &headers)?;
    let job = shared.jobs.find(Provider::Seedance, &id);
    // Only a succeeded task carries its result (the video URL).
    let succeeded = job.as_ref().is_some_and(|j| status_of(j, book.get(&id).as_ref()) == "succeeded");
    if let Some((kind, op)) = shared.faults.take_poll("seedance", endpoint_of(job.as_ref()), succeeded) {
        return Ok(fault_response(&kind, op, &id));
    }
    let job = job.ok_or_else(|| not_found(&id))?;
    Ok(Json(task_json(&shared, &job, &book)).into_response())
}

/// `GET …/tasks?page_num=&page_size=&filter.status=&filter.task_ids=&filter.model=`, newest first.
pub(super) async fn list(
    State(shared): State<Arc<Shared>>,
    Extension(book): Extension<Arc<Book>>,
    Query(query): Query<Vec<(String, String)>>,
    headers: HeaderMap,
) -> Reply {
    shared.stats.count("seedance.list");
    authorize(&shared, &headers)?;
    let number = |name: &str, default: usize| match query.iter().find(|(k, _)| k == name) {
        None => Ok(default),
        Some((_, v)) => match v.parse::<usize>() {
            Ok(n) if (1..=500).contains(&n) => Ok(n),
            _ => Err(invalid(name, "expected an integer in [1, 500]")),
        },
    };
    let (page, size) = (number("page_num", 1)?, number("page_size", 20)?);
    let wanted = |key: &str| query.iter().filter(|(k, _)| k == key).map(|(_, v)| v.as_str()).collect::<Vec<_>>();
    let (statuses, ids, models) = (wanted("filter.status"), wanted("filter.task_ids"), wanted("filter.model"));
    let mut jobs = shared.jobs.newest_first(Provider::Seedance);
    jobs.retain(|j| {
        let status = status_of(j, book.get(&j.meta.id).as_ref());
        (statuses.is_empty() || statuses.contains(&status))
            && (ids.is_empty() || ids.contains(&j.meta.id.as_str()))
            && (models.is_empty() || models.contains(&j.meta.endpoint.as_str()))
    });
    let total = jobs.len();
    let items: Vec<_> = jobs.iter().skip((page - 1) * size).take(size).map(|j| task_json(&shared, j, &book)).collect();
    Ok(Json(json!({"total": total, "items": items})).into_response())
}

/// `queued` → cancelled; `succeeded`/`failed`/`expired` → record deleted; `running` and
/// `cancelled` cannot be deleted (the refusal's code is UNCONFIRMED).
pub(super) async fn delete(
    State(shared): State<Arc<Shared>>,
    Extension(book): Extension<Arc<Book>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Reply {
    shared.stats.count("seedance.delete");
    authorize(&shared, &headers)?;
    let job = shared.jobs.find(Provider::Seedance, &id).ok_or_else(|| not_found(&id))?;
    match status_of(&job, book.get(&id).as_ref()) {
        "queued" => {
            book.update(&id, |entry| entry.cancelled = true);
            job.cancel.notify_one();
        }
        status @ ("running" | "cancelled") => {
            let msg = format!("The task {id} is {status} and cannot be cancelled or deleted.");
            return Err(error(StatusCode::BAD_REQUEST, "InvalidAction.TaskStatus", &msg));
        }
        _ => {
            shared.jobs.remove(&id);
            book.remove(&id);
        }
    }
    Ok(Json(json!({})).into_response())
}

/// The presigned video URL: no key, valid for the retention window (24 h at Ark,
/// `result_ttl` here), then 403 like an expired object-storage signature.
pub(super) async fn video(
    State(shared): State<Arc<Shared>>,
    Path((id, name)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    shared.stats.count("seedance.content");
    let job = shared.jobs.find(Provider::Seedance, &id);
    crate::cdn::count_range(&shared, "seedance.content", &headers);
    let cut = match crate::cdn::content_fault(&shared, "seedance", job.as_ref()) {
        Ok(cut) => cut,
        Err(kind) => return fault_response(&kind, FaultOp::Content, &id),
    };
    let done = job.and_then(|j| j.done());
    if done.as_ref().is_some_and(|d| shared.expired(d)) {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code>\
                   <Message>Request has expired</Message></Error>";
        return (StatusCode::FORBIDDEN, [(header::CONTENT_TYPE, "application/xml")], xml).into_response();
    }
    match done.and_then(Done::video) {
        Some(path) if name == "video.mp4" => crate::cdn::serve_video(&path, &headers, cut).await,
        _ => (StatusCode::NOT_FOUND, "NoSuchKey").into_response(),
    }
}
