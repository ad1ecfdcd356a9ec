//! The Gemini API Veo adapter against the emulator: operation polling, the keyed download,
//! safety blocks, Google's error envelope, RetryInfo, couplings, and `dailies compare --demo`.

use dailies_core::api::{ClipStatus, CompareRequest};
use dailies_core::catalog::CanonicalParams;
use dailies_core::probe::probe_mp4;
use dailies_sim::{Fault, FaultKind, FaultOp};
use dailies_tests::{dailies, run, run_one, sim_config, start_sim};

#[tokio::test(flavor = "multi_thread")]
async fn operation_done_then_keyed_download_probe_and_cost() {
    let sim = start_sim(sim_config()).await;
    let (clip, raw) = run_one(&sim, "veo-3.1-fast@google", |p| {
        p.duration_s = Some(4);
        p.aspect = Some("9:16".into());
    })
    .await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    let at = |w: &str| raw.iter().position(|r| r == w).unwrap_or_else(|| panic!("{w} not observed: {raw:?}"));
    assert!(at("done:false") < at("done:true"), "{raw:?}");
    let probe = probe_mp4(std::path::Path::new(clip.file.as_deref().unwrap())).unwrap();
    assert_eq!((probe.width, probe.height, probe.has_audio), (720, 1280, true), "Veo 3.x always has audio");
    assert!((probe.duration_s - 4.0).abs() < 0.1);
    // $0.12/s × 4 s; Google reports no charge of its own.
    assert_eq!((clip.cost_usd, clip.billed_cost_usd), (Some(0.48), None));
    let submit = &sim.stats().submits[0];
    assert_eq!(submit.endpoint, "veo-3.1-fast-generate-preview");
    assert_eq!(clip.provider_job_id.as_deref(), Some(submit.job_id.as_str()), "the operation name is the job id");
    let body = &submit.body;
    assert_eq!(body["instances"][0]["prompt"], "a lighthouse in fog");
    let params = &body["parameters"];
    assert_eq!((params["durationSeconds"].as_u64(), params["aspectRatio"].as_str()), (Some(4), Some("9:16")));
    assert_eq!(params["resolution"], "720p");
    assert!(params.get("generateAudio").is_none() && params.get("seed").is_none(), "no Vertex-only fields");
}

#[tokio::test(flavor = "multi_thread")]
async fn safety_blocks_and_failed_operations_become_plain_messages() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault::once("google", FaultOp::Submit, FaultKind::ContentPolicy));
    let (clip, raw) = run_one(&sim, "veo-3.1@google", |p| p.duration_s = Some(4)).await;
    assert!(raw.iter().any(|r| r == "done:true+filtered"), "{raw:?}");
    let err = clip.error.unwrap();
    assert_eq!(err.code, "content_policy");
    assert!(
        err.message.starts_with("Google rejected the prompt: content policy (Unable to generate"),
        "{}",
        err.message
    );
    assert_eq!(clip.cost_usd, None, "blocked videos are not billed");

    let fault = FaultKind::FailCompleted { error_type: "INTERNAL".into(), message: "Video generation failed.".into() };
    sim.inject(Fault::once("google", FaultOp::Submit, fault));
    let (clip, _) = run_one(&sim, "veo-3.1@google", |p| p.duration_s = Some(4)).await;
    assert_eq!(clip.error.unwrap().message, "Google: generation failed: Video generation failed.");

    sim.inject(Fault::once("google", FaultOp::Submit, FaultKind::InsufficientBalance));
    let (clip, _) = run_one(&sim, "veo-3.1@google", |p| p.duration_s = Some(4)).await;
    let err = clip.error.unwrap();
    assert!(
        err.message.starts_with("Google: insufficient balance (Veo is only accessible to billed users"),
        "{}",
        err.message
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn resource_exhausted_waits_for_retry_info_and_submits_once() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault::once("google", FaultOp::Submit, FaultKind::RateLimit { retry_after_s: 2 }));
    let started = std::time::Instant::now();
    let (clip, _) = run_one(&sim, "veo-3.1-fast@google", |p| p.duration_s = Some(4)).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    // The engine's own first back-off is 1 s, so 2 s proves the provider's hint was used.
    assert!(started.elapsed() >= std::time::Duration::from_secs(2), "RetryInfo was not honoured");
    assert_eq!(sim.stats().submits.len(), 1, "exactly one accepted submit");
    assert_eq!(sim.stats().requests["google.submit"], 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn unavailable_polls_and_downloads_are_retried() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault { times: 2, ..Fault::once("google", FaultOp::Status, FaultKind::ServerError { status: 503 }) });
    sim.inject(Fault::once("google", FaultOp::Content, FaultKind::ServerError { status: 500 }));
    let (clip, _) = run_one(&sim, "veo-3.1-fast@google", |p| p.duration_s = Some(4)).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    assert!(sim.stats().requests["google.content"] >= 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_garbled_operation_is_retried_then_fails_as_malformed() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault::once("google", FaultOp::Result, FaultKind::Malformed));
    let (clip, _) = run_one(&sim, "veo-3.1-fast@google", |p| p.duration_s = Some(4)).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "one garbled reply is retried: {:?}", clip.error);
    sim.inject(Fault { times: 50, ..Fault::once("google", FaultOp::Status, FaultKind::Malformed) });
    let (clip, _) = run_one(&sim, "veo-3.1-fast@google", |p| p.duration_s = Some(4)).await;
    let err = clip.error.unwrap();
    assert_eq!(err.code, "malformed_response", "{}", err.message);
    assert!(err.message.starts_with("Google: unexpected response"), "{}", err.message);
}

