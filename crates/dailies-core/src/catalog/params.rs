//! Canonical parameters: what a comparison asks every model for, before any route mapping.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Aspect ratios a creator may ask for. Routes allow a subset; the rest is parity.
pub const CANONICAL_ASPECTS: &[&str] = &["21:9", "16:9", "4:3", "1:1", "3:4", "9:16"];

/// Resolutions a creator may ask for, by label. `1024p` is Sora's 1792x1024 tier.
pub const CANONICAL_RESOLUTIONS: &[&str] = &["480p", "512p", "540p", "720p", "768p", "1024p", "1080p", "1440p", "4k"];

/// The same values asked of every model in a comparison. `None` means "the model's default".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct CanonicalParams {
    pub prompt: String,
    #[ts(optional)]
    pub negative_prompt: Option<String>,
    #[ts(optional)]
    pub duration_s: Option<u32>,
    #[ts(optional)]
    pub aspect: Option<String>,
    #[ts(optional)]
    pub resolution: Option<String>,
    #[ts(optional)]
    pub audio: Option<bool>,
    #[ts(optional)]
    #[ts(type = "number")]
    pub seed: Option<i64>,
}

/// The values one model+route actually runs with, after parity adjustment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ResolvedParams {
    pub prompt: String,
    #[ts(optional)]
    pub negative_prompt: Option<String>,
    pub duration_s: u32,
    pub aspect: String,
    pub resolution: String,
    pub audio: bool,
    #[ts(optional)]
    #[ts(type = "number")]
    pub seed: Option<i64>,
}

/// One place where a model could not honour the canonical value exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
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
