//! MiniMax's error channel (minimax.md §5): every v1 response carries
//! `base_resp: {status_code, status_msg}`, and business errors usually arrive with
//! HTTP 200, so a body is only a success once `status_code` is 0.

use serde_json::Value;

use super::ROUTE;
use crate::providers::http::{parse_retry_after, str_field, HttpFailure};
use crate::providers::ProviderError;

/// `base_resp` of a response body; `None` when the body has none (a malformed response).
pub fn base_resp(body: &Value) -> Option<(i64, String)> {
    let resp = body.get("base_resp")?;
    let code = resp.get("status_code").and_then(|c| c.as_i64().or_else(|| c.as_str()?.parse().ok()))?;
    Some((code, str_field(resp, "status_msg").unwrap_or("").to_string()))
}

/// The body's own error, if `base_resp` reports one; a body without `base_resp` is malformed.
pub fn check(body: &Value) -> Result<(), ProviderError> {
    match base_resp(body) {
        Some((0, _)) => Ok(()),
        Some((code, msg)) => Err(classify_code(code, &msg)),
        None => Err(ProviderError::Malformed {
            route: ROUTE,
            detail: format!("response without base_resp: {}", body.to_string().chars().take(120).collect::<String>()),
        }),
    }
}

/// What a documented `status_code` means for the request that got it.
pub fn classify_code(code: i64, msg: &str) -> ProviderError {
    let detail = detail(code, msg);
    match code {
        1002 => ProviderError::RateLimited { route: ROUTE, retry_after: None },
        // 2049 "invalid api key" has an UNCONFIRMED number; both mean the key/host pair is wrong.
        1004 | 2049 => ProviderError::Auth { route: ROUTE, detail },
        1008 => ProviderError::Balance { route: ROUTE, detail },
        1026 | 1027 => ProviderError::ContentPolicy { route: ROUTE, detail },
        // Unknown, timeout, internal and downstream errors are worth asking again.
        1000 | 1001 | 1024 | 1033 => ProviderError::Unavailable { route: ROUTE, detail },
        _ => ProviderError::InvalidRequest { route: ROUTE, detail },
    }
}

/// A task that ended `Fail`: its reason arrives in the query's `base_resp`.
pub fn classify_task_failure(code: i64, msg: &str) -> ProviderError {
    match code {
        1008 | 1026 | 1027 => classify_code(code, msg),
        0 => ProviderError::GenerationFailed { route: ROUTE, detail: "no reason given".into() },
        _ => ProviderError::GenerationFailed { route: ROUTE, detail: detail(code, msg) },
    }
}

/// Transport-level failures (gateway 4xx/5xx); a JSON body with `base_resp` wins.
pub fn classify_failure(f: &HttpFailure) -> ProviderError {
    if let Some((code, msg)) = f.json().as_ref().and_then(base_resp).filter(|(code, _)| *code != 0) {
        return match classify_code(code, &msg) {
            ProviderError::RateLimited { route, .. } => {
                ProviderError::RateLimited { route, retry_after: parse_retry_after(&f.headers) }
            }
            other => other,
        };
    }
    let detail = format!("HTTP {}: {}", f.status.as_u16(), f.short_body());
    match f.status.as_u16() {
        401 | 403 => ProviderError::Auth { route: ROUTE, detail },
        _ => f.common_class(ROUTE).unwrap_or(ProviderError::InvalidRequest { route: ROUTE, detail }),
    }
}

fn detail(code: i64, msg: &str) -> String {
    let msg = msg.trim();
    let msg = if msg.is_empty() { meaning(code) } else { msg };
    format!("{msg}; code {code}")
}

/// minimax.md §5, for responses that carry a code but no message.
fn meaning(code: i64) -> &'static str {
    match code {
        1000 => "unknown error",
        1001 => "request timeout",
        1002 => "rate limited",
        1004 => "authentication failed",
        1008 => "insufficient balance",
        1024 => "internal error",
        1026 => "the prompt contains sensitive content",
        1027 => "the generated video contains sensitive content",
        1033 => "system error",
        1042 => "too many invisible or illegal characters in the prompt",
        2013 => "invalid parameters",
        2038 => "real-name verification is required for this account",
        2049 => "invalid API key",
        _ => "error",
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn body(code: i64, msg: &str) -> Value {
        json!({"task_id": "", "base_resp": {"status_code": code, "status_msg": msg}})
    }

    #[test]
    fn documented_codes_become_plain_messages() {
        let e = check(&body(1008, "insufficient balance")).unwrap_err();
        assert_eq!(e.to_string(), "MiniMax: insufficient balance (insufficient balance; code 1008)");
        let e = check(&body(1026, "input new_sensitive")).unwrap_err();
        assert!(e.to_string().starts_with("MiniMax rejected the prompt: content policy"), "{e}");
        let e = check(&body(1004, "login fail: Please carry the API secret key")).unwrap_err();
        assert_eq!(e.code(), "auth");
        assert_eq!(check(&body(2049, "invalid api key")).unwrap_err().code(), "auth");
        let e = check(&body(1002, "rate limit exceeded")).unwrap_err();
        assert!(e.submit_not_accepted() && e.is_transient());
        assert!(check(&body(1033, "")).unwrap_err().to_string().contains("system error; code 1033"));
        assert!(check(&body(1024, "internal error")).unwrap_err().is_transient());
        let e = check(&body(2013, "invalid params, duration must be 6 or 10")).unwrap_err();
        assert_eq!(e.to_string(), "MiniMax rejected the request: invalid params, duration must be 6 or 10; code 2013");
        assert!(check(&body(0, "success")).is_ok());
        // The code may arrive as a string; no base_resp at all is malformed.
        assert!(check(&json!({"base_resp": {"status_code": "0"}})).is_ok());
        assert_eq!(check(&json!({"task_id": "1"})).unwrap_err().code(), "malformed_response");
    }

    #[test]
    fn transport_failures_prefer_the_body_code_and_honour_retry_after() {
        let mut f = HttpFailure {
            status: reqwest::StatusCode::TOO_MANY_REQUESTS,
            headers: Default::default(),
            body: body(1002, "rate limit").to_string(),
        };
        f.headers.insert("retry-after", "3".parse().unwrap());
        assert_eq!(classify_failure(&f).retry_after(), Some(std::time::Duration::from_secs(3)));
        f.body = "<html>502 Bad Gateway</html>".into();
        f.status = reqwest::StatusCode::BAD_GATEWAY;
        let e = classify_failure(&f);
        assert!(e.is_transient(), "{e}");
        f.status = reqwest::StatusCode::UNAUTHORIZED;
        assert_eq!(classify_failure(&f).code(), "auth");
    }

    #[test]
    fn failed_tasks_keep_their_reason() {
        assert_eq!(classify_task_failure(1027, "output video sensitive").code(), "content_policy");
        let e = classify_task_failure(1000, "video generation failed");
        assert_eq!(e.to_string(), "MiniMax: generation failed: video generation failed; code 1000");
        assert_eq!(classify_task_failure(0, "success").code(), "generation_failed");
    }
}
