//! fal queue happy paths (polling and SSE), logs, the owner/app URL rule, cancel and
//! result retention.

use std::time::Duration;

use serde_json::{json, Value};

use crate::common::{fal_auth, start, start_with, V3_STD};

#[tokio::test]
async fn happy_path_by_polling_then_result_and_ranged_cdn_download() {
    let t = start().await;
    let response = t.fal_submit(V3_STD, json!({"prompt": "a red kite", "duration": "3", "aspect_ratio": "1:1"})).await;
    assert_eq!(response.status(), 200);
    let header_id = response.headers()["x-fal-request-id"].to_str().unwrap().to_owned();
    let submit: Value = response.json().await.unwrap();
    assert_eq!(submit["status"], "IN_QUEUE");
    assert_eq!(submit["request_id"], header_id.as_str());
    assert_eq!(submit["queue_position"], 1);

    let seen = t.fal_poll(submit["status_url"].as_str().unwrap()).await;
    let statuses: Vec<(u16, &str)> = seen.iter().map(|(c, b)| (*c, b["status"].as_str().unwrap())).collect();
    assert!(statuses.contains(&(202, "IN_QUEUE")), "{statuses:?}");
    assert!(statuses.contains(&(202, "IN_PROGRESS")), "{statuses:?}");
    let (code, done) = seen.last().unwrap();
    assert_eq!(*code, 200);
    assert!(done["metrics"]["inference_time"].as_f64().unwrap() > 0.0);
    assert!(done.get("error").is_none());

    let result = t.fal_get(submit["response_url"].as_str().unwrap()).send().await.unwrap();
    assert_eq!(result.status(), 200);
    let output: Value = result.json().await.unwrap();
    let video = &output["video"];
    assert_eq!(video["content_type"], "video/mp4");
    assert_eq!(video["file_name"], "output.mp4");
    assert!(output.get("seed").is_none(), "Kling returns no seed");
    let url = video["url"].as_str().unwrap();
    assert!(url.starts_with(&format!("{}/cdn/files/", t.sim.base_url())));

    // Public CDN: no auth header, and seekable.
    let ranged = t.http.get(url).header("range", "bytes=0-99").send().await.unwrap();
    assert_eq!(ranged.status(), 206);
    let size = video["file_size"].as_u64().unwrap();
    assert_eq!(ranged.headers()["content-range"], format!("bytes 0-99/{size}").as_str());
    assert_eq!(ranged.headers()["accept-ranges"], "bytes");
    assert_eq!(ranged.headers()["content-length"], "100");
    let head = ranged.bytes().await.unwrap();
    assert_eq!(&head[4..8], b"ftyp");

    let full = t.http.get(url).send().await.unwrap().bytes().await.unwrap();
    assert_eq!(full.len() as u64, size);
    let (w, h, secs, audio) = crate::common::probe(&full);
    assert_eq!((w, h, audio), (720, 720, true));
    assert!((secs - 3.0).abs() < 0.2, "duration {secs}");
}

#[tokio::test]
async fn sse_stream_reports_each_state_pings_and_closes_after_completed() {
    let t = start().await;
    let submit = t.fal_small_job().await;
    let url = format!("{}/stream", submit["status_url"].as_str().unwrap());
    let mut response = t.fal_get(&url).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/event-stream"));
    let mut raw = String::new();
    let read_all = async {
        while let Some(chunk) = response.chunk().await.unwrap() {
            raw.push_str(&String::from_utf8_lossy(&chunk));
        }
    };
    tokio::time::timeout(Duration::from_secs(30), read_all).await.expect("stream closes");

    let events: Vec<Value> =
        raw.lines().filter_map(|l| l.strip_prefix("data: ")).map(|d| serde_json::from_str(d).unwrap()).collect();
    let statuses: Vec<&str> = events.iter().map(|e| e["status"].as_str().unwrap()).collect();
    assert_eq!(statuses.first(), Some(&"IN_QUEUE"));
    assert!(statuses.contains(&"IN_PROGRESS"));
    assert_eq!(statuses.last(), Some(&"COMPLETED"));
    assert_eq!(statuses.iter().filter(|s| **s == "COMPLETED").count(), 1);
    assert!(raw.contains(": ping"), "keep-alive comments expected during generation: {raw}");
    assert!(!raw.contains("event:"), "fal sends only default message events");
    let last = events.last().unwrap();
    assert_eq!(last["request_id"], submit["request_id"]);
    assert!(last["metrics"]["inference_time"].is_number());
}

