//! The fal queue protocol (fal.md §2–§9) under `/fal`, standing in for
//! `https://queue.fal.run`.

pub(crate) mod catalog;
mod elements;
pub(crate) mod errors;
mod frames;
mod inputs;
mod paths;
mod pydantic;
mod result;
mod schema;
mod status;
mod storage;
mod submit;
mod video_length;

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post, put};
use axum::{Json, Router};
use bytes::Bytes;
use serde_json::{json, Value};

use crate::faults::{FaultKind, FaultOp};
use crate::rejection::Rejection;
use crate::state::jobs::Job;
use crate::state::{Book, Shared};
pub(crate) use paths::app_prefix;
use paths::{parse_target, RequestOp, Target};

pub(crate) fn router() -> Router<Arc<Shared>> {
    Router::new()
        .route("/fal/{*path}", any(dispatch))
        // fal's REST API (storage) stands in for `https://rest.fal.ai` at `/fal/rest`.
        .route("/fal/rest/storage/upload/initiate", post(storage::initiate))
        .route("/fal-cdn/upload/{id}", put(storage::put))
        .route("/fal-cdn/files/{id}/{name}", get(storage::get))
}

/// fal state beyond the shared job table.
#[derive(Default)]
pub(crate) struct FalState {
    pub uploads: storage::Uploads,
    /// The seed each job's result reports (Seedance, Wan), fixed at submit.
    seeds: Book<i64>,
}

async fn dispatch(
    State(shared): State<Arc<Shared>>,
    method: Method,
    Path(path): Path<String>,
    Query(query): Query<Vec<(String, String)>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let target = parse_target(&path);
    let key = match (&method, &target) {
        (&Method::POST, Target::Endpoint(_)) => "fal.submit",
        (&Method::GET, Target::Request { op: RequestOp::Status, .. }) => "fal.status",
        (&Method::GET, Target::Request { op: RequestOp::Stream, .. }) => "fal.stream",
        (&Method::GET, Target::Request { op: RequestOp::Result, .. }) => "fal.result",
        (&Method::PUT, Target::Request { op: RequestOp::Cancel, .. }) => "fal.cancel",
        _ => return detail(StatusCode::METHOD_NOT_ALLOWED, "Method Not Allowed"),
    };
    shared.stats.count(key);
    if let Err(denied) = authorize(&shared, &headers) {
        return denied.into_response();
    }
    let Target::Request { prefix, id, op } = target else {
        return submit::submit(&shared, &path, &query, body).await;
    };
    let job = shared
        .jobs
        .get(id)
        .filter(|job| job.meta.app_prefix == prefix || (method == Method::GET && job.meta.endpoint == prefix));
    // Cancel has no fault op of its own, so it is never faulted.
    let fault_op = match op {
        RequestOp::Result => Some(FaultOp::Result),
        RequestOp::Status | RequestOp::Stream => Some(FaultOp::Status),
        RequestOp::Cancel => None,
    };
    if let Some(fault_op) = fault_op {
        let endpoint = job.as_ref().map_or(prefix, |j| j.meta.endpoint.as_str());
        match shared.faults.take_request("fal", fault_op, endpoint) {
            // A stalled stream stays open on keep-alive pings alone, as a stuck fal job's does.
            Some(FaultKind::Stall) if op == RequestOp::Stream => return status::pings_only(&shared),
            Some(kind) => return errors::fault_response(&kind, fault_op, id),
            None => {}
        }
    }
    let Some(job) = job else {
        return match op {
            RequestOp::Cancel => (StatusCode::NOT_FOUND, Json(json!({"status": "NOT_FOUND"}))).into_response(),
            _ => detail(StatusCode::NOT_FOUND, &format!("Request {id} not found")),
        };
    };
    let logs = query.iter().any(|(k, v)| k == "logs" && matches!(v.as_str(), "1" | "true"));
    match op {
        RequestOp::Status => status::poll(&shared, &job, logs),
        RequestOp::Stream => status::stream(&shared, job, logs),
        RequestOp::Result => result::result(&shared, &job),
        RequestOp::Cancel => result::cancel(&job),
    }
}

fn authorize(shared: &Shared, headers: &HeaderMap) -> Result<(), Rejection> {
    let given = headers.get("authorization").and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Key "));
    match given {
        Some(key) if key == shared.config.keys.fal => Ok(()),
        Some(_) => Err(detail(StatusCode::UNAUTHORIZED, "Invalid API key").into()),
        None => {
            Err(detail(StatusCode::UNAUTHORIZED, "Missing or malformed Authorization header; expected 'Key <FAL_KEY>'")
                .into())
        }
    }
}

/// The three absolute URLs of a request, always in owner/app form.
pub(crate) fn urls(shared: &Shared, job: &Job) -> [(&'static str, String); 3] {
    let base = format!("{}/fal/{}/requests/{}", shared.base_url, job.meta.app_prefix, job.meta.id);
    [("response_url", base.clone()), ("status_url", format!("{base}/status")), ("cancel_url", format!("{base}/cancel"))]
}

/// A JSON response carrying fal's `x-fal-request-id` header.
pub(crate) fn with_request_id(status: StatusCode, body: Value, request_id: &str) -> Response {
    let mut response = (status, Json(body)).into_response();
    if let Ok(value) = HeaderValue::from_str(request_id) {
        response.headers_mut().insert("x-fal-request-id", value);
    }
    response
}

pub(crate) fn detail(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "detail": message }))).into_response()
}
