//! Runway's developer API (`shared/providers/runway.md`): bearer key plus the required
//! `X-Runway-Version`, `POST /v1/text_to_video` or `/v1/image_to_video` (a union on
//! `model`, camelCase fields) answered with `{id}`, polling `GET /v1/tasks/{id}`, and
//! `DELETE /v1/tasks/{id}` to cancel. Output URLs expire within a day or two, so the output
//! is always read from a fresh fetch of the task. The API reports no charge per task.

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
use task::Call;

const ROUTE: RouteId = RouteId::Runway;

/// The API version this adapter speaks (the official SDK's default).
pub const API_VERSION: &str = "2024-11-06";

/// The field every image-to-video body puts its image(s) in.
const PROMPT_IMAGE: &str = "promptImage";

pub struct RunwayAdapter;

fn url(ctx: &RouteContext, path: &str) -> String {
    format!("{}/{}", ctx.base_url.trim_end_matches('/'), path.trim_start_matches('/'))
}

fn authed(ctx: &RouteContext, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
    request
        .header("Authorization", super::sensitive(&format!("Bearer {}", ctx.key.expose())))
        .header("X-Runway-Version", API_VERSION)
}

/// A lone first frame goes in as a data URI string; with a last frame, `promptImage` becomes
/// the `[{uri, position}]` array (veo3.1 takes `first` and `last`).
fn place_images(fields: &mut Map<String, Value>, images: &[ImageInput]) -> Result<(), ProviderError> {
    // The upload flow (`/v1/uploads` → `runway://`) is not specified in enough detail to
    // rely on; data URIs (≤ 5 MB) are documented.
    if let Some(img) = images.iter().find(|i| i.encoding != ImageEncoding::DataUrl) {
        return Err(images::unsupported(ROUTE, img));
    }
    let start = images.iter().find(|i| i.role == ImageRole::Start);
    let end = images.iter().find(|i| i.role == ImageRole::End);
    if end.is_none() {
        images::place_inline(fields, images);
        return Ok(());
    }
    let frames: Vec<Value> = start
        .map(|s| json!({"uri": s.data_url(), "position": "first"}))
        .into_iter()
        .chain(end.map(|e| json!({"uri": e.data_url(), "position": "last"})))
        .collect();
    for img in images {
        fields.remove(&img.field);
    }
    fields.insert(PROMPT_IMAGE.into(), Value::Array(frames));
    Ok(())
}

async fn fetch_task(ctx: &RouteContext, job: &JobRef) -> Result<Value, ProviderError> {
    let request = authed(ctx, ctx.http.get(url(ctx, &format!("v1/tasks/{}", job.provider_job_id))));
    let resp = send_ok(ROUTE, request).await?.map_err(|f| task::classify_failure(&f, Call::Task))?;
    read_json(ROUTE, resp).await
}

#[async_trait]
impl ProviderAdapter for RunwayAdapter {
    fn route(&self) -> RouteId {
        ROUTE
    }

    fn charge_report(&self) -> ChargeReport {
        ChargeReport {
            reported: false,
            note: "Runway's tasks report no charge (only an account-wide credit balance), so costs are estimates.",
        }
    }

    async fn submit(&self, ctx: &RouteContext, req: &SubmitRequest<'_>) -> Result<Submitted, ProviderError> {
        let mut fields = req.fields.clone();
        place_images(&mut fields, req.images)?;
        // gen4_turbo exists only as image-to-video: say so instead of paying for a 400.
        if req.endpoint.ends_with("image_to_video") && !fields.contains_key(PROMPT_IMAGE) {
            let model = str_field(&Value::Object(fields.clone()), "model").unwrap_or("this model").to_string();
            let detail = format!("{model} is image-to-video only on Runway; give it a start image");
            return Err(ProviderError::InvalidRequest { route: ROUTE, detail });
        }
        let request = authed(ctx, ctx.http.post(url(ctx, req.endpoint))).json(&Value::Object(fields));
        let resp = send_ok(ROUTE, request).await?.map_err(|f| task::classify_failure(&f, Call::Create))?;
        let body = read_json(ROUTE, resp).await?;
        let id = str_field(&body, "id")
            .filter(|id| !id.is_empty())
            .ok_or_else(|| ProviderError::Malformed { route: ROUTE, detail: "create response without id".into() })?;
        // The create response is only `{id}`; the first status comes from the first poll.
        Ok(Submitted { provider_job_id: id.to_string(), handle: json!({}), initial: None })
    }

    async fn status(&self, ctx: &RouteContext, job: &JobRef) -> Result<StatusUpdate, ProviderError> {
        task::parse_task(&fetch_task(ctx, job).await?)
    }

    async fn output(&self, ctx: &RouteContext, job: &JobRef) -> Result<OutputFile, ProviderError> {
        let url = task::output_url(&fetch_task(ctx, job).await?)?;
        // Output URLs are signed CDN links: no auth header, and no charge is reported.
        Ok(OutputFile { url, auth_header: None, billed: None })
    }

    async fn cancel(&self, ctx: &RouteContext, job: &JobRef) -> Result<(), ProviderError> {
        let target = url(ctx, &format!("v1/tasks/{}", job.provider_job_id));
        let request = authed(ctx, ctx.http.delete(target)).header("Accept", "*/*");
        match send_ok(ROUTE, request).await? {
            // 200 or 204 (UNCONFIRMED which): either way the task is stopped or deleted.
            Ok(_) => Ok(()),
            // Already deleted: nothing left to stop.
            Err(f) if f.status.as_u16() == 404 => Ok(()),
            Err(f) => Err(task::classify_failure(&f, Call::Task)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(field: &str, role: ImageRole, encoding: ImageEncoding) -> ImageInput {
        ImageInput {
            field: field.into(),
            role,
            encoding,
            mime: "image/png".into(),
            file_name: "a.png".into(),
            bytes: vec![1, 2, 3],
            width: 1280,
            height: 720,
        }
    }

    #[test]
    fn a_first_frame_is_a_data_uri_and_first_plus_last_an_array() {
        let mut fields = Map::new();
        place_images(&mut fields, &[image(PROMPT_IMAGE, ImageRole::Start, ImageEncoding::DataUrl)]).unwrap();
        assert_eq!(fields[PROMPT_IMAGE], "data:image/png;base64,AQID");

        let mut fields = Map::new();
        let both = [
            image(PROMPT_IMAGE, ImageRole::Start, ImageEncoding::DataUrl),
            image("promptImage.last", ImageRole::End, ImageEncoding::DataUrl),
        ];
        place_images(&mut fields, &both).unwrap();
        assert_eq!(fields.len(), 1);
        assert_eq!(fields[PROMPT_IMAGE][0]["position"], "first");
        assert_eq!(fields[PROMPT_IMAGE][1]["position"], "last");
        assert_eq!(fields[PROMPT_IMAGE][1]["uri"], "data:image/png;base64,AQID");

        let url_only = [image(PROMPT_IMAGE, ImageRole::Start, ImageEncoding::Url)];
        assert_eq!(place_images(&mut Map::new(), &url_only).unwrap_err().code(), "provider_rejected");
    }
}
