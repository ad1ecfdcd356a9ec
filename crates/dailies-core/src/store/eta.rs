//! The timings an ETA is made from: the latest delivered clips of one model@route.

use super::Store;
use crate::error::Result;

/// One delivered clip's observed timestamps (unix ms).
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct EtaSample {
    pub submitted_at_ms: i64,
    pub started_at_ms: Option<i64>,
    pub completed_at_ms: i64,
}

/// How many of the latest clips an ETA looks at: recent enough to follow a provider that
/// got faster or slower, enough for a p90.
pub const ETA_WINDOW: u32 = 50;

impl Store {
    /// The latest `ETA_WINDOW` delivered, not trashed clips of `model@route`, among demo
    /// clips when `demo` (the demo library's own history) else among real ones, so an
    /// emulator's seconds never predict a provider's minutes. Uses `clips_eta`.
    pub async fn eta_samples(&self, model: &str, route: &str, demo: bool) -> Result<Vec<EtaSample>> {
        Ok(sqlx::query_as::<_, EtaSample>(ETA_SAMPLES_SQL)
            .bind(model)
            .bind(route)
            .bind(demo)
            .bind(ETA_WINDOW)
            .fetch_all(self.pool())
            .await?)
    }
}

/// The run's trash flag is checked per row (a trashed run hides its clips) through its
/// primary key, after the index picked the rows.
pub(super) const ETA_SAMPLES_SQL: &str = "SELECT c.submitted_at_ms, c.started_at_ms, c.completed_at_ms FROM clips c \
     JOIN runs r ON r.id = c.run_id AND r.deleted_at_ms IS NULL \
     WHERE c.model = ? AND c.route = ? AND c.demo = ? AND c.status = 'succeeded' AND c.deleted_at_ms IS NULL \
     AND c.completed_at_ms IS NOT NULL AND c.submitted_at_ms IS NOT NULL \
     ORDER BY c.completed_at_ms DESC LIMIT ?";
