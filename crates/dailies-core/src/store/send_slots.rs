//! Per-route concurrency, decided in the database: a clip moves `pending → submitting` only
//! while fewer than the route's limit of jobs are in flight (sent, not finished, followed by
//! a live process). The check and the move are one UPDATE, and SQLite serialises writers,
//! so two processes (the app and the CLI) never both take the last slot.

use super::{now_ms, Store};
use crate::error::Result;

/// What asking for a send slot did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendSlot {
    /// The clip is now `submitting`: send it.
    Taken,
    /// The clip is no longer pending (canceled, or taken on elsewhere): do not send it.
    NotPending,
    /// The route is at its limit; the clip is `place`-th in line (also stored as its
    /// queue position, so every view shows it).
    Full { place: u32 },
}

/// Statuses of a job the provider holds (downloading is ours alone, so it frees the slot).
const IN_FLIGHT: &str = "('submitting','queued','generating')";

impl Store {
    pub async fn take_send_slot(&self, clip_id: &str, limit: u32) -> Result<SendSlot> {
        let now = now_ms();
        let taken = sqlx::query(&format!(
            "UPDATE clips SET status = 'submitting', submitted_at_ms = ?1, queue_position = NULL \
             WHERE id = ?2 AND status = 'pending' AND ( \
               SELECT count(*) FROM clips f, clips me WHERE me.id = ?2 AND f.route = me.route \
               AND f.demo = me.demo AND f.status IN {IN_FLIGHT} AND coalesce(f.lease_until_ms, 0) > ?1) < ?3"
        ))
        .bind(now)
        .bind(clip_id)
        .bind(i64::from(limit))
        .execute(self.pool())
        .await?;
        if taken.rows_affected() == 1 {
            return Ok(SendSlot::Taken);
        }
        // Its place: pending clips of the route, being followed, created before it.
        let row: Option<(String, i64)> = sqlx::query_as(
            "SELECT me.status, (SELECT count(*) FROM clips w WHERE w.route = me.route AND w.demo = me.demo \
               AND w.status = 'pending' AND coalesce(w.lease_until_ms, 0) > ?1 \
               AND (w.created_at_ms, w.position, w.id) < (me.created_at_ms, me.position, me.id)) \
             FROM clips me WHERE me.id = ?2",
        )
        .bind(now)
        .bind(clip_id)
        .fetch_optional(self.pool())
        .await?;
        match row {
            Some((status, ahead)) if status == "pending" => {
                let place = u32::try_from(ahead + 1).unwrap_or(u32::MAX);
                sqlx::query("UPDATE clips SET queue_position = ? WHERE id = ? AND status = 'pending'")
                    .bind(i64::from(place))
                    .bind(clip_id)
                    .execute(self.pool())
                    .await?;
                Ok(SendSlot::Full { place })
            }
            _ => Ok(SendSlot::NotPending),
        }
    }
}
