//! Waiting for a free slot on a route before a clip is sent (`concurrency.<route>`).
//! Providers throttle or refuse an account that sends a whole run at once (fal starts at 2
//! jobs, Kling's packs at 1), so the rest wait here, visibly, in the order they were made.

use std::time::Duration;

use super::Studio;
use crate::error::Result;
use crate::routes::RouteId;
use crate::store::SendSlot;

/// How often a waiting clip looks again when nothing in this process freed a slot (a job
/// followed by another process, or a changed limit).
const LOOK_AGAIN: Duration = Duration::from_millis(500);

impl Studio {
    /// Returns `true` once the clip is `submitting` (its slot taken), `false` when it stopped
    /// being pending while it waited (canceled): it must not be sent.
    pub(super) async fn wait_for_send_slot(&self, clip_id: &str, route: RouteId) -> Result<bool> {
        let mut shown = None;
        loop {
            // Made before looking, so a slot freed between the look and the wait still wakes us.
            let freed = self.inner.slot_freed.notified();
            let limit = self.settings().concurrency(route);
            match self.store().take_send_slot(clip_id, limit).await? {
                SendSlot::Taken => {
                    // The line moved: the clips behind this one look again and show their new place.
                    self.slot_freed();
                    return Ok(true);
                }
                SendSlot::NotPending => return Ok(false),
                SendSlot::Full { place } if shown != Some(place) => {
                    if shown.is_none() {
                        let note = format!(
                            "{} allows {limit} job(s) at once here (concurrency.{route}); waiting, #{place} in line",
                            route.display_name()
                        );
                        self.store().add_event(clip_id, "waiting", Some("pending"), None, Some(&note)).await?;
                    }
                    shown = Some(place);
                    self.publish(clip_id).await;
                }
                SendSlot::Full { .. } => {}
            }
            let _ = tokio::time::timeout(LOOK_AGAIN, freed).await;
        }
    }

    /// A job of this process left flight (downloading, ended): waiting clips look again now.
    pub(super) fn slot_freed(&self) {
        self.inner.slot_freed.notify_waiters();
    }
}
