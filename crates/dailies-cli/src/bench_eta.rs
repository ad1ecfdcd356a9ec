//! `dailies bench`, ETA-guided polling: one text-to-video model per route against the
//! strict emulator with jobs that end a fixed time after submit (47 s unless
//! `--eta-job-s`), run twice: cold (no history: the catalog's usual time guides polling)
//! and warm (the cold run's clips are the history). Per route it reports how late the end
//! was noticed and the file landed (against the emulator's own end time), the status
//! requests per job, and the whole run's wall time over the job time (overhead ratio).

use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use dailies_core::api::{ClipView, CompareRequest};
use dailies_core::catalog::{CanonicalParams, Catalog, LifecycleState};
use dailies_core::secrets::MemoryStore;
use dailies_core::{DemoBackend, Error, PollPolicy, Studio, StudioOptions};
use dailies_sim::{Sim, SimConfig, SimHandle, Timing};

/// One clip's measurements (seconds, and requests).
struct Lateness {
    route: String,
    model: String,
    noticed_s: Option<f64>,
    landed_s: Option<f64>,
    status_requests: usize,
    /// When the submit reached the emulator, after the run was started.
    sent_s: Option<f64>,
}

struct RunResult {
    label: &'static str,
    wall: Duration,
    /// When the last file was on disk, after the run was started (the rest of `wall` is
    /// the run's own ending: posters, the last writes).
    last_landed_s: Option<f64>,
    clips: Vec<Lateness>,
}

/// Measures in a library of its own (a temp folder, removed after), so the history it
/// builds never mixes with the bench's other runs or a `--keep` library.
pub async fn section(job: Duration) -> Result<String, Error> {
    let dir = std::env::temp_dir().join(format!("dailies-bench-eta-{}", std::process::id()));
    let result = measure_all(&dir, job).await;
    let _ = std::fs::remove_dir_all(&dir);
    result
}

async fn measure_all(dir: &Path, job: Duration) -> Result<String, Error> {
    let studio = Studio::open(StudioOptions {
        data_dir: dir.to_path_buf(),
        secrets: Arc::new(MemoryStore::default()),
        catalog: Catalog::builtin(),
        // The app's own policy: what is measured is the schedule creators get.
        poll: PollPolicy::default(),
    })
    .await?;
    let job_ms = u64::try_from(job.as_millis()).unwrap_or(u64::MAX);
    // A short scripted queue then generation, with no jitter: every job ends `job` after
    // its submit (the render of its clip, cached after the first, runs inside that time).
    let queue_ms = (job_ms / 10).min(5_000);
    let timing = Timing { queue_ms, generate_ms: job_ms - queue_ms, queue_positions: 2, jitter_pct: 0 };
    let sim = Sim::start("127.0.0.1:0".parse().expect("loopback"), SimConfig { timing, ..SimConfig::fast() })
        .await
        .map_err(|e| Error::Catalog(e.to_string()))?;
    studio.set_demo(Some(DemoBackend::new(|r| sim.route_key(r), |r| sim.route_base_url(r))));
    let models = one_model_per_route(&studio);
    let mut runs = Vec::new();
    for label in ["cold (catalog prior)", "warm (history of the cold run)"] {
        runs.push(measure(&studio, &sim, &models, label).await?);
    }
    sim.shutdown();
    Ok(render(&runs, job, models.len()))
}

/// The first active text-to-video model of every route (image-only models are refused
/// without a start image).
fn one_model_per_route(studio: &Studio) -> Vec<String> {
    let mut picked: Vec<(String, String)> = Vec::new();
    for m in studio.models() {
        for r in &m.routes {
            let route = r.route.to_string();
            let usable = !r.requires_image && r.lifecycle.state != LifecycleState::Retired;
            if usable && !picked.iter().any(|(seen, _)| *seen == route) {
                picked.push((route.clone(), format!("{}@{route}", m.id)));
            }
        }
    }
    picked.into_iter().map(|(_, spec)| spec).collect()
}

