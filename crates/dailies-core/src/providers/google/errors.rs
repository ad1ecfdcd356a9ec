//! Google's error envelope `{"error": {code, message, status, details?}}` (HTTP failures and a
//! finished operation's `error`) classified into plain messages.

use std::time::Duration;

use serde_json::Value;

use super::ROUTE;
use crate::providers::http::{parse_retry_after, str_field, HttpFailure};
use crate::providers::ProviderError;

/// Which call failed: a 404 on submit means the model id is gone, on an operation that the
/// operation is unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Call {
    Submit,
    Operation,
}

/// Prompt or output blocks by Google's safety filters read like this.
fn is_safety(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    ["safety", "responsible ai", "usage guidelines", "prohibited use", "rai ", "blocked", "sensitive"]
        .iter()
        .any(|w| m.contains(w))
}

/// `google.rpc.RetryInfo.retryDelay` ("31s", "1.5s") from the error's `details`.
fn retry_info(error: &Value) -> Option<Duration> {
    let details = error.get("details")?.as_array()?;
    let delay = details.iter().find_map(|d| d.get("retryDelay").and_then(Value::as_str))?;
    let secs: f64 = delay.trim().strip_suffix('s')?.parse().ok()?;
    Some(Duration::from_secs_f64(secs.clamp(0.0, 300.0)))
}

/// A rejected API key comes back as 400 INVALID_ARGUMENT with reason `API_KEY_INVALID`.
fn is_bad_key(error: &Value, message: &str) -> bool {
    let reason = error
        .get("details")
        .and_then(Value::as_array)
        .is_some_and(|d| d.iter().any(|x| str_field(x, "reason").is_some_and(|r| r.starts_with("API_KEY"))));
    reason || message.contains("API key not valid") || message.contains("API key expired")
}

pub fn classify_failure(f: &HttpFailure, call: Call) -> ProviderError {
    let body = f.json().unwrap_or(Value::Null);
    let error = body.get("error").cloned().unwrap_or(Value::Null);
    let detail = str_field(&error, "message").map(str::to_string).unwrap_or_else(|| f.short_body());
    let status = str_field(&error, "status").unwrap_or("");
    let lower = detail.to_ascii_lowercase();
    let billing = lower.contains("billing") || lower.contains("billed") || lower.contains("paid tier");
    match (status, f.status.as_u16()) {
        ("RESOURCE_EXHAUSTED", _) | (_, 429) => {
            let retry_after = parse_retry_after(&f.headers).or_else(|| retry_info(&error));
            ProviderError::RateLimited { route: ROUTE, retry_after }
        }
        ("UNAUTHENTICATED" | "PERMISSION_DENIED", _) | (_, 401 | 403) if billing => {
            ProviderError::Balance { route: ROUTE, detail }
        }
        ("UNAUTHENTICATED" | "PERMISSION_DENIED", _) | (_, 401 | 403) => ProviderError::Auth { route: ROUTE, detail },
        ("INVALID_ARGUMENT", _) | (_, 400) if is_bad_key(&error, &detail) => {
            ProviderError::Auth { route: ROUTE, detail }
        }
        ("FAILED_PRECONDITION", _) if billing => ProviderError::Balance { route: ROUTE, detail },
        ("INVALID_ARGUMENT", _) | (_, 400) if is_safety(&detail) => {
            ProviderError::ContentPolicy { route: ROUTE, detail }
        }
        ("NOT_FOUND", _) | (_, 404) if call == Call::Submit => ProviderError::Retired { route: ROUTE, detail },
        ("INTERNAL" | "UNAVAILABLE" | "DEADLINE_EXCEEDED", _) => {
            ProviderError::Unavailable { route: ROUTE, detail: format!("HTTP {} {status}", f.status.as_u16()) }
        }
        _ => f.common_class(ROUTE).unwrap_or(ProviderError::InvalidRequest { route: ROUTE, detail }),
    }
}

/// A finished operation's `error` (a `google.rpc.Status`: numeric gRPC `code`, `message`).
pub(super) fn operation_error(error: &Value) -> ProviderError {
    let detail = str_field(error, "message").unwrap_or("the operation failed without a message").to_string();
    let code = error.get("code").and_then(Value::as_i64).unwrap_or(0);
    if is_safety(&detail) {
        return ProviderError::ContentPolicy { route: ROUTE, detail };
    }
    match code {
        // INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE: the request itself was refused.
        3 | 9 | 11 => ProviderError::InvalidRequest { route: ROUTE, detail },
        _ => ProviderError::GenerationFailed { route: ROUTE, detail },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn failure(status: u16, body: Value) -> HttpFailure {
        HttpFailure {
            status: reqwest::StatusCode::from_u16(status).unwrap(),
            headers: Default::default(),
            body: body.to_string(),
        }
    }

    #[test]
    fn envelope_statuses_become_plain_messages() {
        let limited = failure(
            429,
            json!({"error": {"code": 429, "message": "Quota exceeded", "status": "RESOURCE_EXHAUSTED",
                "details": [{"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "2s"}]}}),
        );
        let e = classify_failure(&limited, Call::Submit);
        assert_eq!(e, ProviderError::RateLimited { route: ROUTE, retry_after: Some(Duration::from_secs(2)) });
        let bad_key = failure(
            400,
            json!({"error": {"code": 400, "message": "API key not valid. Please pass a valid API key.", "status": "INVALID_ARGUMENT",
                "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "API_KEY_INVALID"}]}}),
        );
        assert_eq!(classify_failure(&bad_key, Call::Submit).code(), "auth");
        let denied = failure(
            403,
            json!({"error": {"code": 403, "message": "Method doesn't allow unregistered callers", "status": "PERMISSION_DENIED"}}),
        );
        assert!(classify_failure(&denied, Call::Operation).to_string().starts_with("Google: the API key was rejected"));
        let invalid = failure(
            400,
            json!({"error": {"code": 400, "message": "durationSeconds must be 8 for 1080p", "status": "INVALID_ARGUMENT"}}),
        );
        assert_eq!(
            classify_failure(&invalid, Call::Submit).to_string(),
            "Google rejected the request: durationSeconds must be 8 for 1080p"
        );
        let billing = failure(
            400,
            json!({"error": {"code": 400, "message": "Veo is only accessible to billed users at this time.", "status": "FAILED_PRECONDITION"}}),
        );
        assert_eq!(classify_failure(&billing, Call::Submit).code(), "insufficient_balance");
        let gone = failure(
            404,
            json!({"error": {"code": 404, "message": "models/veo-9 is not found", "status": "NOT_FOUND"}}),
        );
        assert_eq!(classify_failure(&gone, Call::Submit).code(), "model_retired");
        assert_eq!(classify_failure(&gone, Call::Operation).code(), "provider_rejected");
        let down = failure(503, json!({"error": {"code": 503, "message": "overloaded", "status": "UNAVAILABLE"}}));
        assert!(classify_failure(&down, Call::Operation).is_transient());
        assert!(classify_failure(&failure(502, json!("<html>")), Call::Operation).is_transient());
    }

    #[test]
    fn operation_errors_keep_their_reason() {
        let e = operation_error(&json!({"code": 13, "message": "Video generation failed"}));
        assert_eq!(e.to_string(), "Google: generation failed: Video generation failed");
        let e = operation_error(&json!({"code": 3, "message": "The prompt violates the usage guidelines"}));
        assert_eq!(e.code(), "content_policy");
    }
}
