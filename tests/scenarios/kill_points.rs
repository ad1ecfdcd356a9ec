//! kill -9 at the five points of a clip's life, then `dailies resume`: each clip ends
//! finished by resume or clearly failed — never lost (left unfinished), never sent twice.
//! States before the first request exist only on disk, so they are persisted directly;
//! the others come from killing a real `dailies compare` child at that moment.

use std::path::Path;
use std::process::Child;
use std::time::{Duration, Instant};

use dailies_core::api::{ClipStatus, CompareRequest};
use dailies_core::catalog::{build_request, CanonicalParams, Catalog};
use dailies_core::store::{ClipRow, NewClip, Store};
use dailies_sim::{Fault, FaultKind, FaultOp, SimHandle, Timing};
use dailies_tests::{against_sim, dailies, run, sim_config, start_sim, studio_on};

const MODEL: &str = "kling-3.0-pro@fal";

#[derive(Clone, Copy, Debug)]
enum KillAt {
    BeforeSubmit,
    BetweenSendAndStoredId,
    WhilePolling,
    MidDownload,
    AfterDownloadBeforeProbe,
}

/// Each point, how the clip must end after `resume`, and how many jobs the provider accepted.
const POINTS: [(KillAt, ClipStatus, usize); 5] = [
    (KillAt::BeforeSubmit, ClipStatus::Succeeded, 1),
    // Maybe sent, id never stored: marked unknown (may have been charged), never resent.
    (KillAt::BetweenSendAndStoredId, ClipStatus::Unknown, 0),
    (KillAt::WhilePolling, ClipStatus::Succeeded, 1),
    (KillAt::MidDownload, ClipStatus::Succeeded, 1),
    (KillAt::AfterDownloadBeforeProbe, ClipStatus::Succeeded, 1),
];

#[tokio::test(flavor = "multi_thread")]
async fn a_kill_at_any_point_ends_finished_by_resume_or_clearly_failed_never_resent() {
    for (at, expected, submits) in POINTS {
        let sim = start_sim(sim_config()).await;
        let dir = tempfile::tempdir().unwrap();
        let run_id = tokio::time::timeout(Duration::from_secs(60), leave_behind(at, &sim, dir.path()))
            .await
            .unwrap_or_else(|_| panic!("{at:?}: setting up the kill hung"));

        let mut resume = dailies(dir.path());
        against_sim(&mut resume, &sim);
        let (_, report, stderr) = run(resume.args(["resume", "--json"]));
        let (_, shown, _) = run(dailies(dir.path()).args(["show", &run_id, "--json"]));
        let clip = &shown["clips"][0];
        let accepted = sim.stats().submits.len();
        eprintln!("kill-points: {at:?} → {} {} ({accepted} accepted submit)", clip["status"], clip["error"]);
        assert_eq!(clip["status"], expected.as_str(), "{at:?}: {clip}\n{report}\n{stderr}");
        assert_eq!(accepted, submits, "{at:?}: never sent twice");
        if expected == ClipStatus::Succeeded {
            assert!(Path::new(clip["file"].as_str().unwrap()).exists(), "{at:?}: {clip}");
        } else {
            assert!(clip["error"].as_str().is_some_and(|e| e.contains("fal")), "{at:?}: {clip}");
        }
        sim.shutdown();
    }
}

/// Leaves `data_dir` as a kill at `at` would, and returns the run's id.
async fn leave_behind(at: KillAt, sim: &SimHandle, data_dir: &Path) -> String {
    match at {
        KillAt::BeforeSubmit | KillAt::BetweenSendAndStoredId => persist_unsent(sim, data_dir, at).await,
        KillAt::WhilePolling => {
            // Long enough that the kill lands while the job is queued or generating.
            sim.set_timing(Timing { queue_ms: 1500, generate_ms: 2500, queue_positions: 2, jitter_pct: 0 });
            kill_compare_when(sim, data_dir, |c| c.provider_job_id.is_some()).await.run_id
        }
        KillAt::MidDownload | KillAt::AfterDownloadBeforeProbe => {
            // The first download stalls (headers, then silence), holding the child in it.
            sim.inject(Fault::once("fal", FaultOp::Content, FaultKind::Stall));
            let fetching =
                |c: &ClipRow| c.status() == ClipStatus::Downloading && sim.stats().requests.contains_key("cdn.get");
            let clip = kill_compare_when(sim, data_dir, fetching).await;
            if matches!(at, KillAt::AfterDownloadBeforeProbe) {
                place_finished_download(sim, data_dir, &clip).await;
            }
            clip.run_id
        }
    }
}

/// A planned run stored with its clip `pending` (never sent) or `submitting` without an id.
async fn persist_unsent(sim: &SimHandle, data_dir: &Path, at: KillAt) -> String {
    let studio = studio_on(sim, data_dir).await;
    studio.set_demo(None);
    let request = CompareRequest {
        params: CanonicalParams { prompt: "a lighthouse in fog".into(), ..Default::default() },
        models: vec![MODEL.into()],
        ..Default::default()
    };
    let plan = studio.plan(&request).unwrap();
    let catalog = Catalog::builtin();
    let (_, entry) = catalog.select(MODEL, |_| true).unwrap();
    let wire = build_request(entry, &plan.clips[0].resolved).unwrap();
    let clip = NewClip {
        id: "c1".into(),
        base_url: sim.fal_base_url(),
        request_json: serde_json::to_string(&wire).unwrap(),
        planned: &plan.clips[0],
    };
    studio.store().insert_run("r1", &plan, &[clip]).await.unwrap();
    if matches!(at, KillAt::BetweenSendAndStoredId) {
        studio.store().mark_submitting("c1").await.unwrap();
    }
    studio.store().close().await;
    "r1".into()
}

/// Starts `dailies compare` and SIGKILLs it as soon as its clip row satisfies `moment`.
async fn kill_compare_when(sim: &SimHandle, data_dir: &Path, moment: impl Fn(&ClipRow) -> bool) -> ClipRow {
    let mut cmd = dailies(data_dir);
    against_sim(&mut cmd, sim);
    cmd.args(["compare", "--prompt", "a lighthouse in fog", "--model", MODEL, "--yes", "--json"]);
    let mut child: Child = cmd.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    let clip = loop {
        assert!(Instant::now() < deadline, "compare never reached the kill point");
        if let Some(clip) = unfinished_clip(data_dir).await.filter(|c| moment(c)) {
            break clip;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    };
    child.kill().unwrap(); // SIGKILL: no chance to clean up, like a crash.
    child.wait().unwrap();
    clip
}

async fn unfinished_clip(data_dir: &Path) -> Option<ClipRow> {
    if !data_dir.join("dailies.db").exists() {
        return None;
    }
    let store = Store::open(data_dir).await.ok()?;
    let clip = store.unfinished_clips().await.ok()?.into_iter().next();
    store.close().await;
    clip
}

/// The whole file renamed into the library and its `.part` gone, the row still
/// `downloading`: exactly what a kill between the rename and the probe leaves.
async fn place_finished_download(sim: &SimHandle, data_dir: &Path, clip: &ClipRow) {
    let job = clip.provider_job_id.as_deref().expect("a job id before download");
    let url = format!("{}/cdn/files/{job}/output.mp4", sim.base_url());
    let bytes = reqwest::get(url).await.unwrap().error_for_status().unwrap().bytes().await.unwrap();
    let target = data_dir.join("media").join(&clip.run_id).join(format!("{}.mp4", clip.id));
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    std::fs::write(&target, &bytes).unwrap();
    let _ = std::fs::remove_file(target.with_extension("mp4.part"));
}
