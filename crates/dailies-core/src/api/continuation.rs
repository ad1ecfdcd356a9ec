//! Types of the "continue a clip" model shared by remix and extend: a new one-clip run made
//! from a finished clip, linked to it (`remix_of`) and to its run (`parent_run_id`).

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::js::JsNumber;

/// How a clip continues its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ContinueKind {
    /// The source re-made with a new prompt (OpenAI `POST /videos/{id}/remix`).
    Remix,
    /// New footage after the source (fal `…/extend-video`, Veo's `video` input, Luma keyframes).
    Extend,
}

impl ContinueKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ContinueKind::Remix => "remix",
            ContinueKind::Extend => "extend",
        }
    }

    pub fn parse(s: &str) -> Option<ContinueKind> {
        [ContinueKind::Remix, ContinueKind::Extend].into_iter().find(|k| k.as_str() == s)
    }
}

/// Extend a finished clip, where its route documents an extend endpoint.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
pub struct ExtendRequest {
    /// The source clip's id, or a unique prefix of it.
    pub clip_id: String,
    /// What happens next; `None` or blank keeps the source's prompt.
    #[serde(default)]
    #[specta(optional)]
    pub prompt: Option<String>,
    /// Seconds to add; `None` takes the route's default extension.
    #[serde(default)]
    #[specta(optional)]
    pub duration_s: Option<u32>,
    #[serde(default)]
    #[specta(optional)]
    #[specta(type = Option<JsNumber>)]
    pub max_cost_usd: Option<f64>,
}

/// What a route's extend endpoint takes, for the picker, the tile and the CLI.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ExtendInfo {
    pub endpoint: String,
    /// Seconds an extension may add.
    pub durations: Vec<u32>,
    pub default_duration: u32,
    #[specta(type = JsNumber)]
    pub usd_per_second: f64,
    /// Where the endpoint is documented.
    pub source: String,
}
