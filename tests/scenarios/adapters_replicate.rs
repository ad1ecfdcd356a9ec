//! The Replicate adapter against the emulator: prediction statuses, authenticated output
//! download and probe, failed predictions, problem-body errors, throttling and retries,
//! image uploads through the Files API, and `dailies compare --demo`.

use dailies_core::api::ClipStatus;
use dailies_core::catalog::CanonicalParams;
use dailies_core::probe::probe_mp4;
use dailies_sim::{Fault, FaultKind, FaultOp};
use dailies_tests::{dailies, run, run_one, sim_config, start_sim};

use crate::adapters_fal_catalog::make_image;

fn short(p: &mut CanonicalParams) {
    (p.duration_s, p.aspect, p.audio) = (Some(3), Some("1:1".into()), Some(false));
}

#[tokio::test(flavor = "multi_thread")]
async fn starting_processing_succeeded_then_download_and_probe() {
    let sim = start_sim(sim_config()).await;
    let (clip, raw) = run_one(&sim, "kling-3.0-standard@replicate", short).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    let at = |w: &str| raw.iter().position(|r| r == w).unwrap_or_else(|| panic!("{w} not observed: {raw:?}"));
    assert!(at("starting") < at("processing") && at("processing") < at("succeeded"), "{raw:?}");
    let probe = probe_mp4(std::path::Path::new(clip.file.as_deref().unwrap())).unwrap();
    assert_eq!((probe.width, probe.height, probe.has_audio), (720, 720, false));
    assert!((probe.duration_s - 3.0).abs() < 0.1);
    // $0.084/s silent × 3 s; Replicate reports no charge, so the estimate is the cost.
    assert_eq!((clip.cost_usd, clip.billed_cost_usd), (Some(0.252), None));
    let submit = &sim.stats().submits[0];
    assert_eq!((submit.route.as_str(), submit.endpoint.as_str()), ("replicate", "kwaivgi/kling-v3-video"));
    let input = &submit.body["input"];
    assert_eq!((input["duration"].as_u64(), input["mode"].as_str()), (Some(3), Some("standard")));
    assert_eq!((input["aspect_ratio"].as_str(), input["generate_audio"].as_bool()), (Some("1:1"), Some(false)));
    assert_eq!(submit.body.as_object().unwrap().len(), 1, "only `input` at the top level: {}", submit.body);
    assert_eq!(clip.provider_job_id.as_deref(), Some(submit.job_id.as_str()));
    assert_eq!(sim.stats().requests["replicate.content"], 1, "downloaded once, with the token");
}

#[tokio::test(flavor = "multi_thread")]
async fn failed_predictions_fail_the_clip_with_their_error_string() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault::once("replicate", FaultOp::Submit, FaultKind::ContentPolicy));
    let (clip, raw) = run_one(&sim, "hailuo-02-standard@replicate", |_| {}).await;
    assert_eq!(clip.status, ClipStatus::Failed);
    assert!(raw.iter().any(|r| r == "failed"), "{raw:?}");
    let err = clip.error.unwrap();
    assert_eq!(err.code, "content_policy");
    assert!(
        err.message.starts_with("Replicate rejected the prompt: content policy (The input or output was flagged"),
        "{}",
        err.message
    );

    let kind = FaultKind::FailCompleted { error_type: "model_error".into(), message: "CUDA out of memory".into() };
    sim.inject(Fault::once("replicate", FaultOp::Submit, kind));
    let (clip, _) = run_one(&sim, "kling-3.0-standard@replicate", short).await;
    assert_eq!(clip.error.unwrap().message, "Replicate: generation failed: CUDA out of memory");
    assert_eq!(clip.cost_usd, None);
}

