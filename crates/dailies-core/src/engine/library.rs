//! Browsing and judging the library: search, star ratings, and per-model statistics
//! (success rate, p50/p95 latency, cost per second of video with its billed share, mean rating).

use super::Studio;
use crate::api::{ClipView, ModelStats};
use crate::catalog::RouteId;
use crate::error::{InputError, Result};
use crate::store::{nearest_rank, Latency, ModelTotals, RankedLatency};

impl Studio {
    /// Rates a clip 1–5 stars (`None` clears it); any clip can be rated, finished or not,
    /// since a failed take can be worth remembering too.
    pub async fn rate_clip(&self, id_or_part: &str, rating: Option<u8>) -> Result<ClipView> {
        if let Some(r) = rating.filter(|r| !(1..=5).contains(r)) {
            return Err(stars_error("rating", r));
        }
        let clip_id = self.store().find_clip_id(id_or_part).await?;
        self.store().set_rating(&clip_id, rating).await?;
        self.publish(&clip_id).await;
        Ok(self.store().clip(&clip_id).await?.into_view())
    }

    /// Per model+route over every clip that ended; demo clips only when asked (their
    /// latency and cost are simulated).
    pub async fn model_stats(&self, include_demo: bool) -> Result<Vec<ModelStats>> {
        let ranked = self.store().latency_percentiles(include_demo).await?;
        let totals = self.store().model_totals(include_demo).await?;
        Ok(totals.iter().filter_map(|t| stats_of(t, &ranked)).collect())
    }
}

fn stars_error(field: &str, value: u8) -> crate::error::Error {
    InputError::InvalidValue {
        field: field.into(),
        value: value.to_string(),
        allowed: (1..=5).map(|n| n.to_string()).collect(),
    }
    .into()
}

fn stats_of(t: &ModelTotals, ranked: &[RankedLatency]) -> Option<ModelStats> {
    let at = |latency: Latency, p: i64| {
        ranked
            .iter()
            .filter(|r| r.model == t.model && r.route == t.route && r.latency() == latency)
            .find(|r| r.rank == nearest_rank(p, r.n))
            .map(|r| r.ms)
    };
    Some(ModelStats {
        model: t.model.clone(),
        model_name: t.model_name.clone(),
        route: RouteId::parse(&t.route)?,
        clips: count(t.clips),
        succeeded: count(t.succeeded),
        p50_total_ms: at(Latency::Total, 50),
        p95_total_ms: at(Latency::Total, 95),
        p50_queued_ms: at(Latency::Queued, 50),
        mean_cost_usd: (t.costed > 0).then(|| round_cents(t.cost_usd / t.costed as f64)),
        usd_per_video_second: (t.costed_seconds > 0.0).then(|| round_cents(t.cost_usd / t.costed_seconds)),
        billed_share: billed_share(t.billed_usd, t.cost_usd),
        mean_rating: t.mean_rating.map(|m| (m * 10.0).round() / 10.0),
        rated: count(t.rated),
    })
}

/// Nearest-rank percentile: the smallest value with at least `p`% of the values at or below it.
pub(super) fn percentile(values: &mut [i64], p: usize) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    // The same rank the store picks inside SQLite for the per-model statistics.
    let rank = nearest_rank(i64::try_from(p).ok()?, i64::try_from(values.len()).ok()?);
    values.get(usize::try_from(rank).ok()? - 1).copied()
}

/// The billed part of a total cost as a share (two decimals); a total of zero (free or
/// no delivered clips) has no meaningful share unless every costed clip was billed.
fn billed_share(billed: f64, total: f64) -> Option<f64> {
    (total > 0.0).then(|| ((billed / total).clamp(0.0, 1.0) * 100.0).round() / 100.0)
}

fn round_cents(usd: f64) -> f64 {
    (usd * 1000.0).round() / 1000.0
}

fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::{percentile, stats_of};
    use crate::store::ModelTotals;

    fn totals(cost_usd: f64, billed_usd: f64) -> ModelTotals {
        ModelTotals {
            model: "kling-3.0-pro".into(),
            model_name: "Kling 3.0 Pro".into(),
            route: "fal".into(),
            clips: 2,
            succeeded: 2,
            costed: 2,
            cost_usd,
            billed_usd,
            costed_seconds: 10.0,
            rated: 0,
            mean_rating: None,
        }
    }

    #[test]
    fn stats_say_how_much_of_the_cost_is_billed() {
        let stats = stats_of(&totals(1.0, 0.62), &[]).unwrap();
        assert_eq!(stats.mean_cost_usd, Some(0.5));
        assert_eq!(stats.usd_per_video_second, Some(0.1));
        assert_eq!(stats.billed_share, Some(0.62));
        assert_eq!(stats_of(&totals(0.4, 0.0), &[]).unwrap().billed_share, Some(0.0));
        assert_eq!(stats_of(&totals(0.4, 0.4), &[]).unwrap().billed_share, Some(1.0));
        let failed = ModelTotals { succeeded: 0, costed: 0, costed_seconds: 0.0, ..totals(0.0, 0.0) };
        let stats = stats_of(&failed, &[]).unwrap();
        assert_eq!((stats.billed_share, stats.mean_cost_usd, stats.p50_total_ms), (None, None, None));
    }

    #[test]
    fn nearest_rank_percentiles() {
        let mut v = vec![40, 10, 30, 20, 50, 60, 70, 80, 90, 100];
        assert_eq!(percentile(&mut v, 50), Some(50));
        assert_eq!(percentile(&mut v, 95), Some(100));
        assert_eq!(percentile(&mut [7], 95), Some(7));
        assert_eq!(percentile(&mut [], 50), None);
        assert_eq!(percentile(&mut [1, 2], 50), Some(1));
    }
}
