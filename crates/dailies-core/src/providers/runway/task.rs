//! Runway's task object (runway.md §5) → the normalised state, and its HTTP error bodies
//! (§6, shape UNCONFIRMED: `{"error": "..."}` is expected, anything else is read as text).

use serde_json::Value;

use super::ROUTE;
use crate::providers::http::{str_field, HttpFailure};
use crate::providers::{JobState, ProviderError, StatusUpdate};

/// A task object to a status update. `THROTTLED` is queued by Runway itself (the org is at
/// its concurrency limit for the model) and stays visible as the raw word.
pub fn parse_task(task: &Value) -> Result<StatusUpdate, ProviderError> {
    let raw = str_field(task, "status")
        .ok_or_else(|| ProviderError::Malformed { route: ROUTE, detail: "task without a `status` string".into() })?;
    let state = match raw {
        "PENDING" | "THROTTLED" => JobState::Queued,
        "RUNNING" => JobState::Running,
        "SUCCEEDED" => JobState::Succeeded,
        "FAILED" => JobState::Failed,
        "CANCELLED" => JobState::Canceled,
        // Six documented words; a newer one is treated as still working.
        _ => JobState::Running,
    };
    let mut update = StatusUpdate::new(state, raw);
    update.progress = task.get("progress").and_then(Value::as_f64).map(percent);
    match state {
        JobState::Failed => {
            let code = str_field(task, "failureCode").unwrap_or("");
            let reason = str_field(task, "failure").filter(|f| !f.trim().is_empty()).unwrap_or("no reason given");
            update.failure = Some(failure(code, reason));
        }
        JobState::Canceled => {
            let detail = "the task was cancelled or deleted".to_string();
            update.failure = Some(ProviderError::GenerationFailed { route: ROUTE, detail });
        }
        _ => {}
    }
    Ok(update)
}

/// `progress` is a fraction in the SDK types (scale UNCONFIRMED); a value above 1 is read
/// as already being a percentage.
fn percent(p: f64) -> f64 {
    let pct = if p <= 1.0 { p * 100.0 } else { p };
    pct.clamp(0.0, 100.0)
}

/// `failureCode` families from Runway's task-failure catalogue: `SAFETY.*` (and the
/// pre-processing variant) are moderation, `ASSET.*` a bad input, the rest the model's.
fn failure(code: &str, reason: &str) -> ProviderError {
    let detail = if code.is_empty() { reason.to_string() } else { format!("{reason} [{code}]") };
    if code.starts_with("SAFETY") || code.starts_with("INPUT_PREPROCESSING.SAFETY") {
        ProviderError::ContentPolicy { route: ROUTE, detail }
    } else if code.starts_with("ASSET") {
        ProviderError::InvalidRequest { route: ROUTE, detail }
    } else {
        ProviderError::GenerationFailed { route: ROUTE, detail }
    }
}

/// The first output URL of a succeeded task.
pub fn output_url(task: &Value) -> Result<String, ProviderError> {
    if str_field(task, "status") != Some("SUCCEEDED") {
        let status = str_field(task, "status").unwrap_or("missing");
        let detail = format!("asked for the output of a task whose status is {status}");
        return Err(ProviderError::Malformed { route: ROUTE, detail });
    }
    task.pointer("/output/0")
        .and_then(Value::as_str)
        .filter(|u| u.starts_with("http"))
        .map(str::to_string)
        .ok_or_else(|| ProviderError::Malformed { route: ROUTE, detail: "SUCCEEDED task without an output URL".into() })
}

/// Which call failed: a 404 on a create means the endpoint or model is gone; on a task
/// it means the task was deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Call {
    Create,
    Task,
}

