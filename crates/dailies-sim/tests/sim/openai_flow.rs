//! OpenAI Videos happy paths: JSON and multipart create, poll, download, list, delete.

use reqwest::Method;
use serde_json::{json, Value};

use crate::common::{assert_envelope, create, start, REQUIRED_KEYS};

#[tokio::test]
async fn happy_path_create_poll_download_list_delete() {
    let t = start().await;
    let response =
        create(&t, json!({"prompt": "a calico cat", "model": "sora-2", "seconds": "4", "size": "1280x720"})).await;
    assert_eq!(response.status(), 200);
    assert!(response.headers().contains_key("x-request-id"));
    let video: Value = response.json().await.unwrap();
    for key in REQUIRED_KEYS {
        assert!(video.get(*key).is_some(), "missing {key}: {video}");
    }
    let id = video["id"].as_str().unwrap();
    assert!(id.starts_with("video_"));
    assert_eq!((video["object"].as_str(), video["status"].as_str()), (Some("video"), Some("queued")));
    assert_eq!(video["progress"], 0);
    assert!(video["completed_at"].is_null() && video["expires_at"].is_null() && video["error"].is_null());

    let seen = t.openai_poll(id).await;
    let statuses: Vec<&str> = seen.iter().map(|v| v["status"].as_str().unwrap()).collect();
    assert!(statuses.contains(&"in_progress"), "{statuses:?}");
    let progress: Vec<u64> = seen.iter().map(|v| v["progress"].as_u64().unwrap()).collect();
    assert!(progress.windows(2).all(|w| w[0] <= w[1]), "{progress:?}");
    let done = seen.last().unwrap();
    assert_eq!(done["status"], "completed");
    assert_eq!(done["progress"], 100);
    let completed_at = done["completed_at"].as_u64().unwrap();
    assert_eq!(done["expires_at"].as_u64().unwrap(), completed_at + 3600);

    let ranged =
        t.openai(Method::GET, &format!("/videos/{id}/content")).header("range", "bytes=0-63").send().await.unwrap();
    assert_eq!(ranged.status(), 206);
    assert_eq!(ranged.headers()["content-type"], "video/mp4");
    assert!(ranged.headers()["content-range"].to_str().unwrap().starts_with("bytes 0-63/"));
    assert_eq!(&ranged.bytes().await.unwrap()[4..8], b"ftyp");
    let full = t.openai(Method::GET, &format!("/videos/{id}/content")).send().await.unwrap().bytes().await.unwrap();
    let (w, h, secs, audio) = crate::common::probe(&full);
    assert_eq!((w, h, audio), (1280, 720, true));
    assert!((secs - 4.0).abs() < 0.2, "{secs}");
    let thumb = t.openai(Method::GET, &format!("/videos/{id}/content?variant=thumbnail")).send().await.unwrap();
    assert_eq!(thumb.headers()["content-type"], "image/webp");
    assert_eq!(&thumb.bytes().await.unwrap()[..4], b"RIFF");

    let list: Value = t.openai(Method::GET, "/videos?limit=10&order=asc").send().await.unwrap().json().await.unwrap();
    assert_eq!(list["object"], "list");
    assert_eq!(list["data"][0]["id"], id);
    assert_eq!((list["first_id"].as_str(), list["has_more"].as_bool()), (Some(id), Some(false)));

    let deleted: Value = t.openai(Method::DELETE, &format!("/videos/{id}")).send().await.unwrap().json().await.unwrap();
    assert_eq!(deleted, json!({"object": "video.deleted", "deleted": true, "id": id}));
    let gone = t.openai(Method::GET, &format!("/videos/{id}")).send().await.unwrap();
    assert_eq!(gone.status(), 404);
    assert_envelope(&gone.json().await.unwrap());
}

#[tokio::test]
async fn multipart_create_with_a_file_reference() {
    let t = start().await;
    let image = reqwest::multipart::Part::bytes(vec![0x89, b'P', b'N', b'G'])
        .file_name("ref.png")
        .mime_str("image/png")
        .unwrap();
    let form = reqwest::multipart::Form::new()
        .text("prompt", "a lighthouse")
        .text("model", "sora-2-pro")
        .text("seconds", "8")
        .text("size", "1024x1792")
        .part("input_reference", image);
    let response = t.openai(Method::POST, "/videos").multipart(form).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let video: Value = response.json().await.unwrap();
    assert_eq!((video["model"].as_str(), video["seconds"].as_str()), (Some("sora-2-pro"), Some("8")));
    let recorded = &t.sim.stats().submits[0];
    assert_eq!(recorded.endpoint, "sora-2-pro");
    assert_eq!(recorded.body["input_reference"]["file"]["filename"], "ref.png");
}
