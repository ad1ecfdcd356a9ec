//! State shared by every route of one emulator instance.

mod book;
pub(crate) mod driver;
pub(crate) mod jobs;
mod submit;
mod table;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use tokio::sync::watch;
use tokio::task::AbortHandle;

use crate::clips::Clips;
use crate::config::{SimConfig, Timing};
use crate::fal::catalog::Catalog;
use crate::faults::FaultQueue;
use crate::stats::StatsCell;
pub(crate) use book::Book;
use jobs::{Done, Job};
use table::Jobs;

pub(crate) struct Shared {
    /// `http://127.0.0.1:PORT`, the prefix of every absolute URL the emulator hands out.
    pub base_url: String,
    pub config: SimConfig,
    pub catalog: Catalog,
    /// fal storage uploads and per-job result extras.
    pub fal: crate::fal::FalState,
    pub kling: crate::kling::KlingState,
    pub openai: crate::openai::OpenAiState,
    pub runway: crate::runway::RunwayState,
    timing: Mutex<Timing>,
    pub faults: FaultQueue,
    pub stats: StatsCell,
    pub jobs: Jobs,
    pub clips: Arc<Clips>,
    /// Job drivers, aborted on shutdown so no ffmpeg outlives the emulator.
    tasks: Mutex<Vec<AbortHandle>>,
    /// Flips to true once; stops the listener and ends open SSE streams, which would
    /// otherwise keep a graceful shutdown waiting forever.
    stopping: watch::Sender<bool>,
}

impl Shared {
    pub fn new(base_url: String, config: SimConfig, catalog: Catalog) -> Self {
        let clips = Clips::new(config.clip_cache_dir.clone(), config.ffmpeg.clone(), config.clip_render);
        Self {
            base_url,
            timing: Mutex::new(config.timing.clone()),
            config,
            catalog,
            fal: Default::default(),
            kling: Default::default(),
            openai: Default::default(),
            runway: Default::default(),
            faults: FaultQueue::default(),
            stats: StatsCell::default(),
            jobs: Jobs::default(),
            clips: Arc::new(clips),
            tasks: Mutex::default(),
            stopping: watch::Sender::new(false),
        }
    }

    pub fn timing(&self) -> Timing {
        lock(&self.timing).clone()
    }

    pub fn set_timing(&self, timing: Timing) {
        tracing::info!(?timing, "timing changed");
        *lock(&self.timing) = timing;
    }

    /// Registers a job and starts playing its timeline.
    pub fn start_job(&self, job: Arc<Job>) {
        self.jobs.insert(job.clone());
        let task = tokio::spawn(driver::drive(job, self.clips.clone()));
        let mut tasks = lock(&self.tasks);
        tasks.retain(|t| !t.is_finished());
        tasks.push(task.abort_handle());
    }

    pub fn stop(&self) {
        self.stopping.send_replace(true);
        for task in lock(&self.tasks).drain(..) {
            task.abort();
        }
    }

    /// Resolves once [`Shared::stop`] has been called.
    pub async fn stopped(&self) {
        let mut rx = self.stopping.subscribe();
        // The sender lives in `self`, so waiting cannot fail while we are borrowed.
        let _ = rx.wait_for(|stopping| *stopping).await;
    }

    /// Whether a finished job has outlived the retention window.
    pub fn expired(&self, done: &Done) -> bool {
        done.at.elapsed() > self.config.result_ttl
    }

    /// A succeeded job's video while the retention window still holds it.
    pub fn retained_video(&self, job: &Job) -> Option<PathBuf> {
        job.done().filter(|done| !self.expired(done)).and_then(Done::video)
    }
}

/// Locks a mutex even if a holder panicked. Every mutex in the emulator guards maps,
/// counters or queues changed in single steps that cannot panic half-way, so a poisoned
/// lock still holds consistent data.
pub(crate) fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
