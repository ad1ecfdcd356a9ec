//! Every request- and job-level fault kind on the fal routes.

use dailies_sim::{Fault, FaultKind, FaultOp};
use serde_json::{json, Value};

use crate::common::{small, start, V3_STD};

#[tokio::test]
async fn rate_limit_on_submit_is_429_with_retry_after_then_clears() {
    let t = start().await;
    t.sim.inject(Fault::once("fal", FaultOp::Submit, FaultKind::RateLimit { retry_after_s: 3 }));
    let limited = t.fal_submit(V3_STD, small()).await;
    assert_eq!(limited.status(), 429);
    assert_eq!(limited.headers()["retry-after"], "3");
    let body: Value = limited.json().await.unwrap();
    assert!(body["detail"].is_string());
    assert_eq!(t.fal_submit(V3_STD, small()).await.status(), 200, "fault fires once");
}

#[tokio::test]
async fn server_error_on_status_is_flat_with_error_type_header() {
    let t = start().await;
    let submit = t.fal_small_job().await;
    t.sim.inject(Fault::once("fal", FaultOp::Status, FaultKind::ServerError { status: 503 }));
    let status_url = submit["status_url"].as_str().unwrap();
    let failed = t.fal_get(status_url).send().await.unwrap();
    assert_eq!(failed.status(), 503);
    assert_eq!(failed.headers()["x-fal-error-type"], "runner_scheduling_failure");
    let body: Value = failed.json().await.unwrap();
    assert_eq!(body["error_type"], "runner_scheduling_failure");
    assert!(body["detail"].is_string());
    assert!(matches!(t.fal_get(status_url).send().await.unwrap().status().as_u16(), 200 | 202));
}

#[tokio::test]
async fn fail_completed_replays_the_model_error_on_result() {
    let t = start().await;
    let kinds = [("runner_server_error", 500, true), ("generation_timeout", 504, false)];
    for (error_type, status, flat) in kinds {
        t.sim.inject(Fault::once(
            "fal",
            FaultOp::Submit,
            FaultKind::FailCompleted { error_type: error_type.into(), message: "boom".into() },
        ));
        let submit = t.fal_small_job().await;
        let seen = t.fal_poll(submit["status_url"].as_str().unwrap()).await;
        let (code, done) = seen.last().unwrap();
        assert_eq!(*code, 200, "a failed job is still COMPLETED");
        assert_eq!(done["error"], "boom");
        assert_eq!(done["error_type"], error_type);
        let result = t.fal_get(submit["response_url"].as_str().unwrap()).send().await.unwrap();
        assert_eq!(result.status().as_u16(), status);
        let has_header = result.headers().contains_key("x-fal-error-type");
        let body: Value = result.json().await.unwrap();
        if flat {
            assert!(has_header);
            assert_eq!(body, json!({"detail": "boom", "error_type": error_type}));
        } else {
            assert_eq!(body["detail"][0]["type"], error_type);
        }
    }
}

#[tokio::test]
async fn content_policy_fails_the_job_with_a_422_detail() {
    let t = start().await;
    t.sim.inject(Fault {
        endpoint_contains: Some("v3/standard".into()),
        ..Fault::once("fal", FaultOp::Submit, FaultKind::ContentPolicy)
    });
    let submit = t.fal_small_job().await;
    let seen = t.fal_poll(submit["status_url"].as_str().unwrap()).await;
    assert_eq!(seen.last().unwrap().1["error_type"], "content_policy_violation");
    let result = t.fal_get(submit["response_url"].as_str().unwrap()).send().await.unwrap();
    assert_eq!(result.status(), 422);
    let body: Value = result.json().await.unwrap();
    assert_eq!(body["detail"][0]["type"], "content_policy_violation");
    assert!(body["detail"][0]["loc"].is_array());
}

#[tokio::test]
async fn insufficient_balance_is_403_user_locked() {
    let t = start().await;
    t.sim.inject(Fault::once("fal", FaultOp::Submit, FaultKind::InsufficientBalance));
    let locked = t.fal_submit(V3_STD, small()).await;
    assert_eq!(locked.status(), 403);
    let body: Value = locked.json().await.unwrap();
    assert_eq!(body["detail"], "User is locked. Reason: Exhausted balance");
}

#[tokio::test]
async fn malformed_responses_are_200_but_unusable() {
    let t = start().await;
    t.sim.inject(Fault::once("fal", FaultOp::Submit, FaultKind::Malformed));
    let submit = t.fal_submit(V3_STD, small()).await;
    assert_eq!(submit.status(), 200);
    assert!(serde_json::from_str::<Value>(&submit.text().await.unwrap()).is_err());

    let job = t.fal_small_job().await;
    t.fal_poll(job["status_url"].as_str().unwrap()).await;
    t.sim.inject(Fault::once("fal", FaultOp::Result, FaultKind::Malformed));
    let result: Value = t.fal_get(job["response_url"].as_str().unwrap()).send().await.unwrap().json().await.unwrap();
    assert!(!result["video"].is_object());
    t.sim.inject(Fault::once("fal", FaultOp::Content, FaultKind::Malformed));
    let output: Value = t.fal_get(job["response_url"].as_str().unwrap()).send().await.unwrap().json().await.unwrap();
    let bytes = t.http.get(output["video"]["url"].as_str().unwrap()).send().await.unwrap().bytes().await.unwrap();
    assert_ne!(bytes.get(4..8), Some(&b"ftyp"[..]));
}
