//! HTTP plumbing shared by adapters: sending with honest error classes, reading error
//! bodies, the retry hints providers put in headers, and keeping keys on their host.

mod redirect;
mod retry_after;

use reqwest::header::HeaderMap;
use reqwest::{RequestBuilder, Response, StatusCode};
use serde_json::Value;

use super::ProviderError;
use crate::routes::RouteId;

pub use redirect::{redirect_target, same_host_redirects, same_origin, sensitive};
pub use retry_after::parse_retry_after;

/// A non-success response, read in full so adapters can classify it.
#[derive(Debug, Clone)]
pub struct HttpFailure {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl HttpFailure {
    pub fn json(&self) -> Option<Value> {
        serde_json::from_str(&self.body).ok()
    }

    /// The classes every route shares; `None` leaves the decision to the adapter.
    pub fn common_class(&self, route: RouteId) -> Option<ProviderError> {
        match self.status.as_u16() {
            429 => Some(ProviderError::RateLimited { route, retry_after: parse_retry_after(&self.headers) }),
            500..=599 => Some(ProviderError::Unavailable { route, detail: format!("HTTP {}", self.status.as_u16()) }),
            _ => None,
        }
    }

    pub fn short_body(&self) -> String {
        let b = self.body.trim();
        if b.len() > 300 {
            format!("{}…", &b[..b.char_indices().nth(300).map_or(b.len(), |(i, _)| i)])
        } else {
            b.to_string()
        }
    }
}

/// Sends and separates transport failures by whether the request may have been received.
/// A redirect to another host is not followed (see `redirect.rs`) and fails here.
pub async fn send(route: RouteId, req: RequestBuilder) -> Result<Response, ProviderError> {
    let resp = req.send().await.map_err(|e| {
        // A refused connection never reached the provider; a timeout or reset might have.
        let sent = !e.is_connect();
        ProviderError::Network { route, detail: e.to_string(), sent }
    })?;
    match redirect::refused_redirect(&resp) {
        Some(detail) => Err(ProviderError::Malformed { route, detail }),
        None => Ok(resp),
    }
}

/// Sends, and turns non-2xx into an [`HttpFailure`] for the adapter to classify.
pub async fn send_ok(route: RouteId, req: RequestBuilder) -> Result<Result<Response, HttpFailure>, ProviderError> {
    let resp = send(route, req).await?;
    if resp.status().is_success() {
        return Ok(Ok(resp));
    }
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = resp.text().await.unwrap_or_default();
    Ok(Err(HttpFailure { status, headers, body }))
}

pub async fn read_json(route: RouteId, resp: Response) -> Result<Value, ProviderError> {
    let text = resp.text().await.map_err(|e| ProviderError::Network { route, detail: e.to_string(), sent: true })?;
    serde_json::from_str(&text).map_err(|e| ProviderError::Malformed {
        route,
        detail: format!("body is not JSON ({e}): {}", text.chars().take(120).collect::<String>()),
    })
}

pub fn str_field<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}
