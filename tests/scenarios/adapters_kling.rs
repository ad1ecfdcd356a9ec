//! The Kling native adapter against the emulator: JWT auth, statuses, units billed,
//! business-code failures, throttling and retries, and `dailies compare --demo`.

use crate::adapters_fal_catalog::make_image;
use dailies_core::api::{ClipStatus, ClipView, CompareRequest};
use dailies_core::catalog::CanonicalParams;
use dailies_core::probe::probe_mp4;
use dailies_sim::{Fault, FaultKind, FaultOp};
use dailies_tests::{dailies, run, run_one, sim_config, start_sim};

#[tokio::test(flavor = "multi_thread")]
async fn submitted_processing_succeed_then_download_probe_and_billed_units() {
    let sim = start_sim(sim_config()).await;
    let (clip, raw) = run_one(&sim, "kling-3.0-pro@kling", |p| p.audio = Some(false)).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    let at = |w: &str| raw.iter().position(|r| r == w).unwrap_or_else(|| panic!("{w} not observed: {raw:?}"));
    assert!(at("submitted") < at("processing") && at("processing") < at("succeed"), "{raw:?}");
    let probe = probe_mp4(std::path::Path::new(clip.file.as_deref().unwrap())).unwrap();
    assert_eq!((probe.width, probe.height, probe.has_audio), (1920, 1080, false));
    assert!((probe.duration_s - 5.0).abs() < 0.1);
    // Kling reported 4 units (0.8/s × 5 s, silent pro); at $0.14 a unit that is $0.56.
    assert_eq!(clip.billed_cost_usd, Some(0.56));
    assert_eq!(clip.cost_usd, Some(0.56));
    let submit = &sim.stats().submits[0];
    let body = &submit.body;
    assert_eq!((submit.route.as_str(), submit.endpoint.as_str()), ("kling", "kling-v3"));
    assert_eq!(
        (body["mode"].as_str(), body["duration"].as_str(), body["sound"].as_str()),
        (Some("pro"), Some("5"), Some("off"))
    );
    assert_eq!(body["external_task_id"].as_str(), Some(clip.id.as_str()), "the clip id travels as Kling's own id");
    assert_eq!(clip.provider_job_id.as_deref(), Some(submit.job_id.as_str()));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failed_task_fails_the_clip_with_its_reason_and_no_charge() {
    let sim = start_sim(sim_config()).await;
    let fault = FaultKind::FailCompleted { error_type: "internal".into(), message: "video generation failed".into() };
    sim.inject(Fault::once("kling", FaultOp::Submit, fault));
    let (clip, raw) = run_one(&sim, "kling-3.0-standard@kling", |p| p.duration_s = Some(3)).await;
    assert_eq!(clip.status, ClipStatus::Failed);
    assert!(raw.iter().any(|r| r == "failed"), "{raw:?}");
    assert_eq!(clip.error.unwrap().message, "Kling: generation failed: video generation failed");
    assert_eq!((clip.cost_usd, clip.billed_cost_usd), (None, None));
}

#[tokio::test(flavor = "multi_thread")]
async fn business_codes_become_plain_messages() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault::once("kling", FaultOp::Submit, FaultKind::ContentPolicy));
    let (clip, _) = run_one(&sim, "kling-3.0-pro@kling", |_| {}).await;
    let err = clip.error.unwrap();
    assert_eq!(err.code, "content_policy");
    assert!(err.message.starts_with("Kling rejected the prompt: content policy (1301:"), "{}", err.message);

    sim.inject(Fault::once("kling", FaultOp::Submit, FaultKind::InsufficientBalance));
    let (clip, _) = run_one(&sim, "kling-3.0-pro@kling", |_| {}).await;
    let err = clip.error.unwrap();
    assert!(err.message.starts_with("Kling: insufficient balance (1102:"), "{}", err.message);
    assert!(sim.stats().submits.is_empty(), "refused creates start no task");
}

