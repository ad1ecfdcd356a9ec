//! The catalog's on-disk shape. Everything a model+route needs to be run lives in data
//! (`catalog/*.toml`) so that adding a model on an existing route is a data change only.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::js::JsNumber;

pub use crate::routes::RouteId;

/// Where a model+route stands in its provider's lifecycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Lifecycle {
    pub state: LifecycleState,
    /// Shutdown / retirement date (ISO date) when one is announced.
    #[serde(default)]
    #[specta(optional)]
    pub date: Option<String>,
    #[serde(default)]
    #[specta(optional)]
    pub note: Option<String>,
}

impl Default for Lifecycle {
    fn default() -> Self {
        Lifecycle { state: LifecycleState::Active, date: None, note: None }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "lowercase")]
pub enum LifecycleState {
    Active,
    Deprecated,
    Retired,
}

/// One catalog file: model facts (`[[model]]`), routes (`[[route]]` naming their model),
/// or both.
#[derive(Debug, Clone, Deserialize)]
pub struct CatalogFile {
    #[serde(default, rename = "model")]
    pub models: Vec<ModelEntry>,
    #[serde(default, rename = "route")]
    pub routes: Vec<ModelRoute>,
    /// `[[price]]`: replaces one model+route's price (resellers differ, prices move).
    #[serde(default, rename = "price")]
    pub prices: Vec<PriceOverride>,
    /// `[[lint]]`: prompt advice rules (see `catalog/lint.toml`).
    #[serde(default, rename = "lint")]
    pub lint: Vec<crate::lint::LintRule>,
    /// `[[shot_template]]`: how a shot list reaches each family (see `catalog/shots.toml`).
    #[serde(default, rename = "shot_template")]
    pub shot_templates: Vec<super::shots::ShotTemplate>,
    /// `[[typical]]`: how long a job usually takes on a route (or one model on it), the
    /// ETA's prior until the library has its own history.
    #[serde(default, rename = "typical")]
    pub typical: Vec<TypicalTime>,
}

/// A route's (or one model's) usual job time, with where the figure comes from. The ETA
/// uses it as p50 and `slow_s` as p90 of submit → done until the library has history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct TypicalTime {
    pub route: RouteId,
    /// One model on the route; absent for the route's default.
    #[serde(default)]
    #[specta(optional)]
    pub model: Option<String>,
    /// Seconds waiting in the provider's queue.
    pub queue_s: u32,
    /// Seconds generating, after the queue.
    pub generate_s: u32,
    /// Seconds from submit to done that one job in ten exceeds (the p90 prior).
    pub slow_s: u32,
    pub source: String,
}

/// A creator's own price for one model+route, kept in `<data dir>/catalog.d/`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PriceOverride {
    pub model: String,
    pub route: RouteId,
    #[serde(flatten)]
    pub price: PriceSpec,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ModelEntry {
    pub id: String,
    pub name: String,
    pub family: String,
    pub vendor: String,
    #[serde(default)]
    pub summary: String,
    /// Filled from `[[route]]` entries; a model may also nest `[[model.route]]`.
    #[serde(default, rename = "route")]
    pub routes: Vec<RouteEntry>,
}

/// A `[[route]]` entry: a route plus the id of the model it reaches.
#[derive(Debug, Clone, Deserialize)]
pub struct ModelRoute {
    pub model: String,
    #[serde(flatten)]
    pub entry: RouteEntry,
}

/// One way of reaching a model: the endpoint, what it accepts and what it costs.
#[derive(Debug, Clone, Deserialize)]
pub struct RouteEntry {
    pub route: RouteId,
    /// Route-specific endpoint: a fal endpoint id, an OpenAI model name, a Replicate
    /// `owner/model`, ...
    pub endpoint: String,
    #[serde(default)]
    pub lifecycle: Lifecycle,
    pub params: ParamSpec,
    /// Wire field name -> how its value is produced from canonical parameters.
    pub fields: BTreeMap<String, FieldSpec>,
    /// The endpoint used instead of `endpoint` when a start image is given.
    #[serde(default)]
    pub image_endpoint: Option<String>,
    #[serde(default)]
    pub image: Option<ImageSpec>,
    /// Fields added (or, with `omit`, removed) in image mode.
    #[serde(default)]
    pub image_fields: BTreeMap<String, FieldSpec>,
    /// The model runs only from an image (e.g. Runway gen4_turbo): refused at plan time
    /// without a start image, instead of failing after a request.
    #[serde(default)]
    pub requires_image: bool,
    /// A finished clip can be remixed with a new prompt (OpenAI `POST /videos/{id}/remix`);
    /// the remix keeps the source's length and size.
    #[serde(default)]
    pub remix: bool,
    /// The route's documented extend endpoint (`[route.extend]`); absent = cannot extend.
    #[serde(default)]
    pub extend: Option<super::extend::ExtendSpec>,
    /// How the route takes elements (`@Element1`…); absent = it takes none.
    #[serde(default)]
    pub elements: Option<super::elements::ElementsSpec>,
    /// The route's motion-control endpoint (`[route.motion]`); absent = it has none.
    #[serde(default)]
    pub motion: Option<super::motion::MotionSpec>,
    /// Set when a `[[price]]` override replaced the shipped price.
    #[serde(skip)]
    pub price_overridden: bool,
    pub price: PriceSpec,
}

