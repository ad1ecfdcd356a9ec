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
