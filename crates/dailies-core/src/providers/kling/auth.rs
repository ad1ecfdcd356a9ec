//! Kling's self-minted JWT (kling.md §2): HS256 over `{iss: access key, exp, nbf}`, signed
//! with the secret key, sent as `Authorization: Bearer <jwt>`. Tokens are cached per key
//! and re-minted when fewer than five minutes remain, so a long poll never sends an
//! expired one. The token is a credential: it lives only in a [`Secret`].

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Mutex, OnceLock};
use std::time::{SystemTime, UNIX_EPOCH};

use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use serde::Serialize;

use super::ROUTE;
use crate::providers::ProviderError;
use crate::secret::Secret;

/// The lifetime the official examples use.
const LIFETIME_S: u64 = 30 * 60;
/// Backdating of `nbf`, absorbing small clock differences (official examples: 5 s).
const NBF_BACKDATE_S: u64 = 5;
/// A cached token is replaced once fewer than this many seconds remain.
const REFRESH_MARGIN_S: u64 = 5 * 60;

#[derive(Serialize)]
struct Claims<'a> {
    iss: &'a str,
    exp: u64,
    nbf: u64,
}

/// The access and secret key from the stored `access:secret` key.
struct Credentials<'a> {
    access: &'a str,
    secret: &'a str,
}

fn credentials(key: &str) -> Result<Credentials<'_>, ProviderError> {
    // A Kling credential is a pair; one part alone could never sign a valid token, so it is
    // refused here rather than sent to Kling to be rejected.
    let (access, secret) = key.split_once(':').map(|(a, s)| (a.trim(), s.trim())).unwrap_or(("", ""));
    if access.is_empty() || secret.is_empty() {
        return Err(ProviderError::Auth {
            route: ROUTE,
            detail: "a Kling key is the access key and the secret key joined as <access>:<secret>".into(),
        });
    }
    Ok(Credentials { access, secret })
}

fn unix_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// Signs a fresh token valid from `now - 5 s` to `now + 30 min`.
pub fn mint(key: &Secret, now: u64) -> Result<(Secret, u64), ProviderError> {
    let creds = credentials(key.expose())?;
    let exp = now + LIFETIME_S;
    let claims = Claims { iss: creds.access, exp, nbf: now.saturating_sub(NBF_BACKDATE_S) };
    let token = encode(&Header::new(Algorithm::HS256), &claims, &EncodingKey::from_secret(creds.secret.as_bytes()))
        .map_err(|e| ProviderError::Auth { route: ROUTE, detail: format!("could not sign the Kling token: {e}") })?;
    Ok((Secret::new(token), exp))
}

type Cache = Mutex<HashMap<u64, (Secret, u64)>>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(Cache::default)
}

/// An in-process cache slot for a key; the key bytes themselves are not kept.
fn slot(key: &Secret) -> u64 {
    let mut h = DefaultHasher::new();
    key.expose().hash(&mut h);
    h.finish()
}

/// The `Authorization` header value: a cached token, or a new one near expiry.
pub fn bearer(key: &Secret) -> Result<String, ProviderError> {
    let now = unix_now();
    let mut cached = cache().lock().unwrap_or_else(|e| e.into_inner());
    let slot = slot(key);
    let token = match cached.get(&slot) {
        Some((token, exp)) if *exp > now + REFRESH_MARGIN_S => token.clone(),
        _ => {
            let (token, exp) = mint(key, now)?;
            cached.insert(slot, (token.clone(), exp));
            tracing::debug!(exp, "minted a Kling token");
            token
        }
    };
    Ok(format!("Bearer {}", token.expose()))
}

/// Drops the cached token after Kling called it expired or not yet valid (1003/1004),
/// so the next request mints a fresh one.
pub fn forget(key: &Secret) {
    cache().lock().unwrap_or_else(|e| e.into_inner()).remove(&slot(key));
}

#[cfg(test)]
mod tests {
    use jsonwebtoken::{decode, DecodingKey, Validation};

    use super::*;

    #[derive(serde::Deserialize)]
    struct Decoded {
        iss: String,
        exp: u64,
        nbf: u64,
    }

    #[test]
    fn token_is_hs256_signed_with_the_secret_key() {
        let (token, exp) = mint(&Secret::new("ak-123:sk-456"), 1_000_000).unwrap();
        assert_eq!(exp, 1_000_000 + 1800);
        let mut v = Validation::new(Algorithm::HS256);
        v.validate_exp = false;
        v.required_spec_claims.clear();
        let data = decode::<Decoded>(token.expose(), &DecodingKey::from_secret(b"sk-456"), &v).unwrap();
        assert_eq!((data.claims.iss.as_str(), data.claims.exp, data.claims.nbf), ("ak-123", 1_001_800, 999_995));
        assert_eq!(data.header.typ.as_deref(), Some("JWT"));
        assert!(decode::<Decoded>(token.expose(), &DecodingKey::from_secret(b"wrong"), &v).is_err());
    }

    #[test]
    fn tokens_are_cached_until_near_expiry_and_can_be_forgotten() {
        let key = Secret::new("ak-cache:sk-cache");
        let first = bearer(&key).unwrap();
        assert_eq!(bearer(&key).unwrap(), first);
        cache().lock().unwrap().insert(slot(&key), (Secret::new("old"), unix_now() + 60));
        assert_ne!(bearer(&key).unwrap(), "Bearer old", "a token expiring within 5 min is replaced");
        forget(&key);
        assert!(!cache().lock().unwrap().contains_key(&slot(&key)));
    }

    #[test]
    fn an_empty_half_is_refused_locally() {
        let e = mint(&Secret::new("ak-only:"), 0).unwrap_err();
        assert_eq!(e.code(), "auth");
        assert!(e.to_string().contains("<access>:<secret>"), "{e}");
    }
}
