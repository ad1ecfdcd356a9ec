//! Shared harness: an emulator on a random port with fast timing and a private clip cache.

use std::time::{Duration, Instant};

use dailies_sim::demo_keys::{FAL, OPENAI};
use dailies_sim::{Sim, SimConfig, SimHandle};
use serde_json::Value;

/// fal's `Authorization` header with the emulator's fal key.
pub fn fal_auth() -> String {
    format!("Key {FAL}")
}

/// The cheapest fal endpoint and input the protocol allows: 720x720, 3 s.
pub const V3_STD: &str = "fal-ai/kling-video/v3/standard/text-to-video";

pub struct TestSim {
    pub sim: SimHandle,
    pub http: reqwest::Client,
    _cache: tempfile::TempDir,
}

pub async fn start() -> TestSim {
    start_with(|_| {}).await
}

pub async fn start_with(tweak: impl FnOnce(&mut SimConfig)) -> TestSim {
    let cache = tempfile::tempdir().expect("tempdir");
    let mut config = SimConfig { clip_cache_dir: cache.path().to_owned(), ..SimConfig::fast() };
    tweak(&mut config);
    let sim = Sim::start("127.0.0.1:0".parse().unwrap(), config).await.expect("sim starts");
    TestSim { sim, http: reqwest::Client::new(), _cache: cache }
}

impl Drop for TestSim {
    fn drop(&mut self) {
        self.sim.shutdown();
    }
}

impl TestSim {
    pub fn fal_get(&self, url: &str) -> reqwest::RequestBuilder {
        self.http.get(url).header("authorization", format!("Key {FAL}"))
    }

    pub async fn fal_submit(&self, endpoint: &str, body: Value) -> reqwest::Response {
        self.http
            .post(format!("{}/{endpoint}", self.sim.fal_base_url()))
            .header("authorization", format!("Key {FAL}"))
            .json(&body)
            .send()
            .await
            .expect("submit")
    }

    /// Submits a small valid job and returns the submit body.
    pub async fn fal_small_job(&self) -> Value {
        let body = serde_json::json!({"prompt": "a red kite", "duration": "3", "aspect_ratio": "1:1"});
        let response = self.fal_submit(V3_STD, body).await;
        assert_eq!(response.status(), 200);
        response.json().await.unwrap()
    }

    /// Polls `status_url` until COMPLETED; returns every (HTTP status, body) seen.
    pub async fn fal_poll(&self, status_url: &str) -> Vec<(u16, Value)> {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut seen = Vec::new();
        loop {
            let response = self.fal_get(status_url).send().await.unwrap();
            let code = response.status().as_u16();
            let body: Value = response.json().await.unwrap();
            let done = body["status"] == "COMPLETED";
            seen.push((code, body));
            if done {
                return seen;
            }
            assert!(Instant::now() < deadline, "job never completed: {seen:?}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub fn openai(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.http.request(method, format!("{}{path}", self.sim.openai_base_url())).bearer_auth(OPENAI)
    }

    /// Polls a video until it is `completed` or `failed`; returns every body seen.
    pub async fn openai_poll(&self, id: &str) -> Vec<Value> {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut seen: Vec<Value> = Vec::new();
        loop {
            let response = self.openai(reqwest::Method::GET, &format!("/videos/{id}")).send().await.unwrap();
            assert_eq!(response.status(), 200);
            assert!(response.headers().contains_key("openai-poll-after-ms"));
            let body: Value = response.json().await.unwrap();
            let done = matches!(body["status"].as_str(), Some("completed" | "failed"));
            seen.push(body);
            if done {
                return seen;
            }
            assert!(Instant::now() < deadline, "video never finished: {seen:?}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// Width, height, duration (s) and whether there is an audio stream, via ffprobe.
pub fn probe(bytes: &[u8]) -> (u32, u32, f64, bool) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("clip.mp4");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("ffprobe")
        .args(["-v", "error", "-show_entries", "stream=codec_type,width,height:format=duration"])
        .args(["-of", "json"])
        .arg(&path)
        .output()
        .expect("ffprobe runs");
    let info: Value = serde_json::from_slice(&out.stdout).unwrap();
    let streams = info["streams"].as_array().unwrap();
    let video = streams.iter().find(|s| s["codec_type"] == "video").unwrap();
    let audio = streams.iter().any(|s| s["codec_type"] == "audio");
    let duration = info["format"]["duration"].as_str().unwrap().parse().unwrap();
    let dim = |k: &str| video[k].as_u64().unwrap() as u32;
    (dim("width"), dim("height"), duration, audio)
}

/// A valid fal input for the cheapest render: 720x720, 3 s.
pub fn small() -> Value {
    serde_json::json!({"prompt": "a red kite", "duration": "3", "aspect_ratio": "1:1"})
}

pub const REQUIRED_KEYS: &[&str] = &[
    "id",
    "object",
    "model",
    "status",
    "progress",
    "created_at",
    "completed_at",
    "expires_at",
    "prompt",
    "size",
    "seconds",
    "remixed_from_video_id",
    "error",
];

pub fn assert_envelope(body: &Value) {
    let error = body["error"].as_object().expect("error envelope");
    for key in ["message", "type", "param", "code"] {
        assert!(error.contains_key(key), "envelope lacks {key}: {body}");
    }
}

pub async fn create(t: &TestSim, body: Value) -> reqwest::Response {
    t.openai(reqwest::Method::POST, "/videos").json(&body).send().await.unwrap()
}
