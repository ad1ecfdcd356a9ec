//! Replicate's prediction object (`shared/providers/replicate.md` §3–§4) read into the
//! engine's terms: the six status words, the failure string, and the output URL.

use serde_json::Value;

use super::ROUTE;
use crate::providers::http::str_field;
use crate::providers::{JobState, ProviderError, StatusUpdate};

/// One prediction object (create, get or cancel response) to a status update.
pub fn parse_prediction(v: &Value) -> Result<StatusUpdate, ProviderError> {
    let raw = str_field(v, "status")
        .ok_or_else(|| ProviderError::Malformed { route: ROUTE, detail: "prediction without a `status`".into() })?;
    let update = match raw {
        "starting" => StatusUpdate::new(JobState::Queued, raw),
        "processing" => StatusUpdate::new(JobState::Running, raw),
        "succeeded" => StatusUpdate::new(JobState::Succeeded, raw),
        "failed" => {
            let failure = classify_model_error(&error_text(v));
            StatusUpdate { failure: Some(failure), ..StatusUpdate::new(JobState::Failed, raw) }
        }
        "canceled" => {
            let detail = "the prediction was canceled".to_string();
            let failure = ProviderError::GenerationFailed { route: ROUTE, detail };
            StatusUpdate { failure: Some(failure), ..StatusUpdate::new(JobState::Canceled, raw) }
        }
        // The deadline (`Cancel-After`) passed before a worker picked it up; not billed.
        "aborted" => {
            let detail = "the prediction was aborted before it started (deadline reached; not charged)".to_string();
            let failure = ProviderError::GenerationFailed { route: ROUTE, detail };
            StatusUpdate { failure: Some(failure), ..StatusUpdate::new(JobState::Canceled, raw) }
        }
        // Six words are documented; anything new is tolerated as "still working" and kept raw.
        other => StatusUpdate::new(JobState::Running, other),
    };
    Ok(update)
}

/// `error` is documented as a string; tolerate an object or a missing value too.
fn error_text(v: &Value) -> String {
    match v.get("error") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(Value::Null) | None => "no reason given".to_string(),
        Some(other) => str_field(other, "detail")
            .or_else(|| str_field(other, "message"))
            .map(str::to_string)
            .unwrap_or_else(|| other.to_string()),
    }
}

/// A failed prediction's `error` string. Safety filters report E005 ("flagged as
/// sensitive"); models wrap their own refusals in free text.
pub fn classify_model_error(message: &str) -> ProviderError {
    let lower = message.to_ascii_lowercase();
    let detail = message.to_string();
    let content = ["flagged as sensitive", "(e005)", "nsfw", "content policy", "safety filter", "moderation"];
    if content.iter().any(|needle| lower.contains(needle)) {
        ProviderError::ContentPolicy { route: ROUTE, detail }
    } else if lower.contains("insufficient credit") {
        ProviderError::Balance { route: ROUTE, detail }
    } else {
        ProviderError::GenerationFailed { route: ROUTE, detail }
    }
}

/// The video URL of a succeeded prediction. Video models return one URL string; some
/// return a list or an object, so the first URL found wins.
pub fn output_url(v: &Value) -> Result<String, ProviderError> {
    let malformed = |detail: String| ProviderError::Malformed { route: ROUTE, detail };
    if v.get("data_removed").and_then(Value::as_bool) == Some(true) {
        // Replicate deletes API prediction outputs after one hour.
        return Err(ProviderError::Expired { route: ROUTE });
    }
    match str_field(v, "status") {
        Some("succeeded") => {}
        Some(other) => {
            return Err(ProviderError::Unavailable { route: ROUTE, detail: format!("output not ready ({other})") })
        }
        None => return Err(malformed("prediction without a `status`".into())),
    }
    let output = v.get("output").unwrap_or(&Value::Null);
    let url =
        first_url(output).ok_or_else(|| malformed(format!("succeeded prediction without an output URL: {output}")))?;
    Ok(url.to_string())
}

fn first_url(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) if s.starts_with("https://") || s.starts_with("http://") => Some(s),
        Value::Array(items) => items.iter().find_map(first_url),
        Value::Object(map) => {
            ["video", "url", "output"].iter().filter_map(|k| map.get(*k)).chain(map.values()).find_map(first_url)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_six_status_words_map_to_one_state_each_and_keep_the_raw_word() {
        let cases = [
            ("starting", JobState::Queued),
            ("processing", JobState::Running),
            ("succeeded", JobState::Succeeded),
            ("failed", JobState::Failed),
            ("canceled", JobState::Canceled),
            ("aborted", JobState::Canceled),
            ("warming_up", JobState::Running),
        ];
        for (word, state) in cases {
            let u = parse_prediction(&json!({"id": "p1", "status": word})).unwrap();
            assert_eq!((u.state, u.raw_status.as_str()), (state, word));
        }
        let e = parse_prediction(&json!({"id": "p1", "status": 3})).unwrap_err();
        assert_eq!(e.code(), "malformed_response");
    }

    #[test]
    fn failed_predictions_carry_a_plain_reason() {
        let flagged = "The input or output was flagged as sensitive. Please try again with different inputs. (E005)";
        let u = parse_prediction(&json!({"status": "failed", "error": flagged})).unwrap();
        let e = u.failure.unwrap();
        assert_eq!(e.code(), "content_policy");
        assert!(e.to_string().starts_with("Replicate rejected the prompt: content policy"), "{e}");
        let u = parse_prediction(&json!({"status": "failed", "error": "CUDA out of memory"})).unwrap();
        assert_eq!(u.failure.unwrap().to_string(), "Replicate: generation failed: CUDA out of memory");
        let u = parse_prediction(&json!({"status": "failed", "error": null})).unwrap();
        assert_eq!(u.failure.unwrap().code(), "generation_failed");
    }

    #[test]
    fn output_is_found_in_every_documented_shape_and_expiry_is_recognised() {
        let url = "https://replicate.delivery/xezq/abc/output.mp4";
        for output in [json!(url), json!([url]), json!({"video": url}), json!([{"url": url}])] {
            assert_eq!(output_url(&json!({"status": "succeeded", "output": output})).unwrap(), url);
        }
        let removed = json!({"status": "succeeded", "output": null, "data_removed": true});
        assert_eq!(output_url(&removed).unwrap_err().code(), "expired");
        let empty = json!({"status": "succeeded", "output": "not a url", "data_removed": false});
        assert_eq!(output_url(&empty).unwrap_err().code(), "malformed_response");
        assert!(output_url(&json!({"status": "processing", "output": null})).unwrap_err().is_transient());
    }
}