#[tokio::test]
async fn logs_are_returned_only_when_asked() {
    let t = start().await;
    let submit = t.fal_small_job().await;
    let status_url = submit["status_url"].as_str().unwrap();
    t.fal_poll(status_url).await;
    for (query, expect_logs) in [("?logs=1", true), ("?logs=true", true), ("?logs=0", false), ("", false)] {
        let body: Value = t.fal_get(&format!("{status_url}{query}")).send().await.unwrap().json().await.unwrap();
        let logs = body["logs"].as_array().unwrap();
        assert_eq!(!logs.is_empty(), expect_logs, "{query}");
        if let Some(entry) = logs.first() {
            for key in ["message", "level", "source", "timestamp"] {
                assert!(entry[key].is_string(), "log entry lacks {key}: {entry}");
            }
        }
    }
}

#[tokio::test]
async fn request_urls_use_owner_and_app_only() {
    let t = start().await;
    let submit = t.fal_small_job().await;
    let id = submit["request_id"].as_str().unwrap();
    let app = format!("{}/fal-ai/kling-video/requests/{id}", t.sim.fal_base_url());
    assert_eq!(submit["response_url"], app.as_str());
    assert_eq!(submit["status_url"], format!("{app}/status").as_str());
    assert_eq!(submit["cancel_url"], format!("{app}/cancel").as_str());

    // GETs are also served on the full endpoint path; cancel is not.
    let full = format!("{}/{V3_STD}/requests/{id}", t.sim.fal_base_url());
    let status = t.fal_get(&format!("{full}/status")).send().await.unwrap();
    assert!(matches!(status.status().as_u16(), 200 | 202));
    let cancel = t.http.put(format!("{full}/cancel")).header("authorization", fal_auth());
    assert_eq!(cancel.send().await.unwrap().status(), 404);
    // Another app's prefix does not reach this request.
    let other = format!("{}/fal-ai/minimax/requests/{id}/status", t.sim.fal_base_url());
    assert_eq!(t.fal_get(&other).send().await.unwrap().status(), 404);
    let unknown = format!("{}/fal-ai/kling-video/requests/nope/status", t.sim.fal_base_url());
    assert_eq!(t.fal_get(&unknown).send().await.unwrap().status(), 404);
}

#[tokio::test]
async fn cancel_while_queued_then_already_completed() {
    let t = start().await;
    let submit = t.fal_small_job().await;
    let cancel = |url: String| t.http.put(url).header("authorization", fal_auth()).send();
    let first = cancel(submit["cancel_url"].as_str().unwrap().to_owned()).await.unwrap();
    assert_eq!(first.status(), 202);
    assert_eq!(first.json::<Value>().await.unwrap(), json!({"status": "CANCELLATION_REQUESTED"}));
    let seen = t.fal_poll(submit["status_url"].as_str().unwrap()).await;
    assert_eq!(seen.last().unwrap().1["error_type"], "client_cancelled");
    let again = cancel(submit["cancel_url"].as_str().unwrap().to_owned()).await.unwrap();
    assert_eq!(again.status(), 400);
    assert_eq!(again.json::<Value>().await.unwrap(), json!({"status": "ALREADY_COMPLETED"}));
    let result = t.fal_get(submit["response_url"].as_str().unwrap()).send().await.unwrap();
    assert_eq!(result.status(), 499);
    assert_eq!(result.headers()["x-fal-error-type"], "client_cancelled");
}

#[tokio::test]
async fn result_before_completion_is_400_and_expires_after_ttl() {
    let t = start_with(|c| c.result_ttl = Duration::from_millis(400)).await;
    let submit = t.fal_small_job().await;
    let result_url = submit["response_url"].as_str().unwrap();
    let early = t.fal_get(result_url).send().await.unwrap();
    assert_eq!(early.status(), 400);
    assert_eq!(early.json::<Value>().await.unwrap()["detail"], "Request is still in progress");
    t.fal_poll(submit["status_url"].as_str().unwrap()).await;
    assert_eq!(t.fal_get(result_url).send().await.unwrap().status(), 200);
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(t.fal_get(result_url).send().await.unwrap().status(), 404);
}
