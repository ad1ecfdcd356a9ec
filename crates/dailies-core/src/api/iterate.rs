//! Types of the iteration loop: re-runs, a run's lineage and its prompt's word diff.

use serde::{Deserialize, Serialize};
use specta::Type;

use super::ClipView;
use crate::js::JsNumber;

/// How many takes of each model one run may ask for (`compare --takes N`).
pub const MAX_TAKES: u32 = 8;

/// Run a past run again: all its models, only the ones that did not deliver, chosen ones,
/// and/or with an edited prompt. The new run records the old one as its parent.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
pub struct RerunRequest {
    /// The run to re-run: id or unique id prefix.
    pub run_id: String,
    /// Only the clips that failed, were canceled or ended unknown.
    #[serde(default)]
    pub failed_only: bool,
    /// Only these of the run's models (`id` or `id@route`); empty = every model of the run.
    #[serde(default)]
    pub models: Vec<String>,
    /// A new prompt; `None` keeps the run's own.
    #[serde(default)]
    #[specta(optional)]
    pub prompt: Option<String>,
    #[serde(default)]
    #[specta(optional)]
    #[specta(type = Option<JsNumber>)]
    pub max_cost_usd: Option<f64>,
}

/// One version of a prompt in an iteration (a run and its re-runs).
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct IterationVersion {
    pub run_id: String,
    pub parent_run_id: Option<String>,
    pub prompt: String,
    pub created_at: String,
    /// The creator's pick among the run's clips, if any.
    pub winner: Option<ClipView>,
    pub clip_count: u32,
    pub succeeded: u32,
    /// What the run's delivered clips cost (billed where reported, else estimated).
    #[specta(type = JsNumber)]
    pub cost_usd: f64,
    /// The part of `cost_usd` providers reported as charged (the rest is estimated).
    #[specta(type = JsNumber)]
    pub cost_billed_usd: f64,
    /// Set when this version continues a clip of its parent run (a remix or an extension).
    #[serde(default)]
    #[specta(optional)]
    pub continues: Option<super::ContinueKind>,
}

/// A run's lineage: every ancestor and descendant through `parent_run_id`, oldest first
/// (runs in the trash are left out), with the cost of the whole iteration.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct Iteration {
    pub run_id: String,
    pub versions: Vec<IterationVersion>,
    #[specta(type = JsNumber)]
    pub total_cost_usd: f64,
    /// The part of `total_cost_usd` providers reported as charged (the rest is estimated).
    #[specta(type = JsNumber)]
    pub total_billed_usd: f64,
    /// The run's prompt against its parent's, word by word; empty without a parent.
    pub prompt_diff: Vec<WordChange>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Same,
    Inserted,
    Removed,
}

/// A run of words (with the spaces between them) that is kept, inserted or removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct WordChange {
    pub kind: ChangeKind,
    pub text: String,
}
