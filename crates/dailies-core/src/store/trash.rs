//! The trash: a run or clip moved there is flagged (`deleted_at_ms`) and its media files
//! moved to `<data dir>/trash/`; restore undoes both; emptying deletes rows and files.
//!
//! Crash safety: each operation changes the rows AND writes one `trash_journal` line per
//! file in one transaction, then settles the journal (files put where the rows now say,
//! lines removed). Settling runs under `BEGIN IMMEDIATE`, so it reads the latest rows and
//! no other process changes them mid-way; a line left by a crash is settled at the next
//! [`Store::open`]. The rows are the truth; the files follow them.

use sqlx::{Sqlite, Transaction};

use super::trash_files::{self, Folders, Place};
use super::{now_ms, Store};
use crate::error::{Error, InputError, Result};

/// Clips still being made: their files are not final, so they cannot go to the trash.
const UNFINISHED: &str = "('pending','submitting','queued','generating','downloading')";

impl Store {
    /// Where trashed media files wait, mirroring the media folder's layout.
    pub fn trash_dir(&self) -> std::path::PathBuf {
        self.data_dir().join("trash")
    }

    /// Moves a live run and its live clips to the trash.
    pub async fn trash_run(&self, run_id: &str) -> Result<()> {
        let mut tx = self.pool().begin_with("BEGIN IMMEDIATE").await?;
        refuse_unfinished(&mut tx, "run_id = ?", run_id).await?;
        // Later than any clip of the run trashed on its own, so those stay separate entries.
        let latest: Option<i64> = sqlx::query_scalar("SELECT max(deleted_at_ms) FROM clips WHERE run_id = ?")
            .bind(run_id)
            .fetch_one(&mut *tx)
            .await?;
        let now = now_ms().max(latest.unwrap_or(0) + 1);
        let done = sqlx::query("UPDATE runs SET deleted_at_ms = ? WHERE id = ? AND deleted_at_ms IS NULL")
            .bind(now)
            .bind(run_id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound { what: "run", id: run_id.to_string() });
        }
        journal(&mut tx, "run_id = ? AND deleted_at_ms IS NULL", run_id).await?;
        sqlx::query("UPDATE clips SET deleted_at_ms = ? WHERE run_id = ? AND deleted_at_ms IS NULL")
            .bind(now)
            .bind(run_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.settle_trash().await.map(|_| ())
    }

