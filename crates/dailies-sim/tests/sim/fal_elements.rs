//! Kling's `elements` (fal.md §13.1/§13.2; fal-js `KlingV3ComboElementInput`): the shape,
//! an element is an image set or a video, at most one video, 1–3 reference images, every URL
//! one the emulator's storage issued, and O3 reference-to-video's cap on elements + images.

use serde_json::{json, Value};

use crate::common::start;
use crate::fal_storage::{png, upload};

const KLING_I2V: &str = "fal-ai/kling-video/v3/pro/image-to-video";
const O3_R2V: &str = "fal-ai/kling-video/o3/pro/reference-to-video";

#[tokio::test]
async fn elements_must_be_issued_images_in_the_documented_shape() {
    let t = start().await;
    let dir = tempfile::tempdir().unwrap();
    let frame = upload(&t, png(dir.path(), 1280, 720), "image/png").await;
    let face = upload(&t, png(dir.path(), 400, 600), "image/png").await;
    let junk = upload(&t, b"not an image".to_vec(), "image/png").await;
    let set = |refs: Value| json!({"frontal_image_url": face, "reference_image_urls": refs});
    let i2v = |elements: Value| json!({"prompt": "@Element1 waves", "start_image_url": frame, "elements": elements});

    let ok = t.fal_submit(KLING_I2V, i2v(json!([set(json!([face])), {"frontal_image_url": face}]))).await;
    assert_eq!(ok.status(), 200, "{}", ok.text().await.unwrap());

    let cases = [
        (i2v(json!([set(json!([]))])), json!(["body", "elements", 0, "reference_image_urls"]), "too_short"),
        (
            i2v(json!([set(json!([face, face, face, face]))])),
            json!(["body", "elements", 0, "reference_image_urls"]),
            "too_long",
        ),
        (
            i2v(json!([{"frontal_image_url": face, "name": "x"}])),
            json!(["body", "elements", 0, "name"]),
            "extra_forbidden",
        ),
        (i2v(json!([{"reference_image_urls": [face]}])), json!(["body", "elements", 0]), "value_error"),
        (i2v(json!([{"frontal_image_url": face, "video_url": face}])), json!(["body", "elements", 0]), "value_error"),
        (
            i2v(json!([{"frontal_image_url": "https://example.com/me.png"}])),
            json!(["body", "elements", 0, "frontal_image_url"]),
            "file_download_error",
        ),
        (
            i2v(json!([set(json!([face, junk]))])),
            json!(["body", "elements", 0, "reference_image_urls", 1]),
            "image_load_error",
        ),
        (i2v(json!([{"video_url": face}])), json!(["body", "elements", 0, "video_url"]), "video_load_error"),
        (i2v(json!("@Element1")), json!(["body", "elements"]), "list_type"),
        // Text-to-video has no `elements` (fal.md §13.1: image-to-video only).
        (
            json!({"prompt": "@Element1", "elements": [{"frontal_image_url": face}]}),
            json!(["body", "elements"]),
            "extra_forbidden",
        ),
    ];
    for (i, (body, loc, kind)) in cases.into_iter().enumerate() {
        let endpoint = if i == 9 { "fal-ai/kling-video/v3/pro/text-to-video" } else { KLING_I2V };
        let response = t.fal_submit(endpoint, body.clone()).await;
        assert_eq!(response.status(), 422, "{body}");
        let detail: Value = response.json().await.unwrap();
        let hit = detail["detail"].as_array().unwrap().iter().any(|e| e["loc"] == loc && e["type"] == kind);
        assert!(hit, "{body}: expected {kind} at {loc}: {detail}");
    }
}

#[tokio::test]
async fn o3_reference_to_video_caps_elements_and_images_together() {
    let t = start().await;
    let dir = tempfile::tempdir().unwrap();
    let face = upload(&t, png(dir.path(), 400, 600), "image/png").await;
    let one = json!({"frontal_image_url": face});
    let body = |n: usize, images: usize| json!({"prompt": "@Element1", "elements": vec![one.clone(); n], "image_urls": vec![face.clone(); images]});
    assert_eq!(t.fal_submit(O3_R2V, body(4, 0)).await.status(), 200, "no first frame needed");
    let over = t.fal_submit(O3_R2V, body(3, 2)).await;
    assert_eq!(over.status(), 422);
    let detail: Value = over.json().await.unwrap();
    assert!(detail["detail"][0]["msg"].as_str().unwrap().contains("at most 4"), "{detail}");
    // Two video elements are one too many.
    let clip = t.fal_submit(O3_R2V, json!({"prompt": "x"})).await;
    assert_eq!(clip.status(), 200);
    let videos = json!({"prompt": "x", "elements": [{"video_url": "https://example.com/a.mp4"}, {"video_url": "https://example.com/b.mp4"}]});
    let response = t.fal_submit(O3_R2V, videos).await;
    let detail: Value = response.json().await.unwrap();
    let msgs: Vec<&str> = detail["detail"].as_array().unwrap().iter().filter_map(|e| e["msg"].as_str()).collect();
    assert!(msgs.iter().any(|m| m.contains("at most one element may have a video_url")), "{msgs:?}");
}
