//! `GET /v1/query/video_generation?task_id=` (minimax.md §3): capitalised status words
//! `Preparing → Queueing → Processing → Success | Fail`, the `file_id` and frame size on
//! success, and a failed task's reason in `base_resp`.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::IntoResponse;
use axum::{Extension, Json};
use serde_json::{json, Value};

use super::errors::{base_resp, fault_response, invalid_params, meaning};
use super::{authorize, Local};
use crate::faults::FaultOp;
use crate::rejection::Reply;
use crate::state::jobs::{endpoint_of, Failure, Job, Outcome, Phase, Provider};
use crate::state::Shared;

pub(super) async fn query(
    State(shared): State<Arc<Shared>>,
    Extension(local): Extension<Arc<Local>>,
    Query(params): Query<Vec<(String, String)>>,
    headers: HeaderMap,
) -> Reply {
    shared.stats.count("minimax.status");
    authorize(&shared, &headers)?;
    let task_id = param(&params, "task_id").ok_or_else(|| invalid_params("task_id is required"))?;
    let job = shared.jobs.find(Provider::Minimax, task_id);
    if let Some(kind) = shared.faults.take_request("minimax", FaultOp::Status, endpoint_of(job.as_ref())) {
        return Err(fault_response(&kind, FaultOp::Status, task_id));
    }
    let job = job.ok_or_else(|| invalid_params(&format!("task_id {task_id} not found")))?;
    Ok(Json(task(&local, &job)).into_response())
}

pub(super) fn param<'q>(params: &'q [(String, String)], name: &str) -> Option<&'q str> {
    params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).filter(|v| !v.is_empty())
}

fn task(local: &Local, job: &Job) -> Value {
    let state = job.snapshot();
    let id = &job.meta.id;
    let ok = base_resp(0, "success");
    match state.phase {
        // The first queue slot reads as preparing, the rest as queueing.
        Phase::Queued { position } if position + 1 == job.meta.plan.queue_positions && position > 0 => {
            json!({"task_id": id, "status": "Preparing", "base_resp": ok})
        }
        Phase::Queued { .. } => json!({"task_id": id, "status": "Queueing", "base_resp": ok}),
        Phase::Running { .. } => json!({"task_id": id, "status": "Processing", "base_resp": ok}),
        Phase::Done(done) => match done.outcome {
            Outcome::Video { .. } => json!({
                "task_id": id,
                "status": "Success",
                "file_id": local.file_of(id).unwrap_or_default(),
                "video_width": job.meta.clip.width,
                "video_height": job.meta.clip.height,
                "base_resp": ok,
            }),
            Outcome::Failed(failure) => {
                let (code, message) = failure_code(&failure);
                json!({"task_id": id, "status": "Fail", "file_id": "", "base_resp": base_resp(code, &message)})
            }
        },
    }
}

/// A failed task's `base_resp`: moderation is 1027; a scripted failure names its code in
/// `error_type` (e.g. `"1033"`), defaulting to 1000.
fn failure_code(failure: &Failure) -> (i64, String) {
    match failure {
        Failure::ContentPolicy => (1027, meaning(1027).to_owned()),
        Failure::Model { error_type, message } => (error_type.parse().unwrap_or(1000), message.clone()),
        Failure::Cancelled => (1000, "task cancelled".to_owned()),
        Failure::Internal(message) => (1000, message.clone()),
    }
}
