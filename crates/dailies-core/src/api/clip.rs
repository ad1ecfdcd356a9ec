//! One clip as the UI and the CLI see it: its status, phase latencies, cost and its kind,
//! the failure worded for a creator, and what a cancel did.

use serde::{Deserialize, Serialize};
use specta::Type;

use super::{ContinueKind, Eta};
use crate::catalog::{ParityNote, ResolvedParams};
use crate::js::JsNumber;

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

/// What a cancel did, worded for the creator.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct CancelOutcome {
    pub clip: ClipView,
    /// "Canceled before it was sent: nothing was charged.", "Cancel sent to Replicate; ..."
    pub message: String,
}
