//! Replicate's default rate limits (replicate.md §8): 600 prediction creates and 3000
//! other calls per minute, reported on every response as `ratelimit-remaining` and
//! `ratelimit-reset`, with a 429 once a window is spent.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::Request;
use axum::http::{HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use axum::Extension;

use super::errors::throttled;
use super::Local;

const CREATES_PER_MINUTE: u32 = 600;
const OTHERS_PER_MINUTE: u32 = 3000;
const WINDOW: Duration = Duration::from_secs(60);

#[derive(Default)]
pub(super) struct Limiter(Mutex<Option<Window>>);

struct Window {
    started: Instant,
    creates: u32,
    others: u32,
}

struct Admission {
    allowed: bool,
    remaining: u32,
    reset_s: u64,
}

impl Limiter {
    fn admit(&self, create: bool) -> Admission {
        let mut guard = crate::state::lock(&self.0);
        let window = match guard.as_mut() {
            Some(w) if w.started.elapsed() < WINDOW => w,
            _ => guard.insert(Window { started: Instant::now(), creates: 0, others: 0 }),
        };
        let (used, limit) =
            if create { (&mut window.creates, CREATES_PER_MINUTE) } else { (&mut window.others, OTHERS_PER_MINUTE) };
        let allowed = *used < limit;
        if allowed {
            *used += 1;
        }
        let reset_s = WINDOW.saturating_sub(window.started.elapsed()).as_secs().max(1);
        Admission { allowed, remaining: limit - *used, reset_s }
    }
}

pub(super) async fn rate_limit(Extension(local): Extension<Arc<Local>>, request: Request, next: Next) -> Response {
    let create = request.method() == Method::POST && request.uri().path().ends_with("/predictions");
    let admission = local.limiter.admit(create);
    let mut response = if admission.allowed { next.run(request).await } else { throttled(admission.reset_s, false) };
    let headers = response.headers_mut();
    headers.insert("ratelimit-remaining", HeaderValue::from(admission.remaining));
    headers.insert("ratelimit-reset", HeaderValue::from(admission.reset_s));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_and_other_calls_have_separate_budgets() {
        let limiter = Limiter::default();
        for i in 0..CREATES_PER_MINUTE {
            let a = limiter.admit(true);
            assert!(a.allowed);
            assert_eq!(a.remaining, CREATES_PER_MINUTE - i - 1);
        }
        let spent = limiter.admit(true);
        assert!(!spent.allowed && spent.remaining == 0 && spent.reset_s >= 1);
        assert!(limiter.admit(false).allowed);
    }
}
