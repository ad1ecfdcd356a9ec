//! Replicate HTTP API (`shared/providers/replicate.md`): official-model predictions.
//! Create with `POST /models/{owner}/{name}/predictions` and `{"input": {...}}`, poll
//! `GET /predictions/{id}` (video models have no useful stream), cancel with
//! `POST /predictions/{id}/cancel`, and download the output URL at once: Replicate deletes
//! API outputs after one hour. The catalog `endpoint` is the model's `owner/name`.
//! Replicate does not report a prediction's cost (`metrics.predict_time` is compute
//! seconds, not dollars), so `billed` stays empty and the estimate stands.

mod prediction;
mod problem;

use async_trait::async_trait;
use reqwest::multipart::{Form, Part};
use serde_json::{json, Map, Value};

use super::http::{read_json, send_ok, str_field};
use super::images::{self, ImageEncoding, ImageInput};
use super::{
    ChargeReport, JobRef, OutputFile, ProviderAdapter, ProviderError, RouteContext, StatusUpdate, SubmitRequest,
    Submitted,
};
use crate::routes::RouteId;
use crate::secret::Secret;
pub use prediction::{classify_model_error, output_url, parse_prediction};
pub use problem::{classify_failure, Call};

const ROUTE: RouteId = RouteId::Replicate;

pub struct ReplicateAdapter;

fn base(ctx: &RouteContext) -> &str {
    ctx.base_url.trim_end_matches('/')
}

fn bearer(ctx: &RouteContext) -> reqwest::header::HeaderValue {
    super::sensitive(&format!("Bearer {}", ctx.key.expose()))
}

/// `owner/name` from the catalog endpoint; anything else is a catalog mistake.
fn model_path(endpoint: &str) -> Result<(&str, &str), ProviderError> {
    match endpoint.trim_matches('/').split('/').collect::<Vec<_>>()[..] {
        [owner, name] if !owner.is_empty() && !name.is_empty() => Ok((owner, name)),
        _ => Err(ProviderError::InvalidRequest {
            route: ROUTE,
            detail: format!("'{endpoint}' is not an official model name of the form owner/name"),
        }),
    }
}

/// The model input with every image in place: data URLs inline, `url` images uploaded.
async fn input_with_images(ctx: &RouteContext, req: &SubmitRequest<'_>) -> Result<Map<String, Value>, ProviderError> {
    let mut input = req.fields.clone();
    for img in images::place_inline(&mut input, req.images) {
        match img.encoding {
            ImageEncoding::Url => {
                let url = upload_image(ctx, img).await?;
                input.insert(img.field.clone(), Value::from(url));
            }
            _ => return Err(images::unsupported(ROUTE, img)),
        }
    }
    Ok(input)
}

/// Uploads one input image through the Files API (replicate.md §9: `POST /files` as
/// multipart) and returns its `urls.get` for the model input. The spec advises an HTTP URL
/// over a data URL above 256 KB, which covers most start frames.
async fn upload_image(ctx: &RouteContext, img: &ImageInput) -> Result<String, ProviderError> {
    let content = Part::bytes(img.bytes.clone())
        .file_name(img.file_name.clone())
        .mime_str(&img.mime)
        .map_err(|e| ProviderError::InvalidRequest { route: ROUTE, detail: format!("image type {}: {e}", img.mime) })?;
    let form =
        Form::new().part("content", content).text("type", img.mime.clone()).text("filename", img.file_name.clone());
    let request = ctx.http.post(format!("{}/files", base(ctx))).header("Authorization", bearer(ctx)).multipart(form);
    let resp = send_ok(ROUTE, request).await?.map_err(|f| classify_failure(&f, Call::Upload))?;
    let body = read_json(ROUTE, resp).await?;
    let url = body.pointer("/urls/get").and_then(Value::as_str).ok_or_else(|| ProviderError::Malformed {
        route: ROUTE,
        detail: "file upload response without urls.get".into(),
    })?;
    tracing::debug!(field = %img.field, bytes = img.bytes.len(), "uploaded an input image to Replicate");
    Ok(url.to_string())
}

/// The spec says output files need the `Authorization` header; it is sent only to
/// Replicate's own hosts (the API host and `replicate.delivery`), never to a third party.
fn download_auth(ctx: &RouteContext, url: &str) -> Option<(String, Secret)> {
    let host = |u: &str| reqwest::Url::parse(u).ok().and_then(|u| u.host_str().map(str::to_ascii_lowercase));
    let target = host(url)?;
    let trusted = target == "replicate.delivery"
        || target.ends_with(".replicate.delivery")
        || host(&ctx.base_url).is_some_and(|api| api == target);
    trusted.then(|| ("Authorization".to_string(), Secret::new(format!("Bearer {}", ctx.key.expose()))))
}

