//! The data that crosses process boundaries: the CLI's `--json`, Tauri IPC and events.
//! TypeScript bindings for the UI are generated from these types (`ui/src/ipc/bindings.gen.ts`).

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::js::JsNumber;

mod curate;
pub use curate::{Board, EmptiedTrash, TimeNote, TrashItem, TrashKind};

use crate::catalog::{CanonicalParams, Lifecycle, ParityNote, PriceSpec, ResolvedParams, RouteId};

mod iterate;
pub use iterate::*;
mod preview;
pub use preview::{WireField, WirePreview};

mod stats;
pub use stats::*;
mod continuation;
pub use continuation::{ContinueKind, ExtendInfo, ExtendRequest};
mod eta;
pub use eta::{Eta, EtaSource};
mod elements;
pub use elements::{ElementsInfo, LibraryElement, NewElement};
mod motion;
pub use motion::{ImportedVideo, MotionInfo};

/// What a creator asks for: one prompt, several models, the same canonical values.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
pub struct CompareRequest {
    pub params: CanonicalParams,
    /// Model ids (`kling-3.0-pro`) or `id@route` (`kling-3.0-pro@fal`).
    pub models: Vec<String>,
    /// Refuse instead of adjusting values a model cannot honour.
    #[serde(default)]
    pub strict: bool,
    #[serde(default)]
    #[specta(optional)]
    #[specta(type = Option<JsNumber>)]
    pub max_cost_usd: Option<f64>,
    /// Centre-crop input images whose aspect a route does not accept.
    #[serde(default)]
    #[specta(optional)]
    pub crop: Option<bool>,
    /// Clips per model (1–8, default 1), each with its own seed where the route takes one.
    #[serde(default)]
    #[specta(optional)]
    pub takes: Option<u32>,
}

/// A route's shot template: the structured shot-list field, or prose written after the prompt.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ShotTemplateInfo {
    pub code: String,
    pub structured: bool,
    /// Per shot (`{n}`, `{seconds}`, `{text}`, `{start}`/`{end}` as mm:ss, `{start_s}`/`{end_s}`); empty when structured.
    pub shot: String,
    pub joiner: String,
    pub source: String,
}

/// A validated comparison, priced, before anything is persisted or sent.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct RunPlan {
    pub params: CanonicalParams,
    pub clips: Vec<PlannedClip>,
    #[specta(type = JsNumber)]
    pub estimated_cost_usd: f64,
    pub demo: bool,
    /// For a re-run: the run it re-runs (recorded as the new run's parent).
    #[serde(default)]
    pub parent_run_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct PlannedClip {
    pub model: String,
    pub model_name: String,
    pub route: RouteId,
    pub endpoint: String,
    pub resolved: ResolvedParams,
    pub parity: Vec<ParityNote>,
    #[specta(type = JsNumber)]
    pub estimated_cost_usd: f64,
    #[specta(type = JsNumber)]
    pub usd_per_second: f64,
    pub lifecycle: Lifecycle,
    /// Set for a continuation (remix or extension): the library clip it is made from.
    pub remix_of: Option<String>,
    /// Which kind of continuation `remix_of` is; `None` for a fresh clip.
    #[serde(default)]
    #[specta(optional)]
    pub continues: Option<ContinueKind>,
    /// 1-based take of this model within the run.
    #[serde(default = "first_take")]
    pub take: u32,
}

fn first_take() -> u32 {
    1
}

/// Remix a finished clip with a new prompt, where its route can (OpenAI Sora).
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
pub struct RemixRequest {
    /// The source clip's id, or a unique prefix of it.
    pub clip_id: String,
    pub prompt: String,
}

/// What a cancel did, worded for the creator.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct CancelOutcome {
    pub clip: ClipView,
    /// "Canceled before it was sent: nothing was charged.", "Cancel sent to Replicate; ..."
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ClipStatus {
    /// Persisted, not yet sent.
    Pending,
    /// The submit request may be on the wire; no provider job id is known yet.
    Submitting,
    Queued,
    Generating,
    Downloading,
    Succeeded,
    Failed,
    Canceled,
    /// Killed between sending and storing the job id: the provider may have charged.
    Unknown,
}

