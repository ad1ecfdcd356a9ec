//! A clip's ETA: p50 and p90 of queue, generation and submit → done from this library's
//! latest delivered clips of the same model@route (`store::eta_samples`), or the catalog's
//! usual time for the route when there are none. Demo clips are predicted from demo clips
//! only (the demo library's emulator history), real clips from real ones.

use super::library::percentile;
use super::Studio;
use crate::api::{ClipStatus, ClipView, Eta, EtaSource};
use crate::catalog::{RouteId, TypicalTime};
use crate::store::EtaSample;

/// Expected durations, not yet anchored to a clip's submit time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EtaStats {
    pub source: EtaSource,
    pub samples: u32,
    pub queue: (u32, u32),
    pub generate: (u32, u32),
    pub total: (u32, u32),
}

impl EtaStats {
    /// From observed clips; `None` without any. A clip whose route never said "running"
    /// counts as all generation, as its latency split does.
    pub fn from_history(samples: &[EtaSample]) -> Option<EtaStats> {
        if samples.is_empty() {
            return None;
        }
        let mut queue = Vec::with_capacity(samples.len());
        let mut generate = Vec::with_capacity(samples.len());
        let mut total = Vec::with_capacity(samples.len());
        for s in samples {
            let started = s.started_at_ms.unwrap_or(s.submitted_at_ms).clamp(s.submitted_at_ms, s.completed_at_ms);
            queue.push(started - s.submitted_at_ms);
            generate.push(s.completed_at_ms - started);
            total.push((s.completed_at_ms - s.submitted_at_ms).max(0));
        }
        let p50_p90 = |v: &mut Vec<i64>| {
            let mut ms = |p| percentile(v, p).map_or(0, |x| u32::try_from(x).unwrap_or(u32::MAX));
            (ms(50), ms(90))
        };
        Some(EtaStats {
            source: EtaSource::History,
            samples: u32::try_from(samples.len()).unwrap_or(u32::MAX),
            queue: p50_p90(&mut queue),
            generate: p50_p90(&mut generate),
            total: p50_p90(&mut total),
        })
    }

    /// The catalog's prior: its typical queue and generation as p50, `slow_s` as the
    /// total's p90, each phase's p90 scaled by the same factor.
    pub fn from_catalog(t: &TypicalTime) -> EtaStats {
        let total_p50 = (t.queue_s + t.generate_s).max(1);
        let scale = |s: u32| (u64::from(s) * u64::from(t.slow_s) * 1000 / u64::from(total_p50)) as u32;
        EtaStats {
            source: EtaSource::Catalog,
            samples: 0,
            queue: (t.queue_s * 1000, scale(t.queue_s)),
            generate: (t.generate_s * 1000, scale(t.generate_s)),
            total: ((t.queue_s + t.generate_s) * 1000, t.slow_s * 1000),
        }
    }

    /// The ETA of a clip sent at `submitted_at_ms` (`None`: not sent yet, no end).
    pub fn anchored(&self, submitted_at_ms: Option<i64>) -> Eta {
        Eta {
            source: self.source,
            samples: self.samples,
            queue_p50_ms: self.queue.0,
            queue_p90_ms: self.queue.1,
            generate_p50_ms: self.generate.0,
            generate_p90_ms: self.generate.1,
            total_p50_ms: self.total.0,
            total_p90_ms: self.total.1,
            end_p50_ms: submitted_at_ms.map(|t| t + i64::from(self.total.0)),
            end_p90_ms: submitted_at_ms.map(|t| t + i64::from(self.total.1)),
        }
    }
}

/// The statuses a tile counts down in.
pub fn is_waiting(status: ClipStatus) -> bool {
    matches!(status, ClipStatus::Pending | ClipStatus::Submitting | ClipStatus::Queued | ClipStatus::Generating)
}

impl Studio {
    /// History first, then the catalog. A store error is logged and the catalog used: an
    /// ETA is advice and must never stop a clip.
    pub(super) async fn eta_stats(&self, model: &str, route: &str, demo: bool) -> Option<EtaStats> {
        match self.store().eta_samples(model, route, demo).await {
            Ok(samples) => {
                if let Some(stats) = EtaStats::from_history(&samples) {
                    return Some(stats);
                }
            }
            Err(e) => tracing::warn!(model, route, error = %e, "could not read the ETA history"),
        }
        let route = RouteId::parse(route)?;
        self.catalog().typical_time(model, route).map(EtaStats::from_catalog)
    }

    /// The view with its ETA while the clip is not finished.
    pub(super) async fn with_eta(&self, mut view: ClipView) -> ClipView {
        if is_waiting(view.status) {
            let stats = self.eta_stats(&view.model, &view.route, view.demo).await;
            view.eta = stats.map(|s| s.anchored(view.submitted_at_ms));
        }
        view
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(submitted: i64, started: Option<i64>, completed: i64) -> EtaSample {
        EtaSample { submitted_at_ms: submitted, started_at_ms: started, completed_at_ms: completed }
    }

    #[test]
    fn history_gives_each_phase_its_own_percentiles() {
        let samples: Vec<EtaSample> =
            (1..=10).map(|i| sample(0, Some(i * 1000), i * 1000 + 40_000 + i * 100)).collect();
        let s = EtaStats::from_history(&samples).unwrap();
        assert_eq!(s.source, EtaSource::History);
        assert_eq!(s.samples, 10);
        assert_eq!(s.queue, (5_000, 9_000));
        assert_eq!(s.generate, (40_500, 40_900));
        assert_eq!(s.total, (45_500, 49_900));
        assert_eq!(EtaStats::from_history(&[]), None);
    }

    #[test]
    fn a_clip_never_seen_running_is_all_generation() {
        let s = EtaStats::from_history(&[sample(1_000, None, 48_000)]).unwrap();
        assert_eq!((s.queue, s.generate, s.total), ((0, 0), (47_000, 47_000), (47_000, 47_000)));
    }

    #[test]
    fn the_catalog_prior_is_the_typical_time_with_slow_as_p90() {
        let t = TypicalTime {
            route: RouteId::Minimax,
            model: None,
            queue_s: 10,
            generate_s: 140,
            slow_s: 240,
            source: "test".into(),
        };
        let s = EtaStats::from_catalog(&t);
        assert_eq!((s.source, s.samples), (EtaSource::Catalog, 0));
        assert_eq!(s.total, (150_000, 240_000));
        assert_eq!((s.queue, s.generate), ((10_000, 16_000), (140_000, 224_000)));
        let eta = s.anchored(Some(1_000));
        assert_eq!((eta.end_p50_ms, eta.end_p90_ms), (Some(151_000), Some(241_000)));
        assert_eq!(s.anchored(None).end_p50_ms, None);
    }
}
