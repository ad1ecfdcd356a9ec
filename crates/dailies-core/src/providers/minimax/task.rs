//! The query response (minimax.md §3) and the file object (§4): status words, the
//! `file_id` of a finished task and the download URL behind it.

use serde_json::Value;

use super::base_resp::{base_resp, check, classify_code, classify_task_failure};
use super::ROUTE;
use crate::providers::http::str_field;
use crate::providers::{JobState, ProviderError, StatusUpdate};

/// A query response to a status update. A `Fail` task carries its reason in `base_resp`,
/// so it is read before the generic error check.
pub fn parse_query(body: &Value) -> Result<StatusUpdate, ProviderError> {
    let (code, msg) = base_resp(body).ok_or_else(|| malformed(body, "query response without base_resp"))?;
    let raw = str_field(body, "status");
    if let Some(raw) = raw.filter(|s| s.eq_ignore_ascii_case("fail")) {
        let failure = classify_task_failure(code, &msg);
        return Ok(StatusUpdate { failure: Some(failure), ..StatusUpdate::new(JobState::Failed, raw) });
    }
    if code != 0 {
        return Err(classify_code(code, &msg));
    }
    let raw = raw.ok_or_else(|| malformed(body, "query response without a status"))?;
    // The documented words are capitalised; case is tolerated, unknown words mean "working".
    let state = match raw.to_ascii_lowercase().as_str() {
        "preparing" | "queueing" => JobState::Queued,
        "processing" => JobState::Running,
        "success" => JobState::Succeeded,
        _ => JobState::Running,
    };
    Ok(StatusUpdate::new(state, raw))
}

/// The `file_id` of a task that reached `Success`. It is an opaque id that arrives as a
/// string or a number.
pub fn finished_file_id(body: &Value) -> Result<String, ProviderError> {
    let update = parse_query(body)?;
    match update.state {
        JobState::Succeeded => {}
        JobState::Failed | JobState::Canceled => {
            return Err(update
                .failure
                .unwrap_or(ProviderError::GenerationFailed { route: ROUTE, detail: "the task failed".into() }))
        }
        _ => {
            let detail = format!("the video is not ready ({})", update.raw_status);
            return Err(ProviderError::Unavailable { route: ROUTE, detail });
        }
    }
    match body.get("file_id") {
        Some(Value::String(s)) if !s.is_empty() => Ok(s.clone()),
        Some(Value::Number(n)) => Ok(n.to_string()),
        _ => Err(malformed(body, "a finished task without file_id")),
    }
}

/// `file.download_url` of a retrieve response, else the backup URL where one is given.
pub fn download_url(body: &Value) -> Result<String, ProviderError> {
    check(body)?;
    let file = body.get("file").unwrap_or(&Value::Null);
    ["download_url", "backup_download_url"]
        .iter()
        .filter_map(|k| str_field(file, k))
        .find(|u| u.starts_with("https://") || u.starts_with("http://"))
        .map(str::to_string)
        .ok_or_else(|| malformed(body, "file without a download_url"))
}

fn malformed(body: &Value, what: &str) -> ProviderError {
    let shown: String = body.to_string().chars().take(120).collect();
    ProviderError::Malformed { route: ROUTE, detail: format!("{what}: {shown}") }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const OK: &str = r#"{"status_code":0,"status_msg":"success"}"#;

    fn query(status: &str) -> Value {
        json!({"task_id": "106916112212032", "status": status, "base_resp": serde_json::from_str::<Value>(OK).unwrap()})
    }

    #[test]
    fn status_words_map_to_states_and_stay_raw() {
        for (word, state) in [
            ("Preparing", JobState::Queued),
            ("Queueing", JobState::Queued),
            ("Processing", JobState::Running),
            ("Success", JobState::Succeeded),
            ("Rendering", JobState::Running),
        ] {
            let u = parse_query(&query(word)).unwrap();
            assert_eq!((u.state, u.raw_status.as_str()), (state, word));
        }
        let fail = json!({"task_id": "1", "status": "Fail", "base_resp": {"status_code": 1027, "status_msg": "output video sensitive"}});
        let u = parse_query(&fail).unwrap();
        assert_eq!((u.state, u.raw_status.as_str()), (JobState::Failed, "Fail"));
        assert_eq!(u.failure.unwrap().code(), "content_policy");
    }

    #[test]
    fn errors_and_garbage_in_a_query_are_classified() {
        let limited = json!({"task_id": "", "base_resp": {"status_code": 1002, "status_msg": "rate limit"}});
        assert_eq!(parse_query(&limited).unwrap_err().code(), "rate_limited");
        assert_eq!(parse_query(&json!({"task_id": "1", "status": 3})).unwrap_err().code(), "malformed_response");
        let no_status = json!({"task_id": "1", "base_resp": {"status_code": 0}});
        assert_eq!(parse_query(&no_status).unwrap_err().code(), "malformed_response");
    }

    #[test]
    fn file_ids_and_download_urls() {
        let mut done = query("Success");
        done["file_id"] = json!(205258526306433u64);
        assert_eq!(finished_file_id(&done).unwrap(), "205258526306433");
        done["file_id"] = json!("205258526306433");
        assert_eq!(finished_file_id(&done).unwrap(), "205258526306433");
        done["file_id"] = json!("");
        assert_eq!(finished_file_id(&done).unwrap_err().code(), "malformed_response");
        assert!(finished_file_id(&query("Processing")).unwrap_err().is_transient());

        let file = json!({"file": {"file_id": 1, "download_url": "https://cdn.example/output.mp4"}, "base_resp": {"status_code": 0}});
        assert_eq!(download_url(&file).unwrap(), "https://cdn.example/output.mp4");
        let backup = json!({"file": {"download_url": null, "backup_download_url": "https://b.example/o.mp4"}, "base_resp": {"status_code": 0}});
        assert_eq!(download_url(&backup).unwrap(), "https://b.example/o.mp4");
        let broke = json!({"file": {"download_url": 5}, "base_resp": {"status_code": 0}});
        assert_eq!(download_url(&broke).unwrap_err().code(), "malformed_response");
    }
}
