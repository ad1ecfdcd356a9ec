//! Replicate predictions protocol (replicate.md): create, poll, download, cancel,
//! deadlines, sync mode, files, validation and faults.

mod faults;
mod flow;
mod validation;

use std::time::{Duration, Instant};

use dailies_sim::demo_keys::REPLICATE;
use serde_json::{json, Value};

use crate::common::TestSim;

pub const KLING: &str = "kwaivgi/kling-v3-video";

impl TestSim {
    pub fn replicate(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let base = self.sim.route_base_url("replicate").expect("the emulator speaks replicate");
        self.http.request(method, format!("{base}{path}")).bearer_auth(REPLICATE)
    }

    pub async fn replicate_create(&self, model: &str, body: Value) -> reqwest::Response {
        let path = format!("/models/{model}/predictions");
        self.replicate(reqwest::Method::POST, &path).json(&body).send().await.expect("create")
    }

    /// Polls a prediction until it is terminal; returns every body seen.
    pub async fn replicate_poll(&self, id: &str) -> Vec<Value> {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut seen = Vec::new();
        loop {
            let response = self.replicate(reqwest::Method::GET, &format!("/predictions/{id}")).send().await.unwrap();
            assert_eq!(response.status(), 200);
            let body: Value = response.json().await.unwrap();
            let done = matches!(body["status"].as_str(), Some("succeeded" | "failed" | "canceled" | "aborted"));
            seen.push(body);
            if done {
                return seen;
            }
            assert!(Instant::now() < deadline, "prediction never finished: {seen:?}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// The cheapest valid Kling input: 720x720, 3 s, silent.
pub fn small_kling() -> Value {
    json!({"input": {"prompt": "a red kite", "duration": 3, "aspect_ratio": "1:1", "mode": "standard", "generate_audio": false}})
}

/// The `schemas_prediction_response` required keys.
pub const REQUIRED: &[&str] =
    &["id", "model", "version", "input", "output", "data_removed", "error", "status", "created_at", "urls"];

pub async fn problem(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    assert_eq!(response.headers()["content-type"], "application/problem+json", "status {status}");
    (status, response.json().await.unwrap())
}
