//! Auth, validation (types, enums, unknown fields, couplings) and every fault kind, each in
//! Google's `{"error": {code, message, status}}` envelope.

use dailies_sim::{Fault, FaultKind, FaultOp};
use serde_json::{json, Value};

use super::{assert_google_error, get, poll, predict, small, VEO31};
use crate::common::start;

#[tokio::test]
async fn keys_are_checked_like_google() {
    let t = start().await;
    let url = format!("{}/v1beta/models/{VEO31}:predictLongRunning", t.sim.route_base_url("google").unwrap());
    let missing = t.http.post(&url).json(&small("x")).send().await.unwrap();
    assert_eq!(missing.status(), 403);
    assert_google_error(&missing.json().await.unwrap(), 403, "PERMISSION_DENIED");
    let wrong = t.http.post(&url).header("x-goog-api-key", "AIza-wrong").json(&small("x")).send().await.unwrap();
    assert_eq!(wrong.status(), 400);
    let body: Value = wrong.json().await.unwrap();
    assert_google_error(&body, 400, "INVALID_ARGUMENT");
    assert_eq!(body["error"]["details"][0]["reason"], "API_KEY_INVALID");
    assert!(!body.to_string().contains("AIza-wrong"));
}

#[tokio::test]
async fn invalid_requests_are_400_invalid_argument() {
    let t = start().await;
    let p = |params: Value| json!({"instances": [{"prompt": "x"}], "parameters": params});
    let cases = [
        (VEO31, p(json!({"durationSeconds": 6, "resolution": "1080p"})), "durationSeconds must be 8"),
        (VEO31, p(json!({"durationSeconds": 5})), "durationSeconds must be one of 4, 6, 8"),
        (VEO31, p(json!({"durationSeconds": "eight"})), "TYPE_INT32"),
        (VEO31, p(json!({"aspectRatio": "1:1"})), "aspectRatio"),
        (VEO31, p(json!({"generateAudio": false})), "not supported in Gemini API"),
        (VEO31, p(json!({"seed": 7})), "not supported in Gemini API"),
        (VEO31, p(json!({"quality": "high"})), "Unknown name \"quality\""),
        (VEO31, p(json!({"personGeneration": "dont_allow"})), "personGeneration"),
        (VEO31, json!({"instances": [{"prompt": "x", "image": {"gcsUri": "gs://b/i.png"}}]}), "gcsUri"),
        (VEO31, json!({"instances": [{"prompt": "x"}], "extra": 1}), "Unknown name \"extra\""),
        ("veo-3.0-generate-001", p(json!({"resolution": "1080p", "aspectRatio": "9:16"})), "16:9"),
        ("veo-3.0-generate-001", p(json!({"resolution": "4k"})), "resolution"),
        ("veo-2.0-generate-001", p(json!({"resolution": "720p"})), "resolution parameter is not supported"),
    ];
    for (model, body, needle) in cases {
        let response = predict(&t, model, body.clone()).await;
        assert_eq!(response.status(), 400, "{body}");
        let error: Value = response.json().await.unwrap();
        assert_google_error(&error, 400, "INVALID_ARGUMENT");
        assert!(error["error"]["message"].as_str().unwrap().contains(needle), "{body}: {error}");
    }
    let unknown = predict(&t, "veo-9", small("x")).await;
    assert_eq!(unknown.status(), 404);
    assert_google_error(&unknown.json().await.unwrap(), 404, "NOT_FOUND");
    let image = json!({"instances": [{"prompt": "x", "image": {"bytesBase64Encoded": "iVBORw0KGgo=", "mimeType": "image/png"}}],
        "parameters": {"durationSeconds": 4}});
    assert_eq!(predict(&t, VEO31, image).await.status(), 200);
    assert!(t.sim.stats().submits.len() == 1, "only the valid request became a job");
}

#[tokio::test]
async fn request_faults_use_googles_shapes() {
    let t = start().await;
    t.sim.inject(Fault::once("google", FaultOp::Submit, FaultKind::RateLimit { retry_after_s: 2 }));
    t.sim.inject(Fault::once("google", FaultOp::Submit, FaultKind::InsufficientBalance));
    t.sim.inject(Fault::once("google", FaultOp::Submit, FaultKind::ServerError { status: 503 }));
    t.sim.inject(Fault::once("google", FaultOp::Submit, FaultKind::Malformed));
    let limited = predict(&t, VEO31, small("x")).await;
    assert_eq!(limited.status(), 429);
    let body: Value = limited.json().await.unwrap();
    assert_google_error(&body, 429, "RESOURCE_EXHAUSTED");
    let retry = body["error"]["details"].as_array().unwrap().iter().find_map(|d| d["retryDelay"].as_str());
    assert_eq!(retry, Some("2s"));
    let billing: Value = predict(&t, VEO31, small("x")).await.json().await.unwrap();
    assert_eq!(billing["error"]["status"], "FAILED_PRECONDITION");
    let down = predict(&t, VEO31, small("x")).await;
    assert_eq!(down.status(), 503);
    assert_google_error(&down.json().await.unwrap(), 503, "UNAVAILABLE");
    let html = predict(&t, VEO31, small("x")).await;
    assert_eq!(html.status(), 200);
    assert!(html.json::<Value>().await.is_err(), "a malformed submit is not JSON");

    let op: Value = predict(&t, VEO31, small("x")).await.json().await.unwrap();
    let name = op["name"].as_str().unwrap();
    t.sim.inject(Fault::once("google", FaultOp::Status, FaultKind::Malformed));
    let odd: Value = get(&t, name).await.json().await.unwrap();
    assert!(!odd["done"].is_boolean(), "{odd}");
    t.sim.inject(Fault::once("google", FaultOp::Result, FaultKind::Malformed));
    let seen = poll(&t, name).await;
    assert!(seen.iter().any(|op| op["done"] == "yes"), "the result fault fires on the done operation: {seen:?}");
}

#[tokio::test]
async fn failed_and_filtered_operations() {
    let t = start().await;
    t.sim.inject(Fault::once(
        "google",
        FaultOp::Submit,
        FaultKind::FailCompleted { error_type: "INTERNAL".into(), message: "Video generation failed.".into() },
    ));
    let op: Value = predict(&t, VEO31, small("x")).await.json().await.unwrap();
    let done = poll(&t, op["name"].as_str().unwrap()).await.pop().unwrap();
    assert_eq!(done["error"], json!({"code": 13, "message": "Video generation failed."}));
    assert!(done.get("response").is_none());

    t.sim.inject(Fault::once("google", FaultOp::Submit, FaultKind::ContentPolicy));
    let op: Value = predict(&t, VEO31, small("x")).await.json().await.unwrap();
    let done = poll(&t, op["name"].as_str().unwrap()).await.pop().unwrap();
    let video = &done["response"]["generateVideoResponse"];
    assert!(done.get("error").is_none() && video.get("generatedSamples").is_none(), "{done}");
    assert_eq!(video["raiMediaFilteredCount"], 1);
    assert!(video["raiMediaFilteredReasons"][0].as_str().unwrap().contains("Prohibited Use Policy"));
}
