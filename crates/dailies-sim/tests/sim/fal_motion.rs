//! Kling motion control on fal (`fal-ai/kling-video/v3/{pro,standard}/motion-control`; schema
//! from fal's v2.6 motion-control page): the still, the reference video and the orientation
//! are required, both files must be issued by the emulator's storage, the reference must be
//! an MP4 of 3–10 s (`image`) or 3–30 s (`video`), and the output lasts as long as it.

use std::path::Path;

use serde_json::{json, Value};

use crate::common::{probe, start};
use crate::fal_storage::{png, upload};

const MOTION: &str = "fal-ai/kling-video/v3/pro/motion-control";

/// A real H.264 MP4 of `seconds`, made with ffmpeg.
fn mp4(dir: &Path, seconds: f64) -> Vec<u8> {
    let out = dir.join(format!("ref-{seconds}.mp4"));
    let status = std::process::Command::new("ffmpeg")
        .args(["-v", "error", "-y", "-f", "lavfi", "-i", "color=c=orange:s=320x568:r=6"])
        .args(["-t", &seconds.to_string(), "-c:v", "libx264", "-pix_fmt", "yuv420p"])
        .arg(&out)
        .status()
        .expect("ffmpeg runs");
    assert!(status.success());
    std::fs::read(out).unwrap()
}

async fn rejected(t: &crate::common::TestSim, body: Value) -> Value {
    let response = t.fal_submit(MOTION, body.clone()).await;
    assert_eq!(response.status(), 422, "{body}");
    response.json().await.unwrap()
}

fn has(detail: &Value, field: &str, kind: &str) -> bool {
    detail["detail"].as_array().unwrap().iter().any(|e| e["loc"] == json!(["body", field]) && e["type"] == kind)
}

#[tokio::test]
async fn motion_control_takes_issued_files_and_follows_the_reference_length() {
    let t = start().await;
    let dir = tempfile::tempdir().unwrap();
    let still = upload(&t, png(dir.path(), 720, 1280), "image/png").await;
    let reference = upload(&t, mp4(dir.path(), 7.0), "video/mp4").await;
    let body = json!({
        "prompt": "she dances on a rooftop",
        "image_url": still,
        "video_url": reference,
        "character_orientation": "image",
        "keep_original_sound": false,
    });
    let submit = t.fal_submit(MOTION, body).await;
    assert_eq!(submit.status(), 200, "{}", submit.text().await.unwrap());
    let submit: Value = submit.json().await.unwrap();
    t.fal_poll(submit["status_url"].as_str().unwrap()).await;
    let output: Value = t.fal_get(submit["response_url"].as_str().unwrap()).send().await.unwrap().json().await.unwrap();
    let clip = t.http.get(output["video"]["url"].as_str().unwrap()).send().await.unwrap().bytes().await.unwrap();
    let (width, height, seconds, audio) = probe(&clip);
    assert!(height > width, "the frame follows the portrait still: {width}x{height}");
    assert!((seconds - 7.0).abs() < 0.6, "as long as the reference: {seconds}");
    assert!(!audio, "keep_original_sound false");
}

#[tokio::test]
async fn motion_control_refuses_what_fal_documents_as_invalid() {
    let t = start().await;
    let dir = tempfile::tempdir().unwrap();
    let still = upload(&t, png(dir.path(), 720, 1280), "image/png").await;
    let twelve = upload(&t, mp4(dir.path(), 12.0), "video/mp4").await;
    let two = upload(&t, mp4(dir.path(), 2.0), "video/mp4").await;
    let not_video = upload(&t, png(dir.path(), 400, 400), "video/mp4").await;
    let body = |video: &str, orientation: &str| json!({"image_url": still, "video_url": video, "character_orientation": orientation});

    let ok = t.fal_submit(MOTION, body(&twelve, "video")).await;
    assert_eq!(ok.status(), 200, "12 s is within video orientation's 30 s: {}", ok.text().await.unwrap());

    let too_long = rejected(&t, body(&twelve, "image")).await;
    assert!(has(&too_long, "video_url", "video_duration_too_long"), "{too_long}");
    assert!(too_long.to_string().contains("10"), "names the limit: {too_long}");
    let too_short = rejected(&t, body(&two, "video")).await;
    assert!(has(&too_short, "video_url", "video_duration_too_short"), "{too_short}");
    let not_mp4 = rejected(&t, body(&not_video, "video")).await;
    assert!(has(&not_mp4, "video_url", "video_load_error"), "{not_mp4}");
    let elsewhere = rejected(&t, body("https://example.com/dance.mp4", "video")).await;
    assert!(has(&elsewhere, "video_url", "file_download_error"), "{elsewhere}");

    let sideways = rejected(&t, body(&twelve, "sideways")).await;
    assert!(has(&sideways, "character_orientation", "literal_error"), "{sideways}");
    let mut missing = body(&twelve, "video");
    missing.as_object_mut().unwrap().remove("character_orientation");
    assert!(has(&rejected(&t, missing).await, "character_orientation", "missing"));
    let mut no_still = body(&twelve, "video");
    no_still.as_object_mut().unwrap().remove("image_url");
    assert!(has(&rejected(&t, no_still).await, "image_url", "missing"));
    let mut with_duration = body(&twelve, "video");
    with_duration["duration"] = json!("5");
    assert!(has(&rejected(&t, with_duration).await, "duration", "extra_forbidden"), "no duration field");
}
