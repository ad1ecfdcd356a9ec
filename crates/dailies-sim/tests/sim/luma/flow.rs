//! Happy paths: states in order, a real MP4 on the public asset host, list and delete.

use reqwest::Method;
use serde_json::{json, Value};

use super::{call, create, poll, small};
use crate::common::{probe, start};

#[tokio::test]
async fn generation_dreams_then_completes_with_a_public_video() {
    let t = start().await;
    let response = create(&t, small()).await;
    assert_eq!(response.status(), 201);
    let created: Value = response.json().await.unwrap();
    assert_eq!((created["state"].as_str(), created["generation_type"].as_str()), (Some("queued"), Some("video")));
    assert_eq!(created["request"]["duration"], "5s");
    let id = created["id"].as_str().unwrap();

    let seen = poll(&t, id).await;
    let states: Vec<&str> = seen.iter().map(|g| g["state"].as_str().unwrap()).collect();
    assert!(states.contains(&"dreaming"), "{states:?}");
    let first_dream = states.iter().position(|s| *s == "dreaming").unwrap();
    assert!(states[..first_dream].iter().all(|s| *s == "queued"), "{states:?}");
    let done = seen.last().unwrap();
    assert_eq!(done["state"], "completed");
    assert!(done["failure_reason"].is_null());
    let url = done["assets"]["video"].as_str().unwrap();
    // Public like Luma's CDN: no key.
    let bytes = t.http.get(url).send().await.unwrap().bytes().await.unwrap();
    let (w, h, secs, audio) = probe(&bytes);
    assert_eq!((w, h, audio), (540, 540, false));
    assert!((secs - 5.0).abs() < 0.2, "{secs}");

    let typed = call(&t, Method::POST, "/generations/video")
        .json(&json!({"model": "ray-2", "prompt": "x", "duration": "9s", "aspect_ratio": "9:16", "resolution": "540p"}))
        .send()
        .await
        .unwrap();
    assert_eq!(typed.status(), 201);
    let typed: Value = typed.json().await.unwrap();
    let list: Value = call(&t, Method::GET, "/generations?limit=1").send().await.unwrap().json().await.unwrap();
    assert_eq!((list["count"].as_u64(), list["has_more"].as_bool()), (Some(2), Some(true)));
    assert_eq!(list["generations"][0]["id"], typed["id"], "newest first");

    let typed_id = typed["id"].as_str().unwrap();
    let deleted = call(&t, Method::DELETE, &format!("/generations/{typed_id}")).send().await.unwrap();
    assert_eq!(deleted.status(), 204);
    let gone = call(&t, Method::GET, &format!("/generations/{typed_id}")).send().await.unwrap();
    assert_eq!(gone.status(), 404);
    let recorded = &t.sim.stats().submits;
    assert_eq!((recorded[0].route.as_str(), recorded[0].endpoint.as_str()), ("luma", "ray-flash-2"));
    assert_eq!(t.sim.stats().requests["luma.delete"], 1);
}