impl ClipStatus {
    pub fn is_terminal(self) -> bool {
        matches!(self, ClipStatus::Succeeded | ClipStatus::Failed | ClipStatus::Canceled | ClipStatus::Unknown)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ClipStatus::Pending => "pending",
            ClipStatus::Submitting => "submitting",
            ClipStatus::Queued => "queued",
            ClipStatus::Generating => "generating",
            ClipStatus::Downloading => "downloading",
            ClipStatus::Succeeded => "succeeded",
            ClipStatus::Failed => "failed",
            ClipStatus::Canceled => "canceled",
            ClipStatus::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Option<ClipStatus> {
        use ClipStatus::*;
        [Pending, Submitting, Queued, Generating, Downloading, Succeeded, Failed, Canceled, Unknown]
            .into_iter()
            .find(|c| c.as_str() == s)
    }
}

/// Milliseconds spent in each phase; `None` until the phase is over.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct Latency {
    pub queued: Option<i64>,
    pub generating: Option<i64>,
    pub downloading: Option<i64>,
    pub total: Option<i64>,
}

/// Where a cost comes from: the provider's own reported charge, or the catalog price
/// times what was asked for (routes that report no charge, or did not this time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum CostKind {
    Billed,
    Estimated,
}

impl CostKind {
    /// The kind of a delivered clip's cost: billed exactly when the provider reported a charge.
    pub fn of(billed_cost_usd: Option<f64>) -> CostKind {
        if billed_cost_usd.is_some() {
            CostKind::Billed
        } else {
            CostKind::Estimated
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CostKind::Billed => "billed",
            CostKind::Estimated => "estimated",
        }
    }
}

/// A failure worded for a creator, with a stable code for the UI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ClipError {
    pub code: String,
    pub message: String,
}

/// One model's clip within a run: live status while it runs, the probed file after.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ClipView {
    pub id: String,
    pub run_id: String,
    pub model: String,
    pub model_name: String,
    /// The route as stored; a route this build does not know (a newer build's row) stays
    /// readable here while the clip itself is failed, never followed by another route.
    pub route: String,
    pub endpoint: String,
    pub status: ClipStatus,
    pub error: Option<ClipError>,
    pub resolved: ResolvedParams,
    pub parity: Vec<ParityNote>,
    #[specta(type = JsNumber)]
    pub estimated_cost_usd: f64,
    /// Cost attributed to the clip: the provider's reported charge when it gives one,
    /// else the estimate for a delivered clip; `None` when nothing was delivered.
    #[specta(type = Option<JsNumber>)]
    pub cost_usd: Option<f64>,
    /// Which of the two `cost_usd` is; `None` exactly when `cost_usd` is.
    pub cost_kind: Option<CostKind>,
    #[specta(type = Option<JsNumber>)]
    pub billed_cost_usd: Option<f64>,
    pub latency_ms: Latency,
    pub provider_job_id: Option<String>,
    pub queue_position: Option<u32>,
    /// 0–100 where the route reports it.
    #[specta(type = Option<JsNumber>)]
    pub progress: Option<f64>,
    /// Unix milliseconds when the clip was submitted (for live elapsed timers).
    pub submitted_at_ms: Option<i64>,
    pub started_at_ms: Option<i64>,
    /// Absolute path of the downloaded MP4.
    pub file: Option<String>,
    /// Path relative to the library's media folder, for the loopback media server.
    pub media_path: Option<String>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    #[specta(type = Option<JsNumber>)]
    pub duration_s: Option<f64>,
    pub has_audio: Option<bool>,
    /// Frames per second read from the file (`None` before it is probed); frame steps use it.
    #[specta(type = Option<JsNumber>)]
    pub fps: Option<f64>,
    /// Number of frames in the file.
    pub frame_count: Option<u32>,
    pub demo: bool,
    /// For a continuation (remix or extension): the clip it was made from.
    pub remix_of: Option<String>,
    /// Which kind of continuation `remix_of` is (`None` for a fresh clip).
    #[serde(default)]
    #[specta(optional)]
    pub continues: Option<ContinueKind>,
    /// The creator's 1–5 stars, if rated.
    pub rating: Option<u8>,
    /// 1-based take of this model within its run (`compare --takes N`).
    pub take: u32,
    /// The creator's labels, trimmed and lower-cased, sorted.
    pub tags: Vec<String>,
    /// The creator's short note on this clip.
    pub note: Option<String>,
    /// Poster frame, relative to the library's media folder (served like `media_path`).
    pub poster_path: Option<String>,
    /// When it should be done, while it is waiting, queued or generating; else `None`.
    pub eta: Option<Eta>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct RunView {
    pub run_id: String,
    pub prompt: String,
    pub params: CanonicalParams,
    /// RFC 3339 creation time.
    pub created_at: String,
    #[specta(type = JsNumber)]
    pub estimated_cost_usd: f64,
    pub demo: bool,
    /// The run this one re-ran (its previous version in an iteration).
    pub parent_run_id: Option<String>,
    /// The take the creator picked as the run's best.
    pub winner_clip_id: Option<String>,
    pub clips: Vec<ClipView>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct RunSummary {
    pub run_id: String,
    pub prompt: String,
    pub created_at: String,
    pub models: Vec<String>,
    pub clip_count: u32,
    pub succeeded: u32,
    pub failed: u32,
    pub running: u32,
    #[specta(type = JsNumber)]
    pub estimated_cost_usd: f64,
    /// Cost of the delivered clips: `cost_billed_usd` (reported by providers) plus
    /// `cost_estimated_usd` (catalog estimates for clips whose route reported no charge).
    #[specta(type = JsNumber)]
    pub cost_usd: f64,
    #[specta(type = JsNumber)]
    pub cost_billed_usd: f64,
    #[specta(type = JsNumber)]
    pub cost_estimated_usd: f64,
    pub demo: bool,
    /// The highest star rating any clip of the run has.
    pub best_rating: Option<u8>,
    pub parent_run_id: Option<String>,
    pub winner_clip_id: Option<String>,
}

/// Filters for browsing the library; absent fields match everything. Clip filters (model,
/// route, status, stars, tag, board) select runs having one live clip that passes them all.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
pub struct LibraryQuery {
    /// Words that must all appear in the prompt, or all in one clip's tags and note; case
    /// and accents ignored, punctuation is not syntax, the last word is also a prefix.
    #[serde(default)]
    #[specta(optional)]
    pub text: Option<String>,
    /// `id` or `id@route`: runs with a clip of that model.
    #[serde(default)]
    #[specta(optional)]
    pub model: Option<String>,
    /// Runs with a clip rated at least this many stars.
    #[serde(default)]
    #[specta(optional)]
    pub min_rating: Option<u8>,
    #[serde(default)]
    #[specta(optional)]
    pub limit: Option<u32>,
    /// A route slug (`fal`, `openai`, ...).
    #[serde(default)]
    #[specta(optional)]
    pub route: Option<String>,
    /// A clip status (`succeeded`, `failed`, ...).
    #[serde(default)]
    #[specta(optional)]
    pub status: Option<String>,
    /// A clip tag (matched trimmed and lower-cased).
    #[serde(default)]
    #[specta(optional)]
    pub tag: Option<String>,
    /// A board, by name (any case) or id.
    #[serde(default)]
    #[specta(optional)]
    pub board: Option<String>,
    /// Created on or after this UTC day, `YYYY-MM-DD`.
    #[serde(default)]
    #[specta(optional)]
    pub since: Option<String>,
    /// Created on or before this UTC day, `YYYY-MM-DD`.
    #[serde(default)]
    #[specta(optional)]
    pub until: Option<String>,
    /// At most this many US dollars (a run: its clips' cost, delivered or estimated).
    #[serde(default)]
    #[specta(optional)]
    #[specta(type = Option<JsNumber>)]
    pub max_cost_usd: Option<f64>,
    /// The `next_cursor` of the previous page; absent for the first page.
    #[serde(default)]
    #[specta(optional)]
    pub cursor: Option<String>,
}

/// One page of runs, newest first; `next_cursor` is `None` on the last page.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct RunPage {
    pub runs: Vec<RunSummary>,
    pub next_cursor: Option<String>,
}

