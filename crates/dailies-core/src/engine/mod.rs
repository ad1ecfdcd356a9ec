//! The job engine and the [`Studio`] facade the CLI and the app both drive.
//!
//! A run's life: `plan` (validate, parity, estimate; no I/O) → `start` (persist every clip,
//! then one tokio task per clip: submit → follow → download → probe) → updates broadcast
//! as [`ClipView`] snapshots after each store write. `resume` continues unfinished clips by
//! provider job id after a crash and never submits a clip twice.

mod cancel;
mod continuation;
mod curate;
mod download;
mod element_library;
mod elements;
#[cfg(test)]
mod elements_tests;
mod eta;
mod extend;
mod fetch;
mod images;
mod imports;
mod iteration;
mod job;
#[cfg(test)]
mod lease_tests;
mod library;
mod lint;
mod motion;
mod overrides;
mod plan;
mod poll;
mod poll_schedule;
mod posters;
mod preview;
mod prices;
mod prompt_diff;
mod ranking;
mod remix;
mod rerun;
mod resume;
mod search;
mod send_slots;
mod settings;
mod stats_series;
mod takes;
#[cfg(test)]
mod test_studio;
mod time_notes;
mod timeouts;
mod trash;
mod votes;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use tokio::sync::broadcast;
use tokio::task::JoinHandle;

pub use posters::PosterReport;
pub use preview::ModelPreview;
pub use prompt_diff::word_diff;
pub use resume::ResumeReport;
pub use timeouts::Timeouts;
pub use votes::{CRITERIA, PRELIMINARY_BELOW_VOTES};

use crate::api::{ClipView, KeyStatus, ModelInfo, RunSummary, RunView};
use crate::catalog::{Catalog, RouteId};
use crate::error::Result;
use crate::secrets::{Keys, Secret, SecretStore};
use crate::store::Store;

/// An emulator standing in for every provider: base URLs and the key each route accepts.
#[derive(Clone, Debug)]
pub struct DemoBackend {
    pub base_urls: HashMap<RouteId, String>,
    /// Per route, in the form the route's credential takes (Kling's `access:secret`).
    pub keys: HashMap<RouteId, Secret>,
}

impl DemoBackend {
    /// Every route the emulator speaks, by asking it for each route's key and base URL.
    pub fn new(key_of: impl Fn(&str) -> Option<String>, base_url_of: impl Fn(&str) -> Option<String>) -> DemoBackend {
        let base_urls = RouteId::ALL.iter().copied().filter_map(|r| base_url_of(r.as_str()).map(|u| (r, u))).collect();
        let keys =
            RouteId::ALL.iter().copied().filter_map(|r| key_of(r.as_str()).map(|k| (r, Secret::new(k)))).collect();
        DemoBackend { base_urls, keys }
    }

    /// The emulator's key for a route, remembered for [`crate::redact::scrub`] like any key.
    pub fn key_for(&self, route: RouteId) -> Option<Secret> {
        let key = self.keys.get(&route).cloned();
        if let Some(k) = &key {
            crate::redact::remember(k);
        }
        key
    }
}

/// How often to ask a route that gives no hint of its own.
#[derive(Clone, Debug)]
pub struct PollPolicy {
    pub initial: Duration,
    pub max: Duration,
    /// Consecutive transient failures tolerated before a clip is given up on.
    pub max_consecutive_errors: u32,
    /// A job still unfinished after this long is reported as timed out (it may still bill).
    pub deadline: Duration,
    /// Limits on each network call, so a stalled provider cannot hang a clip.
    pub timeouts: Timeouts,
    /// Replaces every route's rate limit (`RouteSpec::min_poll_interval_ms`): for tests and
    /// benchmarks against the local emulator only; `None` in the app and the CLI.
    pub min_interval: Option<Duration>,
}

impl Default for PollPolicy {
    fn default() -> Self {
        PollPolicy {
            initial: Duration::from_millis(500),
            max: Duration::from_secs(10),
            max_consecutive_errors: 8,
            deadline: Duration::from_secs(75 * 60),
            timeouts: Timeouts::default(),
            min_interval: None,
        }
    }
}

pub struct StudioOptions {
    pub data_dir: PathBuf,
    pub secrets: Arc<dyn SecretStore>,
    pub catalog: Catalog,
    pub poll: PollPolicy,
}

/// The application core: catalog, library, keys and running jobs.
#[derive(Clone)]
pub struct Studio {
    inner: Arc<Inner>,
}

struct Inner {
    /// Swapped whole when a creator edits a price; readers keep the snapshot they took.
    catalog: RwLock<Arc<Catalog>>,
    store: Store,
    keys: Keys,
    http: reqwest::Client,
    poll: PollPolicy,
    demo: RwLock<Option<DemoBackend>>,
    /// A snapshot replaced whole on every change, like the catalog.
    settings: RwLock<Arc<crate::settings::Settings>>,
    /// Woken when a job leaves flight, so clips waiting for a route's slot look again.
    slot_freed: tokio::sync::Notify,
    updates: broadcast::Sender<ClipView>,
}

