//! The Luma Dream Machine adapter against the emulator: `queued → dreaming → completed`, the
//! public asset, failure reasons, throttling and retries, and `dailies compare --demo`.

use dailies_core::api::ClipStatus;
use dailies_core::probe::probe_mp4;
use dailies_sim::{Fault, FaultKind, FaultOp};
use dailies_tests::{dailies, run, run_one, sim_config, start_sim};

fn small(p: &mut dailies_core::catalog::CanonicalParams) {
    p.resolution = Some("540p".into());
    p.aspect = Some("1:1".into());
}

#[tokio::test(flavor = "multi_thread")]
async fn queued_dreaming_completed_then_download_probe_and_cost() {
    let sim = start_sim(sim_config()).await;
    let (clip, raw) = run_one(&sim, "luma-ray-flash-2@luma", small).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    let at = |w: &str| raw.iter().position(|r| r == w).unwrap_or_else(|| panic!("{w} not observed: {raw:?}"));
    assert!(at("queued") < at("dreaming") && at("dreaming") < at("completed"), "{raw:?}");
    let probe = probe_mp4(std::path::Path::new(clip.file.as_deref().unwrap())).unwrap();
    assert_eq!((probe.width, probe.height, probe.has_audio), (540, 540, false));
    assert!((probe.duration_s - 5.0).abs() < 0.1);
    // $0.027/s × 5 s; Dream Machine reports no per-generation charge.
    assert_eq!((clip.cost_usd, clip.billed_cost_usd), (Some(0.135), None));
    let submit = &sim.stats().submits[0];
    assert_eq!(clip.provider_job_id.as_deref(), Some(submit.job_id.as_str()));
    let body = &submit.body;
    assert_eq!((body["model"].as_str(), body["duration"].as_str()), (Some("ray-flash-2"), Some("5s")));
    assert_eq!((body["resolution"].as_str(), body["aspect_ratio"].as_str()), (Some("540p"), Some("1:1")));
}

#[tokio::test(flavor = "multi_thread")]
async fn failure_reasons_and_refusals_become_plain_messages() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault::once("luma", FaultOp::Submit, FaultKind::ContentPolicy));
    let (clip, raw) = run_one(&sim, "luma-ray-2@luma", small).await;
    assert!(raw.iter().any(|r| r == "failed"), "{raw:?}");
    let err = clip.error.unwrap();
    assert_eq!(err.code, "content_policy");
    assert_eq!(
        err.message,
        "Luma rejected the prompt: content policy (400: prompt not allowed because advanced moderation failed)"
    );
    assert_eq!(clip.cost_usd, None);

    let fault = FaultKind::FailCompleted { error_type: "internal".into(), message: "Job failed: timeout".into() };
    sim.inject(Fault::once("luma", FaultOp::Submit, fault));
    let (clip, _) = run_one(&sim, "luma-ray-2@luma", small).await;
    assert_eq!(clip.error.unwrap().message, "Luma: generation failed: Job failed: timeout");

    sim.inject(Fault::once("luma", FaultOp::Submit, FaultKind::InsufficientBalance));
    let (clip, _) = run_one(&sim, "luma-ray-2@luma", small).await;
    let err = clip.error.unwrap();
    assert!(err.message.starts_with("Luma: insufficient balance (Insufficient credits"), "{}", err.message);
}

#[tokio::test(flavor = "multi_thread")]
async fn rate_limited_create_honours_retry_after_and_submits_once() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault::once("luma", FaultOp::Submit, FaultKind::RateLimit { retry_after_s: 2 }));
    let started = std::time::Instant::now();
    let (clip, _) = run_one(&sim, "luma-ray-flash-2@luma", small).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    // The engine's own first back-off is 1 s, so 2 s proves the provider's hint was used.
    assert!(started.elapsed() >= std::time::Duration::from_secs(2), "Retry-After was not honoured");
    assert_eq!(sim.stats().submits.len(), 1, "exactly one accepted create");
}

#[tokio::test(flavor = "multi_thread")]
async fn server_errors_on_status_and_asset_are_retried() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault { times: 2, ..Fault::once("luma", FaultOp::Status, FaultKind::ServerError { status: 502 }) });
    sim.inject(Fault::once("luma", FaultOp::Content, FaultKind::ServerError { status: 503 }));
    let (clip, _) = run_one(&sim, "luma-ray-flash-2@luma", small).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    assert!(sim.stats().requests["luma.content"] >= 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_garbled_generation_is_retried_then_fails_as_malformed() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault::once("luma", FaultOp::Status, FaultKind::Malformed));
    let (clip, _) = run_one(&sim, "luma-ray-flash-2@luma", small).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "one garbled reply is retried: {:?}", clip.error);
    sim.inject(Fault { times: 50, ..Fault::once("luma", FaultOp::Status, FaultKind::Malformed) });
    let (clip, _) = run_one(&sim, "luma-ray-flash-2@luma", small).await;
    let err = clip.error.unwrap();
    assert_eq!(err.code, "malformed_response", "{}", err.message);
    assert!(err.message.starts_with("Luma: unexpected response"), "{}", err.message);
}

#[test]
fn cli_demo_compare_on_the_luma_route_returns_a_real_clip() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = dailies(dir.path());
    cmd.args(["compare", "--demo", "--prompt", "a lighthouse in fog", "--model", "luma-ray-2@luma"]);
    cmd.args(["--resolution", "540p", "--json", "--yes"]);
    let (code, json, stderr) = run(&mut cmd);
    assert_eq!(code, 0, "{stderr}\n{json}");
    let clip = &json["clips"][0];
    assert_eq!((clip["status"].as_str(), clip["route"].as_str()), (Some("succeeded"), Some("luma")), "{clip}");
    let probe = probe_mp4(std::path::Path::new(clip["file"].as_str().unwrap())).unwrap();
    assert_eq!((probe.width, probe.height, probe.has_audio), (960, 540, false));
    assert!((probe.duration_s - 5.0).abs() < 0.1);
    assert_eq!(clip["cost_usd"].as_f64(), Some(0.4));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_local_start_image_is_refused_clearly_without_a_request() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let start = crate::adapters_google::png(dir.path(), "start.png", 1280, 720);
    let (clip, _) = run_one(&sim, "luma-ray-2@luma", move |p| p.start_image = Some(start)).await;
    assert_eq!(clip.status, ClipStatus::Failed);
    let err = clip.error.unwrap();
    assert_eq!(err.code, "provider_rejected");
    assert!(err.message.contains("cannot take a local image for 'frame0'"), "{}", err.message);
    assert_eq!(sim.stats().requests.get("luma.submit"), None, "not silently run as text-to-video");
}