/// A clip as the library grid shows it: the clip (with its tags) and its run's context.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct LibraryClip {
    pub clip: ClipView,
    pub prompt: String,
    /// The run's RFC 3339 creation time.
    pub created_at: String,
    pub params: CanonicalParams,
    pub parent_run_id: Option<String>,
    /// This clip is its run's winner.
    pub winner: bool,
}

/// One page of clips, newest first; `next_cursor` is `None` on the last page.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ClipPage {
    pub clips: Vec<LibraryClip>,
    pub next_cursor: Option<String>,
}

/// How one model+route has done in this library: the numbers to choose a model by.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ModelStats {
    pub model: String,
    pub model_name: String,
    pub route: RouteId,
    /// Clips that reached an end, and how many of those delivered a video.
    pub clips: u32,
    pub succeeded: u32,
    /// Submit → file on disk, over delivered clips (milliseconds).
    pub p50_total_ms: Option<i64>,
    pub p95_total_ms: Option<i64>,
    pub p50_queued_ms: Option<i64>,
    /// Mean attributed cost of a delivered clip, and per second of video.
    #[specta(type = Option<JsNumber>)]
    pub mean_cost_usd: Option<f64>,
    #[specta(type = Option<JsNumber>)]
    pub usd_per_video_second: Option<f64>,
    /// The share (0–1) of those clips' summed cost that providers reported as billed; the
    /// rest is catalog estimates. `None` when no delivered clip has a cost.
    #[specta(type = Option<JsNumber>)]
    pub billed_share: Option<f64>,
    /// Mean stars over rated clips, and how many were rated.
    #[specta(type = Option<JsNumber>)]
    pub mean_rating: Option<f64>,
    pub rated: u32,
}

