//! Provider adapters: one file per access route, all behind [`ProviderAdapter`].
//!
//! The engine owns persistence, retries and downloads; an adapter only speaks its
//! route's wire protocol: submit, observe status, locate the output, cancel.

mod error;
pub mod fal;
pub mod google;
mod http;
pub mod images;
pub mod kling;
pub mod luma;
pub mod minimax;
pub mod openai;
pub mod replicate;
pub mod runway;
pub mod seedance;

use std::time::Duration;

use async_trait::async_trait;
use futures::stream::BoxStream;
use serde_json::{Map, Value};

pub use error::ProviderError;
pub use http::{parse_retry_after, redirect_target, same_host_redirects, same_origin, sensitive, HttpFailure};

use crate::routes::RouteId;
use crate::secret::Secret;

/// Everything an adapter needs to talk to its route for one job.
#[derive(Clone)]
pub struct RouteContext {
    pub http: reqwest::Client,
    /// The route's base URL (official default, or a `DAILIES_<ROUTE>_BASE_URL` override).
    pub base_url: String,
    pub key: Secret,
}

/// A submit: the catalog-built wire fields for one model on this route.
pub struct SubmitRequest<'a> {
    pub endpoint: &'a str,
    pub fields: &'a Map<String, Value>,
    /// Checked local images for image-to-video, each naming its wire field and encoding.
    /// Adapters call [`images::place_inline`] and handle the `Url`/`Multipart` rest.
    pub images: &'a [images::ImageInput],
    /// Stable per clip; routes with idempotency support send it.
    pub clip_id: &'a str,
    /// A continuation: the provider job id of the finished video it starts from. OpenAI
    /// remixes it with `fields`' prompt; Google and Luma extend it (Veo's `video`, Luma's
    /// generation keyframe). Only routes whose catalog entry says `remix` or has an extend
    /// endpoint referencing the provider's copy are ever given one.
    pub remix_of: Option<&'a str>,
}

/// The provider accepted the job.
#[derive(Debug, Clone)]
pub struct Submitted {
    pub provider_job_id: String,
    /// Route-specific data needed to follow the job later (e.g. fal's returned URLs).
    /// Persisted with the clip, so `resume` can continue from it.
    pub handle: Value,
    pub initial: Option<StatusUpdate>,
}

/// A job the engine is following.
#[derive(Debug, Clone)]
pub struct JobRef {
    pub provider_job_id: String,
    pub endpoint: String,
    pub handle: Value,
}

/// The route's status vocabulary normalised to one enum; the raw word is kept for the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobState {
    Queued,
    Running,
    Succeeded,
    Failed,
    Canceled,
}

#[derive(Debug, Clone)]
pub struct StatusUpdate {
    pub state: JobState,
    pub raw_status: String,
    pub queue_position: Option<u32>,
    pub progress: Option<f64>,
    /// The provider's hint for the next poll (`openai-poll-after-ms`).
    pub poll_after: Option<Duration>,
    /// Set when `state` is Failed: the reason, already classified.
    pub failure: Option<ProviderError>,
}

impl StatusUpdate {
    pub fn new(state: JobState, raw_status: impl Into<String>) -> StatusUpdate {
        StatusUpdate {
            state,
            raw_status: raw_status.into(),
            queue_position: None,
            progress: None,
            poll_after: None,
            failure: None,
        }
    }
}

/// Where the finished video can be fetched from.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub url: String,
    /// Some routes require auth on the download itself (OpenAI's content endpoint).
    pub auth_header: Option<(String, Secret)>,
    /// The provider's reported charge, where it reports one.
    pub billed: Option<Billed>,
}

/// A charge as the provider reports it; the engine converts it to USD with the catalog's
/// unit prices (`usd_per_million_tokens`, `usd_per_unit`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Billed {
    Usd(f64),
    /// BytePlus Ark `usage.total_tokens`.
    Tokens(u64),
    /// Kling `final_unit_deduction`, Runway credits, ... (route-specific units).
    Units(f64),
}

/// Whether a route tells what it charged for a clip, said once per route for the picker and
/// the models list: `note` names the field it comes from, or why costs are estimates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChargeReport {
    pub reported: bool,
    pub note: &'static str,
}

#[async_trait]
pub trait ProviderAdapter: Send + Sync {
    fn route(&self) -> RouteId;

    /// Required (no default) so a new route has to say where its billed cost comes from.
    fn charge_report(&self) -> ChargeReport;

    async fn submit(&self, ctx: &RouteContext, req: &SubmitRequest<'_>) -> Result<Submitted, ProviderError>;

    async fn status(&self, ctx: &RouteContext, job: &JobRef) -> Result<StatusUpdate, ProviderError>;

    /// A push stream of status updates where the route offers one; `None` means poll.
    async fn status_stream(
        &self,
        _ctx: &RouteContext,
        _job: &JobRef,
    ) -> Result<Option<BoxStream<'static, Result<StatusUpdate, ProviderError>>>, ProviderError> {
        Ok(None)
    }

    /// Called once the job has succeeded.
    async fn output(&self, ctx: &RouteContext, job: &JobRef) -> Result<OutputFile, ProviderError>;

    /// Asks the provider to stop the job. `Ok` means the request was taken (or there was
    /// nothing left to stop); the job's own status then says how it ended.
    async fn cancel(&self, ctx: &RouteContext, job: &JobRef) -> Result<(), ProviderError>;
}

/// The adapter for a route. Exhaustive: a new [`RouteId`] without its adapter does not compile.
pub fn adapter(route: RouteId) -> &'static dyn ProviderAdapter {
    match route {
        RouteId::Fal => &fal::FalAdapter,
        RouteId::Openai => &openai::OpenAiAdapter,
        RouteId::Google => &google::GoogleAdapter,
        RouteId::Luma => &luma::LumaAdapter,
        RouteId::Seedance => &seedance::SeedanceAdapter,
        RouteId::Replicate => &replicate::ReplicateAdapter,
        RouteId::Minimax => &minimax::MinimaxAdapter,
        RouteId::Kling => &kling::KlingAdapter,
        RouteId::Runway => &runway::RunwayAdapter,
    }
}
