//! A run: one prompt sent to several models, in full (with its clips) or as a library row.

use serde::{Deserialize, Serialize};
use specta::Type;

use super::ClipView;
use crate::catalog::CanonicalParams;
use crate::js::JsNumber;

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
