//! Kling's `{code, message, request_id, data}` envelope (kling.md §6–§7): business codes
//! decide the class, not the HTTP status, because 429 is shared by billing errors
//! (1101/1102) and throttling (1302/1303). Also the task object → normalised state.

use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde_json::Value;

use super::ROUTE;
use crate::providers::http::{parse_retry_after, str_field};
use crate::providers::{Billed, JobState, ProviderError, StatusUpdate};

/// Which call a failure came from: `1203` (resource not found) means a vanished model on
/// a create, an unknown task on a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Call {
    Create,
    Query,
}

/// The `data` of a successful envelope, or the classified failure.
pub fn open(status: StatusCode, headers: &HeaderMap, body: &str, call: Call) -> Result<Value, ProviderError> {
    let parsed: Option<Value> = serde_json::from_str(body).ok();
    let code = parsed.as_ref().and_then(|v| v.get("code")).and_then(business_code);
    let Some(code) = code else {
        return Err(without_envelope(status, headers, body));
    };
    let envelope = parsed.unwrap_or(Value::Null);
    if code != 0 {
        let message = str_field(&envelope, "message").unwrap_or("no message").to_string();
        return Err(classify(code, &message, status, headers, call));
    }
    match envelope.get("data") {
        Some(data) if !data.is_null() && status.is_success() => Ok(data.clone()),
        _ => Err(ProviderError::Malformed { route: ROUTE, detail: format!("code 0 without data (HTTP {status})") }),
    }
}

/// `code` as a number; a numeric string is tolerated (the type is not documented).
fn business_code(v: &Value) -> Option<i64> {
    v.as_i64().or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
}

/// A body that is not the envelope (a gateway page, a truncated reply).
fn without_envelope(status: StatusCode, headers: &HeaderMap, body: &str) -> ProviderError {
    let snippet: String = body.trim().chars().take(120).collect();
    match status.as_u16() {
        401 | 403 => ProviderError::Auth { route: ROUTE, detail: format!("HTTP {status}") },
        429 => ProviderError::RateLimited { route: ROUTE, retry_after: parse_retry_after(headers) },
        500..=599 => ProviderError::Unavailable { route: ROUTE, detail: format!("HTTP {}", status.as_u16()) },
        _ if status.is_success() => {
            ProviderError::Malformed { route: ROUTE, detail: format!("response is not Kling's envelope: {snippet}") }
        }
        _ => ProviderError::InvalidRequest { route: ROUTE, detail: format!("HTTP {}: {snippet}", status.as_u16()) },
    }
}

/// The error-code table of kling.md §7, as plain messages.
pub fn classify(code: i64, message: &str, status: StatusCode, headers: &HeaderMap, call: Call) -> ProviderError {
    let detail = format!("{code}: {message}");
    match code {
        1000..=1004 => ProviderError::Auth { route: ROUTE, detail },
        1100 => ProviderError::Auth { route: ROUTE, detail: format!("account exception, {detail}") },
        1101 | 1102 => ProviderError::Balance { route: ROUTE, detail },
        1103 => ProviderError::Auth { route: ROUTE, detail: format!("no permission for this model, {detail}") },
        1203 if call == Call::Create => ProviderError::Retired { route: ROUTE, detail },
        1200..=1203 => ProviderError::InvalidRequest { route: ROUTE, detail },
        1300 | 1301 => ProviderError::ContentPolicy { route: ROUTE, detail },
        1302 | 1303 => ProviderError::RateLimited { route: ROUTE, retry_after: parse_retry_after(headers) },
        1304 => ProviderError::Auth { route: ROUTE, detail: format!("IP whitelist policy, {detail}") },
        5000..=5999 => ProviderError::Unavailable { route: ROUTE, detail },
        // A code newer than the table: the HTTP status is the best remaining hint.
        _ => match status.as_u16() {
            401 | 403 => ProviderError::Auth { route: ROUTE, detail },
            429 => ProviderError::RateLimited { route: ROUTE, retry_after: parse_retry_after(headers) },
            500..=599 => ProviderError::Unavailable { route: ROUTE, detail },
            _ => ProviderError::InvalidRequest { route: ROUTE, detail },
        },
    }
}

/// Whether the token itself was refused as expired or not yet valid: re-mint and retry.
pub fn is_stale_token(e: &ProviderError) -> bool {
    matches!(e, ProviderError::Auth { detail, .. } if detail.starts_with("1003:") || detail.starts_with("1004:"))
}

/// A task object (`data`) to a status update; the raw word is kept as Kling spells it.
pub fn parse_task(task: &Value) -> Result<StatusUpdate, ProviderError> {
    let raw = str_field(task, "task_status")
        .ok_or_else(|| ProviderError::Malformed { route: ROUTE, detail: "task without `task_status`".into() })?;
    let state = match raw {
        "submitted" => JobState::Queued,
        "processing" => JobState::Running,
        "succeed" => JobState::Succeeded,
        "failed" => JobState::Failed,
        // Four documented words; anything newer is treated as still working.
        _ => JobState::Running,
    };
    let mut update = StatusUpdate::new(state, raw);
    if state == JobState::Failed {
        let reason = str_field(task, "task_status_msg").filter(|m| !m.trim().is_empty()).unwrap_or("no reason given");
        update.failure = Some(failure_reason(reason));
    }
    Ok(update)
}

/// `task_status_msg` of a failed task: Kling's risk-control refusals read as content policy.
fn failure_reason(message: &str) -> ProviderError {
    let lower = message.to_ascii_lowercase();
    let detail = message.to_string();
    if ["risk", "sensitive", "content security", "content policy", "inappropriate"].iter().any(|w| lower.contains(w)) {
        ProviderError::ContentPolicy { route: ROUTE, detail }
    } else {
        ProviderError::GenerationFailed { route: ROUTE, detail }
    }
}

