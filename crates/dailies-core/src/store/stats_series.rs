//! The rows the Stats view's charts are made from, aggregated in SQLite so a library of
//! 100k clips answers with a few hundred rows. Only clips that were sent count (a clip
//! refused before sending says nothing about a model or a bill); trashed clips never do.

use futures::TryStreamExt;

use super::Store;
use crate::api::StatsBucket;
use crate::error::Result;

/// One route's spend in one bucket.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SpendRow {
    pub bucket: String,
    pub route: String,
    pub billed_usd: f64,
    pub estimated_usd: f64,
}

/// One model+route's ended clips in one bucket.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ModelBucketRow {
    pub model: String,
    pub model_name: String,
    pub route: String,
    pub bucket: String,
    pub clips: i64,
    pub succeeded: i64,
    pub p50_total_ms: Option<i64>,
    pub p95_total_ms: Option<i64>,
    /// Summed cost of delivered clips that have one, and the seconds of video they hold.
    pub delivered_cost_usd: Option<f64>,
    pub delivered_seconds: Option<f64>,
}

/// The local calendar day a clip was sent (SQLite's `localtime` is the system zone, as
/// the budgets' periods are), or the Monday that starts its week.
fn bucket_sql(bucket: StatsBucket) -> &'static str {
    match bucket {
        StatsBucket::Day => "date(submitted_at_ms / 1000, 'unixepoch', 'localtime')",
        StatsBucket::Week => "date(submitted_at_ms / 1000, 'unixepoch', 'localtime', '-6 days', 'weekday 1')",
    }
}

/// Clips sent in range, live, demo only when asked (binds: since, include_demo).
pub(super) const SENT_LIVE: &str = "submitted_at_ms >= ? AND deleted_at_ms IS NULL AND (demo = 0 OR ?)";

impl Store {
    /// Spend per bucket and route, the way budgets count it: every sent clip at its billed
    /// cost where the provider reported one, else its attributed cost or estimate.
    pub async fn spend_series(
        &self,
        bucket: StatsBucket,
        since_ms: Option<i64>,
        include_demo: bool,
    ) -> Result<Vec<SpendRow>> {
        let sql = format!(
            "SELECT {b} AS bucket, route, \
             coalesce(sum(CASE WHEN billed_cost_usd IS NOT NULL THEN coalesce(cost_usd, billed_cost_usd) END), 0.0) AS billed_usd, \
             coalesce(sum(CASE WHEN billed_cost_usd IS NULL THEN coalesce(cost_usd, estimated_cost_usd) END), 0.0) AS estimated_usd \
             FROM clips WHERE {SENT_LIVE} GROUP BY 1, route ORDER BY 1, route",
            b = bucket_sql(bucket)
        );
        Ok(sqlx::query_as::<_, SpendRow>(&sql)
            .bind(since_ms.unwrap_or(i64::MIN))
            .bind(include_demo)
            .fetch_all(self.pool())
            .await?)
    }

    /// Per model+route and bucket: ended clips, delivered ones, nearest-rank p50/p95 of
    /// submit → file on disk, and what delivered video cost per second.
    pub async fn model_series(
        &self,
        bucket: StatsBucket,
        since_ms: Option<i64>,
        include_demo: bool,
    ) -> Result<Vec<ModelBucketRow>> {
        // Percentiles in SQL need a window function, whose per-partition sort costs ~5×
        // more than streaming the sorted clips once and ranking each group here.
        let sql = format!(
            "SELECT model, model_name, route, {b} AS bucket, status = 'succeeded' AS delivered, \
             CASE WHEN status = 'succeeded' THEN downloaded_at_ms - submitted_at_ms END AS total_ms, cost_usd, duration_s \
             FROM clips WHERE {SENT_LIVE} AND status IN ('succeeded', 'failed', 'canceled', 'unknown') \
             ORDER BY model, route, bucket",
            b = bucket_sql(bucket)
        );
        let mut clips = sqlx::query_as::<_, EndedClip>(&sql)
            .bind(since_ms.unwrap_or(i64::MIN))
            .bind(include_demo)
            .fetch(self.pool());
        let mut rows: Vec<ModelBucketRow> = Vec::new();
        let mut totals: Vec<i64> = Vec::new();
        while let Some(clip) = clips.try_next().await? {
            let same = rows
                .last()
                .is_some_and(|r| (&r.model, &r.route, &r.bucket) == (&clip.model, &clip.route, &clip.bucket));
            if !same {
                close(rows.last_mut(), &mut totals);
                rows.push(ModelBucketRow::empty(&clip));
            }
            let row = rows.last_mut().expect("pushed above");
            row.clips += 1;
            if clip.delivered {
                row.succeeded += 1;
                totals.extend(clip.total_ms);
                if let Some(cost) = clip.cost_usd {
                    *row.delivered_cost_usd.get_or_insert(0.0) += cost;
                    *row.delivered_seconds.get_or_insert(0.0) += clip.duration_s.unwrap_or(0.0);
                }
            }
        }
        close(rows.last_mut(), &mut totals);
        Ok(rows)
    }
}

/// One ended clip as the per-model series read it.
#[derive(sqlx::FromRow)]
struct EndedClip {
    model: String,
    model_name: String,
    route: String,
    bucket: String,
    delivered: bool,
    total_ms: Option<i64>,
    cost_usd: Option<f64>,
    duration_s: Option<f64>,
}

impl ModelBucketRow {
    fn empty(clip: &EndedClip) -> Self {
        ModelBucketRow {
            model: clip.model.clone(),
            model_name: clip.model_name.clone(),
            route: clip.route.clone(),
            bucket: clip.bucket.clone(),
            clips: 0,
            succeeded: 0,
            p50_total_ms: None,
            p95_total_ms: None,
            delivered_cost_usd: None,
            delivered_seconds: None,
        }
    }
}

/// Sets a finished group's percentiles from its delivered totals, and empties them.
fn close(row: Option<&mut ModelBucketRow>, totals: &mut Vec<i64>) {
    if let Some(row) = row {
        totals.sort_unstable();
        row.p50_total_ms = nearest_rank(totals, 50);
        row.p95_total_ms = nearest_rank(totals, 95);
    }
    totals.clear();
}

/// The smallest of `sorted` with at least `p` % of the values at or below it.
fn nearest_rank(sorted: &[i64], p: usize) -> Option<i64> {
    let rank = (p * sorted.len()).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}
