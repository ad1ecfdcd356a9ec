//! Kling motion control end to end against the emulator, strict per fal's motion-control
//! docs: the still and the reference video are uploaded through fal storage and the submit
//! carries both issued URLs with the character orientation; the clip lasts as long as the
//! reference and is priced per second of it; a model without motion control gets a parity
//! note (refused under `--strict`); bad input exits 2 naming the field before any request.

use std::path::{Path, PathBuf};

use dailies_sim::SimHandle;
use dailies_tests::{against_sim, dailies, run, sim_config, start_sim};
use serde_json::Value;

fn png(dir: &Path, name: &str, w: u32, h: u32) -> PathBuf {
    let path = dir.join(name);
    let status = std::process::Command::new("ffmpeg")
        .args(["-v", "error", "-y", "-f", "lavfi", "-i", &format!("color=c=navy:s={w}x{h}"), "-frames:v", "1"])
        .arg(&path)
        .status()
        .expect("ffmpeg runs");
    assert!(status.success());
    path
}

/// A real H.264 MP4 of `seconds` (the dance whose motion is transferred).
fn reference(dir: &Path, name: &str, seconds: u32) -> PathBuf {
    let path = dir.join(name);
    let status = std::process::Command::new("ffmpeg")
        .args(["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=s=320x568:r=6"])
        .args(["-t", &seconds.to_string(), "-c:v", "libx264", "-pix_fmt", "yuv420p"])
        .arg(&path)
        .status()
        .expect("ffmpeg runs");
    assert!(status.success());
    path
}

/// The body the emulator accepted for a clip's submit.
fn sent(sim: &SimHandle, clip: &Value) -> Value {
    let job = clip["provider_job_id"].as_str().expect("a provider job id");
    sim.stats().submits.iter().find(|s| s.job_id == job).map(|s| s.body.clone()).expect("the submit was recorded")
}

fn clip<'a>(json: &'a Value, model: &str) -> &'a Value {
    json["clips"].as_array().unwrap().iter().find(|c| c["model"] == model).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn kling_gets_both_uploaded_files_and_a_model_without_motion_control_a_note() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let still = png(dir.path(), "still.png", 1280, 720);
    let dance = reference(dir.path(), "dance.mp4", 7);
    let mut cmd = dailies(dir.path());
    against_sim(&mut cmd, &sim);
    cmd.args(["compare", "--prompt", "the astronaut dances on the pier", "--json", "--yes", "--audio", "off"]);
    cmd.args(["--model", "kling-3.0-pro@fal", "--model", "veo-3.1@fal", "--motion-orientation", "image"]);
    cmd.arg("--start-image").arg(&still).arg("--motion-video").arg(&dance);
    let (code, json, stderr) = tokio::task::spawn_blocking(move || run(&mut cmd)).await.unwrap();
    assert_eq!(code, 0, "{stderr}\n{json}");

    let kling = clip(&json, "kling-3.0-pro");
    assert_eq!(kling["status"], "succeeded", "{kling}");
    assert_eq!(kling["endpoint"], "fal-ai/kling-video/v3/pro/motion-control");
    let body = sent(&sim, kling);
    let cdn = format!("{}/fal-cdn/files/", sim.base_url());
    for (field, file) in [("image_url", "/still.png"), ("video_url", "/dance.mp4")] {
        let url = body[field].as_str().unwrap_or_default();
        assert!(url.starts_with(&cdn) && url.ends_with(file), "{field}: an uploaded URL, not a path: {body}");
    }
    assert_eq!(body["character_orientation"], "image");
    assert_eq!(body["keep_original_sound"], false, "audio off: the reference's sound is not kept");
    assert_eq!(body["prompt"], "the astronaut dances on the pier");
    assert!(body.get("duration").is_none() && body.get("start_image_url").is_none(), "{body}");
    // The clip is as long as the reference, priced at the motion-control rate ($0.168/s).
    assert_eq!(kling["resolved"]["duration_s"], 7);
    assert!((kling["estimated_cost_usd"].as_f64().unwrap() - 0.168 * 7.0).abs() < 1e-9, "{kling}");
    assert!((kling["duration_s"].as_f64().unwrap() - 7.0).abs() < 0.6, "{kling}");
    assert_eq!(kling["resolved"]["motion"]["video"], dance.display().to_string());

    let veo = clip(&json, "veo-3.1");
    assert_eq!(veo["status"], "succeeded", "{veo}");
    assert_eq!(veo["endpoint"], "fal-ai/veo3.1/image-to-video", "it still runs from the still");
    assert!(sent(&sim, veo).get("video_url").is_none());
    let notes: Vec<&str> = veo["parity"].as_array().unwrap().iter().filter_map(|n| n["message"].as_str()).collect();
    assert!(
        notes.iter().any(|n| n.contains("motion control not offered") && n.contains("kling-3.0-pro@fal")),
        "{notes:?}"
    );
    assert!(veo["resolved"].get("motion").is_none());
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_motion_input_exits_2_naming_the_field_before_any_request() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let still = png(dir.path(), "still.png", 1280, 720);
    let twelve = reference(dir.path(), "twelve.mp4", 12).display().to_string();
    let two = reference(dir.path(), "two.mp4", 2).display().to_string();
    let still_s = still.display().to_string();
    let kling = "kling-3.0-standard@fal";
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec![kling, "--start-image", &still_s, "--motion-video", &twelve, "--motion-orientation", "image"], "3–10 s"),
        (vec![kling, "--start-image", &still_s, "--motion-video", &two], "3–30 s"),
        (vec![kling, "--motion-video", &twelve], "start-image: motion control animates a still"),
        (vec![kling, "--start-image", &still_s, "--motion-video", &still_s], "not a readable MP4"),
        (
            vec![kling, "--start-image", &still_s, "--motion-video", &twelve, "--motion-orientation", "up"],
            "image, video",
        ),
        (vec!["veo-3.1@fal", "--start-image", &still_s, "--motion-video", &twelve, "--strict"], "motion-video:"),
    ];
    for (args, says) in cases {
        let mut cmd = dailies(dir.path());
        against_sim(&mut cmd, &sim);
        cmd.args(["compare", "--prompt", "she dances", "--json", "--yes", "--model"]).args(&args);
        let (code, _, stderr) = tokio::task::spawn_blocking(move || run(&mut cmd)).await.unwrap();
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?} should say {says}: {stderr}");
    }
    assert!(sim.stats().submits.is_empty(), "nothing was sent");
    assert_eq!(sim.stats().requests.get("fal.storage.initiate"), None, "nothing was uploaded");
}
