//! Dailies core: everything the app and the CLI share, with no Tauri dependency.
//!
//! - [`catalog`]: models × routes as data, parity, wire mapping, prices.
//! - [`routes`]: the route ids and the one table of per-route facts (a leaf module).
//! - [`providers`]: one adapter per access route behind [`providers::ProviderAdapter`].
//! - [`engine`]: [`Studio`], the job engine (persist → submit → follow → download → probe).
//! - [`store`]: the SQLite library (sqlx, WAL, embedded migrations) and media folder.
//! - [`secrets`]: OS keychain + SDK environment variables; keys only in [`secrets::Secret`].
//! - [`redact`]: scrubs keys out of provider text before it is stored or printed.
//! - [`ffmpeg`], [`poster`], [`export`]: poster frames, run reports and side-by-side videos.
//! - [`media`]: the loopback HTTP server the webview plays clips from.
//! - [`lint`]: per-model prompt advice from the catalog's `lint.toml` rules.
//! - [`api`]: the types that cross the CLI/IPC boundary (TypeScript generated from them).

pub mod api;
pub mod catalog;
pub mod engine;
pub mod error;
pub mod export;
pub mod ffmpeg;
pub mod inputs;
pub mod js;
pub mod lint;
pub mod media;
pub mod paths;
pub mod poster;
pub mod probe;
pub mod providers;
pub mod redact;
pub mod relocate;
pub mod routes;
pub mod run_end;
pub mod secret;
pub mod secrets;
pub mod settings;
pub mod store;

pub use engine::{DemoBackend, PollPolicy, RunHandle, Studio, StudioOptions, Timeouts};
pub use error::{Error, InputError, Result};
