//! Rendered clips: resolution, duration and audio per endpoint, and a missing ffmpeg.

use serde_json::{json, Value};

use crate::common::{start, start_with};

#[tokio::test]
async fn missing_ffmpeg_fails_the_job_naming_ffmpeg() {
    let t = start_with(|c| c.ffmpeg = "/nonexistent/ffmpeg".into()).await;
    let submit = t.fal_small_job().await;
    let seen = t.fal_poll(submit["status_url"].as_str().unwrap()).await;
    let done = &seen.last().unwrap().1;
    assert!(done["error"].as_str().unwrap().contains("ffmpeg"), "{done}");
    let result = t.fal_get(submit["response_url"].as_str().unwrap()).send().await.unwrap();
    assert_eq!(result.status(), 500);
}

/// Resolution per endpoint and aspect, and the audio default of each schema.
#[tokio::test]
async fn clips_match_endpoint_resolution_duration_and_audio() {
    let t = start().await;
    let cases = [
        ("fal-ai/kling-video/v3/pro/text-to-video", "9:16", (1080, 1920, true)),
        ("fal-ai/kling-video/o3/standard/text-to-video", "16:9", (1920, 1080, false)),
        ("fal-ai/kling-video/o3/4k/text-to-video", "16:9", (3840, 2160, false)),
    ];
    for (endpoint, aspect, (w, h, audio)) in cases {
        let body = json!({"prompt": "x", "duration": "3", "aspect_ratio": aspect});
        let submit: Value = t.fal_submit(endpoint, body).await.json().await.unwrap();
        t.fal_poll(submit["status_url"].as_str().unwrap()).await;
        let output: Value =
            t.fal_get(submit["response_url"].as_str().unwrap()).send().await.unwrap().json().await.unwrap();
        let bytes = t.http.get(output["video"]["url"].as_str().unwrap()).send().await.unwrap().bytes().await.unwrap();
        let (pw, ph, secs, has_audio) = crate::common::probe(&bytes);
        assert_eq!((pw, ph, has_audio), (w, h, audio), "{endpoint}");
        assert!((secs - 3.0).abs() < 0.2, "{endpoint}: {secs}");
    }
}

/// The review render: a real 24 fps MP4 whose decoded frames carry their own index in the
/// blocks the player bench reads (block `k` of `width / 16` px, white when bit `k` is set).
#[tokio::test]
async fn review_render_is_24_fps_and_each_frame_shows_its_index() {
    let t = start_with(|c| c.clip_render = dailies_sim::ClipRender::REVIEW).await;
    let submit = t.fal_small_job().await;
    t.fal_poll(submit["status_url"].as_str().unwrap()).await;
    let output: Value = t.fal_get(submit["response_url"].as_str().unwrap()).send().await.unwrap().json().await.unwrap();
    let bytes = t.http.get(output["video"]["url"].as_str().unwrap()).send().await.unwrap().bytes().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("clip.mp4");
    std::fs::write(&path, &bytes).unwrap();

    let probe = std::process::Command::new("ffprobe")
        .args(["-v", "error", "-select_streams", "v:0", "-count_frames"])
        .args(["-show_entries", "stream=width,r_frame_rate,nb_read_frames", "-of", "json"])
        .arg(&path)
        .output()
        .expect("ffprobe runs");
    let info: Value = serde_json::from_slice(&probe.stdout).unwrap();
    let stream = &info["streams"][0];
    assert_eq!(stream["r_frame_rate"], "24/1", "{info}");
    assert_eq!(stream["nb_read_frames"], "72", "3 s at 24 fps: {info}");
    let width = stream["width"].as_u64().unwrap() as usize;

    for index in [0usize, 37, 71] {
        let luma = decoded_luma(&path, index);
        let block = (width / 16) & !1;
        let read =
            (0..8).filter(|k| luma[(block / 2) * width + k * block + block / 2] > 128).fold(0, |n, k| n | 1 << k);
        assert_eq!(read, index, "frame {index} shows {read:#010b}");
    }
}

/// Frame `index` of `path` decoded to 8-bit grey, row-major.
fn decoded_luma(path: &std::path::Path, index: usize) -> Vec<u8> {
    let out = std::process::Command::new("ffmpeg")
        .args(["-v", "error", "-nostdin", "-i"])
        .arg(path)
        .args(["-vf", &format!("select=eq(n\\,{index}),format=gray"), "-frames:v", "1", "-f", "rawvideo", "-"])
        .output()
        .expect("ffmpeg runs");
    assert!(out.status.success() && !out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}
