//! Google Veo through the Gemini API (`shared/providers/google-veo.md`): `POST
//! /v1beta/models/{model}:predictLongRunning` with `x-goog-api-key`, poll the returned
//! operation (`GET /v1beta/{name}`) until `done`, then download the sample's file with the
//! same key. Google reports no status words, so the raw status kept in the job events is the
//! operation's own shape (`done:false`, `done:true`, `done:true+error`, `done:true+filtered`).

mod body;
mod errors;
mod operation;

use async_trait::async_trait;
use serde_json::{json, Value};

use super::http::{read_json, send_ok};
use super::{
    ChargeReport, JobRef, OutputFile, ProviderAdapter, ProviderError, RouteContext, StatusUpdate, SubmitRequest,
    Submitted,
};
use crate::routes::RouteId;

pub use body::{check_couplings, request_body};
pub use errors::{classify_failure, Call};
pub use operation::{download_url, parse_operation};

const ROUTE: RouteId = RouteId::Google;
/// The header the Gemini API (and its file downloads) authenticate with.
const KEY_HEADER: &str = "x-goog-api-key";

pub struct GoogleAdapter;

fn base(ctx: &RouteContext) -> &str {
    ctx.base_url.trim_end_matches('/')
}

/// `GET /v1beta/{name}` for an operation name such as `models/veo-3.1-generate-preview/operations/abc`.
async fn get_operation(ctx: &RouteContext, name: &str) -> Result<Value, ProviderError> {
    let url = format!("{}/v1beta/{}", base(ctx), name.trim_start_matches('/'));
    let request = ctx.http.get(url).header(KEY_HEADER, super::sensitive(ctx.key.expose()));
    let resp = send_ok(ROUTE, request).await?.map_err(|f| classify_failure(&f, Call::Operation))?;
    read_json(ROUTE, resp).await
}

#[async_trait]
impl ProviderAdapter for GoogleAdapter {
    fn route(&self) -> RouteId {
        ROUTE
    }

    fn charge_report(&self) -> ChargeReport {
        ChargeReport {
            reported: false,
            note: "Gemini's Veo operations report no charge, so costs are estimates (price × seconds).",
        }
    }

    async fn submit(&self, ctx: &RouteContext, req: &SubmitRequest<'_>) -> Result<Submitted, ProviderError> {
        // Refused locally so a combination Google is known to reject costs no request.
        check_couplings(req.endpoint, req.fields)?;
        let mut body = request_body(req.fields, req.images)?;
        if let Some(source) = req.remix_of {
            // An extension: `instances[0].video` is the source's own output, as the SDK sends
            // it (`{uri}` from the source operation's first sample).
            let uri = source_video_uri(&get_operation(ctx, source).await?)?;
            body["instances"][0]["video"] = json!({ "uri": uri });
        }
        let url = format!("{}/v1beta/models/{}:predictLongRunning", base(ctx), req.endpoint.trim_matches('/'));
        let request = ctx.http.post(url).header(KEY_HEADER, super::sensitive(ctx.key.expose())).json(&body);
        let resp = send_ok(ROUTE, request).await?.map_err(|f| classify_failure(&f, Call::Submit))?;
        let op = read_json(ROUTE, resp).await?;
        let name = op.get("name").and_then(Value::as_str).filter(|n| !n.is_empty()).ok_or_else(|| {
            ProviderError::Malformed {
                route: ROUTE,
                detail: "predictLongRunning response without an operation name".into(),
            }
        })?;
        // The create response is usually just `{name}`; parse it only when it says more.
        let initial = op.get("done").is_some().then(|| parse_operation(&op)).transpose()?;
        Ok(Submitted { provider_job_id: name.to_string(), handle: json!({}), initial })
    }

    async fn status(&self, ctx: &RouteContext, job: &JobRef) -> Result<StatusUpdate, ProviderError> {
        parse_operation(&get_operation(ctx, &job.provider_job_id).await?)
    }

    async fn output(&self, ctx: &RouteContext, job: &JobRef) -> Result<OutputFile, ProviderError> {
        let op = get_operation(ctx, &job.provider_job_id).await?;
        let url = download_url(&op, base(ctx))?;
        // The download needs the key too; `download_url` only ever points at the API host.
        Ok(OutputFile { url, auth_header: Some((KEY_HEADER.into(), ctx.key.clone())), billed: None })
    }

    async fn cancel(&self, _ctx: &RouteContext, _job: &JobRef) -> Result<(), ProviderError> {
        Err(ProviderError::no_cancel(ROUTE))
    }
}

/// The file URI of a finished operation's first sample: what an extension sends as `video`.
fn source_video_uri(op: &Value) -> Result<String, ProviderError> {
    op.pointer("/response/generateVideoResponse/generatedSamples/0/video/uri")
        .and_then(Value::as_str)
        .filter(|u| !u.is_empty())
        .map(str::to_string)
        .ok_or_else(|| ProviderError::InvalidRequest {
            route: ROUTE,
            detail: "the clip to extend has no video on Google any more (Veo keeps videos for 2 days)".into(),
        })
}
