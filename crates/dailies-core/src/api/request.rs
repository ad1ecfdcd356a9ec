//! What a creator asks for and what the plan makes of it: the comparison request, the priced
//! plan of clips before anything is persisted or sent, a remix request, an imported image.

use serde::{Deserialize, Serialize};
use specta::Type;

use super::ContinueKind;
use crate::catalog::{CanonicalParams, Lifecycle, ParityNote, ResolvedParams, RouteId};
use crate::js::JsNumber;

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

/// A local image brought into the library for image-to-video.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ImportedImage {
    /// Where it now lives (`<data dir>/inputs/...`); pass as `start_image` / `end_image`.
    pub path: String,
    pub format: String,
    pub width: u32,
    pub height: u32,
}
