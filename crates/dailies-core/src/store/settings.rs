//! The settings table and the spend that budgets are measured against.

use super::{now_ms, Store};
use crate::error::Result;

impl Store {
    pub async fn setting_rows(&self) -> Result<Vec<(String, String)>> {
        Ok(sqlx::query_as("SELECT key, value FROM settings ORDER BY key").fetch_all(self.pool()).await?)
    }

    pub async fn put_setting(&self, key: &str, value: &str) -> Result<()> {
        sqlx::query(
            "INSERT INTO settings (key, value, updated_at_ms) VALUES (?, ?, ?) \
             ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at_ms = excluded.updated_at_ms",
        )
        .bind(key)
        .bind(value)
        .bind(now_ms())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    pub async fn delete_setting(&self, key: &str) -> Result<()> {
        sqlx::query("DELETE FROM settings WHERE key = ?").bind(key).execute(self.pool()).await?;
        Ok(())
    }

    /// What real (non-demo) clips cost from `since_ms` on: every clip sent since then, at its
    /// billed cost where known else its estimate, plus clips created since then that are still
    /// waiting to be sent (they will spend). Trashed clips count: the money was spent.
    pub async fn spend_since(&self, since_ms: i64) -> Result<f64> {
        let sent: f64 = sqlx::query_scalar(
            "SELECT coalesce(sum(coalesce(cost_usd, estimated_cost_usd)), 0.0) FROM clips \
             WHERE submitted_at_ms >= ? AND submitted_at_ms IS NOT NULL AND demo = 0",
        )
        .bind(since_ms)
        .fetch_one(self.pool())
        .await?;
        let waiting: f64 = sqlx::query_scalar(
            "SELECT coalesce(sum(estimated_cost_usd), 0.0) FROM clips \
             WHERE status = 'pending' AND demo = 0 AND created_at_ms >= ?",
        )
        .bind(since_ms)
        .fetch_one(self.pool())
        .await?;
        Ok(sent + waiting)
    }
}
