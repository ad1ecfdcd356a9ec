//! `/_sim/*`: the control surface for tests that drive an emulator in another process.
//! Unauthenticated on purpose; the emulator only listens where it is told to.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post, put};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

use crate::config::Timing;
use crate::faults::Fault;
use crate::state::Shared;

pub(crate) fn router() -> Router<Arc<Shared>> {
    Router::new()
        .route("/_sim/faults", post(add_faults))
        .route("/_sim/timing", put(set_timing))
        .route("/_sim/stats", get(stats))
        .route("/_sim/elsewhere/{*rest}", any(elsewhere))
}

/// A stand-in for another host that a `RedirectTo` fault points at (tests reach it under
/// another host name, e.g. `localhost`). Counts `elsewhere` per request and
/// `elsewhere.with_key` when any route's credential came along.
async fn elsewhere(State(shared): State<Arc<Shared>>, headers: HeaderMap, uri: Uri) -> Response {
    shared.stats.count("elsewhere");
    let key_header = ["authorization", "x-goog-api-key", "x-api-key"].iter().any(|h| headers.contains_key(*h));
    let key_query = uri.query().is_some_and(|q| q.split('&').any(|p| p.starts_with("key=")));
    if key_header || key_query {
        shared.stats.count("elsewhere.with_key");
    }
    (StatusCode::NOT_FOUND, Json(json!({ "detail": "Not found" }))).into_response()
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(Fault),
    Many(Vec<Fault>),
}

async fn add_faults(State(shared): State<Arc<Shared>>, Json(faults): Json<OneOrMany>) -> Response {
    let faults = match faults {
        OneOrMany::One(fault) => vec![fault],
        OneOrMany::Many(faults) => faults,
    };
    let queued = faults.len();
    for fault in faults {
        shared.faults.push(fault);
    }
    (StatusCode::OK, Json(json!({ "queued": queued }))).into_response()
}

async fn set_timing(State(shared): State<Arc<Shared>>, Json(timing): Json<Timing>) -> Response {
    shared.set_timing(timing.clone());
    Json(timing).into_response()
}

async fn stats(State(shared): State<Arc<Shared>>) -> Response {
    Json(shared.stats.snapshot()).into_response()
}
