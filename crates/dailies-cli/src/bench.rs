//! `dailies bench`: measures the parts of Dailies that are ours (planning, the job engine's
//! overhead over a provider, the library store, the media server) and writes BENCHMARKS.md.
//! Provider latency is the provider's; the emulator runs with zero scripted time so what is
//! measured is Dailies itself. Numbers are wall-clock on this machine, not assertions.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use dailies_core::api::{ClipStatus, CompareRequest};
use dailies_core::catalog::{CanonicalParams, Catalog};
use dailies_core::secrets::MemoryStore;
use dailies_core::{DemoBackend, Error, PollPolicy, Studio, StudioOptions};
use dailies_sim::{Sim, SimConfig, Timing};

pub struct Stat {
    pub name: std::borrow::Cow<'static, str>,
    pub unit: &'static str,
    pub samples: Vec<f64>,
    pub note: String,
}

impl Stat {
    /// Nearest-rank percentile; `None` without samples (a row of failures, or `--clips 0`).
    pub fn pct(&self, p: f64) -> Option<f64> {
        let mut s = self.samples.clone();
        s.sort_by(f64::total_cmp);
        let last = s.len().checked_sub(1)?;
        s.get((last as f64 * p).round() as usize).copied()
    }
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// With `keep_in`, the bench's library (its runs and the synthetic library) is written
/// there and left in place, to be measured or browsed from outside; else a temp folder.
pub async fn run(
    out: &Path,
    clips: usize,
    library_runs: &[usize],
    keep_in: Option<&Path>,
    eta_job_s: u64,
) -> Result<ExitCode, Error> {
    let dir = keep_in
        .map(Path::to_path_buf)
        .unwrap_or_else(|| std::env::temp_dir().join(format!("dailies-bench-{}", std::process::id())));
    let studio = Studio::open(StudioOptions {
        data_dir: dir.clone(),
        secrets: Arc::new(MemoryStore::default()),
        catalog: Catalog::builtin(),
        poll: PollPolicy {
            initial: Duration::from_millis(20),
            max: Duration::from_millis(200),
            min_interval: Some(Duration::from_millis(20)),
            ..PollPolicy::default()
        },
    })
    .await?;
    let config = SimConfig {
        timing: Timing { queue_ms: 0, generate_ms: 0, queue_positions: 1, jitter_pct: 0 },
        ..SimConfig::fast()
    };
    let sim = Sim::start("127.0.0.1:0".parse().expect("loopback"), config)
        .await
        .map_err(|e| Error::Catalog(e.to_string()))?;
    studio.set_demo(Some(DemoBackend::new(|r| sim.route_key(r), |r| sim.route_base_url(r))));
    let mut stats = vec![plan_stat(&studio)?];
    stats.extend(engine_stats(&studio, clips).await?);
    stats.push(media_stat(&studio).await?);
    stats.extend(crate::bench_library::stats(&studio, library_runs).await?);
    sim.shutdown();
    let mut report = render(&stats);
    if eta_job_s > 0 {
        report.push_str(&crate::bench_eta::section(Duration::from_secs(eta_job_s)).await?);
    }
    report.push_str(&measured_elsewhere(out));
    std::fs::write(out, &report).map_err(|e| Error::io(out, e))?;
    eprint!("{report}");
    if keep_in.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    Ok(ExitCode::SUCCESS)
}

fn plan_stat(studio: &Studio) -> Result<Stat, Error> {
    // Image-only routes are refused without a start image, so text-to-video plans leave them out.
    let models: Vec<String> = studio
        .models()
        .iter()
        .flat_map(|m| m.routes.iter().filter(|r| !r.requires_image).map(move |r| format!("{}@{}", m.id, r.route)))
        .collect();
    let req = CompareRequest {
        params: CanonicalParams { prompt: "a lighthouse in fog".into(), duration_s: Some(10), ..Default::default() },
        models: models.clone(),
        ..Default::default()
    };
    let mut samples = Vec::new();
    for _ in 0..500 {
        let t = Instant::now();
        studio.plan(&req)?;
        samples.push(ms(t.elapsed()));
    }
    Ok(Stat {
        name: "plan (validate, parity, estimate)".into(),
        unit: "ms",
        samples,
        note: format!("{} text-to-video model@routes per plan", models.len()),
    })
}

async fn engine_stats(studio: &Studio, clips: usize) -> Result<Vec<Stat>, Error> {
    let req = CompareRequest {
        params: CanonicalParams { prompt: "bench".into(), duration_s: Some(3), ..Default::default() },
        models: vec!["kling-3.0-standard@fal".into(), "sora-2@openai".into()],
        ..Default::default()
    };
    // Warm the emulator's clip cache so rendering is not measured.
    studio.start(&studio.plan(&req)?).await?.finish().await?;
    let mut per_clip = Vec::new();
    let mut download = Vec::new();
    let mut store_write = Vec::new();
    let mut store_read = Vec::new();
    let mut failed = 0usize;
    for _ in 0..clips.div_ceil(2) {
        let plan = studio.plan(&req)?;
        let t = Instant::now();
        let handle = studio.start(&plan).await?;
        store_write.push(ms(t.elapsed()));
        let view = handle.finish().await?;
        // Only delivered clips are timings; a failed clip is counted, never a 0 ms sample.
        for c in &view.clips {
            match (c.status, c.latency_ms.total, c.latency_ms.downloading) {
                (ClipStatus::Succeeded, Some(total), Some(downloading)) => {
                    per_clip.push(total as f64);
                    download.push(downloading as f64);
                }
                _ => failed += 1,
            }
        }
        let t = Instant::now();
        studio.run(&view.run_id).await?;
        store_read.push(ms(t.elapsed()));
    }
    Ok(vec![
        Stat {
            name: "clip submit → file on disk (emulator at 0 ms)".into(),
            unit: "ms",
            samples: per_clip,
            note: format!(
                "fal (SSE) + OpenAI (polling); bounded below by the emulator's own state ticks and its 500 ms poll hint; \
                 delivered clips only ({failed} failed, left out)"
            ),
        },
        Stat {
            name: "download + probe after the provider says done".into(),
            unit: "ms",
            samples: download,
            note: "3 s clip streamed to .part, renamed, MP4 boxes parsed".into(),
        },
        Stat {
            name: "start a run (persist run + 2 clips, spawn)".into(),
            unit: "ms",
            samples: store_write,
            note: "SQLite WAL".into(),
        },
        Stat { name: "read a run back (run + clips)".into(), unit: "ms", samples: store_read, note: String::new() },
    ])
}

async fn media_stat(studio: &Studio) -> Result<Stat, Error> {
    let server = dailies_core::media::start(&studio.store().media_dir()).await?;
    let run = studio.runs(1).await?.into_iter().next().ok_or_else(|| Error::Catalog("no bench run".into()))?;
    let view = studio.run(&run.run_id).await?;
    let path = view.clips[0].media_path.clone().unwrap_or_default();
    let url = format!("{}/{path}", server.base_url());
    let http = reqwest::Client::new();
    let mut samples = Vec::new();
    for i in 0..200u64 {
        let t = Instant::now();
        let start = (i * 4096) % 65_536;
        let r = http.get(&url).header("Range", format!("bytes={start}-{}", start + 65_535)).send().await;
        let body =
            r.map_err(|e| Error::Catalog(e.to_string()))?.bytes().await.map_err(|e| Error::Catalog(e.to_string()))?;
        samples.push(ms(t.elapsed()));
        if body.is_empty() {
            return Err(Error::Catalog("media server returned an empty range".into()));
        }
    }
    Ok(Stat {
        name: "media server 64 KiB range (the <video> seek path)".into(),
        unit: "ms",
        samples,
        note: "loopback, token path".into(),
    })
}

fn render(stats: &[Stat]) -> String {
    let mut s = String::from("# Benchmarks\n\nWritten by `dailies bench` (`cargo run --release -p dailies-cli -- bench`). Wall-clock on the machine that ran it; the\nprovider emulator runs with zero scripted latency, so the numbers are Dailies' own overhead.\n\n");
    let _ = writeln!(
        s,
        "Machine: {} cores; {}; load average when the report was written: {}.\n",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        if cfg!(debug_assertions) {
            "DEBUG build (--allow-debug-build): not comparable with release rows"
        } else {
            "release build"
        },
        // Other work on the machine slows every row; say how busy it was.
        std::fs::read_to_string("/proc/loadavg")
            .ok()
            .and_then(|l| l.split_whitespace().next().map(str::to_string))
            .unwrap_or_else(|| "unknown".into())
    );
    s.push_str("| what | n | p50 | p95 | max | notes |\n| --- | --- | --- | --- | --- | --- |\n");
    for st in stats {
        let cell = |v: Option<f64>| v.map_or_else(|| "—".to_string(), |v| format!("{v:.2} {}", st.unit));
        let max = st.samples.iter().copied().reduce(f64::max);
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} |",
            st.name,
            st.samples.len(),
            cell(st.pct(0.5)),
            cell(st.pct(0.95)),
            cell(max),
            st.note,
        );
    }
    s
}

