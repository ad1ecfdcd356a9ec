//! The MiniMax v1 adapter against the emulator: the three calls, capitalised statuses,
//! `base_resp` errors delivered with HTTP 200, gateway errors, retries, first frames as
//! data URLs, and `dailies compare --demo`.

use dailies_core::api::ClipStatus;
use dailies_core::catalog::CanonicalParams;
use dailies_core::probe::probe_mp4;
use dailies_sim::{Fault, FaultKind, FaultOp};
use dailies_tests::{dailies, run, run_one, sim_config, start_sim};

use crate::adapters_fal_catalog::make_image;

#[tokio::test(flavor = "multi_thread")]
async fn preparing_to_success_then_retrieve_download_and_probe() {
    let sim = start_sim(sim_config()).await;
    let (clip, raw) = run_one(&sim, "hailuo-02-standard@minimax", |_| {}).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    let at = |w: &str| raw.iter().position(|r| r == w).unwrap_or_else(|| panic!("{w} not observed: {raw:?}"));
    // Preparing and Queueing are both "queued": the engine logs a raw word when the state
    // changes, so the first of them is the one kept (the emulator test sees both).
    assert!(at("Preparing") < at("Processing") && at("Processing") < at("Success"), "{raw:?}");
    let probe = probe_mp4(std::path::Path::new(clip.file.as_deref().unwrap())).unwrap();
    assert_eq!((probe.width, probe.height, probe.has_audio), (1366, 768, false));
    assert!((probe.duration_s - 6.0).abs() < 0.1);
    // 768P is priced at the 10 s list rate, $0.056/s; v1 reports no charge.
    assert_eq!((clip.cost_usd, clip.billed_cost_usd), (Some(0.336), None));
    let submit = &sim.stats().submits[0];
    let body = &submit.body;
    assert_eq!((body["model"].as_str(), body["resolution"].as_str()), (Some("MiniMax-Hailuo-02"), Some("768P")));
    assert_eq!(body["duration"].as_i64(), Some(6));
    assert_eq!(clip.provider_job_id.as_deref(), Some(submit.job_id.as_str()));
    let requests = sim.stats().requests;
    assert_eq!((requests["minimax.result"], requests["minimax.content"]), (1, 1));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failed_task_fails_the_clip_with_its_code() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault::once("minimax", FaultOp::Submit, FaultKind::ContentPolicy));
    let (clip, raw) = run_one(&sim, "hailuo-2.3-standard@minimax", |_| {}).await;
    assert_eq!(clip.status, ClipStatus::Failed);
    assert!(raw.iter().any(|r| r == "Fail"), "{raw:?}");
    let err = clip.error.unwrap();
    assert_eq!(err.code, "content_policy");
    assert_eq!(
        err.message,
        "MiniMax rejected the prompt: content policy (generated video contains sensitive content; code 1027)"
    );

    let kind = FaultKind::FailCompleted { error_type: "1033".into(), message: "system error".into() };
    sim.inject(Fault::once("minimax", FaultOp::Submit, kind));
    let (clip, _) = run_one(&sim, "hailuo-2.3-standard@minimax", |_| {}).await;
    assert_eq!(clip.error.unwrap().message, "MiniMax: generation failed: system error; code 1033");
    assert_eq!(clip.cost_usd, None);
}

#[tokio::test(flavor = "multi_thread")]
async fn business_errors_with_http_200_still_fail_the_clip_plainly() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault::once("minimax", FaultOp::Submit, FaultKind::InsufficientBalance));
    let (clip, _) = run_one(&sim, "hailuo-02-pro@minimax", |_| {}).await;
    assert_eq!(clip.status, ClipStatus::Failed);
    assert_eq!(clip.error.unwrap().message, "MiniMax: insufficient balance (insufficient balance; code 1008)");
    assert!(sim.stats().submits.is_empty(), "no task was created");

    let sim = start_sim(sim_config()).await;
    let wrong = |_: &str| Some("not-the-minimax-key".to_string());
    let (clip, _) = dailies_tests::run_one_with_keys(&sim, "hailuo-02-pro@minimax", wrong, |_| {}).await;
    let err = clip.error.unwrap();
    assert_eq!(err.code, "auth");
    assert!(err.message.starts_with("MiniMax: the API key was rejected (login fail"), "{}", err.message);
}

