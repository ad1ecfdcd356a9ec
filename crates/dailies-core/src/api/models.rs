//! The catalog as the model picker sees it: each model with every route it is reached through,
//! what each route accepts and costs.

use serde::{Deserialize, Serialize};
use specta::Type;

use super::{ElementsInfo, ExtendInfo, MotionInfo};
use crate::catalog::{Lifecycle, PriceSpec, RouteId};
use crate::js::JsNumber;

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
