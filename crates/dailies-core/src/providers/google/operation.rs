//! A Veo long-running operation: still running, done with samples, done with an error, or
//! done with every sample removed by the safety filters.

use serde_json::Value;

use super::errors::operation_error;
use super::ROUTE;
use crate::providers::{JobState, ProviderError, StatusUpdate};

fn malformed(detail: impl Into<String>) -> ProviderError {
    ProviderError::Malformed { route: ROUTE, detail: detail.into() }
}

/// The samples of a successful operation, wherever the response puts them. The
/// `response.@type` string is UNCONFIRMED, so it is never looked at.
fn samples(op: &Value) -> &[Value] {
    op.pointer("/response/generateVideoResponse/generatedSamples").and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

/// Maps an operation to the normalised state. A missing `done` means "not yet" (proto3
/// JSON omits false), but a `done` that is not a boolean is a garbled answer.
pub fn parse_operation(op: &Value) -> Result<StatusUpdate, ProviderError> {
    if !op.is_object() {
        return Err(malformed("operation is not a JSON object"));
    }
    let done = match op.get("done") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(done)) => *done,
        Some(other) => return Err(malformed(format!("operation `done` is {other}, not a boolean"))),
    };
    if !done {
        return Ok(StatusUpdate::new(JobState::Running, "done:false"));
    }
    if let Some(error) = op.get("error").filter(|e| !e.is_null()) {
        let mut u = StatusUpdate::new(JobState::Failed, "done:true+error");
        u.failure = Some(operation_error(error));
        return Ok(u);
    }
    if !samples(op).is_empty() {
        return Ok(StatusUpdate::new(JobState::Succeeded, "done:true"));
    }
    // Done, no error, no samples: the safety filters removed the video (not billed).
    let video = op.pointer("/response/generateVideoResponse").unwrap_or(&Value::Null);
    let reasons: Vec<&str> = video
        .get("raiMediaFilteredReasons")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let detail = if reasons.is_empty() { "no video was returned".to_string() } else { reasons.join("; ") };
    // The fact sheet says to treat every sample-less success as a moderated failure.
    let mut u = StatusUpdate::new(JobState::Failed, "done:true+filtered");
    u.failure = Some(ProviderError::ContentPolicy { route: ROUTE, detail });
    Ok(u)
}

/// Where to download the first sample, always on the API host: like the SDK's
/// `files.download`, the file id is taken from the URI and the download URL rebuilt on
/// `base`, so the key is never sent to another host.
pub fn download_url(op: &Value, base: &str) -> Result<String, ProviderError> {
    let video = samples(op).first().and_then(|s| s.get("video")).ok_or_else(|| malformed("operation has no sample"))?;
    let Some(uri) = video.get("uri").and_then(Value::as_str) else {
        let detail = if video.get("encodedVideo").is_some() {
            "the video came back inline (encodedVideo) instead of as a file URI"
        } else {
            "sample without video.uri"
        };
        return Err(malformed(detail));
    };
    let id = uri
        .split_once("files/")
        .map(|(_, rest)| rest.split([':', '?', '/']).next().unwrap_or(""))
        .filter(|id| !id.is_empty())
        .ok_or_else(|| malformed(format!("video URI without a file id: {uri}")))?;
    Ok(format!("{base}/v1beta/files/{id}:download?alt=media"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const NAME: &str = "models/veo-3.1-generate-preview/operations/abc";

    #[test]
    fn running_done_and_garbled_operations() {
        assert_eq!(parse_operation(&json!({"name": NAME})).unwrap().state, JobState::Running);
        let u = parse_operation(&json!({"name": NAME, "done": false})).unwrap();
        assert_eq!((u.state, u.raw_status.as_str()), (JobState::Running, "done:false"));
        let done = json!({"name": NAME, "done": true, "response": {"generateVideoResponse": {"generatedSamples": [
            {"video": {"uri": "https://generativelanguage.googleapis.com/v1beta/files/f1:download?alt=media"}}]}}});
        assert_eq!(parse_operation(&done).unwrap().state, JobState::Succeeded);
        assert_eq!(
            download_url(&done, "http://127.0.0.1:9/google").unwrap(),
            "http://127.0.0.1:9/google/v1beta/files/f1:download?alt=media"
        );
        assert_eq!(parse_operation(&json!({"name": NAME, "done": "yes"})).unwrap_err().code(), "malformed_response");
        assert_eq!(parse_operation(&json!([1])).unwrap_err().code(), "malformed_response");
    }

    #[test]
    fn failures_and_safety_blocks_carry_their_reason() {
        let failed = json!({"name": NAME, "done": true, "error": {"code": 13, "message": "Internal error"}});
        let u = parse_operation(&failed).unwrap();
        assert_eq!((u.state, u.raw_status.as_str()), (JobState::Failed, "done:true+error"));
        assert_eq!(u.failure.unwrap().to_string(), "Google: generation failed: Internal error");
        let filtered = json!({"name": NAME, "done": true, "response": {"generateVideoResponse": {
            "raiMediaFilteredCount": 1, "raiMediaFilteredReasons": ["The prompt may violate our policies."]}}});
        let u = parse_operation(&filtered).unwrap();
        assert_eq!(u.raw_status, "done:true+filtered");
        assert_eq!(
            u.failure.unwrap().to_string(),
            "Google rejected the prompt: content policy (The prompt may violate our policies.)"
        );
        let empty = parse_operation(&json!({"name": NAME, "done": true, "response": {}})).unwrap();
        assert_eq!(empty.failure.unwrap().code(), "content_policy");
    }
}