/// A started run; `finish` waits for every clip to reach a terminal state.
pub struct RunHandle {
    pub view: RunView,
    tasks: Vec<JoinHandle<()>>,
    studio: Studio,
}

impl RunHandle {
    pub async fn finish(self) -> Result<RunView> {
        for t in self.tasks {
            // A panicking clip task must not take the run down; its row says what happened.
            let _ = t.await;
        }
        self.studio.run(&self.view.run_id).await
    }
}

impl Studio {
    pub async fn open(options: StudioOptions) -> Result<Studio> {
        let store = Store::open(&options.data_dir).await?;
        let http = options.poll.timeouts.client().map_err(|e| crate::error::Error::HttpClient(e.to_string()))?;
        let (updates, _) = broadcast::channel(512);
        let settings = crate::settings::Settings::from_rows(store.setting_rows().await?);
        Ok(Studio {
            inner: Arc::new(Inner {
                catalog: RwLock::new(Arc::new(options.catalog)),
                store,
                keys: Keys::new(options.secrets),
                http,
                poll: options.poll,
                demo: RwLock::new(None),
                settings: RwLock::new(Arc::new(settings)),
                slot_freed: tokio::sync::Notify::new(),
                updates,
            }),
        })
    }

    pub fn catalog(&self) -> Arc<Catalog> {
        self.inner.catalog.read().expect("catalog lock").clone()
    }

    pub(super) fn replace_catalog(&self, catalog: Catalog) {
        *self.inner.catalog.write().expect("catalog lock") = Arc::new(catalog);
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    pub fn keys(&self) -> &Keys {
        &self.inner.keys
    }

    pub fn set_demo(&self, demo: Option<DemoBackend>) {
        *self.inner.demo.write().expect("demo lock") = demo;
    }

    pub fn demo(&self) -> Option<DemoBackend> {
        self.inner.demo.read().expect("demo lock").clone()
    }

    /// Every clip change, as a full snapshot.
    pub fn subscribe(&self) -> broadcast::Receiver<ClipView> {
        self.inner.updates.subscribe()
    }

    /// Demo emulator, then `DAILIES_<ROUTE>_BASE_URL`, then the `base_url.<route>` setting,
    /// then the official default.
    pub fn base_url(&self, route: RouteId) -> String {
        if let Some(url) = self.demo().and_then(|d| d.base_urls.get(&route).cloned()) {
            return url;
        }
        std::env::var(route.base_url_env_var())
            .ok()
            .filter(|v| !v.trim().is_empty())
            .or_else(|| self.settings().base_url(route).map(str::to_string))
            .unwrap_or_else(|| route.default_base_url().to_string())
    }

    fn key_for(&self, route: RouteId, demo: bool) -> Result<Option<Secret>> {
        if demo {
            return Ok(self.demo().and_then(|d| d.key_for(route)));
        }
        self.inner.keys.get(route)
    }

    /// Runs `f` (a key lookup) on tokio's blocking pool: the keychain answers over a
    /// blocking D-Bus call, which must not stall the async workers following other clips.
    async fn off_runtime<T: Send + 'static>(&self, f: impl FnOnce(Studio) -> Result<T> + Send + 'static) -> Result<T> {
        let studio = self.clone();
        tokio::task::spawn_blocking(move || f(studio))
            .await
            .unwrap_or_else(|e| Err(crate::error::Error::Secrets(format!("the key lookup stopped: {e}"))))
    }

    pub fn key_statuses(&self) -> Vec<KeyStatus> {
        self.inner.keys.statuses()
    }

    pub fn models(&self) -> Vec<ModelInfo> {
        plan::model_infos(self)
    }

    /// The library, newest first.
    pub async fn runs(&self, limit: u32) -> Result<Vec<RunSummary>> {
        self.inner.store.search_runs(&crate::api::LibraryQuery { limit: Some(limit), ..Default::default() }).await
    }

    /// A run by id or unique id prefix.
    pub async fn run(&self, id_or_prefix: &str) -> Result<RunView> {
        let id = self.inner.store.find_run_id(id_or_prefix).await?;
        let mut view = self.inner.store.run_view(&id).await?;
        let mut clips = Vec::with_capacity(view.clips.len());
        for clip in std::mem::take(&mut view.clips) {
            clips.push(self.with_eta(clip).await);
        }
        view.clips = clips;
        Ok(view)
    }

    async fn publish(&self, clip_id: &str) {
        match self.inner.store.clip(clip_id).await {
            Ok(row) => {
                // A snapshot replaces the clip in the UI, so it carries the tags too.
                let tags = self.inner.store.tags_of_clip(clip_id).await.unwrap_or_default();
                let view = self.with_eta(ClipView { tags, ..row.into_view() }).await;
                self.broadcast(view);
            }
            Err(e) => tracing::warn!(clip_id, error = %e, "could not read clip back for an update"),
        }
    }

    fn broadcast(&self, view: ClipView) {
        // Nobody listening is normal (CLI without progress output).
        let _ = self.inner.updates.send(view);
    }
}
