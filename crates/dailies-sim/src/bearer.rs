//! The `Authorization: Bearer <key>` header most providers' clients authenticate with.

use axum::http::HeaderMap;

/// The key after `Bearer `, untrimmed: a client that pads it sends a different key.
pub(crate) fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers.get("authorization").and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "))
}
