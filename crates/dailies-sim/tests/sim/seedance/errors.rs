//! Auth, Ark's string error codes for bad parameters, cancel semantics and every fault kind.

use dailies_sim::{Fault, FaultKind, FaultOp, Timing};
use reqwest::Method;
use serde_json::{json, Value};

use super::{assert_ark_error, call, create, poll, task, tasks, text, V1, V2};
use crate::common::start;

#[tokio::test]
async fn a_missing_or_wrong_key_is_an_authentication_error() {
    let t = start().await;
    let missing = t.http.post(tasks(&t, "")).json(&text(V2, "x")).send().await.unwrap();
    assert_eq!(missing.status(), 401);
    assert_ark_error(&missing.json().await.unwrap(), "AuthenticationError");
    let wrong = t.http.get(tasks(&t, "/cgt-1")).bearer_auth("ark-wrong").send().await.unwrap();
    assert_eq!(wrong.status(), 401);
}

#[tokio::test]
async fn invalid_parameters_name_the_parameter() {
    let t = start().await;
    let with = |model: &str, patch: Value| {
        let mut body = text(model, "x");
        body.as_object_mut().unwrap().extend(patch.as_object().unwrap().clone());
        body
    };
    let cases = [
        (with(V2, json!({"duration": 20})), "InvalidParameter", "duration"),
        (with(V2, json!({"duration": "5"})), "InvalidParameter", "duration"),
        (with(V2, json!({"resolution": "1440p"})), "InvalidParameter", "resolution"),
        (with(V2, json!({"ratio": "5:4"})), "InvalidParameter", "ratio"),
        (with(V2, json!({"service_tier": "flex"})), "InvalidParameter.UnsupportedParameter", "service_tier"),
        (with(V1, json!({"generate_audio": true})), "InvalidParameter.UnsupportedParameter", "generate_audio"),
        (with(V1, json!({"frames": 30})), "InvalidParameter", "frames"),
        (with(V2, json!({"negative_prompt": "rain"})), "InvalidParameter", "negative_prompt"),
        (
            with(V2, json!({"content": [{"type": "image_url", "image_url": {"url": ""}, "role": "first_frame"}]})),
            "InvalidImageURL.EmptyURL",
            "",
        ),
        (
            with(V2, json!({"content": [{"type": "image_url", "image_url": {"url": "ftp://x"}}]})),
            "InvalidImageURL.InvalidFormat",
            "",
        ),
        (
            with(
                V2,
                json!({"content": [{"type": "image_url", "image_url": {"url": "https://e/x.png"}, "role": "last_frame"}]}),
            ),
            "InvalidParameter",
            "content",
        ),
    ];
    for (body, code, param) in cases {
        let response = create(&t, body.clone()).await;
        assert_eq!(response.status(), 400, "{body}");
        let error: Value = response.json().await.unwrap();
        assert_ark_error(&error, code);
        assert_eq!(error["error"]["param"], param, "{body}");
    }
    let unknown = create(&t, text("doubao-seedance-1-0-lite-t2v-250428", "x")).await;
    assert_eq!(unknown.status(), 404);
    assert_ark_error(&unknown.json().await.unwrap(), "InvalidEndpointOrModel.NotFound");
    let i2v = with(
        V2,
        json!({"content": [{"type": "text", "text": "x"}, {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBO"}, "role": "first_frame"}]}),
    );
    assert_eq!(create(&t, i2v).await.status(), 200);
}

#[tokio::test]
async fn queued_tasks_cancel_and_running_ones_refuse() {
    let t = start().await;
    t.sim.set_timing(Timing { queue_ms: 3000, generate_ms: 3000, queue_positions: 1, jitter_pct: 0 });
    let id = create(&t, text(V2, "x")).await.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned();
    assert_eq!(call(&t, Method::DELETE, &format!("/{id}")).send().await.unwrap().status(), 200);
    assert_eq!(task(&t, &id).await["status"], "cancelled");
    let again = call(&t, Method::DELETE, &format!("/{id}")).send().await.unwrap();
    assert_eq!(again.status(), 400, "a cancelled task cannot be deleted");

    t.sim.set_timing(Timing { queue_ms: 10, generate_ms: 3000, queue_positions: 1, jitter_pct: 0 });
    let id = create(&t, text(V2, "x")).await.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(task(&t, &id).await["status"], "running");
    let refused = call(&t, Method::DELETE, &format!("/{id}")).send().await.unwrap();
    assert_eq!(refused.status(), 400);
    assert!(refused.json::<Value>().await.unwrap()["error"]["message"].as_str().unwrap().contains("running"));
}

#[tokio::test]
async fn faults_use_ark_codes() {
    let t = start().await;
    t.sim.inject(Fault::once("seedance", FaultOp::Submit, FaultKind::RateLimit { retry_after_s: 2 }));
    t.sim.inject(Fault::once("seedance", FaultOp::Submit, FaultKind::InsufficientBalance));
    t.sim.inject(Fault::once("seedance", FaultOp::Submit, FaultKind::ServerError { status: 500 }));
    let limited = create(&t, text(V2, "x")).await;
    assert_eq!((limited.status().as_u16(), limited.headers()["retry-after"].to_str().unwrap()), (429, "2"));
    assert_ark_error(&limited.json().await.unwrap(), "RateLimitExceeded.EndpointRPMExceeded");
    let broke = create(&t, text(V2, "x")).await;
    assert_eq!(broke.status(), 403);
    assert_ark_error(&broke.json().await.unwrap(), "AccountOverdueError");
    assert_ark_error(&create(&t, text(V2, "x")).await.json().await.unwrap(), "InternalServiceError");

    t.sim.inject(Fault::once("seedance", FaultOp::Submit, FaultKind::ContentPolicy));
    let id = create(&t, text(V2, "x")).await.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned();
    let done = poll(&t, &id).await.pop().unwrap();
    assert_eq!(done["status"], "failed");
    assert_eq!(done["error"]["code"], "OutputVideoSensitiveContentDetected");
    assert!(done.get("usage").is_none() && done.get("content").is_none(), "failed tasks are not billed: {done}");

    let id = create(&t, text(V2, "x")).await.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned();
    t.sim.inject(Fault::once("seedance", FaultOp::Status, FaultKind::Malformed));
    let odd: Value = call(&t, Method::GET, &format!("/{id}")).send().await.unwrap().json().await.unwrap();
    assert!(!odd["status"].is_string());
}
