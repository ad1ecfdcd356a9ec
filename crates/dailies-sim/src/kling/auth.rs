//! Kling's JWT check (kling.md §2): `Authorization: Bearer <jwt>` (exactly one space), HS256
//! signed with the account's secret key, `iss` = access key, `exp`/`nbf` enforced with no
//! leeway. Failures carry Kling's auth codes: 1001 empty, 1002 invalid, 1003 not yet valid,
//! 1004 expired, all HTTP 401.

use axum::http::{HeaderMap, StatusCode};
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{decode, Algorithm, DecodingKey, Validation};
use serde::Deserialize;

use super::envelope::failure;
use crate::rejection::Rejection;
use crate::state::Shared;

#[derive(Deserialize)]
struct Claims {
    iss: String,
}

/// The emulator's key pair: two different strings, so a token signed with the access key
/// (or naming the secret key as issuer) is refused as Kling refuses it.
fn credentials(shared: &Shared) -> (&str, &str) {
    (&shared.config.keys.kling_access, &shared.config.keys.kling_secret)
}

pub(super) fn authorize(shared: &Shared, headers: &HeaderMap) -> Result<(), Rejection> {
    let denied = |code: i64, message: &str| failure(StatusCode::UNAUTHORIZED, code, message);
    let header = headers.get("authorization").and_then(|v| v.to_str().ok()).unwrap_or("");
    if header.trim().is_empty() {
        return Err(denied(1001, "Authorization is empty"));
    }
    let Some(token) = header.strip_prefix("Bearer ").filter(|t| !t.is_empty() && !t.starts_with(' ')) else {
        return Err(denied(1002, "Authorization is invalid: expected 'Bearer <token>'"));
    };
    let (access_key, secret_key) = credentials(shared);
    let mut validation = Validation::new(Algorithm::HS256);
    validation.leeway = 0;
    validation.validate_nbf = true;
    validation.set_required_spec_claims(&["exp", "nbf", "iss"]);
    let claims = match decode::<Claims>(token, &DecodingKey::from_secret(secret_key.as_bytes()), &validation) {
        Ok(data) => data.claims,
        Err(err) => {
            return Err(match err.kind() {
                ErrorKind::ExpiredSignature => denied(1004, "Authorization has expired"),
                ErrorKind::ImmatureSignature => denied(1003, "Authorization is not yet valid"),
                _ => denied(1002, "Authorization is invalid"),
            })
        }
    };
    if claims.iss != access_key {
        return Err(denied(1002, "Authorization is invalid: unknown access key"));
    }
    Ok(())
}
