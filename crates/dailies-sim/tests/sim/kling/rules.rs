//! What the Kling emulator refuses, with Kling's business codes: bad tokens, bad fields,
//! the account's concurrency, and every scripted fault kind.

use dailies_sim::demo_keys::{KLING_ACCESS, KLING_SECRET};
use dailies_sim::{Fault, FaultKind, FaultOp};
use serde_json::{json, Value};

use super::{create, poll, query, small, token, url};
use crate::common::start;

async fn post_with(t: &crate::common::TestSim, auth: Option<String>) -> (u16, Value) {
    let mut request = t.http.post(url(t, "/v1/videos/text2video")).json(&small());
    if let Some(auth) = auth {
        request = request.header("authorization", auth);
    }
    let response = request.send().await.unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

#[tokio::test]
async fn tokens_are_verified_with_klings_auth_codes() {
    let t = start().await;
    let bearer = |tok: String| Some(format!("Bearer {tok}"));
    let cases = [
        (None, 1001),
        (Some("Bearer not-a-jwt".to_string()), 1002),
        (Some(format!("Bearer  {}", token(KLING_ACCESS, KLING_SECRET, -5, 600))), 1002),
        (bearer(token(KLING_ACCESS, "wrong-secret", -5, 600)), 1002),
        // Signed with the access key instead of the secret: the mix-up a two-part key invites.
        (bearer(token(KLING_ACCESS, KLING_ACCESS, -5, 600)), 1002),
        (bearer(token(KLING_SECRET, KLING_SECRET, -5, 600)), 1002),
        (bearer(token("someone-else", KLING_SECRET, -5, 600)), 1002),
        (bearer(token(KLING_ACCESS, KLING_SECRET, 120, 600)), 1003),
        (bearer(token(KLING_ACCESS, KLING_SECRET, -600, -10)), 1004),
    ];
    for (auth, code) in cases {
        let (status, body) = post_with(&t, auth.clone()).await;
        assert_eq!((status, body["code"].as_i64()), (401, Some(code)), "{auth:?}: {body}");
        assert!(body["message"].is_string() && body["request_id"].is_string() && body.get("data").is_none());
    }
    assert_eq!(t.sim.stats().submits.len(), 0);
}

#[tokio::test]
async fn fields_are_checked_against_the_documented_enums_and_types() {
    let t = start().await;
    let with = |patch: Value| {
        let mut body = small();
        for (k, v) in patch.as_object().unwrap() {
            body[k] = v.clone();
        }
        body
    };
    let bad = [
        ("text2video", with(json!({"duration": 5})), 400, 1201),
        ("text2video", with(json!({"model_name": "kling-v2-6", "duration": "7"})), 400, 1201),
        ("text2video", with(json!({"aspect_ratio": "4:3"})), 400, 1201),
        ("text2video", with(json!({"resolution": "1080p"})), 400, 1201),
        ("text2video", with(json!({"model_name": "kling-v2-5-turbo", "duration": "5", "sound": "on"})), 400, 1201),
        ("text2video", with(json!({"model_name": "kling-v2-6", "duration": "5", "cfg_scale": 0.5})), 400, 1201),
        ("text2video", with(json!({"prompt": ""})), 400, 1201),
        ("text2video", with(json!({"model_name": "kling-v9"})), 404, 1203),
        ("text2video", with(json!({"model_name": "kling-v2-1"})), 404, 1203),
        ("image2video", json!({"model_name": "kling-v3", "prompt": "x", "duration": "5"}), 400, 1201),
        ("image2video", json!({"model_name": "kling-v3", "image": "data:image/png;base64,AAAA"}), 400, 1201),
        (
            "image2video",
            json!({"model_name": "kling-v3", "image": "https://x.test/a.png", "aspect_ratio": "1:1"}),
            400,
            1201,
        ),
        (
            "image2video",
            json!({"image": "https://x.test/a.png", "image_tail": "https://x.test/b.png",
            "camera_control": {"type": "down_back"}}),
            400,
            1201,
        ),
        ("text3video", small(), 404, 1203),
    ];
    for (family, body, status, code) in bad {
        let (got, reply) = create(&t, family, body.clone()).await;
        assert_eq!((got, reply["code"].as_i64()), (status, Some(code)), "{body}: {reply}");
    }
    assert_eq!(t.sim.stats().submits.len(), 0, "nothing invalid was accepted");
    assert_eq!(create(&t, "text2video", with(json!({"external_task_id": "dup"}))).await.0, 200);
    let (status, reply) = create(&t, "text2video", with(json!({"external_task_id": "dup"}))).await;
    assert_eq!((status, reply["code"].as_i64()), (400, Some(1201)), "external_task_id must be unique");
}

#[tokio::test]
async fn request_faults_take_klings_shapes() {
    let t = start().await;
    let cases = [
        (FaultKind::RateLimit { retry_after_s: 2 }, 429, 1303),
        (FaultKind::InsufficientBalance, 429, 1102),
        (FaultKind::ServerError { status: 503 }, 503, 5001),
        (FaultKind::ServerError { status: 500 }, 500, 5000),
    ];
    for (kind, status, code) in cases {
        t.sim.inject(Fault::once("kling", FaultOp::Submit, kind));
        let (got, body) = create(&t, "text2video", small()).await;
        assert_eq!((got, body["code"].as_i64()), (status, Some(code)), "{body}");
    }
    t.sim.inject(Fault::once("kling", FaultOp::Submit, FaultKind::ContentPolicy));
    let (got, body) = create(&t, "text2video", small()).await;
    assert_eq!((got, body["code"].as_i64()), (400, Some(1301)), "{body}");

    let (_, created) = create(&t, "text2video", small()).await;
    let id = created["data"]["task_id"].as_str().unwrap();
    t.sim.inject(Fault::once("kling", FaultOp::Status, FaultKind::Malformed));
    let (code, garbled) = query(&t, "text2video", id).await;
    assert_eq!(code, 200);
    assert!(!garbled["data"]["task_status"].is_string(), "{garbled}");
    let done = poll(&t, "text2video", id).await.pop().unwrap();
    t.sim.inject(Fault::once("kling", FaultOp::Content, FaultKind::ServerError { status: 502 }));
    let file = done["task_result"]["videos"][0]["url"].as_str().unwrap();
    assert_eq!(t.http.get(file).send().await.unwrap().status(), 502);
    assert_eq!(t.http.get(file).send().await.unwrap().status(), 200);
}

#[tokio::test]
async fn model_failures_end_as_failed_tasks_without_a_charge() {
    let t = start().await;
    t.sim.inject(Fault::once(
        "kling",
        FaultOp::Submit,
        FaultKind::FailCompleted { error_type: "internal".into(), message: "video generation failed".into() },
    ));
    let (_, created) = create(&t, "text2video", small()).await;
    let done = poll(&t, "text2video", created["data"]["task_id"].as_str().unwrap()).await.pop().unwrap();
    assert_eq!(done["task_status"], "failed");
    assert_eq!(done["task_status_msg"], "video generation failed");
    assert!(done.get("final_unit_deduction").is_none(), "failed tasks are not charged");
}

#[tokio::test]
async fn the_accounts_concurrency_is_enforced_with_1303() {
    let t = start().await;
    for _ in 0..5 {
        assert_eq!(create(&t, "text2video", small()).await.0, 200);
    }
    let (status, body) = create(&t, "text2video", small()).await;
    assert_eq!((status, body["code"].as_i64()), (429, Some(1303)), "{body}");
    assert_eq!(body["message"], "parallel task over resource pack limit");
}
