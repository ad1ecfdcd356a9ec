//! Luma's error bodies, whose shape is UNCONFIRMED (a FastAPI-style `{"detail": ...}` is
//! likely; `{"error": ...}` and `{"message": ...}` are tolerated too), and `failure_reason`
//! texts, classified into plain messages.

use serde_json::Value;

use super::ROUTE;
use crate::providers::http::{str_field, HttpFailure};
use crate::providers::ProviderError;

fn is_moderation(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    ["moderation", "not allowed", "content policy", "safety", "nsfw", "inappropriate"].iter().any(|w| t.contains(w))
}

fn is_balance(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    ["insufficient credit", "not enough credit", "out of credits", "insufficient balance", "billing"]
        .iter()
        .any(|w| t.contains(w))
}

/// The human text of an error body, whichever of the likely shapes it has.
fn message(f: &HttpFailure) -> String {
    let body = f.json().unwrap_or(Value::Null);
    let text = |v: &Value| -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            // FastAPI validation lists: [{loc, msg, type}].
            Value::Array(items) => Some(
                items
                    .iter()
                    .map(|i| {
                        let loc: Vec<String> = i
                            .get("loc")
                            .and_then(Value::as_array)
                            .map(|l| l.iter().filter(|p| p.as_str() != Some("body")).map(plain).collect())
                            .unwrap_or_default();
                        let msg = str_field(i, "msg").unwrap_or("invalid");
                        if loc.is_empty() {
                            msg.to_string()
                        } else {
                            format!("{}: {msg}", loc.join("."))
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            Value::Object(_) => str_field(v, "message").or_else(|| str_field(v, "detail")).map(str::to_string),
            _ => None,
        }
    };
    ["detail", "error", "message"]
        .iter()
        .find_map(|k| body.get(*k).and_then(text))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| f.short_body())
}

fn plain(v: &Value) -> String {
    v.as_str().map_or_else(|| v.to_string(), str::to_string)
}

pub fn classify_failure(f: &HttpFailure) -> ProviderError {
    let detail = message(f);
    match f.status.as_u16() {
        402 => ProviderError::Balance { route: ROUTE, detail },
        _ if is_balance(&detail) => ProviderError::Balance { route: ROUTE, detail },
        401 | 403 => ProviderError::Auth { route: ROUTE, detail },
        400 | 422 if is_moderation(&detail) => ProviderError::ContentPolicy { route: ROUTE, detail },
        _ => f.common_class(ROUTE).unwrap_or(ProviderError::InvalidRequest { route: ROUTE, detail }),
    }
}

/// A failed generation's `failure_reason`.
pub fn failure_reason(reason: &str) -> ProviderError {
    let detail = if reason.trim().is_empty() { "no reason given".to_string() } else { reason.trim().to_string() };
    if is_moderation(&detail) {
        ProviderError::ContentPolicy { route: ROUTE, detail }
    } else {
        ProviderError::GenerationFailed { route: ROUTE, detail }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn failure(status: u16, body: &str) -> HttpFailure {
        HttpFailure {
            status: reqwest::StatusCode::from_u16(status).unwrap(),
            headers: Default::default(),
            body: body.into(),
        }
    }

    #[test]
    fn error_bodies_become_plain_messages() {
        let e = classify_failure(&failure(401, r#"{"detail":"Invalid API key"}"#));
        assert_eq!(e.code(), "auth");
        let e = classify_failure(&failure(400, r#"{"detail":"Insufficient credits"}"#));
        assert_eq!(e.to_string(), "Luma: insufficient balance (Insufficient credits)");
        let e = classify_failure(&failure(400, r#"{"detail":"Invalid duration: must be one of '5s', '9s'"}"#));
        assert_eq!(e.to_string(), "Luma rejected the request: Invalid duration: must be one of '5s', '9s'");
        let e = classify_failure(&failure(
            422,
            &json!({"detail": [{"loc": ["body", "aspect_ratio"], "msg": "Input should be '16:9'", "type": "enum"}]})
                .to_string(),
        ));
        assert_eq!(e.to_string(), "Luma rejected the request: aspect_ratio: Input should be '16:9'");
        let e = classify_failure(&failure(
            400,
            r#"{"error":{"message":"Prompt not allowed because advanced moderation failed"}}"#,
        ));
        assert_eq!(e.code(), "content_policy");
        assert!(classify_failure(&failure(429, r#"{"detail":"Too many requests"}"#)).is_transient());
        assert!(classify_failure(&failure(502, "<html>bad gateway</html>")).is_transient());
    }
}
