//! BytePlus Ark content generation tasks: create, `queued → running → succeeded`, usage
//! tokens, presigned video expiry, cancel/delete semantics, Ark error codes and faults.

mod errors;
mod flow;

use std::time::{Duration, Instant};

use dailies_sim::demo_keys::SEEDANCE;
use serde_json::{json, Value};

use crate::common::TestSim;

pub const V2: &str = "dreamina-seedance-2-0-260128";
pub const V1: &str = "seedance-1-0-pro-250528";

pub fn tasks(t: &TestSim, path: &str) -> String {
    format!("{}/contents/generations/tasks{path}", t.sim.route_base_url("seedance").unwrap())
}

pub fn call(t: &TestSim, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
    t.http.request(method, tasks(t, path)).bearer_auth(SEEDANCE)
}

pub async fn create(t: &TestSim, body: Value) -> reqwest::Response {
    call(t, reqwest::Method::POST, "").json(&body).send().await.unwrap()
}

pub fn text(model: &str, prompt: &str) -> Value {
    json!({"model": model, "content": [{"type": "text", "text": prompt}], "resolution": "480p", "ratio": "1:1", "duration": 4})
}

pub async fn task(t: &TestSim, id: &str) -> Value {
    let response = call(t, reqwest::Method::GET, &format!("/{id}")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

/// Polls until a terminal status; returns every task object seen.
pub async fn poll(t: &TestSim, id: &str) -> Vec<Value> {
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut seen = Vec::new();
    loop {
        let body = task(t, id).await;
        let done = matches!(body["status"].as_str(), Some("succeeded" | "failed" | "cancelled" | "expired"));
        seen.push(body);
        if done {
            return seen;
        }
        assert!(Instant::now() < deadline, "task never finished: {seen:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Ark's envelope with the given code.
pub fn assert_ark_error(body: &Value, code: &str) {
    let error = body["error"].as_object().unwrap_or_else(|| panic!("no error envelope: {body}"));
    assert_eq!(error["code"], code, "{body}");
    for key in ["message", "param", "type"] {
        assert!(error.contains_key(key), "envelope lacks {key}: {body}");
    }
}
