//! Jobs as both providers see them: immutable facts from the submit plus a watched,
//! changing state that status polls read and SSE streams subscribe to.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

use serde::Serialize;
use tokio::sync::{watch, Notify};

use crate::clips::ClipSpec;
use crate::config::JobPlan;
use crate::faults::JobFate;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Provider {
    Fal,
    OpenAi,
    Replicate,
    Minimax,
    Kling,
    Runway,
    Google,
    Luma,
    Seedance,
}

impl Provider {
    /// The route name scripted faults and recorded submits use.
    pub fn route(self) -> &'static str {
        match self {
            Provider::Fal => "fal",
            Provider::OpenAi => "openai",
            Provider::Replicate => "replicate",
            Provider::Minimax => "minimax",
            Provider::Kling => "kling",
            Provider::Runway => "runway",
            Provider::Google => "google",
            Provider::Luma => "luma",
            Provider::Seedance => "seedance",
        }
    }
}

/// Everything fixed at submit time.
#[derive(Debug)]
pub(crate) struct JobMeta {
    pub id: String,
    pub provider: Provider,
    /// fal endpoint id, or OpenAI model.
    pub endpoint: String,
    /// fal's `[ns/]owner/app`, the only part of the endpoint id in request URLs.
    pub app_prefix: String,
    pub created_unix: u64,
    pub clip: ClipSpec,
    pub plan: JobPlan,
    pub fate: JobFate,
    /// OpenAI echoes the prompt back in every `VideoResource`.
    pub prompt: Option<String>,
}

#[derive(Clone, Debug)]
pub(crate) enum Phase {
    Queued { position: u32 },
    Running { progress: u8 },
    Done(Done),
}

#[derive(Clone, Debug)]
pub(crate) struct Done {
    pub at: Instant,
    pub at_unix: u64,
    /// The same instant in unix milliseconds, for measuring how late a client noticed it.
    pub at_unix_ms: u64,
    /// Time spent in the running phase, reported as fal's `metrics.inference_time`.
    pub inference_s: f64,
    pub outcome: Outcome,
}

impl Done {
    /// The rendered file, unless the job failed.
    pub fn video(self) -> Option<PathBuf> {
        match self.outcome {
            Outcome::Video { path, .. } => Some(path),
            Outcome::Failed(_) => None,
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) enum Outcome {
    Video { path: PathBuf, bytes: u64 },
    Failed(Failure),
}

#[derive(Clone, Debug)]
pub(crate) enum Failure {
    /// A scripted model failure (`FaultKind::FailCompleted`).
    Model {
        error_type: String,
        message: String,
    },
    ContentPolicy,
    Cancelled,
    /// The emulator itself broke, e.g. ffmpeg is missing.
    Internal(String),
}

/// A fal-style runner log line.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct LogEntry {
    pub message: String,
    pub level: &'static str,
    pub source: &'static str,
    pub timestamp: String,
    pub labels: serde_json::Map<String, serde_json::Value>,
}

#[derive(Clone, Debug)]
pub(crate) struct JobState {
    pub phase: Phase,
    pub logs: Vec<LogEntry>,
    pub running_since: Option<Instant>,
}

pub(crate) struct Job {
    pub meta: JobMeta,
    state: watch::Sender<JobState>,
    /// `notify_one` keeps a permit, so a cancel that arrives between the driver's
    /// waits is still seen.
    pub cancel: Notify,
    /// The output link handed out last has expired (`FaultKind::ExpiredOutput`).
    output_expired: AtomicBool,
}

impl Job {
    pub fn new(meta: JobMeta) -> Self {
        let position = meta.plan.queue_positions - 1;
        let (state, _) =
            watch::channel(JobState { phase: Phase::Queued { position }, logs: Vec::new(), running_since: None });
        Self { meta, state, cancel: Notify::new(), output_expired: AtomicBool::new(false) }
    }

    pub fn snapshot(&self) -> JobState {
        self.state.borrow().clone()
    }

    /// How the job ended, once it has.
    pub fn done(&self) -> Option<Done> {
        match self.snapshot().phase {
            Phase::Done(done) => Some(done),
            Phase::Queued { .. } | Phase::Running { .. } => None,
        }
    }

    /// Every download of this job now meets the host's "expired" answer.
    pub fn expire_output(&self) {
        self.output_expired.store(true, Ordering::SeqCst);
    }

    /// A read of the job that hands out a fresh output link (on routes that do).
    pub fn refresh_output(&self) {
        self.output_expired.store(false, Ordering::SeqCst);
    }

    pub fn output_expired(&self) -> bool {
        self.output_expired.load(Ordering::SeqCst)
    }

    pub fn is_done(&self) -> bool {
        matches!(self.state.borrow().phase, Phase::Done(_))
    }

    /// The finished video, once the job has succeeded.
    pub fn video(&self) -> Option<PathBuf> {
        self.done().and_then(Done::video)
    }

    pub fn subscribe(&self) -> watch::Receiver<JobState> {
        self.state.subscribe()
    }

    pub fn update(&self, change: impl FnOnce(&mut JobState)) {
        self.state.send_modify(change);
    }

    pub fn log(&self, message: String) {
        self.update(|s| {
            s.logs.push(LogEntry {
                message,
                level: "INFO",
                source: "USER",
                timestamp: crate::clock::iso8601_now(),
                labels: Default::default(),
            })
        });
    }
}

/// What a request about a possibly unknown job matches scripted faults against: the job's
/// endpoint, or nothing, so that only faults without an endpoint filter hit.
pub(crate) fn endpoint_of(job: Option<&Arc<Job>>) -> &str {
    job.map_or("", |job| job.meta.endpoint.as_str())
}
