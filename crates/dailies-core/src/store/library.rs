//! The library as a creator judges it: star ratings on clips and a run's summary line (searched in `search.rs`).

use sqlx::Row;

use super::runs::count;
use super::Store;
use crate::api::RunSummary;
use crate::error::{Error, Result};

impl Store {
    /// Sets (or with `None` clears) a clip's 1–5 star rating.
    pub async fn set_rating(&self, clip_id: &str, rating: Option<u8>) -> Result<()> {
        let done = sqlx::query("UPDATE clips SET rating = ? WHERE id = ?")
            .bind(rating.map(i64::from))
            .bind(clip_id)
            .execute(self.pool())
            .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound { what: "clip", id: clip_id.to_string() });
        }
        Ok(())
    }
}

pub(super) fn summary(row: &sqlx::sqlite::SqliteRow) -> RunSummary {
    let n: i64 = row.get("n");
    let ok: i64 = row.try_get("ok").unwrap_or(0);
    let bad: i64 = row.try_get("bad").unwrap_or(0);
    let models: Option<String> = row.get("models");
    let best: Option<i64> = row.try_get("best").unwrap_or(None);
    RunSummary {
        run_id: row.get("id"),
        prompt: row.get("text"),
        created_at: row.get("created_at"),
        models: models.map(|m| m.split(',').map(str::to_string).collect()).unwrap_or_default(),
        clip_count: count(n),
        succeeded: count(ok),
        failed: count(bad),
        running: count(n - ok - bad),
        estimated_cost_usd: row.get("estimated_cost_usd"),
        cost_usd: row.get("cost"),
        cost_billed_usd: row.get("billed"),
        cost_estimated_usd: row.get("estimated"),
        demo: row.get("demo"),
        best_rating: best.and_then(|b| u8::try_from(b).ok()),
        parent_run_id: row.get("parent_run_id"),
        winner_clip_id: row.get("winner_clip_id"),
    }
}