    /// Moves one live clip to the trash; its run stays.
    pub async fn trash_clip(&self, clip_id: &str) -> Result<()> {
        let mut tx = self.pool().begin_with("BEGIN IMMEDIATE").await?;
        refuse_unfinished(&mut tx, "id = ?", clip_id).await?;
        journal(&mut tx, "id = ? AND deleted_at_ms IS NULL", clip_id).await?;
        let done = sqlx::query("UPDATE clips SET deleted_at_ms = ? WHERE id = ? AND deleted_at_ms IS NULL")
            .bind(now_ms())
            .bind(clip_id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound { what: "clip", id: clip_id.to_string() });
        }
        tx.commit().await?;
        self.settle_trash().await.map(|_| ())
    }

    /// Brings a trashed run back with the clips that went to the trash with it.
    pub async fn restore_run(&self, run_id: &str) -> Result<()> {
        let mut tx = self.pool().begin_with("BEGIN IMMEDIATE").await?;
        let when: Option<i64> =
            sqlx::query_scalar("SELECT deleted_at_ms FROM runs WHERE id = ? AND deleted_at_ms IS NOT NULL")
                .bind(run_id)
                .fetch_optional(&mut *tx)
                .await?;
        let when = when.ok_or_else(|| Error::NotFound { what: "run", id: run_id.to_string() })?;
        let with_run = format!("run_id = ? AND deleted_at_ms = {when}");
        journal(&mut tx, &with_run, run_id).await?;
        sqlx::query("UPDATE clips SET deleted_at_ms = NULL WHERE run_id = ? AND deleted_at_ms = ?")
            .bind(run_id)
            .bind(when)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE runs SET deleted_at_ms = NULL WHERE id = ?").bind(run_id).execute(&mut *tx).await?;
        tx.commit().await?;
        self.settle_trash().await.map(|_| ())
    }

    /// Brings one trashed clip back; its run must be live.
    pub async fn restore_clip(&self, clip_id: &str) -> Result<()> {
        let mut tx = self.pool().begin_with("BEGIN IMMEDIATE").await?;
        let run: Option<(String, Option<i64>)> = sqlx::query_as(
            "SELECT r.id, r.deleted_at_ms FROM clips c JOIN runs r ON r.id = c.run_id \
             WHERE c.id = ? AND c.deleted_at_ms IS NOT NULL",
        )
        .bind(clip_id)
        .fetch_optional(&mut *tx)
        .await?;
        match run {
            None => return Err(Error::NotFound { what: "clip", id: clip_id.to_string() }),
            Some((run_id, Some(_))) => {
                return Err(InputError::Library {
                    field: "id".into(),
                    reason: format!("clip {clip_id} is in the trash with its run; restore the run {run_id}"),
                }
                .into())
            }
            Some(_) => {}
        }
        journal(&mut tx, "id = ?", clip_id).await?;
        sqlx::query("UPDATE clips SET deleted_at_ms = NULL WHERE id = ?").bind(clip_id).execute(&mut *tx).await?;
        tx.commit().await?;
        self.settle_trash().await.map(|_| ())
    }

    /// Deletes every trashed run and clip for good (tags, board places, votes and events
    /// go with them) and then their files. Returns (runs, clips, files deleted).
    pub async fn empty_trash(&self) -> Result<(u32, u32, u32)> {
        let trashed = "deleted_at_ms IS NOT NULL OR run_id IN (SELECT id FROM runs WHERE deleted_at_ms IS NOT NULL)";
        let mut tx = self.pool().begin_with("BEGIN IMMEDIATE").await?;
        journal(&mut tx, trashed, "").await?;
        let prompts: Vec<i64> = sqlx::query_scalar("SELECT prompt_id FROM runs WHERE deleted_at_ms IS NOT NULL")
            .fetch_all(&mut *tx)
            .await?;
        let clips = sqlx::query(&format!("DELETE FROM clips WHERE {trashed}")).execute(&mut *tx).await?;
        let runs = sqlx::query("DELETE FROM runs WHERE deleted_at_ms IS NOT NULL").execute(&mut *tx).await?;
        for prompt in prompts {
            sqlx::query("DELETE FROM prompts WHERE id = ? AND NOT EXISTS (SELECT 1 FROM runs WHERE prompt_id = ?)")
                .bind(prompt)
                .bind(prompt)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        let files = self.settle_trash().await?;
        let n = |r: sqlx::sqlite::SqliteQueryResult| u32::try_from(r.rows_affected()).unwrap_or(u32::MAX);
        Ok((n(runs), n(clips), files))
    }

    /// Finishes every pending file move or delete in the journal: after an operation, and
    /// at open for one a crash interrupted. A file that cannot be moved now (permissions)
    /// keeps its line for the next try. Returns how many files were deleted.
    pub async fn settle_trash(&self) -> Result<u32> {
        let mut tx = self.pool().begin_with("BEGIN IMMEDIATE").await?;
        let lines: Vec<(i64, String, Option<String>, Option<i64>)> = sqlx::query_as(
            "SELECT j.id, j.rel_path, c.id, c.deleted_at_ms FROM trash_journal j \
             LEFT JOIN clips c ON c.id = j.clip_id ORDER BY j.id",
        )
        .fetch_all(&mut *tx)
        .await?;
        let (media, trash) = (self.media_dir(), self.trash_dir());
        let folders = Folders { media: &media, trash: &trash };
        let mut deleted = 0;
        for (line, rel, clip, deleted_at) in lines {
            let place = match (clip, deleted_at) {
                (None, _) => Place::Gone,
                (Some(_), Some(_)) => Place::Trash,
                (Some(_), None) => Place::Media,
            };
            match trash_files::settle(&folders, &rel, place) {
                Ok(removed) => {
                    deleted += u32::from(removed);
                    sqlx::query("DELETE FROM trash_journal WHERE id = ?").bind(line).execute(&mut *tx).await?;
                }
                Err(e) => tracing::warn!(rel, ?place, error = %e, "a trash file move is left for the next start"),
            }
        }
        tx.commit().await?;
        Ok(deleted)
    }

    /// At open: finishes what a crash interrupted, without taking the write lock when
    /// there is nothing to do (the usual case).
    pub(super) async fn repair_trash(&self) -> Result<()> {
        let pending: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM trash_journal)").fetch_one(self.pool()).await?;
        if pending {
            tracing::info!("finishing a delete or restore a previous run of Dailies did not complete");
            self.settle_trash().await?;
        }
        Ok(())
    }
}

/// Refuses while any clip in `scope` is still being made.
async fn refuse_unfinished(tx: &mut Transaction<'_, Sqlite>, scope: &str, id: &str) -> Result<()> {
    let busy: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM clips WHERE {scope} AND status IN {UNFINISHED}"))
        .bind(id)
        .fetch_one(&mut **tx)
        .await?;
    if busy > 0 {
        return Err(InputError::Library {
            field: "id".into(),
            reason: format!("{id} has {busy} clip(s) still generating; cancel them or wait until they finish"),
        }
        .into());
    }
    Ok(())
}

/// One journal line per media file (MP4, poster) of the clips `scope` selects.
async fn journal(tx: &mut Transaction<'_, Sqlite>, scope: &str, id: &str) -> Result<()> {
    let now = now_ms();
    for column in ["media_path", "poster_path"] {
        let sql = format!(
            "INSERT INTO trash_journal (clip_id, rel_path, created_at_ms) \
             SELECT id, {column}, ? FROM clips WHERE ({scope}) AND {column} IS NOT NULL"
        );
        let query = sqlx::query(&sql).bind(now);
        let query = if scope.contains('?') { query.bind(id) } else { query };
        query.execute(&mut **tx).await?;
    }
    Ok(())
}
