//! Boards: named collections of clips. Names are unique regardless of case.

use sqlx::Row;

use super::runs::count;
use super::{now_ms, Store};
use crate::api::Board;
use crate::error::{Error, InputError, Result};

/// Counts only clips outside the trash: a trashed clip is hidden from every list.
const BOARDS: &str = "SELECT b.id, b.name, b.created_at_ms, count(c.id) AS n FROM boards b \
     LEFT JOIN board_clips bc ON bc.board_id = b.id \
     LEFT JOIN clips c ON c.id = bc.clip_id AND c.deleted_at_ms IS NULL";

impl Store {
    /// Every board by name, with how many clips it holds.
    pub async fn boards(&self) -> Result<Vec<Board>> {
        let sql = format!("{BOARDS} GROUP BY b.id ORDER BY b.name COLLATE NOCASE");
        let rows = sqlx::query(&sql).fetch_all(self.pool()).await?;
        Ok(rows.iter().map(board).collect())
    }

    pub async fn board(&self, id: i64) -> Result<Board> {
        let sql = format!("{BOARDS} WHERE b.id = ? GROUP BY b.id");
        let row = sqlx::query(&sql).bind(id).fetch_optional(self.pool()).await?;
        row.map(|r| board(&r)).ok_or_else(|| Error::NotFound { what: "board", id: id.to_string() })
    }

    /// A board by name (any case), else by its number.
    pub async fn find_board(&self, name_or_id: &str) -> Result<Board> {
        let by_name: Option<i64> = sqlx::query_scalar("SELECT id FROM boards WHERE name = ? COLLATE NOCASE")
            .bind(name_or_id.trim())
            .fetch_optional(self.pool())
            .await?;
        match by_name.or_else(|| name_or_id.trim().parse().ok()) {
            Some(id) => self.board(id).await.map_err(|_| not_found(name_or_id)),
            None => Err(not_found(name_or_id)),
        }
    }

    pub async fn create_board(&self, name: &str) -> Result<Board> {
        let id: i64 = sqlx::query_scalar("INSERT INTO boards (name, created_at_ms) VALUES (?, ?) RETURNING id")
            .bind(name)
            .bind(now_ms())
            .fetch_one(self.pool())
            .await
            .map_err(|e| name_taken(e, name))?;
        self.board(id).await
    }

    pub async fn rename_board(&self, id: i64, name: &str) -> Result<Board> {
        let done = sqlx::query("UPDATE boards SET name = ? WHERE id = ?")
            .bind(name)
            .bind(id)
            .execute(self.pool())
            .await
            .map_err(|e| name_taken(e, name))?;
        if done.rows_affected() == 0 {
            return Err(not_found(&id.to_string()));
        }
        self.board(id).await
    }

    /// Deletes the board; its clips stay in the library.
    pub async fn delete_board(&self, id: i64) -> Result<()> {
        let done = sqlx::query("DELETE FROM boards WHERE id = ?").bind(id).execute(self.pool()).await?;
        if done.rows_affected() == 0 {
            return Err(not_found(&id.to_string()));
        }
        Ok(())
    }

    /// Puts clips (full, live ids) on a board; one already there stays as it was.
    pub async fn add_to_board(&self, id: i64, clip_ids: &[String]) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        for clip_id in clip_ids {
            sqlx::query("INSERT OR IGNORE INTO board_clips (board_id, clip_id, added_at_ms) VALUES (?, ?, ?)")
                .bind(id)
                .bind(clip_id)
                .bind(now_ms())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn remove_from_board(&self, id: i64, clip_ids: &[String]) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        for clip_id in clip_ids {
            sqlx::query("DELETE FROM board_clips WHERE board_id = ? AND clip_id = ?")
                .bind(id)
                .bind(clip_id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The boards a clip is on, by name like `boards`: a tile's picker ticks them, the clip
    /// details name them, each from this one answer.
    pub async fn boards_of_clip(&self, clip_id: &str) -> Result<Vec<Board>> {
        let sql = format!(
            "{BOARDS} WHERE b.id IN (SELECT board_id FROM board_clips WHERE clip_id = ?) \
             GROUP BY b.id ORDER BY b.name COLLATE NOCASE"
        );
        let rows = sqlx::query(&sql).bind(clip_id).fetch_all(self.pool()).await?;
        Ok(rows.iter().map(board).collect())
    }
}

fn board(row: &sqlx::sqlite::SqliteRow) -> Board {
    Board {
        id: row.get("id"),
        name: row.get("name"),
        clip_count: count(row.get("n")),
        created_at_ms: row.get("created_at_ms"),
    }
}

fn not_found(name_or_id: &str) -> Error {
    Error::NotFound { what: "board", id: name_or_id.to_string() }
}

/// The names' UNIQUE constraint, worded for the creator; other failures stay store errors.
fn name_taken(e: sqlx::Error, name: &str) -> Error {
    match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => InputError::Library {
            field: "name".into(),
            reason: format!("a board named '{name}' already exists; pick another name"),
        }
        .into(),
        _ => e.into(),
    }
}
