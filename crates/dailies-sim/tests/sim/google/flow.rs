//! Happy paths: operation lifecycle, the keyed file download and its expiry.

use std::time::Duration;

use dailies_sim::demo_keys::GOOGLE;
use serde_json::{json, Value};

use super::{assert_google_error, get, poll, predict, small, VEO31};
use crate::common::{probe, start, start_with};

#[tokio::test]
async fn operation_runs_to_done_and_the_file_needs_the_key() {
    let t = start().await;
    let response = predict(&t, VEO31, small("a lighthouse in fog")).await;
    assert_eq!(response.status(), 200);
    let op: Value = response.json().await.unwrap();
    let name = op["name"].as_str().unwrap();
    assert!(name.starts_with(&format!("models/{VEO31}/operations/")), "{name}");
    assert_eq!(op.as_object().unwrap().len(), 1, "create answers only {{name}}: {op}");

    let seen = poll(&t, name).await;
    assert!(seen.len() >= 2 && seen[0]["done"] == false, "{seen:?}");
    let done = seen.last().unwrap();
    let video = &done["response"]["generateVideoResponse"];
    assert_eq!(video["raiMediaFilteredCount"], 0);
    let uri = video["generatedSamples"][0]["video"]["uri"].as_str().unwrap();
    assert!(uri.contains("/v1beta/files/") && uri.ends_with(":download?alt=media"), "{uri}");

    let anonymous = t.http.get(uri).send().await.unwrap();
    assert_eq!(anonymous.status(), 403);
    assert_google_error(&anonymous.json().await.unwrap(), 403, "PERMISSION_DENIED");
    let bytes = t.http.get(uri).header("x-goog-api-key", GOOGLE).send().await.unwrap().bytes().await.unwrap();
    let (w, h, secs, audio) = probe(&bytes);
    assert_eq!((w, h, audio), (1280, 720, true), "Veo 3.x always has audio");
    assert!((secs - 4.0).abs() < 0.2, "{secs}");

    let recorded = &t.sim.stats().submits[0];
    assert_eq!(
        (recorded.route.as_str(), recorded.endpoint.as_str(), recorded.job_id.as_str()),
        ("google", VEO31, name)
    );
    let requests = t.sim.stats().requests;
    assert_eq!(requests["google.submit"], 1);
    assert!(requests["google.status"] >= 2 && requests["google.content"] == 2, "{requests:?}");
}

#[tokio::test]
async fn portrait_1080p_veo2_silent_and_string_durations() {
    let t = start().await;
    let body = json!({"instances": [{"prompt": "x"}], "parameters": {"aspectRatio": "9:16", "resolution": "1080p", "durationSeconds": "8"}});
    let op: Value = predict(&t, VEO31, body).await.json().await.unwrap();
    let done = poll(&t, op["name"].as_str().unwrap()).await.pop().unwrap();
    let uri =
        done["response"]["generateVideoResponse"]["generatedSamples"][0]["video"]["uri"].as_str().unwrap().to_owned();
    let bytes = t.http.get(&uri).query(&[("key", GOOGLE)]).send().await.unwrap().bytes().await.unwrap();
    let (w, h, secs, _) = probe(&bytes);
    assert_eq!((w, h), (1080, 1920));
    assert!((secs - 8.0).abs() < 0.2, "{secs}");

    let veo2 = json!({"instances": [{"prompt": "x"}], "parameters": {"durationSeconds": 5, "sampleCount": 2}});
    let op: Value = predict(&t, "veo-2.0-generate-001", veo2).await.json().await.unwrap();
    let done = poll(&t, op["name"].as_str().unwrap()).await.pop().unwrap();
    let samples = done["response"]["generateVideoResponse"]["generatedSamples"].as_array().unwrap().clone();
    assert_eq!(samples.len(), 2);
    let uri = samples[1]["video"]["uri"].as_str().unwrap();
    let bytes = t.http.get(uri).header("x-goog-api-key", GOOGLE).send().await.unwrap().bytes().await.unwrap();
    let (w, h, secs, audio) = probe(&bytes);
    assert_eq!((w, h, audio), (1280, 720, false), "Veo 2 is silent");
    assert!((secs - 5.0).abs() < 0.2, "{secs}");
}

#[tokio::test]
async fn files_expire_after_the_retention_window() {
    let t = start_with(|c| c.result_ttl = Duration::from_millis(300)).await;
    let op: Value = predict(&t, VEO31, small("x")).await.json().await.unwrap();
    let done = poll(&t, op["name"].as_str().unwrap()).await.pop().unwrap();
    let uri =
        done["response"]["generateVideoResponse"]["generatedSamples"][0]["video"]["uri"].as_str().unwrap().to_owned();
    tokio::time::sleep(Duration::from_millis(400)).await;
    let gone = t.http.get(&uri).header("x-goog-api-key", GOOGLE).send().await.unwrap();
    assert_eq!(gone.status(), 404);
    assert_google_error(&gone.json().await.unwrap(), 404, "NOT_FOUND");
    let unknown = get(&t, &format!("models/{VEO31}/operations/nope")).await;
    assert_eq!(unknown.status(), 404);
}
