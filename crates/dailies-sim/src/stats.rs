//! Request counters and recorded submit bodies, for tests and benchmarks to assert on.

use std::collections::BTreeMap;
use std::sync::Mutex;

use serde::Serialize;

#[derive(Clone, Debug, Default, Serialize)]
pub struct SimStats {
    /// Requests seen per operation, e.g. `"fal.submit"`, `"fal.status"`, `"fal.stream"`,
    /// `"fal.result"`, `"fal.cancel"`, `"openai.submit"`, `"openai.status"`,
    /// `"openai.content"`, `"openai.list"`, `"openai.delete"`, `"cdn.get"`. Every request
    /// counts, including rejected ones.
    pub requests: BTreeMap<String, u64>,
    /// Bodies of submits that created a job, in arrival order.
    pub submits: Vec<RecordedSubmit>,
    /// Every counted request with its arrival time, in arrival order: when a client asked
    /// matters as much as how often (ETA-guided polling is judged on it).
    pub log: Vec<LoggedRequest>,
}

#[derive(Clone, Debug, Serialize)]
pub struct LoggedRequest {
    pub at_unix_ms: u64,
    /// The operation, as in [`SimStats::requests`].
    pub op: String,
}

/// When a job reached its end (succeeded, failed or canceled), by the emulator's clock.
#[derive(Clone, Debug, Serialize)]
pub struct JobEnd {
    pub job_id: String,
    pub route: &'static str,
    pub ended_unix_ms: u64,
}

#[derive(Clone, Debug, Serialize)]
pub struct RecordedSubmit {
    /// `"fal"` or `"openai"`.
    pub route: String,
    /// The fal endpoint id, or the OpenAI model (defaulted to `sora-2` when absent).
    pub endpoint: String,
    /// The body as sent; multipart submits are recorded as a JSON object of their fields,
    /// with file parts summarised.
    pub body: serde_json::Value,
    pub job_id: String,
    /// fal's `fal_webhook` query parameter, if given. Recorded, never called.
    pub webhook: Option<String>,
}

#[derive(Default)]
pub(crate) struct StatsCell(Mutex<SimStats>);

impl StatsCell {
    pub fn count(&self, key: &str) {
        let mut stats = self.lock();
        *stats.requests.entry(key.to_owned()).or_default() += 1;
        stats.log.push(LoggedRequest { at_unix_ms: crate::clock::unix_now_ms(), op: key.to_owned() });
    }

    pub fn record(&self, submit: RecordedSubmit) {
        self.lock().submits.push(submit);
    }

    pub fn snapshot(&self) -> SimStats {
        self.lock().clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, SimStats> {
        crate::state::lock(&self.0)
    }
}