async fn measure(studio: &Studio, sim: &SimHandle, models: &[String], label: &'static str) -> Result<RunResult, Error> {
    let req = CompareRequest {
        params: CanonicalParams { prompt: "bench eta".into(), ..Default::default() },
        models: models.to_vec(),
        ..Default::default()
    };
    let plan = studio.plan(&req)?;
    let log_from = sim.stats().log.len();
    let started_ms = dailies_core::store::now_ms();
    let t = Instant::now();
    let view = studio.start(&plan).await?.finish().await?;
    let wall = t.elapsed();
    let log = sim.stats().log.split_off(log_from);
    let ends = sim.job_ends();
    let mut clips = Vec::new();
    let mut last_landed_ms = None;
    for c in &view.clips {
        // Google's job id is an operation name ending in the emulator's id.
        let end = c
            .provider_job_id
            .as_deref()
            .and_then(|id| ends.iter().find(|e| id == e.job_id || id.ends_with(&format!("/{}", e.job_id))));
        let noticed = noticed_at(studio, c).await?;
        let landed = c.submitted_at_ms.zip(c.latency_ms.total).map(|(s, t)| s + t);
        last_landed_ms = last_landed_ms.max(landed);
        let late = |at: Option<i64>| Some((at? - i64::try_from(end?.ended_unix_ms).ok()?) as f64 / 1000.0);
        let status_op = format!("{}.status", c.route);
        let submit_op = format!("{}.submit", c.route);
        let sent = log.iter().find(|r| r.op == submit_op).and_then(|r| i64::try_from(r.at_unix_ms).ok());
        clips.push(Lateness {
            route: c.route.clone(),
            model: c.model.clone(),
            noticed_s: late(noticed),
            landed_s: late(landed),
            // One job per route per run, so the route's status requests are this job's.
            status_requests: log.iter().filter(|r| r.op == status_op).count(),
            sent_s: sent.map(|at| (at - started_ms) as f64 / 1000.0),
        });
    }
    let last_landed_s = last_landed_ms.map(|at| (at - started_ms) as f64 / 1000.0);
    Ok(RunResult { label, wall, last_landed_s, clips })
}

/// When the engine saw the provider say done: the status event that moved it to downloading.
async fn noticed_at(studio: &Studio, clip: &ClipView) -> Result<Option<i64>, Error> {
    let events = studio.store().events(&clip.id).await?;
    Ok(events.iter().find(|e| e.kind == "status" && e.state.as_deref() == Some("downloading")).map(|e| e.at_ms))
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    v.sort_by(f64::total_cmp);
    let mid = v.len().checked_sub(1)? / 2;
    v.get(mid).copied()
}

fn render(runs: &[RunResult], job: Duration, routes: usize) -> String {
    let secs = |v: Option<f64>| v.map_or_else(|| "—".to_string(), |v| format!("{v:.1} s"));
    let mut s = format!(
        "\n## ETA-guided polling\n\nOne text-to-video model per route ({routes} routes) against the emulator, every job \
         ending {:.0} s after its submit (no jitter), the app's default poll policy. Late = after the emulator's end \
         of the job: *noticed* when the engine saw \"done\", *landed* when the file was on disk. fal follows an SSE \
         stream, so it has no status requests.\n",
        job.as_secs_f64()
    );
    for run in runs {
        let ratio = run.wall.as_secs_f64() / job.as_secs_f64();
        let noticed = median(run.clips.iter().filter_map(|c| c.noticed_s).collect());
        let landed = median(run.clips.iter().filter_map(|c| c.landed_s).collect());
        let polled: Vec<usize> = run.clips.iter().filter(|c| c.route != "fal").map(|c| c.status_requests).collect();
        let per_job = polled.iter().sum::<usize>() as f64 / polled.len().max(1) as f64;
        let _ = write!(
            s,
            "\n### {}\n\nWhole run {:.1} s (last file on disk at {}): overhead ratio **{ratio:.2}**. Median late: noticed {}, landed {}; \
             {per_job:.1} status requests per polled job.\n\n| route | model | sent after start | status requests | noticed late | landed late |\n| --- | --- | --- | --- | --- | --- |\n",
            run.label,
            run.wall.as_secs_f64(),
            secs(run.last_landed_s),
            secs(noticed),
            secs(landed),
        );
        for c in &run.clips {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {} |",
                c.route,
                c.model,
                secs(c.sent_s),
                c.status_requests,
                secs(c.noticed_s),
                secs(c.landed_s)
            );
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_gives_the_ratio_medians_and_a_row_per_route() {
        let clip = |route: &str, noticed, requests| Lateness {
            route: route.into(),
            model: "m".into(),
            noticed_s: noticed,
            landed_s: noticed.map(|n| n + 0.5),
            status_requests: requests,
            sent_s: Some(0.1),
        };
        let run = RunResult {
            label: "warm",
            wall: Duration::from_millis(49_350),
            last_landed_s: Some(48.0),
            clips: vec![clip("fal", Some(0.2), 0), clip("openai", Some(1.0), 12), clip("kling", None, 10)],
        };
        let text = render(&[run], Duration::from_secs(47), 3);
        assert!(text.contains("Whole run 49.4 s (last file on disk at 48.0 s): overhead ratio **1.05**"), "{text}");
        assert!(text.contains("noticed 0.2 s, landed 0.7 s; 11.0 status requests per polled job"), "{text}");
        assert!(text.contains("| kling | m | 0.1 s | 10 | — | — |"), "{text}");
        assert_eq!(median(vec![]), None);
    }
}
