//! The `echo_key` fault: an error body that quotes the credential the request carried, as
//! careless providers and the proxies in front of them do (a 401 naming the key, a 5xx
//! quoting an upstream URL with `?key=`). Clients must never keep or print such text as is.
//!
//! A layer puts each request's credential in a task-local for the duration of its
//! handler, so every route's fault mapping can quote it without new parameters.

use axum::extract::Request;
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use jsonwebtoken::{decode, DecodingKey, Validation};

tokio::task_local! {
    static PRESENTED: String;
}

/// Middleware: runs the request with its credential recorded.
pub(crate) async fn record_credential(request: Request, next: Next) -> Response {
    let presented = credential(request.headers(), request.uri().query().unwrap_or(""));
    PRESENTED.scope(presented, next.run(request)).await
}

/// What the request authenticated with: the `Authorization` value after its scheme,
/// Google's `x-goog-api-key` or `?key=`. A JWT (Kling) is quoted by its issuer, the
/// access key, as a provider naming the account would.
fn credential(headers: &HeaderMap, query: &str) -> String {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let auth = header("authorization").map(|v| v.split_once(' ').map_or(v.clone(), |(_, rest)| rest.trim().to_owned()));
    let param = query.split('&').find_map(|kv| kv.strip_prefix("key=")).map(str::to_owned);
    let raw = auth.or_else(|| header("x-goog-api-key")).or(param).unwrap_or_default();
    jwt_issuer(&raw).unwrap_or(raw)
}

fn jwt_issuer(token: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Claims {
        iss: String,
    }
    if token.matches('.').count() != 2 {
        return None;
    }
    let mut unchecked = Validation::default();
    unchecked.insecure_disable_signature_validation();
    unchecked.validate_exp = false;
    unchecked.required_spec_claims.clear();
    decode::<Claims>(token, &DecodingKey::from_secret(&[]), &unchecked).ok().map(|d| d.claims.iss)
}

/// The error message an `echo_key` fault answers with, quoting this request's credential.
pub(crate) fn message(status: u16) -> String {
    let key = PRESENTED.try_with(Clone::clone).unwrap_or_default();
    match status {
        401 => format!("Incorrect API key provided: {key}"),
        403 => format!("The API key {key} does not have access to this model"),
        _ => format!(
            "upstream call https://upstream.example/v1/generate?alt=json&key={key} failed for account key {key}"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_credential_is_found_in_each_routes_place() {
        let mut headers = HeaderMap::new();
        assert_eq!(credential(&headers, "alt=json&key=AIza-q"), "AIza-q");
        headers.insert("x-goog-api-key", "AIza-h".parse().unwrap());
        assert_eq!(credential(&headers, ""), "AIza-h");
        headers.insert("authorization", "Key fal-k".parse().unwrap());
        assert_eq!(credential(&headers, ""), "fal-k");
        let claims = serde_json::json!({"iss": "the-access-key", "exp": 1});
        let jwt = jsonwebtoken::encode(&Default::default(), &claims, &jsonwebtoken::EncodingKey::from_secret(b"s"));
        headers.insert("authorization", format!("Bearer {}", jwt.unwrap()).parse().unwrap());
        assert_eq!(credential(&headers, ""), "the-access-key");
    }
}
