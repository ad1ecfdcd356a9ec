//! OpenAI Videos errors: parameter validation, auth, moderation and scripted faults.

use dailies_sim::{Fault, FaultKind, FaultOp};
use reqwest::Method;
use serde_json::{json, Value};

use crate::common::{assert_envelope, create, start};

#[tokio::test]
async fn invalid_parameters_are_400_with_the_param_named() {
    let t = start().await;
    let cases = [
        (json!({"prompt": "x", "seconds": 8}), "seconds", "invalid_type"),
        (json!({"prompt": "x", "seconds": "5"}), "seconds", "invalid_value"),
        (json!({"prompt": "x", "size": "1920x1080"}), "size", "invalid_value"),
        (json!({"prompt": "x", "size": "1792x1024"}), "size", "invalid_value"),
        (json!({"prompt": "x", "model": "sora-3"}), "model", "invalid_value"),
        (json!({"prompt": "x", "quality": "high"}), "quality", "unknown_parameter"),
        (json!({"prompt": ""}), "prompt", "string_below_min_length"),
        (json!({"seconds": "4"}), "prompt", "missing_required_parameter"),
        (
            json!({"prompt": "x", "input_reference": {"image_url": "https://e/x.png", "file_id": "file-1"}}),
            "input_reference",
            "invalid_value",
        ),
    ];
    for (body, param, code) in cases {
        let response = create(&t, body.clone()).await;
        assert_eq!(response.status(), 400, "{body}");
        let error: Value = response.json().await.unwrap();
        assert_envelope(&error);
        assert_eq!(error["error"]["type"], "invalid_request_error");
        assert_eq!(
            (error["error"]["param"].as_str(), error["error"]["code"].as_str()),
            (Some(param), Some(code)),
            "{body}"
        );
    }
    let ok = json!({"prompt": "x", "input_reference": {"image_url": "data:image/png;base64,iVBO"}});
    assert_eq!(create(&t, ok).await.status(), 200);
}

#[tokio::test]
async fn wrong_key_is_401_with_the_full_envelope() {
    let t = start().await;
    let url = format!("{}/videos", t.sim.openai_base_url());
    let wrong =
        t.http.post(&url).bearer_auth("sk-wrong-key-123456").json(&json!({"prompt": "x"})).send().await.unwrap();
    assert_eq!(wrong.status(), 401);
    let body: Value = wrong.json().await.unwrap();
    assert_envelope(&body);
    assert_eq!(body["error"]["code"], "invalid_api_key");
    assert!(!body["error"]["message"].as_str().unwrap().contains("sk-wrong-key-123456"));
    let missing = t.http.get(&url).send().await.unwrap();
    assert_eq!(missing.status(), 401);
    assert_envelope(&missing.json().await.unwrap());
}

#[tokio::test]
async fn moderation_block_fails_the_video_and_content_is_404() {
    let t = start().await;
    t.sim.inject(Fault::once("openai", FaultOp::Submit, FaultKind::ContentPolicy));
    let video: Value = create(&t, json!({"prompt": "x"})).await.json().await.unwrap();
    let id = video["id"].as_str().unwrap();
    let early = t.openai(Method::GET, &format!("/videos/{id}/content")).send().await.unwrap();
    assert_eq!(early.status(), 404, "no content before completion");
    assert_envelope(&early.json().await.unwrap());
    let done = t.openai_poll(id).await.pop().unwrap();
    assert_eq!(done["status"], "failed");
    assert_eq!(done["error"]["code"], "moderation_blocked");
    assert_eq!(done["error"]["message"], "Your request was blocked by our moderation system.");
    let content = t.openai(Method::GET, &format!("/videos/{id}/content")).send().await.unwrap();
    assert_eq!(content.status(), 404);
}

#[tokio::test]
async fn rate_limit_and_quota_are_429_with_retry_headers() {
    let t = start().await;
    t.sim.inject(Fault::once("openai", FaultOp::Submit, FaultKind::RateLimit { retry_after_s: 2 }));
    t.sim.inject(Fault::once("openai", FaultOp::Submit, FaultKind::InsufficientBalance));
    let limited = create(&t, json!({"prompt": "x"})).await;
    assert_eq!(limited.status(), 429);
    assert_eq!(limited.headers()["retry-after"], "2");
    assert_eq!(limited.headers()["retry-after-ms"], "2000");
    let body: Value = limited.json().await.unwrap();
    assert_envelope(&body);
    assert_eq!(body["error"]["code"], "rate_limit_exceeded");
    let quota: Value = create(&t, json!({"prompt": "x"})).await.json().await.unwrap();
    assert_eq!(quota["error"]["type"], "insufficient_quota");
    assert_eq!(create(&t, json!({"prompt": "x"})).await.status(), 200);
}

#[tokio::test]
async fn server_error_and_malformed_status() {
    let t = start().await;
    let video: Value = create(&t, json!({"prompt": "x"})).await.json().await.unwrap();
    let path = format!("/videos/{}", video["id"].as_str().unwrap());
    t.sim.inject(Fault::once("openai", FaultOp::Status, FaultKind::ServerError { status: 500 }));
    t.sim.inject(Fault::once("openai", FaultOp::Status, FaultKind::Malformed));
    let failed = t.openai(Method::GET, &path).send().await.unwrap();
    assert_eq!(failed.status(), 500);
    let body: Value = failed.json().await.unwrap();
    assert_eq!(body["error"]["type"], "server_error");
    let odd: Value = t.openai(Method::GET, &path).send().await.unwrap().json().await.unwrap();
    assert!(!odd["status"].is_string());
}
