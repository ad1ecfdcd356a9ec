//! Clip rows: every state change of a job is written here before anyone is told about it.

use super::{now_ms, Store};
use crate::api::{ClipError, ClipStatus, ClipView, CostKind, Latency};
use crate::catalog::RouteId;
use crate::error::{Error, Result};
use crate::probe::Probe;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClipRow {
    pub id: String,
    pub run_id: String,
    pub model: String,
    pub model_name: String,
    pub route: String,
    pub endpoint: String,
    pub base_url: String,
    pub status: String,
    pub resolved_json: String,
    pub parity_json: String,
    pub request_json: String,
    pub provider_job_id: Option<String>,
    pub provider_handle_json: Option<String>,
    pub error_code: Option<String>,
    pub error_message: Option<String>,
    pub estimated_cost_usd: f64,
    pub cost_usd: Option<f64>,
    pub billed_cost_usd: Option<f64>,
    pub queue_position: Option<i64>,
    pub progress: Option<f64>,
    pub submitted_at_ms: Option<i64>,
    pub started_at_ms: Option<i64>,
    pub completed_at_ms: Option<i64>,
    pub downloaded_at_ms: Option<i64>,
    pub file_path: Option<String>,
    pub media_path: Option<String>,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub duration_s: Option<f64>,
    pub has_audio: Option<bool>,
    pub fps: Option<f64>,
    pub frame_count: Option<i64>,
    pub demo: bool,
    pub remix_of_clip_id: Option<String>,
    pub lease_owner: Option<String>,
    pub lease_until_ms: Option<i64>,
    pub rating: Option<i64>,
    pub take: i64,
    pub note: Option<String>,
    pub deleted_at_ms: Option<i64>,
    pub poster_path: Option<String>,
    /// `remix` or `extend` when `remix_of_clip_id` is set.
    pub continue_kind: Option<String>,
}

/// What a successful download recorded.
pub struct Delivered<'a> {
    pub probe: &'a Probe,
    pub file_path: &'a str,
    pub media_path: &'a str,
    pub cost_usd: f64,
    pub billed_cost_usd: Option<f64>,
}

impl ClipRow {
    pub fn status(&self) -> ClipStatus {
        ClipStatus::parse(&self.status).unwrap_or(ClipStatus::Unknown)
    }

    /// The clip's route. A name this build does not know (a row written by a newer Dailies)
    /// is an error: following it with another route's adapter would send that route's key
    /// to the row's stored base URL.
    pub fn route_id(&self) -> Result<RouteId, crate::error::Error> {
        RouteId::parse(&self.route).ok_or_else(|| crate::error::Error::UnknownRoute { route: self.route.clone() })
    }

    /// The job to follow or cancel, once the provider has given its id.
    pub fn job_ref(&self) -> Option<crate::providers::JobRef> {
        Some(crate::providers::JobRef {
            provider_job_id: self.provider_job_id.clone()?,
            endpoint: self.endpoint.clone(),
            handle: self
                .provider_handle_json
                .as_deref()
                .and_then(|h| serde_json::from_str(h).ok())
                .unwrap_or(serde_json::Value::Null),
        })
    }

    /// Phase durations from the observed timestamps.
    pub fn latency(&self) -> Latency {
        let span = |a: Option<i64>, b: Option<i64>| Some(b? - a?);
        // A route that never reports "running" gives no queue/generate split: all of it is generating.
        let started = self.started_at_ms.or(self.completed_at_ms.and(self.submitted_at_ms));
        Latency {
            queued: span(self.submitted_at_ms, started),
            generating: span(started, self.completed_at_ms),
            downloading: span(self.completed_at_ms, self.downloaded_at_ms),
            total: span(self.submitted_at_ms, self.downloaded_at_ms),
        }
    }

    pub fn into_view(self) -> ClipView {
        let latency_ms = self.latency();
        let status = self.status();
        let error = self
            .error_message
            .clone()
            .map(|message| ClipError { code: self.error_code.clone().unwrap_or_else(|| "failed".into()), message });
        ClipView {
            resolved: serde_json::from_str(&self.resolved_json).unwrap_or_default(),
            parity: serde_json::from_str(&self.parity_json).unwrap_or_default(),
            id: self.id,
            run_id: self.run_id,
            model: self.model,
            model_name: self.model_name,
            route: self.route,
            endpoint: self.endpoint,
            status,
            error,
            estimated_cost_usd: self.estimated_cost_usd,
            cost_usd: self.cost_usd,
            cost_kind: self.cost_usd.map(|_| CostKind::of(self.billed_cost_usd)),
            billed_cost_usd: self.billed_cost_usd,
            latency_ms,
            provider_job_id: self.provider_job_id,
            queue_position: self.queue_position.and_then(|q| u32::try_from(q).ok()),
            progress: self.progress,
            submitted_at_ms: self.submitted_at_ms,
            started_at_ms: self.started_at_ms,
            file: self.file_path,
            media_path: self.media_path,
            width: self.width.and_then(|w| u32::try_from(w).ok()),
            height: self.height.and_then(|h| u32::try_from(h).ok()),
            duration_s: self.duration_s,
            has_audio: self.has_audio,
            fps: self.fps,
            frame_count: self.frame_count.and_then(|n| u32::try_from(n).ok()),
            demo: self.demo,
            remix_of: self.remix_of_clip_id,
            continues: self.continue_kind.as_deref().and_then(crate::api::ContinueKind::parse),
            rating: self.rating.and_then(|r| u8::try_from(r).ok()),
            take: u32::try_from(self.take).unwrap_or(1),
            tags: Vec::new(),
            note: self.note,
            poster_path: self.poster_path,
            // Needs the library's history: the engine fills it in (`Studio::with_eta`).
            eta: None,
        }
    }
}

