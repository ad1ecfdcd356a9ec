//! What the Runway emulator refuses (headers, the model union, images) and the shapes the
//! scripted faults take.

use dailies_sim::demo_keys::RUNWAY;
use dailies_sim::{Fault, FaultKind, FaultOp};
use reqwest::Method;
use serde_json::{json, Value};

use super::{create, gen45, poll, request, task};
use crate::common::start;

#[tokio::test]
async fn key_and_version_header_are_required() {
    let t = start().await;
    let url = format!("{}/v1/text_to_video", t.sim.route_base_url("runway").unwrap());
    let cases = [
        (None, Some("2024-11-06"), 401),
        (Some("wrong-key"), Some("2024-11-06"), 401),
        (Some(RUNWAY), None, 400),
        (Some(RUNWAY), Some("2024-09-13"), 400),
    ];
    for (key, version, status) in cases {
        let mut req = t.http.post(&url).json(&gen45());
        if let Some(key) = key {
            req = req.bearer_auth(key);
        }
        if let Some(version) = version {
            req = req.header("X-Runway-Version", version);
        }
        let response = req.send().await.unwrap();
        assert_eq!(response.status(), status, "{key:?} {version:?}");
        let body: Value = response.json().await.unwrap();
        assert!(body["error"].is_string(), "{body}");
    }
    assert_eq!(t.sim.stats().submits.len(), 0);
}

#[tokio::test]
async fn bodies_are_checked_against_the_model_union() {
    let t = start().await;
    let image = "data:image/png;base64,iVBORw0KGgo=";
    let bad = [
        (
            "/v1/text_to_video",
            json!({"model": "gen4.5", "promptText": "x", "ratio": "960:960", "duration": 5}),
            "ratio",
        ),
        (
            "/v1/text_to_video",
            json!({"model": "gen4.5", "promptText": "x", "ratio": "1280:720", "duration": "5"}),
            "duration",
        ),
        ("/v1/text_to_video", json!({"model": "gen4.5", "promptText": "x", "ratio": "1280:720"}), "duration"),
        (
            "/v1/text_to_video",
            json!({"model": "gen4.5", "prompt_text": "x", "ratio": "1280:720", "duration": 5}),
            "prompt_text",
        ),
        (
            "/v1/text_to_video",
            json!({"model": "gen4.5", "promptText": "x", "ratio": "1280:720", "duration": 5, "audio": true}),
            "audio",
        ),
        (
            "/v1/text_to_video",
            json!({"model": "veo3", "promptText": "x", "ratio": "1280:720", "duration": 6}),
            "duration",
        ),
        (
            "/v1/text_to_video",
            json!({"model": "gen4_turbo", "promptText": "x", "ratio": "1280:720", "duration": 5}),
            "model",
        ),
        (
            "/v1/text_to_video",
            json!({"model": "veo3.1", "promptText": "x".repeat(1001), "ratio": "1280:720"}),
            "promptText",
        ),
        ("/v1/image_to_video", json!({"model": "gen4_turbo", "ratio": "960:960"}), "promptImage"),
        (
            "/v1/image_to_video",
            json!({"model": "gen4_turbo", "ratio": "960:960", "promptImage": "file:///etc/passwd"}),
            "promptImage",
        ),
        (
            "/v1/image_to_video",
            json!({"model": "gen4_turbo", "ratio": "960:960",
            "promptImage": [{"uri": image, "position": "last"}]}),
            "promptImage.0.position",
        ),
    ];
    for (path, body, field) in bad {
        let (code, reply) = create(&t, path, body.clone()).await;
        assert_eq!(code, 400, "{body}: {reply}");
        assert!(reply["error"].as_str().unwrap().contains(field), "{field}: {reply}");
        assert!(reply["issues"][0]["path"].is_array(), "{reply}");
    }
    assert_eq!(t.sim.stats().submits.len(), 0, "nothing invalid was accepted");
    let good = [
        json!({"model": "gen4_turbo", "ratio": "960:960", "promptImage": image, "duration": 5, "seed": 7}),
        json!({"model": "veo3.1", "promptText": "x", "ratio": "1080:1920", "duration": 4,
            "promptImage": [{"uri": image, "position": "first"}, {"uri": "https://x.test/b.png", "position": "last"}]}),
    ];
    for body in good {
        let (code, reply) = create(&t, "/v1/image_to_video", body).await;
        assert_eq!(code, 200, "{reply}");
    }
}

#[tokio::test]
async fn request_faults_take_runways_shapes() {
    let t = start().await;
    t.sim.inject(Fault::once("runway", FaultOp::Submit, FaultKind::RateLimit { retry_after_s: 2 }));
    let limited = request(&t, Method::POST, "/v1/text_to_video").json(&gen45()).send().await.unwrap();
    assert_eq!(limited.status(), 429);
    assert_eq!(limited.headers()["retry-after"], "2");
    t.sim.inject(Fault::once("runway", FaultOp::Submit, FaultKind::InsufficientBalance));
    let (code, body) = create(&t, "/v1/text_to_video", gen45()).await;
    assert_eq!(code, 400);
    assert!(body["error"].as_str().unwrap().contains("credits"), "{body}");
    t.sim.inject(Fault::once("runway", FaultOp::Submit, FaultKind::ServerError { status: 502 }));
    assert_eq!(create(&t, "/v1/text_to_video", gen45()).await.0, 502);

    let (_, created) = create(&t, "/v1/text_to_video", gen45()).await;
    let id = created["id"].as_str().unwrap();
    t.sim.inject(Fault::once("runway", FaultOp::Status, FaultKind::Malformed));
    let (code, garbled) = task(&t, id).await;
    assert_eq!(code, 200);
    assert!(!garbled["status"].is_string(), "{garbled}");
    let done = poll(&t, id).await.pop().unwrap();
    t.sim.inject(Fault::once("runway", FaultOp::Content, FaultKind::ServerError { status: 503 }));
    let url = done["output"][0].as_str().unwrap();
    assert_eq!(t.http.get(url).send().await.unwrap().status(), 503);
    assert_eq!(t.http.get(url).send().await.unwrap().status(), 200);
}

#[tokio::test]
async fn job_faults_end_as_failed_tasks_with_a_failure_code() {
    let t = start().await;
    t.sim.inject(Fault::once("runway", FaultOp::Submit, FaultKind::ContentPolicy));
    t.sim.inject(Fault::once(
        "runway",
        FaultOp::Submit,
        FaultKind::FailCompleted { error_type: "INTERNAL.BAD_OUTPUT.CODE01".into(), message: "Bad output".into() },
    ));
    for (code, failure) in [
        ("SAFETY.INPUT.TEXT", "The prompt was flagged by content moderation."),
        ("INTERNAL.BAD_OUTPUT.CODE01", "Bad output"),
    ] {
        let (_, created) = create(&t, "/v1/text_to_video", gen45()).await;
        let done = poll(&t, created["id"].as_str().unwrap()).await.pop().unwrap();
        assert_eq!(done["status"], "FAILED");
        assert_eq!((done["failureCode"].as_str(), done["failure"].as_str()), (Some(code), Some(failure)));
        assert!(done.get("output").is_none());
    }
}
