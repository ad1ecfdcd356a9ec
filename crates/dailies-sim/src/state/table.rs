//! The job table every route reads: all providers' jobs, keyed by id, in submit order.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use super::jobs::{Job, Phase, Provider};

/// All jobs of one emulator, keyed by id.
#[derive(Default)]
pub(crate) struct Jobs {
    by_id: Mutex<HashMap<String, (u64, Arc<Job>)>>,
    next_seq: AtomicU64,
    /// The most jobs of each route that were open (submitted, not ended) at once, as the
    /// provider would count a client's concurrency.
    peak_open: Mutex<HashMap<&'static str, usize>>,
}

impl Jobs {
    pub fn insert(&self, job: Arc<Job>) {
        let seq = self.next_seq.fetch_add(1, Ordering::Relaxed);
        let provider = job.meta.provider;
        let open = {
            let mut map = self.lock();
            map.insert(job.meta.id.clone(), (seq, job));
            map.values().filter(|(_, j)| j.meta.provider == provider && !j.is_done()).count()
        };
        let mut peak = super::lock(&self.peak_open);
        let most = peak.entry(provider.route()).or_default();
        *most = (*most).max(open);
    }

    /// The most jobs of `route` that were open at once since the emulator started.
    pub fn peak_open(&self, route: &str) -> usize {
        super::lock(&self.peak_open).get(route).copied().unwrap_or(0)
    }

    pub fn get(&self, id: &str) -> Option<Arc<Job>> {
        self.lock().get(id).map(|(_, job)| job.clone())
    }

    /// A job only if `provider` made it: ids never collide, but no route may see (or
    /// fault on) another provider's jobs.
    pub fn find(&self, provider: Provider, id: &str) -> Option<Arc<Job>> {
        self.get(id).filter(|job| job.meta.provider == provider)
    }

    pub fn remove(&self, id: &str) -> Option<Arc<Job>> {
        self.lock().remove(id).map(|(_, job)| job)
    }

    /// A provider's jobs in submit order.
    pub fn list(&self, provider: Provider) -> Vec<Arc<Job>> {
        let map = self.lock();
        let mut jobs: Vec<_> = map.values().filter(|(_, job)| job.meta.provider == provider).collect();
        jobs.sort_by_key(|(seq, _)| *seq);
        jobs.into_iter().map(|(_, job)| job.clone()).collect()
    }

    /// Ended jobs in submit order: id, route and end (unix ms).
    pub fn ended(&self) -> Vec<(String, &'static str, u64)> {
        let map = self.lock();
        let mut jobs: Vec<_> = map.values().collect();
        jobs.sort_by_key(|(seq, _)| *seq);
        jobs.into_iter()
            .filter_map(|(_, job)| match job.snapshot().phase {
                Phase::Done(done) => Some((job.meta.id.clone(), job.meta.provider.route(), done.at_unix_ms)),
                _ => None,
            })
            .collect()
    }

    /// A provider's jobs, the latest submit first, as list endpoints page them.
    pub fn newest_first(&self, provider: Provider) -> Vec<Arc<Job>> {
        let mut jobs = self.list(provider);
        jobs.reverse();
        jobs
    }

    /// Jobs of one fal endpoint still waiting in the queue (for `fal_max_queue_length`).
    pub fn queued_on(&self, endpoint: &str) -> usize {
        self.lock()
            .values()
            .filter(|(_, job)| job.meta.endpoint == endpoint)
            .filter(|(_, job)| matches!(job.snapshot().phase, Phase::Queued { .. }))
            .count()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, (u64, Arc<Job>)>> {
        super::lock(&self.by_id)
    }
}
