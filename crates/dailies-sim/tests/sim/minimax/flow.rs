//! MiniMax happy path and strictness: create → Preparing/Queueing/Processing/Success →
//! retrieve → download, key checks, and parameter validation.

use std::time::Duration;

use reqwest::Method;
use serde_json::{json, Value};

use super::{code, hailuo};
use crate::common::{probe, start, start_with};

#[tokio::test]
async fn three_calls_from_prompt_to_a_real_clip() {
    let t = start().await;
    let created = t.minimax_create(hailuo()).await;
    assert_eq!(code(&created), 0);
    assert_eq!(created["base_resp"]["status_msg"], "success");
    let task_id = created["task_id"].as_str().unwrap();
    assert!(task_id.len() == 15 && task_id.chars().all(|c| c.is_ascii_digit()), "{task_id}");

    let seen = t.minimax_poll(task_id).await;
    let statuses: Vec<&str> = seen.iter().map(|b| b["status"].as_str().unwrap()).collect();
    for word in ["Preparing", "Queueing", "Processing", "Success"] {
        assert!(statuses.contains(&word), "{word} missing: {statuses:?}");
    }
    let done = seen.last().unwrap();
    assert_eq!((done["video_width"].as_u64(), done["video_height"].as_u64()), (Some(1366), Some(768)));
    let file_id = done["file_id"].as_str().unwrap();

    let file = t.minimax_retrieve(file_id).await;
    assert_eq!(code(&file), 0);
    assert_eq!(file["file"]["file_id"].to_string(), file_id, "the files API echoes the id as an integer");
    assert_eq!(file["file"]["filename"], "output.mp4");
    let url = file["file"]["download_url"].as_str().unwrap();
    // Pre-signed: no auth header needed.
    let video = t.http.get(url).send().await.unwrap();
    assert_eq!(video.status(), 200);
    let (w, h, secs, audio) = probe(&video.bytes().await.unwrap());
    assert_eq!((w, h, audio), (1366, 768, false));
    assert!((secs - 6.0).abs() < 0.2, "{secs}");
    let stats = t.sim.stats();
    assert_eq!((stats.requests["minimax.submit"], stats.requests["minimax.result"]), (1, 1));
    assert_eq!(stats.submits[0].body, hailuo());
}

#[tokio::test]
async fn keys_are_checked_in_base_resp_with_http_200() {
    let t = start().await;
    let url = format!("{}/v1/video_generation", t.sim.route_base_url("minimax").unwrap());
    for request in [t.http.post(&url), t.http.post(&url).bearer_auth("sk-wrong")] {
        let response = request.json(&hailuo()).send().await.unwrap();
        assert_eq!(response.status(), 200);
        let body: Value = response.json().await.unwrap();
        assert_eq!(code(&body), 1004, "{body}");
        assert!(body["base_resp"]["status_msg"].as_str().unwrap().starts_with("login fail"));
    }
    assert!(t.sim.stats().submits.is_empty());
}

#[tokio::test]
async fn parameters_are_validated_per_model_as_2013() {
    let t = start().await;
    let patch = |p: Value| {
        let mut body = hailuo();
        for (k, v) in p.as_object().unwrap() {
            if v.is_null() {
                body.as_object_mut().unwrap().remove(k);
            } else {
                body[k] = v.clone();
            }
        }
        body
    };
    let cases = [
        json!({"duration": "6"}),
        json!({"duration": 8}),
        json!({"resolution": "768p"}),
        json!({"resolution": "1080P", "duration": 10}),
        json!({"aspect_ratio": "16:9"}),
        json!({"model": "MiniMax-Hailuo-9"}),
        json!({"model": null}),
        json!({"prompt": null}),
        json!({"prompt": "x".repeat(2001)}),
        json!({"first_frame_image": "frame.png"}),
        json!({"model": "I2V-01", "resolution": null, "duration": null}),
        json!({"model": "T2V-01", "duration": 10, "resolution": null}),
    ];
    for case in cases {
        let body = t.minimax_create(patch(case.clone())).await;
        assert_eq!(code(&body), 2013, "{case}: {body}");
        assert!(body["base_resp"]["status_msg"].as_str().unwrap().starts_with("invalid params"), "{body}");
    }
    let image = json!({"first_frame_image": "data:image/png;base64,iVBORw0KGgo=", "prompt": null});
    assert_eq!(code(&t.minimax_create(patch(image)).await), 0, "a data-URL first frame is enough");
    assert_eq!(code(&t.minimax_create(json!({"model": "T2V-01", "prompt": "fog"})).await), 0);
    assert_eq!(t.sim.stats().submits.len(), 2);
}

#[tokio::test]
async fn download_urls_expire_and_retrieve_signs_a_fresh_one() {
    let t = start_with(|c| c.result_ttl = Duration::from_millis(60)).await;
    let created = t.minimax_create(hailuo()).await;
    let done = t.minimax_poll(created["task_id"].as_str().unwrap()).await.pop().unwrap();
    let file_id = done["file_id"].as_str().unwrap();
    let url = t.minimax_retrieve(file_id).await["file"]["download_url"].as_str().unwrap().to_owned();
    let tampered = url.replace("Signature=", "Signature=0");
    assert_eq!(t.http.get(&tampered).send().await.unwrap().status(), 403);
    tokio::time::sleep(Duration::from_millis(700)).await;
    let expired = t.http.get(&url).send().await.unwrap();
    assert_eq!(expired.status(), 403);
    assert!(expired.text().await.unwrap().contains("<Code>AccessDenied</Code>"));
    let fresh = t.minimax_retrieve(file_id).await["file"]["download_url"].as_str().unwrap().to_owned();
    assert_eq!(t.http.get(&fresh).send().await.unwrap().status(), 200);
    let missing = t.minimax(Method::GET, "/v1/files/retrieve?file_id=1").send().await.unwrap();
    assert_eq!(code(&missing.json().await.unwrap()), 2013);
}
