//! Notes pinned to a moment of a clip. Notes of trashed clips stay with them (a restore
//! brings them back) but are hidden; deleting a clip for good deletes its notes (cascade).

use sqlx::Row;

use super::{now_ms, Store};
use crate::api::TimeNote;
use crate::error::{Error, Result};

const COLUMNS: &str = "n.id, n.clip_id, n.at_ms, n.text, n.created_at_ms";

impl Store {
    pub async fn add_time_note(&self, clip_id: &str, at_ms: i64, text: &str) -> Result<TimeNote> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO clip_time_notes (clip_id, at_ms, text, created_at_ms) VALUES (?, ?, ?, ?) RETURNING id",
        )
        .bind(clip_id)
        .bind(at_ms)
        .bind(text)
        .bind(now_ms())
        .fetch_one(self.pool())
        .await?;
        let sql = format!("SELECT {COLUMNS} FROM clip_time_notes n WHERE n.id = ?");
        let row = sqlx::query(&sql).bind(id).fetch_one(self.pool()).await?;
        Ok(time_note(&row))
    }

    /// The notes on a run's live clips, by clip then time (through `clips_run` and the
    /// notes' clip index).
    pub async fn time_notes_of_run(&self, run_id: &str) -> Result<Vec<TimeNote>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM clips c JOIN clip_time_notes n ON n.clip_id = c.id \
             WHERE c.run_id = ? AND c.deleted_at_ms IS NULL ORDER BY c.position, n.at_ms, n.id"
        );
        let rows = sqlx::query(&sql).bind(run_id).fetch_all(self.pool()).await?;
        Ok(rows.iter().map(time_note).collect())
    }

    pub async fn delete_time_note(&self, id: i64) -> Result<()> {
        let done = sqlx::query("DELETE FROM clip_time_notes WHERE id = ?").bind(id).execute(self.pool()).await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound { what: "time note", id: id.to_string() });
        }
        Ok(())
    }

    /// The delivered length of a clip in ms, when known: a note must fall inside it.
    pub async fn clip_length_ms(&self, clip_id: &str) -> Result<Option<i64>> {
        let secs: Option<f64> = sqlx::query_scalar("SELECT duration_s FROM clips WHERE id = ?")
            .bind(clip_id)
            .fetch_optional(self.pool())
            .await?
            .flatten();
        Ok(secs.filter(|s| s.is_finite() && *s > 0.0).map(|s| (s * 1000.0).round() as i64))
    }
}

fn time_note(row: &sqlx::sqlite::SqliteRow) -> TimeNote {
    TimeNote { id: row.get(0), clip_id: row.get(1), at_ms: row.get(2), text: row.get(3), created_at_ms: row.get(4) }
}
