//! Runway's per-model concurrency (runway.md §6): over the org's limit a task is not
//! refused but reported `THROTTLED` until a slot frees, then starts by itself.

use std::sync::Arc;
use std::time::Duration;

use super::THROTTLED;
use crate::state::jobs::{Job, Phase, Provider};
use crate::state::Shared;

/// Generations of one model the emulated org runs at once (tiers differ; UNCONFIRMED).
pub(super) const MAX_CONCURRENT: usize = 2;

/// How often a throttled task checks for a free slot.
const RECHECK: Duration = Duration::from_millis(50);

fn throttled(job: &Job) -> bool {
    matches!(job.snapshot().phase, Phase::Queued { position: THROTTLED })
}

/// Tasks of `model` holding a slot: admitted (queued by the driver) or running.
fn active(shared: &Shared, model: &str) -> usize {
    let jobs = shared.jobs.list(Provider::Runway);
    jobs.iter()
        .filter(|j| j.meta.endpoint == model)
        .filter(|j| match j.snapshot().phase {
            Phase::Running { .. } => true,
            Phase::Queued { position } => position != THROTTLED,
            Phase::Done(_) => false,
        })
        .count()
}

/// Whether `job` is the longest-waiting throttled task of its model (FIFO admission).
fn first_in_line(shared: &Shared, job: &Job) -> bool {
    let jobs = shared.jobs.list(Provider::Runway);
    let first = jobs.iter().find(|j| j.meta.endpoint == job.meta.endpoint && throttled(j));
    first.is_some_and(|f| f.meta.id == job.meta.id)
}

/// Starts the task now, or parks it as `THROTTLED` and starts it once a slot is free.
pub(super) fn admit_or_wait(shared: &Arc<Shared>, job: Arc<Job>) {
    if active(shared, &job.meta.endpoint) < MAX_CONCURRENT {
        shared.start_job(job);
        return;
    }
    job.update(|s| s.phase = Phase::Queued { position: THROTTLED });
    // Registered now so polls see it; the driver starts only once admitted.
    shared.jobs.insert(job.clone());
    let shared = shared.clone();
    tokio::spawn(async move {
        loop {
            tokio::select! {
                () = shared.stopped() => return,
                () = tokio::time::sleep(RECHECK) => {}
            }
            // Cancelled (or deleted) while waiting: nothing to start.
            if !throttled(&job) {
                return;
            }
            if first_in_line(&shared, &job) && active(&shared, &job.meta.endpoint) < MAX_CONCURRENT {
                let position = job.meta.plan.queue_positions - 1;
                job.update(|s| s.phase = Phase::Queued { position });
                tracing::debug!(task = %job.meta.id, "throttled task admitted");
                shared.start_job(job);
                return;
            }
        }
    });
}
