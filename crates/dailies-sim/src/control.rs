//! `/_sim/*`: the control surface for tests that drive an emulator in another process.
//! Unauthenticated on purpose; the emulator only listens where it is told to.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
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