/// Which side of a blind A/B comparison was better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum VoteWinner {
    Left,
    Right,
    Tie,
}

impl VoteWinner {
    pub fn as_str(self) -> &'static str {
        match self {
            VoteWinner::Left => "left",
            VoteWinner::Right => "right",
            VoteWinner::Tie => "tie",
        }
    }
}

/// A blind vote between two finished clips of one run, on one criterion.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct VoteRequest {
    pub left_clip_id: String,
    pub right_clip_id: String,
    pub winner: VoteWinner,
    /// One of `CRITERIA` ("overall", "prompt", "motion", "look", "audio").
    pub criterion: String,
}

/// A model+route on the personal leaderboard: a Bradley–Terry fit over blind votes.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct LeaderRow {
    pub model: String,
    pub model_name: String,
    /// As stored with the vote (a route unknown to this build is shown, not renamed).
    pub route: String,
    /// Bradley–Terry strength on the Elo scale (1000 = even with the prior's anchor).
    #[specta(type = JsNumber)]
    pub rating: f64,
    /// The 95 % interval from refitting on resampled votes: overlapping intervals mean the
    /// votes do not yet say which of two models is better.
    #[specta(type = JsNumber)]
    pub rating_low: f64,
    #[specta(type = JsNumber)]
    pub rating_high: f64,
    pub wins: u32,
    pub losses: u32,
    pub ties: u32,
    /// Votes this model+route took part in (wins + losses + ties).
    pub votes: u32,
    /// Fewer votes than `engine::PRELIMINARY_BELOW_VOTES`: the rating can still move a lot,
    /// and the row is listed after the settled ones.
    pub preliminary: bool,
}

/// One model with every route it can be reached through.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ModelInfo {
    pub id: String,
    pub name: String,
    pub family: String,
    pub vendor: String,
    pub summary: String,
    pub routes: Vec<RouteInfo>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct RouteInfo {
    pub route: RouteId,
    pub endpoint: String,
    pub lifecycle: Lifecycle,
    pub durations: Vec<u32>,
    pub default_duration: u32,
    pub aspects: Vec<String>,
    pub default_aspect: String,
    pub resolutions: Vec<String>,
    pub default_resolution: String,
    pub audio: Vec<bool>,
    pub default_audio: bool,
    pub negative_prompt: bool,
    pub seed: bool,
    pub price: PriceSpec,
    /// Price per second at the route's default values, for the picker.
    #[specta(type = JsNumber)]
    pub usd_per_second: f64,
    /// Whether a key for this route is available (always true in demo mode).
    pub key_available: bool,
    /// The price is the creator's own override, not the shipped one.
    pub price_overridden: bool,
    /// Takes a start image (image-to-video) / an end image.
    pub start_image: bool,
    pub end_image: bool,
    /// Runs only from a start image.
    pub requires_image: bool,
    /// Aspect ratios an input image must be near (else crop is offered); empty = any.
    pub image_aspects: Vec<String>,
    /// Allowed `[min, max]` cfg scale, when the route has one.
    #[specta(type = Option<Vec<JsNumber>>)]
    pub cfg_scale: Option<Vec<f64>>,
    /// Shots a multi-shot list may have; 0 = no multi-shot input.
    pub max_shots: u32,
    /// How a shot list reaches this route (`catalog/shots.toml`).
    pub shot_template: ShotTemplateInfo,
    /// The route can stop a job it has accepted (some only while it is queued).
    pub cancel: bool,
    /// A finished clip can be remixed with a new prompt.
    pub remix: bool,
    /// A finished clip can be extended (the route's documented extend endpoint).
    #[serde(default)]
    #[specta(optional)]
    pub extend: Option<ExtendInfo>,
    /// How the route takes elements (`@Element1`…); absent = it takes none (a parity note).
    #[serde(default)]
    #[specta(optional)]
    pub elements: Option<ElementsInfo>,
    /// The route's motion control (a reference video's motion on the start image); absent =
    /// none (a parity note).
    #[serde(default)]
    #[specta(optional)]
    pub motion: Option<MotionInfo>,
    /// The route reports what it charged for a clip; otherwise its costs are estimates.
    pub reports_charge: bool,
    /// Where the billed cost comes from, or why the route's costs are estimates.
    pub charge_note: String,
}

/// A local image brought into the library for image-to-video.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ImportedImage {
    /// Where it now lives (`<data dir>/inputs/...`); pass as `start_image` / `end_image`.
    pub path: String,
    pub format: String,
    pub width: u32,
    pub height: u32,
}

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
