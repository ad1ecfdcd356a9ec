//! Runs and their prompts.

use std::collections::HashMap;

use sqlx::Row;

use super::{now_ms, rfc3339, Store};
use crate::api::{ClipStatus, ClipView, RunPlan, RunView};
use crate::error::{Error, Result};

/// A planned clip as persisted before anything is sent.
pub struct NewClip<'a> {
    pub id: String,
    pub base_url: String,
    pub request_json: String,
    pub planned: &'a crate::api::PlannedClip,
}

impl Store {
    /// Persists a run and all its clips (status `pending`) in one transaction, leased to
    /// this process so no other process's `resume` picks them up before their tasks start.
    pub async fn insert_run(&self, run_id: &str, plan: &RunPlan, clips: &[NewClip<'_>]) -> Result<()> {
        let now = now_ms();
        let mut tx = self.pool.begin().await?;
        let prompt_id: i64 =
            sqlx::query_scalar("INSERT INTO prompts (text, negative_prompt, created_at) VALUES (?, ?, ?) RETURNING id")
                .bind(&plan.params.prompt)
                .bind(&plan.params.negative_prompt)
                .bind(rfc3339(now))
                .fetch_one(&mut *tx)
                .await?;
        sqlx::query(
            "INSERT INTO runs (id, prompt_id, params_json, estimated_cost_usd, demo, created_at, parent_run_id) \
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(run_id)
        .bind(prompt_id)
        .bind(serde_json::to_string(&plan.params).expect("params serialise"))
        .bind(plan.estimated_cost_usd)
        .bind(plan.demo)
        .bind(rfc3339(now))
        .bind(&plan.parent_run_id)
        .execute(&mut *tx)
        .await?;
        for (position, c) in clips.iter().enumerate() {
            let p = c.planned;
            sqlx::query(
                "INSERT INTO clips (id, run_id, position, model, model_name, route, endpoint, base_url, status, \
                 resolved_json, parity_json, request_json, estimated_cost_usd, demo, created_at_ms, \
                 remix_of_clip_id, lease_owner, lease_until_ms, take, continue_kind) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(&c.id)
            .bind(run_id)
            .bind(i64::try_from(position).unwrap_or(i64::MAX))
            .bind(&p.model)
            .bind(&p.model_name)
            .bind(p.route.as_str())
            .bind(&p.endpoint)
            .bind(&c.base_url)
            .bind(ClipStatus::Pending.as_str())
            .bind(serde_json::to_string(&p.resolved).expect("resolved serialise"))
            .bind(serde_json::to_string(&p.parity).expect("parity serialise"))
            .bind(&c.request_json)
            .bind(p.estimated_cost_usd)
            .bind(plan.demo)
            .bind(now)
            .bind(&p.remix_of)
            .bind(self.owner())
            .bind(Store::lease_until())
            .bind(i64::from(p.take.max(1)))
            .bind(p.continues.map(crate::api::ContinueKind::as_str))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Accepts a full run id, or a unique prefix (as `git` does for commits) or ending of one.
    pub async fn find_run_id(&self, id_or_part: &str) -> Result<String> {
        // A run in the trash is hidden everywhere: only `restore` looks it up (trash.rs).
        self.find_id(
            "run",
            "SELECT id FROM runs WHERE (id LIKE ? OR id LIKE ?) AND deleted_at_ms IS NULL LIMIT 2",
            id_or_part,
        )
        .await
    }

    /// A clip by full id, unique prefix, or unique ending. Ids are time-ordered (UUIDv7), so
    /// clips of one run share their first dozen characters; the CLI prints the last eight.
    pub async fn find_clip_id(&self, id_or_part: &str) -> Result<String> {
        self.find_id(
            "clip",
            "SELECT id FROM clips WHERE (id LIKE ? OR id LIKE ?) AND deleted_at_ms IS NULL LIMIT 2",
            id_or_part,
        )
        .await
    }

    async fn find_id(&self, what: &'static str, sql: &str, id_or_part: &str) -> Result<String> {
        let part = id_or_part.trim().replace(['%', '_'], "");
        let not_found = || Error::NotFound { what, id: id_or_part.to_string() };
        if part.is_empty() {
            return Err(not_found());
        }
        let ids: Vec<String> =
            sqlx::query_scalar(sql).bind(format!("{part}%")).bind(format!("%{part}")).fetch_all(&self.pool).await?;
        match ids.as_slice() {
            [one] => Ok(one.clone()),
            _ => Err(not_found()),
        }
    }

    pub async fn run_view(&self, run_id: &str) -> Result<RunView> {
        let row = sqlx::query(
            "SELECT r.id, p.text, r.params_json, r.created_at, r.estimated_cost_usd, r.demo, r.parent_run_id, \
             r.winner_clip_id \
             FROM runs r JOIN prompts p ON p.id = r.prompt_id WHERE r.id = ?",
        )
        .bind(run_id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| Error::NotFound { what: "run", id: run_id.to_string() })?;
        let clips = self.clips_of_run(run_id).await?;
        let mut tags = self.tags_of_run(run_id).await?;
        Ok(RunView {
            run_id: row.get("id"),
            prompt: row.get("text"),
            params: serde_json::from_str(row.get::<&str, _>("params_json")).unwrap_or_default(),
            created_at: row.get("created_at"),
            estimated_cost_usd: row.get("estimated_cost_usd"),
            demo: row.get("demo"),
            parent_run_id: row.get("parent_run_id"),
            winner_clip_id: row.get("winner_clip_id"),
            clips: clips
                .into_iter()
                .map(|c| {
                    let clip_tags = tags.remove(&c.id).unwrap_or_default();
                    ClipView { tags: clip_tags, ..c.into_view() }
                })
                .collect(),
        })
    }

    /// Every tag on the clips of one run, by clip id, each list sorted.
    pub async fn tags_of_run(&self, run_id: &str) -> Result<HashMap<String, Vec<String>>> {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT t.clip_id, t.tag FROM clip_tags t JOIN clips c ON c.id = t.clip_id \
             WHERE c.run_id = ? ORDER BY t.clip_id, t.tag",
        )
        .bind(run_id)
        .fetch_all(&self.pool)
        .await?;
        let mut by_clip: HashMap<String, Vec<String>> = HashMap::new();
        for (clip_id, tag) in rows {
            by_clip.entry(clip_id).or_default().push(tag);
        }
        Ok(by_clip)
    }
}

pub(super) fn count(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}
