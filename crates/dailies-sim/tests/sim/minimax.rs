//! MiniMax v1 video protocol (minimax.md): the three calls, `base_resp` errors with
//! HTTP 200, validation, faults and download URL expiry.

mod faults;
mod flow;

use std::time::{Duration, Instant};

use dailies_sim::demo_keys::MINIMAX;
use serde_json::{json, Value};

use crate::common::TestSim;

impl TestSim {
    pub fn minimax(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let base = self.sim.route_base_url("minimax").expect("the emulator speaks minimax");
        self.http.request(method, format!("{base}{path}")).bearer_auth(MINIMAX)
    }

    /// `POST /v1/video_generation`; asserts HTTP 200, as v1 answers even its errors.
    pub async fn minimax_create(&self, body: Value) -> Value {
        let response = self.minimax(reqwest::Method::POST, "/v1/video_generation").json(&body).send().await.unwrap();
        assert_eq!(response.status(), 200);
        assert!(response.headers().contains_key("trace-id"));
        response.json().await.unwrap()
    }

    pub async fn minimax_query(&self, task_id: &str) -> Value {
        let path = format!("/v1/query/video_generation?task_id={task_id}");
        let response = self.minimax(reqwest::Method::GET, &path).send().await.unwrap();
        assert_eq!(response.status(), 200);
        response.json().await.unwrap()
    }

    /// Polls until `Success` or `Fail`; returns every body seen.
    pub async fn minimax_poll(&self, task_id: &str) -> Vec<Value> {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut seen = Vec::new();
        loop {
            let body = self.minimax_query(task_id).await;
            let done = matches!(body["status"].as_str(), Some("Success" | "Fail"));
            seen.push(body);
            if done {
                return seen;
            }
            assert!(Instant::now() < deadline, "task never finished: {seen:?}");
            tokio::time::sleep(Duration::from_millis(40)).await;
        }
    }

    pub async fn minimax_retrieve(&self, file_id: &str) -> Value {
        let path = format!("/v1/files/retrieve?file_id={file_id}");
        self.minimax(reqwest::Method::GET, &path).send().await.unwrap().json().await.unwrap()
    }
}

/// A valid Hailuo 02 text-to-video body: 768P, 6 s.
pub fn hailuo() -> Value {
    json!({"model": "MiniMax-Hailuo-02", "prompt": "a calico cat playing a piano", "duration": 6, "resolution": "768P"})
}

pub fn code(body: &Value) -> i64 {
    body["base_resp"]["status_code"].as_i64().unwrap_or_else(|| panic!("no base_resp: {body}"))
}