impl Store {
    pub async fn clip(&self, clip_id: &str) -> Result<ClipRow> {
        sqlx::query_as::<_, ClipRow>("SELECT * FROM clips WHERE id = ?")
            .bind(clip_id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| Error::NotFound { what: "clip", id: clip_id.to_string() })
    }

    /// The run's clips that are not in the trash (a trashed clip is hidden everywhere).
    pub async fn clips_of_run(&self, run_id: &str) -> Result<Vec<ClipRow>> {
        Ok(sqlx::query_as::<_, ClipRow>(
            "SELECT * FROM clips WHERE run_id = ? AND deleted_at_ms IS NULL ORDER BY position",
        )
        .bind(run_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Clips a crash may have left behind: anything not yet in a terminal state.
    pub async fn unfinished_clips(&self) -> Result<Vec<ClipRow>> {
        Ok(sqlx::query_as::<_, ClipRow>(
            "SELECT * FROM clips WHERE status IN ('pending','submitting','queued','generating','downloading') \
             ORDER BY created_at_ms, position",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    /// Written BEFORE the submit request goes out: from here on a crash means "maybe charged".
    /// Only a `pending` clip moves on, so a clip canceled before it was sent (by this or
    /// another process) is never sent; `false` means it is no longer pending.
    pub async fn mark_submitting(&self, clip_id: &str) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE clips SET status = 'submitting', submitted_at_ms = ? WHERE id = ? AND status = 'pending'",
        )
        .bind(now_ms())
        .bind(clip_id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Cancels a clip that has not been sent; `false` when it already left `pending`.
    pub async fn cancel_pending(&self, clip_id: &str, message: &str) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE clips SET status = 'canceled', error_code = 'canceled', error_message = ?, \
             completed_at_ms = ? WHERE id = ? AND status = 'pending'",
        )
        .bind(message)
        .bind(now_ms())
        .bind(clip_id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Written the moment the provider returns its job id.
    pub async fn set_provider_job(&self, clip_id: &str, job_id: &str, handle: &serde_json::Value) -> Result<()> {
        sqlx::query("UPDATE clips SET status = 'queued', provider_job_id = ?, provider_handle_json = ? WHERE id = ?")
            .bind(job_id)
            .bind(handle.to_string())
            .bind(clip_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Live progress; the first time a job is seen generating fixes `started_at_ms`.
    pub async fn set_progress(
        &self,
        clip_id: &str,
        status: ClipStatus,
        queue_position: Option<u32>,
        progress: Option<f64>,
    ) -> Result<()> {
        let started = (status == ClipStatus::Generating).then(now_ms);
        sqlx::query(
            "UPDATE clips SET status = ?, queue_position = ?, progress = coalesce(?, progress), \
             started_at_ms = coalesce(started_at_ms, ?) WHERE id = ?",
        )
        .bind(status.as_str())
        .bind(queue_position)
        .bind(progress)
        .bind(started)
        .bind(clip_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn mark_generated(&self, clip_id: &str) -> Result<()> {
        self.mark_generated_at(clip_id, now_ms()).await
    }

    /// The provider finished the job at `ended_at_ms` (observed, or estimated between two
    /// polls); a first end recorded is kept.
    pub async fn mark_generated_at(&self, clip_id: &str, ended_at_ms: i64) -> Result<()> {
        sqlx::query(
            "UPDATE clips SET status = 'downloading', queue_position = NULL, \
             completed_at_ms = coalesce(completed_at_ms, ?) WHERE id = ?",
        )
        .bind(ended_at_ms)
        .bind(clip_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn mark_delivered(&self, clip_id: &str, d: Delivered<'_>) -> Result<()> {
        sqlx::query(
            "UPDATE clips SET status = 'succeeded', downloaded_at_ms = ?, file_path = ?, media_path = ?, \
             width = ?, height = ?, duration_s = ?, has_audio = ?, size_bytes = ?, fps = ?, \
             frame_count = ?, cost_usd = ?, billed_cost_usd = ?, progress = 100, error_code = NULL, error_message = NULL WHERE id = ?",
        )
        .bind(now_ms())
        .bind(d.file_path)
        .bind(d.media_path)
        .bind(d.probe.width)
        .bind(d.probe.height)
        .bind(d.probe.duration_s)
        .bind(d.probe.has_audio)
        .bind(i64::try_from(d.probe.size_bytes).unwrap_or(i64::MAX))
        .bind(d.probe.fps)
        .bind(d.probe.frame_count)
        .bind(d.cost_usd)
        .bind(d.billed_cost_usd)
        .bind(clip_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Terminal failure (`failed`, `canceled` or `unknown`) with a creator-facing message,
    /// scrubbed of keys here (it often quotes the provider).
    pub async fn mark_failed(&self, clip_id: &str, status: ClipStatus, code: &str, message: &str) -> Result<()> {
        sqlx::query(
            "UPDATE clips SET status = ?, error_code = ?, error_message = ?, queue_position = NULL, \
             completed_at_ms = coalesce(completed_at_ms, ?) WHERE id = ?",
        )
        .bind(status.as_str())
        .bind(code)
        .bind(crate::redact::scrub(message))
        .bind(now_ms())
        .bind(clip_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