/// The first video's URL and the reported charge of a succeeded task.
pub fn output(task: &Value) -> Result<(String, Option<Billed>), ProviderError> {
    let url = task
        .pointer("/task_result/videos/0/url")
        .and_then(Value::as_str)
        .filter(|u| u.starts_with("http"))
        .ok_or_else(|| ProviderError::Malformed {
            route: ROUTE,
            detail: "succeeded task without a video url".into(),
        })?;
    // `final_unit_deduction` is documented as a string of units; a number is tolerated.
    let units = task.get("final_unit_deduction").and_then(|v| match v {
        Value::String(s) => s.trim().parse::<f64>().ok(),
        other => other.as_f64(),
    });
    Ok((url.to_string(), units.filter(|u| u.is_finite() && *u >= 0.0).map(Billed::Units)))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn fail(status: u16, body: Value) -> ProviderError {
        let status = StatusCode::from_u16(status).unwrap();
        open(status, &HeaderMap::new(), &body.to_string(), Call::Create).unwrap_err()
    }

    #[test]
    fn business_codes_become_plain_messages() {
        let e = fail(400, json!({"code":1301,"message":"prompt contains sensitive content","request_id":"r"}));
        assert_eq!(
            e.to_string(),
            "Kling rejected the prompt: content policy (1301: prompt contains sensitive content)"
        );
        let e = fail(429, json!({"code":1102,"message":"resource pack exhausted","request_id":"r"}));
        assert_eq!(e.to_string(), "Kling: insufficient balance (1102: resource pack exhausted)");
        let e = fail(429, json!({"code":1303,"message":"parallel task over resource pack limit","request_id":"r"}));
        assert_eq!(e.code(), "rate_limited");
        assert!(e.submit_not_accepted());
        let e = fail(401, json!({"code":1002,"message":"Authorization is invalid","request_id":"r"}));
        assert!(e.to_string().starts_with("Kling: the API key was rejected (1002"), "{e}");
        assert!(!is_stale_token(&e));
        assert!(is_stale_token(&fail(401, json!({"code":1004,"message":"token expired"}))));
        assert_eq!(fail(404, json!({"code":1203,"message":"model not found"})).code(), "model_retired");
        assert!(fail(503, json!({"code":5001,"message":"maintenance"})).is_transient());
        // No Retry-After is documented; one that does arrive is honoured.
        let mut headers = HeaderMap::new();
        headers.insert("retry-after", "3".parse().unwrap());
        let body = json!({"code":1302,"message":"request rate too high"}).to_string();
        let e = open(StatusCode::TOO_MANY_REQUESTS, &headers, &body, Call::Query).unwrap_err();
        assert_eq!(e.retry_after(), Some(std::time::Duration::from_secs(3)));
        // A failure reported with HTTP 200 is still a failure.
        assert_eq!(fail(200, json!({"code":1201,"message":"duration is invalid"})).code(), "provider_rejected");
    }

    #[test]
    fn bodies_without_the_envelope_are_classified_by_status() {
        let headers = HeaderMap::new();
        let e = open(StatusCode::OK, &headers, "<html>oops</html>", Call::Query).unwrap_err();
        assert_eq!(e.code(), "malformed_response");
        let e = open(StatusCode::BAD_GATEWAY, &headers, "<html>502</html>", Call::Query).unwrap_err();
        assert!(e.is_transient());
        let e = open(StatusCode::OK, &headers, r#"{"code":0,"message":"SUCCEED"}"#, Call::Query).unwrap_err();
        assert_eq!(e.code(), "malformed_response");
        let ok = open(StatusCode::OK, &headers, r#"{"code":"0","data":{"task_id":"1"}}"#, Call::Query).unwrap();
        assert_eq!(ok["task_id"], "1");
    }

    #[test]
    fn task_states_and_failures() {
        let words = [
            ("submitted", JobState::Queued),
            ("processing", JobState::Running),
            ("succeed", JobState::Succeeded),
            ("failed", JobState::Failed),
        ];
        for (word, state) in words {
            let u = parse_task(&json!({"task_id":"1","task_status":word})).unwrap();
            assert_eq!((u.state, u.raw_status.as_str()), (state, word));
        }
        let u =
            parse_task(&json!({"task_status":"failed","task_status_msg":"Failure to pass the risk control system"}))
                .unwrap();
        assert_eq!(u.failure.unwrap().code(), "content_policy");
        let u = parse_task(&json!({"task_status":"failed","task_status_msg":"internal render error"})).unwrap();
        assert_eq!(u.failure.unwrap().to_string(), "Kling: generation failed: internal render error");
        assert!(parse_task(&json!({"task_id":"1"})).is_err());
    }

    #[test]
    fn output_reads_url_and_units() {
        let task = json!({"task_status":"succeed","final_unit_deduction":"4",
            "task_result":{"videos":[{"id":"v","url":"https://cdn.example/v.mp4","duration":"5.1"}]}});
        assert_eq!(output(&task).unwrap(), ("https://cdn.example/v.mp4".into(), Some(Billed::Units(4.0))));
        let without_charge = json!({"task_result":{"videos":[{"url":"https://cdn.example/v.mp4"}]}});
        assert_eq!(output(&without_charge).unwrap().1, None);
        assert_eq!(output(&json!({"task_result":{}})).unwrap_err().code(), "malformed_response");
    }
}