#[tokio::test(flavor = "multi_thread")]
async fn concurrency_1303_is_retried_with_backoff_and_submitted_once() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault::once("kling", FaultOp::Submit, FaultKind::RateLimit { retry_after_s: 1 }));
    let started = std::time::Instant::now();
    let (clip, _) = run_one(&sim, "kling-3.0-standard@kling", |p| p.duration_s = Some(3)).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    // Kling sends no Retry-After; the engine backs off ≥ 1 s as the sheet recommends.
    assert!(started.elapsed() >= std::time::Duration::from_secs(1));
    assert_eq!(sim.stats().submits.len(), 1, "exactly one accepted create");
    assert_eq!(sim.stats().requests["kling.submit"], 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn server_errors_on_status_are_retried_and_recover() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault { times: 2, ..Fault::once("kling", FaultOp::Status, FaultKind::ServerError { status: 503 }) });
    let (clip, _) = run_one(&sim, "kling-3.0-standard@kling", |p| p.duration_s = Some(3)).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    assert!(sim.stats().requests["kling.status"] >= 3);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_garbled_task_is_retried_then_fails_as_malformed() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault::once("kling", FaultOp::Status, FaultKind::Malformed));
    let (clip, _) = run_one(&sim, "kling-3.0-standard@kling", |p| p.duration_s = Some(3)).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "one garbled reply is retried: {:?}", clip.error);
    sim.inject(Fault { times: 50, ..Fault::once("kling", FaultOp::Status, FaultKind::Malformed) });
    let (clip, _) = run_one(&sim, "kling-3.0-standard@kling", |p| p.duration_s = Some(3)).await;
    assert_eq!(clip.status, ClipStatus::Failed);
    let err = clip.error.unwrap();
    assert_eq!(err.code, "malformed_response", "{}", err.message);
    assert!(err.message.starts_with("Kling: unexpected response"), "{}", err.message);
}

/// One clip through a studio holding `key` as the Kling key.
async fn run_with_key(sim: &dailies_sim::SimHandle, key: &str) -> ClipView {
    let dir = tempfile::tempdir().unwrap();
    let studio = dailies_tests::studio_with_keys(sim, dir.path(), |_| Some(key.to_string())).await;
    let params = CanonicalParams { prompt: "fog".into(), ..Default::default() };
    let request = CompareRequest { params, models: vec!["kling-3.0-pro@kling".into()], ..Default::default() };
    let plan = studio.plan(&request).unwrap();
    let view = studio.start(&plan).await.unwrap().finish().await.unwrap();
    view.clips.into_iter().next().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_token_signed_with_the_wrong_secret_is_reported_as_a_rejected_key() {
    let sim = start_sim(sim_config()).await;
    let clip = run_with_key(&sim, &format!("{}:not-the-secret", dailies_sim::demo_keys::KLING_ACCESS)).await;
    let err = clip.error.unwrap();
    assert_eq!(err.code, "auth");
    assert!(err.message.starts_with("Kling: the API key was rejected (1002:"), "{}", err.message);
    assert!(!err.message.contains("not-the-secret"), "no key bytes in messages");
}

#[test]
fn cli_demo_compare_on_the_kling_route_returns_a_real_clip() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = dailies(dir.path());
    cmd.args(["compare", "--demo", "--prompt", "a lighthouse in fog", "--model", "kling-3.0-standard@kling"]);
    cmd.args(["--duration", "3", "--aspect", "9:16", "--json", "--yes"]);
    let (code, json, stderr) = run(&mut cmd);
    assert_eq!(code, 0, "{stderr}\n{json}");
    let clip = &json["clips"][0];
    assert_eq!((clip["status"].as_str(), clip["route"].as_str()), (Some("succeeded"), Some("kling")), "{clip}");
    let probe = probe_mp4(std::path::Path::new(clip["file"].as_str().unwrap())).unwrap();
    assert_eq!((probe.width, probe.height, probe.has_audio), (720, 1280, true));
    assert!((probe.duration_s - 3.0).abs() < 0.1);
    // 0.9 units/s × 3 s reported by Kling, at $0.14 a unit.
    assert_eq!(clip["billed_cost_usd"].as_f64(), Some(0.378));
}

#[tokio::test(flavor = "multi_thread")]
async fn image_to_video_sends_bare_base64_frames_and_follows_the_image() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let (start, end) = (
        make_image(dir.path(), "start.png", 720, 1280, "teal").to_string_lossy().into_owned(),
        make_image(dir.path(), "end.png", 720, 1280, "teal").to_string_lossy().into_owned(),
    );
    let (clip, _) = run_one(&sim, "kling-3.0-standard@kling", move |p| {
        (p.start_image, p.end_image, p.duration_s, p.audio) = (Some(start), Some(end), Some(3), Some(false));
    })
    .await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    let probe = probe_mp4(std::path::Path::new(clip.file.as_deref().unwrap())).unwrap();
    assert_eq!((probe.width, probe.height), (720, 1280), "image2video follows the image's aspect");
    let body = &sim.stats().submits[0].body;
    let image = body["image"].as_str().unwrap();
    assert!(image.starts_with("iVBORw0KGgo") && body["image_tail"].is_string(), "bare base64 PNGs: {body}");
    assert!(body.get("aspect_ratio").is_none(), "image2video takes no aspect_ratio: {body}");
    assert_eq!(clip.endpoint, "/v1/videos/image2video");
}
