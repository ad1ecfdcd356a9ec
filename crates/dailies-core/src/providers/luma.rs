//! Luma Dream Machine generations API (`shared/providers/luma.md` part A): `POST
//! /generations`, poll `GET /generations/{id}` through `queued → dreaming → completed |
//! failed`, download `assets.video` (a public CDN URL), `DELETE /generations/{id}` to cancel.
//! Luma's separate Agents API (Ray 3.2, other keys) is not used by this route.

mod errors;

use async_trait::async_trait;
use serde_json::{json, Value};

use super::http::{read_json, send_ok, str_field};
use super::{
    images, ChargeReport, JobRef, JobState, OutputFile, ProviderAdapter, ProviderError, RouteContext, StatusUpdate,
    SubmitRequest, Submitted,
};
use crate::routes::RouteId;

pub use errors::{classify_failure, failure_reason};

const ROUTE: RouteId = RouteId::Luma;

pub struct LumaAdapter;

fn base(ctx: &RouteContext) -> &str {
    ctx.base_url.trim_end_matches('/')
}

fn bearer(ctx: &RouteContext) -> reqwest::header::HeaderValue {
    super::sensitive(&format!("Bearer {}", ctx.key.expose()))
}

fn malformed(detail: impl Into<String>) -> ProviderError {
    ProviderError::Malformed { route: ROUTE, detail: detail.into() }
}

/// A Generation object to a status update. Luma reports neither queue position nor progress.
pub fn parse_generation(g: &Value) -> Result<StatusUpdate, ProviderError> {
    let raw = match g.get("state") {
        Some(Value::String(s)) => s.as_str(),
        Some(other) => return Err(malformed(format!("generation `state` is {other}, not a string"))),
        None => return Err(malformed("generation without `state`")),
    };
    let mut u = match raw {
        "queued" => StatusUpdate::new(JobState::Queued, raw),
        "dreaming" => StatusUpdate::new(JobState::Running, raw),
        "completed" => StatusUpdate::new(JobState::Succeeded, raw),
        "failed" => StatusUpdate::new(JobState::Failed, raw),
        // Any other word is tolerated as "still working"; the raw word is logged.
        other => StatusUpdate::new(JobState::Running, other),
    };
    if u.state == JobState::Failed {
        u.failure = Some(failure_reason(str_field(g, "failure_reason").unwrap_or("")));
    }
    Ok(u)
}

async fn get_generation(ctx: &RouteContext, id: &str) -> Result<Value, ProviderError> {
    let request = ctx.http.get(format!("{}/generations/{id}", base(ctx))).header("Authorization", bearer(ctx));
    let resp = send_ok(ROUTE, request).await?.map_err(|f| classify_failure(&f))?;
    read_json(ROUTE, resp).await
}

#[async_trait]
impl ProviderAdapter for LumaAdapter {
    fn route(&self) -> RouteId {
        ROUTE
    }

    fn charge_report(&self) -> ChargeReport {
        ChargeReport {
            reported: false,
            note:
                "Luma reports no charge per generation (only an account-wide credit balance), so costs are estimates.",
        }
    }

    async fn submit(&self, ctx: &RouteContext, req: &SubmitRequest<'_>) -> Result<Submitted, ProviderError> {
        // Keyframes take URLs only and Dream Machine documents no upload API: refuse clearly
        // rather than silently running text-to-video.
        if let Some(img) = req.images.first() {
            return Err(images::unsupported(ROUTE, img));
        }
        let mut body = req.fields.clone();
        body.insert("model".into(), Value::from(req.endpoint));
        if let Some(source) = req.remix_of {
            // An extension: the new generation starts where the source generation ends.
            body.insert("keyframes".into(), json!({ "frame0": { "type": "generation", "id": source } }));
        }
        let request = ctx
            .http
            .post(format!("{}/generations", base(ctx)))
            .header("Authorization", bearer(ctx))
            .json(&Value::Object(body));
        let resp = send_ok(ROUTE, request).await?.map_err(|f| classify_failure(&f))?;
        let generation = read_json(ROUTE, resp).await?;
        let id = str_field(&generation, "id")
            .filter(|id| !id.is_empty())
            .ok_or_else(|| malformed("create response without id"))?;
        let initial = generation.get("state").is_some().then(|| parse_generation(&generation)).transpose()?;
        Ok(Submitted { provider_job_id: id.to_string(), handle: json!({}), initial })
    }

