//! Input images for image-to-video, uploaded the way fal's JS client does (fal.md §11):
//! `POST {rest}/storage/upload/initiate?storage_type=fal-cdn-v3` with `{content_type, file_name}`
//! → `{upload_url, file_url}`, then a `PUT` of the bytes to the presigned `upload_url`
//! (no `Authorization`: the URL is signed and may live on another host). The model gets `file_url`.

use serde_json::json;

use super::{auth, classify_failure, ROUTE};
use crate::providers::http::{read_json, send, send_ok, str_field, HttpFailure};
use crate::providers::images::ImageInput;
use crate::providers::{ProviderError, RouteContext};

/// fal's REST API host (JS `getRestApiUrl()`).
pub const DEFAULT_STORAGE_BASE_URL: &str = "https://rest.fal.ai";
/// Overrides the REST base when the queue base is the configured one.
pub const STORAGE_BASE_ENV: &str = "DAILIES_FAL_STORAGE_BASE_URL";
/// fal's own queue hosts (primary and backup), whose REST API is `rest.fal.ai`.
const FAL_QUEUE_HOSTS: [&str; 2] = ["https://queue.fal.run", "https://queue.falrun.com"];

/// Where uploads go for a job whose queue base is `queue_base`:
/// 1. `DAILIES_FAL_STORAGE_BASE_URL`, when the queue base is the configured one (official
///    or `DAILIES_FAL_BASE_URL`): a demo emulator never sends uploads to a real host;
/// 2. `https://rest.fal.ai` for fal's own queue hosts;
/// 3. otherwise `{queue base}/rest`: an emulator or proxy serves the REST API beside the
///    queue, and the key only ever goes to the host the queue base names.
pub fn storage_base_url(queue_base: &str, configured_queue: &str, storage_override: Option<&str>) -> String {
    let queue = queue_base.trim_end_matches('/');
    if let Some(o) = storage_override.map(str::trim).filter(|o| !o.is_empty()) {
        if queue == configured_queue.trim_end_matches('/') {
            return o.trim_end_matches('/').to_string();
        }
    }
    if FAL_QUEUE_HOSTS.contains(&queue) {
        DEFAULT_STORAGE_BASE_URL.to_string()
    } else {
        format!("{queue}/rest")
    }
}

fn storage_base(ctx: &RouteContext) -> String {
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    let configured = env(&ROUTE.base_url_env_var()).unwrap_or_else(|| ROUTE.default_base_url().to_string());
    storage_base_url(&ctx.base_url, &configured, env(STORAGE_BASE_ENV).as_deref())
}

/// Uploads one image and returns the URL the model will download.
///
/// Nothing has been submitted yet while uploading, so transport failures and 5xx are
/// reported as "certainly not accepted" (`Network { sent: false }`): the engine may
/// safely retry the whole submit, whose only effect so far is an orphan upload.
pub(super) async fn upload(ctx: &RouteContext, img: &ImageInput) -> Result<String, ProviderError> {
    let base = storage_base(ctx);
    let request = ctx
        .http
        .post(format!("{base}/storage/upload/initiate"))
        .query(&[("storage_type", "fal-cdn-v3")])
        .header("Authorization", auth(ctx))
        .header("Accept", "application/json")
        .json(&json!({ "content_type": img.mime, "file_name": img.file_name }));
    let resp = match send_ok(ROUTE, request).await.map_err(not_sent)? {
        Ok(resp) => resp,
        Err(f) if f.status.as_u16() == 404 => {
            let detail = format!("no fal storage API at {base}; set {STORAGE_BASE_ENV} to fal's REST base");
            return Err(ProviderError::InvalidRequest { route: ROUTE, detail });
        }
        Err(f) => return Err(upload_failure(&f, "initiating the image upload")),
    };
    let issued = read_json(ROUTE, resp).await?;
    let (Some(upload_url), Some(file_url)) = (str_field(&issued, "upload_url"), str_field(&issued, "file_url")) else {
        let detail = "storage upload initiate without upload_url/file_url".to_string();
        return Err(ProviderError::Malformed { route: ROUTE, detail });
    };
    let put = ctx.http.put(upload_url).header("Content-Type", &img.mime).body(img.bytes.clone());
    let resp = send(ROUTE, put).await.map_err(not_sent)?;
    if !resp.status().is_success() {
        let status = resp.status();
        let headers = resp.headers().clone();
        let body = resp.text().await.unwrap_or_default();
        return Err(upload_failure(&HttpFailure { status, headers, body }, "uploading the image"));
    }
    tracing::debug!(field = %img.field, bytes = img.bytes.len(), "fal image uploaded");
    Ok(file_url.to_string())
}

fn not_sent(e: ProviderError) -> ProviderError {
    match e {
        ProviderError::Network { route, detail, .. } => {
            ProviderError::Network { route, detail: format!("image upload: {detail}"), sent: false }
        }
        other => other,
    }
}

fn upload_failure(f: &HttpFailure, doing: &str) -> ProviderError {
    match classify_failure(f) {
        ProviderError::Unavailable { route, detail } => {
            ProviderError::Network { route, detail: format!("{doing}: {detail}"), sent: false }
        }
        ProviderError::InvalidRequest { route, detail } => {
            ProviderError::InvalidRequest { route, detail: format!("{doing}: {detail}") }
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_base_follows_the_queue_base() {
        let official = "https://queue.fal.run";
        assert_eq!(storage_base_url(official, official, None), "https://rest.fal.ai");
        assert_eq!(storage_base_url("https://queue.falrun.com/", official, None), "https://rest.fal.ai");
        let sim = "http://127.0.0.1:9000/fal";
        assert_eq!(storage_base_url(sim, official, None), "http://127.0.0.1:9000/fal/rest");
        // The override applies to the configured queue only, never to a demo emulator.
        assert_eq!(storage_base_url(official, official, Some("https://proxy/rest/")), "https://proxy/rest");
        assert_eq!(storage_base_url(sim, official, Some("https://proxy/rest")), "http://127.0.0.1:9000/fal/rest");
        assert_eq!(storage_base_url(sim, sim, Some("http://127.0.0.1:9001")), "http://127.0.0.1:9001");
    }

    #[test]
    fn upload_outages_are_safe_to_retry_and_rejections_say_what_failed() {
        let f = |status: u16, body: &str| HttpFailure {
            status: reqwest::StatusCode::from_u16(status).unwrap(),
            headers: Default::default(),
            body: body.into(),
        };
        let e = upload_failure(&f(503, r#"{"detail":"down","error_type":"runner_scheduling_failure"}"#), "uploading");
        assert!(e.submit_not_accepted(), "{e:?}");
        let e = upload_failure(&f(401, r#"{"detail":"Invalid API key"}"#), "uploading");
        assert_eq!(e.code(), "auth");
        let e = upload_failure(&f(400, r#"{"detail":"bad content type"}"#), "uploading the image");
        assert_eq!(e.to_string(), "fal rejected the request: uploading the image: bad content type");
    }
}
