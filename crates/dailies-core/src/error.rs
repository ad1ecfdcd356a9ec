//! Typed errors. Every variant's message is written for a creator, not a developer:
//! it names the field and the allowed values, or the provider and what went wrong.

use crate::catalog::RouteId;
use crate::providers::ProviderError;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Bad input, always detected before any network request.
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
pub enum InputError {
    #[error("prompt: must not be empty")]
    EmptyPrompt,
    #[error("model: no model is selected; pick at least one (see `dailies models`)")]
    NoModels,
    #[error("model: unknown model '{id}'{}", suggest(.suggestions))]
    UnknownModel { id: String, suggestions: Vec<String> },
    #[error("model: {model} is not offered through route '{route}'; available routes: {}", .available.join(", "))]
    UnknownRoute { model: String, route: String, available: Vec<String> },
    #[error("{field}: {model} does not allow {asked}; allowed values: {}", .allowed.join(", "))]
    NotAllowed { model: String, field: String, asked: String, allowed: Vec<String> },
    #[error("{field}: '{value}' is not valid; allowed values: {}", .allowed.join(", "))]
    InvalidValue { field: String, value: String, allowed: Vec<String> },
    #[error("duration: no model in the catalog runs {asked} s clips; durations offered: {min}–{max} s")]
    DurationNobodyAllows { asked: u32, min: u32, max: u32 },
    #[error("keys: no key for route '{route}'; run `dailies keys set {route}` or set {env_var} (or use --demo)")]
    NoKey { route: RouteId, env_var: String },
    #[error("{field}: {model} needs an image near one of its aspect ratios; this one is {width}x{height}; pass --crop to centre-crop it to {nearest}")]
    ImageAspect { field: String, model: String, width: u32, height: u32, nearest: String },
    #[error("max-cost: estimated ${estimate:.2} exceeds --max-cost ${max:.2}")]
    OverBudget { estimate: f64, max: f64 },
    #[error("yes: this run would spend about ${estimate:.2}; pass --yes to confirm when not running interactively")]
    ConfirmationRequired { estimate: f64 },
    /// `state` reads after "already": "done", "failed", "generated and downloading", ...
    #[error("clip: nothing to cancel; this clip is already {state}")]
    NothingToCancel { state: String },
    #[error("clip: {model}@{route} clips cannot be remixed; remix works on clips from {}", .remixable.join(", "))]
    RemixUnsupported { model: String, route: RouteId, remixable: Vec<String> },
    #[error("clip: {0}")]
    RemixSource(String),
    #[error("clips: {0}")]
    VoteClips(String),
}

fn suggest(s: &[String]) -> String {
    if s.is_empty() {
        "; see `dailies models` for the list".to_string()
    } else {
        format!("; did you mean {}?", s.join(", "))
    }
}

/// The way around a locked keychain for a lookup: the route's SDK variable.
fn env_hint(env_var: &Option<String>) -> String {
    match env_var {
        Some(var) => format!(", or set {var} for Dailies to use instead"),
        None => " and try again".to_string(),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Input(#[from] InputError),
    #[error(transparent)]
    Provider(#[from] ProviderError),
    #[error("catalog: {0}")]
    Catalog(String),
    #[error("library database: {0}")]
    Store(#[from] sqlx::Error),
    #[error("library database migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("keychain: {0}")]
    Secrets(String),
    /// The keychain is there but cannot be read or written now (locked, no Secret Service,
    /// access denied). Not "no key": the key may well be stored behind the lock.
    #[error("keychain: the OS keychain is locked or unavailable ({detail}); unlock the login keyring{}", env_hint(.env_var))]
    KeychainUnavailable { detail: String, env_var: Option<String> },
    #[error("{what} '{id}' not found")]
    NotFound { what: &'static str, id: String },
    #[error("file {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("clip file: {0}")]
    Probe(String),
}

impl Error {
    /// Stable machine code for the IPC boundary; the UI branches on this, never on text.
    pub fn code(&self) -> &'static str {
        match self {
            // The UI offers a centre-crop for this one instead of just showing it.
            Error::Input(InputError::ImageAspect { .. }) => "image_aspect",
            Error::Input(_) => "invalid_input",
            Error::Provider(p) => p.code(),
            Error::Catalog(_) => "catalog",
            Error::Store(_) | Error::Migrate(_) => "store",
            Error::Secrets(_) => "secrets",
            Error::KeychainUnavailable { .. } => "keychain_unavailable",
            Error::NotFound { .. } => "not_found",
            Error::Io { .. } => "io",
            Error::Probe(_) => "probe",
        }
    }

    pub fn io(path: impl AsRef<std::path::Path>, source: std::io::Error) -> Self {
        Error::Io { path: path.as_ref().display().to_string(), source }
    }
}
