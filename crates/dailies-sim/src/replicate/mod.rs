//! Replicate's HTTP API (replicate.md) under `/replicate/v1`, standing in for
//! `https://api.replicate.com/v1`, and `/replicate/delivery` standing in for the
//! `replicate.delivery` file host.
//!
//! Predictions play the shared job timeline: queued is `starting`, running is
//! `processing`, then `succeeded` / `failed` / `canceled` (or `aborted` when a
//! `Cancel-After` deadline passes before the start). Outputs, inputs and logs are removed
//! after the retention window (`data_removed: true`), like API predictions after 1 h.

mod behaviour;
mod create;
mod errors;
mod files;
mod limits;
mod models;
mod predictions;
mod validate;

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{middleware, Extension, Router};
use serde_json::Value;

use crate::rejection::Rejection;
use crate::state::{Book, Shared};
use errors::problem;

/// The Files API takes up to 100 MB; leave room for multipart framing.
const BODY_LIMIT: usize = 101 << 20;

pub(crate) fn router() -> Router<Arc<Shared>> {
    let local = Arc::new(Local::default());
    let api = Router::new()
        .route("/replicate/v1/models/{owner}/{name}/predictions", post(create::official))
        .route("/replicate/v1/predictions", post(create::by_version))
        .route("/replicate/v1/predictions/{id}", get(predictions::get))
        .route("/replicate/v1/predictions/{id}/cancel", post(predictions::cancel))
        .route("/replicate/v1/files", post(files::create))
        .route("/replicate/v1/files/{id}", get(files::get))
        .layer(middleware::from_fn(limits::rate_limit));
    // The file host is not the API: it has no API rate limit.
    let delivery = Router::new().route("/replicate/delivery/{id}/{name}", get(files::delivery));
    api.merge(delivery).layer(DefaultBodyLimit::max(BODY_LIMIT)).layer(Extension(local))
}

/// What the shared job table does not hold: each prediction's echoed input, deadline and
/// whether the deadline aborted it, the uploaded files, and the rate-limit window.
#[derive(Default)]
pub(crate) struct Local {
    predictions: Book<Arc<Extra>>,
    files: Book<files::StoredFile>,
    limiter: limits::Limiter,
}

pub(crate) struct Extra {
    /// `owner/name`.
    model: String,
    input: Value,
    created: SystemTime,
    deadline: Option<SystemTime>,
    /// Set when the deadline passed while the prediction was still `starting`.
    aborted: std::sync::atomic::AtomicBool,
}

/// `Authorization: Bearer <token>`; the `Token` scheme from Replicate's own curl examples
/// is accepted too, with the route's own token only.
fn authorize(shared: &Shared, headers: &HeaderMap) -> Result<(), Rejection> {
    let header = headers.get("authorization").and_then(|v| v.to_str().ok()).unwrap_or("");
    let token = header.strip_prefix("Bearer ").or_else(|| header.strip_prefix("Token ")).map(str::trim);
    match token {
        Some(token) if token == shared.config.keys.replicate => Ok(()),
        // The recorded real response for a bad or missing token (replicate.md §7).
        _ => Err(problem(StatusCode::UNAUTHORIZED, "Unauthenticated", "You did not pass a valid authentication token")),
    }
}

/// A new id shaped like Replicate's: 26 lowercase base32 characters.
fn new_id() -> String {
    const ALPHABET: &[u8] = b"0123456789abcdefghjkmnpqrstvwxyz";
    let bits = uuid::Uuid::new_v4().as_u128() ^ (u128::from(rand::random::<u64>()) << 64);
    (0..26).map(|i| ALPHABET[((bits >> (i * 5)) & 31) as usize] as char).collect()
}

/// RFC 3339 with microseconds, the shape of Replicate's `created_at`.
fn rfc3339(t: SystemTime) -> String {
    let since = t.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = since.as_secs();
    let (y, m, d) = crate::clock::civil_from_days((secs / 86_400) as i64);
    let rem = secs % 86_400;
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:06}Z", rem / 3600, rem / 60 % 60, rem % 60, since.subsec_micros())
}

/// `30`, `30s`, `5m`, `1h30m45s` (Cancel-After); `None` when malformed.
fn parse_duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    if !text.is_empty() && text.chars().all(|c| c.is_ascii_digit()) {
        return text.parse().ok().map(Duration::from_secs);
    }
    let mut total = 0u64;
    let mut digits = String::new();
    for c in text.chars() {
        match c {
            '0'..='9' => digits.push(c),
            'h' | 'm' | 's' if !digits.is_empty() => {
                let n: u64 = digits.parse().ok()?;
                total += n * match c {
                    'h' => 3600,
                    'm' => 60,
                    _ => 1,
                };
                digits.clear();
            }
            _ => return None,
        }
    }
    (digits.is_empty() && !text.is_empty()).then(|| Duration::from_secs(total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_timestamps_and_deadlines() {
        let id = new_id();
        assert_eq!(id.len(), 26);
        assert!(id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
        assert_eq!(rfc3339(UNIX_EPOCH + Duration::from_millis(1_763_773_323_456)), "2025-11-22T01:02:03.456000Z");
        assert_eq!(parse_duration("30"), Some(Duration::from_secs(30)));
        assert_eq!(parse_duration("1h30m45s"), Some(Duration::from_secs(5445)));
        assert_eq!(parse_duration("5m"), Some(Duration::from_secs(300)));
        assert_eq!(parse_duration("5x"), None);
        assert_eq!(parse_duration("m"), None);
        assert_eq!(parse_duration("10s5"), None);
    }
}
