//! Kling's native developer API (`shared/providers/kling.md`): a self-minted HS256 JWT,
//! `POST /v1/videos/{text2video|image2video}`, polling `GET …/{task_id}` through
//! `submitted → processing → succeed | failed`, the `{code, message, data}` envelope with
//! business codes, and `final_unit_deduction` as the reported charge. There is no cancel.

mod auth;
mod envelope;

use async_trait::async_trait;
use reqwest::RequestBuilder;
use serde_json::{json, Value};

use super::http::{send, str_field};
use super::{
    images, ChargeReport, JobRef, OutputFile, ProviderAdapter, ProviderError, RouteContext, StatusUpdate,
    SubmitRequest, Submitted,
};
use crate::routes::RouteId;
use envelope::Call;

const ROUTE: RouteId = RouteId::Kling;

pub struct KlingAdapter;

/// `{base}/v1/videos/text2video`: the catalog's endpoint is the path of the task family.
fn family_url(ctx: &RouteContext, endpoint: &str) -> String {
    format!("{}/{}", ctx.base_url.trim_end_matches('/'), endpoint.trim_matches('/'))
}

/// Sends with a current token and opens the envelope. A token Kling calls expired or not
/// yet valid (1003/1004, e.g. after a suspend) is re-minted once; the refused request was
/// not accepted, so resending it is safe even for a create.
async fn call(ctx: &RouteContext, call: Call, build: impl Fn() -> RequestBuilder) -> Result<Value, ProviderError> {
    let mut reminted = false;
    loop {
        let request = build().header("Authorization", super::sensitive(&auth::bearer(&ctx.key)?));
        let resp = send(ROUTE, request).await?;
        let status = resp.status();
        let headers = resp.headers().clone();
        let body = resp.text().await.map_err(|e| ProviderError::Network {
            route: ROUTE,
            detail: e.to_string(),
            sent: true,
        })?;
        match envelope::open(status, &headers, &body, call) {
            Err(e) if envelope::is_stale_token(&e) && !reminted => {
                tracing::info!("Kling refused the token as stale; minting a new one");
                auth::forget(&ctx.key);
                reminted = true;
            }
            other => return other,
        }
    }
}

async fn query(ctx: &RouteContext, job: &JobRef) -> Result<Value, ProviderError> {
    let url = format!("{}/{}", family_url(ctx, &job.endpoint), job.provider_job_id);
    call(ctx, Call::Query, || ctx.http.get(&url)).await
}

#[async_trait]
impl ProviderAdapter for KlingAdapter {
    fn route(&self) -> RouteId {
        ROUTE
    }

    fn charge_report(&self) -> ChargeReport {
        ChargeReport {
            reported: true,
            note: "Kling reports the credits it deducted (final_unit_deduction), priced at the catalog's USD per unit.",
        }
    }

    async fn submit(&self, ctx: &RouteContext, req: &SubmitRequest<'_>) -> Result<Submitted, ProviderError> {
        let mut fields = req.fields.clone();
        // `image` / `image_tail` travel as bare base64 (or a URL Kling can fetch); Kling has
        // no upload API, so a local image cannot become a URL.
        if let Some(img) = images::place_inline(&mut fields, req.images).first() {
            return Err(images::unsupported(ROUTE, img));
        }
        // The caller's own id: lets a task be found by clip id on Kling's side too.
        fields.entry("external_task_id").or_insert_with(|| Value::from(req.clip_id));
        let url = family_url(ctx, req.endpoint);
        let body = Value::Object(fields);
        let data = call(ctx, Call::Create, || ctx.http.post(&url).json(&body)).await?;
        let id = str_field(&data, "task_id").ok_or_else(|| ProviderError::Malformed {
            route: ROUTE,
            detail: "create response without task_id".into(),
        })?;
        // The create response carries the first status (`submitted`); tolerate its absence.
        let initial = data.get("task_status").map(|_| envelope::parse_task(&data)).transpose()?;
        Ok(Submitted { provider_job_id: id.to_string(), handle: json!({}), initial })
    }

    async fn status(&self, ctx: &RouteContext, job: &JobRef) -> Result<StatusUpdate, ProviderError> {
        envelope::parse_task(&query(ctx, job).await?)
    }

    async fn output(&self, ctx: &RouteContext, job: &JobRef) -> Result<OutputFile, ProviderError> {
        let task = query(ctx, job).await?;
        let (url, billed) = envelope::output(&task)?;
        // Result URLs are public CDN links; sending the token there would leak it.
        Ok(OutputFile { url, auth_header: None, billed })
    }

    async fn cancel(&self, _ctx: &RouteContext, _job: &JobRef) -> Result<(), ProviderError> {
        Err(ProviderError::no_cancel(ROUTE))
    }
}

#[cfg(test)]
mod tests {
    use wiremock::matchers::{header_exists, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    use super::*;

    fn ctx(base_url: &str) -> RouteContext {
        RouteContext {
            http: reqwest::Client::new(),
            base_url: base_url.into(),
            key: crate::secret::Secret::new("ak-remint:sk-remint"),
        }
    }

    fn job() -> JobRef {
        JobRef { provider_job_id: "42".into(), endpoint: "/v1/videos/text2video".into(), handle: json!({}) }
    }

    #[tokio::test]
    async fn a_token_refused_as_expired_is_reminted_once() {
        let server = MockServer::start().await;
        let expired = json!({"code": 1004, "message": "token expired", "request_id": "r"});
        let task = json!({"code": 0, "message": "SUCCEED", "request_id": "r",
            "data": {"task_id": "42", "task_status": "processing"}});
        Mock::given(method("GET"))
            .and(path("/v1/videos/text2video/42"))
            .respond_with(ResponseTemplate::new(401).set_body_json(&expired))
            .up_to_n_times(1)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/v1/videos/text2video/42"))
            .and(header_exists("authorization"))
            .respond_with(ResponseTemplate::new(200).set_body_json(&task))
            .mount(&server)
            .await;
        let update = KlingAdapter.status(&ctx(&server.uri()), &job()).await.unwrap();
        assert_eq!(update.raw_status, "processing");
        assert_eq!(server.received_requests().await.unwrap().len(), 2);
    }

    #[tokio::test]
    async fn a_token_refused_twice_is_an_auth_failure() {
        let server = MockServer::start().await;
        let expired = json!({"code": 1004, "message": "token expired", "request_id": "r"});
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(401).set_body_json(&expired))
            .mount(&server)
            .await;
        let err = KlingAdapter.status(&ctx(&server.uri()), &job()).await.unwrap_err();
        assert_eq!(err.code(), "auth");
        assert_eq!(server.received_requests().await.unwrap().len(), 2, "one re-mint, then give up");
    }

    #[test]
    fn task_urls_follow_the_family_path() {
        let ctx = RouteContext {
            http: reqwest::Client::new(),
            base_url: "https://api-singapore.klingai.com/".into(),
            key: crate::secret::Secret::new("a:b"),
        };
        assert_eq!(
            family_url(&ctx, "/v1/videos/image2video"),
            "https://api-singapore.klingai.com/v1/videos/image2video"
        );
    }
}