    async fn status(&self, ctx: &RouteContext, job: &JobRef) -> Result<StatusUpdate, ProviderError> {
        parse_generation(&get_generation(ctx, &job.provider_job_id).await?)
    }

    async fn output(&self, ctx: &RouteContext, job: &JobRef) -> Result<OutputFile, ProviderError> {
        let generation = get_generation(ctx, &job.provider_job_id).await?;
        let url = generation
            .pointer("/assets/video")
            .and_then(Value::as_str)
            .filter(|u| !u.is_empty())
            .ok_or_else(|| malformed("completed generation without assets.video"))?;
        // Dream Machine reports no per-generation charge (only an account balance in /credits).
        Ok(OutputFile { url: url.to_string(), auth_header: None, billed: None })
    }

    async fn cancel(&self, ctx: &RouteContext, job: &JobRef) -> Result<(), ProviderError> {
        let url = format!("{}/generations/{}", base(ctx), job.provider_job_id);
        let request = ctx.http.delete(url).header("Authorization", bearer(ctx));
        match send_ok(ROUTE, request).await? {
            // The success status is UNCONFIRMED (204 or 200); any 2xx will do.
            Ok(_) => Ok(()),
            // Already gone: nothing left to stop.
            Err(f) if f.status.as_u16() == 404 => Ok(()),
            Err(f) => Err(classify_failure(&f)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_map_to_the_normalised_enum() {
        let u = parse_generation(&json!({"id": "g1", "state": "queued"})).unwrap();
        assert_eq!((u.state, u.raw_status.as_str()), (JobState::Queued, "queued"));
        assert_eq!(parse_generation(&json!({"state": "dreaming"})).unwrap().state, JobState::Running);
        assert_eq!(parse_generation(&json!({"state": "completed"})).unwrap().state, JobState::Succeeded);
        assert_eq!(parse_generation(&json!({"state": "upscaling"})).unwrap().raw_status, "upscaling");
        assert_eq!(parse_generation(&json!({"state": 7})).unwrap_err().code(), "malformed_response");
        assert_eq!(parse_generation(&json!({"id": "g1"})).unwrap_err().code(), "malformed_response");
    }

    #[test]
    fn failed_generations_carry_their_reason() {
        let u = parse_generation(
            &json!({"state": "failed", "failure_reason": "Prompt not allowed because advanced moderation failed"}),
        )
        .unwrap();
        assert_eq!(u.state, JobState::Failed);
        assert_eq!(
            u.failure.unwrap().to_string(),
            "Luma rejected the prompt: content policy (Prompt not allowed because advanced moderation failed)"
        );
        let u = parse_generation(&json!({"state": "failed", "failure_reason": "Job timed out"})).unwrap();
        assert_eq!(u.failure.unwrap().to_string(), "Luma: generation failed: Job timed out");
    }

    #[tokio::test]
    async fn local_images_are_refused_before_anything_is_sent() {
        // Nothing listens on port 9: a request that went out would fail as a network error.
        let ctx = RouteContext {
            http: reqwest::Client::new(),
            base_url: "http://127.0.0.1:9".into(),
            key: crate::secret::Secret::new("k"),
        };
        let img = images::ImageInput {
            field: "frame0".into(),
            role: images::ImageRole::Start,
            encoding: images::ImageEncoding::Url,
            mime: "image/png".into(),
            file_name: "a.png".into(),
            bytes: vec![1],
            width: 1,
            height: 1,
        };
        let fields = serde_json::Map::new();
        let req = SubmitRequest {
            endpoint: "ray-2",
            fields: &fields,
            images: std::slice::from_ref(&img),
            clip_id: "c",
            remix_of: None,
        };
        let err = LumaAdapter.submit(&ctx, &req).await.unwrap_err();
        assert_eq!(err.code(), "provider_rejected", "{err}");
        assert!(err.to_string().contains("frame0"), "{err}");
    }
}
