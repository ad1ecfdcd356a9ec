//! Provider emulator: speaks the fal queue and OpenAI Videos wire protocols on loopback
//! and serves real, playable MP4s rendered with ffmpeg.
//!
//! It is deliberately as strict as the real services (auth, field types, enums, unknown
//! fields), so an adapter that passes against it should pass against the provider.
//! Used in-process by the CLI and desktop demo modes, integration tests and benchmarks:
//!
//! ```no_run
//! # async fn demo() -> Result<(), dailies_sim::SimError> {
//! use dailies_sim::{Sim, SimConfig};
//! let sim = Sim::start("127.0.0.1:0".parse().unwrap(), SimConfig::fast()).await?;
//! let fal = sim.fal_base_url(); // use in place of https://queue.fal.run
//! # let _ = fal; Ok(()) }
//! ```

mod bearer;
mod cdn;
mod clip_render;
mod clips;
mod clock;
mod config;
mod control;
mod echo;
mod fal;
mod faults;
mod google;
mod keys;
mod kling;
mod luma;
mod minimax;
mod openai;
mod rejection;
mod replicate;
mod runway;
mod seedance;
mod state;
mod stats;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use serde_json::json;

pub use clip_render::ClipRender;
pub use config::{SimConfig, Timing};
pub use faults::{Fault, FaultKind, FaultOp};
pub use keys::{demo_keys, SimKeys};
pub use stats::{JobEnd, LoggedRequest, RecordedSubmit, SimStats};

use state::Shared;

#[derive(Debug, thiserror::Error)]
pub enum SimError {
    #[error("could not bind the emulator to {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error("invalid fal endpoint catalog: {0}")]
    Catalog(String),
}

pub struct Sim;

impl Sim {
    /// Binds (use `127.0.0.1:0` for a random port) and serves in a spawned tokio task
    /// until [`SimHandle::shutdown`].
    pub async fn start(addr: SocketAddr, config: SimConfig) -> Result<SimHandle, SimError> {
        let catalog = fal::catalog::Catalog::load().map_err(SimError::Catalog)?;
        let bind_err = |source| SimError::Bind { addr, source };
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(bind_err)?;
        let mut local = listener.local_addr().map_err(bind_err)?;
        // Handed-out URLs must be dialable, so a wildcard bind advertises loopback.
        if local.ip().is_unspecified() {
            local.set_ip(IpAddr::V4(Ipv4Addr::LOCALHOST));
        }
        let shared = Arc::new(Shared::new(format!("http://{local}"), config, catalog));
        let app = Router::new()
            .merge(fal::router())
            .merge(openai::router())
            .merge(replicate::router())
            .merge(minimax::router())
            .merge(google::router())
            .merge(luma::router())
            .merge(seedance::router())
            .merge(kling::router())
            .merge(runway::router())
            .merge(cdn::router())
            .merge(control::router())
            .fallback(not_found)
            .layer(axum::middleware::from_fn(echo::record_credential))
            .with_state(shared.clone());
        let stopping = shared.clone();
        tokio::spawn(async move {
            // Graceful: in-flight downloads finish, idle keep-alive connections close, and
            // the port is released at once.
            let serve = axum::serve(listener, app).with_graceful_shutdown(async move { stopping.stopped().await });
            if let Err(err) = serve.await {
                tracing::error!(%err, "emulator server stopped");
            }
        });
        tracing::info!(addr = %local, "provider emulator listening");
        Ok(SimHandle { addr: local, shared })
    }
}

/// A running emulator. Clones share it; it keeps serving until `shutdown`.
#[derive(Clone)]
pub struct SimHandle {
    addr: SocketAddr,
    shared: Arc<Shared>,
}

impl SimHandle {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`
    pub fn base_url(&self) -> String {
        self.shared.base_url.clone()
    }

    /// Stands in for `https://queue.fal.run`.
    pub fn fal_base_url(&self) -> String {
        format!("{}/fal", self.shared.base_url)
    }

    /// Stands in for `https://api.openai.com/v1`.
    pub fn openai_base_url(&self) -> String {
        format!("{}/openai/v1", self.shared.base_url)
    }

    /// The base URL of a provider route (`"fal"`, `"openai"`), if the emulator speaks it.
    pub fn route_base_url(&self, route: &str) -> Option<String> {
        match route {
            "fal" => Some(self.fal_base_url()),
            "openai" => Some(self.openai_base_url()),
            // Stands in for `https://api.replicate.com/v1`.
            "replicate" => Some(format!("{}/replicate/v1", self.shared.base_url)),
            // Stands in for `https://api.minimax.io` (paths start at `/v1`).
            "minimax" => Some(format!("{}/minimax", self.shared.base_url)),
            // Stands in for `https://generativelanguage.googleapis.com` (paths from `/v1beta`).
            "google" => Some(format!("{}/google", self.shared.base_url)),
            "luma" => Some(format!("{}/luma/dream-machine/v1", self.shared.base_url)),
            "seedance" => Some(format!("{}/seedance/api/v3", self.shared.base_url)),
            // Stands in for `https://api-singapore.klingai.com` (paths start at `/v1`).
            "kling" => Some(format!("{}/kling", self.shared.base_url)),
            // Stands in for `https://api.dev.runwayml.com` (paths start at `/v1`).
            "runway" => Some(format!("{}/runway", self.shared.base_url)),
            // fal's REST API (storage uploads), standing in for `https://rest.fal.ai`.
            "fal-storage" => Some(format!("{}/rest", self.fal_base_url())),
            _ => None,
        }
    }

    /// The key this emulator accepts on a route, as a client configures it (Kling's pair
    /// as `access:secret`); the demo modes hand these to the app.
    pub fn route_key(&self, route: &str) -> Option<String> {
        self.shared.config.keys.for_route(route)
    }

    pub fn inject(&self, fault: Fault) {
        self.shared.faults.push(fault);
    }

    /// Applies to jobs submitted from now on.
    pub fn set_timing(&self, timing: Timing) {
        self.shared.set_timing(timing);
    }

    pub fn stats(&self) -> SimStats {
        self.shared.stats.snapshot()
    }

    /// The most jobs of `route` (`"fal"`, `"openai"`, …) that were open at once — submitted
    /// and not yet ended — by this emulator's own count: what a provider's concurrency
    /// limit sees, whatever the client believed.
    pub fn peak_open_jobs(&self, route: &str) -> usize {
        self.shared.jobs.peak_open(route)
    }

    /// Every job that has ended, in submit order, with when it ended.
    pub fn job_ends(&self) -> Vec<JobEnd> {
        self.shared
            .jobs
            .ended()
            .into_iter()
            .map(|(job_id, route, ended_unix_ms)| JobEnd { job_id, route, ended_unix_ms })
            .collect()
    }

    /// Stops accepting connections, ends SSE streams and abandons running jobs (their
    /// ffmpeg processes are killed). Requests already in flight are answered.
    pub fn shutdown(&self) {
        self.shared.stop();
        tracing::info!(addr = %self.addr, "provider emulator stopped");
    }
}

async fn not_found(uri: Uri) -> Response {
    let message = format!("No route for {}", uri.path());
    if uri.path().starts_with("/openai/") {
        let kind = "invalid_request_error";
        return openai::error(StatusCode::NOT_FOUND, &message, kind, None, None).into_response();
    }
    (StatusCode::NOT_FOUND, Json(json!({ "detail": message }))).into_response()
}
