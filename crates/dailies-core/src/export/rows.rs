//! One flat row per clip: the CSV's lines and the JSON's `rows`.

use serde::Serialize;

use crate::api::{ClipView, CostKind, RunView};

/// Column order is the CSV header; scripts read these names.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ExportRow {
    pub run_id: String,
    pub clip_id: String,
    pub prompt: String,
    pub model: String,
    pub route: String,
    pub take: u32,
    pub status: &'static str,
    pub cost_usd: Option<f64>,
    pub cost_kind: Option<CostKind>,
    pub latency_queued_ms: Option<i64>,
    pub latency_generating_ms: Option<i64>,
    pub latency_downloading_ms: Option<i64>,
    pub latency_total_ms: Option<i64>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub duration_s: Option<f64>,
    pub has_audio: Option<bool>,
    pub rating: Option<u8>,
    /// Sorted, joined with `; `.
    pub tags: String,
    /// Absolute path of the clip's file.
    pub file: Option<String>,
    pub model_name: String,
    pub winner: bool,
    /// Each note's wording ("asked 10 s → ran 12 s"), joined with `; `.
    pub parity_notes: String,
    pub note: Option<String>,
    pub error: Option<String>,
    /// Relative to the library's media folder.
    pub poster: Option<String>,
}

pub fn of_run(run: &RunView) -> Vec<ExportRow> {
    run.clips.iter().map(|c| of_clip(run, c)).collect()
}

fn of_clip(run: &RunView, c: &ClipView) -> ExportRow {
    ExportRow {
        run_id: run.run_id.clone(),
        clip_id: c.id.clone(),
        prompt: run.prompt.clone(),
        model: c.model.clone(),
        route: c.route.clone(),
        take: c.take,
        status: c.status.as_str(),
        cost_usd: c.cost_usd,
        cost_kind: c.cost_kind,
        latency_queued_ms: c.latency_ms.queued,
        latency_generating_ms: c.latency_ms.generating,
        latency_downloading_ms: c.latency_ms.downloading,
        latency_total_ms: c.latency_ms.total,
        width: c.width,
        height: c.height,
        duration_s: c.duration_s,
        has_audio: c.has_audio,
        rating: c.rating,
        tags: c.tags.join("; "),
        file: c.file.clone(),
        model_name: c.model_name.clone(),
        winner: run.winner_clip_id.as_deref() == Some(c.id.as_str()),
        parity_notes: c.parity.iter().map(|p| p.message.as_str()).collect::<Vec<_>>().join("; "),
        note: c.note.clone(),
        error: c.error.as_ref().map(|e| e.message.clone()),
        poster: c.poster_path.clone(),
    }
}
