//! Poster frames and what an export may show: trashed runs and clips never leave.

use super::Store;
use crate::error::Result;

/// A delivered clip with no poster yet (made before posters existed, or without ffmpeg).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PosterlessClip {
    pub id: String,
    pub file_path: String,
    pub media_path: String,
    pub duration_s: Option<f64>,
}

impl Store {
    pub async fn set_poster(&self, clip_id: &str, poster_path: &str) -> Result<()> {
        sqlx::query("UPDATE clips SET poster_path = ? WHERE id = ?")
            .bind(poster_path)
            .bind(clip_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Live delivered clips without a poster. A one-off scan (backfill at start), not a
    /// per-request query, so it needs no index of its own.
    pub async fn clips_without_poster(&self) -> Result<Vec<PosterlessClip>> {
        Ok(sqlx::query_as::<_, PosterlessClip>(
            "SELECT id, file_path, media_path, duration_s FROM clips \
             WHERE status = 'succeeded' AND poster_path IS NULL AND deleted_at_ms IS NULL \
             AND file_path IS NOT NULL AND media_path IS NOT NULL ORDER BY created_at_ms",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    /// Whether a run is in the trash (then it is hidden from exports as if unknown).
    pub async fn run_trashed(&self, run_id: &str) -> Result<bool> {
        let deleted: Option<Option<i64>> = sqlx::query_scalar("SELECT deleted_at_ms FROM runs WHERE id = ?")
            .bind(run_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(matches!(deleted, Some(Some(_))))
    }

    /// Ids of a run's clips that are in the trash.
    pub async fn trashed_clips_of_run(&self, run_id: &str) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar("SELECT id FROM clips WHERE run_id = ? AND deleted_at_ms IS NOT NULL")
            .bind(run_id)
            .fetch_all(&self.pool)
            .await?)
    }
}