async fn get_prediction(ctx: &RouteContext, id: &str) -> Result<Value, ProviderError> {
    let request = ctx.http.get(format!("{}/predictions/{id}", base(ctx))).header("Authorization", bearer(ctx));
    let resp = send_ok(ROUTE, request).await?.map_err(|f| classify_failure(&f, Call::Prediction))?;
    read_json(ROUTE, resp).await
}

#[async_trait]
impl ProviderAdapter for ReplicateAdapter {
    fn route(&self) -> RouteId {
        ROUTE
    }

    fn charge_report(&self) -> ChargeReport {
        ChargeReport {
            reported: false,
            note: "Replicate reports compute seconds (metrics.predict_time), not a charge, so costs are estimates.",
        }
    }

    async fn submit(&self, ctx: &RouteContext, req: &SubmitRequest<'_>) -> Result<Submitted, ProviderError> {
        let (owner, name) = model_path(req.endpoint)?;
        let input = input_with_images(ctx, req).await?;
        // No `Prefer: wait`: video takes minutes, and a held connection that drops would
        // leave the outcome unknown. 201 and 202 both mean "created"; status decides the rest.
        let request = ctx
            .http
            .post(format!("{}/models/{owner}/{name}/predictions", base(ctx)))
            .header("Authorization", bearer(ctx))
            .json(&json!({ "input": input }));
        let resp = send_ok(ROUTE, request).await?.map_err(|f| classify_failure(&f, Call::Create))?;
        let body = read_json(ROUTE, resp).await?;
        let id = str_field(&body, "id").filter(|id| !id.is_empty()).ok_or_else(|| ProviderError::Malformed {
            route: ROUTE,
            detail: "create response without a prediction id".into(),
        })?;
        let initial = parse_prediction(&body)?;
        Ok(Submitted { provider_job_id: id.to_string(), handle: json!({}), initial: Some(initial) })
    }

    async fn status(&self, ctx: &RouteContext, job: &JobRef) -> Result<StatusUpdate, ProviderError> {
        parse_prediction(&get_prediction(ctx, &job.provider_job_id).await?)
    }

    async fn output(&self, ctx: &RouteContext, job: &JobRef) -> Result<OutputFile, ProviderError> {
        let url = output_url(&get_prediction(ctx, &job.provider_job_id).await?)?;
        let auth_header = download_auth(ctx, &url);
        Ok(OutputFile { url, auth_header, billed: None })
    }

    async fn cancel(&self, ctx: &RouteContext, job: &JobRef) -> Result<(), ProviderError> {
        let url = format!("{}/predictions/{}/cancel", base(ctx), job.provider_job_id);
        let request = ctx.http.post(url).header("Authorization", bearer(ctx));
        // A finished prediction is returned unchanged (UNCONFIRMED); either way it has stopped.
        send_ok(ROUTE, request).await?.map_err(|f| classify_failure(&f, Call::Prediction))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(base_url: &str) -> RouteContext {
        RouteContext { http: reqwest::Client::new(), base_url: base_url.into(), key: Secret::new("r8_test") }
    }

    #[test]
    fn endpoints_are_owner_and_name() {
        assert_eq!(model_path("kwaivgi/kling-v3-video").unwrap(), ("kwaivgi", "kling-v3-video"));
        assert_eq!(model_path("google/veo-3.1/").unwrap(), ("google", "veo-3.1"));
        assert_eq!(model_path("kling-v3-video").unwrap_err().code(), "provider_rejected");
        assert!(model_path("a/b/c").is_err());
    }

    #[test]
    fn the_key_goes_only_to_replicate_hosts() {
        let api = ctx("https://api.replicate.com/v1");
        assert!(download_auth(&api, "https://replicate.delivery/xezq/a/out.mp4").is_some());
        assert!(download_auth(&api, "https://pbxt.replicate.delivery/a/out.mp4").is_some());
        assert!(download_auth(&api, "https://evil.example/replicate.delivery/out.mp4").is_none());
        assert!(download_auth(&api, "https://notreplicate.delivery/out.mp4").is_none());
        let sim = ctx("http://127.0.0.1:7878/replicate/v1");
        let (name, value) = download_auth(&sim, "http://127.0.0.1:7878/replicate/delivery/p/output.mp4").unwrap();
        assert_eq!((name.as_str(), value.expose()), ("Authorization", "Bearer r8_test"));
    }
}
