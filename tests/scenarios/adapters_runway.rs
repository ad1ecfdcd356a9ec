//! The Runway adapter against the emulator: version header, statuses incl. THROTTLED,
//! failure codes, retries, cancel, and `dailies compare --demo`.

use crate::adapters_fal_catalog::make_image;
use dailies_core::api::ClipStatus;
use dailies_core::probe::probe_mp4;
use dailies_core::providers::runway::RunwayAdapter;
use dailies_core::providers::{JobRef, JobState, ProviderAdapter, RouteContext, SubmitRequest};
use dailies_core::secrets::Secret;
use dailies_sim::demo_keys::RUNWAY;
use dailies_sim::{Fault, FaultKind, FaultOp, Timing};
use dailies_tests::{dailies, run, run_one, sim_config, start_sim};
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn pending_running_succeeded_then_download_and_probe() {
    let sim = start_sim(sim_config()).await;
    let (clip, raw) = run_one(&sim, "runway-gen-4.5@runway", |p| {
        p.aspect = Some("9:16".into());
        p.duration_s = Some(2);
    })
    .await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    let at = |w: &str| raw.iter().position(|r| r == w).unwrap_or_else(|| panic!("{w} not observed: {raw:?}"));
    assert!(at("PENDING") < at("RUNNING") && at("RUNNING") < at("SUCCEEDED"), "{raw:?}");
    let probe = probe_mp4(std::path::Path::new(clip.file.as_deref().unwrap())).unwrap();
    assert_eq!((probe.width, probe.height, probe.has_audio), (720, 1280, false));
    assert!((probe.duration_s - 2.0).abs() < 0.1);
    // 12 credits/s × 2 s at $0.01; Runway reports no charge, so the estimate stands.
    assert_eq!((clip.cost_usd, clip.billed_cost_usd), (Some(0.24), None));
    let body = &sim.stats().submits[0].body;
    assert_eq!(
        body,
        &json!({"model": "gen4.5", "promptText": "a lighthouse in fog", "ratio": "720:1280", "duration": 2})
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn veo_through_runway_carries_its_audio_flag_and_price() {
    let sim = start_sim(sim_config()).await;
    let (clip, _) = run_one(&sim, "veo-3.1-fast@runway", |p| p.duration_s = Some(4)).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    let probe = probe_mp4(std::path::Path::new(clip.file.as_deref().unwrap())).unwrap();
    assert_eq!((probe.width, probe.height, probe.has_audio), (1280, 720, true));
    assert_eq!(clip.cost_usd, Some(0.6));
    assert_eq!(sim.stats().submits[0].body["audio"], true);
}

#[tokio::test(flavor = "multi_thread")]
async fn throttled_by_the_org_limit_is_kept_as_the_raw_word_then_runs() {
    let sim = start_sim(sim_config()).await;
    // Long enough a generation that the engine's backed-off polls (≤ 1 s) still see RUNNING.
    sim.set_timing(Timing { generate_ms: 2500, ..Timing::fast() });
    // Two tasks of the same model already hold the org's slots.
    let http = reqwest::Client::new();
    let base = sim.route_base_url("runway").unwrap();
    for _ in 0..2 {
        let busy = http
            .post(format!("{base}/v1/text_to_video"))
            .bearer_auth(RUNWAY)
            .header("X-Runway-Version", "2024-11-06")
            .json(&json!({"model": "gen4.5", "promptText": "busy", "ratio": "1280:720", "duration": 2}))
            .send()
            .await
            .unwrap();
        assert_eq!(busy.status(), 200);
    }
    let (clip, raw) = run_one(&sim, "runway-gen-4.5@runway", |p| p.duration_s = Some(2)).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    let at = |w: &str| raw.iter().position(|r| r == w).unwrap_or_else(|| panic!("{w} not observed: {raw:?}"));
    assert!(at("THROTTLED") < at("RUNNING"), "{raw:?}");
    assert!(clip.latency_ms.queued.unwrap() >= 500, "throttled time counts as queued: {:?}", clip.latency_ms);
}

#[tokio::test(flavor = "multi_thread")]
async fn failure_codes_become_plain_messages() {
    let sim = start_sim(sim_config()).await;
    let fail =
        FaultKind::FailCompleted { error_type: "INTERNAL.BAD_OUTPUT.CODE01".into(), message: "Bad output".into() };
    sim.inject(Fault::once("runway", FaultOp::Submit, fail));
    let (clip, raw) = run_one(&sim, "runway-gen-4.5@runway", |p| p.duration_s = Some(2)).await;
    assert!(raw.iter().any(|r| r == "FAILED"), "{raw:?}");
    assert_eq!(clip.error.unwrap().message, "Runway: generation failed: Bad output [INTERNAL.BAD_OUTPUT.CODE01]");

    sim.inject(Fault::once("runway", FaultOp::Submit, FaultKind::ContentPolicy));
    let (clip, _) = run_one(&sim, "runway-gen-4.5@runway", |p| p.duration_s = Some(2)).await;
    let err = clip.error.unwrap();
    assert_eq!(err.code, "content_policy");
    assert!(err.message.starts_with("Runway rejected the prompt: content policy"), "{}", err.message);
    assert!(err.message.contains("SAFETY.INPUT.TEXT"), "{}", err.message);

    sim.inject(Fault::once("runway", FaultOp::Submit, FaultKind::InsufficientBalance));
    let (clip, _) = run_one(&sim, "runway-gen-4.5@runway", |_| {}).await;
    let err = clip.error.unwrap();
    assert!(err.message.starts_with("Runway: insufficient balance (You do not have enough credits"), "{}", err.message);
}

#[tokio::test(flavor = "multi_thread")]
async fn rate_limit_honours_retry_after_and_outages_recover() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault::once("runway", FaultOp::Submit, FaultKind::RateLimit { retry_after_s: 2 }));
    sim.inject(Fault { times: 2, ..Fault::once("runway", FaultOp::Status, FaultKind::ServerError { status: 502 }) });
    let started = std::time::Instant::now();
    let (clip, _) = run_one(&sim, "runway-gen-4.5@runway", |p| p.duration_s = Some(2)).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    assert!(started.elapsed() >= std::time::Duration::from_secs(2), "Retry-After was not honoured");
    assert_eq!(sim.stats().submits.len(), 1, "exactly one accepted create");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_garbled_task_is_retried_then_fails_as_malformed() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault { times: 50, ..Fault::once("runway", FaultOp::Status, FaultKind::Malformed) });
    let (clip, _) = run_one(&sim, "runway-gen-4.5@runway", |p| p.duration_s = Some(2)).await;
    assert_eq!(clip.status, ClipStatus::Failed);
    assert_eq!(clip.error.unwrap().code, "malformed_response");
}

