//! ByteDance Seedance on BytePlus ModelArk (`shared/providers/seedance.md`): `POST
//! /contents/generations/tasks` with `model` and a `content` array, poll `GET …/tasks/{id}`
//! (`queued → running → succeeded | failed`, also `cancelled`, `expired`), download
//! `content.video_url`, report `usage.completion_tokens` as the charge, `DELETE` to cancel.

mod errors;
mod task;

use async_trait::async_trait;
use serde_json::{json, Map, Value};

use super::http::{read_json, send_ok, str_field};
use super::images::{self, ImageEncoding, ImageInput, ImageRole};
use super::{
    ChargeReport, JobRef, OutputFile, ProviderAdapter, ProviderError, RouteContext, StatusUpdate, SubmitRequest,
    Submitted,
};
use crate::routes::RouteId;

pub use errors::{classify_error, classify_failure};
pub use task::{billed_tokens, parse_task};

const ROUTE: RouteId = RouteId::Seedance;

pub struct SeedanceAdapter;

fn base(ctx: &RouteContext) -> &str {
    ctx.base_url.trim_end_matches('/')
}

fn bearer(ctx: &RouteContext) -> reqwest::header::HeaderValue {
    super::sensitive(&format!("Bearer {}", ctx.key.expose()))
}

/// `{model, content: [text, image_url...], ...parameters}`. The catalog's `prompt` becomes
/// the text item and each image an `image_url` item with an explicit role (the docs ask
/// for one always). Parameters go as JSON fields, never as `--rs/--dur` prompt flags.
pub fn request_body(model: &str, fields: &Map<String, Value>, imgs: &[ImageInput]) -> Result<Value, ProviderError> {
    let mut body = fields.clone();
    let prompt = body.remove("prompt");
    let mut content = Vec::new();
    if let Some(text) = prompt {
        content.push(json!({"type": "text", "text": text}));
    }
    for img in imgs {
        // Ark takes `data:image/<fmt>;base64,...` URLs; it has no upload step in the fact sheet.
        let url = match img.encoding {
            ImageEncoding::DataUrl | ImageEncoding::Base64 => img.data_url(),
            ImageEncoding::Url | ImageEncoding::Multipart => return Err(images::unsupported(ROUTE, img)),
        };
        body.remove(&img.field);
        let role = match img.role {
            ImageRole::Start => "first_frame",
            ImageRole::End => "last_frame",
            // The catalog gives element images to fal routes only.
            ImageRole::Reference => return Err(images::unsupported(ROUTE, img)),
        };
        content.push(json!({"type": "image_url", "image_url": {"url": url}, "role": role}));
    }
    body.insert("model".into(), Value::from(model));
    body.insert("content".into(), Value::Array(content));
    Ok(Value::Object(body))
}

async fn get_task(ctx: &RouteContext, id: &str) -> Result<Value, ProviderError> {
    let url = format!("{}/contents/generations/tasks/{id}", base(ctx));
    let request = ctx.http.get(url).header("Authorization", bearer(ctx));
    let resp = send_ok(ROUTE, request).await?.map_err(|f| classify_failure(&f))?;
    read_json(ROUTE, resp).await
}

#[async_trait]
impl ProviderAdapter for SeedanceAdapter {
    fn route(&self) -> RouteId {
        ROUTE
    }

    fn charge_report(&self) -> ChargeReport {
        ChargeReport {
            reported: true,
            note: "BytePlus Ark reports the output tokens it billed (usage.completion_tokens), priced at the catalog's USD per million tokens.",
        }
    }

    async fn submit(&self, ctx: &RouteContext, req: &SubmitRequest<'_>) -> Result<Submitted, ProviderError> {
        let body = request_body(req.endpoint, req.fields, req.images)?;
        let request = ctx
            .http
            .post(format!("{}/contents/generations/tasks", base(ctx)))
            .header("Authorization", bearer(ctx))
            .json(&body);
        let resp = send_ok(ROUTE, request).await?.map_err(|f| classify_failure(&f))?;
        let created = read_json(ROUTE, resp).await?;
        let id = str_field(&created, "id").filter(|id| !id.is_empty()).ok_or_else(|| ProviderError::Malformed {
            route: ROUTE,
            detail: "create response without a task id".into(),
        })?;
        // The create response is only `{"id": "cgt-…"}`; the first poll tells the state.
        Ok(Submitted { provider_job_id: id.to_string(), handle: json!({}), initial: None })
    }

    async fn status(&self, ctx: &RouteContext, job: &JobRef) -> Result<StatusUpdate, ProviderError> {
        parse_task(&get_task(ctx, &job.provider_job_id).await?)
    }

    async fn output(&self, ctx: &RouteContext, job: &JobRef) -> Result<OutputFile, ProviderError> {
        let t = get_task(ctx, &job.provider_job_id).await?;
        let url =
            t.pointer("/content/video_url").and_then(Value::as_str).filter(|u| !u.is_empty()).ok_or_else(|| {
                ProviderError::Malformed { route: ROUTE, detail: "succeeded task without content.video_url".into() }
            })?;
        // The video URL is presigned (valid 24 h) and needs no key.
        Ok(OutputFile { url: url.to_string(), auth_header: None, billed: billed_tokens(&t) })
    }

    /// `queued` tasks are cancelled; a `running` task cannot be stopped (Ark refuses).
    async fn cancel(&self, ctx: &RouteContext, job: &JobRef) -> Result<(), ProviderError> {
        let url = format!("{}/contents/generations/tasks/{}", base(ctx), job.provider_job_id);
        let request = ctx.http.delete(url).header("Authorization", bearer(ctx));
        match send_ok(ROUTE, request).await? {
            Ok(_) => Ok(()),
            Err(f) if f.status.as_u16() == 404 => Ok(()),
            // Ark deletes only queued (or finished) tasks; a running one cannot be stopped.
            Err(f) if f.status.as_u16() == 400 => Err(ProviderError::CannotCancel {
                route: ROUTE,
                detail: "Ark cancels only queued tasks; this one is already generating and runs to the end".into(),
            }),
            Err(f) => Err(classify_failure(&f)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompt_and_images_become_content_items() {
        let fields = json!({"prompt": "fog", "resolution": "720p", "ratio": "16:9", "duration": 5, "watermark": false});
        let fields = fields.as_object().unwrap();
        let png = ImageInput {
            field: "first_frame".into(),
            role: ImageRole::Start,
            encoding: ImageEncoding::DataUrl,
            mime: "image/png".into(),
            file_name: "a.png".into(),
            bytes: vec![1, 2, 3],
            width: 2,
            height: 2,
        };
        let body = request_body("dreamina-seedance-2-0-260128", fields, std::slice::from_ref(&png)).unwrap();
        assert_eq!(
            body,
            json!({
                "model": "dreamina-seedance-2-0-260128",
                "content": [
                    {"type": "text", "text": "fog"},
                    {"type": "image_url", "image_url": {"url": "data:image/png;base64,AQID"}, "role": "first_frame"}
                ],
                "resolution": "720p", "ratio": "16:9", "duration": 5, "watermark": false
            })
        );
        let url = ImageInput { encoding: ImageEncoding::Url, ..png };
        assert_eq!(request_body("m", fields, &[url]).unwrap_err().code(), "provider_rejected");
    }
}
