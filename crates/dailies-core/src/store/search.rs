//! Library search: runs and clips newest first, a page at a time through an index.
//!
//! Runs are ordered by their prompt id (one prompt row is written with each run, so it grows
//! with time) and paged by `(prompt id, run id)`. With words, the run page is driven from the
//! prompt index read in descending rowid order, so a common word stops after one page and a
//! rare one reads only its matches; runs found by a clip's tags or note are merged in. Only
//! the page's runs are then aggregated into summaries.

use std::collections::HashMap;

use sqlx::sqlite::SqliteRow;
use sqlx::{FromRow, QueryBuilder, Row, Sqlite};

use super::clips::ClipRow;
use super::search_filter::{Cursor, SearchFilter};
use super::search_plan::{push_clip_filters, Reading};
use super::Store;
use crate::api::{ClipPage, ClipView, LibraryClip, LibraryQuery, RunPage, RunSummary};
use crate::error::Result;

/// Where a run page's candidates come from.
enum Source<'a> {
    AllRuns,
    PromptWords(&'a str),
    ClipWords(&'a str),
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct RunKey {
    prompt_id: i64,
    run_id: String,
}

impl Store {
    /// One page of live runs matching every filter, newest first.
    pub async fn search_run_page(&self, q: &LibraryQuery) -> Result<RunPage> {
        let f = SearchFilter::parse(q)?;
        let mut keys = match f.fts.as_deref() {
            None => self.run_keys(&f, Source::AllRuns).await?,
            Some(expr) => {
                let mut keys = self.run_keys(&f, Source::PromptWords(expr)).await?;
                keys.extend(self.run_keys(&f, Source::ClipWords(expr)).await?);
                keys.sort_unstable_by(|a, b| b.cmp(a));
                keys.dedup();
                keys
            }
        };
        let limit = f.limit as usize;
        let next_cursor = (keys.len() > limit).then(|| {
            keys.truncate(limit);
            keys.last().map(|k| Cursor { key: k.prompt_id, id: k.run_id.clone() }.encode())
        });
        let runs = self.summaries(&keys).await?;
        Ok(RunPage { runs, next_cursor: next_cursor.flatten() })
    }

    /// Run search as a list (the first page).
    pub async fn search_runs(&self, q: &LibraryQuery) -> Result<Vec<RunSummary>> {
        Ok(self.search_run_page(q).await?.runs)
    }

    /// Up to a page and one of run keys from one source, newest first.
    async fn run_keys(&self, f: &SearchFilter, source: Source<'_>) -> Result<Vec<RunKey>> {
        let from_matching_clips = matches!(source, Source::AllRuns) && self.run_filter_reads_matches(f).await?;
        let mut sql: QueryBuilder<Sqlite> = QueryBuilder::new("SELECT r.prompt_id, r.id FROM ");
        match &source {
            Source::AllRuns if from_matching_clips => {
                // The few matching clips' runs, then their places in the list from an index;
                // CROSS JOIN keeps SQLite from scanning runs and probing the clips per run.
                sql.push("(SELECT DISTINCT c.run_id FROM clips c WHERE c.deleted_at_ms IS NULL");
                push_clip_filters(&mut sql, f, Reading::ByFilterIndex);
                sql.push(
                    ") m CROSS JOIN runs r INDEXED BY runs_live_by_id ON r.id = m.run_id WHERE r.deleted_at_ms IS NULL",
                );
            }
            Source::AllRuns => {
                sql.push("runs r WHERE r.deleted_at_ms IS NULL");
            }
            Source::PromptWords(expr) => {
                sql.push("prompt_fts JOIN runs r ON r.prompt_id = prompt_fts.rowid WHERE prompt_fts MATCH ")
                    .push_bind(expr.to_string())
                    .push(" AND r.deleted_at_ms IS NULL");
            }
            Source::ClipWords(expr) => {
                sql.push(
                    "runs r WHERE r.deleted_at_ms IS NULL AND r.id IN (SELECT w.run_id FROM clip_words_fts \
                     JOIN clips w ON w.id = clip_words_fts.clip_id WHERE clip_words_fts MATCH ",
                )
                .push_bind(expr.to_string())
                .push(" AND w.deleted_at_ms IS NULL)");
            }
        }
        if let Some(since) = f.since_ms {
            sql.push(" AND r.created_at >= ").push_bind(super::rfc3339(since));
        }
        if let Some(until) = f.until_ms {
            sql.push(" AND r.created_at < ").push_bind(super::rfc3339(until));
        }
        if let Some(max) = f.max_cost_usd {
            // What the run cost where delivered, what it would cost where not.
            sql.push(
                " AND (SELECT coalesce(sum(coalesce(x.cost_usd, x.estimated_cost_usd)), 0) FROM clips x \
                 WHERE x.run_id = r.id AND x.deleted_at_ms IS NULL) <= ",
            )
            .push_bind(max);
        }
        if f.has_clip_filter() && !from_matching_clips {
            sql.push(" AND EXISTS (SELECT 1 FROM clips c WHERE c.run_id = r.id AND c.deleted_at_ms IS NULL");
            push_clip_filters(&mut sql, f, Reading::ByOrderIndex);
            sql.push(")");
        }
        let by_prompt_index = matches!(source, Source::PromptWords(_));
        if let Some(c) = &f.cursor {
            if by_prompt_index {
                // The bound on the index's own rowid is what lets it start reading at the cursor.
                sql.push(" AND prompt_fts.rowid <= ").push_bind(c.key);
            }
            sql.push(" AND (r.prompt_id, r.id) < (").push_bind(c.key).push(", ").push_bind(c.id.clone()).push(")");
        }
        // Ordered by the index's rowid, the prompt index is read newest first and stops after
        // a page; the run id tie-break (a sort) would only matter for runs sharing a prompt
        // row, which `insert_run` never writes, so the keys are re-sorted in full afterwards.
        sql.push(if by_prompt_index {
            " ORDER BY prompt_fts.rowid DESC"
        } else {
            " ORDER BY r.prompt_id DESC, r.id DESC"
        })
        .push(" LIMIT ")
        .push_bind(i64::from(f.limit) + 1);
        let rows = sql.build().fetch_all(self.pool()).await?;
        Ok(rows.iter().map(|row| RunKey { prompt_id: row.get(0), run_id: row.get(1) }).collect())
    }

    /// Summaries of exactly these runs, in this order: live clips aggregated per run.
    async fn summaries(&self, keys: &[RunKey]) -> Result<Vec<RunSummary>> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql: QueryBuilder<Sqlite> = QueryBuilder::new(
            "SELECT r.id, p.text, r.created_at, r.estimated_cost_usd, r.demo, r.parent_run_id, r.winner_clip_id, \
               group_concat(c.model, ',') AS models, count(c.run_id) AS n, \
               sum(c.status = 'succeeded') AS ok, sum(c.status IN ('failed','canceled','unknown')) AS bad, \
               coalesce(sum(c.cost_usd), 0.0) AS cost, \
               coalesce(sum(CASE WHEN c.billed_cost_usd IS NOT NULL THEN c.cost_usd END), 0.0) AS billed, \
               coalesce(sum(CASE WHEN c.billed_cost_usd IS NULL THEN c.cost_usd END), 0.0) AS estimated, \
               max(c.rating) AS best \
             FROM runs r JOIN prompts p ON p.id = r.prompt_id \
             LEFT JOIN clips c ON c.run_id = r.id AND c.deleted_at_ms IS NULL WHERE r.id IN (",
        );
        let mut ids = sql.separated(", ");
        for k in keys {
            ids.push_bind(k.run_id.clone());
        }
        sql.push(") GROUP BY r.id");
        let rows = sql.build().fetch_all(self.pool()).await?;
        let mut by_id: HashMap<String, RunSummary> =
            rows.iter().map(super::library::summary).map(|s| (s.run_id.clone(), s)).collect();
        Ok(keys.iter().filter_map(|k| by_id.remove(&k.run_id)).collect())
    }

    /// One page of live clips (of live runs) matching every filter, newest first, with
    /// their tags and their run's prompt. Words match the run's prompt or the clip's own
    /// tags and note.
    pub async fn search_clip_page(&self, q: &LibraryQuery) -> Result<ClipPage> {
        let f = SearchFilter::parse(q)?;
        // A selective filter reads its page from the filter's index, in order where it is
        // the route + status index; a dense one walks the newest-first index.
        let reading =
            if self.clip_filter_is_selective(&f).await? { Reading::ByFilterIndex } else { Reading::ByOrderIndex };
        let mut sql: QueryBuilder<Sqlite> = QueryBuilder::new(
            "SELECT c.*, p.text AS prompt_text, r.params_json AS run_params, r.created_at AS run_created_at, \
               r.parent_run_id AS run_parent, r.winner_clip_id AS run_winner \
             FROM clips c JOIN runs r ON r.id = c.run_id JOIN prompts p ON p.id = r.prompt_id \
             WHERE c.deleted_at_ms IS NULL AND r.deleted_at_ms IS NULL",
        );
        if let Some(expr) = f.fts.as_deref() {
            sql.push(" AND (r.prompt_id IN (SELECT rowid FROM prompt_fts WHERE prompt_fts MATCH ")
                .push_bind(expr.to_string())
                .push(") OR c.id IN (SELECT clip_id FROM clip_words_fts WHERE clip_words_fts MATCH ")
                .push_bind(expr.to_string())
                .push("))");
        }
        push_clip_filters(&mut sql, &f, reading);
        if let Some(since) = f.since_ms {
            sql.push(" AND c.created_at_ms >= ").push_bind(since);
        }
        if let Some(until) = f.until_ms {
            sql.push(" AND c.created_at_ms < ").push_bind(until);
        }
        if let Some(max) = f.max_cost_usd {
            sql.push(" AND coalesce(c.cost_usd, c.estimated_cost_usd) <= ").push_bind(max);
        }
        if let Some(cur) = &f.cursor {
            sql.push(" AND (c.created_at_ms, c.id) < (")
                .push_bind(cur.key)
                .push(", ")
                .push_bind(cur.id.clone())
                .push(")");
        }
        sql.push(" ORDER BY c.created_at_ms DESC, c.id DESC LIMIT ").push_bind(i64::from(f.limit) + 1);
        let mut rows = sql.build().fetch_all(self.pool()).await?;
        let next_cursor = (rows.len() > f.limit as usize).then(|| {
            rows.truncate(f.limit as usize);
            rows.last().map(|r| Cursor { key: r.get("created_at_ms"), id: r.get("id") }.encode())
        });
        let ids: Vec<String> = rows.iter().map(|r| r.get("id")).collect();
        let mut tags = self.tags_of_clips(&ids).await?;
        let clips = rows.iter().map(|row| library_clip(row, &mut tags)).collect::<Result<Vec<_>>>()?;
        Ok(ClipPage { clips, next_cursor: next_cursor.flatten() })
    }

    /// The tags of these clips, by clip id, each list sorted.
    async fn tags_of_clips(&self, ids: &[String]) -> Result<HashMap<String, Vec<String>>> {
        let mut by_clip: HashMap<String, Vec<String>> = HashMap::new();
        if ids.is_empty() {
            return Ok(by_clip);
        }
        let mut sql: QueryBuilder<Sqlite> = QueryBuilder::new("SELECT clip_id, tag FROM clip_tags WHERE clip_id IN (");
        let mut list = sql.separated(", ");
        for id in ids {
            list.push_bind(id.clone());
        }
        sql.push(") ORDER BY clip_id, tag");
        for row in sql.build().fetch_all(self.pool()).await? {
            by_clip.entry(row.get(0)).or_default().push(row.get(1));
        }
        Ok(by_clip)
    }
}

fn library_clip(row: &SqliteRow, tags: &mut HashMap<String, Vec<String>>) -> Result<LibraryClip> {
    let clip = ClipRow::from_row(row)?;
    let winner = row.get::<Option<String>, _>("run_winner").as_deref() == Some(clip.id.as_str());
    let clip_tags = tags.remove(&clip.id).unwrap_or_default();
    Ok(LibraryClip {
        clip: ClipView { tags: clip_tags, ..clip.into_view() },
        prompt: row.get("prompt_text"),
        created_at: row.get("run_created_at"),
        params: serde_json::from_str(row.get::<&str, _>("run_params")).unwrap_or_default(),
        parent_run_id: row.get("run_parent"),
        winner,
    })
}
