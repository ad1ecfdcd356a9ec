//! Every fal model in the catalog through the engine and the emulator: each family's wire
//! types as recorded by the emulator (fal.md §13.10), the probed clip, the cost from the
//! catalog price; and image-to-video with real images uploaded through fal storage (§11).

use std::path::{Path, PathBuf};

use dailies_core::api::{ClipStatus, ClipView};
use dailies_core::catalog::{CanonicalParams, Catalog, LifecycleState, RouteId};
use dailies_core::probe::probe_mp4;
use dailies_sim::{Fault, FaultKind, FaultOp, SimHandle};
use dailies_tests::{run_one, sim_config, start_sim};
use serde_json::Value;

mod cases;
use cases::cases;

/// The body the emulator recorded for this clip's job.
fn recorded(sim: &SimHandle, clip: &ClipView) -> (String, Value) {
    let id = clip.provider_job_id.as_deref().expect("job id");
    let submit = sim.stats().submits.into_iter().find(|s| s.job_id == id).expect("recorded submit");
    (submit.endpoint, submit.body)
}

fn check_clip(clip: &ClipView, size: (u32, u32), seconds: f64, audio: bool) {
    assert_eq!(clip.status, ClipStatus::Succeeded, "{}: {:?}", clip.model, clip.error);
    let probe = probe_mp4(Path::new(clip.file.as_deref().unwrap())).unwrap();
    assert_eq!((probe.width, probe.height, probe.has_audio), (size.0, size.1, audio), "{}", clip.model);
    assert!((probe.duration_s - seconds).abs() < 0.2, "{}: {} s", clip.model, probe.duration_s);
}

#[tokio::test(flavor = "multi_thread")]
async fn every_fal_model_runs_with_its_wire_types_size_and_price() {
    let cases = cases();
    // Every live fal route in the catalog has a case, and every case is a fal route.
    let catalog = Catalog::builtin();
    let mut live: Vec<&str> = catalog
        .models()
        .iter()
        .filter(|m| m.routes.iter().any(|r| r.route == RouteId::Fal && r.lifecycle.state != LifecycleState::Retired))
        .map(|m| m.id.as_str())
        .collect();
    let mut covered: Vec<&str> = cases.iter().map(|c| c.model).collect();
    live.sort_unstable();
    covered.sort_unstable();
    assert_eq!(covered, live, "a fal model without a case (or a case without a fal route)");

    let sim = start_sim(sim_config()).await;
    let runs: Vec<_> = cases
        .iter()
        .map(|c| {
            let (sim, spec, tweak) = (sim.clone(), format!("{}@fal", c.model), c.tweak);
            tokio::spawn(async move { run_one(&sim, &spec, tweak).await })
        })
        .collect();
    for (case, run) in cases.iter().zip(runs) {
        let (clip, raw) = run.await.expect("run task");
        check_clip(&clip, case.size, case.seconds, case.audio);
        for word in ["IN_QUEUE", "IN_PROGRESS", "COMPLETED"] {
            assert!(raw.iter().any(|r| r == word), "{}: {word} not observed in {raw:?}", case.model);
        }
        let cost = clip.cost_usd.unwrap_or(-1.0);
        assert!((cost - case.cost).abs() < 0.0015, "{}: cost {cost}, expected {}", case.model, case.cost);
        assert_eq!(clip.billed_cost_usd, None, "fal reports no per-request charge");
        let (endpoint, body) = recorded(&sim, &clip);
        assert_eq!(endpoint, case.endpoint, "{}", case.model);
        for (field, want) in case.body.as_object().unwrap() {
            assert_eq!(body.get(field), Some(want), "{}: field {field} in {body}", case.model);
        }
        for field in case.absent {
            assert!(body.get(*field).is_none(), "{}: {field} must not be sent: {body}", case.model);
        }
    }
}

