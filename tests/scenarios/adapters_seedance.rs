//! The BytePlus Ark (Seedance) adapter against the emulator: `queued → running → succeeded`,
//! usage tokens billed next to the estimate, Ark error codes, throttling and retries, and
//! `dailies compare --demo`.

use dailies_core::api::ClipStatus;
use dailies_core::probe::probe_mp4;
use dailies_sim::{Fault, FaultKind, FaultOp};
use dailies_tests::{dailies, run, run_one, sim_config, start_sim};

fn small(p: &mut dailies_core::catalog::CanonicalParams) {
    p.resolution = Some("480p".into());
    p.aspect = Some("1:1".into());
    p.duration_s = Some(4);
}

#[tokio::test(flavor = "multi_thread")]
async fn queued_running_succeeded_then_download_probe_and_billed_tokens() {
    let sim = start_sim(sim_config()).await;
    let (clip, raw) = run_one(&sim, "seedance-2.0@seedance", |p| p.resolution = Some("720p".into())).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    let at = |w: &str| raw.iter().position(|r| r == w).unwrap_or_else(|| panic!("{w} not observed: {raw:?}"));
    assert!(at("queued") < at("running") && at("running") < at("succeeded"), "{raw:?}");
    let probe = probe_mp4(std::path::Path::new(clip.file.as_deref().unwrap())).unwrap();
    assert_eq!((probe.width, probe.height, probe.has_audio), (1248, 704, true));
    assert!((probe.duration_s - 5.0).abs() < 0.1);
    // Estimate $0.144/s × 5 s; Ark reported 1248×704/1024 × 121 frames = 103,818 tokens,
    // billed at $7 per million.
    assert_eq!(clip.estimated_cost_usd, 0.72);
    assert_eq!((clip.billed_cost_usd, clip.cost_usd), (Some(0.727), Some(0.727)));
    let submit = &sim.stats().submits[0];
    assert_eq!(clip.provider_job_id.as_deref(), Some(submit.job_id.as_str()));
    let body = &submit.body;
    assert_eq!(body["model"], "dreamina-seedance-2-0-260128");
    assert_eq!(body["content"], serde_json::json!([{"type": "text", "text": "a lighthouse in fog"}]));
    assert_eq!((body["duration"].as_u64(), body["ratio"].as_str()), (Some(5), Some("16:9")));
    assert_eq!((body["generate_audio"].as_bool(), body["watermark"].as_bool()), (Some(true), Some(false)));
    assert!(body.get("prompt").is_none(), "the prompt travels only as a content item");
}

/// 2.0 bills 1080p and 4k tokens at their own rates; the billed cost uses the rate of the
/// resolution that ran, not the 480p/720p one.
#[tokio::test(flavor = "multi_thread")]
async fn tokens_are_billed_at_the_rate_of_the_resolution_that_ran() {
    let sim = start_sim(sim_config()).await;
    let (hd, _) = run_one(&sim, "seedance-2.0@seedance", |p| {
        p.resolution = Some("1080p".into());
        p.duration_s = Some(4);
    })
    .await;
    assert_eq!(hd.status, ClipStatus::Succeeded, "{:?}", hd.error);
    assert!(hd.parity.is_empty(), "1080p is offered: {:?}", hd.parity);
    assert_eq!((hd.width, hd.height), (Some(1920), Some(1088)));
    // 1920×1088/1024 × 97 frames = 197,880 tokens at $7.7 per million; estimate $0.377/s × 4 s.
    assert_eq!((hd.estimated_cost_usd, hd.billed_cost_usd), (1.508, Some(1.524)));

    let (uhd, _) = run_one(&sim, "seedance-2.0@seedance", |p| {
        p.resolution = Some("4k".into());
        p.duration_s = Some(4);
    })
    .await;
    assert_eq!(uhd.status, ClipStatus::Succeeded, "{:?}", uhd.error);
    assert_eq!((uhd.width, uhd.height), (Some(3840), Some(2176)));
    // 3840×2176/1024 × 97 = 791,520 tokens at $4 per million.
    assert_eq!((uhd.estimated_cost_usd, uhd.billed_cost_usd), (3.132, Some(3.166)));
    let bodies: Vec<_> = sim.stats().submits.iter().map(|s| s.body["resolution"].clone()).collect();
    assert_eq!(bodies, [serde_json::json!("1080p"), serde_json::json!("4k")]);
}

