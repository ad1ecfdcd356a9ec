//! Replicate's HTTP errors: RFC 7807 `application/problem+json` bodies
//! (`title`, `detail`, `status`, optional `type`/`instance`; replicate.md §7), plus the
//! `invalid_fields` list seen on input validation failures (exact shape UNCONFIRMED, so
//! every part is optional here).

use std::time::Duration;

use serde_json::Value;

use super::ROUTE;
use crate::providers::http::{parse_retry_after, str_field, HttpFailure};
use crate::providers::ProviderError;

/// Which call failed: a 404 means "no such model" on create but "no such prediction" later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Call {
    Create,
    Prediction,
    Upload,
}

pub fn classify_failure(f: &HttpFailure, call: Call) -> ProviderError {
    let body = f.json().unwrap_or(Value::Null);
    let text = problem_text(&body).unwrap_or_else(|| f.short_body());
    let lower = text.to_ascii_lowercase();
    match f.status.as_u16() {
        401 | 403 => ProviderError::Auth { route: ROUTE, detail: text },
        402 => ProviderError::Balance { route: ROUTE, detail: text },
        _ if lower.contains("insufficient credit") => ProviderError::Balance { route: ROUTE, detail: text },
        404 if call == Call::Create => ProviderError::Retired { route: ROUTE, detail: text },
        413 => ProviderError::InvalidRequest { route: ROUTE, detail: format!("the input image is too large ({text})") },
        422 if lower.contains("flagged as sensitive") || lower.contains("(e005)") => {
            ProviderError::ContentPolicy { route: ROUTE, detail: text }
        }
        429 => ProviderError::RateLimited { route: ROUTE, retry_after: retry_after(f, &text) },
        500..=599 => ProviderError::Unavailable { route: ROUTE, detail: format!("HTTP {}: {text}", f.status.as_u16()) },
        _ => ProviderError::InvalidRequest { route: ROUTE, detail: text },
    }
}

/// The sentence a creator reads: the invalid fields when listed, else `detail`, else `title`.
fn problem_text(body: &Value) -> Option<String> {
    let fields: Vec<String> = body
        .get("invalid_fields")
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|i| {
                    let field = str_field(i, "field").unwrap_or("input");
                    let field = field.strip_prefix("input.").unwrap_or(field);
                    str_field(i, "description").map(|d| format!("{field}: {d}"))
                })
                .collect()
        })
        .unwrap_or_default();
    if !fields.is_empty() {
        return Some(fields.join("; "));
    }
    let detail = str_field(body, "detail").map(|d| d.trim().trim_start_matches("- ").trim().to_string());
    detail.filter(|d| !d.is_empty()).or_else(|| str_field(body, "title").map(str::to_string))
}

/// `Retry-After` when sent (UNCONFIRMED that Replicate sends it), else the wait named in
/// the documented throttle message: "Your rate limit resets in ~30s."
fn retry_after(f: &HttpFailure, text: &str) -> Option<Duration> {
    parse_retry_after(&f.headers).or_else(|| {
        let after = text.split("resets in").nth(1)?.trim_start().trim_start_matches('~');
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        let secs: u64 = digits.parse().ok()?;
        Some(Duration::from_secs(secs.min(300)))
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn failure(status: u16, body: Value) -> HttpFailure {
        HttpFailure {
            status: reqwest::StatusCode::from_u16(status).unwrap(),
            headers: Default::default(),
            body: body.to_string(),
        }
    }

    #[test]
    fn problem_bodies_become_plain_messages() {
        let unauth = json!({"title": "Unauthenticated", "detail": "You did not pass a valid authentication token", "status": 401});
        let e = classify_failure(&failure(401, unauth), Call::Create);
        assert_eq!(e.code(), "auth");
        assert!(e.to_string().contains("You did not pass a valid authentication token"), "{e}");

        let invalid = json!({
            "title": "Input validation failed", "status": 422,
            "detail": "- input.duration: Must be less than or equal to 15\n",
            "invalid_fields": [{"type": "number_lte", "field": "input.duration", "description": "Must be less than or equal to 15"}]
        });
        let e = classify_failure(&failure(422, invalid), Call::Create);
        assert_eq!(e.to_string(), "Replicate rejected the request: duration: Must be less than or equal to 15");
        // Without the list, the detail line is used.
        let e = classify_failure(
            &failure(422, json!({"detail": "- input.prompt: prompt is required\n", "status": 422})),
            Call::Create,
        );
        assert_eq!(e.to_string(), "Replicate rejected the request: input.prompt: prompt is required");

        let credit = json!({"title": "Insufficient credit", "detail": "You have insufficient credit to run this model.", "status": 402});
        let e = classify_failure(&failure(402, credit), Call::Create);
        assert!(e.to_string().starts_with("Replicate: insufficient balance"), "{e}");

        let missing =
            json!({"title": "Not found", "detail": "The requested resource could not be found.", "status": 404});
        assert_eq!(classify_failure(&failure(404, missing.clone()), Call::Create).code(), "model_retired");
        assert_eq!(classify_failure(&failure(404, missing), Call::Prediction).code(), "provider_rejected");
        assert!(
            classify_failure(&failure(503, json!({"title": "Service Unavailable"})), Call::Prediction).is_transient()
        );
        assert_eq!(
            classify_failure(&failure(400, json!("<html>oops</html>")), Call::Upload).code(),
            "provider_rejected"
        );
    }

    #[test]
    fn throttling_honours_retry_after_or_the_wait_in_the_message() {
        let throttled = json!({"detail": "Request was throttled. Your rate limit resets in ~30s.", "status": 429});
        let e = classify_failure(&failure(429, throttled.clone()), Call::Create);
        assert_eq!(e.retry_after(), Some(Duration::from_secs(30)));
        assert!(e.submit_not_accepted());
        let mut f = failure(429, throttled);
        f.headers.insert("retry-after", "2".parse().unwrap());
        assert_eq!(classify_failure(&f, Call::Prediction).retry_after(), Some(Duration::from_secs(2)));
        let e = classify_failure(&failure(429, json!({"detail": "slow down"})), Call::Prediction);
        assert_eq!((e.code(), e.retry_after()), ("rate_limited", None));
    }
}
