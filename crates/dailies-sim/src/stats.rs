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
        *self.lock().requests.entry(key.to_owned()).or_default() += 1;
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
