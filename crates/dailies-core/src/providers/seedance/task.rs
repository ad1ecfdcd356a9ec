//! A content generation task: its status word to the normalised state, and its token usage.

use serde_json::Value;

use super::errors::classify_error;
use super::ROUTE;
use crate::providers::{Billed, JobState, ProviderError, StatusUpdate};

/// Maps a task object (GET, list item or callback body) to a status update.
pub fn parse_task(t: &Value) -> Result<StatusUpdate, ProviderError> {
    let raw = match t.get("status") {
        Some(Value::String(s)) => s.as_str(),
        Some(other) => {
            let detail = format!("task `status` is {other}, not a string");
            return Err(ProviderError::Malformed { route: ROUTE, detail });
        }
        None => return Err(ProviderError::Malformed { route: ROUTE, detail: "task without `status`".into() }),
    };
    let state = match raw {
        "queued" => JobState::Queued,
        "running" => JobState::Running,
        "succeeded" => JobState::Succeeded,
        "failed" | "expired" => JobState::Failed,
        "cancelled" => JobState::Canceled,
        // The status is typed as a free string; unknown words are tolerated as "still working".
        _ => JobState::Running,
    };
    let mut u = StatusUpdate::new(state, raw);
    u.failure = match raw {
        "failed" => {
            let error = t.get("error").unwrap_or(&Value::Null);
            let code = error.get("code").and_then(Value::as_str).unwrap_or("");
            let message = error.get("message").and_then(Value::as_str).unwrap_or("no reason given");
            Some(classify_error(code, message))
        }
        "expired" => Some(ProviderError::GenerationFailed {
            route: ROUTE,
            detail: "the task expired before it finished (execution_expires_after)".into(),
        }),
        "cancelled" => Some(ProviderError::GenerationFailed { route: ROUTE, detail: "the task was cancelled".into() }),
        _ => None,
    };
    Ok(u)
}

/// The provider's charge: `usage.completion_tokens` (equal to `total_tokens`, since video
/// input tokens count as 0). Absent when the task reports no usage.
pub fn billed_tokens(t: &Value) -> Option<Billed> {
    let usage = t.get("usage")?;
    let tokens = usage.get("completion_tokens").or_else(|| usage.get("total_tokens"))?.as_u64()?;
    Some(Billed::Tokens(tokens))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn statuses_map_to_the_normalised_enum() {
        for (raw, state) in [
            ("queued", JobState::Queued),
            ("running", JobState::Running),
            ("succeeded", JobState::Succeeded),
            ("cancelled", JobState::Canceled),
            ("expired", JobState::Failed),
            ("paused", JobState::Running),
        ] {
            let u = parse_task(&json!({"id": "cgt-1", "status": raw})).unwrap();
            assert_eq!((u.state, u.raw_status.as_str()), (state, raw));
        }
        assert_eq!(parse_task(&json!({"id": "cgt-1", "status": 3})).unwrap_err().code(), "malformed_response");
    }

    #[test]
    fn failed_tasks_carry_their_reason_and_usage_is_billed() {
        let failed = json!({"id": "cgt-1", "status": "failed", "error": {"code": "OutputVideoSensitiveContentDetected",
            "message": "The generated video may contain sensitive content."}});
        let e = parse_task(&failed).unwrap().failure.unwrap();
        assert_eq!(
            e.to_string(),
            "BytePlus Ark rejected the prompt: content policy (The generated video may contain sensitive content.)"
        );
        let done = json!({"status": "succeeded", "usage": {"completion_tokens": 246840, "total_tokens": 246840}});
        assert_eq!(billed_tokens(&done), Some(Billed::Tokens(246_840)));
        assert_eq!(billed_tokens(&json!({"status": "succeeded"})), None);
    }
}
