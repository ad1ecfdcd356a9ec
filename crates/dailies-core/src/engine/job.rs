//! One clip's life as a tokio task: submit once, follow, download. Each state change is
//! written to the store before it is broadcast, so a crash at any point leaves a row that
//! `resume` can continue from without submitting again.

use std::time::Duration;

use futures::StreamExt;
use tokio::task::JoinHandle;

use super::timeouts::within;
use super::Studio;
use crate::api::ClipStatus;
use crate::catalog::WireRequest;
use crate::error::Result;
use crate::providers::{
    adapter, JobRef, JobState, ProviderAdapter, ProviderError, RouteContext, StatusUpdate, SubmitRequest,
};
use crate::routes::RouteId;
use crate::secrets::Secret;
use crate::store::ClipRow;

/// How many times a submit that was certainly not accepted (429, refused connection) is resent.
const SUBMIT_ATTEMPTS: u32 = 5;

/// What the follow loop last wrote, so unchanged polls do not rewrite the row. The raw
/// word is part of it: `Preparing` → `Queueing` is one normalised state but two events.
#[derive(PartialEq, Clone)]
pub(super) struct Seen {
    status: ClipStatus,
    raw_status: String,
    queue_position: Option<u32>,
    progress_tenths: Option<i64>,
}

impl Studio {
    /// One task per clip. It first takes the clip's lease: a clip another live process is
    /// following is left to it, so there is one follower, one download and one submit.
    pub(super) fn spawn_clip(&self, clip_id: String, key: Secret, fresh: bool) -> JoinHandle<()> {
        let studio = self.clone();
        tokio::spawn(async move {
            match studio.store().claim_clip(&clip_id).await {
                Ok(true) => {}
                Ok(false) => {
                    tracing::info!(clip_id, "another Dailies process is following this clip");
                    return;
                }
                Err(e) => tracing::warn!(clip_id, error = %e, "could not take the clip's lease; following anyway"),
            }
            let result = tokio::select! {
                result = studio.drive_clip(&clip_id, key, fresh) => result,
                () = studio.keep_lease(&clip_id) => {
                    // Another process holds the clip now: stop at once (dropping the follow),
                    // record nothing and leave its lease alone. One follower per clip.
                    tracing::warn!(clip_id, "lost the clip's lease to another process; no longer following it");
                    return;
                }
            };
            if let Err(e) = result {
                // The error may quote a provider, so the log line is scrubbed like the row.
                let msg = format!("Dailies could not record this clip: {e}");
                tracing::error!(clip_id, error = %crate::redact::scrub(&e.to_string()), "clip task stopped");
                let _ = studio.store().mark_failed(&clip_id, ClipStatus::Failed, e.code(), &msg).await;
                studio.publish(&clip_id).await;
            }
            let _ = studio.store().release_clip(&clip_id).await;
            studio.slot_freed();
        })
    }

    /// Renews the lease for as long as the clip's task runs; returns only when the lease
    /// is lost (this process stalled past its expiry and another one took the clip). A
    /// renewal that fails on a busy database is tried again at the next tick.
    async fn keep_lease(&self, clip_id: &str) {
        self.keep_lease_every(clip_id, crate::store::LEASE_TTL / 3).await;
    }

    pub(super) async fn keep_lease_every(&self, clip_id: &str, period: Duration) {
        let mut tick = tokio::time::interval(period);
        tick.tick().await;
        loop {
            tick.tick().await;
            match self.store().claim_clip(clip_id).await {
                Ok(true) => {}
                Ok(false) => return,
                Err(e) => tracing::warn!(clip_id, error = %e, "could not renew the clip's lease; trying again"),
            }
        }
    }

    #[tracing::instrument(skip(self, key), fields(route))]
    async fn drive_clip(&self, clip_id: &str, key: Secret, fresh: bool) -> Result<()> {
        let row = self.store().clip(clip_id).await?;
        tracing::Span::current().record("route", row.route.as_str());
        let route = match row.route_id() {
            Ok(route) => route,
            Err(unknown) => return self.fail(clip_id, ClipStatus::Failed, unknown.code(), &unknown.to_string()).await,
        };
        let adapter = adapter(route);
        let ctx = RouteContext { http: self.inner.http.clone(), base_url: row.base_url.clone(), key };
        let job = match (row.status(), row.job_ref()) {
            (ClipStatus::Pending, _) => match self.submit(adapter, &ctx, &row).await? {
                Some(job) => job,
                None => return Ok(()),
            },
            (_, Some(job)) => job,
            _ => return Ok(()),
        };
        if !fresh {
            self.store().add_event(clip_id, "resume", Some(row.status.as_str()), None, None).await?;
        }
        if row.status() != ClipStatus::Downloading && !self.follow(adapter, &ctx, clip_id, &job).await? {
            return Ok(());
        }
        self.deliver(adapter, &ctx, clip_id, &job).await
    }

