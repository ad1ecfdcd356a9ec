//! Creating predictions (replicate.md §2): `POST /models/{owner}/{name}/predictions` for
//! official models and `POST /predictions` with a `version`, validated like the real API,
//! with `Prefer: wait[=N]` (hold up to N s) and `Cancel-After` (server-side deadline).

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::IntoResponse;
use axum::Extension;
use bytes::Bytes;
use serde_json::{Map, Value};

use super::errors::{fault_response, problem, validation_failed};
use super::models::{self, Model};
use super::{authorize, new_id, parse_duration, predictions, validate, Extra, Local};
use crate::faults::{FaultOp, JobFate};
use crate::rejection::{Rejection, Reply};
use crate::state::jobs::{Job, JobMeta, Phase, Provider};
use crate::state::Shared;

pub(super) async fn official(
    State(shared): State<Arc<Shared>>,
    Extension(local): Extension<Arc<Local>>,
    Path((owner, name)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Reply {
    shared.stats.count("replicate.submit");
    authorize(&shared, &headers)?;
    let slug = format!("{owner}/{name}");
    if let Some(kind) = shared.faults.take_request("replicate", FaultOp::Submit, &slug) {
        return Err(fault_response(&kind, FaultOp::Submit, ""));
    }
    let model = models::find(&slug).ok_or_else(not_found)?;
    let value = parse_json(&body)?;
    let input = validate::request(&value, false).map_err(|i| validation_failed(&i))?;
    start(&shared, &local, &headers, model, input, value).await
}

/// `version` is `owner/name` (official models only), `owner/name:<id>` or a bare id.
pub(super) async fn by_version(
    State(shared): State<Arc<Shared>>,
    Extension(local): Extension<Arc<Local>>,
    headers: HeaderMap,
    body: Bytes,
) -> Reply {
    shared.stats.count("replicate.submit");
    authorize(&shared, &headers)?;
    let value = parse_json(&body)?;
    let input = validate::request(&value, true).map_err(|i| validation_failed(&i))?;
    let version = value.get("version").and_then(Value::as_str).unwrap_or_default();
    let slug = version.split_once(':').map_or(version, |(slug, _)| slug);
    if let Some(kind) = shared.faults.take_request("replicate", FaultOp::Submit, slug) {
        return Err(fault_response(&kind, FaultOp::Submit, ""));
    }
    let model = models::find(slug).ok_or_else(|| {
        let detail = "The specified version does not exist (or perhaps you don't have permission to use it?)";
        problem(StatusCode::UNPROCESSABLE_ENTITY, "Invalid version or not permitted", detail)
    })?;
    start(&shared, &local, &headers, model, input, value).await
}

fn not_found() -> Rejection {
    problem(StatusCode::NOT_FOUND, "Not found", "The requested resource could not be found.")
}

fn parse_json(body: &Bytes) -> Result<Value, Rejection> {
    serde_json::from_slice(body).map_err(|e| {
        problem(StatusCode::BAD_REQUEST, "Invalid JSON", &format!("The request body is not valid JSON: {e}"))
    })
}

async fn start(
    shared: &Arc<Shared>,
    local: &Local,
    headers: &HeaderMap,
    model: &'static Model,
    input: Map<String, Value>,
    body: Value,
) -> Reply {
    validate::input(model, &input).map_err(|i| validation_failed(&i))?;
    let wait = prefer_wait(headers)?;
    let deadline = cancel_after(headers)?;
    // A rule the model enforces itself fails the prediction rather than the request.
    let fate = match (model.run_check)(&input) {
        Some(message) => JobFate::Fail { error_type: "model_error".into(), message },
        None => shared.faults.take_fate("replicate", model.slug),
    };
    let created = SystemTime::now();
    let extra = Arc::new(Extra {
        model: model.slug.to_owned(),
        input: Value::Object(input.clone()),
        created,
        deadline: deadline.map(|d| created + d),
        aborted: Default::default(),
    });
    let meta = JobMeta {
        id: new_id(),
        provider: Provider::Replicate,
        endpoint: model.slug.to_owned(),
        app_prefix: String::new(),
        created_unix: crate::clock::unix_now(),
        clip: model.clip_spec(&input),
        plan: shared.timing().plan(model.slug),
        fate,
        prompt: input.get("prompt").and_then(Value::as_str).map(str::to_owned),
    };
    let job = Arc::new(Job::new(meta));
    local.predictions.insert(&job.meta.id, extra.clone());
    let webhook = body.get("webhook").and_then(Value::as_str).map(str::to_owned);
    shared.record_submit(&job, body, webhook);
    tracing::info!(job = %job.meta.id, model = model.slug, "replicate prediction created");
    shared.start_job(job.clone());
    if let Some(after) = deadline {
        enforce_deadline(job.clone(), extra.clone(), after);
    }
    if let Some(limit) = wait {
        wait_until_done(shared, &job, limit).await;
    }
    let prediction = predictions::render(shared, &extra, &job);
    let mut response =
        (StatusCode::CREATED, [(header::CONTENT_TYPE, "application/json")], prediction.to_string()).into_response();
    if let Some(limit) = wait {
        if let Ok(value) = HeaderValue::from_str(&format!("wait={}", limit.as_secs())) {
            response.headers_mut().insert("preference-applied", value);
        }
    }
    Ok(response)
}

/// `Prefer: wait` or `wait=N` with N in 1..=60 (the spec's pattern); anything else is refused.
fn prefer_wait(headers: &HeaderMap) -> Result<Option<Duration>, Rejection> {
    let Some(value) = headers.get("prefer").map(|v| v.to_str().unwrap_or("").trim()) else {
        return Ok(None);
    };
    let seconds = match value.strip_prefix("wait") {
        Some("") => Some(60),
        Some(rest) => rest
            .strip_prefix('=')
            .filter(|n| !n.starts_with('0'))
            .and_then(|n| n.parse::<u64>().ok())
            .filter(|n| (1..=60).contains(n)),
        None => None,
    };
    let detail = "Prefer must be 'wait' or 'wait=N' with N between 1 and 60";
    seconds
        .map(|s| Some(Duration::from_secs(s)))
        .ok_or_else(|| problem(StatusCode::BAD_REQUEST, "Invalid Prefer header", detail))
}

/// `Cancel-After`: a duration of at least 5 s.
fn cancel_after(headers: &HeaderMap) -> Result<Option<Duration>, Rejection> {
    let Some(value) = headers.get("cancel-after") else {
        return Ok(None);
    };
    match parse_duration(value.to_str().unwrap_or("")) {
        Some(d) if d >= Duration::from_secs(5) => Ok(Some(d)),
        _ => {
            let detail = "Cancel-After must be a duration of at least 5 seconds, e.g. 30s, 5m or 1h30m45s";
            Err(problem(StatusCode::BAD_REQUEST, "Invalid Cancel-After header", detail))
        }
    }
}

/// At the deadline a prediction still `starting` is aborted (not billed) and a running
/// one is canceled.
fn enforce_deadline(job: Arc<Job>, extra: Arc<Extra>, after: Duration) {
    tokio::spawn(async move {
        tokio::time::sleep(after).await;
        match job.snapshot().phase {
            Phase::Queued { .. } => {
                extra.aborted.store(true, Ordering::SeqCst);
                job.cancel.notify_one();
            }
            Phase::Running { .. } => job.cancel.notify_one(),
            Phase::Done(_) => {}
        }
    });
}

/// Sync mode: hold the response until the prediction finishes or the wait runs out.
async fn wait_until_done(shared: &Shared, job: &Job, limit: Duration) {
    let mut updates = job.subscribe();
    let done = async move {
        // The sender lives in the job, which we hold, so this only ends on completion.
        let _ = updates.wait_for(|s| matches!(s.phase, Phase::Done(_))).await;
    };
    tokio::select! {
        _ = tokio::time::timeout(limit, done) => {}
        () = shared.stopped() => {}
    }
}
