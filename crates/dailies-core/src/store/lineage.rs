//! A run's lineage through `parent_run_id`: its ancestors up to the first run of the
//! iteration and every run made from it, each with what it cost. Both walks use the
//! primary key (up) and the `runs_parent` index (down), so they stay fast at any size.

use sqlx::Row;

use super::runs::count;
use super::Store;
use crate::error::Result;

/// One run of a lineage as stored; the engine adds its winner clip.
pub struct LineageRow {
    pub run_id: String,
    pub parent_run_id: Option<String>,
    pub prompt: String,
    pub created_at: String,
    pub winner_clip_id: Option<String>,
    pub clip_count: u32,
    pub succeeded: u32,
    pub cost_usd: f64,
    /// The part of `cost_usd` providers reported as charged; the rest is catalog estimates.
    pub cost_billed_usd: f64,
    /// `remix` or `extend` when the run continues a clip of another run.
    pub continue_kind: Option<String>,
}

/// `?1` is the run id.
const LINEAGE_SQL: &str = "WITH RECURSIVE up(id, parent) AS ( \
         SELECT id, parent_run_id FROM runs WHERE id = ?1 \
         UNION SELECT r.id, r.parent_run_id FROM runs r JOIN up ON r.id = up.parent \
     ), down(id) AS ( \
         SELECT id FROM runs WHERE id = ?1 \
         UNION SELECT r.id FROM runs r JOIN down ON r.parent_run_id = down.id \
     ) \
     SELECT r.id, r.parent_run_id, p.text, r.created_at, r.winner_clip_id, \
       (SELECT count(*) FROM clips c WHERE c.run_id = r.id AND c.deleted_at_ms IS NULL) AS clip_count, \
       (SELECT count(*) FROM clips c WHERE c.run_id = r.id AND c.deleted_at_ms IS NULL \
          AND c.status = 'succeeded') AS succeeded, \
       (SELECT coalesce(sum(c.cost_usd), 0.0) FROM clips c WHERE c.run_id = r.id \
          AND c.deleted_at_ms IS NULL) AS cost, \
       (SELECT coalesce(sum(c.cost_usd), 0.0) FROM clips c WHERE c.run_id = r.id \
          AND c.deleted_at_ms IS NULL AND c.billed_cost_usd IS NOT NULL) AS billed, \
       (SELECT c.continue_kind FROM clips c WHERE c.run_id = r.id AND c.continue_kind IS NOT NULL \
          LIMIT 1) AS continue_kind \
     FROM runs r JOIN prompts p ON p.id = r.prompt_id \
     WHERE r.id IN (SELECT id FROM up UNION SELECT id FROM down) AND r.deleted_at_ms IS NULL \
     ORDER BY r.created_at, r.id";

impl Store {
    /// The lineage of `run_id`, oldest first. Runs in the trash are walked through (the chain
    /// stays connected) but not listed, and trashed clips count for nothing.
    pub async fn lineage(&self, run_id: &str) -> Result<Vec<LineageRow>> {
        let rows = sqlx::query(LINEAGE_SQL).bind(run_id).fetch_all(&self.pool).await?;
        Ok(rows
            .into_iter()
            .map(|row| LineageRow {
                run_id: row.get("id"),
                parent_run_id: row.get("parent_run_id"),
                prompt: row.get("text"),
                created_at: row.get("created_at"),
                winner_clip_id: row.get("winner_clip_id"),
                clip_count: count(row.get("clip_count")),
                succeeded: count(row.get("succeeded")),
                cost_usd: row.get("cost"),
                cost_billed_usd: row.get("billed"),
                continue_kind: row.get("continue_kind"),
            })
            .collect())
    }

    /// The prompt of one run, trashed or not (a re-run's diff is against its parent either way).
    pub async fn run_prompt(&self, run_id: &str) -> Result<Option<String>> {
        Ok(sqlx::query_scalar("SELECT p.text FROM runs r JOIN prompts p ON p.id = r.prompt_id WHERE r.id = ?")
            .bind(run_id)
            .fetch_optional(&self.pool)
            .await?)
    }

    /// Whether the run is in the trash (a trashed run is not re-run).
    pub async fn run_in_trash(&self, run_id: &str) -> Result<bool> {
        let deleted: Option<Option<i64>> = sqlx::query_scalar("SELECT deleted_at_ms FROM runs WHERE id = ?")
            .bind(run_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(matches!(deleted, Some(Some(_))))
    }
}

#[cfg(test)]
#[path = "lineage_tests.rs"]
mod tests;
