//! Status polling and the SSE status stream (fal.md §4–§5). Both render the same body.

use std::convert::Infallible;
use std::sync::Arc;

use axum::http::{HeaderValue, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures::StreamExt;
use serde_json::{json, Value};

use super::{detail, errors, urls, with_request_id};
use crate::state::jobs::{Job, JobState, Outcome, Phase};
use crate::state::Shared;

pub(super) fn poll(shared: &Shared, job: &Job, logs: bool) -> Response {
    let state = job.snapshot();
    if is_expired(shared, &state) {
        return detail(StatusCode::NOT_FOUND, &format!("Request {} not found", job.meta.id));
    }
    let (status, body) = render(shared, job, &state, logs.then_some(0));
    with_request_id(status, body, &job.meta.id)
}

/// One `data:` event per visible change, `: ping` comments in between, and the end of
/// the stream right after COMPLETED.
pub(super) fn stream(shared: &Arc<Shared>, job: Arc<Job>, logs: bool) -> Response {
    if is_expired(shared, &job.snapshot()) {
        return detail(StatusCode::NOT_FOUND, &format!("Request {} not found", job.meta.id));
    }
    let id = job.meta.id.clone();
    let cursor = Cursor { rx: job.subscribe(), shared: shared.clone(), job, last: None, logs_sent: 0, finished: false };
    let events = futures::stream::unfold(cursor, move |mut c| async move {
        let event = c.next_event(logs).await?;
        Some((Ok::<_, Infallible>(event), c))
    });
    let keep_alive = KeepAlive::new().interval(shared.config.sse_ping_interval).text("ping");
    let mut response = Sse::new(events).keep_alive(keep_alive).into_response();
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-fal-request-id", value);
    }
    response
}

/// A stream that sends only `: ping` keep-alives until the emulator stops.
pub(super) fn pings_only(shared: &Arc<Shared>) -> Response {
    let stopping = shared.clone();
    let events = futures::stream::once(async move { stopping.stopped().await })
        .filter_map(|()| async { None::<Result<Event, Infallible>> });
    let keep_alive = KeepAlive::new().interval(shared.config.sse_ping_interval).text("ping");
    Sse::new(events).keep_alive(keep_alive).into_response()
}

struct Cursor {
    rx: tokio::sync::watch::Receiver<JobState>,
    shared: Arc<Shared>,
    job: Arc<Job>,
    /// The last event sent, minus logs, to skip progress ticks nobody can see.
    last: Option<Value>,
    logs_sent: usize,
    finished: bool,
}

impl Cursor {
    async fn next_event(&mut self, logs: bool) -> Option<Event> {
        if self.finished {
            return None;
        }
        loop {
            let state = self.rx.borrow_and_update().clone();
            // Each event carries only log lines not sent before; fal's JS client
            // accumulates them (fal.md §5).
            let (_, mut body) = render(&self.shared, &self.job, &state, logs.then_some(self.logs_sent));
            let new_logs = body.get("logs").and_then(Value::as_array).is_some_and(|l| !l.is_empty());
            let logs_value = body.as_object_mut().and_then(|o| o.remove("logs"));
            if self.last.as_ref() != Some(&body) || new_logs {
                self.last = Some(body.clone());
                if let Some(logs_value) = logs_value {
                    body["logs"] = logs_value;
                }
                if logs {
                    self.logs_sent = state.logs.len();
                }
                self.finished = matches!(state.phase, Phase::Done(_));
                return Some(Event::default().data(body.to_string()));
            }
            tokio::select! {
                changed = self.rx.changed() => changed.ok()?,
                () = self.shared.stopped() => return None,
            }
        }
    }
}

/// The status body for `state`; `logs_from` is `None` when logs were not requested.
fn render(shared: &Shared, job: &Job, state: &JobState, logs_from: Option<usize>) -> (StatusCode, Value) {
    let mut body = json!({ "request_id": job.meta.id });
    for (key, url) in urls(shared, job) {
        body[key] = url.into();
    }
    let logs = || match logs_from {
        Some(from) => {
            Value::from(state.logs.get(from..).unwrap_or_default().iter().map(|l| json!(l)).collect::<Vec<_>>())
        }
        None => json!([]),
    };
    match &state.phase {
        Phase::Queued { position } => {
            body["status"] = "IN_QUEUE".into();
            body["queue_position"] = (*position).into();
            (StatusCode::ACCEPTED, body)
        }
        Phase::Running { .. } => {
            body["status"] = "IN_PROGRESS".into();
            body["logs"] = logs();
            body["metrics"] = json!({});
            (StatusCode::ACCEPTED, body)
        }
        Phase::Done(done) => {
            body["status"] = "COMPLETED".into();
            body["logs"] = logs();
            body["metrics"] = json!({ "inference_time": done.inference_s });
            if let Outcome::Failed(failure) = &done.outcome {
                let (error, error_type) = errors::status_fields(failure);
                body["error"] = error.into();
                body["error_type"] = error_type.into();
            }
            (StatusCode::OK, body)
        }
    }
}

fn is_expired(shared: &Shared, state: &JobState) -> bool {
    matches!(&state.phase, Phase::Done(done) if shared.expired(done))
}
