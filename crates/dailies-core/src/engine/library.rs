//! Browsing and judging the library: search, star ratings, and per-model statistics
//! (success rate, p50/p95 latency, cost per second of video with its billed share, mean rating).

use std::collections::BTreeMap;

use super::Studio;
use crate::api::{ClipStatus, ClipView, ModelStats};
use crate::catalog::RouteId;
use crate::error::{InputError, Result};
use crate::store::ClipOutcome;

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
        let mut groups: BTreeMap<(String, String), Vec<ClipOutcome>> = BTreeMap::new();
        for o in self.store().clip_outcomes(include_demo).await? {
            groups.entry((o.model.clone(), o.route.clone())).or_default().push(o);
        }
        Ok(groups.into_values().filter_map(|clips| stats_of(&clips)).collect())
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

fn stats_of(clips: &[ClipOutcome]) -> Option<ModelStats> {
    let first = clips.first()?;
    let delivered: Vec<&ClipOutcome> = clips.iter().filter(|c| c.status == ClipStatus::Succeeded.as_str()).collect();
    let span = |a: Option<i64>, b: Option<i64>| Some(b? - a?);
    let mut totals: Vec<i64> = delivered.iter().filter_map(|c| span(c.submitted_at_ms, c.downloaded_at_ms)).collect();
    let mut queued: Vec<i64> = delivered.iter().filter_map(|c| span(c.submitted_at_ms, c.started_at_ms)).collect();
    let costs: Vec<f64> = delivered.iter().filter_map(|c| c.cost_usd).collect();
    let billed: f64 = delivered.iter().filter(|c| c.billed_cost_usd.is_some()).filter_map(|c| c.cost_usd).sum();
    let seconds: f64 = delivered.iter().filter(|c| c.cost_usd.is_some()).filter_map(|c| c.duration_s).sum();
    let ratings: Vec<f64> = clips.iter().filter_map(|c| c.rating).map(|r| r as f64).collect();
    Some(ModelStats {
        model: first.model.clone(),
        model_name: first.model_name.clone(),
        route: RouteId::parse(&first.route)?,
        clips: count(clips.len()),
        succeeded: count(delivered.len()),
        p50_total_ms: percentile(&mut totals, 50),
        p95_total_ms: percentile(&mut totals, 95),
        p50_queued_ms: percentile(&mut queued, 50),
        mean_cost_usd: mean(&costs).map(round_cents),
        usd_per_video_second: (seconds > 0.0).then(|| round_cents(costs.iter().sum::<f64>() / seconds)),
        billed_share: billed_share(billed, costs.iter().sum()),
        mean_rating: mean(&ratings).map(|m| (m * 10.0).round() / 10.0),
        rated: count(ratings.len()),
    })
}

/// Nearest-rank percentile: the smallest value with at least `p`% of the values at or below it.
pub(super) fn percentile(values: &mut [i64], p: usize) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let rank = (p * values.len()).div_ceil(100).max(1);
    Some(values[rank - 1])
}

/// The billed part of a total cost as a share (two decimals); a total of zero (free or
/// no delivered clips) has no meaningful share unless every costed clip was billed.
fn billed_share(billed: f64, total: f64) -> Option<f64> {
    (total > 0.0).then(|| ((billed / total).clamp(0.0, 1.0) * 100.0).round() / 100.0)
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

fn round_cents(usd: f64) -> f64 {
    (usd * 1000.0).round() / 1000.0
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::{percentile, stats_of};
    use crate::store::ClipOutcome;

    fn delivered(cost_usd: f64, billed_cost_usd: Option<f64>) -> ClipOutcome {
        ClipOutcome {
            model: "kling-3.0-pro".into(),
            model_name: "Kling 3.0 Pro".into(),
            route: "fal".into(),
            status: "succeeded".into(),
            cost_usd: Some(cost_usd),
            billed_cost_usd,
            duration_s: Some(5.0),
            submitted_at_ms: Some(0),
            started_at_ms: Some(10),
            completed_at_ms: Some(20),
            downloaded_at_ms: Some(30),
            rating: None,
        }
    }

    #[test]
    fn stats_say_how_much_of_the_cost_is_billed() {
        let mixed = [delivered(0.62, Some(0.62)), delivered(0.38, None)];
        let stats = stats_of(&mixed).unwrap();
        assert_eq!(stats.mean_cost_usd, Some(0.5));
        assert_eq!(stats.billed_share, Some(0.62));
        assert_eq!(stats_of(&[delivered(0.4, None)]).unwrap().billed_share, Some(0.0));
        assert_eq!(stats_of(&[delivered(0.4, Some(0.4))]).unwrap().billed_share, Some(1.0));
        let mut failed = delivered(0.0, None);
        (failed.status, failed.cost_usd) = ("failed".into(), None);
        assert_eq!(stats_of(&[failed]).unwrap().billed_share, None, "no delivered cost, no share");
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
