//! Canonical parameters: what a comparison asks every model for, before any route mapping.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::js::JsNumber;

/// Aspect ratios a creator may ask for. Routes allow a subset; the rest is parity.
pub const CANONICAL_ASPECTS: &[&str] = &["21:9", "16:9", "4:3", "1:1", "3:4", "9:16"];

/// Resolutions a creator may ask for, by label. `1024p` is Sora's 1792x1024 tier.
pub const CANONICAL_RESOLUTIONS: &[&str] = &["480p", "512p", "540p", "720p", "768p", "1024p", "1080p", "1440p", "4k"];

/// The same values asked of every model in a comparison. `None` means "the model's default".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct CanonicalParams {
    pub prompt: String,
    #[specta(optional)]
    pub negative_prompt: Option<String>,
    #[specta(optional)]
    pub duration_s: Option<u32>,
    #[specta(optional)]
    pub aspect: Option<String>,
    #[specta(optional)]
    pub resolution: Option<String>,
    #[specta(optional)]
    pub audio: Option<bool>,
    #[specta(optional)]
    pub seed: Option<i64>,
    #[specta(optional)]
    #[specta(type = Option<JsNumber>)]
    pub cfg_scale: Option<f64>,
    /// Multi-shot list; when given, its durations add up to the clip's duration.
    #[specta(optional)]
    pub shots: Option<Vec<Shot>>,
    /// Local image file for the first frame (image-to-video).
    #[specta(optional)]
    pub start_image: Option<String>,
    /// Local image file for the last frame, where a route supports one.
    #[specta(optional)]
    pub end_image: Option<String>,
    /// Characters or objects bound to `@Element1`, `@Element2`… in the prompt, in that order
    /// (fal's Kling `elements`; other routes get a parity note or the images as references).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[specta(optional)]
    pub elements: Vec<Element>,
    /// Per-model exceptions to the values above (one model of the run gets another duration,
    /// prompt, ...). Kept with the run's parameters, so a re-run or a recall keeps them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[specta(optional)]
    pub overrides: Vec<ModelOverride>,
    /// Motion control: the start image's character performs this reference video's motion
    /// (Kling's motion control on fal; other routes get a parity note).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    pub motion: Option<super::motion::MotionInput>,
}

/// Values one model of a run gets instead of the run's own. Only the canonical fields a
/// creator tunes per model are overridable; the rest stays shared so the clips stay comparable.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct ModelOverride {
    /// A model id (every route of it in the run) or `id@route`, as in the run's models.
    pub model: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    pub prompt: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    pub negative_prompt: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    pub seed: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    #[specta(type = Option<JsNumber>)]
    pub cfg_scale: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    pub duration_s: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    pub audio: Option<bool>,
}

/// One element: a frontal image and up to three other views of the same character or
/// object, as local files (a library element's copies, or any image files).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct Element {
    /// The library element's name, when it came from the library.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    pub name: Option<String>,
    pub frontal_image: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[specta(optional)]
    pub reference_images: Vec<String>,
}

/// One shot of a multi-shot generation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Shot {
    pub prompt: String,
    pub duration_s: u32,
}

/// The values one model+route actually runs with, after parity adjustment.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct ResolvedParams {
    pub prompt: String,
    #[specta(optional)]
    pub negative_prompt: Option<String>,
    pub duration_s: u32,
    pub aspect: String,
    pub resolution: String,
    pub audio: bool,
    #[specta(optional)]
    pub seed: Option<i64>,
    #[serde(default)]
    #[specta(optional)]
    #[specta(type = Option<JsNumber>)]
    pub cfg_scale: Option<f64>,
    #[serde(default)]
    #[specta(optional)]
    pub shots: Option<Vec<Shot>>,
    #[serde(default)]
    #[specta(optional)]
    pub start_image: Option<String>,
    #[serde(default)]
    #[specta(optional)]
    pub end_image: Option<String>,
    /// The elements this clip is sent with (empty where the route takes none: see its notes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[specta(optional)]
    pub elements: Vec<Element>,
    /// The canonical fields this clip ran with from a per-model override, as the CLI spells
    /// them (`prompt`, `negative`, `seed`, `cfg`, `duration`, `audio`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[specta(optional)]
    pub overridden: Vec<String>,
    /// The reference video this clip is sent with as motion control (none where the route
    /// has no motion control: see its notes); its length is the clip's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    pub motion: Option<super::motion::MotionInput>,
}

impl ResolvedParams {
    /// Route defaults for everything, for pricing the picker and validating the catalog.
    pub fn defaults(spec: &super::schema::ParamSpec) -> ResolvedParams {
        ResolvedParams {
            prompt: String::new(),
            negative_prompt: None,
            duration_s: spec.default_duration,
            aspect: spec.default_aspect.clone(),
            resolution: spec.default_resolution.clone(),
            audio: spec.default_audio,
            seed: None,
            cfg_scale: None,
            shots: None,
            start_image: None,
            end_image: None,
            elements: Vec::new(),
            overridden: Vec::new(),
            motion: None,
        }
    }
}

/// One place where a model could not honour the canonical value exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ParityNote {
    /// Canonical parameter name as the CLI spells it (`duration`, `aspect`, ...).
    pub param: String,
    pub asked: String,
    pub ran: String,
    /// Human wording shown on the tile: "asked 10 s → ran 12 s".
    pub message: String,
}

/// Vertical pixel count of a resolution label, for "nearest" comparisons.
pub fn resolution_rank(label: &str) -> Option<u32> {
    let l = label.to_ascii_lowercase();
    if l == "4k" {
        return Some(2160);
    }
    l.strip_suffix('p')?.parse().ok()
}

/// Width / height of an aspect label such as `16:9`.
pub fn aspect_ratio(label: &str) -> Option<f64> {
    let (w, h) = label.split_once(':')?;
    let (w, h): (f64, f64) = (w.trim().parse().ok()?, h.trim().parse().ok()?);
    (w > 0.0 && h > 0.0).then_some(w / h)
}
