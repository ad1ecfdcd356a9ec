//! Typed errors. Every variant's message is written for a creator, not a developer:
//! it names the field and the allowed values, or the provider and what went wrong.

use crate::providers::ProviderError;
use crate::routes::RouteId;

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
    /// `key` is the budget's setting (`budget.day_usd`); `period` reads after "this": "run", "day", "month".
    #[error("{key}: this run's estimate ${estimate:.2} would take this {period}'s spend to ${:.2}, over its ${cap:.2} budget (spent so far: ${spent:.2}); raise it with `dailies settings set {key} <USD>` or remove it with `dailies settings unset {key}`", spent + estimate)]
    BudgetExceeded { key: String, period: String, cap: f64, spent: f64, estimate: f64 },
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
    /// Curating or trashing the library: an empty tag, a winner from another run, a board
    /// name already taken, a run still generating.
    #[error("{field}: {reason}")]
    Library { field: String, reason: String },
    /// A re-run or batch that cannot go ahead: nothing failed to re-run, a line of a batch
    /// file that is not valid (`message` then starts with its line number), ...
    #[error("{field}: {message}")]
    Iteration { field: String, message: String },
    /// An element that cannot be used: a missing or non-image file, too many references, an
    /// `@ElementN` with no element N, a route limit, a library name already taken.
    #[error("element: {0}")]
    Element(String),
}

impl InputError {
    /// The input the error is about, as its message begins ("duration: ..."): the UI
    /// highlights that input, the CLI names the flag.
    pub fn field(&self) -> &str {
        match self {
            InputError::EmptyPrompt => "prompt",
            InputError::NoModels | InputError::UnknownModel { .. } | InputError::UnknownRoute { .. } => "model",
            InputError::NotAllowed { field, .. }
            | InputError::InvalidValue { field, .. }
            | InputError::ImageAspect { field, .. }
            | InputError::Iteration { field, .. } => field,
            InputError::DurationNobodyAllows { .. } => "duration",
            InputError::NoKey { .. } => "keys",
            InputError::OverBudget { .. } => "max-cost",
            InputError::BudgetExceeded { key, .. } => key,
            InputError::ConfirmationRequired { .. } => "yes",
            InputError::NothingToCancel { .. } | InputError::RemixUnsupported { .. } | InputError::RemixSource(_) => {
                "clip"
            }
            InputError::VoteClips(_) => "clips",
            InputError::Library { field, .. } => field,
            InputError::Element(_) => "element",
        }
    }
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
    /// The HTTP client could not be set up (TLS roots, proxy settings): nothing can be sent.
    #[error("network setup: {0}")]
    HttpClient(String),
    /// The keychain is there but cannot be read or written now (locked, no Secret Service,
    /// access denied). Not "no key": the key may well be stored behind the lock.
    #[error("keychain: the OS keychain is locked or unavailable ({detail}); unlock the login keyring{}", env_hint(.env_var))]
    KeychainUnavailable { detail: String, env_var: Option<String> },
    #[error("{what} '{id}' not found")]
    NotFound { what: &'static str, id: String },
    #[error("file {path}: {source}")]
    Io { path: String, source: std::io::Error },
    /// Saving to this computer failed (disk full, no permission): not the provider's fault,
    /// and not fixed by asking the provider again.
    #[error("{}", local_io_message(.path, .source))]
    LocalIo { path: String, source: std::io::Error },
    #[error("clip file: {0}")]
    Probe(String),
    #[error(
        "route '{route}' is not known to this build of Dailies (the clip was probably made by a newer version); \
         it was not sent or followed"
    )]
    UnknownRoute { route: String },
    /// A run's document or video could not be put together.
    #[error("export: {0}")]
    Export(String),
    /// Moving the library stopped before the switch; the library stays where it was.
    #[error("library move: {0}")]
    LibraryMove(String),
    /// A command that cannot work without an external program (export-video needs ffmpeg).
    #[error("{tool}: not found (looked for '{looked_for}'); install it (Debian/Ubuntu: `sudo apt install {tool}`) or set {env_var} to its path")]
    MissingTool { tool: &'static str, looked_for: String, env_var: &'static str },
    /// The external program ran and failed; `detail` is the end of what it said.
    #[error("{tool} failed: {detail}")]
    ToolFailed { tool: &'static str, detail: String },
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
            Error::HttpClient(_) => "http_client",
            Error::KeychainUnavailable { .. } => "keychain_unavailable",
            Error::NotFound { .. } => "not_found",
            Error::Io { .. } => "io",
            Error::LocalIo { source, .. } => match source.kind() {
                std::io::ErrorKind::StorageFull => "disk_full",
                std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => "permission_denied",
                _ => "local_io",
            },
            Error::Probe(_) => "probe",
            Error::UnknownRoute { .. } => "unknown_route",
            Error::Export(_) => "export",
            Error::LibraryMove(_) => "library_move",
            Error::MissingTool { tool: "ffmpeg", .. } => "missing_ffmpeg",
            Error::MissingTool { .. } => "missing_tool",
            Error::ToolFailed { .. } => "tool_failed",
        }
    }

    /// The input field an invalid-input error is about; `None` for every other error.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Input(e) => Some(e.field()),
            _ => None,
        }
    }

    pub fn io(path: impl AsRef<std::path::Path>, source: std::io::Error) -> Self {
        Error::Io { path: path.as_ref().display().to_string(), source }
    }

    /// A failure writing a file on this computer, classified for the creator.
    pub fn local_io(path: impl AsRef<std::path::Path>, source: std::io::Error) -> Self {
        Error::LocalIo { path: path.as_ref().display().to_string(), source }
    }
}

fn local_io_message(path: &str, source: &std::io::Error) -> String {
    match source.kind() {
        std::io::ErrorKind::StorageFull => {
            format!("The disk is full: the clip could not be saved to {path}. Free some space, then resume.")
        }
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
            format!("Dailies may not write to {path} (permission denied); check the library folder's permissions.")
        }
        _ => format!("The clip could not be saved to {path} on this computer ({source})."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_input_error_names_the_field_its_message_starts_with() {
        let cases = [
            InputError::EmptyPrompt,
            InputError::NoModels,
            InputError::UnknownModel { id: "x".into(), suggestions: vec![] },
            InputError::NotAllowed { model: "m".into(), field: "duration".into(), asked: "7".into(), allowed: vec![] },
            InputError::InvalidValue { field: "aspect".into(), value: "2:1".into(), allowed: vec![] },
            InputError::DurationNobodyAllows { asked: 99, min: 3, max: 20 },
            InputError::NoKey { route: RouteId::Fal, env_var: "FAL_KEY".into() },
            InputError::OverBudget { estimate: 2.0, max: 1.0 },
            InputError::BudgetExceeded {
                key: "budget.day_usd".into(),
                period: "day".into(),
                cap: 1.0,
                spent: 0.5,
                estimate: 0.7,
            },
            InputError::ConfirmationRequired { estimate: 2.0 },
            InputError::NothingToCancel { state: "done".into() },
            InputError::RemixSource("unfinished".into()),
            InputError::VoteClips("same clip".into()),
            InputError::Library { field: "tag".into(), reason: "must not be empty".into() },
            InputError::Iteration { field: "failed".into(), message: "nothing failed".into() },
        ];
        for e in cases {
            let field = e.field().to_string();
            assert!(e.to_string().starts_with(&format!("{field}: ")), "{field} vs {e}");
            assert_eq!(Error::from(e).field(), Some(field.as_str()));
        }
        assert_eq!(Error::Catalog("x".into()).field(), None);
    }
}
