//! The fal queue adapter against the emulator: lifecycle, failures, retries, download, probe.

use dailies_core::api::ClipStatus;
use dailies_core::probe::probe_mp4;
use dailies_sim::{Fault, FaultKind, FaultOp};
use dailies_tests::{run_one, sim_config, start_sim};

#[tokio::test(flavor = "multi_thread")]
async fn queue_to_completed_then_download_and_probe() {
    let sim = start_sim(sim_config()).await;
    let (clip, raw) = run_one(&sim, "kling-3.0-pro@fal", |p| p.duration_s = Some(3)).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    for s in ["IN_QUEUE", "IN_PROGRESS", "COMPLETED"] {
        assert!(raw.iter().any(|r| r == s), "{s} not observed: {raw:?}");
    }
    let probe = probe_mp4(std::path::Path::new(clip.file.as_deref().unwrap())).unwrap();
    assert_eq!((probe.width, probe.height, probe.has_audio), (1920, 1080, true));
    assert!((probe.duration_s - 3.0).abs() < 0.1);
    assert_eq!(clip.cost_usd, Some(0.504));
    let l = &clip.latency_ms;
    assert!(l.queued.is_some() && l.generating.is_some() && l.downloading.is_some() && l.total.is_some());
    // The wire body followed the catalog: string duration, no unsupported fields.
    let body = &sim.stats().submits[0].body;
    assert_eq!(body["duration"], "3");
    assert_eq!(body["generate_audio"], true);
}

#[tokio::test(flavor = "multi_thread")]
async fn failure_reported_as_completed_fails_the_clip_with_the_reason() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault::once(
        "fal",
        FaultOp::Submit,
        FaultKind::FailCompleted { error_type: "generation_timeout".into(), message: "Generation timed out".into() },
    ));
    let (clip, raw) = run_one(&sim, "kling-3.0-standard@fal", |_| {}).await;
    assert_eq!(clip.status, ClipStatus::Failed);
    assert!(raw.iter().any(|r| r == "COMPLETED"), "{raw:?}");
    let err = clip.error.unwrap();
    assert!(err.message.starts_with("fal: generation failed"), "{}", err.message);
    assert_eq!(clip.cost_usd, None);
}

#[tokio::test(flavor = "multi_thread")]
async fn content_policy_becomes_a_plain_message() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault::once("fal", FaultOp::Submit, FaultKind::ContentPolicy));
    let (clip, _) = run_one(&sim, "kling-3.0-pro@fal", |_| {}).await;
    let err = clip.error.unwrap();
    assert_eq!(err.code, "content_policy");
    assert!(err.message.starts_with("fal rejected the prompt: content policy"), "{}", err.message);
}

#[tokio::test(flavor = "multi_thread")]
async fn rate_limited_submit_is_retried_after_retry_after_and_submitted_once() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault::once("fal", FaultOp::Submit, FaultKind::RateLimit { retry_after_s: 1 }));
    let started = std::time::Instant::now();
    let (clip, _) = run_one(&sim, "kling-3.0-pro@fal", |p| p.duration_s = Some(3)).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    assert!(started.elapsed() >= std::time::Duration::from_secs(1), "Retry-After was not honoured");
    assert_eq!(sim.stats().submits.len(), 1, "exactly one accepted submit");
}

#[tokio::test(flavor = "multi_thread")]
async fn unavailable_status_falls_back_to_polling_and_recovers() {
    let sim = start_sim(sim_config()).await;
    // The first two status calls (the SSE stream, then the first poll) get 503.
    sim.inject(Fault { times: 2, ..Fault::once("fal", FaultOp::Status, FaultKind::ServerError { status: 503 }) });
    let (clip, _) = run_one(&sim, "kling-3.0-pro@fal", |p| p.duration_s = Some(3)).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    assert!(sim.stats().requests.get("fal.status").copied().unwrap_or(0) >= 1, "{:?}", sim.stats().requests);
}

#[tokio::test(flavor = "multi_thread")]
async fn download_outage_is_retried() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault::once("fal", FaultOp::Content, FaultKind::ServerError { status: 503 }));
    let (clip, _) = run_one(&sim, "kling-3.0-pro@fal", |p| p.duration_s = Some(3)).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    assert!(sim.stats().requests.get("cdn.get").copied().unwrap_or(0) >= 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn malformed_result_and_wrong_key_fail_with_clear_messages() {
    let sim = start_sim(sim_config()).await;
    // One garbled result is retried; a result that stays garbled fails the clip clearly.
    sim.inject(Fault::once("fal", FaultOp::Result, FaultKind::Malformed));
    let (clip, _) = run_one(&sim, "kling-3.0-pro@fal", |p| p.duration_s = Some(3)).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    sim.inject(Fault { times: 10, ..Fault::once("fal", FaultOp::Result, FaultKind::Malformed) });
    let (clip, _) = run_one(&sim, "kling-3.0-pro@fal", |p| p.duration_s = Some(3)).await;
    assert_eq!(clip.error.unwrap().code, "malformed_response");

    sim.inject(Fault::once("fal", FaultOp::Submit, FaultKind::InsufficientBalance));
    let (clip, _) = run_one(&sim, "kling-3.0-pro@fal", |_| {}).await;
    assert!(clip.error.unwrap().message.starts_with("fal: insufficient balance"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_key_is_reported_as_such() {
    let sim = start_sim(sim_config()).await;
    let wrong = |_: &str| Some("not-the-fal-key".to_string());
    let (clip, _) = dailies_tests::run_one_with_keys(&sim, "kling-3.0-pro@fal", wrong, |_| {}).await;
    let err = clip.error.unwrap();
    assert_eq!(err.code, "auth");
    assert!(err.message.starts_with("fal: the API key was rejected"), "{}", err.message);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_retired_endpoint_is_reported_as_retired() {
    let sim = start_sim(sim_config()).await;
    let (clip, _) = run_one(&sim, "sora-2-pro@fal", |_| {}).await;
    let err = clip.error.unwrap();
    assert_eq!(err.code, "model_retired", "{}", err.message);
}