#[tokio::test(flavor = "multi_thread")]
async fn failed_tasks_and_refusals_become_plain_messages() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault::once("seedance", FaultOp::Submit, FaultKind::ContentPolicy));
    let (clip, raw) = run_one(&sim, "seedance-2.0-fast@seedance", small).await;
    assert!(raw.iter().any(|r| r == "failed"), "{raw:?}");
    let err = clip.error.unwrap();
    assert_eq!(err.code, "content_policy");
    assert_eq!(
        err.message,
        "BytePlus Ark rejected the prompt: content policy (The request failed because the output video may contain sensitive information.)"
    );
    assert_eq!((clip.cost_usd, clip.billed_cost_usd), (None, None), "failed generations are not charged");

    sim.inject(Fault::once("seedance", FaultOp::Submit, FaultKind::InsufficientBalance));
    let (clip, _) = run_one(&sim, "seedance-2.0-fast@seedance", small).await;
    let err = clip.error.unwrap();
    assert!(
        err.message.starts_with("BytePlus Ark: insufficient balance (The request failed because your account"),
        "{}",
        err.message
    );
    assert!(sim.stats().submits.len() == 1, "refused creates start no task");
}

#[tokio::test(flavor = "multi_thread")]
async fn rate_limited_create_honours_retry_after_and_submits_once() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault::once("seedance", FaultOp::Submit, FaultKind::RateLimit { retry_after_s: 2 }));
    let started = std::time::Instant::now();
    let (clip, _) = run_one(&sim, "seedance-2.0-fast@seedance", small).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    // The engine's own first back-off is 1 s, so 2 s proves the provider's hint was used.
    assert!(started.elapsed() >= std::time::Duration::from_secs(2), "Retry-After was not honoured");
    assert_eq!(sim.stats().submits.len(), 1, "exactly one accepted create");
    assert_eq!(sim.stats().requests["seedance.submit"], 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn server_errors_on_status_and_video_are_retried() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault { times: 2, ..Fault::once("seedance", FaultOp::Status, FaultKind::ServerError { status: 500 }) });
    sim.inject(Fault::once("seedance", FaultOp::Content, FaultKind::ServerError { status: 503 }));
    let (clip, _) = run_one(&sim, "seedance-2.0-fast@seedance", small).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    assert!(sim.stats().requests["seedance.content"] >= 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_garbled_task_is_retried_then_fails_as_malformed() {
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault::once("seedance", FaultOp::Result, FaultKind::Malformed));
    let (clip, _) = run_one(&sim, "seedance-2.0-fast@seedance", small).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "one garbled reply is retried: {:?}", clip.error);
    sim.inject(Fault { times: 50, ..Fault::once("seedance", FaultOp::Status, FaultKind::Malformed) });
    let (clip, _) = run_one(&sim, "seedance-2.0-fast@seedance", small).await;
    let err = clip.error.unwrap();
    assert_eq!(err.code, "malformed_response", "{}", err.message);
    assert!(err.message.starts_with("BytePlus Ark: unexpected response"), "{}", err.message);
}

#[test]
fn cli_demo_compare_on_the_seedance_route_returns_a_real_clip() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = dailies(dir.path());
    cmd.args(["compare", "--demo", "--prompt", "a lighthouse in fog", "--model", "seedance-1.0-pro@seedance"]);
    cmd.args(["--duration", "3", "--resolution", "480p", "--json", "--yes"]);
    let (code, json, stderr) = run(&mut cmd);
    assert_eq!(code, 0, "{stderr}\n{json}");
    let clip = &json["clips"][0];
    assert_eq!((clip["status"].as_str(), clip["route"].as_str()), (Some("succeeded"), Some("seedance")), "{clip}");
    let probe = probe_mp4(std::path::Path::new(clip["file"].as_str().unwrap())).unwrap();
    assert_eq!((probe.width, probe.height, probe.has_audio), (864, 480, false));
    assert!((probe.duration_s - 3.0).abs() < 0.1);
    // 864×480/1024 × 73 frames = 29,565 tokens at $2.5 per million.
    assert_eq!(clip["billed_cost_usd"].as_f64(), Some(0.074));
}

#[tokio::test(flavor = "multi_thread")]
async fn image_to_video_sends_data_urls_with_explicit_roles() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let start = crate::adapters_google::png(dir.path(), "start.png", 1280, 720);
    let end = crate::adapters_google::png(dir.path(), "end.png", 1280, 720);
    let (clip, _) = run_one(&sim, "seedance-2.0-fast@seedance", move |p| {
        small(p);
        (p.start_image, p.end_image) = (Some(start), Some(end));
    })
    .await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    let content = sim.stats().submits[0].body["content"].as_array().unwrap().clone();
    let roles: Vec<&str> = content.iter().filter_map(|c| c["role"].as_str()).collect();
    assert_eq!(roles, ["first_frame", "last_frame"], "{content:?}");
    for item in &content[1..] {
        assert_eq!(item["type"], "image_url");
        assert!(item["image_url"]["url"].as_str().unwrap().starts_with("data:image/png;base64,iVBORw0KGgo"));
    }
}
