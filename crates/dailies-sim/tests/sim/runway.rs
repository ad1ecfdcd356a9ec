//! Runway's protocol: bearer key plus `X-Runway-Version`, `{id}` on create, `PENDING →
//! RUNNING → SUCCEEDED` with progress, THROTTLED over the concurrency limit, cancel and
//! delete, and signed output URLs that expire and are re-signed on the next fetch.

mod rules;

use std::time::{Duration, Instant};

use dailies_sim::demo_keys::RUNWAY;
use reqwest::Method;
use serde_json::{json, Value};

use crate::common::{probe, start, start_with, TestSim};

pub fn request(t: &TestSim, method: Method, path: &str) -> reqwest::RequestBuilder {
    let url = format!("{}{path}", t.sim.route_base_url("runway").unwrap());
    t.http.request(method, url).bearer_auth(RUNWAY).header("X-Runway-Version", "2024-11-06")
}

pub async fn create(t: &TestSim, path: &str, body: Value) -> (u16, Value) {
    let response = request(t, Method::POST, path).json(&body).send().await.unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

pub async fn task(t: &TestSim, id: &str) -> (u16, Value) {
    let response = request(t, Method::GET, &format!("/v1/tasks/{id}")).send().await.unwrap();
    (response.status().as_u16(), response.json().await.unwrap_or(Value::Null))
}

/// Polls until a terminal status; every task object seen.
pub async fn poll(t: &TestSim, id: &str) -> Vec<Value> {
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut seen = Vec::new();
    loop {
        let (code, body) = task(t, id).await;
        assert_eq!(code, 200, "{body}");
        let done = matches!(body["status"].as_str(), Some("SUCCEEDED" | "FAILED" | "CANCELLED"));
        seen.push(body);
        if done {
            return seen;
        }
        assert!(Instant::now() < deadline, "task never finished: {seen:?}");
        tokio::time::sleep(Duration::from_millis(40)).await;
    }
}

pub fn gen45() -> Value {
    json!({"model": "gen4.5", "promptText": "a red kite", "ratio": "720:1280", "duration": 2})
}

fn words(seen: &[Value]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in seen.iter().filter_map(|v| v["status"].as_str()) {
        if out.last().map(String::as_str) != Some(s) {
            out.push(s.to_owned());
        }
    }
    out
}

#[tokio::test]
async fn text_to_video_pending_running_succeeded_with_a_playable_output() {
    let t = start().await;
    let (code, created) = create(&t, "/v1/text_to_video", gen45()).await;
    assert_eq!(code, 200, "{created}");
    assert_eq!(created.as_object().unwrap().len(), 1, "create answers only {{id}}: {created}");
    let id = created["id"].as_str().unwrap();
    let seen = poll(&t, id).await;
    assert_eq!(words(&seen), ["PENDING", "RUNNING", "SUCCEEDED"]);
    let progress: Vec<f64> = seen.iter().filter_map(|v| v["progress"].as_f64()).collect();
    assert!(progress.iter().all(|p| (0.0..=1.0).contains(p)) && progress.windows(2).all(|w| w[0] <= w[1]));
    let done = seen.last().unwrap();
    assert!(done["createdAt"].as_str().unwrap().ends_with('Z'));
    let url = done["output"][0].as_str().unwrap();
    assert!(url.contains("_jwt="), "{url}");
    let (w, h, secs, audio) = probe(&t.http.get(url).send().await.unwrap().bytes().await.unwrap());
    assert_eq!((w, h, audio), (720, 1280, false));
    assert!((secs - 2.0).abs() < 0.2, "{secs}");
    let stats = t.sim.stats();
    assert_eq!((stats.submits[0].route.as_str(), stats.submits[0].endpoint.as_str()), ("runway", "gen4.5"));
    assert_eq!(stats.requests["runway.content"], 1);
}

#[tokio::test]
async fn over_the_concurrency_limit_tasks_are_throttled_then_run() {
    let t = start().await;
    let mut ids = Vec::new();
    for _ in 0..3 {
        let (code, created) = create(&t, "/v1/text_to_video", gen45()).await;
        assert_eq!(code, 200);
        ids.push(created["id"].as_str().unwrap().to_owned());
    }
    let (_, third) = task(&t, &ids[2]).await;
    assert_eq!(third["status"], "THROTTLED");
    let seen = poll(&t, &ids[2]).await;
    assert_eq!(words(&seen)[..2], ["THROTTLED".to_string(), "PENDING".to_string()]);
    assert_eq!(seen.last().unwrap()["status"], "SUCCEEDED");
}

#[tokio::test]
async fn delete_cancels_a_running_task_and_deletes_a_finished_one() {
    let t = start().await;
    let (_, created) = create(&t, "/v1/text_to_video", gen45()).await;
    let id = created["id"].as_str().unwrap();
    let deleted = request(&t, Method::DELETE, &format!("/v1/tasks/{id}")).send().await.unwrap();
    assert_eq!(deleted.status(), 204);
    assert_eq!(poll(&t, id).await.last().unwrap()["status"], "CANCELLED");
    let again = request(&t, Method::DELETE, &format!("/v1/tasks/{id}")).send().await.unwrap();
    assert_eq!(again.status(), 204, "a finished task is deleted");
    let (code, body) = task(&t, id).await;
    assert_eq!((code, body["error"].as_str()), (404, Some("Task not found")));
}

#[tokio::test]
async fn output_urls_expire_and_a_fresh_fetch_signs_them_again() {
    let t = start_with(|c| c.result_ttl = Duration::from_secs(1)).await;
    let (_, created) = create(
        &t,
        "/v1/text_to_video",
        json!({"model": "veo3.1_fast", "promptText": "fog", "ratio": "1280:720", "duration": 4, "audio": false}),
    )
    .await;
    let id = created["id"].as_str().unwrap();
    let old = poll(&t, id).await.pop().unwrap()["output"][0].as_str().unwrap().to_owned();
    tokio::time::sleep(Duration::from_millis(2100)).await;
    assert_eq!(t.http.get(&old).send().await.unwrap().status(), 403, "expired signature");
    let fresh = task(&t, id).await.1["output"][0].as_str().unwrap().to_owned();
    let bytes = t.http.get(&fresh).send().await.unwrap().bytes().await.unwrap();
    let (w, h, secs, audio) = probe(&bytes);
    assert_eq!((w, h, audio), (1280, 720, false));
    assert!((secs - 4.0).abs() < 0.2);
    let tampered = fresh.replace("_jwt=", "_jwt=x");
    assert_eq!(t.http.get(&tampered).send().await.unwrap().status(), 403);
}