#[tokio::test(flavor = "multi_thread")]
async fn gen4_turbo_without_a_start_image_is_refused_at_plan_time() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let studio = dailies_tests::studio_on(&sim, dir.path()).await;
    let request = dailies_core::api::CompareRequest {
        params: dailies_core::catalog::CanonicalParams { prompt: "fog".into(), ..Default::default() },
        models: vec!["runway-gen-4-turbo@runway".into()],
        ..Default::default()
    };
    let err = studio.plan(&request).unwrap_err().to_string();
    assert!(err.starts_with("start-image:") && err.contains("image-to-video only"), "{err}");
    assert_eq!(sim.stats().requests.get("runway.submit"), None, "nothing was sent");
}

#[tokio::test(flavor = "multi_thread")]
async fn cancel_deletes_the_running_task_which_then_reads_cancelled() {
    let sim = start_sim(sim_config()).await;
    let ctx = RouteContext {
        http: reqwest::Client::new(),
        base_url: sim.route_base_url("runway").unwrap(),
        key: Secret::new(RUNWAY),
    };
    let fields = json!({"model": "gen4.5", "promptText": "x", "ratio": "1280:720", "duration": 5});
    let req = SubmitRequest {
        endpoint: "/v1/text_to_video",
        fields: fields.as_object().unwrap(),
        images: &[],
        clip_id: "clip-1",
        remix_of: None,
    };
    let submitted = RunwayAdapter.submit(&ctx, &req).await.unwrap();
    let job =
        JobRef { provider_job_id: submitted.provider_job_id, endpoint: "/v1/text_to_video".into(), handle: json!({}) };
    RunwayAdapter.cancel(&ctx, &job).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let update = RunwayAdapter.status(&ctx, &job).await.unwrap();
    assert_eq!((update.state, update.raw_status.as_str()), (JobState::Canceled, "CANCELLED"));
    // Cancelling again deletes the finished task; a third time finds nothing and is fine.
    RunwayAdapter.cancel(&ctx, &job).await.unwrap();
    RunwayAdapter.cancel(&ctx, &job).await.unwrap();
    assert_eq!(sim.stats().requests["runway.delete"], 3);
}

#[test]
fn cli_demo_compare_on_the_runway_route_returns_a_real_clip() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = dailies(dir.path());
    cmd.args(["compare", "--demo", "--prompt", "a lighthouse in fog", "--model", "runway-gen-4.5@runway"]);
    cmd.args(["--duration", "2", "--json", "--yes"]);
    let (code, json, stderr) = run(&mut cmd);
    assert_eq!(code, 0, "{stderr}\n{json}");
    let clip = &json["clips"][0];
    assert_eq!((clip["status"].as_str(), clip["route"].as_str()), (Some("succeeded"), Some("runway")), "{clip}");
    let probe = probe_mp4(std::path::Path::new(clip["file"].as_str().unwrap())).unwrap();
    assert_eq!((probe.width, probe.height, probe.has_audio), (1280, 720, false));
    assert!((probe.duration_s - 2.0).abs() < 0.1);
    assert_eq!(clip["cost_usd"].as_f64(), Some(0.24));
}

#[tokio::test(flavor = "multi_thread")]
async fn first_and_last_frames_travel_as_a_prompt_image_array() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let (start, end) = (
        make_image(dir.path(), "start.png", 1280, 720, "plum").to_string_lossy().into_owned(),
        make_image(dir.path(), "end.png", 1280, 720, "plum").to_string_lossy().into_owned(),
    );
    let (clip, _) = run_one(&sim, "veo-3.1@runway", move |p| {
        (p.start_image, p.end_image, p.duration_s) = (Some(start), Some(end), Some(4));
    })
    .await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    assert_eq!(clip.endpoint, "/v1/image_to_video");
    let probe = probe_mp4(std::path::Path::new(clip.file.as_deref().unwrap())).unwrap();
    assert_eq!((probe.width, probe.height, probe.has_audio), (1280, 720, true));
    let frames = sim.stats().submits[0].body["promptImage"].clone();
    assert_eq!((frames[0]["position"].as_str(), frames[1]["position"].as_str()), (Some("first"), Some("last")));
    assert!(frames[0]["uri"].as_str().unwrap().starts_with("data:image/png;base64,"), "{frames}");
}
