//! fal queue API (`shared/providers/fal.md`): submit to the full endpoint id, follow the
//! returned `status_url` (SSE with polling fallback), fetch `response_url`, download the
//! CDN file. Status, result and cancel URLs use only `owner/app`; we keep the URLs the
//! server returns and rebuild them only when a field is missing. Start/end images and
//! element images (Kling `elements`, fal.md §13.1) travel as URLs from fal's storage
//! upload (`storage.rs`).

mod classify;
mod sse;
mod storage;

use async_trait::async_trait;
use futures::stream::BoxStream;
use serde_json::{json, Value};

pub use classify::classify_failure;
pub use storage::{storage_base_url, DEFAULT_STORAGE_BASE_URL, STORAGE_BASE_ENV};

use super::http::{read_json, send_ok, str_field};
use super::images::{self, ImageEncoding};
use super::{
    Billed, ChargeReport, JobRef, JobState, OutputFile, ProviderAdapter, ProviderError, RouteContext, StatusUpdate,
    SubmitRequest, Submitted,
};
use crate::routes::RouteId;

const ROUTE: RouteId = RouteId::Fal;

pub struct FalAdapter;

/// `owner/app` (with a `workflows`/`comfy` namespace kept) from a full endpoint id.
pub fn app_path(endpoint: &str) -> String {
    let parts: Vec<&str> = endpoint.trim_matches('/').split('/').collect();
    let n = if matches!(parts.first(), Some(&"workflows") | Some(&"comfy")) { 3 } else { 2 };
    parts.iter().take(n).copied().collect::<Vec<_>>().join("/")
}

fn auth(ctx: &RouteContext) -> reqwest::header::HeaderValue {
    super::sensitive(&format!("Key {}", ctx.key.expose()))
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

/// Maps one fal status object (polling or SSE) to the normalised state. fal has three
/// words; a failure is still `COMPLETED`, with `error`/`error_type` beside it.
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
                let (state, failure) = classify::classify_error_type(error_type, &message);
                StatusUpdate { failure: Some(failure), ..StatusUpdate::new(state, raw) }
            }
        },
        // Only the three words are documented; anything else is tolerated as "still working".
        other => StatusUpdate::new(JobState::Running, other),
    };
    u.queue_position = v.get("queue_position").and_then(Value::as_u64).and_then(|q| u32::try_from(q).ok());
    Ok(u)
}

#[async_trait]
impl ProviderAdapter for FalAdapter {
    fn route(&self) -> RouteId {
        ROUTE
    }

    fn charge_report(&self) -> ChargeReport {
        ChargeReport {
            reported: false,
            note: "fal documents no charge in its responses, so costs are estimates. An x-fal-billable-units header (seen only in third-party code) is used when present and the catalog prices its unit.",
        }
    }

    async fn submit(&self, ctx: &RouteContext, req: &SubmitRequest<'_>) -> Result<Submitted, ProviderError> {
        let mut fields = req.fields.clone();
        for img in images::place_inline(&mut fields, req.images) {
            match img.encoding {
                ImageEncoding::Url => {
                    let url = storage::upload(ctx, img).await?;
                    // Element images go inside lists (`elements/0/frontal_image_url`).
                    images::set_path(&mut fields, &img.field, Value::from(url))
                        .map_err(|detail| ProviderError::InvalidRequest { route: ROUTE, detail })?;
                }
                _ => return Err(images::unsupported(ROUTE, img)),
            }
        }
        let url = format!("{}/{}", ctx.base_url.trim_end_matches('/'), req.endpoint.trim_matches('/'));
        let request = ctx
            .http
            .post(url)
            .header("Authorization", auth(ctx))
            .header("Accept", "application/json")
            .header("X-Fal-Queue-Priority", "normal")
            .json(&Value::Object(fields));
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
        Ok(Some(sse::sse_updates(resp)))
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
        let billed = billable_units(resp.headers());
        let body = read_json(ROUTE, resp).await?;
        let url = body
            .pointer("/video/url")
            .and_then(Value::as_str)
            .ok_or_else(|| ProviderError::Malformed { route: ROUTE, detail: "result without video.url".into() })?;
        Ok(OutputFile { url: url.to_string(), auth_header: None, billed })
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

/// fal's `x-fal-billable-units` on a finished result (fal.md §3: seen only in third-party
/// code, so optional): a finite, non-negative number of the endpoint's billing units.
fn billable_units(headers: &reqwest::header::HeaderMap) -> Option<Billed> {
    let units: f64 = headers.get("x-fal-billable-units")?.to_str().ok()?.trim().parse().ok()?;
    (units.is_finite() && units >= 0.0).then_some(Billed::Units(units))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn billable_units_header_is_read_when_sane() {
        let with = |v: &str| {
            let mut h = reqwest::header::HeaderMap::new();
            h.insert("x-fal-billable-units", v.parse().unwrap());
            billable_units(&h)
        };
        assert_eq!(with("5"), Some(Billed::Units(5.0)));
        assert_eq!(with(" 2.5 "), Some(Billed::Units(2.5)));
        for bad in ["inf", "NaN", "-1", "five", "1e400"] {
            assert_eq!(with(bad), None, "{bad}");
        }
        assert_eq!(billable_units(&reqwest::header::HeaderMap::new()), None);
    }

    #[test]
    fn status_urls_use_owner_and_app_only() {
        assert_eq!(app_path("fal-ai/kling-video/v3/pro/text-to-video"), "fal-ai/kling-video");
        assert_eq!(app_path("fal-ai/minimax/hailuo-02/pro/image-to-video"), "fal-ai/minimax");
        assert_eq!(app_path("bytedance/seedance-2.0/image-to-video"), "bytedance/seedance-2.0");
        assert_eq!(app_path("fal-ai/veo3.1"), "fal-ai/veo3.1");
        assert_eq!(app_path("workflows/alice/pipe/extra"), "workflows/alice/pipe");
    }

    #[test]
    fn status_words_map_to_states_with_the_raw_word_kept() {
        let v = json!({"status":"COMPLETED","error":"Prompt flagged","error_type":"content_policy_violation"});
        let u = parse_status(&v).unwrap();
        assert_eq!((u.state, u.raw_status.as_str()), (JobState::Failed, "COMPLETED"));
        assert_eq!(u.failure.unwrap().to_string(), "fal rejected the prompt: content policy (Prompt flagged)");
        let u = parse_status(&json!({"status":"IN_QUEUE","queue_position":2})).unwrap();
        assert_eq!((u.state, u.queue_position), (JobState::Queued, Some(2)));
        let u = parse_status(&json!({"status":"IN_PROGRESS","logs":[]})).unwrap();
        assert_eq!(u.state, JobState::Running);
        let u = parse_status(&json!({"status":"COMPLETED","error":null,"metrics":{"inference_time":1.2}})).unwrap();
        assert_eq!(u.state, JobState::Succeeded);
        assert_eq!(parse_status(&json!({"state":"RUNNING"})).unwrap_err().code(), "malformed_response");
    }
}
