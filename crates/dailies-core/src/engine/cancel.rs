//! Canceling a clip. A clip that was never sent is canceled locally (nothing charged); one
//! the provider holds gets the route's cancel, and its own status then says how it ended:
//! providers stop queued work but may finish (and bill) what is already generating.

use super::timeouts::within;
use super::Studio;
use crate::api::{CancelOutcome, ClipStatus};
use crate::error::{InputError, Result};
use crate::providers::{adapter, JobRef, ProviderAdapter, ProviderError, RouteContext};

const CANCELED_UNSENT: &str = "Canceled before it was sent: nothing was charged.";

impl Studio {
    /// Cancels a clip by id, or a unique prefix or ending of one.
    pub async fn cancel_clip(&self, id_or_prefix: &str) -> Result<CancelOutcome> {
        let clip_id = self.store().find_clip_id(id_or_prefix).await?;
        let row = self.store().clip(&clip_id).await?;
        let route = row.route_id()?;
        let name = route.display_name();
        let status = row.status();
        let finished = match status {
            ClipStatus::Succeeded => Some("done"),
            ClipStatus::Failed => Some("failed"),
            ClipStatus::Canceled => Some("canceled"),
            ClipStatus::Unknown => Some("in an unknown state (it may have been charged)"),
            ClipStatus::Downloading => Some("generated and downloading"),
            _ => None,
        };
        if let Some(state) = finished {
            return Err(InputError::NothingToCancel { state: state.into() }.into());
        }
        let adapter = adapter(route);
        if status == ClipStatus::Pending && self.store().cancel_pending(&clip_id, CANCELED_UNSENT).await? {
            self.store().add_event(&clip_id, "cancel", Some("canceled"), None, Some("before submit")).await?;
            return self.cancel_outcome(&clip_id, CANCELED_UNSENT).await;
        }
        if let Some(reason) = route.cancel_unsupported() {
            // Refused before anything is recorded, so the job is followed to its end as usual.
            return Err(ProviderError::CannotCancel { route, detail: reason.into() }.into());
        }
        let row = self.store().clip(&clip_id).await?;
        let Some(job) = row.job_ref() else {
            self.store().add_event(&clip_id, "cancel", None, None, Some("asked while submitting")).await?;
            let msg = format!("Cancel noted: it is sent to {name} the moment {name} returns the job id.");
            return self.cancel_outcome(&clip_id, &msg).await;
        };
        let ctx = self.context_for(&row).await?;
        // Recorded before it is sent: the provider may end the job before its reply arrives.
        self.store().add_event(&clip_id, "cancel", None, None, Some("sent")).await?;
        let limit = self.inner.poll.timeouts.request;
        if let Err(e) = within(limit, route, "cancel", adapter.cancel(&ctx, &job)).await {
            self.store().add_event(&clip_id, "cancel_refused", None, None, Some(&e.to_string())).await?;
            return Err(e.into());
        }
        let msg = format!(
            "Cancel sent to {name}; the clip ends when {name} confirms. Work it has already done may still be billed."
        );
        self.cancel_outcome(&clip_id, &msg).await
    }

    /// Sends a cancel that was asked for while the submit was still on the wire.
    pub(super) async fn send_cancel(
        &self,
        adapter: &dyn ProviderAdapter,
        ctx: &RouteContext,
        clip_id: &str,
        job: &JobRef,
    ) -> Result<()> {
        let limit = self.inner.poll.timeouts.request;
        match within(limit, adapter.route(), "cancel", adapter.cancel(ctx, job)).await {
            Ok(()) => self.store().add_event(clip_id, "cancel_sent", None, None, None).await,
            // Refused (the route cannot stop it now): the job is followed to its own end.
            Err(e) => self.store().add_event(clip_id, "cancel_refused", None, None, Some(&e.to_string())).await,
        }
    }

    async fn context_for(&self, row: &crate::store::ClipRow) -> Result<RouteContext> {
        let route = row.route_id()?;
        let demo = row.demo;
        let key = self
            .off_runtime(move |studio| studio.key_for(route, demo))
            .await?
            .ok_or_else(|| InputError::NoKey { route, env_var: route.key_env_vars().join(" + ") })?;
        Ok(RouteContext { http: self.inner.http.clone(), base_url: row.base_url.clone(), key })
    }

    async fn cancel_outcome(&self, clip_id: &str, message: &str) -> Result<CancelOutcome> {
        self.publish(clip_id).await;
        Ok(CancelOutcome { clip: self.store().clip(clip_id).await?.into_view(), message: message.to_string() })
    }
}
