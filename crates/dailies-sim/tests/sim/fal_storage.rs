//! fal storage uploads (fal.md §11, the JS client's route) and image-to-video inputs:
//! only files issued by the emulator's storage are downloadable by the models.

use std::path::Path;

use serde_json::{json, Value};

use crate::common::{fal_auth, start, TestSim};

const KLING_I2V: &str = "fal-ai/kling-video/v3/pro/image-to-video";

/// A real PNG of the given size, made with ffmpeg.
pub(crate) fn png(dir: &Path, w: u32, h: u32) -> Vec<u8> {
    let out = dir.join(format!("{w}x{h}.png"));
    let status = std::process::Command::new("ffmpeg")
        .args(["-v", "error", "-y", "-f", "lavfi", "-i", &format!("color=c=teal:s={w}x{h}"), "-frames:v", "1"])
        .arg(&out)
        .status()
        .expect("ffmpeg runs");
    assert!(status.success());
    std::fs::read(out).unwrap()
}

fn storage(t: &TestSim) -> String {
    t.sim.route_base_url("fal-storage").unwrap()
}

/// initiate + PUT, the way the JS client uploads; returns the file URL.
pub(crate) async fn upload(t: &TestSim, bytes: Vec<u8>, content_type: &str) -> String {
    let url = format!("{}/storage/upload/initiate?storage_type=fal-cdn-v3", storage(t));
    let body = json!({"content_type": content_type, "file_name": "frame.png"});
    let response = t.http.post(url).header("authorization", fal_auth()).json(&body).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let issued: Value = response.json().await.unwrap();
    let put = t.http.put(issued["upload_url"].as_str().unwrap()).header("content-type", content_type).body(bytes);
    assert_eq!(put.send().await.unwrap().status(), 200);
    issued["file_url"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn initiate_is_authenticated_and_validated() {
    let t = start().await;
    let url = |q: &str| format!("{}/storage/upload/initiate{q}", storage(&t));
    let good = json!({"content_type": "image/png", "file_name": "a.png"});
    let send = |u: String, auth: Option<&str>, body: Value| {
        let mut r = t.http.post(u).json(&body);
        if let Some(a) = auth {
            r = r.header("authorization", a);
        }
        r.send()
    };
    let q = "?storage_type=fal-cdn-v3";
    assert_eq!(send(url(q), None, good.clone()).await.unwrap().status(), 401);
    assert_eq!(send(url(q), Some("Key wrong"), good.clone()).await.unwrap().status(), 401);
    let auth = fal_auth();
    let key = Some(auth.as_str());
    let cases = [
        (url(""), good.clone(), json!(["query", "storage_type"]), "missing"),
        (url("?storage_type=s3"), good.clone(), json!(["query", "storage_type"]), "literal_error"),
        (url(q), json!({"file_name": "a.png"}), json!(["body", "content_type"]), "missing"),
        (url(q), json!({"content_type": "png", "file_name": "a.png"}), json!(["body", "content_type"]), "value_error"),
        (url(q), json!({"content_type": "image/png", "file_name": 3}), json!(["body", "file_name"]), "string_type"),
    ];
    for (u, body, loc, kind) in cases {
        let response = send(u.clone(), key, body.clone()).await.unwrap();
        assert_eq!(response.status(), 422, "{u} {body}");
        let detail: Value = response.json().await.unwrap();
        assert_eq!((&detail["detail"][0]["loc"], detail["detail"][0]["type"].as_str()), (&loc, Some(kind)), "{detail}");
    }
    assert_eq!(t.sim.stats().requests["fal.storage.initiate"], 7);
}

#[tokio::test]
async fn put_checks_signature_and_content_type_and_the_cdn_serves_the_file() {
    let t = start().await;
    let url = format!("{}/storage/upload/initiate?storage_type=fal-cdn-v3", storage(&t));
    let body = json!({"content_type": "image/png", "file_name": "frame.png"});
    let issued: Value =
        t.http.post(url).header("authorization", fal_auth()).json(&body).send().await.unwrap().json().await.unwrap();
    let (upload_url, file_url) = (issued["upload_url"].as_str().unwrap(), issued["file_url"].as_str().unwrap());
    assert_eq!(t.http.get(file_url).send().await.unwrap().status(), 404, "nothing uploaded yet");
    let put = |u: String, ct: &str| t.http.put(u).header("content-type", ct).body(vec![1u8, 2, 3]).send();
    assert_eq!(put(upload_url.to_owned(), "image/jpeg").await.unwrap().status(), 403, "content type differs");
    let unsigned = upload_url.split('?').next().unwrap().to_owned();
    assert_eq!(put(unsigned, "image/png").await.unwrap().status(), 403, "signature missing");
    assert_eq!(put(upload_url.to_owned(), "image/png").await.unwrap().status(), 200);
    let fetched = t.http.get(file_url).send().await.unwrap();
    assert_eq!(fetched.headers()["content-type"], "image/png");
    assert_eq!(fetched.bytes().await.unwrap().as_ref(), &[1, 2, 3]);
}

#[tokio::test]
async fn image_to_video_takes_only_issued_images_and_follows_their_shape() {
    let t = start().await;
    let dir = tempfile::tempdir().unwrap();
    let portrait = upload(&t, png(dir.path(), 720, 1280), "image/png").await;
    let body = json!({"prompt": "x", "duration": "3", "start_image_url": portrait, "generate_audio": false});
    let submit: Value = t.fal_submit(KLING_I2V, body).await.json().await.unwrap();
    t.fal_poll(submit["status_url"].as_str().unwrap()).await;
    let output: Value = t.fal_get(submit["response_url"].as_str().unwrap()).send().await.unwrap().json().await.unwrap();
    let bytes = t.http.get(output["video"]["url"].as_str().unwrap()).send().await.unwrap().bytes().await.unwrap();
    let (w, h, _, audio) = crate::common::probe(&bytes);
    assert_eq!((w, h, audio), (1080, 1920, false), "a portrait start frame gives a portrait 1080p clip");

    let junk = upload(&t, b"not an image".to_vec(), "image/png").await;
    let small = upload(&t, png(dir.path(), 640, 360), "image/png").await;
    let cases = [
        (
            KLING_I2V,
            json!({"prompt": "x", "start_image_url": "https://example.com/a.png"}),
            "start_image_url",
            "file_download_error",
        ),
        (KLING_I2V, json!({"prompt": "x", "start_image_url": junk}), "start_image_url", "image_load_error"),
        (KLING_I2V, json!({"prompt": "x"}), "start_image_url", "missing"),
        (
            KLING_I2V,
            json!({"prompt": "x", "start_image_url": portrait, "aspect_ratio": "16:9"}),
            "aspect_ratio",
            "extra_forbidden",
        ),
        ("fal-ai/veo3.1/image-to-video", json!({"prompt": "x", "image_url": small}), "image_url", "image_too_small"),
        (
            "fal-ai/kling-video/o3/pro/image-to-video",
            json!({"prompt": "x", "start_image_url": portrait}),
            "image_url",
            "missing",
        ),
    ];
    for (endpoint, body, field, kind) in cases {
        let response = t.fal_submit(endpoint, body.clone()).await;
        assert_eq!(response.status(), 422, "{body}");
        let detail: Value = response.json().await.unwrap();
        let hit = detail["detail"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["loc"] == json!(["body", field]) && e["type"] == kind);
        assert!(hit, "{body}: expected {kind} on {field}: {detail}");
    }
    assert_eq!(t.sim.stats().submits.len(), 1);
}
