//! Statistics for choosing a model: per model+route totals over the library, and over time for
//! the Stats view's charts (spend per bucket and route, and per model+route how fast, how
//! reliably and at what price per second it delivered).

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::catalog::RouteId;
use crate::js::JsNumber;

/// How long one point of a series covers: a local calendar day or a week starting Monday.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum StatsBucket {
    #[default]
    Day,
    Week,
}

/// Which clips the series are made from.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
pub struct StatsSeriesQuery {
    /// Demo clips have simulated timings and costs: counted only when asked.
    pub include_demo: bool,
    #[serde(default)]
    pub bucket: StatsBucket,
    /// Only clips sent at or after this instant (Unix ms); all of them when absent.
    #[serde(default)]
    #[specta(optional)]
    pub since_ms: Option<i64>,
}

/// What one route cost in one bucket, kept apart by where the figure comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct SpendPoint {
    /// The bucket's first local day, `YYYY-MM-DD`.
    pub bucket: String,
    pub route: String,
    /// What the provider reported as charged.
    #[specta(type = JsNumber)]
    pub billed_usd: f64,
    /// The catalog's price for clips whose route reports no charge (or that did not deliver).
    #[specta(type = JsNumber)]
    pub estimated_usd: f64,
}

/// One model+route in one bucket, over the clips that were sent and have ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ModelPoint {
    pub bucket: String,
    pub clips: u32,
    pub succeeded: u32,
    /// Submit → file on disk over delivered clips (nearest-rank, milliseconds).
    pub p50_total_ms: Option<i64>,
    pub p95_total_ms: Option<i64>,
    /// Attributed cost of delivered clips per second of their video.
    #[specta(type = Option<JsNumber>)]
    pub usd_per_video_second: Option<f64>,
}

/// A model+route's points, oldest first, and its figures over the whole range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ModelSeries {
    pub model: String,
    pub model_name: String,
    pub route: String,
    pub points: Vec<ModelPoint>,
    pub clips: u32,
    pub succeeded: u32,
    #[specta(type = Option<JsNumber>)]
    pub usd_per_video_second: Option<f64>,
}

/// Everything the Stats view's charts draw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct StatsSeries {
    pub bucket: StatsBucket,
    /// Every bucket that has a point in any series, oldest first: the charts' shared x axis.
    pub buckets: Vec<String>,
    /// Oldest first, then by route.
    pub spend: Vec<SpendPoint>,
    /// By model, then route.
    pub models: Vec<ModelSeries>,
}

/// How one model+route has done in this library: the numbers to choose a model by.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ModelStats {
    pub model: String,
    pub model_name: String,
    pub route: RouteId,
    /// Clips that reached an end, and how many of those delivered a video.
    pub clips: u32,
    pub succeeded: u32,
    /// Submit → file on disk, over delivered clips (milliseconds).
    pub p50_total_ms: Option<i64>,
    pub p95_total_ms: Option<i64>,
    pub p50_queued_ms: Option<i64>,
    /// Mean attributed cost of a delivered clip, and per second of video.
    #[specta(type = Option<JsNumber>)]
    pub mean_cost_usd: Option<f64>,
    #[specta(type = Option<JsNumber>)]
    pub usd_per_video_second: Option<f64>,
    /// The share (0–1) of those clips' summed cost that providers reported as billed; the
    /// rest is catalog estimates. `None` when no delivered clip has a cost.
    #[specta(type = Option<JsNumber>)]
    pub billed_share: Option<f64>,
    /// Mean stars over rated clips, and how many were rated.
    #[specta(type = Option<JsNumber>)]
    pub mean_rating: Option<f64>,
    pub rated: u32,
}
