//! Every fault kind on the Replicate routes, in Replicate's own error shapes.

use dailies_sim::{Fault, FaultKind, FaultOp};
use reqwest::Method;
use serde_json::Value;

use super::{problem, small_kling, KLING};
use crate::common::start;

#[tokio::test]
async fn request_faults_use_problem_bodies() {
    let t = start().await;
    t.sim.inject(Fault::once("replicate", FaultOp::Submit, FaultKind::RateLimit { retry_after_s: 2 }));
    let limited = t.replicate_create(KLING, small_kling()).await;
    assert_eq!(limited.headers()["retry-after"], "2");
    let (status, body) = problem(limited).await;
    assert_eq!(status, 429);
    assert_eq!(body["detail"], "Request was throttled. Your rate limit resets in ~2s.");

    t.sim.inject(Fault::once("replicate", FaultOp::Submit, FaultKind::InsufficientBalance));
    let (status, body) = problem(t.replicate_create(KLING, small_kling()).await).await;
    assert_eq!((status, body["title"].as_str()), (402, Some("Insufficient credit")));

    t.sim.inject(Fault::once("replicate", FaultOp::Submit, FaultKind::Malformed));
    let garbled = t.replicate_create(KLING, small_kling()).await;
    assert_eq!(garbled.headers()["content-type"], "text/html");
    assert!(t.sim.stats().submits.is_empty(), "faulted creates make no prediction");

    let created: Value = t.replicate_create(KLING, small_kling()).await.json().await.unwrap();
    let id = created["id"].as_str().unwrap();
    t.sim.inject(Fault::once("replicate", FaultOp::Status, FaultKind::ServerError { status: 503 }));
    let (status, _) = problem(t.replicate(Method::GET, &format!("/predictions/{id}")).send().await.unwrap()).await;
    assert_eq!(status, 503);
    t.sim.inject(Fault::once("replicate", FaultOp::Status, FaultKind::Malformed));
    let odd: Value =
        t.replicate(Method::GET, &format!("/predictions/{id}")).send().await.unwrap().json().await.unwrap();
    assert!(odd["status"].is_number(), "{odd}");

    let done = t.replicate_poll(id).await.pop().unwrap();
    t.sim.inject(Fault::once("replicate", FaultOp::Result, FaultKind::Malformed));
    let odd: Value =
        t.replicate(Method::GET, &format!("/predictions/{id}")).send().await.unwrap().json().await.unwrap();
    assert!(odd["output"].is_object(), "a finished prediction's read gets the result fault: {odd}");
    t.sim.inject(Fault::once("replicate", FaultOp::Content, FaultKind::ServerError { status: 502 }));
    let url = done["output"].as_str().unwrap();
    let file = t.http.get(url).bearer_auth(dailies_sim::demo_keys::REPLICATE).send().await.unwrap();
    assert_eq!(file.status(), 502);
}

#[tokio::test]
async fn job_faults_fail_the_prediction_with_its_error_string() {
    let t = start().await;
    t.sim.inject(Fault::once("replicate", FaultOp::Submit, FaultKind::ContentPolicy));
    let created: Value = t.replicate_create(KLING, small_kling()).await.json().await.unwrap();
    let done = t.replicate_poll(created["id"].as_str().unwrap()).await.pop().unwrap();
    assert_eq!(done["status"], "failed");
    assert!(done["error"].as_str().unwrap().ends_with("(E005)"), "{done}");

    let message = "CUDA error: out of memory".to_string();
    let kind = FaultKind::FailCompleted { error_type: "model_error".into(), message: message.clone() };
    t.sim.inject(Fault::once("replicate", FaultOp::Submit, kind));
    let created: Value = t.replicate_create(KLING, small_kling()).await.json().await.unwrap();
    let done = t.replicate_poll(created["id"].as_str().unwrap()).await.pop().unwrap();
    assert_eq!((done["status"].as_str(), done["error"].as_str()), (Some("failed"), Some(message.as_str())));
}
