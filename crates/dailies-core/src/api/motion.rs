//! Motion control across the CLI and IPC: what a route's `[route.motion]` offers, for the
//! composer (offered only where a picked model has it) and the UI's fake planner.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::catalog::{MotionSpec, PriceSpec};

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct MotionInfo {
    /// The motion-control endpoint.
    pub endpoint: String,
    /// Shortest reference video, seconds.
    pub min_seconds: u32,
    /// Longest reference with the character keeping the still's orientation.
    pub max_seconds_image: u32,
    /// Longest reference with the character keeping the video's orientation.
    pub max_seconds_video: u32,
    /// Per second of output (as long as the reference).
    pub price: PriceSpec,
    /// Where the endpoint is documented.
    pub source: String,
    #[serde(default)]
    #[specta(optional)]
    pub note: Option<String>,
}

impl From<&MotionSpec> for MotionInfo {
    fn from(m: &MotionSpec) -> Self {
        MotionInfo {
            endpoint: m.endpoint.clone(),
            min_seconds: m.min_seconds,
            max_seconds_image: m.max_seconds_image,
            max_seconds_video: m.max_seconds_video,
            price: m.price.clone(),
            source: m.source.clone(),
            note: m.note.clone(),
        }
    }
}

/// A reference video brought into the library for motion control.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ImportedVideo {
    /// Where it now lives (`<data dir>/inputs/...`); pass as `CanonicalParams.motion.video`.
    pub path: String,
    pub width: u32,
    pub height: u32,
    #[specta(type = crate::js::JsNumber)]
    pub duration_s: f64,
}
