//! Per-route concurrency (issue 10): with `concurrency.openai = 1` a run of two OpenAI
//! models sends the second only once the first left flight; meanwhile it waits visibly,
//! first in line, and it is never sent twice. Five takes with `concurrency.fal = 2` never
//! have three jobs open at the emulator, and takes waiting for a slot survive a kill -9.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use dailies_core::api::{ClipStatus, CompareRequest};
use dailies_core::catalog::CanonicalParams;
use dailies_core::store::{ClipRow, Store};
use dailies_sim::Timing;
use dailies_tests::{against_sim, dailies, run, sim_config, start_sim, studio_on};

#[tokio::test(flavor = "multi_thread")]
async fn a_route_at_its_limit_keeps_the_next_clip_waiting_in_line() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let studio = studio_on(&sim, dir.path()).await;
    studio.set_setting("concurrency.openai", "1").await.unwrap();
    let mut updates = studio.subscribe();
    let request = CompareRequest {
        params: CanonicalParams { prompt: "a lighthouse in fog".into(), duration_s: Some(4), ..Default::default() },
        models: vec!["sora-2@openai".into(), "sora-2-pro@openai".into()],
        ..Default::default()
    };
    let plan = studio.plan(&request).unwrap();
    let view = studio.start(&plan).await.unwrap().finish().await.unwrap();
    assert!(view.clips.iter().all(|c| c.status == ClipStatus::Succeeded), "{view:?}");

    // Replay every snapshot: never two OpenAI jobs in flight, and one clip shown waiting first in line.
    let mut status = HashMap::new();
    let (mut most_in_flight, mut waited_first_in_line) = (0, false);
    while let Ok(clip) = updates.try_recv() {
        if clip.status == ClipStatus::Pending && clip.queue_position == Some(1) {
            waited_first_in_line = true;
        }
        status.insert(clip.id.clone(), clip.status);
        let in_flight = status
            .values()
            .filter(|s| matches!(s, ClipStatus::Submitting | ClipStatus::Queued | ClipStatus::Generating))
            .count();
        most_in_flight = most_in_flight.max(in_flight);
    }
    assert_eq!(most_in_flight, 1, "the limit held");
    assert!(waited_first_in_line, "the second clip was shown waiting, #1 in line");

    let rows =
        [studio.store().clip(&view.clips[0].id).await.unwrap(), studio.store().clip(&view.clips[1].id).await.unwrap()];
    let (first, second) =
        if rows[0].submitted_at_ms <= rows[1].submitted_at_ms { (&rows[0], &rows[1]) } else { (&rows[1], &rows[0]) };
    assert!(
        second.submitted_at_ms >= first.completed_at_ms,
        "sent only after the first job was done: {first:?} {second:?}"
    );
    let waited = studio.store().events(&second.id).await.unwrap();
    assert!(waited.iter().any(|e| e.kind == "waiting"), "{waited:?}");
    assert_eq!(sim.stats().requests["openai.submit"], 2, "each sent once");
}

const TAKES_MODEL: &str = "kling-3.0-pro@fal";

/// `dailies compare` of one model in five takes, with `concurrency.fal = 2` set through the CLI.
fn five_takes(data_dir: &std::path::Path, sim: &dailies_sim::SimHandle) -> std::process::Command {
    let (code, _, stderr) = run(dailies(data_dir).args(["settings", "set", "concurrency.fal", "2"]));
    assert_eq!(code, 0, "{stderr}");
    let mut cmd = dailies(data_dir);
    against_sim(&mut cmd, sim);
    cmd.args([
        "compare",
        "--prompt",
        "a lighthouse in fog",
        "--model",
        TAKES_MODEL,
        "--duration",
        "3",
        "--takes",
        "5",
        "--yes",
        "--json",
    ]);
    cmd
}

/// Long enough jobs that two are surely open together: the limit is used, not just respected.
const SLOW_JOBS: Timing = Timing { queue_ms: 400, generate_ms: 900, queue_positions: 1, jitter_pct: 0 };

#[tokio::test(flavor = "multi_thread")]
async fn five_takes_with_a_limit_of_two_never_have_three_jobs_open_at_the_provider() {
    let sim = start_sim(sim_config()).await;
    sim.set_timing(SLOW_JOBS);
    let dir = tempfile::tempdir().unwrap();
    let (code, json, stderr) = run(&mut five_takes(dir.path(), &sim));
    assert_eq!(code, 0, "{stderr}\n{json}");
    let clips = json["clips"].as_array().unwrap();
    assert_eq!(clips.len(), 5, "{json}");
    assert!(clips.iter().all(|c| c["status"] == "succeeded"), "{json}");
    // Counted by the emulator, the provider's side: the only count a provider's limit sees.
    assert_eq!(sim.peak_open_jobs("fal"), 2, "two at once, never three");
    assert_eq!(sim.stats().requests["fal.submit"], 5, "each take sent once");
}

#[tokio::test(flavor = "multi_thread")]
async fn waiting_takes_survive_a_kill_and_are_sent_by_resume_within_the_limit() {
    let sim = start_sim(sim_config()).await;
    sim.set_timing(Timing { queue_ms: 1500, generate_ms: 2500, queue_positions: 1, jitter_pct: 0 });
    let dir = tempfile::tempdir().unwrap();
    let mut child = five_takes(dir.path(), &sim)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();

    // Kill once two takes hold a job id and the other three are waiting their turn.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        assert!(Instant::now() < deadline, "compare never filled its two slots");
        let clips = unfinished(dir.path()).await;
        let sent = clips.iter().filter(|c| c.provider_job_id.is_some()).count();
        let waiting = clips.iter().filter(|c| c.status() == ClipStatus::Pending).count();
        if sent == 2 && waiting == 3 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    child.kill().unwrap(); // SIGKILL: no chance to clean up, like a crash.
    child.wait().unwrap();
    assert_eq!(sim.stats().submits.len(), 2, "the waiting takes were not sent");
    assert_eq!(unfinished(dir.path()).await.len(), 5, "every take is still on disk");

    let mut resume = dailies(dir.path());
    against_sim(&mut resume, &sim);
    let (code, json, stderr) = run(resume.args(["resume", "--json"]));
    assert_eq!(code, 0, "{stderr}\n{json}");
    assert_eq!(json["report"]["resumed"].as_array().map(Vec::len), Some(5), "{json}");
    let clips = json["clips"].as_array().unwrap();
    assert!(clips.iter().all(|c| c["status"] == "succeeded"), "{json}");
    assert_eq!(sim.stats().requests["fal.submit"], 5, "the two sent before the kill were followed, not resent");
    assert_eq!(sim.peak_open_jobs("fal"), 2, "resume kept the limit too");
}

async fn unfinished(data_dir: &std::path::Path) -> Vec<ClipRow> {
    if !data_dir.join("dailies.db").exists() {
        return Vec::new();
    }
    let Ok(store) = Store::open(data_dir).await else { return Vec::new() };
    let clips = store.unfinished_clips().await.unwrap_or_default();
    store.close().await;
    clips
}
