//! Curation rows: tags and a note on a clip, the winner of a run. Values arrive here
//! already checked and normalised (`engine/curate.rs`); ids are full, live ids.

use super::Store;
use crate::error::{Error, InputError, Result};

impl Store {
    /// Adds tags to a clip; a tag it already has is left as it is.
    pub async fn add_tags(&self, clip_id: &str, tags: &[String]) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        for tag in tags {
            sqlx::query("INSERT OR IGNORE INTO clip_tags (clip_id, tag) VALUES (?, ?)")
                .bind(clip_id)
                .bind(tag)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Removes tags from a clip; a tag it does not have is not an error.
    pub async fn remove_tags(&self, clip_id: &str, tags: &[String]) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        for tag in tags {
            sqlx::query("DELETE FROM clip_tags WHERE clip_id = ? AND tag = ?")
                .bind(clip_id)
                .bind(tag)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// A clip's tags, sorted.
    pub async fn tags_of_clip(&self, clip_id: &str) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar("SELECT tag FROM clip_tags WHERE clip_id = ? ORDER BY tag")
            .bind(clip_id)
            .fetch_all(self.pool())
            .await?)
    }

    /// Tags on live clips, most used first (then by name), for the tag editor's suggestions.
    /// Walks the `clip_tags_tag` index once; trashed clips' tags are not suggested.
    pub async fn tags_in_use(&self, limit: u32) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar(
            "SELECT ct.tag FROM clip_tags ct JOIN clips c ON c.id = ct.clip_id \
             WHERE c.deleted_at_ms IS NULL GROUP BY ct.tag ORDER BY count(*) DESC, ct.tag LIMIT ?",
        )
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }

    /// Sets (or with `None` clears) a clip's note.
    pub async fn set_note(&self, clip_id: &str, note: Option<&str>) -> Result<()> {
        let done =
            sqlx::query("UPDATE clips SET note = ? WHERE id = ?").bind(note).bind(clip_id).execute(self.pool()).await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound { what: "clip", id: clip_id.to_string() });
        }
        Ok(())
    }

    /// Names `clip_id` (one of the run's live clips) the run's winner, or clears it.
    pub async fn set_winner(&self, run_id: &str, clip_id: Option<&str>) -> Result<()> {
        if let Some(clip_id) = clip_id {
            let owner: Option<String> =
                sqlx::query_scalar("SELECT run_id FROM clips WHERE id = ? AND deleted_at_ms IS NULL")
                    .bind(clip_id)
                    .fetch_optional(self.pool())
                    .await?;
            match owner {
                None => return Err(Error::NotFound { what: "clip", id: clip_id.to_string() }),
                Some(owner) if owner != run_id => {
                    return Err(InputError::Library {
                        field: "clip".into(),
                        reason: format!("clip {clip_id} belongs to run {owner}, not to run {run_id}; a winner is one of the run's own clips"),
                    }
                    .into())
                }
                Some(_) => {}
            }
        }
        let done = sqlx::query("UPDATE runs SET winner_clip_id = ? WHERE id = ? AND deleted_at_ms IS NULL")
            .bind(clip_id)
            .bind(run_id)
            .execute(self.pool())
            .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound { what: "run", id: run_id.to_string() });
        }
        Ok(())
    }
}
