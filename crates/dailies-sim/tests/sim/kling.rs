//! Kling's native protocol: JWT-authenticated create, the envelope, `submitted →
//! processing → succeed`, units charged, the result file, list and retention.

mod rules;

use std::time::{Duration, Instant};

use base64::Engine;
use dailies_sim::demo_keys::{KLING_ACCESS, KLING_SECRET};
use jsonwebtoken::{encode, EncodingKey, Header};
use serde_json::{json, Value};

use crate::common::{probe, start, start_with, TestSim};

/// A token as a Kling client mints it, valid from `nbf_offset` to `exp_offset` seconds
/// around now, signed with `secret`.
pub fn token(iss: &str, secret: &str, nbf_offset: i64, exp_offset: i64) -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let claims = json!({"iss": iss, "nbf": now + nbf_offset, "exp": now + exp_offset});
    encode(&Header::default(), &claims, &EncodingKey::from_secret(secret.as_bytes())).unwrap()
}

pub fn valid_token() -> String {
    token(KLING_ACCESS, KLING_SECRET, -5, 1800)
}

pub fn url(t: &TestSim, path: &str) -> String {
    format!("{}{path}", t.sim.route_base_url("kling").unwrap())
}

pub async fn create(t: &TestSim, family: &str, body: Value) -> (u16, Value) {
    let response = t
        .http
        .post(url(t, &format!("/v1/videos/{family}")))
        .bearer_auth(valid_token())
        .json(&body)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

pub async fn query(t: &TestSim, family: &str, id: &str) -> (u16, Value) {
    let response =
        t.http.get(url(t, &format!("/v1/videos/{family}/{id}"))).bearer_auth(valid_token()).send().await.unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

/// Polls until `succeed` or `failed`; every task object seen.
pub async fn poll(t: &TestSim, family: &str, id: &str) -> Vec<Value> {
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut seen = Vec::new();
    loop {
        let (code, body) = query(t, family, id).await;
        assert_eq!((code, body["code"].as_i64()), (200, Some(0)), "{body}");
        let task = body["data"].clone();
        let done = matches!(task["task_status"].as_str(), Some("succeed" | "failed"));
        seen.push(task);
        if done {
            return seen;
        }
        assert!(Instant::now() < deadline, "task never finished: {seen:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

pub fn small() -> Value {
    json!({"model_name": "kling-v3", "mode": "std", "prompt": "a red kite", "duration": "3", "aspect_ratio": "1:1"})
}

#[tokio::test]
async fn text2video_runs_submitted_processing_succeed_and_serves_the_clip() {
    let t = start().await;
    let body = json!({"model_name": "kling-v3", "mode": "std", "prompt": "a red kite", "duration": "3",
        "aspect_ratio": "1:1", "sound": "on", "negative_prompt": "blur", "external_task_id": "clip-1"});
    let (code, created) = create(&t, "text2video", body).await;
    assert_eq!((code, created["code"].as_i64(), created["message"].as_str()), (200, Some(0), Some("SUCCEED")));
    assert!(created["request_id"].is_string());
    let task = &created["data"];
    assert_eq!(task["task_status"], "submitted");
    assert_eq!(task["task_info"]["external_task_id"], "clip-1");
    assert!(task["created_at"].as_u64().unwrap() > 1_700_000_000_000, "milliseconds");
    let id = task["task_id"].as_str().unwrap();
    assert!(id.chars().all(|c| c.is_ascii_digit()));

    let seen = poll(&t, "text2video", id).await;
    let words: Vec<&str> = seen.iter().map(|v| v["task_status"].as_str().unwrap()).collect();
    let first = |w: &str| words.iter().position(|x| *x == w);
    assert!(first("processing").is_some(), "{words:?}");
    assert!(first("processing") < first("succeed"), "{words:?}");
    assert!(!words.contains(&"submitted") || first("submitted") < first("processing"));
    let done = seen.last().unwrap();
    // kling-v3 std with sound: 0.9 units/s × 3 s.
    assert_eq!(done["final_unit_deduction"], "2.7");
    let video = &done["task_result"]["videos"][0];
    assert_eq!(video["duration"], "3.0");
    let bytes = t.http.get(video["url"].as_str().unwrap()).send().await.unwrap().bytes().await.unwrap();
    let (w, h, secs, audio) = probe(&bytes);
    assert_eq!((w, h, audio), (720, 720, true));
    assert!((secs - 3.0).abs() < 0.2, "{secs}");

    // The caller's id works in the task-id slot; the list pages over the family.
    let (_, by_external) = query(&t, "text2video", "clip-1").await;
    assert_eq!(by_external["data"]["task_id"], id);
    let list: Value = t
        .http
        .get(url(&t, "/v1/videos/text2video?pageNum=1&pageSize=10"))
        .bearer_auth(valid_token())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["data"].as_array().unwrap().len(), 1);
    assert_eq!(query(&t, "image2video", id).await.0, 404, "tasks are queried under their own family");
    let stats = t.sim.stats();
    assert_eq!(stats.submits[0].route, "kling");
    assert!(stats.requests["kling.status"] >= 2 && stats.requests["kling.content"] == 1);
}

fn png_base64(w: u32, h: u32) -> String {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    bytes.extend(w.to_be_bytes());
    bytes.extend(h.to_be_bytes());
    bytes.extend([8, 2, 0, 0, 0]);
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[tokio::test]
async fn image2video_follows_the_image_aspect_and_results_expire() {
    let t = start_with(|c| c.result_ttl = Duration::from_millis(1200)).await;
    let body = json!({"model_name": "kling-v2-5-turbo", "mode": "std", "image": png_base64(720, 1280),
        "image_tail": png_base64(720, 1280), "duration": "5"});
    let (code, created) = create(&t, "image2video", body).await;
    assert_eq!(code, 200, "{created}");
    let id = created["data"]["task_id"].as_str().unwrap().to_owned();
    let done = poll(&t, "image2video", &id).await.pop().unwrap();
    assert_eq!(done["final_unit_deduction"], "1.5");
    let url = done["task_result"]["videos"][0]["url"].as_str().unwrap().to_owned();
    let (w, h, _, audio) = probe(&t.http.get(&url).send().await.unwrap().bytes().await.unwrap());
    assert_eq!((w, h, audio), (720, 1280, false));
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(t.http.get(&url).send().await.unwrap().status(), 404, "purged after retention");
}
