//! The fal model families beyond Kling t2v: each endpoint's wire types enforced strictly
//! (fal.md §13.10: `"5"` vs `"8s"` vs `5`, `768P`), clips rendered at the size, length and
//! audio the input implies, and the result extras (seed, VideoFile) per family.

use serde_json::{json, Value};

use crate::common::{start, TestSim};

const VEO: &str = "fal-ai/veo3.1";
const SEEDANCE: &str = "bytedance/seedance-2.0/text-to-video";
const HAILUO_STD: &str = "fal-ai/minimax/hailuo-02/standard/text-to-video";
const HAILUO_STD_I2V: &str = "fal-ai/minimax/hailuo-02/standard/image-to-video";
const HAILUO_PRO: &str = "fal-ai/minimax/hailuo-02/pro/text-to-video";
const WAN25: &str = "fal-ai/wan-25-preview/text-to-video";
const WAN27: &str = "fal-ai/wan/v2.7/text-to-video";
const LTX2: &str = "fal-ai/ltx-2/text-to-video";
const LTX23: &str = "fal-ai/ltx-2.3/text-to-video";
const LUMA: &str = "fal-ai/luma-dream-machine/ray-2";

#[tokio::test]
async fn each_family_enforces_its_own_wire_types() {
    let t = start().await;
    let p = "a kite";
    let cases = [
        (VEO, json!({"prompt": p, "duration": "8"}), "duration", "literal_error"),
        (VEO, json!({"prompt": p, "duration": 8}), "duration", "literal_error"),
        (VEO, json!({"prompt": p, "resolution": "1440p"}), "resolution", "literal_error"),
        (VEO, json!({"duration": "8s"}), "prompt", "missing"),
        ("fal-ai/veo3.1/fast", json!({"prompt": p, "seed": "7"}), "seed", "int_type"),
        (SEEDANCE, json!({"prompt": p, "seed": 7}), "seed", "extra_forbidden"),
        (SEEDANCE, json!({"prompt": p, "duration": 5}), "duration", "literal_error"),
        (HAILUO_STD, json!({"prompt": p, "resolution": "768P"}), "resolution", "extra_forbidden"),
        (HAILUO_STD, json!({"prompt": p, "duration": "5"}), "duration", "literal_error"),
        (HAILUO_STD_I2V, json!({"prompt": p, "image_url": "x", "resolution": "768p"}), "resolution", "literal_error"),
        (HAILUO_PRO, json!({"prompt": p, "duration": "6"}), "duration", "extra_forbidden"),
        (WAN25, json!({"prompt": p, "duration": 5}), "duration", "literal_error"),
        (WAN25, json!({"prompt": p, "aspect_ratio": "4:3"}), "aspect_ratio", "literal_error"),
        (WAN27, json!({"prompt": p, "duration": "5"}), "duration", "int_type"),
        (WAN27, json!({"prompt": p, "duration": 16}), "duration", "less_than_equal"),
        (WAN27, json!({"prompt": p, "seed": -1}), "seed", "greater_than_equal"),
        (LTX2, json!({"prompt": p, "duration": "6"}), "duration", "literal_error"),
        (LTX2, json!({"prompt": p, "resolution": "4k"}), "resolution", "literal_error"),
        (LTX23, json!({"prompt": p, "duration": 7}), "duration", "literal_error"),
        (LUMA, json!({"prompt": p, "duration": "5"}), "duration", "literal_error"),
        (LUMA, json!({"prompt": p, "resolution": "4k"}), "resolution", "literal_error"),
    ];
    for (endpoint, body, field, kind) in cases {
        let response = t.fal_submit(endpoint, body.clone()).await;
        assert_eq!(response.status(), 422, "{endpoint} {body}");
        let detail: Value = response.json().await.unwrap();
        let hit = detail["detail"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["loc"] == json!(["body", field]) && e["type"] == kind);
        assert!(hit, "{endpoint} {body}: expected {kind} on {field}, got {detail}");
    }
    assert!(t.sim.stats().submits.is_empty(), "no invalid submit may create a job");
    // The retired Sora endpoints are gone from fal: 404, as for any unknown application.
    assert_eq!(t.fal_submit("fal-ai/sora-2/text-to-video", json!({"prompt": p})).await.status(), 404);
}

/// Submits, waits, fetches the result and probes the clip: (width, height, seconds, audio).
async fn render(t: &TestSim, endpoint: &str, body: Value) -> (Value, (u32, u32, f64, bool)) {
    let response = t.fal_submit(endpoint, body.clone()).await;
    assert_eq!(response.status(), 200, "{endpoint} {body}");
    let submit: Value = response.json().await.unwrap();
    // The status URL keeps only owner/app (fal.md §2).
    let status_url = submit["status_url"].as_str().unwrap();
    assert!(!status_url.contains("text-to-video"), "{status_url}");
    t.fal_poll(status_url).await;
    let output: Value = t.fal_get(submit["response_url"].as_str().unwrap()).send().await.unwrap().json().await.unwrap();
    let bytes = t.http.get(output["video"]["url"].as_str().unwrap()).send().await.unwrap().bytes().await.unwrap();
    (output, crate::common::probe(&bytes))
}

#[tokio::test]
async fn clips_follow_each_familys_fields() {
    let t = start().await;
    let (_, (w, h, secs, audio)) = render(&t, HAILUO_STD, json!({"prompt": "x", "duration": "6"})).await;
    assert_eq!((w, h, audio), (1366, 768, false), "Hailuo 768P is 1366x768, silent");
    assert!((secs - 6.0).abs() < 0.2, "{secs}");

    let body = json!({"prompt": "x", "duration": "5s", "resolution": "540p", "aspect_ratio": "21:9"});
    let (output, (w, h, secs, audio)) = render(&t, LUMA, body).await;
    assert_eq!((w, h, audio), (1260, 540, false));
    assert!((secs - 5.0).abs() < 0.2, "{secs}");
    assert!(output.get("seed").is_none(), "Luma returns just the video: {output}");

    let body = json!({"prompt": "x", "duration": "5", "resolution": "480p", "aspect_ratio": "9:16", "seed": 42});
    let (output, (w, h, _, audio)) = render(&t, WAN25, body).await;
    assert_eq!((w, h, audio), (480, 854, true));
    assert_eq!(output["seed"], 42, "Wan echoes the seed: {output}");
    assert_eq!((output["video"]["width"].as_u64(), output["video"]["duration"].as_u64()), (Some(480), Some(5)));

    let body = json!({"prompt": "x", "duration": "4", "resolution": "480p", "aspect_ratio": "1:1"});
    let (output, (w, h, secs, audio)) = render(&t, SEEDANCE, body).await;
    assert_eq!((w, h, audio), (480, 480, true), "Seedance audio defaults to on");
    assert!((secs - 4.0).abs() < 0.2, "{secs}");
    assert!(output["seed"].is_i64(), "Seedance reports the seed it picked: {output}");

    let body = json!({"prompt": "x", "duration": 2, "resolution": "720p", "aspect_ratio": "4:3"});
    let (_, (w, h, secs, _)) = render(&t, WAN27, body).await;
    assert_eq!((w, h), (960, 720));
    assert!((secs - 2.0).abs() < 0.2, "integer duration 2 → {secs}");
}
