//! Provider failures, classified so the engine knows what to retry and the creator reads
//! a sentence ("Kling rejected the prompt: content policy", "fal: insufficient balance").

use std::time::Duration;

use crate::routes::RouteId;

#[derive(Debug, Clone, thiserror::Error, PartialEq)]
pub enum ProviderError {
    #[error("{}: rate limited{}", .route.display_name(), retry_hint(.retry_after))]
    RateLimited { route: RouteId, retry_after: Option<Duration> },
    #[error("{}: service unavailable ({detail})", .route.display_name())]
    Unavailable { route: RouteId, detail: String },
    #[error("{}: the API key was rejected ({detail}); check it with `dailies keys set {route}`", .route.display_name())]
    Auth { route: RouteId, detail: String },
    #[error("{}: insufficient balance ({detail})", .route.display_name())]
    Balance { route: RouteId, detail: String },
    #[error("{} rejected the prompt: content policy{}", .route.display_name(), colon(.detail))]
    ContentPolicy { route: RouteId, detail: String },
    #[error("{} rejected the request: {detail}", .route.display_name())]
    InvalidRequest { route: RouteId, detail: String },
    #[error("{}: this model is no longer served ({detail})", .route.display_name())]
    Retired { route: RouteId, detail: String },
    #[error("{}: generation failed: {detail}", .route.display_name())]
    GenerationFailed { route: RouteId, detail: String },
    #[error("{}: unexpected response ({detail})", .route.display_name())]
    Malformed { route: RouteId, detail: String },
    #[error("{}: the result has expired and can no longer be downloaded", .route.display_name())]
    Expired { route: RouteId },
    #[error("{} cannot cancel a job it has accepted: {detail}", .route.display_name())]
    CannotCancel { route: RouteId, detail: String },
    /// `sent` tells whether the request may have reached the provider (timeouts) or
    /// certainly did not (connection refused): only the latter is safe to resend as a submit.
    #[error("{}: network error ({detail})", .route.display_name())]
    Network { route: RouteId, detail: String, sent: bool },
}

fn retry_hint(d: &Option<Duration>) -> String {
    d.map(|d| format!("; retry after {} s", d.as_secs().max(1))).unwrap_or_default()
}

fn colon(detail: &str) -> String {
    if detail.is_empty() {
        String::new()
    } else {
        format!(" ({detail})")
    }
}

impl ProviderError {
    pub fn code(&self) -> &'static str {
        match self {
            ProviderError::RateLimited { .. } => "rate_limited",
            ProviderError::Unavailable { .. } => "provider_unavailable",
            ProviderError::Auth { .. } => "auth",
            ProviderError::Balance { .. } => "insufficient_balance",
            ProviderError::ContentPolicy { .. } => "content_policy",
            ProviderError::InvalidRequest { .. } => "provider_rejected",
            ProviderError::Retired { .. } => "model_retired",
            ProviderError::GenerationFailed { .. } => "generation_failed",
            ProviderError::Malformed { .. } => "malformed_response",
            ProviderError::Expired { .. } => "expired",
            ProviderError::CannotCancel { .. } => "cancel_unsupported",
            ProviderError::Network { .. } => "network",
        }
    }

    /// The refusal of a route that has no cancel at all, in the route table's words.
    pub fn no_cancel(route: RouteId) -> ProviderError {
        let detail = route.cancel_unsupported().unwrap_or("this route did not accept the cancel");
        ProviderError::CannotCancel { route, detail: detail.into() }
    }

    /// Worth asking again (status polls, downloads). Submits have a stricter rule.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            ProviderError::RateLimited { .. } | ProviderError::Unavailable { .. } | ProviderError::Network { .. }
        )
    }

    /// Worth asking again when reading (a status poll, a download): transient, or a garbled
    /// answer, since the job itself may be fine. Branches on the variant, never on text.
    pub fn worth_rereading(&self) -> bool {
        self.is_transient() || matches!(self, ProviderError::Malformed { .. })
    }

    /// Safe to resend a submit: the provider certainly did not accept the first one.
    pub fn submit_not_accepted(&self) -> bool {
        matches!(self, ProviderError::RateLimited { .. } | ProviderError::Network { sent: false, .. })
    }

    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            ProviderError::RateLimited { retry_after, .. } => *retry_after,
            _ => None,
        }
    }
}