#[tokio::test(flavor = "multi_thread")]
async fn couplings_run_the_allowed_value_with_a_parity_note() {
    let sim = start_sim(sim_config()).await;
    let (clip, _) = run_one(&sim, "veo-3.1@google", |p| {
        p.resolution = Some("1080p".into());
        p.duration_s = Some(4);
    })
    .await;
    assert_eq!(clip.status, dailies_core::api::ClipStatus::Succeeded, "{:?}", clip.error);
    assert_eq!(clip.resolved.duration_s, 8);
    assert!(clip.parity.iter().any(|n| n.message == "asked 4 s → ran 8 s"), "{:?}", clip.parity);
    let body = &sim.stats().submits[0].body;
    assert_eq!(body["parameters"]["durationSeconds"], 8, "{body}");
}

#[test]
fn the_adapter_still_refuses_a_coupling_break_if_one_reaches_it() {
    let fields = serde_json::json!({"prompt": "fog", "resolution": "1080p", "durationSeconds": 4});
    let err = dailies_core::providers::google::check_couplings("veo-3.1-generate-preview", fields.as_object().unwrap())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Google rejected the request: Veo renders 1080p only at 8 s (asked 4 s); ask for 8 s, or 720p"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_invalid_key_is_reported_as_such() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let studio = dailies_tests::studio_with_keys(&sim, dir.path(), |_| Some("AIza-not-the-key".into())).await;
    let params = CanonicalParams { prompt: "fog".into(), duration_s: Some(4), ..Default::default() };
    let request = CompareRequest { params, models: vec!["veo-3.1@google".into()], ..Default::default() };
    let view = studio.start(&studio.plan(&request).unwrap()).await.unwrap().finish().await.unwrap();
    let err = view.clips[0].error.clone().unwrap();
    assert_eq!(err.code, "auth");
    assert!(err.message.starts_with("Google: the API key was rejected (API key not valid"), "{}", err.message);
    assert!(!err.message.contains("AIza-not-the-key"));
}

#[test]
fn cli_demo_compare_on_the_google_route_returns_a_real_clip() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = dailies(dir.path());
    cmd.args(["compare", "--demo", "--prompt", "a lighthouse in fog", "--model", "veo-3.1@google"]);
    cmd.args(["--duration", "4", "--json", "--yes"]);
    let (code, json, stderr) = run(&mut cmd);
    assert_eq!(code, 0, "{stderr}\n{json}");
    let clip = &json["clips"][0];
    assert_eq!((clip["status"].as_str(), clip["route"].as_str()), (Some("succeeded"), Some("google")), "{clip}");
    let probe = probe_mp4(std::path::Path::new(clip["file"].as_str().unwrap())).unwrap();
    assert_eq!((probe.width, probe.height, probe.has_audio), (1280, 720, true));
    assert!((probe.duration_s - 4.0).abs() < 0.1);
    assert_eq!(clip["cost_usd"].as_f64(), Some(1.6));
}

/// A real PNG made with ffmpeg (shared with the Luma and Seedance scenarios).
pub(crate) fn png(dir: &std::path::Path, name: &str, w: u32, h: u32) -> String {
    let out = dir.join(name);
    let status = std::process::Command::new("ffmpeg")
        .args(["-v", "error", "-y", "-f", "lavfi", "-i", &format!("color=c=teal:s={w}x{h}"), "-frames:v", "1"])
        .arg(&out)
        .status()
        .expect("ffmpeg runs");
    assert!(status.success());
    out.to_string_lossy().into_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn image_to_video_sends_inline_first_and_last_frames() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let (start, end) = (png(dir.path(), "start.png", 1280, 720), png(dir.path(), "end.png", 1280, 720));
    let (clip, _) = run_one(&sim, "veo-3.1-fast@google", move |p| {
        (p.start_image, p.end_image, p.duration_s) = (Some(start), Some(end), Some(4));
    })
    .await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    let instance = &sim.stats().submits[0].body["instances"][0];
    for field in ["image", "lastFrame"] {
        let image = &instance[field];
        assert_eq!(image["mimeType"], "image/png", "{instance}");
        assert!(image["bytesBase64Encoded"].as_str().unwrap().starts_with("iVBORw0KGgo"), "{field}: {instance}");
    }
}
