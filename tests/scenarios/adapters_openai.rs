//! The OpenAI Videos adapter against the emulator.

use dailies_core::api::ClipStatus;
use dailies_core::probe::probe_mp4;
use dailies_sim::{Fault, FaultKind, FaultOp};
use dailies_tests::{run_one, sim_config, start_sim};

#[tokio::test(flavor = "multi_thread")]
async fn queued_to_completed_then_content_download_and_probe() {
    let sim = start_sim(sim_config()).await;
    let (clip, raw) = run_one(&sim, "sora-2@openai", |p| p.aspect = Some("9:16".into())).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    for s in ["queued", "in_progress", "completed"] {
        assert!(raw.iter().any(|r| r == s), "{s} not observed: {raw:?}");
    }
    let probe = probe_mp4(std::path::Path::new(clip.file.as_deref().unwrap())).unwrap();
    assert_eq!((probe.width, probe.height, probe.has_audio), (720, 1280, true));
    assert!((probe.duration_s - 4.0).abs() < 0.1);
    assert_eq!(clip.cost_usd, Some(0.4));
    let body = &sim.stats().submits[0].body;
    assert_eq!((body["seconds"].as_str(), body["size"].as_str()), (Some("4"), Some("720x1280")));
}

#[tokio::test(flavor = "multi_thread")]
async fn rate_limited_status_is_retried_and_recovers() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault::once("openai", FaultOp::Status, FaultKind::RateLimit { retry_after_s: 1 }));
    let (clip, _) = run_one(&sim, "sora-2@openai", |_| {}).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
}

#[tokio::test(flavor = "multi_thread")]
async fn server_errors_on_status_are_retried() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault { times: 2, ..Fault::once("openai", FaultOp::Status, FaultKind::ServerError { status: 503 }) });
    let (clip, _) = run_one(&sim, "sora-2@openai", |_| {}).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
}

#[tokio::test(flavor = "multi_thread")]
async fn moderation_and_quota_become_plain_messages() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault::once("openai", FaultOp::Submit, FaultKind::ContentPolicy));
    let (clip, raw) = run_one(&sim, "sora-2@openai", |_| {}).await;
    assert!(raw.iter().any(|r| r == "failed"), "{raw:?}");
    let err = clip.error.unwrap();
    assert!(err.message.starts_with("OpenAI rejected the prompt: content policy"), "{}", err.message);

    sim.inject(Fault::once("openai", FaultOp::Submit, FaultKind::InsufficientBalance));
    let (clip, _) = run_one(&sim, "sora-2@openai", |_| {}).await;
    assert!(clip.error.unwrap().message.starts_with("OpenAI: insufficient balance"));
}

#[tokio::test(flavor = "multi_thread")]
async fn malformed_status_is_retried_then_fails_the_clip() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault::once("openai", FaultOp::Status, FaultKind::Malformed));
    let (clip, _) = run_one(&sim, "sora-2@openai", |_| {}).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    sim.inject(Fault { times: 50, ..Fault::once("openai", FaultOp::Status, FaultKind::Malformed) });
    let (clip, _) = run_one(&sim, "sora-2@openai", |_| {}).await;
    assert_eq!(clip.status, ClipStatus::Failed);
    assert_eq!(clip.error.unwrap().code, "malformed_response");
}

#[tokio::test(flavor = "multi_thread")]
async fn image_to_video_sends_the_reference_as_a_multipart_file_part() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let image = crate::adapters_fal_catalog::make_image(dir.path(), "ref.png", 1280, 720, "teal");
    let (clip, _) = run_one(&sim, "sora-2@openai", |p| p.start_image = Some(image.display().to_string())).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    assert!(clip.parity.is_empty(), "{:?}", clip.parity);
    let body = &sim.stats().submits[0].body;
    let file = &body["input_reference"]["file"];
    assert_eq!(
        (file["filename"].as_str(), file["content_type"].as_str()),
        (Some("ref.png"), Some("image/png")),
        "{body}"
    );
    assert!(file["bytes"].as_u64().unwrap() > 0);
    // Text fields keep the spec's types on the wire: seconds is the string "4".
    assert_eq!(body["seconds"], "4");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reference_of_the_wrong_aspect_is_refused_with_a_crop_offer() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let image = crate::adapters_fal_catalog::make_image(dir.path(), "square.png", 600, 600, "teal");
    let studio = dailies_tests::studio_on(&sim, dir.path()).await;
    let mut request = dailies_core::api::CompareRequest {
        params: dailies_core::catalog::CanonicalParams {
            prompt: "fog".into(),
            start_image: Some(image.display().to_string()),
            ..Default::default()
        },
        models: vec!["sora-2@openai".into()],
        ..Default::default()
    };
    let err = studio.plan(&request).unwrap_err();
    assert_eq!(err.code(), "image_aspect");
    assert!(err.to_string().contains("--crop"), "{err}");
    request.crop = Some(true);
    let plan = studio.plan(&request).unwrap();
    assert!(
        plan.clips[0].parity.iter().any(|n| n.message == "start-image centre-cropped to 16:9"),
        "{:?}",
        plan.clips[0].parity
    );
    assert!(sim.stats().submits.is_empty());
}
