//! OpenAI Videos API (`shared/providers/openai.md`): `POST /videos` (or
//! `POST /videos/{id}/remix`), poll `GET /videos/{id}` (honouring `openai-poll-after-ms`),
//! download `/videos/{id}/content`.
//! The API is deprecated with an announced shutdown; its refusal is mapped to a clear message.

use std::time::Duration;

use async_trait::async_trait;
use reqwest::multipart::{Form, Part};
use serde_json::{json, Map, Value};

use super::http::{read_json, send_ok, str_field, HttpFailure};
use super::images::{self, ImageEncoding, ImageInput};
use super::{
    ChargeReport, JobRef, JobState, OutputFile, ProviderAdapter, ProviderError, RouteContext, StatusUpdate,
    SubmitRequest, Submitted,
};
use crate::routes::RouteId;

const ROUTE: RouteId = RouteId::Openai;

pub struct OpenAiAdapter;

fn base(ctx: &RouteContext) -> &str {
    ctx.base_url.trim_end_matches('/')
}

fn bearer(ctx: &RouteContext) -> reqwest::header::HeaderValue {
    super::sensitive(&format!("Bearer {}", ctx.key.expose()))
}

fn is_moderation(code: &str, message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    matches!(code, "moderation_blocked" | "content_policy_violation" | "content_filter")
        || m.contains("moderation")
        || m.contains("content policy")
}

/// A `Video` object to a status update.
pub fn parse_video(v: &Value) -> Result<StatusUpdate, ProviderError> {
    let raw = str_field(v, "status")
        .ok_or_else(|| ProviderError::Malformed { route: ROUTE, detail: "video object without `status`".into() })?;
    let state = match raw {
        "queued" => JobState::Queued,
        "in_progress" => JobState::Running,
        "completed" => JobState::Succeeded,
        "failed" => JobState::Failed,
        _ => JobState::Running,
    };
    let mut u = StatusUpdate::new(state, raw);
    u.progress = v.get("progress").and_then(Value::as_f64);
    if state == JobState::Failed {
        let err = v.get("error").cloned().unwrap_or(Value::Null);
        let code = str_field(&err, "code").unwrap_or("");
        let message = str_field(&err, "message").unwrap_or("no reason given").to_string();
        u.failure = Some(if is_moderation(code, &message) {
            ProviderError::ContentPolicy { route: ROUTE, detail: message }
        } else {
            ProviderError::GenerationFailed { route: ROUTE, detail: message }
        });
    }
    Ok(u)
}

/// The error envelope `{"error":{message,type,param,code}}` to a plain message.
pub fn classify_failure(f: &HttpFailure) -> ProviderError {
    let body = f.json().unwrap_or(Value::Null);
    let err = body.get("error").cloned().unwrap_or(Value::Null);
    let message = str_field(&err, "message").map(str::to_string).unwrap_or_else(|| f.short_body());
    let code = str_field(&err, "code").unwrap_or("");
    let kind = str_field(&err, "type").unwrap_or("");
    let param = str_field(&err, "param");
    let detail = match param {
        Some(p) if !message.starts_with(p) => format!("{p}: {message}"),
        _ => message.clone(),
    };
    match f.status.as_u16() {
        401 | 403 => ProviderError::Auth { route: ROUTE, detail },
        429 if code == "insufficient_quota" || kind == "insufficient_quota" => {
            ProviderError::Balance { route: ROUTE, detail }
        }
        400 if is_moderation(code, &message) => ProviderError::ContentPolicy { route: ROUTE, detail },
        404 | 410 if code == "model_not_found" || f.status.as_u16() == 410 => {
            ProviderError::Retired { route: ROUTE, detail }
        }
        404 => ProviderError::InvalidRequest { route: ROUTE, detail },
        _ => f.common_class(ROUTE).unwrap_or(ProviderError::InvalidRequest { route: ROUTE, detail }),
    }
}

/// `multipart/form-data` with every field as text and each image as a file part.
fn form(fields: Map<String, Value>, files: &[&ImageInput]) -> Result<Form, ProviderError> {
    let mut form = Form::new();
    for (name, value) in fields {
        let text = match value {
            Value::String(s) => s,
            other => other.to_string(),
        };
        form = form.text(name, text);
    }
    for img in files {
        if img.encoding != ImageEncoding::Multipart {
            return Err(images::unsupported(ROUTE, img));
        }
        let part =
            Part::bytes(img.bytes.clone()).file_name(img.file_name.clone()).mime_str(&img.mime).map_err(|e| {
                ProviderError::InvalidRequest { route: ROUTE, detail: format!("image type {}: {e}", img.mime) }
            })?;
        form = form.part(img.field.clone(), part);
    }
    Ok(form)
}

