//! Downloading a finished clip at once (provider URLs expire within the hour): stream to a
//! `.part` file, rename into the library, probe what actually arrived.

use std::path::Path;
use std::time::Duration;

use futures::StreamExt;
use tokio::io::AsyncWriteExt;

use super::Studio;
use crate::api::ClipStatus;
use crate::error::{Error, Result};
use crate::probe::probe_mp4;
use crate::providers::{Billed, JobRef, OutputFile, ProviderAdapter, ProviderError, RouteContext};
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
        let row = self.store().clip(clip_id).await?;
        let route = adapter.route();
        let relative = format!("{}/{}.mp4", row.run_id, row.id);
        let target = self.store().media_dir().join(&relative);
        let mut attempt = 0;
        let output = loop {
            attempt += 1;
            let result = match adapter.output(ctx, job).await {
                Ok(out) => fetch(&self.inner.http, route, &out, &target).await.map(|()| out),
                Err(e) => Err(e),
            };
            match result {
                Ok(out) => break out,
                Err(e) if (e.is_transient() || e.code() == "malformed_response") && attempt < DOWNLOAD_ATTEMPTS => {
                    self.store().add_event(clip_id, "retry", None, None, Some(&e.to_string())).await?;
                    tokio::time::sleep(e.retry_after().unwrap_or(Duration::from_millis(500 * u64::from(attempt))))
                        .await;
                }
                Err(e) => {
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
            Billed::Tokens(n) => crate::catalog::usd_per_million_tokens(&entry.price, &resolved)? * n as f64 / 1e6,
            Billed::Units(u) => entry.price.usd_per_unit? * u,
        };
        Some((usd * 1000.0).round() / 1000.0)
    }
}

/// Streams the file to `<target>.part`, then renames it so a crash never leaves a
/// half-written clip under its final name.
async fn fetch(
    http: &reqwest::Client,
    route: crate::catalog::RouteId,
    out: &OutputFile,
    target: &Path,
) -> Result<(), ProviderError> {
    let local = |e: Error| ProviderError::Malformed { route, detail: e.to_string() };
    let dir = target.parent().expect("clip paths have a run folder");
    tokio::fs::create_dir_all(dir).await.map_err(|e| local(Error::io(dir, e)))?;
    let mut req = http.get(&out.url);
    if let Some((name, value)) = &out.auth_header {
        req = req.header(name.as_str(), value.expose());
    }
    let resp = req.send().await.map_err(|e| ProviderError::Network { route, detail: e.to_string(), sent: true })?;
    let status = resp.status();
    if matches!(status.as_u16(), 403 | 404 | 410) {
        return Err(ProviderError::Expired { route });
    }
    if status.as_u16() == 429 || status.is_server_error() {
        let retry_after = crate::providers::parse_retry_after(resp.headers());
        return Err(if status.as_u16() == 429 {
            ProviderError::RateLimited { route, retry_after }
        } else {
            ProviderError::Unavailable { route, detail: format!("download HTTP {}", status.as_u16()) }
        });
    }
    if !status.is_success() {
        return Err(ProviderError::Malformed { route, detail: format!("download HTTP {}", status.as_u16()) });
    }
    let part = target.with_extension("mp4.part");
    let mut file = tokio::fs::File::create(&part).await.map_err(|e| local(Error::io(&part, e)))?;
    let mut body = resp.bytes_stream();
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|e| ProviderError::Network { route, detail: e.to_string(), sent: true })?;
        file.write_all(&chunk).await.map_err(|e| local(Error::io(&part, e)))?;
    }
    file.sync_all().await.map_err(|e| local(Error::io(&part, e)))?;
    drop(file);
    tokio::fs::rename(&part, target).await.map_err(|e| local(Error::io(target, e)))?;
    Ok(())
}