/// A real image made with ffmpeg (`png` or `jpg` by extension). Other route scenarios use it too.
pub fn make_image(dir: &Path, name: &str, w: u32, h: u32, colour: &str) -> PathBuf {
    let out = dir.join(name);
    let status = std::process::Command::new("ffmpeg")
        .args(["-v", "error", "-y", "-f", "lavfi", "-i", &format!("color=c={colour}:s={w}x{h}"), "-frames:v", "1"])
        .arg(&out)
        .status()
        .expect("ffmpeg runs");
    assert!(status.success(), "ffmpeg made no {name}");
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn image_to_video_uploads_frames_through_fal_storage() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let png = make_image(dir.path(), "start.png", 1280, 720, "navy");
    let jpeg = make_image(dir.path(), "end.jpg", 1280, 720, "orange");
    let (start, end) = (png.to_string_lossy().into_owned(), jpeg.to_string_lossy().into_owned());

    let with = |start: String, end: Option<String>, d: u32| {
        move |p: &mut CanonicalParams| (p.start_image, p.end_image, p.duration_s) = (Some(start), end, Some(d))
    };
    let (kling, _) = run_one(&sim, "kling-3.0-pro@fal", with(start.clone(), Some(end.clone()), 3)).await;
    check_clip(&kling, (1920, 1080), 3.0, true);
    let (endpoint, body) = recorded(&sim, &kling);
    assert_eq!(endpoint, "fal-ai/kling-video/v3/pro/image-to-video");
    assert!(body.get("aspect_ratio").is_none(), "i2v takes the frame from the image: {body}");
    let uploaded = |field: &str| body[field].as_str().unwrap_or_default().to_owned();
    let cdn = format!("{}/fal-cdn/files/", sim.base_url());
    assert!(uploaded("start_image_url").starts_with(&cdn), "{body}");
    assert!(uploaded("end_image_url").starts_with(&cdn), "{body}");
    // The URL serves exactly the bytes of the local file.
    let served = reqwest::get(uploaded("start_image_url")).await.unwrap().bytes().await.unwrap();
    assert_eq!(served.as_ref(), std::fs::read(&png).unwrap().as_slice());
    let requests = sim.stats().requests;
    assert_eq!((requests["fal.storage.initiate"], requests["fal.storage.put"]), (2, 2));

    let (veo, _) = run_one(&sim, "veo-3.1@fal", with(end.clone(), None, 4)).await;
    check_clip(&veo, (1280, 720), 4.0, true);
    let (endpoint, body) = recorded(&sim, &veo);
    assert_eq!(endpoint, "fal-ai/veo3.1/image-to-video");
    assert!(body["image_url"].as_str().unwrap().ends_with(".jpg"), "{body}");
    assert_eq!(body["duration"], "4s");

    let (hailuo, _) = run_one(&sim, "hailuo-02-standard@fal", with(start, None, 6)).await;
    check_clip(&hailuo, (1366, 768), 6.0, false);
    let (endpoint, body) = recorded(&sim, &hailuo);
    assert_eq!(endpoint, "fal-ai/minimax/hailuo-02/standard/image-to-video");
    assert_eq!(body["resolution"], "768P", "Hailuo spells its resolution in capitals: {body}");
    assert!(body["image_url"].is_string() && body.get("start_image_url").is_none(), "{body}");
}

#[tokio::test(flavor = "multi_thread")]
async fn upload_failures_are_reported_or_retried_before_anything_is_submitted() {
    let dir = tempfile::tempdir().unwrap();
    let png = make_image(dir.path(), "start.png", 1280, 720, "green").to_string_lossy().into_owned();
    let start = move |p: &mut CanonicalParams| (p.start_image, p.duration_s) = (Some(png), Some(3));

    // A storage outage happens before the job exists, so the submit is safely retried.
    let sim = start_sim(sim_config()).await;
    sim.inject(Fault::once("fal-storage", FaultOp::Submit, FaultKind::ServerError { status: 503 }));
    let (clip, _) = run_one(&sim, "kling-o3-pro@fal", start.clone()).await;
    check_clip(&clip, (1920, 1080), 3.0, false);
    assert_eq!(sim.stats().requests["fal.storage.initiate"], 2);
    let (endpoint, body) = recorded(&sim, &clip);
    assert_eq!(endpoint, "fal-ai/kling-video/o3/pro/image-to-video");
    assert!(body["image_url"].is_string(), "O3 names its first frame image_url: {body}");

    // A rejected key is reported at the upload, and no job is created.
    let sim = start_sim(sim_config()).await;
    let wrong = |_: &str| Some("another-key".to_string());
    let (clip, _) = dailies_tests::run_one_with_keys(&sim, "kling-o3-pro@fal", wrong, start).await;
    let err = clip.error.expect("failed");
    assert_eq!(err.code, "auth", "{}", err.message);
    assert!(err.message.starts_with("fal: the API key was rejected"), "{}", err.message);
    assert!(sim.stats().submits.is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn new_families_share_fals_failure_shapes() {
    let sim = start_sim(sim_config()).await;
    // A model failure on Veo is a COMPLETED status with error_type, replayed by the result.
    sim.inject(Fault {
        endpoint_contains: Some("veo3.1".into()),
        ..Fault::once("fal", FaultOp::Submit, FaultKind::ContentPolicy)
    });
    let (clip, raw) = run_one(&sim, "veo-3.1@fal", |p| p.duration_s = Some(4)).await;
    let err = clip.error.expect("failed");
    assert_eq!(err.code, "content_policy");
    assert!(err.message.starts_with("fal rejected the prompt: content policy"), "{}", err.message);
    assert!(raw.iter().any(|r| r == "COMPLETED"), "{raw:?}");

    // 429 with Retry-After on a Seedance submit, then 503s on status: recovered.
    sim.inject(Fault::once("fal", FaultOp::Submit, FaultKind::RateLimit { retry_after_s: 1 }));
    sim.inject(Fault { times: 2, ..Fault::once("fal", FaultOp::Status, FaultKind::ServerError { status: 503 }) });
    let started = std::time::Instant::now();
    let (clip, _) =
        run_one(&sim, "seedance-2.0@fal", |p| (p.duration_s, p.resolution) = (Some(4), Some("480p".into()))).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    assert!(started.elapsed() >= std::time::Duration::from_secs(1), "Retry-After was not honoured");

    // A result that stays garbled fails the LTX clip clearly after retries.
    sim.inject(Fault { times: 20, ..Fault::once("fal", FaultOp::Result, FaultKind::Malformed) });
    let (clip, _) = run_one(&sim, "ltx-2.3@fal", |_| {}).await;
    assert_eq!(clip.error.expect("failed").code, "malformed_response");
}
