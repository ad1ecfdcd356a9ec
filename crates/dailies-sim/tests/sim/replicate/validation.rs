//! Replicate's strictness: token auth, the request envelope, per-model input schemas and
//! rules the model itself enforces.

use reqwest::Method;
use serde_json::{json, Value};

use super::{problem, small_kling, KLING};
use crate::common::start;

#[tokio::test]
async fn a_missing_or_wrong_token_is_the_recorded_401_and_token_scheme_works() {
    let t = start().await;
    let base = t.sim.route_base_url("replicate").unwrap();
    let url = format!("{base}/models/{KLING}/predictions");
    let (status, body) = problem(t.http.post(&url).json(&small_kling()).send().await.unwrap()).await;
    assert_eq!(status, 401);
    assert_eq!(
        body,
        json!({"title": "Unauthenticated", "detail": "You did not pass a valid authentication token", "status": 401})
    );
    let wrong = t.http.post(&url).bearer_auth("r8_wrong").json(&small_kling()).send().await.unwrap();
    assert_eq!(wrong.status(), 401);
    let token = t.http.post(&url).header("authorization", format!("Token {}", dailies_sim::demo_keys::REPLICATE));
    assert_eq!(token.json(&small_kling()).send().await.unwrap().status(), 201);
}

#[tokio::test]
async fn the_envelope_rejects_unknown_keys_and_needs_an_input_object() {
    let t = start().await;
    let (status, body) =
        problem(t.replicate_create(KLING, json!({"input": {"prompt": "x"}, "inputs": {}})).await).await;
    assert_eq!(status, 422);
    assert_eq!(body["invalid_fields"][0]["field"], "(root)");
    assert_eq!(body["invalid_fields"][0]["description"], "Additional property inputs is not allowed");
    let (status, body) = problem(t.replicate_create(KLING, json!({"input": "a red kite"})).await).await;
    assert_eq!(status, 422);
    assert_eq!(body["detail"], "- input: Invalid type. Expected: object, given: string\n");
    let (status, _) = problem(t.replicate_create(KLING, json!({"webhook": "https://example.com/hook"})).await).await;
    assert_eq!(status, 422, "input is required");
    let raw = t.replicate(Method::POST, &format!("/models/{KLING}/predictions")).body("{not json").send().await;
    assert_eq!(raw.unwrap().status(), 400);
    let (status, body) = problem(t.replicate_create("acme/no-such-model", small_kling()).await).await;
    assert_eq!((status, body["title"].as_str()), (404, Some("Not found")));
    let versioned = json!({"version": "5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa", "input": {}});
    let (status, _) = problem(t.replicate(Method::POST, "/predictions").json(&versioned).send().await.unwrap()).await;
    assert_eq!(status, 422, "an unknown version is refused");
    assert!(t.sim.stats().submits.is_empty());
}

#[tokio::test]
async fn model_inputs_are_typed_enumerated_and_bounded() {
    let t = start().await;
    let input = |patch: Value| {
        let mut body = small_kling();
        for (k, v) in patch.as_object().unwrap() {
            body["input"][k] = v.clone();
        }
        body
    };
    let cases = [
        (json!({"duration": "5"}), "input.duration", "Invalid type. Expected: integer, given: string"),
        (json!({"duration": 5.5}), "input.duration", "Invalid type. Expected: integer, given: number"),
        (json!({"duration": 16}), "input.duration", "Must be less than or equal to 15"),
        (
            json!({"aspect_ratio": "4:3"}),
            "input.aspect_ratio",
            "input.aspect_ratio must be one of the following: \"16:9\", \"9:16\", \"1:1\"",
        ),
        (json!({"generate_audio": "yes"}), "input.generate_audio", "Invalid type. Expected: boolean, given: string"),
        (json!({"start_image": "frame.png"}), "input.start_image", "Does not match format 'uri'"),
        (json!({"aspect": "16:9"}), "input", "Additional property aspect is not allowed"),
    ];
    for (patch, field, description) in cases {
        let (status, body) = problem(t.replicate_create(KLING, input(patch.clone())).await).await;
        assert_eq!(status, 422, "{patch}");
        assert_eq!(body["title"], "Input validation failed");
        assert_eq!(body["invalid_fields"][0]["field"], field, "{patch}: {body}");
        assert_eq!(body["invalid_fields"][0]["description"], description, "{patch}");
        assert_eq!(body["detail"], format!("- {field}: {description}\n"));
    }
    let (_, body) = problem(t.replicate_create(KLING, json!({"input": {"duration": 5}})).await).await;
    assert_eq!(body["invalid_fields"][0]["description"], "prompt is required");
    let data_url = input(json!({"start_image": "data:image/png;base64,iVBORw0KGgo="}));
    assert_eq!(t.replicate_create(KLING, data_url).await.status(), 201, "data URLs are file inputs too");
}

#[tokio::test]
async fn a_rule_the_model_enforces_fails_the_prediction_not_the_request() {
    let t = start().await;
    let body = json!({"input": {"prompt": "fog", "duration": 10, "resolution": "1080p"}});
    let response = t.replicate_create("minimax/hailuo-02", body).await;
    assert_eq!(response.status(), 201);
    let created: Value = response.json().await.unwrap();
    let done = t.replicate_poll(created["id"].as_str().unwrap()).await.pop().unwrap();
    assert_eq!(done["status"], "failed");
    assert_eq!(done["error"], "10 second videos are only available at 768p resolution");
    assert!(done["output"].is_null());
}
