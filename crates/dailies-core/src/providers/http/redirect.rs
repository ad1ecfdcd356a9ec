//! Redirects and keys. Routes authenticate with headers; reqwest drops `Authorization` on
//! a redirect to another host but keeps custom ones such as Google's `x-goog-api-key`, so
//! the client follows redirects only within the host it was sent to. A redirect elsewhere
//! comes back as the 3xx response itself: an API call reports it ([`refused_redirect`]),
//! and the download follows it by hand without the key (a CDN needs none).

use reqwest::header::{HeaderValue, LOCATION};
use reqwest::redirect::Policy;
use reqwest::{Response, Url};

/// reqwest's own default limit.
const MAX_REDIRECTS: usize = 10;

/// Follows redirects that keep scheme, host and port; stops at any other.
pub fn same_host_redirects() -> Policy {
    Policy::custom(|attempt| {
        if attempt.previous().len() > MAX_REDIRECTS {
            return attempt.error("too many redirects");
        }
        match attempt.previous().first() {
            Some(first) if same_origin(first, attempt.url()) => attempt.follow(),
            _ => attempt.stop(),
        }
    })
}

pub fn same_origin(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme() && a.host_str() == b.host_str() && a.port_or_known_default() == b.port_or_known_default()
}

/// Where a redirect that the client did not follow points, if `resp` is one.
pub fn redirect_target(resp: &Response) -> Option<Url> {
    if !resp.status().is_redirection() {
        return None;
    }
    let location = resp.headers().get(LOCATION)?.to_str().ok()?;
    resp.url().join(location).ok()
}

/// Why an API call's cross-host redirect was not followed, for the adapter's error.
pub fn refused_redirect(resp: &Response) -> Option<String> {
    let target = redirect_target(resp)?;
    Some(format!(
        "redirected to another host ({}); not followed, so the API key is not sent there",
        target.host_str().unwrap_or("?")
    ))
}

/// An auth header value marked sensitive, so reqwest and hyper never print it in debug
/// output. A key that is not a valid header value is sent empty: the provider then
/// answers "key rejected", which is what the creator needs to hear.
pub fn sensitive(value: &str) -> HeaderValue {
    let mut header = HeaderValue::from_str(value).unwrap_or_else(|_| HeaderValue::from_static(""));
    header.set_sensitive(true);
    header
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins() {
        let u = |s: &str| Url::parse(s).unwrap();
        assert!(same_origin(&u("https://a.example/x"), &u("https://a.example:443/y?z")));
        assert!(!same_origin(&u("https://a.example/x"), &u("https://b.example/x")));
        assert!(!same_origin(&u("http://127.0.0.1:80/x"), &u("http://localhost:80/x")));
        assert!(!same_origin(&u("https://a.example/x"), &u("http://a.example/x")));
        assert!(!same_origin(&u("http://a.example:1/x"), &u("http://a.example:2/x")));
    }

    #[test]
    fn sensitive_values_are_marked_and_never_panic() {
        assert!(sensitive("Bearer abc").is_sensitive());
        let bad = sensitive("line\nbreak");
        assert!(bad.is_sensitive());
        assert_eq!(bad.as_bytes(), b"");
        assert!(!format!("{:?}", sensitive("Bearer abc")).contains("abc"));
    }
}
