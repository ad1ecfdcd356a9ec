//! Kling's native developer API (kling.md) under `/kling`, standing in for
//! `https://api-singapore.klingai.com`: JWT auth, the `{code, message, data}` envelope,
//! tasks `submitted → processing → succeed | failed`, and result files on a public CDN path
//! that stop being served once the retention window has passed.

mod auth;
mod create;
mod envelope;
mod image;
mod models;
mod tasks;

use std::sync::Arc;

use axum::routing::get;
use axum::Router;
use serde_json::{json, Value};

use crate::state::jobs::{Failure, Job, Outcome, Phase};
use crate::state::Shared;

/// The route name in faults and stats.
const ROUTE: &str = "kling";

pub(crate) fn router() -> Router<Arc<Shared>> {
    Router::new()
        .route("/kling/v1/videos/{family}", get(tasks::list).post(create::create))
        .route("/kling/v1/videos/{family}/{id}", get(tasks::query))
        .route("/kling/cdn/{task_id}/{file}", get(tasks::file))
}

/// The two task families; each is queried under its own path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Family {
    Text,
    Image,
}

impl Family {
    fn parse(segment: &str) -> Option<Family> {
        match segment {
            "text2video" => Some(Family::Text),
            "image2video" => Some(Family::Image),
            _ => None,
        }
    }

    fn path(self) -> &'static str {
        match self {
            Family::Text => "text2video",
            Family::Image => "image2video",
        }
    }
}

/// What a Kling task adds to the shared job record.
#[derive(Clone, Debug)]
pub(crate) struct TaskInfo {
    family: Family,
    external_task_id: Option<String>,
    /// `final_unit_deduction`, fixed at create from the price table.
    units: String,
    video_id: String,
}

/// Per-emulator Kling state, keyed by task id.
pub(crate) type KlingState = crate::state::Book<TaskInfo>;

impl KlingState {
    /// The task id owning a caller's `external_task_id`.
    fn find_external(&self, external: &str) -> Option<String> {
        self.find(|info| info.external_task_id.as_deref() == Some(external))
    }
}

/// The task object of kling.md §6: timestamps in unix milliseconds, `duration` a string,
/// `final_unit_deduction` only once the task succeeded (failed tasks are not charged).
fn task_json(shared: &Shared, job: &Job) -> Value {
    let info = shared.kling.get(&job.meta.id);
    let external = info.as_ref().and_then(|i| i.external_task_id.clone());
    let created_ms = job.meta.created_unix * 1000;
    let mut task = json!({
        "task_id": job.meta.id,
        "task_status": "submitted",
        "task_status_msg": "",
        "task_info": external.map_or_else(|| json!({}), |id| json!({"external_task_id": id})),
        "task_result": {},
        "created_at": created_ms,
        "updated_at": crate::clock::unix_now() * 1000,
    });
    match job.snapshot().phase {
        Phase::Queued { .. } => {}
        Phase::Running { .. } => task["task_status"] = "processing".into(),
        Phase::Done(done) => {
            task["updated_at"] = (done.at_unix * 1000).into();
            match done.outcome {
                Outcome::Video { .. } => {
                    let info = info.unwrap_or_else(|| TaskInfo {
                        family: Family::Text,
                        external_task_id: None,
                        units: "0".into(),
                        video_id: job.meta.id.clone(),
                    });
                    let url = format!("{}/kling/cdn/{}/{}.mp4", shared.base_url, job.meta.id, info.video_id);
                    task["task_status"] = "succeed".into();
                    task["final_unit_deduction"] = info.units.into();
                    task["watermark_info"] = json!({"enabled": false});
                    task["task_result"] = json!({"videos": [{
                        "id": info.video_id,
                        "url": url,
                        "duration": format!("{:.1}", f64::from(job.meta.clip.seconds)),
                    }]});
                }
                Outcome::Failed(failure) => {
                    task["task_status"] = "failed".into();
                    task["task_status_msg"] = failure_message(&failure).into();
                }
            }
        }
    }
    task
}

fn failure_message(failure: &Failure) -> String {
    match failure {
        Failure::Model { message, .. } => message.clone(),
        Failure::ContentPolicy => "Failure to pass the risk control system".into(),
        Failure::Cancelled => "task cancelled".into(),
        Failure::Internal(message) => format!("internal error: {message}"),
    }
}
