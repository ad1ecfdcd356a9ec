//! Every fault kind on the MiniMax routes: business errors in `base_resp` with HTTP 200,
//! gateway errors as real HTTP failures, and failed tasks with their code.

use dailies_sim::{Fault, FaultKind, FaultOp};
use reqwest::Method;
use serde_json::Value;

use super::{code, hailuo};
use crate::common::start;

#[tokio::test]
async fn business_errors_arrive_in_base_resp_with_http_200() {
    let t = start().await;
    t.sim.inject(Fault::once("minimax", FaultOp::Submit, FaultKind::RateLimit { retry_after_s: 1 }));
    assert_eq!(code(&t.minimax_create(hailuo()).await), 1002);
    t.sim.inject(Fault::once("minimax", FaultOp::Submit, FaultKind::InsufficientBalance));
    let poor = t.minimax_create(hailuo()).await;
    assert_eq!((code(&poor), poor["base_resp"]["status_msg"].as_str()), (1008, Some("insufficient balance")));
    assert!(t.sim.stats().submits.is_empty(), "refused tasks are not created");

    t.sim.inject(Fault::once("minimax", FaultOp::Submit, FaultKind::Malformed));
    let garbled = t.minimax(Method::POST, "/v1/video_generation").json(&hailuo()).send().await.unwrap();
    assert_eq!(garbled.headers()["content-type"], "text/html");
}

#[tokio::test]
async fn gateway_errors_and_garbled_bodies_on_query_retrieve_and_download() {
    let t = start().await;
    let task_id = t.minimax_create(hailuo()).await["task_id"].as_str().unwrap().to_owned();
    t.sim.inject(Fault::once("minimax", FaultOp::Status, FaultKind::ServerError { status: 502 }));
    let path = format!("/v1/query/video_generation?task_id={task_id}");
    let gateway = t.minimax(Method::GET, &path).send().await.unwrap();
    assert_eq!(gateway.status(), 502);
    assert!(gateway.text().await.unwrap().contains("nginx"));
    t.sim.inject(Fault::once("minimax", FaultOp::Status, FaultKind::Malformed));
    let odd = t.minimax_query(&task_id).await;
    assert!(odd.get("base_resp").is_none() && odd["status"].is_number(), "{odd}");

    let done = t.minimax_poll(&task_id).await.pop().unwrap();
    let file_id = done["file_id"].as_str().unwrap();
    t.sim.inject(Fault::once("minimax", FaultOp::Result, FaultKind::Malformed));
    assert!(t.minimax_retrieve(file_id).await["file"]["download_url"].is_number());
    t.sim.inject(Fault::once("minimax", FaultOp::Content, FaultKind::ServerError { status: 503 }));
    let url = t.minimax_retrieve(file_id).await["file"]["download_url"].as_str().unwrap().to_owned();
    assert_eq!(t.http.get(&url).send().await.unwrap().status(), 503);
    assert_eq!(t.http.get(&url).send().await.unwrap().status(), 200);
}

#[tokio::test]
async fn failed_tasks_report_fail_with_their_code() {
    let t = start().await;
    t.sim.inject(Fault::once("minimax", FaultOp::Submit, FaultKind::ContentPolicy));
    let task_id = t.minimax_create(hailuo()).await["task_id"].as_str().unwrap().to_owned();
    let seen = t.minimax_poll(&task_id).await;
    let done: &Value = seen.last().unwrap();
    assert_eq!((done["status"].as_str(), code(done)), (Some("Fail"), 1027));

    let kind = FaultKind::FailCompleted { error_type: "1033".into(), message: "downstream error".into() };
    t.sim.inject(Fault::once("minimax", FaultOp::Submit, kind));
    let task_id = t.minimax_create(hailuo()).await["task_id"].as_str().unwrap().to_owned();
    let done = t.minimax_poll(&task_id).await.pop().unwrap();
    assert_eq!((code(&done), done["base_resp"]["status_msg"].as_str()), (1033, Some("downstream error")));
}
