//! fal's failure shapes (fal.md §9) as plain messages: model errors `{"detail":[{loc,msg,type}]}`,
//! request errors `{"detail":"…","error_type":"…"}`, and failed jobs reported as COMPLETED.

use serde_json::Value;

use super::ROUTE;
use crate::providers::http::{str_field, HttpFailure};
use crate::providers::{JobState, ProviderError};

/// A failed job's `error_type` and `error` from its COMPLETED status.
pub(super) fn classify_error_type(error_type: &str, message: &str) -> (JobState, ProviderError) {
    let detail = message.to_string();
    match error_type {
        "content_policy_violation" => (JobState::Failed, ProviderError::ContentPolicy { route: ROUTE, detail }),
        "client_cancelled" => {
            (JobState::Canceled, ProviderError::GenerationFailed { route: ROUTE, detail: "canceled".into() })
        }
        "" => (JobState::Failed, ProviderError::GenerationFailed { route: ROUTE, detail }),
        t => (JobState::Failed, ProviderError::GenerationFailed { route: ROUTE, detail: format!("{detail} [{t}]") }),
    }
}

/// fal's two error body formats: `{"detail":[{loc,msg,type}]}` and `{"detail":"…","error_type":"…"}`.
/// The JS client also accepts `detail` as a plain string.
pub fn classify_failure(f: &HttpFailure) -> ProviderError {
    let body = f.json().unwrap_or(Value::Null);
    let detail = body.get("detail");
    let items: Vec<&Value> = detail.and_then(Value::as_array).map(|a| a.iter().collect()).unwrap_or_default();
    if items.iter().any(|i| str_field(i, "type") == Some("content_policy_violation")) {
        let msg = items.iter().filter_map(|i| str_field(i, "msg")).collect::<Vec<_>>().join("; ");
        return ProviderError::ContentPolicy { route: ROUTE, detail: msg };
    }
    let text = if items.is_empty() {
        detail.and_then(Value::as_str).filter(|s| !s.is_empty()).map_or_else(|| f.short_body(), str::to_string)
    } else {
        items.iter().map(|i| item_text(i)).collect::<Vec<_>>().join("; ")
    };
    let lower = text.to_ascii_lowercase();
    match f.status.as_u16() {
        401 => ProviderError::Auth { route: ROUTE, detail: text },
        403 if lower.contains("balance") || lower.contains("locked") => {
            ProviderError::Balance { route: ROUTE, detail: text }
        }
        403 => ProviderError::Auth { route: ROUTE, detail: text },
        404 => ProviderError::Retired { route: ROUTE, detail: text },
        _ => f.common_class(ROUTE).unwrap_or(ProviderError::InvalidRequest { route: ROUTE, detail: text }),
    }
}

/// `duration: Input should be '5' or '10'`: the field path without the `body` prefix.
fn item_text(item: &Value) -> String {
    let loc: Vec<String> = item
        .get("loc")
        .and_then(Value::as_array)
        .map(|l| {
            l.iter()
                .filter(|p| p.as_str() != Some("body"))
                .map(|p| p.as_str().map_or(p.to_string(), str::to_string))
                .collect()
        })
        .unwrap_or_default();
    format!("{}: {}", loc.join("."), str_field(item, "msg").unwrap_or("invalid"))
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn failure(status: u16, headers: &[(&'static str, &str)], body: &str) -> HttpFailure {
        let mut map = reqwest::header::HeaderMap::new();
        for (k, v) in headers {
            map.insert(*k, v.parse().unwrap());
        }
        HttpFailure { status: reqwest::StatusCode::from_u16(status).unwrap(), headers: map, body: body.into() }
    }

    #[test]
    fn error_bodies_become_plain_messages() {
        let e = classify_failure(&failure(403, &[], r#"{"detail":"User is locked. Reason: Exhausted balance"}"#));
        assert_eq!(e.to_string(), "fal: insufficient balance (User is locked. Reason: Exhausted balance)");
        let body =
            r#"{"detail":[{"loc":["body","duration"],"msg":"Input should be '5' or '10'","type":"literal_error"}]}"#;
        let e = classify_failure(&failure(422, &[], body));
        assert_eq!(e.to_string(), "fal rejected the request: duration: Input should be '5' or '10'");
        let e =
            classify_failure(&failure(503, &[], r#"{"detail":"no runners","error_type":"runner_scheduling_failure"}"#));
        assert!(e.is_transient());
        let e = classify_failure(&failure(401, &[], r#"{"detail":"Invalid API key"}"#));
        assert_eq!(e.code(), "auth");
    }

    #[test]
    fn content_policy_and_image_errors_read_plainly() {
        let body = r#"{"detail":[{"loc":["body","prompt"],"msg":"flagged by a content checker","type":"content_policy_violation"}]}"#;
        let e = classify_failure(&failure(422, &[], body));
        assert_eq!(e.to_string(), "fal rejected the prompt: content policy (flagged by a content checker)");
        let body = r#"{"detail":[{"loc":["body","image_url"],"msg":"Image dimensions are too small.","type":"image_too_small","ctx":{"min_height":720}}]}"#;
        let e = classify_failure(&failure(422, &[], body));
        assert_eq!(e.to_string(), "fal rejected the request: image_url: Image dimensions are too small.");
    }

    #[test]
    fn rate_limits_keep_retry_after_and_html_stays_readable() {
        let e = classify_failure(&failure(429, &[("retry-after", "7")], r#"{"detail":"Rate limit exceeded"}"#));
        assert_eq!(e.retry_after(), Some(Duration::from_secs(7)));
        assert!(e.submit_not_accepted());
        let e = classify_failure(&failure(502, &[], "<html>Bad Gateway</html>"));
        assert_eq!(e.code(), "provider_unavailable");
    }

    #[test]
    fn failed_jobs_are_classified_by_error_type() {
        let (state, e) = classify_error_type("content_policy_violation", "Prompt flagged");
        assert_eq!((state, e.code()), (JobState::Failed, "content_policy"));
        let (state, _) = classify_error_type("client_cancelled", "cancelled");
        assert_eq!(state, JobState::Canceled);
        let (_, e) = classify_error_type("generation_timeout", "Generation timed out");
        assert_eq!(e.to_string(), "fal: generation failed: Generation timed out [generation_timeout]");
    }
}
