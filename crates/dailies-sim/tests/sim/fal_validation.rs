//! fal auth, strict schema validation and queue-length limits.

use serde_json::{json, Value};

use crate::common::{fal_auth, start, V3_STD};

#[tokio::test]
async fn wrong_or_missing_key_is_401() {
    let t = start().await;
    let url = format!("{}/{V3_STD}", t.sim.fal_base_url());
    // The right key under the wrong scheme is refused too.
    let bearer = format!("Bearer {}", dailies_sim::demo_keys::FAL);
    for auth in [Some("Key wrong"), Some(bearer.as_str()), None] {
        let mut request = t.http.post(&url).json(&json!({"prompt": "x"}));
        if let Some(auth) = auth {
            request = request.header("authorization", auth);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 401, "{auth:?}");
        let body: Value = response.json().await.unwrap();
        assert!(body["detail"].is_string());
    }
    assert!(t.sim.stats().submits.is_empty());
}

#[tokio::test]
async fn strict_validation_is_422_with_pydantic_details() {
    let t = start().await;
    let cases = [
        (V3_STD, json!({"prompt": "x", "duration": 5}), "duration", "literal_error"),
        (V3_STD, json!({"prompt": "x", "duration": "2"}), "duration", "literal_error"),
        (V3_STD, json!({"prompt": "x", "resolution": "1080p"}), "resolution", "extra_forbidden"),
        (V3_STD, json!({"prompt": "x", "generate_audio": "true"}), "generate_audio", "bool_type"),
        (V3_STD, json!({"prompt": "x", "cfg_scale": 1.5}), "cfg_scale", "less_than_equal"),
        (V3_STD, json!({"prompt": 7}), "prompt", "string_type"),
        (
            "fal-ai/kling-video/o3/pro/text-to-video",
            json!({"prompt": "x", "negative_prompt": "blur"}),
            "negative_prompt",
            "extra_forbidden",
        ),
    ];
    for (endpoint, body, field, kind) in cases {
        let response = t.fal_submit(endpoint, body.clone()).await;
        assert_eq!(response.status(), 422, "{body}");
        let detail: Value = response.json().await.unwrap();
        let first = &detail["detail"][0];
        assert_eq!(first["loc"], json!(["body", field]), "{detail}");
        assert_eq!(first["type"], kind, "{detail}");
        assert!(first["msg"].is_string());
    }
    // prompt XOR multi_prompt
    let both = json!({"prompt": "x", "multi_prompt": [{"prompt": "y"}]});
    assert_eq!(t.fal_submit(V3_STD, both).await.status(), 422);
    assert_eq!(t.fal_submit(V3_STD, json!({})).await.status(), 422);
    // The shots' seconds must add up to the clip's, a shot without one counting its default (5).
    let shots =
        json!({"multi_prompt": [{"prompt": "a", "duration": "2"}, {"prompt": "b", "duration": "1"}], "duration": "3"});
    assert_eq!(t.fal_submit(V3_STD, shots).await.status(), 200);
    let short = json!({"multi_prompt": [{"prompt": "a", "duration": "2"}, {"prompt": "b"}], "duration": "3"});
    assert_eq!(t.fal_submit(V3_STD, short).await.status(), 422, "2 s + a default 5 s shot is not a 3 s clip");
    let defaults = json!({"multi_prompt": [{"prompt": "a", "duration": "5"}, {"prompt": "b"}], "duration": "10"});
    assert_eq!(t.fal_submit(V3_STD, defaults).await.status(), 200);
    let unknown = t.fal_submit("fal-ai/kling-video/v9/text-to-video", json!({"prompt": "x"})).await;
    assert_eq!(unknown.status(), 404);
    let body: Value = unknown.json().await.unwrap();
    assert!(body["detail"].as_str().unwrap().contains("not found"));
}

#[tokio::test]
async fn max_queue_length_rejects_with_429_and_webhook_is_recorded() {
    let t = start().await;
    let url = |q: &str| format!("{}/{V3_STD}?{q}", t.sim.fal_base_url());
    let body = json!({"prompt": "x", "duration": "3", "aspect_ratio": "1:1"});
    let post = |u: String| t.http.post(u).header("authorization", fal_auth()).json(&body).send();
    assert_eq!(post(url("fal_webhook=https%3A%2F%2Fexample.com%2Fhook")).await.unwrap().status(), 200);
    assert_eq!(post(url("fal_max_queue_length=1")).await.unwrap().status(), 429);
    assert_eq!(post(url("fal_max_queue_length=5")).await.unwrap().status(), 200);
    let stats = t.sim.stats();
    assert_eq!(stats.submits.len(), 2);
    assert_eq!(stats.submits[0].webhook.as_deref(), Some("https://example.com/hook"));
    assert_eq!(stats.submits[0].body, body);
    assert_eq!(stats.requests["fal.submit"], 3);
}
