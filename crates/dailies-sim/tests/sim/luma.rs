//! Luma's Dream Machine protocol: create, `queued → dreaming → completed | failed`, the public
//! asset, list and delete, strict validation and faults.

mod errors;
mod flow;

use std::time::{Duration, Instant};

use dailies_sim::demo_keys::LUMA;
use serde_json::{json, Value};

use crate::common::TestSim;

pub fn api(t: &TestSim, path: &str) -> String {
    format!("{}{path}", t.sim.route_base_url("luma").unwrap())
}

pub fn call(t: &TestSim, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
    t.http.request(method, api(t, path)).bearer_auth(LUMA)
}

pub async fn create(t: &TestSim, body: Value) -> reqwest::Response {
    call(t, reqwest::Method::POST, "/generations").json(&body).send().await.unwrap()
}

pub fn small() -> Value {
    json!({"model": "ray-flash-2", "prompt": "a red kite", "aspect_ratio": "1:1", "resolution": "540p", "duration": "5s"})
}

/// Polls until `completed` or `failed`; returns every generation seen.
pub async fn poll(t: &TestSim, id: &str) -> Vec<Value> {
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut seen = Vec::new();
    loop {
        let response = call(t, reqwest::Method::GET, &format!("/generations/{id}")).send().await.unwrap();
        assert_eq!(response.status(), 200);
        let g: Value = response.json().await.unwrap();
        let done = matches!(g["state"].as_str(), Some("completed" | "failed"));
        seen.push(g);
        if done {
            return seen;
        }
        assert!(Instant::now() < deadline, "generation never finished: {seen:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
