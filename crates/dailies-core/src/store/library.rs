//! The library as a creator browses it: runs filtered by words, model and rating, star
//! ratings on clips, and the finished clips that per-model statistics are made from.

use sqlx::{QueryBuilder, Row, Sqlite};

use super::runs::count;
use super::Store;
use crate::api::{LibraryQuery, RunSummary};
use crate::error::{Error, Result};

/// What one delivered or failed clip contributes to its model's statistics.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClipOutcome {
    pub model: String,
    pub model_name: String,
    pub route: String,
    pub status: String,
    pub cost_usd: Option<f64>,
    pub billed_cost_usd: Option<f64>,
    pub duration_s: Option<f64>,
    pub submitted_at_ms: Option<i64>,
    pub started_at_ms: Option<i64>,
    pub completed_at_ms: Option<i64>,
    pub downloaded_at_ms: Option<i64>,
    pub rating: Option<i64>,
}

impl Store {
    /// Runs matching every given filter, newest first. Words match the prompt (each word
    /// anywhere, any case); a model matches `id` or `id@route`.
    pub async fn search_runs(&self, q: &LibraryQuery) -> Result<Vec<RunSummary>> {
        let mut sql: QueryBuilder<Sqlite> = QueryBuilder::new(
            "SELECT r.id, p.text, r.created_at, r.estimated_cost_usd, r.demo, r.parent_run_id, r.winner_clip_id, \
               group_concat(c.model, ',') AS models, count(c.id) AS n, \
               sum(c.status = 'succeeded') AS ok, sum(c.status IN ('failed','canceled','unknown')) AS bad, \
               coalesce(sum(c.cost_usd), 0.0) AS cost, \
               coalesce(sum(CASE WHEN c.billed_cost_usd IS NOT NULL THEN c.cost_usd END), 0.0) AS billed, \
               coalesce(sum(CASE WHEN c.billed_cost_usd IS NULL THEN c.cost_usd END), 0.0) AS estimated, \
               max(c.rating) AS best \
             FROM runs r JOIN prompts p ON p.id = r.prompt_id \
             LEFT JOIN clips c ON c.run_id = r.id AND c.deleted_at_ms IS NULL WHERE r.deleted_at_ms IS NULL",
        );
        for word in q.text.as_deref().unwrap_or_default().split_whitespace() {
            let escaped = word.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
            sql.push(" AND p.text LIKE ").push_bind(format!("%{escaped}%")).push(" ESCAPE '\\'");
        }
        if let Some(model) = q.model.as_deref().filter(|m| !m.trim().is_empty()) {
            let (id, route) = model.trim().split_once('@').map_or((model.trim(), None), |(i, r)| (i, Some(r)));
            sql.push(" AND EXISTS (SELECT 1 FROM clips m WHERE m.run_id = r.id AND m.model = ")
                .push_bind(id.to_string());
            if let Some(route) = route {
                sql.push(" AND m.route = ").push_bind(route.to_string());
            }
            sql.push(")");
        }
        if let Some(min) = q.min_rating {
            sql.push(" AND EXISTS (SELECT 1 FROM clips s WHERE s.run_id = r.id AND s.rating >= ")
                .push_bind(i64::from(min))
                .push(")");
        }
        sql.push(" GROUP BY r.id ORDER BY r.created_at DESC, r.id DESC LIMIT ")
            .push_bind(i64::from(q.limit.unwrap_or(200)));
        let rows = sql.build().fetch_all(self.pool()).await?;
        Ok(rows.into_iter().map(|row| summary(&row)).collect())
    }

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

    /// Every clip that reached an end (delivered, failed or canceled), for statistics.
    pub async fn clip_outcomes(&self, include_demo: bool) -> Result<Vec<ClipOutcome>> {
        Ok(sqlx::query_as::<_, ClipOutcome>(
            "SELECT model, model_name, route, status, cost_usd, billed_cost_usd, duration_s, submitted_at_ms, started_at_ms, \
             completed_at_ms, downloaded_at_ms, rating FROM clips \
             WHERE status IN ('succeeded','failed','canceled','unknown') AND (demo = 0 OR ?) \
             AND deleted_at_ms IS NULL ORDER BY created_at_ms",
        )
        .bind(include_demo)
        .fetch_all(self.pool())
        .await?)
    }
}

fn summary(row: &sqlx::sqlite::SqliteRow) -> RunSummary {
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
