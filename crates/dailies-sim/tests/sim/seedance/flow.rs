//! Happy paths: statuses in order, usage tokens, the real MP4, prompt flags, expiry, list.

use std::time::Duration;

use reqwest::Method;
use serde_json::{json, Value};

use super::{call, create, poll, text, V1, V2};
use crate::common::{probe, start, start_with};

#[tokio::test]
async fn task_succeeds_with_usage_and_a_real_video() {
    let t = start().await;
    let response = create(&t, text(V2, "a lighthouse in fog")).await;
    assert_eq!(response.status(), 200);
    let created: Value = response.json().await.unwrap();
    assert_eq!(created.as_object().unwrap().len(), 1, "create answers only {{id}}: {created}");
    let id = created["id"].as_str().unwrap();
    assert!(id.starts_with("cgt-"));

    let seen = poll(&t, id).await;
    let statuses: Vec<&str> = seen.iter().map(|s| s["status"].as_str().unwrap()).collect();
    assert_eq!(statuses.first(), Some(&"queued"), "{statuses:?}");
    assert!(statuses.contains(&"running"), "{statuses:?}");
    assert!(seen.iter().filter(|s| s["status"] != "succeeded").all(|s| s.get("usage").is_none()));
    let done = seen.last().unwrap();
    assert_eq!(done["status"], "succeeded");
    assert!(done["error"].is_null());
    assert_eq!(
        (done["resolution"].as_str(), done["ratio"].as_str(), done["duration"].as_u64()),
        (Some("480p"), Some("1:1"), Some(4))
    );
    assert_eq!(done["framespersecond"], 24);
    // 640×640 / 1024 × (4 s × 24 + 1) frames.
    assert_eq!(done["usage"], json!({"completion_tokens": 38_800, "total_tokens": 38_800}));
    let url = done["content"]["video_url"].as_str().unwrap();
    let bytes = t.http.get(url).send().await.unwrap().bytes().await.unwrap();
    let (w, h, secs, audio) = probe(&bytes);
    assert_eq!((w, h, audio), (640, 640, true), "2.0 generates audio by default");
    assert!((secs - 4.0).abs() < 0.2, "{secs}");
    let recorded = &t.sim.stats().submits[0];
    assert_eq!((recorded.route.as_str(), recorded.endpoint.as_str(), recorded.job_id.as_str()), ("seedance", V2, id));
}

#[tokio::test]
async fn prompt_flags_are_weakly_validated_and_json_wins() {
    let t = start().await;
    let body = json!({"model": V1, "content": [{"type": "text", "text": "fog --rs 480p --rt 9:16 --dur 3 --seed banana"}], "ratio": "16:9"});
    let id = create(&t, body).await.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned();
    let done = poll(&t, &id).await.pop().unwrap();
    assert_eq!(
        (done["resolution"].as_str(), done["ratio"].as_str(), done["duration"].as_u64()),
        (Some("480p"), Some("16:9"), Some(3))
    );
    assert!(done["seed"].as_i64().unwrap() >= 0, "a bad --seed silently becomes random");
    let bytes = t.http.get(done["content"]["video_url"].as_str().unwrap()).send().await.unwrap().bytes().await.unwrap();
    let (w, h, _, audio) = probe(&bytes);
    assert_eq!((w, h, audio), (864, 480, false), "1.0 pro is silent");
}

#[tokio::test]
async fn video_urls_expire_and_finished_tasks_can_be_deleted() {
    let t = start_with(|c| c.result_ttl = Duration::from_millis(300)).await;
    let id = create(&t, text(V2, "x")).await.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned();
    let done = poll(&t, &id).await.pop().unwrap();
    tokio::time::sleep(Duration::from_millis(400)).await;
    let expired = t.http.get(done["content"]["video_url"].as_str().unwrap()).send().await.unwrap();
    assert_eq!(expired.status(), 403);
    assert!(expired.text().await.unwrap().contains("Request has expired"));

    let list: Value =
        call(&t, Method::GET, "?filter.status=succeeded&page_size=5").send().await.unwrap().json().await.unwrap();
    assert_eq!((list["total"].as_u64(), list["items"][0]["id"].as_str()), (Some(1), Some(id.as_str())));
    let deleted = call(&t, Method::DELETE, &format!("/{id}")).send().await.unwrap();
    assert_eq!(deleted.status(), 200);
    assert_eq!(deleted.json::<Value>().await.unwrap(), json!({}));
    let gone = call(&t, Method::GET, &format!("/{id}")).send().await.unwrap();
    assert_eq!(gone.status(), 404);
}
