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
        // First come, first sent: a slot is free for this clip only if the jobs in flight
        // plus the followed clips waiting ahead of it leave room, so a freed slot goes to
        // the clip shown "#1 in line", not to whichever waiting clip asks first.
        let taken = sqlx::query(&format!(
            "UPDATE clips SET status = 'submitting', submitted_at_ms = ?1, queue_position = NULL \
             WHERE id = ?2 AND status = 'pending' AND ( \
               SELECT count(*) FROM clips f, clips me WHERE me.id = ?2 AND f.route = me.route \
               AND f.demo = me.demo AND coalesce(f.lease_until_ms, 0) > ?1 AND (f.status IN {IN_FLIGHT} \
                 OR (f.status = 'pending' AND (f.created_at_ms, f.position, f.id) \
                     < (me.created_at_ms, me.position, me.id)))) < ?3"
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::{new_clip, plan};

    async fn exec(store: &Store, sql: &str) {
        sqlx::query(sql).execute(store.pool()).await.unwrap();
    }

    #[tokio::test]
    async fn a_freed_slot_goes_to_the_first_in_line_whoever_asks_first() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).await.unwrap();
        let p = plan();
        for (i, id) in ["c1", "c2", "c3"].iter().enumerate() {
            store.insert_run(&format!("r{i}"), &p, &[new_clip(id, &p)]).await.unwrap();
            exec(&store, &format!("UPDATE clips SET created_at_ms = {i}, lease_until_ms = 9e15 WHERE id = '{id}'"))
                .await;
        }
        // Later clips asking first wait behind the earlier ones.
        assert_eq!(store.take_send_slot("c3", 1).await.unwrap(), SendSlot::Full { place: 3 });
        assert_eq!(store.take_send_slot("c2", 1).await.unwrap(), SendSlot::Full { place: 2 });
        assert_eq!(store.take_send_slot("c1", 1).await.unwrap(), SendSlot::Taken);
        assert_eq!(store.take_send_slot("c3", 1).await.unwrap(), SendSlot::Full { place: 2 });
        exec(&store, "UPDATE clips SET status = 'succeeded' WHERE id = 'c1'").await;
        assert_eq!(store.take_send_slot("c3", 1).await.unwrap(), SendSlot::Full { place: 2 }, "c2 is first in line");
        assert_eq!(store.take_send_slot("c2", 1).await.unwrap(), SendSlot::Taken);
        // A clip nobody follows any more (its process died) holds no place in line.
        exec(&store, "UPDATE clips SET status = 'failed' WHERE id = 'c2'").await;
        exec(&store, "UPDATE clips SET lease_until_ms = NULL WHERE id = 'c1'").await;
        assert_eq!(store.take_send_slot("c3", 1).await.unwrap(), SendSlot::Taken);
    }

    #[tokio::test]
    async fn a_dead_processs_sent_jobs_keep_their_slots_when_resume_takes_them_over() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).await.unwrap();
        let p = plan();
        for (i, id) in ["sent1", "sent2", "waiting"].iter().enumerate() {
            store.insert_run(&format!("r{i}"), &p, &[new_clip(id, &p)]).await.unwrap();
        }
        // Killed with two jobs sent and one clip waiting: its leases outlive it, its lock does not.
        exec(&store, "UPDATE clips SET lease_owner = 'killed', lease_until_ms = 9e15").await;
        exec(&store, "UPDATE clips SET status = 'queued', provider_job_id = 'j' WHERE id LIKE 'sent%'").await;
        std::fs::write(dir.path().join("owners").join("killed.lock"), "").unwrap();
        // Resume meets the waiting clip first: the dead holder's leases become this process's.
        assert!(!store.leased_elsewhere("waiting").await.unwrap());
        assert!(store.claim_clip("waiting").await.unwrap());
        assert_eq!(
            store.take_send_slot("waiting", 2).await.unwrap(),
            SendSlot::Full { place: 1 },
            "the two jobs sent before the kill are still open at the provider"
        );
        exec(&store, "UPDATE clips SET status = 'succeeded' WHERE id = 'sent1'").await;
        assert_eq!(store.take_send_slot("waiting", 2).await.unwrap(), SendSlot::Taken);
    }
}
