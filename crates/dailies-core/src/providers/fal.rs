//! fal queue API (`shared/providers/fal.md`): submit to the full endpoint id, follow the
//! returned `status_url` (SSE with polling fallback), fetch `response_url`, download the
//! CDN file. Status, result and cancel URLs use only `owner/app`; we keep the URLs the
//! server returns and rebuild them only when a field is missing.

use std::time::Duration;

use async_trait::async_trait;
use futures::stream::{BoxStream, StreamExt};
use serde_json::{json, Value};

use super::http::{read_json, send_ok, str_field, HttpFailure};
use super::{
    JobRef, JobState, OutputFile, ProviderAdapter, ProviderError, RouteContext, StatusUpdate, SubmitRequest, Submitted,
};
use crate::catalog::RouteId;

const ROUTE: RouteId = RouteId::Fal;

pub struct FalAdapter;

/// `owner/app` (with a `workflows`/`comfy` namespace kept) from a full endpoint id.
pub fn app_path(endpoint: &str) -> String {
    let parts: Vec<&str> = endpoint.trim_matches('/').split('/').collect();
    let n = if matches!(parts.first(), Some(&"workflows") | Some(&"comfy")) { 3 } else { 2 };
    parts.iter().take(n).copied().collect::<Vec<_>>().join("/")
}

fn auth(ctx: &RouteContext) -> String {
    format!("Key {}", ctx.key.expose())
}

fn url_of(ctx: &RouteContext, job: &JobRef, key: &str, suffix: &str) -> String {
    job.handle.get(key).and_then(Value::as_str).map(str::to_string).unwrap_or_else(|| {
        format!(
            "{}/{}/requests/{}{suffix}",
            ctx.base_url.trim_end_matches('/'),
            app_path(&job.endpoint),
            job.provider_job_id
        )
    })
}

/// Maps one fal status object (polling or SSE) to the normalised state.
pub fn parse_status(v: &Value) -> Result<StatusUpdate, ProviderError> {
    let raw = str_field(v, "status")
        .ok_or_else(|| ProviderError::Malformed { route: ROUTE, detail: "status object without `status`".into() })?;
    let mut u = match raw {
        "IN_QUEUE" => StatusUpdate::new(JobState::Queued, raw),
        "IN_PROGRESS" => StatusUpdate::new(JobState::Running, raw),
        "COMPLETED" => match v.get("error").filter(|e| !e.is_null()) {
            None => StatusUpdate::new(JobState::Succeeded, raw),
            Some(err) => {
                let error_type = str_field(v, "error_type").unwrap_or("");
                let message = err.as_str().map(str::to_string).unwrap_or_else(|| err.to_string());
                let (state, failure) = classify_error_type(error_type, &message);
                StatusUpdate { failure: Some(failure), ..StatusUpdate::new(state, raw) }
            }
        },
        // The protocol has three words; anything else is tolerated as "still working".
        other => StatusUpdate::new(JobState::Running, other),
    };
    u.queue_position = v.get("queue_position").and_then(Value::as_u64).and_then(|q| u32::try_from(q).ok());
    Ok(u)
}

