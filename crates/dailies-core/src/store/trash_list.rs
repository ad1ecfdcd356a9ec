//! What is in the trash, and finding a run or clip by id among live or trashed ones.

use sqlx::Row;

use super::runs::count;
use super::Store;
use crate::api::{TrashItem, TrashKind};
use crate::error::{Error, InputError, Result};

/// Trashed runs, each with the clips that went with it (same `deleted_at_ms`).
const RUNS: &str = "SELECT r.id, r.id AS run_id, p.text, r.deleted_at_ms, \
       (SELECT group_concat(c.model, ',') FROM clips c WHERE c.run_id = r.id AND c.deleted_at_ms = r.deleted_at_ms) AS models, \
       (SELECT count(*) FROM clips c WHERE c.run_id = r.id AND c.deleted_at_ms = r.deleted_at_ms) AS n \
     FROM runs r JOIN prompts p ON p.id = r.prompt_id WHERE r.deleted_at_ms IS NOT NULL";

/// Clips trashed on their own (not with their run).
const CLIPS: &str = "SELECT c.id, c.run_id, p.text, c.deleted_at_ms, c.model AS models, 1 AS n \
     FROM clips c JOIN runs r ON r.id = c.run_id JOIN prompts p ON p.id = r.prompt_id \
     WHERE c.deleted_at_ms IS NOT NULL AND (r.deleted_at_ms IS NULL OR r.deleted_at_ms <> c.deleted_at_ms)";

impl Store {
    /// Every trash entry, most recently deleted first.
    pub async fn trash_items(&self) -> Result<Vec<TrashItem>> {
        let mut items = self.trashed(TrashKind::Run, None).await?;
        items.extend(self.trashed(TrashKind::Clip, None).await?);
        items.sort_by(|a, b| b.deleted_at_ms.cmp(&a.deleted_at_ms).then_with(|| a.id.cmp(&b.id)));
        Ok(items)
    }

    /// One trash entry by full id.
    pub async fn trash_item(&self, kind: TrashKind, id: &str) -> Result<TrashItem> {
        let mut found = self.trashed(kind, Some(id)).await?;
        found.pop().ok_or_else(|| Error::NotFound { what: kind.as_str(), id: id.to_string() })
    }

    async fn trashed(&self, kind: TrashKind, id: Option<&str>) -> Result<Vec<TrashItem>> {
        let (base, column) = match kind {
            TrashKind::Run => (RUNS, "r.id"),
            TrashKind::Clip => (CLIPS, "c.id"),
        };
        let rows = match id {
            Some(id) => sqlx::query(&format!("{base} AND {column} = ?")).bind(id).fetch_all(self.pool()).await?,
            None => sqlx::query(base).fetch_all(self.pool()).await?,
        };
        Ok(rows
            .iter()
            .map(|row| {
                let models: Option<String> = row.get("models");
                TrashItem {
                    kind,
                    id: row.get("id"),
                    run_id: row.get("run_id"),
                    prompt: row.get("text"),
                    models: models.map(|m| m.split(',').map(str::to_string).collect()).unwrap_or_default(),
                    clip_count: count(row.get("n")),
                    deleted_at_ms: row.get("deleted_at_ms"),
                }
            })
            .collect())
    }

    /// A run or clip by full id, unique prefix or unique ending, among live ones (`rm`) or
    /// trashed ones (`restore`). A run prefix also matches its clips (time-ordered ids
    /// share their start), so one run with several clips reads as the run.
    pub async fn find_item(&self, id_or_part: &str, trashed: bool) -> Result<(TrashKind, String)> {
        let part = id_or_part.trim().replace(['%', '_'], "");
        let not_found = || Error::NotFound { what: "run or clip", id: id_or_part.to_string() };
        if part.is_empty() {
            return Err(not_found());
        }
        let flag = if trashed { "IS NOT NULL" } else { "IS NULL" };
        let lookup = |table: &str| {
            format!(
                "SELECT id FROM {table} WHERE deleted_at_ms {flag} AND (id = ?1 OR id LIKE ?2 OR id LIKE ?3) \
                 ORDER BY id = ?1 DESC LIMIT 2"
            )
        };
        let mut found = Vec::new();
        for (kind, table) in [(TrashKind::Run, "runs"), (TrashKind::Clip, "clips")] {
            let ids: Vec<String> = sqlx::query_scalar(&lookup(table))
                .bind(&part)
                .bind(format!("{part}%"))
                .bind(format!("%{part}"))
                .fetch_all(self.pool())
                .await?;
            if ids.first() == Some(&part) {
                return Ok((kind, part));
            }
            found.push(ids);
        }
        match (found[0].as_slice(), found[1].as_slice()) {
            ([run], []) | ([run], [_, _]) => Ok((TrashKind::Run, run.clone())),
            ([], [clip]) => Ok((TrashKind::Clip, clip.clone())),
            ([run], [clip]) => Err(InputError::Library {
                field: "id".into(),
                reason: format!("'{id_or_part}' matches run {run} and clip {clip}; give more of the id"),
            }
            .into()),
            _ => Err(not_found()),
        }
    }
}
