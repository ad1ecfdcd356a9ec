//! Replicate happy paths: official-model create → starting → processing → succeeded,
//! authenticated download, sync mode, versioned create, files, cancel, deadlines, expiry.

use std::time::Duration;

use dailies_sim::Timing;
use reqwest::Method;
use serde_json::{json, Value};

use super::{small_kling, KLING, REQUIRED};
use crate::common::{probe, start, start_with};

#[tokio::test]
async fn create_poll_and_download_a_real_clip() {
    let t = start().await;
    let response = t.replicate_create(KLING, small_kling()).await;
    assert_eq!(response.status(), 201);
    assert_eq!(response.headers()["ratelimit-remaining"], "599");
    assert!(response.headers().contains_key("ratelimit-reset"));
    let created: Value = response.json().await.unwrap();
    for key in REQUIRED {
        assert!(created.get(*key).is_some(), "missing {key}: {created}");
    }
    let id = created["id"].as_str().unwrap();
    assert_eq!(
        (id.len(), created["status"].as_str(), created["version"].as_str()),
        (26, Some("starting"), Some("hidden"))
    );
    assert_eq!(created["model"], KLING);
    assert_eq!(created["input"]["duration"], 3);
    assert!(created["urls"]["get"].as_str().unwrap().ends_with(&format!("/predictions/{id}")));
    assert!(created["urls"]["cancel"].as_str().unwrap().ends_with("/cancel"));

    let seen = t.replicate_poll(id).await;
    let statuses: Vec<&str> = seen.iter().map(|p| p["status"].as_str().unwrap()).collect();
    assert!(statuses.contains(&"processing"), "{statuses:?}");
    let done = seen.last().unwrap();
    assert_eq!(done["status"], "succeeded", "{done}");
    assert!(done["metrics"]["predict_time"].as_f64().unwrap() > 0.0);
    assert!(done["metrics"]["total_time"].as_f64().unwrap() >= done["metrics"]["predict_time"].as_f64().unwrap());
    assert!(done["completed_at"].is_string() && done["started_at"].is_string());
    assert!(done["logs"].as_str().unwrap().contains("Generation complete"));

    let url = done["output"].as_str().unwrap();
    assert_eq!(t.http.get(url).send().await.unwrap().status(), 401, "the spec says output files need auth");
    let file = t.http.get(url).bearer_auth(dailies_sim::demo_keys::REPLICATE).send().await.unwrap();
    assert_eq!(file.headers()["content-type"], "video/mp4");
    let (w, h, secs, audio) = probe(&file.bytes().await.unwrap());
    assert_eq!((w, h, audio), (720, 720, false));
    assert!((secs - 3.0).abs() < 0.2, "{secs}");
    assert_eq!(t.sim.stats().submits[0].route, "replicate");
    assert_eq!(t.sim.stats().requests["replicate.content"], 2);
}

#[tokio::test]
async fn sync_mode_holds_until_done_and_versioned_create_takes_official_names() {
    let t = start().await;
    let body = json!({"version": "minimax/hailuo-02", "input": {"prompt": "fog", "duration": 6, "resolution": "768p"}});
    let response =
        t.replicate(Method::POST, "/predictions").header("Prefer", "wait=20").json(&body).send().await.unwrap();
    assert_eq!(response.status(), 201);
    assert_eq!(response.headers()["preference-applied"], "wait=20");
    let done: Value = response.json().await.unwrap();
    assert_eq!(done["status"], "succeeded", "{done}");
    assert_eq!(done["model"], "minimax/hailuo-02");
    let bad = t.replicate(Method::POST, "/predictions").header("Prefer", "wait=61").json(&body).send().await.unwrap();
    assert_eq!(bad.status(), 400);
}

#[tokio::test]
async fn uploaded_files_are_usable_as_image_inputs() {
    let t = start().await;
    let image = reqwest::multipart::Part::bytes(vec![0x89, b'P', b'N', b'G', 0, 0]).file_name("frame.png");
    let form = reqwest::multipart::Form::new().part("content", image).text("type", "image/png");
    let uploaded = t.replicate(Method::POST, "/files").multipart(form).send().await.unwrap();
    assert_eq!(uploaded.status(), 201);
    let file: Value = uploaded.json().await.unwrap();
    assert_eq!(
        (file["content_type"].as_str(), file["size"].as_u64(), file["name"].as_str()),
        (Some("image/png"), Some(6), Some("frame.png"))
    );
    let url = file["urls"]["get"].as_str().unwrap();
    assert_eq!(t.http.get(url).bearer_auth(dailies_sim::demo_keys::REPLICATE).send().await.unwrap().status(), 200);
    let mut body = small_kling();
    body["input"]["start_image"] = url.into();
    assert_eq!(t.replicate_create(KLING, body).await.status(), 201);
    let empty = reqwest::multipart::Form::new().text("type", "image/png");
    assert_eq!(t.replicate(Method::POST, "/files").multipart(empty).send().await.unwrap().status(), 400);
}

#[tokio::test]
async fn cancel_stops_a_prediction_and_a_deadline_aborts_one_that_never_started() {
    let t = start().await;
    t.sim.set_timing(Timing { queue_ms: 20_000, generate_ms: 20_000, queue_positions: 1, jitter_pct: 0 });
    let created: Value = t.replicate_create(KLING, small_kling()).await.json().await.unwrap();
    let id = created["id"].as_str().unwrap();
    let canceled: Value =
        t.replicate(Method::POST, &format!("/predictions/{id}/cancel")).send().await.unwrap().json().await.unwrap();
    assert_eq!(canceled["status"], "canceled", "{canceled}");
    assert!(canceled["completed_at"].is_string());
    let again = t.replicate(Method::POST, &format!("/predictions/{id}/cancel")).send().await.unwrap();
    assert_eq!(again.status(), 200);
    assert_eq!(again.json::<Value>().await.unwrap()["status"], "canceled", "a finished prediction is unchanged");

    let response = t
        .replicate(Method::POST, &format!("/models/{KLING}/predictions"))
        .header("Cancel-After", "5s")
        .json(&small_kling())
        .send()
        .await
        .unwrap();
    let created: Value = response.json().await.unwrap();
    assert!(created["deadline"].is_string());
    tokio::time::sleep(Duration::from_millis(5300)).await;
    let seen = t.replicate_poll(created["id"].as_str().unwrap()).await;
    assert_eq!(seen.last().unwrap()["status"], "aborted");
    let short = t.replicate(Method::POST, &format!("/models/{KLING}/predictions")).header("Cancel-After", "4s");
    assert_eq!(short.json(&small_kling()).send().await.unwrap().status(), 400, "minimum deadline is 5 s");
}

#[tokio::test]
async fn outputs_inputs_and_files_are_removed_after_retention() {
    let t = start_with(|c| c.result_ttl = Duration::from_millis(300)).await;
    let created: Value = t.replicate_create(KLING, small_kling()).await.json().await.unwrap();
    let done = t.replicate_poll(created["id"].as_str().unwrap()).await.pop().unwrap();
    let url = done["output"].as_str().unwrap().to_owned();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let later: Value = t
        .replicate(Method::GET, &format!("/predictions/{}", created["id"].as_str().unwrap()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!((later["status"].as_str(), later["data_removed"].as_bool()), (Some("succeeded"), Some(true)));
    assert!(later["output"].is_null() && later["input"] == json!({}));
    assert_eq!(t.http.get(&url).bearer_auth(dailies_sim::demo_keys::REPLICATE).send().await.unwrap().status(), 404);
}
