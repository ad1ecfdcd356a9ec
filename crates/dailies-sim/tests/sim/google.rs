//! The Gemini API Veo protocol: predictLongRunning, operation polling, keyed file download,
//! Google's error envelope, couplings and faults.

mod errors;
mod flow;

use std::time::{Duration, Instant};

use dailies_sim::demo_keys::GOOGLE;
use serde_json::{json, Value};

use crate::common::TestSim;

pub const VEO31: &str = "veo-3.1-generate-preview";

fn api(t: &TestSim) -> String {
    format!("{}/v1beta", t.sim.route_base_url("google").unwrap())
}

pub async fn predict(t: &TestSim, model: &str, body: Value) -> reqwest::Response {
    let url = format!("{}/models/{model}:predictLongRunning", api(t));
    t.http.post(url).header("x-goog-api-key", GOOGLE).json(&body).send().await.unwrap()
}

pub fn small(prompt: &str) -> Value {
    json!({"instances": [{"prompt": prompt}], "parameters": {"aspectRatio": "16:9", "durationSeconds": 4, "resolution": "720p"}})
}

pub async fn get(t: &TestSim, name: &str) -> reqwest::Response {
    t.http.get(format!("{}/{name}", api(t))).header("x-goog-api-key", GOOGLE).send().await.unwrap()
}

/// Polls until `done: true`; returns every operation seen.
pub async fn poll(t: &TestSim, name: &str) -> Vec<Value> {
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut seen = Vec::new();
    loop {
        let response = get(t, name).await;
        assert_eq!(response.status(), 200);
        let op: Value = response.json().await.unwrap();
        let done = op["done"] == true;
        seen.push(op);
        if done {
            return seen;
        }
        assert!(Instant::now() < deadline, "operation never finished: {seen:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The envelope's HTTP code and canonical status name.
pub fn assert_google_error(body: &Value, code: u16, status: &str) {
    assert_eq!(body["error"]["code"], code, "{body}");
    assert_eq!(body["error"]["status"], status, "{body}");
    assert!(body["error"]["message"].is_string(), "{body}");
}
