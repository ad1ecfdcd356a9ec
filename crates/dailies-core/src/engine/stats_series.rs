//! The Stats view's charts: spend per bucket and route (billed apart from estimated), and
//! per model+route its latency, success rate and price per second of video over time.

use std::collections::BTreeSet;

use super::Studio;
use crate::api::{ModelPoint, ModelSeries, SpendPoint, StatsSeries, StatsSeriesQuery};
use crate::error::Result;
use crate::store::{ModelBucketRow, SpendRow};

impl Studio {
    pub async fn stats_series(&self, query: &StatsSeriesQuery) -> Result<StatsSeries> {
        let (bucket, since, demo) = (query.bucket, query.since_ms, query.include_demo);
        let spend = self.store().spend_series(bucket, since, demo).await?;
        let models = self.store().model_series(bucket, since, demo).await?;
        Ok(StatsSeries { bucket, ..shape(spend, models) })
    }
}

/// Rounds money to a tenth of a cent, as the per-model statistics do.
fn mills(usd: f64) -> f64 {
    (usd * 1000.0).round() / 1000.0
}

fn per_second(cost: Option<f64>, seconds: Option<f64>) -> Option<f64> {
    let seconds = seconds.filter(|s| *s > 0.0)?;
    Some(mills(cost.unwrap_or(0.0) / seconds))
}

fn count(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

/// Groups the store's rows (sorted by model, route, bucket) into one series per model+route.
fn shape(spend: Vec<SpendRow>, rows: Vec<ModelBucketRow>) -> StatsSeries {
    let mut buckets: BTreeSet<String> = spend.iter().map(|s| s.bucket.clone()).collect();
    buckets.extend(rows.iter().map(|r| r.bucket.clone()));
    let models = rows.chunk_by(|a, b| (&a.model, &a.route) == (&b.model, &b.route)).map(series_of).collect();
    StatsSeries {
        bucket: Default::default(),
        buckets: buckets.into_iter().collect(),
        spend: spend
            .into_iter()
            .map(|s| SpendPoint {
                bucket: s.bucket,
                route: s.route,
                billed_usd: mills(s.billed_usd),
                estimated_usd: mills(s.estimated_usd),
            })
            .collect(),
        models,
    }
}

/// One model+route's rows, oldest bucket first (never empty: made by `chunk_by`).
fn series_of(rows: &[ModelBucketRow]) -> ModelSeries {
    let sum = |f: fn(&ModelBucketRow) -> Option<f64>| rows.iter().filter_map(f).sum::<f64>();
    ModelSeries {
        model: rows[0].model.clone(),
        model_name: rows[0].model_name.clone(),
        route: rows[0].route.clone(),
        clips: count(rows.iter().map(|r| r.clips).sum()),
        succeeded: count(rows.iter().map(|r| r.succeeded).sum()),
        usd_per_video_second: per_second(Some(sum(|r| r.delivered_cost_usd)), Some(sum(|r| r.delivered_seconds))),
        points: rows
            .iter()
            .map(|r| ModelPoint {
                bucket: r.bucket.clone(),
                clips: count(r.clips),
                succeeded: count(r.succeeded),
                p50_total_ms: r.p50_total_ms,
                p95_total_ms: r.p95_total_ms,
                usd_per_video_second: per_second(r.delivered_cost_usd, r.delivered_seconds),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(route: &str, bucket: &str, cost: f64, seconds: f64) -> ModelBucketRow {
        ModelBucketRow {
            model: "sora-2".into(),
            model_name: "Sora 2".into(),
            route: route.into(),
            bucket: bucket.into(),
            clips: 2,
            succeeded: 1,
            p50_total_ms: Some(1),
            p95_total_ms: Some(2),
            delivered_cost_usd: Some(cost),
            delivered_seconds: Some(seconds),
        }
    }

    #[test]
    fn one_series_per_model_route_with_its_whole_range_price_per_second() {
        let rows = vec![
            row("fal", "2026-12-01", 1.0, 10.0),
            row("fal", "2026-12-03", 3.0, 10.0),
            row("openai", "2026-12-02", 1.2, 12.0),
        ];
        let spend = vec![SpendRow {
            bucket: "2026-11-30".into(),
            route: "fal".into(),
            billed_usd: 0.0,
            estimated_usd: 0.12345,
        }];
        let s = shape(spend, rows.clone());
        assert_eq!(s.buckets, ["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03"]);
        assert_eq!(s.spend[0].estimated_usd, mills(0.12345));
        assert_eq!(s.models.len(), 2);
        let fal = &s.models[0];
        assert_eq!((fal.clips, fal.succeeded, fal.points.len()), (4, 2, 2));
        let (cost, seconds) = (rows[0].delivered_cost_usd.unwrap() + rows[1].delivered_cost_usd.unwrap(), 20.0);
        assert_eq!(fal.usd_per_video_second, Some(mills(cost / seconds)), "summed, not a mean of the buckets' rates");
        assert_eq!(fal.points[1].usd_per_video_second, Some(mills(3.0 / 10.0)));
        assert_eq!(per_second(None, Some(0.0)), None, "no seconds of video, no rate");
    }
}
