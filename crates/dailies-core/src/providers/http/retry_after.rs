//! The wait a provider asks for before the next request: `retry-after-ms` (OpenAI) or
//! `Retry-After` as seconds or an HTTP date (RFC 9110 §10.2.3). Headers are untrusted
//! input: anything that is not a finite, non-negative number or a valid date means "no
//! hint" (the caller's default), and every value is clamped before a `Duration` is built,
//! because `Duration::from_secs_f64` panics on infinity, NaN and overflow.

use std::time::{Duration, SystemTime};

use reqwest::header::HeaderMap;

/// The longest wait a header can ask for, so a hostile value cannot park a job for hours.
pub const RETRY_AFTER_CAP: Duration = Duration::from_secs(300);

pub fn parse_retry_after(headers: &HeaderMap) -> Option<Duration> {
    parse_retry_after_at(headers, SystemTime::now())
}

/// [`parse_retry_after`] with the current time given, so dates are testable.
fn parse_retry_after_at(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let get = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    if let Some(wait) = get("retry-after-ms").and_then(|v| seconds(v, 1000.0)) {
        return Some(wait);
    }
    let raw = get("retry-after")?;
    seconds(raw, 1.0).or_else(|| until_date(raw, now))
}

/// A number of `units_per_second` units, clamped to the cap; `None` for garbage.
fn seconds(raw: &str, units_per_second: f64) -> Option<Duration> {
    let n: f64 = raw.parse().ok()?;
    if !n.is_finite() || n < 0.0 {
        return None;
    }
    let secs = (n / units_per_second).min(RETRY_AFTER_CAP.as_secs_f64());
    Some(Duration::from_secs_f64(secs))
}

/// The time left until an HTTP date; a date in the past means "now".
fn until_date(raw: &str, now: SystemTime) -> Option<Duration> {
    let at = httpdate::parse_http_date(raw).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO).min(RETRY_AFTER_CAP))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(name: &str, value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(reqwest::header::HeaderName::from_bytes(name.as_bytes()).unwrap(), value.parse().unwrap());
        h
    }

    #[test]
    fn hostile_values_never_panic_and_fall_back_or_clamp() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let future = httpdate::fmt_http_date(now + Duration::from_secs(42));
        let past = httpdate::fmt_http_date(now - Duration::from_secs(3600));
        let far = httpdate::fmt_http_date(now + Duration::from_secs(86_400));
        let cases: &[(&str, &str, Option<Duration>)] = &[
            ("retry-after", "3", Some(Duration::from_secs(3))),
            ("retry-after", "0.5", Some(Duration::from_millis(500))),
            ("retry-after", "99999", Some(RETRY_AFTER_CAP)),
            ("retry-after", "inf", None),
            ("retry-after", "-inf", None),
            ("retry-after", "infinity", None),
            ("retry-after", "NaN", None),
            ("retry-after", "1e20", Some(RETRY_AFTER_CAP)),
            ("retry-after", "1e400", None),
            ("retry-after", "-5", None),
            ("retry-after", "", None),
            ("retry-after", "soon", None),
            ("retry-after", &future, Some(Duration::from_secs(42))),
            ("retry-after", &past, Some(Duration::ZERO)),
            ("retry-after", &far, Some(RETRY_AFTER_CAP)),
            ("retry-after-ms", "1500", Some(Duration::from_millis(1500))),
            ("retry-after-ms", "1e400", None),
            ("retry-after-ms", "NaN", None),
            ("retry-after-ms", "1e300", Some(RETRY_AFTER_CAP)),
        ];
        for (name, value, expected) in cases {
            assert_eq!(parse_retry_after_at(&with(name, value), now), *expected, "{name}: {value:?}");
        }
    }

    #[test]
    fn milliseconds_win_and_garbage_milliseconds_fall_back_to_seconds() {
        let mut h = with("retry-after", "3");
        assert_eq!(parse_retry_after(&h), Some(Duration::from_secs(3)));
        h.insert("retry-after-ms", "1500".parse().unwrap());
        assert_eq!(parse_retry_after(&h), Some(Duration::from_millis(1500)));
        h.insert("retry-after-ms", "inf".parse().unwrap());
        assert_eq!(parse_retry_after(&h), Some(Duration::from_secs(3)));
    }

    #[test]
    fn non_ascii_header_bytes_are_no_hint() {
        let mut h = HeaderMap::new();
        h.insert("retry-after", reqwest::header::HeaderValue::from_bytes(b"\xff\xfe").unwrap());
        assert_eq!(parse_retry_after(&h), None);
    }
}
