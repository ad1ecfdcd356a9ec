//! Following a job by polling its status, on the schedule `poll_schedule` gives from the
//! clip's ETA (its model@route's history, else the catalog's usual time), within the
//! route's rate limit and the provider's own hints.

use std::time::{Duration, Instant};

use super::job::{ctx_route_id, Seen};
use super::poll_schedule::{next_poll_delay, ExpectedEnd, PollBounds};
use super::timeouts::within;
use super::Studio;
use crate::api::ClipStatus;
use crate::error::Result;
use crate::providers::{JobRef, ProviderAdapter, RouteContext};
use crate::store::now_ms;

impl Studio {
    /// Polls until the job ends. Returns whether it succeeded.
    pub(super) async fn poll_until_done(
        &self,
        adapter: &dyn ProviderAdapter,
        ctx: &RouteContext,
        clip_id: &str,
        job: &JobRef,
        mut seen: Option<Seen>,
    ) -> Result<bool> {
        let policy = self.inner.poll.clone();
        let timeouts = policy.timeouts.clone();
        let (submitted_at_ms, expected) = self.expected_end(clip_id).await?;
        let route_min = policy.min_interval.unwrap_or_else(|| adapter.route().min_poll_interval());
        let bounds = PollBounds { max: policy.max, route_min };
        let started = Instant::now();
        let mut interval = policy.initial;
        let mut errors = 0;
        let mut unfinished_at_ms = None;
        loop {
            if started.elapsed() > policy.deadline {
                let msg = format!(
                    "{}: still not finished after {} min; stopped waiting (the job may still complete and bill)",
                    ctx_route_id(ctx, adapter),
                    policy.deadline.as_secs() / 60
                );
                self.fail(clip_id, ClipStatus::Failed, "timeout", &msg).await?;
                return Ok(false);
            }
            let asked_at_ms = now_ms();
            match within(timeouts.status, adapter.route(), "status request", adapter.status(ctx, job)).await {
                Ok(update) => {
                    errors = 0;
                    if let Some(done) = self.apply(clip_id, &update, &mut seen, unfinished_at_ms).await? {
                        return Ok(done);
                    }
                    unfinished_at_ms = Some(asked_at_ms);
                    let elapsed = Duration::from_millis(u64::try_from(now_ms() - submitted_at_ms).unwrap_or(0));
                    interval = next_poll_delay(elapsed, expected, interval, update.poll_after, bounds);
                }
                // A garbled status is retried like an outage: the job itself may be fine.
                Err(e) if e.worth_rereading() && errors + 1 < policy.max_consecutive_errors => {
                    errors += 1;
                    self.store().add_event(clip_id, "retry", None, None, Some(&e.to_string())).await?;
                    interval = e.retry_after().unwrap_or_else(|| (interval * 2).min(policy.max));
                }
                Err(e) if self.store().cancel_requested(clip_id).await? => {
                    // Some routes delete a canceled job, so it ends as "not found".
                    let msg = format!("Canceled by you ({e}).");
                    self.fail(clip_id, ClipStatus::Canceled, "canceled", &msg).await?;
                    return Ok(false);
                }
                Err(e) => {
                    self.fail(clip_id, ClipStatus::Failed, e.code(), &e.to_string()).await?;
                    return Ok(false);
                }
            }
            tokio::time::sleep(interval).await;
        }
    }

    /// When the clip was sent (now, for a row without it) and when it should end.
    async fn expected_end(&self, clip_id: &str) -> Result<(i64, Option<ExpectedEnd>)> {
        let row = self.store().clip(clip_id).await?;
        let stats = self.eta_stats(&row.model, &row.route, row.demo).await;
        let expected = stats.map(|s| ExpectedEnd {
            p50: Duration::from_millis(u64::from(s.total.0)),
            p90: Duration::from_millis(u64::from(s.total.1)),
        });
        Ok((row.submitted_at_ms.unwrap_or_else(now_ms), expected))
    }
}
