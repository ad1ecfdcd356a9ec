//! Auth, validation and faults on the Dream Machine routes.

use dailies_sim::{Fault, FaultKind, FaultOp};
use reqwest::Method;
use serde_json::{json, Value};

use super::{api, call, create, poll, small};
use crate::common::start;

#[tokio::test]
async fn bearer_keys_are_required() {
    let t = start().await;
    let missing = t.http.post(api(&t, "/generations")).json(&small()).send().await.unwrap();
    assert_eq!(missing.status(), 401);
    let wrong = t.http.post(api(&t, "/generations")).bearer_auth("luma-api-wrong").json(&small()).send().await.unwrap();
    assert_eq!(wrong.status(), 401);
    let body: Value = wrong.json().await.unwrap();
    assert!(body["detail"].is_string() && !body.to_string().contains("luma-api-wrong"));
}

#[tokio::test]
async fn invalid_bodies_are_refused_with_the_field_named() {
    let t = start().await;
    let with = |patch: Value| {
        let mut body = small();
        body.as_object_mut().unwrap().extend(patch.as_object().unwrap().clone());
        body
    };
    let cases = [
        (with(json!({"duration": 5})), "duration"),
        (with(json!({"duration": "10s"})), "duration"),
        (with(json!({"resolution": "2k"})), "resolution"),
        (with(json!({"aspect_ratio": "5:4"})), "aspect_ratio"),
        (with(json!({"model": "ray-9"})), "model"),
        (with(json!({"negative_prompt": "rain"})), "negative_prompt"),
        (with(json!({"loop": "yes"})), "loop"),
        (with(json!({"keyframes": {"frame0": {"type": "image", "url": "data:image/png;base64,AA=="}}})), "keyframes"),
        (json!({"prompt": "x"}), "model"),
    ];
    for (body, field) in cases {
        let response = create(&t, body.clone()).await;
        assert_eq!(response.status(), 400, "{body}");
        let error: Value = response.json().await.unwrap();
        assert!(error["detail"].as_str().unwrap().contains(field), "{body}: {error}");
    }
    assert!(t.sim.stats().submits.is_empty());
}

#[tokio::test]
async fn request_faults_and_failed_generations() {
    let t = start().await;
    t.sim.inject(Fault::once("luma", FaultOp::Submit, FaultKind::RateLimit { retry_after_s: 2 }));
    t.sim.inject(Fault::once("luma", FaultOp::Submit, FaultKind::InsufficientBalance));
    let limited = create(&t, small()).await;
    assert_eq!((limited.status().as_u16(), limited.headers()["retry-after"].to_str().unwrap()), (429, "2"));
    let broke: Value = create(&t, small()).await.json().await.unwrap();
    assert!(broke["detail"].as_str().unwrap().contains("credits"));

    t.sim.inject(Fault::once("luma", FaultOp::Submit, FaultKind::ContentPolicy));
    let g: Value = create(&t, small()).await.json().await.unwrap();
    let done = poll(&t, g["id"].as_str().unwrap()).await.pop().unwrap();
    assert_eq!(done["state"], "failed");
    assert!(done["failure_reason"].as_str().unwrap().contains("moderation"));
    assert!(done["assets"].is_null());

    let g: Value = create(&t, small()).await.json().await.unwrap();
    let id = g["id"].as_str().unwrap();
    t.sim.inject(Fault::once("luma", FaultOp::Status, FaultKind::ServerError { status: 502 }));
    let down = call(&t, Method::GET, &format!("/generations/{id}")).send().await.unwrap();
    assert_eq!(down.status(), 502);
    t.sim.inject(Fault::once("luma", FaultOp::Status, FaultKind::Malformed));
    let odd: Value = call(&t, Method::GET, &format!("/generations/{id}")).send().await.unwrap().json().await.unwrap();
    assert!(!odd["state"].is_string());
    let done = poll(&t, id).await.pop().unwrap();
    t.sim.inject(Fault::once("luma", FaultOp::Content, FaultKind::Malformed));
    let junk = t.http.get(done["assets"]["video"].as_str().unwrap()).send().await.unwrap().bytes().await.unwrap();
    assert_eq!(&junk[..], b"this is not an mp4");
}