    /// Sends the submit once (resending only what certainly was not accepted) and stores
    /// the provider job id immediately. `None` when the clip ended here.
    async fn submit(&self, adapter: &dyn ProviderAdapter, ctx: &RouteContext, row: &ClipRow) -> Result<Option<JobRef>> {
        let wire: WireRequest = serde_json::from_str(&row.request_json)
            .map_err(|e| crate::error::Error::Catalog(format!("stored request of clip {}: {e}", row.id)))?;
        // Images are read now, before the clip is marked as being sent: a file that vanished
        // since planning fails the clip without any request.
        let images = match wire.images.iter().map(crate::inputs::load).collect::<Result<Vec<_>>>().and_then(|mut v| {
            // A video (an extension's source, a motion reference) travels like an image: the adapter uploads it.
            v.extend(wire.video.as_ref().map(super::extend::load_video).transpose()?);
            Ok(v)
        }) {
            Ok(images) => images,
            Err(e) => {
                self.fail(&row.id, ClipStatus::Failed, "invalid_input", &e.to_string()).await?;
                return Ok(None);
            }
        };
        let req = SubmitRequest {
            endpoint: &row.endpoint,
            fields: &wire.fields,
            images: &images,
            clip_id: &row.id,
            remix_of: wire.remix_of.as_deref(),
        };
        if !self.wait_for_send_slot(&row.id, adapter.route()).await? {
            // Canceled (or taken on) since it was read: it must not be sent from here.
            self.publish(&row.id).await;
            return Ok(None);
        }
        self.store().add_event(&row.id, "submit", Some("submitting"), None, None).await?;
        self.publish(&row.id).await;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let limit = self.inner.poll.timeouts.request;
            match within(limit, adapter.route(), "submit", adapter.submit(ctx, &req)).await {
                Ok(sub) => {
                    self.store().set_provider_job(&row.id, &sub.provider_job_id, &sub.handle).await?;
                    self.store()
                        .add_event(&row.id, "accepted", Some("queued"), None, Some(&sub.provider_job_id))
                        .await?;
                    self.publish(&row.id).await;
                    if let Some(initial) = &sub.initial {
                        self.apply(&row.id, initial, &mut None, None).await?;
                    }
                    let job = JobRef {
                        provider_job_id: sub.provider_job_id,
                        endpoint: row.endpoint.clone(),
                        handle: sub.handle,
                    };
                    if self.store().cancel_requested(&row.id).await? {
                        // Asked while the submit was on the wire: send it now that there is an id.
                        self.send_cancel(adapter, ctx, &row.id, &job).await?;
                    }
                    return Ok(Some(job));
                }
                Err(e) if e.submit_not_accepted() && attempt < SUBMIT_ATTEMPTS => {
                    let wait = e.retry_after().unwrap_or(Duration::from_secs(u64::from(attempt)));
                    self.store().add_event(&row.id, "retry", None, None, Some(&e.to_string())).await?;
                    tokio::time::sleep(wait).await;
                    // Nothing was accepted yet, so a cancel asked meanwhile ends it here, free.
                    if self.store().cancel_requested(&row.id).await? {
                        let msg = format!(
                            "Canceled before {} accepted it: nothing was charged.",
                            adapter.route().display_name()
                        );
                        self.fail(&row.id, ClipStatus::Canceled, "canceled", &msg).await?;
                        return Ok(None);
                    }
                }
                Err(e @ ProviderError::Network { sent: true, .. }) => {
                    let msg = format!(
                        "Unknown — may have been charged: the request may have reached {} but no job id came back ({e}). Not resubmitted.",
                        adapter.route().display_name()
                    );
                    self.fail(&row.id, ClipStatus::Unknown, "unknown_submit", &msg).await?;
                    return Ok(None);
                }
                Err(e) => {
                    self.fail(&row.id, ClipStatus::Failed, e.code(), &e.to_string()).await?;
                    return Ok(None);
                }
            }
        }
    }

    /// Follows the job to a terminal state: the route's stream when it has one, polling
    /// otherwise or when the stream breaks. Returns whether the job succeeded.
    async fn follow(
        &self,
        adapter: &dyn ProviderAdapter,
        ctx: &RouteContext,
        clip_id: &str,
        job: &JobRef,
    ) -> Result<bool> {
        let mut seen = None;
        let timeouts = self.inner.poll.timeouts.clone();
        let opened = within(timeouts.status, adapter.route(), "status stream", adapter.status_stream(ctx, job)).await;
        if let Ok(Some(mut stream)) = opened {
            // Pings keep a stream alive without news, so it gets a deadline of its own.
            let until = tokio::time::Instant::now() + timeouts.stream;
            loop {
                let Ok(next) = tokio::time::timeout_at(until, stream.next()).await else {
                    let note = format!("status stream open {} s without an end; polling", timeouts.stream.as_secs());
                    self.store().add_event(clip_id, "stream_error", None, None, Some(&note)).await?;
                    break;
                };
                let Some(item) = next else { break };
                match item {
                    Ok(update) => {
                        if let Some(done) = self.apply(clip_id, &update, &mut seen, None).await? {
                            return Ok(done);
                        }
                    }
                    Err(e) => {
                        self.store().add_event(clip_id, "stream_error", None, None, Some(&e.to_string())).await?;
                        break;
                    }
                }
            }
        }
        self.poll_until_done(adapter, ctx, clip_id, job, seen).await
    }

    /// Records one status observation. `Some(succeeded)` once the job is terminal.
    /// `unfinished_at_ms`: when a poll last saw the job unfinished; a poll that sees it done
    /// then dates the end midway between the two (the provider ended somewhere in that gap;
    /// a stream, which sees the end at once, passes `None`). ETAs are made from these ends,
    /// so the polling gap is not learnt as generation time.
    pub(super) async fn apply(
        &self,
        clip_id: &str,
        u: &StatusUpdate,
        seen: &mut Option<Seen>,
        unfinished_at_ms: Option<i64>,
    ) -> Result<Option<bool>> {
        let status = match u.state {
            JobState::Queued => ClipStatus::Queued,
            JobState::Running => ClipStatus::Generating,
            JobState::Succeeded => {
                self.store().add_event(clip_id, "status", Some("downloading"), Some(&u.raw_status), None).await?;
                let now = crate::store::now_ms();
                let ended = unfinished_at_ms.filter(|&t| t <= now).map_or(now, |t| t + (now - t) / 2);
                self.store().mark_generated_at(clip_id, ended).await?;
                self.publish(clip_id).await;
                return Ok(Some(true));
            }
            JobState::Failed | JobState::Canceled => {
                let asked = self.store().cancel_requested(clip_id).await?;
                let status =
                    if u.state == JobState::Canceled || asked { ClipStatus::Canceled } else { ClipStatus::Failed };
                let (code, msg) = match (&u.failure, asked) {
                    (_, true) => ("canceled", "Canceled by you.".to_string()),
                    (_, false) if u.state == JobState::Canceled => {
                        let route = self.store().clip(clip_id).await?.route;
                        let name = RouteId::parse(&route).map_or(route.clone(), |r| r.display_name().to_string());
                        ("canceled", format!("Canceled by {name}."))
                    }
                    (Some(f), false) => (f.code(), f.to_string()),
                    (None, false) => ("generation_failed", "the provider reported a failure without a reason".into()),
                };
                self.store()
                    .add_event(clip_id, "status", Some(status.as_str()), Some(&u.raw_status), Some(&msg))
                    .await?;
                self.fail(clip_id, status, code, &msg).await?;
                return Ok(Some(false));
            }
        };
        let now = Seen {
            status,
            raw_status: u.raw_status.clone(),
            queue_position: u.queue_position,
            progress_tenths: u.progress.map(|p| (p * 10.0).round() as i64),
        };
        if seen.as_ref() != Some(&now) {
            self.store().add_event(clip_id, "status", Some(status.as_str()), Some(&u.raw_status), None).await?;
            self.store().set_progress(clip_id, status, u.queue_position, u.progress).await?;
            self.publish(clip_id).await;
            *seen = Some(now);
        }
        Ok(None)
    }

    pub(super) async fn fail(&self, clip_id: &str, status: ClipStatus, code: &str, message: &str) -> Result<()> {
        tracing::info!(clip_id, code, "clip ended without a video");
        self.store().mark_failed(clip_id, status, code, message).await?;
        self.publish(clip_id).await;
        Ok(())
    }
}

pub(super) fn ctx_route_id(_ctx: &RouteContext, adapter: &dyn ProviderAdapter) -> &'static str {
    adapter.route().display_name()
}