fn poll_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let ms = headers.get("openai-poll-after-ms")?.to_str().ok()?.trim().parse::<u64>().ok()?;
    Some(Duration::from_millis(ms.clamp(100, 60_000)))
}

#[async_trait]
impl ProviderAdapter for OpenAiAdapter {
    fn route(&self) -> RouteId {
        ROUTE
    }

    fn charge_report(&self) -> ChargeReport {
        ChargeReport {
            reported: false,
            note: "OpenAI's video objects report no charge, so costs are estimates (price × seconds).",
        }
    }

    async fn submit(&self, ctx: &RouteContext, req: &SubmitRequest<'_>) -> Result<Submitted, ProviderError> {
        let mut fields = req.fields.clone();
        let files = images::place_inline(&mut fields, req.images);
        // A remix takes only the new prompt; model, seconds and size follow the source video.
        let url = match req.remix_of {
            Some(source) => format!("{}/videos/{source}/remix", base(ctx)),
            None => format!("{}/videos", base(ctx)),
        };
        if req.remix_of.is_some() {
            fields.retain(|name, _| name == "prompt");
        }
        let request = ctx.http.post(url).header("Authorization", bearer(ctx));
        // A reference image travels as a multipart file part (what the official SDK sends);
        // everything else stays JSON.
        let request = if files.is_empty() {
            request.json(&Value::Object(fields))
        } else {
            request.multipart(form(fields, &files)?)
        };
        let resp = send_ok(ROUTE, request).await?.map_err(|f| classify_failure(&f))?;
        let body = read_json(ROUTE, resp).await?;
        let id = str_field(&body, "id")
            .ok_or_else(|| ProviderError::Malformed { route: ROUTE, detail: "create response without id".into() })?;
        let initial = parse_video(&body)?;
        Ok(Submitted { provider_job_id: id.to_string(), handle: json!({}), initial: Some(initial) })
    }

    async fn status(&self, ctx: &RouteContext, job: &JobRef) -> Result<StatusUpdate, ProviderError> {
        let request =
            ctx.http.get(format!("{}/videos/{}", base(ctx), job.provider_job_id)).header("Authorization", bearer(ctx));
        let resp = send_ok(ROUTE, request).await?.map_err(|f| classify_failure(&f))?;
        let hint = poll_after(resp.headers());
        let mut update = parse_video(&read_json(ROUTE, resp).await?)?;
        update.poll_after = hint;
        Ok(update)
    }

    async fn output(&self, ctx: &RouteContext, job: &JobRef) -> Result<OutputFile, ProviderError> {
        Ok(OutputFile {
            url: format!("{}/videos/{}/content", base(ctx), job.provider_job_id),
            auth_header: Some((
                "Authorization".into(),
                crate::secret::Secret::new(format!("Bearer {}", ctx.key.expose())),
            )),
            billed: None,
        })
    }

    async fn cancel(&self, _ctx: &RouteContext, _job: &JobRef) -> Result<(), ProviderError> {
        Err(ProviderError::no_cancel(ROUTE))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(status: u16, body: Value) -> HttpFailure {
        HttpFailure {
            status: reqwest::StatusCode::from_u16(status).unwrap(),
            headers: Default::default(),
            body: body.to_string(),
        }
    }

    #[test]
    fn envelope_errors_become_plain_messages() {
        let e = classify_failure(&failure(
            400,
            json!({"error":{"message":"Invalid value for seconds","type":"invalid_request_error","param":"seconds","code":"invalid_value"}}),
        ));
        assert_eq!(e.to_string(), "OpenAI rejected the request: seconds: Invalid value for seconds");
        let e = classify_failure(&failure(
            429,
            json!({"error":{"message":"You exceeded your current quota","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}),
        ));
        assert_eq!(e.code(), "insufficient_balance");
        let e = classify_failure(&failure(
            404,
            json!({"error":{"message":"The model `sora-2` does not exist","type":"invalid_request_error","param":null,"code":"model_not_found"}}),
        ));
        assert_eq!(e.code(), "model_retired");
    }

    #[test]
    fn failed_videos_carry_their_reason() {
        let v = json!({"id":"video_1","status":"failed","progress":40,"error":{"code":"moderation_blocked","message":"Your request was blocked by our moderation system."}});
        let u = parse_video(&v).unwrap();
        assert_eq!(u.state, JobState::Failed);
        assert_eq!(u.failure.unwrap().code(), "content_policy");
    }
}
