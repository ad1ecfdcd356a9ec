//! Runway's developer API (runway.md) under `/runway`, standing in for
//! `https://api.dev.runwayml.com`: bearer key plus the required `X-Runway-Version`, tasks
//! `PENDING → (THROTTLED) → RUNNING → SUCCEEDED | FAILED | CANCELLED`, and output URLs that
//! are signed and expire (a fresh fetch of the task signs them again).

mod create;
mod errors;
mod schema;
mod tasks;
mod throttle;

use std::sync::{Arc, OnceLock};

use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::Router;
use jsonwebtoken::{encode, EncodingKey, Header};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::bearer::bearer;
use crate::rejection::Rejection;
use crate::state::jobs::{Failure, Job, Outcome, Phase};
use crate::state::Shared;
use errors::error;

/// The route name in faults and stats.
const ROUTE: &str = "runway";
/// The only API version the emulator (like the current SDK) speaks.
const API_VERSION: &str = "2024-11-06";

pub(crate) fn router() -> Router<Arc<Shared>> {
    Router::new()
        .route("/runway/v1/text_to_video", post(create::text_to_video))
        .route("/runway/v1/image_to_video", post(create::image_to_video))
        .route("/runway/v1/tasks/{id}", get(tasks::retrieve).delete(tasks::delete))
        .route("/runway/cdn/{task_id}/{file}", get(tasks::file))
}

/// Per-emulator Runway state: each task's `createdAt`, fixed at create.
pub(crate) type RunwayState = crate::state::Book<String>;

/// Bearer key first, then the version header (missing or unknown → 400).
fn authorize(shared: &Shared, headers: &HeaderMap) -> Result<(), Rejection> {
    match bearer(headers) {
        Some(key) if key == shared.config.keys.runway => {}
        Some(_) => return Err(error(StatusCode::UNAUTHORIZED, "Incorrect API key provided.")),
        None => {
            return Err(error(StatusCode::UNAUTHORIZED, "Missing API key. Send it as 'Authorization: Bearer <key>'."))
        }
    }
    match headers.get("x-runway-version").and_then(|v| v.to_str().ok()) {
        Some(API_VERSION) => Ok(()),
        None => Err(error(StatusCode::BAD_REQUEST, "The X-Runway-Version header is required. Use 2024-11-06.")),
        Some(other) => Err(error(
            StatusCode::BAD_REQUEST,
            &format!("Invalid X-Runway-Version '{other}'. Supported: {API_VERSION}."),
        )),
    }
}

/// Marks a queued task that waits for a concurrency slot; the job driver overwrites it
/// with a real queue position once the task is admitted.
const THROTTLED: u32 = u32::MAX;

/// The task object of runway.md §5, discriminated on `status`.
fn task_json(shared: &Shared, job: &Job) -> Value {
    let created_at = shared.runway.get(&job.meta.id).unwrap_or_default();
    let mut task = json!({"id": job.meta.id, "createdAt": created_at});
    match job.snapshot().phase {
        Phase::Queued { position: THROTTLED } => task["status"] = "THROTTLED".into(),
        Phase::Queued { .. } => task["status"] = "PENDING".into(),
        Phase::Running { progress } => {
            task["status"] = "RUNNING".into();
            task["progress"] = (f64::from(progress) / 100.0).into();
        }
        Phase::Done(done) => match done.outcome {
            Outcome::Video { .. } => {
                task["status"] = "SUCCEEDED".into();
                task["output"] = json!([signed_url(shared, &job.meta.id)]);
            }
            Outcome::Failed(Failure::Cancelled) => task["status"] = "CANCELLED".into(),
            Outcome::Failed(failure) => {
                let (code, message) = failure_fields(&failure);
                task["status"] = "FAILED".into();
                task["failure"] = message.into();
                task["failureCode"] = code.into();
            }
        },
    }
    task
}

fn failure_fields(failure: &Failure) -> (String, String) {
    match failure {
        Failure::Model { error_type, message } => (error_type.clone(), message.clone()),
        Failure::ContentPolicy => ("SAFETY.INPUT.TEXT".into(), "The prompt was flagged by content moderation.".into()),
        Failure::Cancelled => ("CANCELLED".into(), "The task was cancelled.".into()),
        Failure::Internal(message) => ("INTERNAL".into(), message.clone()),
    }
}

#[derive(Serialize, Deserialize)]
struct UrlClaims {
    sub: String,
    exp: u64,
}

/// Signs the CDN URLs; one secret per process is enough for a loopback emulator.
fn url_secret() -> &'static [u8; 32] {
    static SECRET: OnceLock<[u8; 32]> = OnceLock::new();
    SECRET.get_or_init(rand::random)
}

/// A CloudFront-style output URL valid for the retention window (`result_ttl`).
fn signed_url(shared: &Shared, task_id: &str) -> String {
    let exp = crate::clock::unix_now() + shared.config.result_ttl.as_secs().max(1);
    let claims = UrlClaims { sub: task_id.to_owned(), exp };
    let token = encode(&Header::default(), &claims, &EncodingKey::from_secret(url_secret())).unwrap_or_default();
    format!("{}/runway/cdn/{task_id}/output.mp4?_jwt={token}", shared.base_url)
}