fn classify_error_type(error_type: &str, message: &str) -> (JobState, ProviderError) {
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
pub fn classify_failure(f: &HttpFailure) -> ProviderError {
    let body = f.json().unwrap_or(Value::Null);
    let detail = body.get("detail");
    let items: Vec<&Value> = detail.and_then(Value::as_array).map(|a| a.iter().collect()).unwrap_or_default();
    if items.iter().any(|i| str_field(i, "type") == Some("content_policy_violation")) {
        let msg = items.iter().filter_map(|i| str_field(i, "msg")).collect::<Vec<_>>().join("; ");
        return ProviderError::ContentPolicy { route: ROUTE, detail: msg };
    }
    let flat = detail.and_then(Value::as_str).unwrap_or("").to_string();
    let text = if items.is_empty() {
        if flat.is_empty() {
            f.short_body()
        } else {
            flat.clone()
        }
    } else {
        items
            .iter()
            .map(|i| {
                let loc: Vec<String> = i
                    .get("loc")
                    .and_then(Value::as_array)
                    .map(|l| {
                        l.iter()
                            .filter(|p| p.as_str() != Some("body"))
                            .map(|p| p.as_str().map_or(p.to_string(), str::to_string))
                            .collect()
                    })
                    .unwrap_or_default();
                format!("{}: {}", loc.join("."), str_field(i, "msg").unwrap_or("invalid"))
            })
            .collect::<Vec<_>>()
            .join("; ")
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

#[async_trait]
impl ProviderAdapter for FalAdapter {
    fn route(&self) -> RouteId {
        ROUTE
    }

    async fn submit(&self, ctx: &RouteContext, req: &SubmitRequest<'_>) -> Result<Submitted, ProviderError> {
        let url = format!("{}/{}", ctx.base_url.trim_end_matches('/'), req.endpoint.trim_matches('/'));
        let request = ctx
            .http
            .post(url)
            .header("Authorization", auth(ctx))
            .header("Accept", "application/json")
            .header("X-Fal-Queue-Priority", "normal")
            .json(&Value::Object(req.fields.clone()));
        let resp = send_ok(ROUTE, request).await?.map_err(|f| classify_failure(&f))?;
        let body = read_json(ROUTE, resp).await?;
        let id = str_field(&body, "request_id").ok_or_else(|| ProviderError::Malformed {
            route: ROUTE,
            detail: "submit response without request_id".into(),
        })?;
        let handle = json!({
            "status_url": body.get("status_url"),
            "response_url": body.get("response_url"),
            "cancel_url": body.get("cancel_url"),
        });
        // `status` and `queue_position` are optional on submit (older docs omit them).
        let initial = body.get("status").is_some().then(|| parse_status(&body)).transpose()?;
        Ok(Submitted { provider_job_id: id.to_string(), handle, initial })
    }

    async fn status(&self, ctx: &RouteContext, job: &JobRef) -> Result<StatusUpdate, ProviderError> {
        let url = url_of(ctx, job, "status_url", "/status");
        let request = ctx.http.get(url).query(&[("logs", "0")]).header("Authorization", auth(ctx));
        let resp = send_ok(ROUTE, request).await?.map_err(|f| classify_failure(&f))?;
        parse_status(&read_json(ROUTE, resp).await?)
    }

    async fn status_stream(
        &self,
        ctx: &RouteContext,
        job: &JobRef,
    ) -> Result<Option<BoxStream<'static, Result<StatusUpdate, ProviderError>>>, ProviderError> {
        let status_url = url_of(ctx, job, "status_url", "/status");
        let (path, query) = status_url.split_once('?').unwrap_or((&status_url, ""));
        let url = if query.is_empty() { format!("{path}/stream") } else { format!("{path}/stream?{query}") };
        let request = ctx
            .http
            .get(url)
            .query(&[("logs", "0")])
            .header("Authorization", auth(ctx))
            .header("Accept", "text/event-stream");
        let resp = send_ok(ROUTE, request).await?.map_err(|f| classify_failure(&f))?;
        Ok(Some(sse_updates(resp)))
    }

    async fn output(&self, ctx: &RouteContext, job: &JobRef) -> Result<OutputFile, ProviderError> {
        let url = url_of(ctx, job, "response_url", "");
        let request = ctx.http.get(url).header("Authorization", auth(ctx)).header("Accept", "application/json");
        let resp = match send_ok(ROUTE, request).await? {
            Ok(resp) => resp,
            // After completion, a 404 means the retention window has passed.
            Err(f) if f.status.as_u16() == 404 => return Err(ProviderError::Expired { route: ROUTE }),
            Err(f) if f.status.as_u16() == 400 => {
                return Err(ProviderError::Unavailable { route: ROUTE, detail: "result not ready yet".into() })
            }
            Err(f) => return Err(classify_failure(&f)),
        };
        let body = read_json(ROUTE, resp).await?;
        let url = body
            .pointer("/video/url")
            .and_then(Value::as_str)
            .ok_or_else(|| ProviderError::Malformed { route: ROUTE, detail: "result without video.url".into() })?;
        Ok(OutputFile { url: url.to_string(), auth_header: None, billed: None })
    }

    async fn cancel(&self, ctx: &RouteContext, job: &JobRef) -> Result<(), ProviderError> {
        let url = url_of(ctx, job, "cancel_url", "/cancel");
        let request = ctx.http.put(url).header("Authorization", auth(ctx));
        match send_ok(ROUTE, request).await? {
            Ok(_) => Ok(()),
            Err(f) if f.status.as_u16() == 400 => Ok(()), // ALREADY_COMPLETED: nothing left to stop.
            Err(f) => Err(classify_failure(&f)),
        }
    }
}

/// Parses `data:` events into status updates; `: ping` comments are keep-alives. A stream
/// silent for 30 s is treated as dead so the engine falls back to polling.
fn sse_updates(resp: reqwest::Response) -> BoxStream<'static, Result<StatusUpdate, ProviderError>> {
    let bytes = resp.bytes_stream();
    let state = (bytes, String::new(), false);
    futures::stream::unfold(state, |(mut bytes, mut buf, done)| async move {
        if done {
            return None;
        }
        loop {
            if let Some(pos) = buf.find("\n\n") {
                let event: String = buf.drain(..pos + 2).collect();
                let data: Vec<&str> = event.lines().filter_map(|l| l.strip_prefix("data:")).map(str::trim).collect();
                if data.is_empty() {
                    continue;
                }
                let parsed = serde_json::from_str::<Value>(&data.join("\n"))
                    .map_err(|e| ProviderError::Malformed { route: ROUTE, detail: format!("SSE event: {e}") })
                    .and_then(|v| parse_status(&v));
                return Some((parsed, (bytes, buf, false)));
            }
            match tokio::time::timeout(Duration::from_secs(30), bytes.next()).await {
                Ok(Some(Ok(chunk))) => buf.push_str(&String::from_utf8_lossy(&chunk).replace("\r\n", "\n")),
                Ok(Some(Err(e))) => {
                    let err = ProviderError::Network { route: ROUTE, detail: e.to_string(), sent: true };
                    return Some((Err(err), (bytes, buf, true)));
                }
                Ok(None) => return None,
                Err(_) => {
                    let err =
                        ProviderError::Network { route: ROUTE, detail: "status stream went silent".into(), sent: true };
                    return Some((Err(err), (bytes, buf, true)));
                }
            }
        }
    })
    .boxed()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_urls_use_owner_and_app_only() {
        assert_eq!(app_path("fal-ai/kling-video/v3/pro/text-to-video"), "fal-ai/kling-video");
        assert_eq!(app_path("fal-ai/minimax/hailuo-02/pro/image-to-video"), "fal-ai/minimax");
        assert_eq!(app_path("workflows/alice/pipe/extra"), "workflows/alice/pipe");
    }

    #[test]
    fn failure_as_completed_is_classified() {
        let v = json!({"status":"COMPLETED","error":"Prompt flagged","error_type":"content_policy_violation"});
        let u = parse_status(&v).unwrap();
        assert_eq!(u.state, JobState::Failed);
        assert_eq!(u.failure.unwrap().to_string(), "fal rejected the prompt: content policy (Prompt flagged)");
        let u = parse_status(&json!({"status":"IN_QUEUE","queue_position":2})).unwrap();
        assert_eq!((u.state, u.queue_position), (JobState::Queued, Some(2)));
    }

    #[test]
    fn error_bodies_become_plain_messages() {
        let f = |status: u16, body: &str| HttpFailure {
            status: reqwest::StatusCode::from_u16(status).unwrap(),
            headers: Default::default(),
            body: body.into(),
        };
        let e = classify_failure(&f(403, r#"{"detail":"User is locked. Reason: Exhausted balance"}"#));
        assert_eq!(e.to_string(), "fal: insufficient balance (User is locked. Reason: Exhausted balance)");
        let e = classify_failure(&f(
            422,
            r#"{"detail":[{"loc":["body","duration"],"msg":"Input should be '5' or '10'","type":"literal_error"}]}"#,
        ));
        assert_eq!(e.to_string(), "fal rejected the request: duration: Input should be '5' or '10'");
        let e = classify_failure(&f(503, r#"{"detail":"no runners","error_type":"runner_scheduling_failure"}"#));
        assert!(e.is_transient());
    }
}