/// The sections other tools measure (the player in the real app: `scripts/player-bench/app.sh`),
/// copied from the existing file so a rerun of this bench keeps them.
fn measured_elsewhere(out: &Path) -> String {
    const FIRST: &str = "\n## Synced player in the real app";
    let old = std::fs::read_to_string(out).unwrap_or_default();
    old.find(FIRST).map(|at| old[at..].to_owned()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_without_samples_renders_dashes_instead_of_panicking() {
        let empty = Stat { name: "nothing delivered".into(), unit: "ms", samples: vec![], note: String::new() };
        assert_eq!(empty.pct(0.5), None);
        let table = render(&[empty]);
        assert!(table.contains("| nothing delivered | 0 | — | — | — |"), "{table}");
        let one = Stat { name: "one".into(), unit: "ms", samples: vec![3.0, 1.0, 2.0], note: String::new() };
        assert_eq!((one.pct(0.5), one.pct(0.95)), (Some(2.0), Some(3.0)));
    }

    #[test]
    fn a_rerun_keeps_the_sections_measured_elsewhere() {
        let path = std::env::temp_dir().join(format!("dailies-bench-md-{}.md", std::process::id()));
        std::fs::write(&path, "# Benchmarks\n| old | row |\n\n## Synced player in the real app\n| kept |\n").unwrap();
        assert_eq!(measured_elsewhere(&path), "\n## Synced player in the real app\n| kept |\n");
        std::fs::write(&path, "# Benchmarks\n| old | row |\n").unwrap();
        assert_eq!(measured_elsewhere(&path), "");
        let _ = std::fs::remove_file(&path);
        assert_eq!(measured_elsewhere(&path), "");
    }
}
