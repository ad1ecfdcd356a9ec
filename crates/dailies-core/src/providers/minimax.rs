//! MiniMax v1 video API (`shared/providers/minimax.md`), three calls:
//! `POST /v1/video_generation` → `task_id`; poll `GET /v1/query/video_generation` until
//! `Success` (→ `file_id`) or `Fail`; `GET /v1/files/retrieve` → a `download_url` valid for
//! about 9 hours. Business errors come back as HTTP 200 with a non-zero
//! `base_resp.status_code`, so every body is checked (`base_resp.rs`). v1 reports no
//! charge, so `billed` stays empty and the catalog estimate stands.

mod base_resp;
mod task;

use async_trait::async_trait;
use reqwest::{RequestBuilder, Response};
use serde_json::{json, Value};

use super::http::{read_json, send_ok};
use super::images;
use super::{
    ChargeReport, JobRef, OutputFile, ProviderAdapter, ProviderError, RouteContext, StatusUpdate, SubmitRequest,
    Submitted,
};
use crate::routes::RouteId;
pub use base_resp::{classify_code, classify_failure, classify_task_failure};
pub use task::{download_url, finished_file_id, parse_query};

const ROUTE: RouteId = RouteId::Minimax;

pub struct MinimaxAdapter;

fn base(ctx: &RouteContext) -> &str {
    ctx.base_url.trim_end_matches('/')
}

fn bearer(ctx: &RouteContext) -> reqwest::header::HeaderValue {
    super::sensitive(&format!("Bearer {}", ctx.key.expose()))
}

/// Sends, reads the JSON body and logs MiniMax's `Trace-Id` when the body reports an
/// error, so a failure can be quoted to MiniMax support.
async fn call(request: RequestBuilder) -> Result<Value, ProviderError> {
    let resp: Response = send_ok(ROUTE, request).await?.map_err(|f| classify_failure(&f))?;
    let trace_id = resp.headers().get("trace-id").and_then(|v| v.to_str().ok()).map(str::to_string);
    let body = read_json(ROUTE, resp).await?;
    if let Some((code, _)) = base_resp::base_resp(&body).filter(|(code, _)| *code != 0) {
        tracing::info!(trace_id = trace_id.as_deref().unwrap_or("-"), code, "MiniMax reported an error");
    }
    Ok(body)
}

async fn query(ctx: &RouteContext, task_id: &str) -> Result<Value, ProviderError> {
    let request = ctx
        .http
        .get(format!("{}/v1/query/video_generation", base(ctx)))
        .query(&[("task_id", task_id)])
        .header("Authorization", bearer(ctx));
    call(request).await
}

#[async_trait]
impl ProviderAdapter for MinimaxAdapter {
    fn route(&self) -> RouteId {
        ROUTE
    }

    fn charge_report(&self) -> ChargeReport {
        ChargeReport {
            reported: false,
            note: "MiniMax's v1 task query reports no charge, so costs are estimates (price per clip).",
        }
    }

    async fn submit(&self, ctx: &RouteContext, req: &SubmitRequest<'_>) -> Result<Submitted, ProviderError> {
        let mut body = req.fields.clone();
        // `first_frame_image` travels inline as a data URL; v1 documents no upload step, so
        // a `url` or `multipart` image (a catalog mistake) is refused before anything is sent.
        if let Some(img) = images::place_inline(&mut body, req.images).into_iter().next() {
            return Err(images::unsupported(ROUTE, img));
        }
        let request = ctx
            .http
            .post(format!("{}/v1/video_generation", base(ctx)))
            .header("Authorization", bearer(ctx))
            .json(&Value::Object(body));
        let response = call(request).await?;
        base_resp::check(&response)?;
        let task_id = match response.get("task_id") {
            Some(Value::String(s)) if !s.is_empty() => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => {
                let detail = "video_generation succeeded without a task_id".to_string();
                return Err(ProviderError::Malformed { route: ROUTE, detail });
            }
        };
        // The create response carries no status word; the first query reports it.
        Ok(Submitted { provider_job_id: task_id, handle: json!({}), initial: None })
    }

    async fn status(&self, ctx: &RouteContext, job: &JobRef) -> Result<StatusUpdate, ProviderError> {
        parse_query(&query(ctx, &job.provider_job_id).await?)
    }

    /// Asks again for the `file_id` (the follow loop keeps only status words), then
    /// retrieves a fresh download URL: each one is valid for about 9 hours from now.
    async fn output(&self, ctx: &RouteContext, job: &JobRef) -> Result<OutputFile, ProviderError> {
        let file_id = finished_file_id(&query(ctx, &job.provider_job_id).await?)?;
        let request = ctx
            .http
            .get(format!("{}/v1/files/retrieve", base(ctx)))
            .query(&[("file_id", file_id.as_str())])
            .header("Authorization", bearer(ctx));
        let url = download_url(&call(request).await?)?;
        // A pre-signed storage URL: no auth header, so the key never leaves for another host.
        Ok(OutputFile { url, auth_header: None, billed: None })
    }

    async fn cancel(&self, _ctx: &RouteContext, _job: &JobRef) -> Result<(), ProviderError> {
        Err(ProviderError::no_cancel(ROUTE))
    }
}
