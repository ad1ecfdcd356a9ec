//! The app's own state across IPC: where keys come from, the media server, the settings,
//! and the error shape every command answers with.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::catalog::RouteId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum KeySource {
    Keychain,
    Environment,
    Missing,
}

/// Whether a route has a key, and from where. Never the key itself.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct KeyStatus {
    pub route: RouteId,
    pub source: KeySource,
    pub env_var: String,
}

/// The error shape across IPC: branch on `code`, show `message`.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct IpcError {
    pub code: String,
    pub message: String,
    /// For `invalid_input`: the input it is about (`prompt`, `duration`, `start-image`, ...),
    /// so the UI highlights it without reading the message.
    pub field: Option<String>,
}

/// Where the UI loads clips from: the in-app loopback media server.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct MediaInfo {
    /// `http://127.0.0.1:<port>/<token>`; append `/<media_path>`.
    pub base_url: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct AppSettings {
    pub demo: bool,
    pub data_dir: String,
}
