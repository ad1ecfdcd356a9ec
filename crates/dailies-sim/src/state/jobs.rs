//! Jobs as both providers see them: immutable facts from the submit plus a watched,
//! changing state that status polls read and SSE streams subscribe to.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
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
    /// Time spent in the running phase, reported as fal's `metrics.inference_time`.
    pub inference_s: f64,
    pub outcome: Outcome,
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
}

impl Job {
    pub fn new(meta: JobMeta) -> Self {
        let position = meta.plan.queue_positions - 1;
        let (state, _) =
            watch::channel(JobState { phase: Phase::Queued { position }, logs: Vec::new(), running_since: None });
        Self { meta, state, cancel: Notify::new() }
    }

    pub fn snapshot(&self) -> JobState {
        self.state.borrow().clone()
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

/// All jobs of one emulator, both providers, keyed by id.
#[derive(Default)]
pub(crate) struct Jobs {
    by_id: Mutex<HashMap<String, (u64, Arc<Job>)>>,
    next_seq: AtomicU64,
}

impl Jobs {
    pub fn insert(&self, job: Arc<Job>) {
        let seq = self.next_seq.fetch_add(1, Ordering::Relaxed);
        self.lock().insert(job.meta.id.clone(), (seq, job));
    }

    pub fn get(&self, id: &str) -> Option<Arc<Job>> {
        self.lock().get(id).map(|(_, job)| job.clone())
    }

    pub fn remove(&self, id: &str) -> Option<Arc<Job>> {
        self.lock().remove(id).map(|(_, job)| job)
    }

    /// A provider's jobs in submit order.
    pub fn list(&self, provider: Provider) -> Vec<Arc<Job>> {
        let map = self.lock();
        let mut jobs: Vec<_> = map.values().filter(|(_, job)| job.meta.provider == provider).collect();
        jobs.sort_by_key(|(seq, _)| *seq);
        jobs.into_iter().map(|(_, job)| job.clone()).collect()
    }

    /// Jobs of one fal endpoint still waiting in the queue (for `fal_max_queue_length`).
    pub fn queued_on(&self, endpoint: &str) -> usize {
        self.lock()
            .values()
            .filter(|(_, job)| job.meta.endpoint == endpoint)
            .filter(|(_, job)| matches!(job.snapshot().phase, Phase::Queued { .. }))
            .count()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, (u64, Arc<Job>)>> {
        // Map operations can't be interrupted half-way, so a poisoned lock is still sound.
        self.by_id.lock().unwrap_or_else(|e| e.into_inner())
    }
}
