//! The job event log: what happened to a clip, when, in the provider's own words.

use super::{now_ms, Store};
use crate::error::Result;

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct JobEvent {
    pub at_ms: i64,
    pub kind: String,
    pub state: Option<String>,
    pub raw_status: Option<String>,
    pub detail: Option<String>,
}

impl Store {
    /// Provider text (`raw_status`, `detail`) is scrubbed of keys here, the one place
    /// events are written.
    pub async fn add_event(
        &self,
        clip_id: &str,
        kind: &str,
        state: Option<&str>,
        raw_status: Option<&str>,
        detail: Option<&str>,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO job_events (clip_id, at_ms, kind, state, raw_status, detail) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(clip_id)
        .bind(now_ms())
        .bind(kind)
        .bind(state)
        .bind(crate::redact::scrub_opt(raw_status))
        .bind(crate::redact::scrub_opt(detail))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn events(&self, clip_id: &str) -> Result<Vec<JobEvent>> {
        Ok(sqlx::query_as::<_, JobEvent>(
            "SELECT at_ms, kind, state, raw_status, detail FROM job_events WHERE clip_id = ? ORDER BY id",
        )
        .bind(clip_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// A creator asked to cancel this clip (from any process) and the provider did not
    /// refuse it: the last `cancel` event is not followed by a `cancel_refused` one.
    /// Followers treat the end of the job after it as the cancel, and a submit still on the
    /// wire sends it on acceptance.
    pub async fn cancel_requested(&self, clip_id: &str) -> Result<bool> {
        let last: Option<String> = sqlx::query_scalar(
            "SELECT kind FROM job_events WHERE clip_id = ? AND kind IN ('cancel', 'cancel_refused') \
             ORDER BY id DESC LIMIT 1",
        )
        .bind(clip_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(last.as_deref() == Some("cancel"))
    }
}
