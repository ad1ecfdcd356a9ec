//! Per-model statistics computed where the rows are: sums and counts per model@route in one
//! grouped scan, and the latency percentiles by ranking inside SQLite (window functions), so
//! only a few rows per model cross into Rust. Fetching every ended clip and ranking in Rust
//! took 1.6 s at 100k clips (release build), almost all of it moving rows out of SQLite.

use super::Store;
use crate::error::Result;

/// What one model@route's ended clips add up to (demo clips only when asked).
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ModelTotals {
    pub model: String,
    pub model_name: String,
    pub route: String,
    /// Clips that reached an end, and how many of those delivered a video.
    pub clips: i64,
    pub succeeded: i64,
    /// Over delivered clips that have a cost: how many, their summed cost, the part of it
    /// providers reported as billed, and the seconds of video it bought.
    pub costed: i64,
    pub cost_usd: f64,
    pub billed_usd: f64,
    pub costed_seconds: f64,
    /// Over every ended clip that has stars.
    pub rated: i64,
    pub mean_rating: Option<f64>,
}

/// Which latency a percentile is of: submit → file on disk, or submit → generation started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Latency {
    Total,
    Queued,
}

/// A value at rank `rank` (1-based, ascending) of `n` delivered clips of one model@route.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct RankedLatency {
    pub model: String,
    pub route: String,
    kind: String,
    pub n: i64,
    pub rank: i64,
    pub ms: i64,
}

impl RankedLatency {
    pub fn latency(&self) -> Latency {
        if self.kind == "queued" {
            Latency::Queued
        } else {
            Latency::Total
        }
    }
}

/// The nearest rank of the `p`th percentile among `n` values (1-based): the smallest rank
/// with at least `p`% of the values at or below it. The SQL below computes the same.
pub fn nearest_rank(p: i64, n: i64) -> i64 {
    ((p * n + 99) / 100).max(1)
}

const ENDED: &str =
    "status IN ('succeeded','failed','canceled','unknown') AND (demo = 0 OR ?1) AND deleted_at_ms IS NULL";

impl Store {
    /// One row per model@route with ended clips, ordered by model then route.
    pub async fn model_totals(&self, include_demo: bool) -> Result<Vec<ModelTotals>> {
        let sql = format!(
            "SELECT model, max(model_name) AS model_name, route, count(*) AS clips, \
               count(CASE WHEN status = 'succeeded' THEN 1 END) AS succeeded, \
               count(CASE WHEN status = 'succeeded' THEN cost_usd END) AS costed, \
               coalesce(sum(CASE WHEN status = 'succeeded' THEN cost_usd END), 0.0) AS cost_usd, \
               coalesce(sum(CASE WHEN status = 'succeeded' AND billed_cost_usd IS NOT NULL THEN cost_usd END), 0.0) \
                 AS billed_usd, \
               coalesce(sum(CASE WHEN status = 'succeeded' AND cost_usd IS NOT NULL THEN duration_s END), 0.0) \
                 AS costed_seconds, \
               count(rating) AS rated, avg(rating) AS mean_rating \
             FROM clips WHERE {ENDED} GROUP BY model, route ORDER BY model, route"
        );
        Ok(sqlx::query_as::<_, ModelTotals>(&sql).bind(include_demo).fetch_all(self.pool()).await?)
    }

    /// The p50 and p95 of submit → file and the p50 of submit → started, per model@route,
    /// over delivered clips: the rows at those nearest ranks (one row when ranks coincide).
    pub async fn latency_percentiles(&self, include_demo: bool) -> Result<Vec<RankedLatency>> {
        let sql = format!(
            "WITH delivered AS (SELECT model, route, submitted_at_ms AS sent, started_at_ms AS started, \
                 downloaded_at_ms AS landed FROM clips WHERE {ENDED} AND status = 'succeeded' \
                 AND submitted_at_ms IS NOT NULL), \
             ranked AS ( \
               SELECT model, route, 'total' AS kind, landed - sent AS ms, \
                 row_number() OVER (PARTITION BY model, route ORDER BY landed - sent) AS rank, \
                 count(*) OVER (PARTITION BY model, route) AS n \
               FROM delivered WHERE landed IS NOT NULL \
               UNION ALL \
               SELECT model, route, 'queued', started - sent, \
                 row_number() OVER (PARTITION BY model, route ORDER BY started - sent), \
                 count(*) OVER (PARTITION BY model, route) \
               FROM delivered WHERE started IS NOT NULL) \
             SELECT model, route, kind, n, rank, ms FROM ranked \
             WHERE rank = (50 * n + 99) / 100 OR (kind = 'total' AND rank = (95 * n + 99) / 100)"
        );
        Ok(sqlx::query_as::<_, RankedLatency>(&sql).bind(include_demo).fetch_all(self.pool()).await?)
    }
}
