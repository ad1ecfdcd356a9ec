//! Ark's error codes (strings such as `InvalidParameter.Duration`,
//! `InputTextSensitiveContentDetected`, `QuotaExceeded`) classified into plain messages.
//!
//! The envelope is OpenAI-like `{"error": {code, message, param, type}}`, but only the codes
//! are confirmed (UNCONFIRMED wrapper), so a top-level `{code, message}` and Volcengine's
//! `{"ResponseMetadata": {"Error": {Code, Message}}}` are read too.

use serde_json::Value;

use super::ROUTE;
use crate::providers::http::{parse_retry_after, str_field, HttpFailure};
use crate::providers::ProviderError;

/// `(code, message, param)` from whichever envelope the body uses.
fn envelope(body: &Value) -> Option<(String, String, Option<String>)> {
    let nested = body.get("error").filter(|e| e.is_object());
    let volc = body.pointer("/ResponseMetadata/Error");
    let (err, code_key, message_key) = match (nested, volc) {
        (Some(e), _) => (e, "code", "message"),
        (None, Some(e)) => (e, "Code", "Message"),
        (None, None) if body.get("code").is_some() => (body, "code", "message"),
        _ => return None,
    };
    let code = str_field(err, code_key).unwrap_or("").to_string();
    let message = str_field(err, message_key).unwrap_or("").to_string();
    let param = str_field(err, "param").filter(|p| !p.is_empty()).map(str::to_string);
    Some((code, message, param))
}

pub fn classify_failure(f: &HttpFailure) -> ProviderError {
    let body = f.json().unwrap_or(Value::Null);
    let Some((code, message, param)) = envelope(&body) else {
        let detail = f.short_body();
        return f.common_class(ROUTE).unwrap_or(match f.status.as_u16() {
            401 | 403 => ProviderError::Auth { route: ROUTE, detail },
            _ => ProviderError::InvalidRequest { route: ROUTE, detail },
        });
    };
    let detail = with_param(&code, &message, param.as_deref());
    match f.status.as_u16() {
        // RPM overrun, or too many queued tasks (`QuotaExceeded`): both clear up with time.
        429 if !is_balance(&code) => {
            ProviderError::RateLimited { route: ROUTE, retry_after: parse_retry_after(&f.headers) }
        }
        500..=599 => ProviderError::Unavailable { route: ROUTE, detail: format!("HTTP {} {code}", f.status.as_u16()) },
        401 => ProviderError::Auth { route: ROUTE, detail },
        403 if !is_balance(&code) => ProviderError::Auth { route: ROUTE, detail },
        _ => known_code(&code, detail.clone()).unwrap_or(ProviderError::InvalidRequest { route: ROUTE, detail }),
    }
}

/// A failed task's `error: {code, message}`.
pub fn classify_error(code: &str, message: &str) -> ProviderError {
    let detail = with_param(code, message, None);
    known_code(code, detail.clone()).unwrap_or_else(|| {
        let detail = if code.is_empty() { detail } else { format!("{detail} [{code}]") };
        ProviderError::GenerationFailed { route: ROUTE, detail }
    })
}

fn with_param(code: &str, message: &str, param: Option<&str>) -> String {
    let message = if message.trim().is_empty() { code } else { message.trim() };
    match param {
        Some(p) if !message.starts_with(p) => format!("{p}: {message}"),
        _ => message.to_string(),
    }
}

fn is_balance(code: &str) -> bool {
    code.contains("Overdue") || code.contains("InsufficientBalance") || code.contains("Arrears")
}

/// The classes Ark's documented (and commonly seen) codes fall into.
fn known_code(code: &str, detail: String) -> Option<ProviderError> {
    Some(if code.contains("SensitiveContentDetected") {
        ProviderError::ContentPolicy { route: ROUTE, detail }
    } else if is_balance(code) {
        ProviderError::Balance { route: ROUTE, detail }
    } else if code.starts_with("AuthenticationError") || code == "AccessDenied" {
        ProviderError::Auth { route: ROUTE, detail }
    } else if code.starts_with("InvalidEndpointOrModel") {
        ProviderError::Retired { route: ROUTE, detail }
    } else if code == "ModelNotOpen" {
        let detail = format!("{detail} (activate the model in the ModelArk console first)");
        ProviderError::InvalidRequest { route: ROUTE, detail }
    } else if code.starts_with("InvalidParameter") || code.starts_with("InvalidImageURL") {
        ProviderError::InvalidRequest { route: ROUTE, detail }
    } else {
        return None;
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn failure(status: u16, body: Value) -> HttpFailure {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert("retry-after", "2".parse().unwrap());
        HttpFailure { status: reqwest::StatusCode::from_u16(status).unwrap(), headers, body: body.to_string() }
    }

    fn ark(status: u16, code: &str, message: &str, param: &str) -> HttpFailure {
        failure(status, json!({"error": {"code": code, "message": message, "param": param, "type": "BadRequest"}}))
    }

    #[test]
    fn codes_become_plain_messages() {
        let e = classify_failure(&ark(
            400,
            "InvalidParameter.Duration",
            "the value of duration is out of range",
            "duration",
        ));
        assert_eq!(e.to_string(), "BytePlus Ark rejected the request: duration: the value of duration is out of range");
        let e = classify_failure(&ark(
            400,
            "InputTextSensitiveContentDetected",
            "The request failed because the input text may contain sensitive information.",
            "",
        ));
        assert_eq!(e.code(), "content_policy");
        assert!(e.to_string().starts_with("BytePlus Ark rejected the prompt: content policy"));
        let e = classify_failure(&ark(403, "AccountOverdueError", "Your account has an overdue balance.", ""));
        assert_eq!(e.to_string(), "BytePlus Ark: insufficient balance (Your account has an overdue balance.)");
        let e = classify_failure(&ark(401, "AuthenticationError", "The API key is invalid.", ""));
        assert_eq!(e.code(), "auth");
        let e = classify_failure(&ark(429, "QuotaExceeded", "Too many queued tasks.", ""));
        assert_eq!(e.retry_after(), Some(std::time::Duration::from_secs(2)));
        let e = classify_failure(&ark(404, "ModelNotOpen", "The model is not activated.", ""));
        assert!(e.to_string().contains("activate the model"), "{e}");
        assert_eq!(classify_failure(&ark(404, "InvalidEndpointOrModel.NotFound", "gone", "")).code(), "model_retired");
        assert!(classify_failure(&ark(500, "InternalServiceError", "oops", "")).is_transient());
        assert!(classify_failure(&failure(502, json!("<html>"))).is_transient());
    }

    #[test]
    fn other_envelopes_are_tolerated() {
        let top = failure(400, json!({"code": "InvalidParameter.Ratio", "message": "bad ratio"}));
        assert_eq!(classify_failure(&top).to_string(), "BytePlus Ark rejected the request: bad ratio");
        let volc =
            failure(401, json!({"ResponseMetadata": {"Error": {"Code": "AuthenticationError", "Message": "bad key"}}}));
        assert_eq!(classify_failure(&volc).code(), "auth");
        assert_eq!(
            classify_error("", "no reason given").to_string(),
            "BytePlus Ark: generation failed: no reason given"
        );
    }
}