/// An HTTP error (SDK classes by status: 400, 401, 403, 404, 422, 429, ≥500).
pub fn classify_failure(f: &HttpFailure, call: Call) -> ProviderError {
    let body = f.json();
    let message = body
        .as_ref()
        .and_then(|b| {
            let e = b.get("error")?;
            e.as_str().map(str::to_string).or_else(|| str_field(e, "message").map(str::to_string))
        })
        .or_else(|| body.as_ref().and_then(|b| str_field(b, "message")).map(str::to_string))
        .unwrap_or_else(|| f.short_body());
    let lower = message.to_ascii_lowercase();
    let detail = if message.is_empty() { format!("HTTP {}", f.status.as_u16()) } else { message };
    match f.status.as_u16() {
        401 | 403 => ProviderError::Auth { route: ROUTE, detail },
        400 | 402 if lower.contains("credit") => ProviderError::Balance { route: ROUTE, detail },
        400 | 422 if lower.contains("moderation") || lower.contains("safety") => {
            ProviderError::ContentPolicy { route: ROUTE, detail }
        }
        404 if call == Call::Create => ProviderError::Retired { route: ROUTE, detail },
        _ => f.common_class(ROUTE).unwrap_or(ProviderError::InvalidRequest { route: ROUTE, detail }),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn failure(status: u16, body: &str) -> HttpFailure {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert("retry-after", "2".parse().unwrap());
        HttpFailure { status: reqwest::StatusCode::from_u16(status).unwrap(), headers, body: body.into() }
    }

    #[test]
    fn six_statuses_normalise_and_keep_the_raw_word() {
        let cases = [
            ("PENDING", JobState::Queued),
            ("THROTTLED", JobState::Queued),
            ("RUNNING", JobState::Running),
            ("SUCCEEDED", JobState::Succeeded),
            ("FAILED", JobState::Failed),
            ("CANCELLED", JobState::Canceled),
        ];
        for (word, state) in cases {
            let u = parse_task(&json!({"id":"t","createdAt":"2026-05-01T12:00:00.000Z","status":word})).unwrap();
            assert_eq!((u.state, u.raw_status.as_str()), (state, word));
        }
        let u = parse_task(&json!({"id":"t","status":"RUNNING","progress":0.42})).unwrap();
        assert!((u.progress.unwrap() - 42.0).abs() < 1e-9);
        assert!(parse_task(&json!({"id":"t","status":3})).is_err());
    }

    #[test]
    fn failure_codes_become_plain_messages() {
        let task = json!({"id":"t","status":"FAILED","failure":"Prompt flagged","failureCode":"SAFETY.INPUT.TEXT"});
        let e = parse_task(&task).unwrap().failure.unwrap();
        assert_eq!(e.to_string(), "Runway rejected the prompt: content policy (Prompt flagged [SAFETY.INPUT.TEXT])");
        let task =
            json!({"id":"t","status":"FAILED","failure":"Bad output","failureCode":"INTERNAL.BAD_OUTPUT.CODE01"});
        assert_eq!(parse_task(&task).unwrap().failure.unwrap().code(), "generation_failed");
        let task =
            json!({"id":"t","status":"FAILED","failure":"Could not read the image","failureCode":"ASSET.INVALID"});
        assert_eq!(parse_task(&task).unwrap().failure.unwrap().code(), "provider_rejected");
    }

    #[test]
    fn http_errors_are_classified() {
        let e = classify_failure(
            &failure(400, r#"{"error":"You do not have enough credits to run this task."}"#),
            Call::Create,
        );
        assert_eq!(e.to_string(), "Runway: insufficient balance (You do not have enough credits to run this task.)");
        let e = classify_failure(&failure(401, r#"{"error":"Invalid API key"}"#), Call::Create);
        assert_eq!(e.code(), "auth");
        let e = classify_failure(&failure(429, r#"{"error":"Too many requests"}"#), Call::Task);
        assert_eq!(e.retry_after(), Some(std::time::Duration::from_secs(2)));
        let e = classify_failure(&failure(400, r#"{"error":"Invalid ratio","issues":[]}"#), Call::Create);
        assert_eq!(e.to_string(), "Runway rejected the request: Invalid ratio");
        let e = classify_failure(&failure(502, "<html>bad gateway</html>"), Call::Task);
        assert!(e.is_transient());
        assert_eq!(classify_failure(&failure(404, "{}"), Call::Create).code(), "model_retired");
    }

    #[test]
    fn output_needs_a_succeeded_task_with_a_url() {
        let task = json!({"id":"t","status":"SUCCEEDED","output":["https://cdn.example/a.mp4?_jwt=x"]});
        assert_eq!(output_url(&task).unwrap(), "https://cdn.example/a.mp4?_jwt=x");
        assert!(output_url(&json!({"id":"t","status":"SUCCEEDED","output":[]})).is_err());
        assert!(output_url(&json!({"id":"t","status":"RUNNING"})).is_err());
    }
}