#[tokio::test(flavor = "multi_thread")]
async fn throttled_create_waits_for_retry_after_and_is_sent_once_more() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault::once("replicate", FaultOp::Submit, FaultKind::RateLimit { retry_after_s: 2 }));
    let started = std::time::Instant::now();
    let (clip, _) = run_one(&sim, "kling-3.0-standard@replicate", short).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    assert!(started.elapsed() >= std::time::Duration::from_secs(2), "Retry-After was not honoured");
    assert_eq!(sim.stats().submits.len(), 1, "exactly one accepted create");
    assert_eq!(sim.stats().requests["replicate.submit"], 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn server_errors_on_polls_and_download_are_retried() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault { times: 2, ..Fault::once("replicate", FaultOp::Status, FaultKind::ServerError { status: 503 }) });
    sim.inject(Fault::once("replicate", FaultOp::Content, FaultKind::ServerError { status: 502 }));
    let (clip, _) = run_one(&sim, "kling-3.0-standard@replicate", short).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    assert_eq!(sim.stats().requests["replicate.content"], 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn malformed_predictions_are_retried_then_fail_clearly() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault::once("replicate", FaultOp::Result, FaultKind::Malformed));
    let (clip, _) = run_one(&sim, "kling-3.0-standard@replicate", short).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "one garbled read is retried: {:?}", clip.error);
    sim.inject(Fault { times: 50, ..Fault::once("replicate", FaultOp::Status, FaultKind::Malformed) });
    let (clip, _) = run_one(&sim, "kling-3.0-standard@replicate", short).await;
    assert_eq!(clip.status, ClipStatus::Failed);
    let err = clip.error.unwrap();
    assert_eq!(err.code, "malformed_response");
    assert!(err.message.starts_with("Replicate: unexpected response"), "{}", err.message);
}

#[tokio::test(flavor = "multi_thread")]
async fn balance_and_key_problems_read_plainly() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault::once("replicate", FaultOp::Submit, FaultKind::InsufficientBalance));
    let (clip, _) = run_one(&sim, "veo-3.1-fast@replicate", |_| {}).await;
    let err = clip.error.unwrap();
    assert!(
        err.message.starts_with("Replicate: insufficient balance (You have insufficient credit"),
        "{}",
        err.message
    );

    let sim = start_sim(sim_config()).await;
    let wrong = |_: &str| Some("r8_not-the-token".to_string());
    let (clip, _) = dailies_tests::run_one_with_keys(&sim, "veo-3.1-fast@replicate", wrong, |_| {}).await;
    let err = clip.error.unwrap();
    assert_eq!(err.code, "auth");
    assert!(
        err.message.starts_with("Replicate: the API key was rejected (You did not pass a valid"),
        "{}",
        err.message
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn start_and_end_frames_are_uploaded_through_the_files_api() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let start = make_image(dir.path(), "start.png", 1280, 720, "navy").to_string_lossy().into_owned();
    let end = make_image(dir.path(), "end.jpg", 1280, 720, "orange").to_string_lossy().into_owned();
    let frames = move |p: &mut CanonicalParams| {
        (p.start_image, p.end_image, p.duration_s, p.resolution) =
            (Some(start), Some(end), Some(4), Some("720p".into()))
    };
    let (clip, _) = run_one(&sim, "veo-3.1-fast@replicate", frames).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    let probe = probe_mp4(std::path::Path::new(clip.file.as_deref().unwrap())).unwrap();
    assert_eq!((probe.width, probe.height, probe.has_audio), (1280, 720, true));
    let input = sim.stats().submits[0].body["input"].clone();
    let files = format!("{}/files/", sim.route_base_url("replicate").unwrap());
    assert!(input["image"].as_str().unwrap().starts_with(&files), "{input}");
    assert!(input["last_frame"].as_str().unwrap().starts_with(&files), "{input}");
    assert_ne!(input["image"], input["last_frame"]);
    assert_eq!(sim.stats().requests["replicate.upload"], 2);
}

#[test]
fn demo_compare_runs_a_replicate_model_to_a_real_mp4() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = dailies(dir.path());
    cmd.args(["compare", "--demo", "--prompt", "a lighthouse in fog", "--model", "hailuo-02-standard@replicate"]);
    let (code, json, stderr) = run(cmd.args(["--json", "--yes"]));
    assert_eq!(code, 0, "{stderr}\n{json}");
    let clip = &json["clips"][0];
    assert_eq!((clip["status"].as_str(), clip["route"].as_str()), (Some("succeeded"), Some("replicate")), "{clip}");
    let probe = probe_mp4(std::path::Path::new(clip["file"].as_str().unwrap())).unwrap();
    assert_eq!((probe.width, probe.height, probe.has_audio), (1366, 768, false));
    assert!((probe.duration_s - 6.0).abs() < 0.1);
    assert_eq!(clip["cost_usd"].as_f64(), Some(0.27));
}