#[tokio::test(flavor = "multi_thread")]
async fn rate_limit_code_1002_is_backed_off_and_submitted_once() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault::once("minimax", FaultOp::Submit, FaultKind::RateLimit { retry_after_s: 1 }));
    let started = std::time::Instant::now();
    let (clip, _) = run_one(&sim, "hailuo-02-pro@minimax", |_| {}).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    // v1 sends no Retry-After; the engine's own backoff (≥ 1 s) applies.
    assert!(started.elapsed() >= std::time::Duration::from_secs(1));
    assert_eq!(sim.stats().submits.len(), 1, "exactly one accepted create");
    assert_eq!(sim.stats().requests["minimax.submit"], 2);
    assert_eq!(clip.cost_usd, Some(0.49));
}

#[tokio::test(flavor = "multi_thread")]
async fn gateway_errors_on_query_and_download_are_retried() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault { times: 2, ..Fault::once("minimax", FaultOp::Status, FaultKind::ServerError { status: 502 }) });
    sim.inject(Fault::once("minimax", FaultOp::Content, FaultKind::ServerError { status: 503 }));
    let (clip, _) = run_one(&sim, "hailuo-02-standard@minimax", |_| {}).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    assert_eq!(sim.stats().requests["minimax.content"], 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn malformed_bodies_are_retried_then_fail_clearly() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault::once("minimax", FaultOp::Result, FaultKind::Malformed));
    let (clip, _) = run_one(&sim, "hailuo-02-standard@minimax", |_| {}).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "one garbled retrieve is retried: {:?}", clip.error);
    sim.inject(Fault { times: 50, ..Fault::once("minimax", FaultOp::Status, FaultKind::Malformed) });
    let (clip, _) = run_one(&sim, "hailuo-02-standard@minimax", |_| {}).await;
    assert_eq!(clip.status, ClipStatus::Failed);
    let err = clip.error.unwrap();
    assert_eq!(err.code, "malformed_response");
    assert!(
        err.message.starts_with("MiniMax: unexpected response (query response without base_resp"),
        "{}",
        err.message
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_start_frame_travels_as_a_data_url() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let png = make_image(dir.path(), "start.png", 1366, 768, "teal");
    let path = png.to_string_lossy().into_owned();
    let (clip, _) =
        run_one(&sim, "hailuo-02-standard@minimax", move |p: &mut CanonicalParams| p.start_image = Some(path)).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    let body = &sim.stats().submits[0].body;
    let expected = format!(
        "data:image/png;base64,{}",
        base64::Engine::encode(&base64::engine::general_purpose::STANDARD, std::fs::read(&png).unwrap())
    );
    assert_eq!(body["first_frame_image"].as_str(), Some(expected.as_str()));
}

#[test]
fn demo_compare_runs_a_minimax_model_to_a_real_mp4() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = dailies(dir.path());
    cmd.args(["compare", "--demo", "--prompt", "a lighthouse in fog", "--model", "hailuo-2.3-pro@minimax"]);
    let (code, json, stderr) = run(cmd.args(["--json", "--yes"]));
    assert_eq!(code, 0, "{stderr}\n{json}");
    let clip = &json["clips"][0];
    assert_eq!((clip["status"].as_str(), clip["route"].as_str()), (Some("succeeded"), Some("minimax")), "{clip}");
    let probe = probe_mp4(std::path::Path::new(clip["file"].as_str().unwrap())).unwrap();
    assert_eq!((probe.width, probe.height, probe.has_audio), (1920, 1080, false));
    assert!((probe.duration_s - 6.0).abs() < 0.1);
    assert_eq!(clip["cost_usd"].as_f64(), Some(0.49));
}
