//! Blind A/B votes, stored as cast; the leaderboard replays them in order.

use super::{now_ms, Store};
use crate::error::Result;

/// One vote with the models behind each side, for the leaderboard.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct VoteRow {
    pub criterion: String,
    pub winner: String,
    pub left_model: String,
    pub left_route: String,
    pub left_name: String,
    pub right_model: String,
    pub right_route: String,
    pub right_name: String,
}

impl Store {
    pub async fn add_vote(&self, run_id: &str, left: &str, right: &str, winner: &str, criterion: &str) -> Result<u32> {
        sqlx::query(
            "INSERT INTO votes (run_id, left_clip_id, right_clip_id, winner, criterion, created_at_ms) \
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(run_id)
        .bind(left)
        .bind(right)
        .bind(winner)
        .bind(criterion)
        .bind(now_ms())
        .execute(self.pool())
        .await?;
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM votes WHERE run_id = ?")
            .bind(run_id)
            .fetch_one(self.pool())
            .await?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// Every vote between clips outside the trash, oldest first, with both sides' model and route.
    pub async fn votes(&self) -> Result<Vec<VoteRow>> {
        Ok(sqlx::query_as::<_, VoteRow>(
            "SELECT v.criterion, v.winner, l.model AS left_model, l.route AS left_route, l.model_name AS left_name, \
             r.model AS right_model, r.route AS right_route, r.model_name AS right_name \
             FROM votes v JOIN clips l ON l.id = v.left_clip_id JOIN clips r ON r.id = v.right_clip_id \
             WHERE l.deleted_at_ms IS NULL AND r.deleted_at_ms IS NULL ORDER BY v.id",
        )
        .fetch_all(self.pool())
        .await?)
    }
}
