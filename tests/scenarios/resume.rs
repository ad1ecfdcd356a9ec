//! Crash safety: a killed `compare` is finished by `resume` without a second submit, and a
//! job that may have been sent without its id being stored is never resubmitted.

use std::time::{Duration, Instant};

use dailies_core::api::{ClipStatus, CompareRequest};
use dailies_core::catalog::CanonicalParams;
use dailies_core::store::{NewClip, Store};
use dailies_sim::Timing;
use dailies_tests::{against_sim, dailies, run, sim_config, start_sim, studio_on};

#[tokio::test(flavor = "multi_thread")]
async fn killed_compare_is_finished_by_resume_with_exactly_one_submit() {
    let sim = start_sim(sim_config()).await;
    // Long enough that the kill lands while the job is queued/generating.
    sim.set_timing(Timing { queue_ms: 1500, generate_ms: 2500, queue_positions: 2, jitter_pct: 0 });
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = dailies(dir.path());
    against_sim(&mut cmd, &sim);
    cmd.args([
        "compare",
        "--prompt",
        "a lighthouse in fog",
        "--model",
        "kling-3.0-pro@fal",
        "--duration",
        "3",
        "--yes",
        "--json",
    ]);
    let mut child = cmd.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().unwrap();

    // Kill only once the provider job id is durably stored.
    let deadline = Instant::now() + Duration::from_secs(30);
    let db = dir.path().join("dailies.db");
    loop {
        assert!(Instant::now() < deadline, "compare never stored a provider job id");
        if db.exists() {
            let store = Store::open(dir.path()).await.unwrap();
            let stored = store.unfinished_clips().await.unwrap().iter().any(|c| c.provider_job_id.is_some());
            store.close().await;
            if stored {
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    child.kill().unwrap(); // SIGKILL: no chance to clean up, like a crash.
    child.wait().unwrap();
    assert_eq!(sim.stats().submits.len(), 1);

    let mut resume = dailies(dir.path());
    against_sim(&mut resume, &sim);
    let (code, json, stderr) = run(resume.args(["resume", "--json"]));
    assert_eq!(code, 0, "{stderr}\n{json}");
    assert_eq!(json["report"]["resumed"].as_array().unwrap().len(), 1);
    let clip = &json["clips"][0];
    assert_eq!(clip["status"], "succeeded", "{clip}");
    assert!(std::path::Path::new(clip["file"].as_str().unwrap()).exists());
    assert_eq!(sim.stats().submits.len(), 1, "resume must never submit again");
    assert_eq!(sim.stats().requests.get("fal.submit").copied(), Some(1));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_job_killed_between_send_and_id_is_marked_unknown_not_resubmitted() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    {
        // Left in `submitting` with no id: exactly what a kill between sending and storing
        // the id leaves behind.
        let studio = persist_submitting_fal_clip(&sim, dir.path()).await;
        studio.store().close().await;
    }
    let mut resume = dailies(dir.path());
    against_sim(&mut resume, &sim);
    let (code, json, stderr) = run(resume.args(["resume", "--json"]));
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(json["report"]["unknown"][0], "c1");
    let (_, shown, _) = run(dailies(dir.path()).args(["show", "r1", "--json"]));
    let clip = &shown["clips"][0];
    assert_eq!(clip["status"], ClipStatus::Unknown.as_str());
    assert!(clip["error"].as_str().unwrap().contains("may have been charged"), "{clip}");
    assert_eq!(sim.stats().submits.len(), 0, "an unknown job must not be resubmitted");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_clip_of_a_route_this_build_does_not_know_fails_and_sends_nothing() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    {
        // A row as a newer build would leave it: a route name this build has no adapter for,
        // a job id, and the emulator's fal URL as its base URL (where a fallback to the fal
        // adapter would carry the fal key).
        let studio = persist_submitting_fal_clip(&sim, dir.path()).await;
        studio.store().set_provider_job("c1", "req-from-the-future", &serde_json::json!({})).await.unwrap();
        sqlx::query("UPDATE clips SET route = 'fal-next' WHERE id = 'c1'")
            .execute(studio.store().pool())
            .await
            .unwrap();
        studio.store().close().await;
    }
    let mut resume = dailies(dir.path());
    against_sim(&mut resume, &sim);
    let (code, json, stderr) = run(resume.args(["resume", "--json"]));
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(json["report"]["failed"][0], "c1", "{json}");
    let (_, shown, _) = run(dailies(dir.path()).args(["show", "r1", "--json"]));
    let clip = &shown["clips"][0];
    assert_eq!(clip["status"], ClipStatus::Failed.as_str(), "{clip}");
    assert_eq!(clip["route"], "fal-next", "the stored route is shown as it is, not renamed: {clip}");
    assert!(clip["error"].as_str().unwrap().contains("'fal-next' is not known to this build"), "{clip}");
    let sent: u64 = sim.stats().requests.values().sum();
    assert_eq!(sent, 0, "nothing may be sent for an unknown route: {:?}", sim.stats().requests);
}

/// A planned kling-3.0-pro@fal run `r1` persisted with its clip `c1` in `submitting`, on the
/// emulator's fal URL, with demo off (as a real run on the creator's key).
async fn persist_submitting_fal_clip(sim: &dailies_sim::SimHandle, dir: &std::path::Path) -> dailies_core::Studio {
    let studio = studio_on(sim, dir).await;
    studio.set_demo(None);
    let request = CompareRequest {
        params: CanonicalParams { prompt: "fog".into(), ..Default::default() },
        models: vec!["kling-3.0-pro@fal".into()],
        ..Default::default()
    };
    let plan = studio.plan(&request).unwrap();
    let clip =
        NewClip { id: "c1".into(), base_url: sim.fal_base_url(), request_json: "{}".into(), planned: &plan.clips[0] };
    studio.store().insert_run("r1", &plan, &[clip]).await.unwrap();
    studio.store().mark_submitting("c1").await.unwrap();
    studio
}
