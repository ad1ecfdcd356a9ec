//! Downloading a finished clip at once (provider URLs expire within the hour): fetch to a
//! `.part` file (`fetch.rs`, resuming with Range), rename into the library, probe what
//! actually arrived. An expired link is asked for again once before the clip fails.

use std::time::Duration;

use super::fetch::{fetch, FetchError};
use super::timeouts::within;
use super::Studio;
use crate::api::ClipStatus;
use crate::error::Result;
use crate::probe::probe_mp4;
use crate::providers::{Billed, JobRef, ProviderAdapter, ProviderError, RouteContext};
use crate::store::Delivered;

const DOWNLOAD_ATTEMPTS: u32 = 4;

impl Studio {
    pub(super) async fn deliver(
        &self,
        adapter: &dyn ProviderAdapter,
        ctx: &RouteContext,
        clip_id: &str,
        job: &JobRef,
    ) -> Result<()> {
        // The provider is done with the job: its route's slot is free for the next clip.
        self.slot_freed();
        let row = self.store().clip(clip_id).await?;
        let route = adapter.route();
        let relative = format!("{}/{}.mp4", row.run_id, row.id);
        let target = self.store().media_dir().join(&relative);
        let mut attempt = 0;
        let mut asked_for_fresh_link = false;
        let output = loop {
            attempt += 1;
            let limit = self.inner.poll.timeouts.request;
            let result = match within(limit, route, "output request", adapter.output(ctx, job)).await {
                Ok(out) => fetch(&self.inner.http, route, &out, &target).await.map(|()| out),
                Err(e) => Err(FetchError::Provider(e)),
            };
            let e = match result {
                Ok(out) => break out,
                // A full disk or a denied write is ours to fix, not the provider's: no retry.
                Err(FetchError::Local(e)) => {
                    self.fail(clip_id, ClipStatus::Failed, e.code(), &e.to_string()).await?;
                    return Ok(());
                }
                Err(FetchError::Provider(e)) => e,
            };
            match e {
                // Some routes hand out a fresh link when the job is read again (Runway,
                // MiniMax); the loop's next `output` call is that read. Asked once: a link
                // that is still expired means the provider no longer has the file.
                ProviderError::Expired { .. } if !asked_for_fresh_link => {
                    asked_for_fresh_link = true;
                    let note = format!("{e}; asking {} for a fresh link", route.display_name());
                    self.store().add_event(clip_id, "expired_link", None, None, Some(&note)).await?;
                }
                e if e.worth_rereading() && attempt < DOWNLOAD_ATTEMPTS => {
                    self.store().add_event(clip_id, "retry", None, None, Some(&e.to_string())).await?;
                    tokio::time::sleep(e.retry_after().unwrap_or(Duration::from_millis(500 * u64::from(attempt))))
                        .await;
                }
                e => {
                    self.fail(clip_id, ClipStatus::Failed, e.code(), &e.to_string()).await?;
                    return Ok(());
                }
            }
        };
        let probe = match probe_mp4(&target) {
            Ok(p) => p,
            Err(e) => {
                let msg = format!("{}: the downloaded file is not a playable MP4 ({e})", route.display_name());
                self.fail(clip_id, ClipStatus::Failed, "bad_file", &msg).await?;
                return Ok(());
            }
        };
        let billed_usd = output.billed.and_then(|b| self.billed_usd(&row, b));
        if let (Some(reported), None) = (output.billed, billed_usd) {
            // A charge we cannot price stays on record, but the cost shown is the estimate.
            let detail = format!("{reported:?} reported; no catalog unit price for it, so the cost is an estimate");
            self.store().add_event(clip_id, "charge_unpriced", None, None, Some(&detail)).await?;
        }
        let file_path = target.display().to_string();
        let delivered = Delivered {
            probe: &probe,
            file_path: &file_path,
            media_path: &relative,
            // The kind follows from `billed_cost_usd`: set only for a charge the provider reported.
            cost_usd: billed_usd.unwrap_or(row.estimated_cost_usd),
            billed_cost_usd: billed_usd,
        };
        self.store().mark_delivered(clip_id, delivered).await?;
        let detail = format!("{}x{} {:.2}s audio={}", probe.width, probe.height, probe.duration_s, probe.has_audio);
        self.store().add_event(clip_id, "downloaded", Some("succeeded"), None, Some(&detail)).await?;
        self.attach_poster(clip_id, &target, &relative, probe.duration_s).await;
        self.publish(clip_id).await;
        Ok(())
    }
}

impl Studio {
    /// A reported charge in USD, using the route's unit prices from the catalog.
    fn billed_usd(&self, row: &crate::store::ClipRow, billed: Billed) -> Option<f64> {
        let catalog = self.catalog();
        let (_, entry) = catalog.select(&format!("{}@{}", row.model, row.route), |_| true).ok()?;
        let resolved: crate::catalog::ResolvedParams = serde_json::from_str(&row.resolved_json).ok()?;
        let usd = match billed {
            Billed::Usd(usd) => usd,
            Billed::Tokens(n) => {
                crate::catalog::usd_per_million_tokens(entry.price_for(&resolved), &resolved)? * n as f64 / 1e6
            }
            Billed::Units(u) => entry.price_for(&resolved).usd_per_unit? * u,
        };
        Some((usd * 1000.0).round() / 1000.0)
    }
}