/// What the model+route accepts, in canonical terms.
#[derive(Debug, Clone, Deserialize)]
pub struct ParamSpec {
    /// Allowed whole-second durations; the first entry of `default_duration` wins otherwise.
    pub durations: Vec<u32>,
    pub default_duration: u32,
    pub aspects: Vec<String>,
    pub default_aspect: String,
    pub resolutions: Vec<String>,
    pub default_resolution: String,
    /// Audio values the route can produce: `[false]`, `[true]` or `[false, true]`.
    pub audio: Vec<bool>,
    pub default_audio: bool,
    #[serde(default)]
    pub negative_prompt: bool,
    #[serde(default)]
    pub seed: bool,
    /// Allowed `[min, max]` for classifier-free guidance; absent when the route has none.
    #[serde(default)]
    pub cfg_scale: Option<[f64; 2]>,
    /// How many shots a multi-shot list may have; 0 when the route has no multi-shot input.
    #[serde(default)]
    pub max_shots: u32,
    /// Values tied to a resolution, e.g. Veo's "1080p and 4k need 8 s".
    #[serde(default)]
    pub couplings: Vec<Coupling>,
}

/// At the listed resolutions only these durations / aspects are allowed.
#[derive(Debug, Clone, Deserialize)]
pub struct Coupling {
    pub resolutions: Vec<String>,
    #[serde(default)]
    pub durations: Option<Vec<u32>>,
    #[serde(default)]
    pub aspects: Option<Vec<String>>,
}

/// Local checks on an input image before anything is sent.
#[derive(Debug, Clone, Deserialize)]
pub struct ImageSpec {
    /// `jpeg`, `png`, `webp`.
    pub formats: Vec<String>,
    pub max_mb: f64,
    /// Aspect ratios the image must be close to; absent when the route takes any.
    #[serde(default)]
    pub aspects: Option<Vec<String>>,
}

/// How one wire field is produced.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum FieldSpec {
    /// A fixed value, e.g. `model = { const = "sora-2-pro" }`.
    Const {
        #[serde(rename = "const")]
        value: serde_json::Value,
    },
    /// A canonical parameter encoded as a wire type, e.g. `{ param = "duration", as = "string" }`.
    Param {
        param: CanonicalParam,
        #[serde(rename = "as", default)]
        encoding: Encoding,
    },
    /// A lookup keyed by several canonical values joined with a space, e.g. OpenAI `size`
    /// from `aspect resolution`: `{ lookup = ["aspect", "resolution"], map = { "16:9 720p" = "1280x720" } }`.
    Lookup { lookup: Vec<CanonicalParam>, map: BTreeMap<String, serde_json::Value> },
    /// An input image, placed by the adapter: `{ image = "start", as = "url" }`.
    Image {
        image: crate::providers::images::ImageRole,
        #[serde(rename = "as")]
        encoding: crate::providers::images::ImageEncoding,
    },
    /// Drops a text-to-video field in image mode: `aspect_ratio = { omit = true }`.
    Omit { omit: bool },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CanonicalParam {
    Prompt,
    NegativePrompt,
    CfgScale,
    /// The multi-shot list as `[{"prompt": .., "duration": ..}]`, durations in the field's encoding.
    Shots,
    Duration,
    Aspect,
    Resolution,
    Audio,
    Seed,
}

/// Wire encodings seen across providers (fal alone uses "5", "8s" and 5 for durations).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    #[default]
    Native,
    /// Integer seconds as a string: `"5"`.
    String,
    /// Integer seconds with an `s` suffix: `"8s"`.
    SecondsSuffix,
    Integer,
    Bool,
}

/// Per-second (or per-clip) price rules with provenance.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct PriceSpec {
    pub rules: Vec<PriceRule>,
    pub source: String,
    pub as_of: String,
    /// Converts a charge the route reports in tokens (BytePlus Ark) to USD, where the
    /// matching rule has no token rate of its own.
    #[serde(default)]
    #[specta(optional)]
    #[specta(type = Option<JsNumber>)]
    pub usd_per_million_tokens: Option<f64>,
    /// Converts a charge the route reports in its own units (Kling units, Runway credits).
    #[serde(default)]
    #[specta(optional)]
    #[specta(type = Option<JsNumber>)]
    pub usd_per_unit: Option<f64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
// Every absent field is `None` (struct-level default); `#[specta(optional)]` tells TypeScript.
#[serde(default)]
pub struct PriceRule {
    /// Applies when every given condition holds; absent conditions match anything.
    #[specta(optional)]
    pub audio: Option<bool>,
    #[specta(optional)]
    pub resolution: Option<String>,
    #[specta(optional)]
    #[specta(type = Option<JsNumber>)]
    pub usd_per_second: Option<f64>,
    #[specta(optional)]
    #[specta(type = Option<JsNumber>)]
    pub usd_per_clip: Option<f64>,
    /// The token rate for these values when it differs from the spec's (Seedance 2.0 bills
    /// 1080p and 4k tokens at other rates than 480p/720p).
    #[specta(optional)]
    #[specta(type = Option<JsNumber>)]
    pub usd_per_million_tokens: Option<f64>,
}
