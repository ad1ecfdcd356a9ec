//! What every create handler does once a request is accepted, whatever the provider.

use serde_json::Value;

use super::jobs::{Job, JobMeta, Provider};
use super::Shared;
use crate::clips::ClipSpec;
use crate::stats::RecordedSubmit;

impl Shared {
    /// The facts of a new job timed by `model` under the current timing. Taking its fate
    /// consumes the first matching scripted job-level fault, so call this once per job.
    pub fn job_meta(
        &self,
        provider: Provider,
        id: String,
        model: &str,
        clip: ClipSpec,
        prompt: Option<String>,
    ) -> JobMeta {
        JobMeta {
            id,
            provider,
            endpoint: model.to_owned(),
            app_prefix: String::new(),
            created_unix: crate::clock::unix_now(),
            clip,
            plan: self.timing().plan(model),
            fate: self.faults.take_fate(provider.route(), model),
            prompt,
        }
    }

    /// Records an accepted submit for tests to assert on. `webhook` is recorded only:
    /// the emulator makes no outbound requests.
    pub fn record_submit(&self, job: &Job, body: Value, webhook: Option<String>) {
        self.stats.record(RecordedSubmit {
            route: job.meta.provider.route().into(),
            endpoint: job.meta.endpoint.clone(),
            body,
            job_id: job.meta.id.clone(),
            webhook,
        });
    }
}
