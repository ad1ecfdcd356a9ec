//! Plays one job's scripted timeline: queue positions counting down, a running phase
//! during which the clip is really rendered, then a terminal outcome.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::jobs::{Done, Failure, Job, Outcome, Phase};
use crate::clips::Clips;
use crate::faults::JobFate;

/// Progress ticks per running phase; each also writes a runner log line.
const STEPS: u32 = 10;

pub(crate) async fn drive(job: Arc<Job>, clips: Arc<Clips>) {
    let outcome = tokio::select! {
        outcome = run(&job, &clips) => outcome,
        () = job.cancel.notified() => Outcome::Failed(Failure::Cancelled),
    };
    finish(&job, outcome);
}

async fn run(job: &Job, clips: &Clips) -> Outcome {
    let plan = job.meta.plan;
    let step = plan.queue / plan.queue_positions;
    for position in (0..plan.queue_positions).rev() {
        job.update(|s| s.phase = Phase::Queued { position });
        tokio::time::sleep(step).await;
    }

    job.update(|s| {
        s.phase = Phase::Running { progress: 0 };
        s.running_since = Some(Instant::now());
    });
    job.log(format!("Starting generation on {}", job.meta.endpoint));
    match &job.meta.fate {
        JobFate::Succeed => {}
        JobFate::Fail { error_type, message } => {
            tick_progress(job, plan.generate).await;
            return Outcome::Failed(Failure::Model { error_type: error_type.clone(), message: message.clone() });
        }
        JobFate::ContentPolicy => {
            tick_progress(job, plan.generate).await;
            return Outcome::Failed(Failure::ContentPolicy);
        }
        JobFate::CanceledByProvider => {
            tick_progress(job, plan.generate / 2).await;
            return Outcome::Failed(Failure::Cancelled);
        }
    }
    // Rendering runs alongside the scripted progress, so COMPLETED comes only once the
    // file exists. Cancelling or aborting the job drops the render, which kills ffmpeg.
    let (rendered, ()) = tokio::join!(clips.render(&job.meta.clip), tick_progress(job, plan.generate));
    match rendered {
        Ok(path) => {
            let bytes = tokio::fs::metadata(&path).await.map_or(0, |m| m.len());
            Outcome::Video { path, bytes }
        }
        Err(err) => {
            tracing::error!(job = %job.meta.id, %err, "clip render failed");
            Outcome::Failed(Failure::Internal(err.to_string()))
        }
    }
}

/// Raises progress to 90% over the scripted generate time; the last 10% covers any
/// extra wait for ffmpeg.
async fn tick_progress(job: &Job, generate: Duration) {
    let step = generate / STEPS;
    for i in 1..=STEPS {
        tokio::time::sleep(step).await;
        let progress = (i * 90 / STEPS) as u8;
        job.update(|s| s.phase = Phase::Running { progress });
        job.log(format!("Generating: step {i}/{STEPS} ({progress}%)"));
    }
}

fn finish(job: &Job, outcome: Outcome) {
    let inference_s = job.snapshot().running_since.map_or(0.0, |t| t.elapsed().as_secs_f64());
    let message = match &outcome {
        Outcome::Video { .. } => "Generation complete".to_owned(),
        Outcome::Failed(failure) => format!("Generation failed: {failure:?}"),
    };
    job.log(message);
    job.update(|s| {
        s.phase = Phase::Done(Done {
            at: Instant::now(),
            at_unix: crate::clock::unix_now(),
            at_unix_ms: crate::clock::unix_now_ms(),
            inference_s: (inference_s * 1000.0).round() / 1000.0,
            outcome,
        })
    });
    tracing::debug!(job = %job.meta.id, "job finished");
}
