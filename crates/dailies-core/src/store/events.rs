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
        .bind(raw_status)
        .bind(detail)
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
}
