//! Deleting safely: runs and clips go to the trash (hidden everywhere, files moved,
//! restorable) and leave for good only when the trash is emptied. See `store/trash.rs`
//! for how a crash half-way is repaired.

use super::Studio;
use crate::api::{EmptiedTrash, TrashItem, TrashKind};
use crate::error::{InputError, Result};

impl Studio {
    /// Moves runs and clips (ids, unique prefixes or endings) to the trash. Every id is
    /// resolved first, so one unknown id moves nothing; a clip whose run is also given
    /// goes with its run. Returns the new trash entries.
    pub async fn trash(&self, ids: &[String]) -> Result<Vec<TrashItem>> {
        if ids.is_empty() {
            return Err(
                InputError::Library { field: "id".into(), reason: "give at least one run or clip id".into() }.into()
            );
        }
        let mut targets: Vec<(TrashKind, String)> = Vec::new();
        for id in ids {
            let target = self.store().find_item(id, false).await?;
            if !targets.contains(&target) {
                targets.push(target);
            }
        }
        let runs: Vec<String> =
            targets.iter().filter(|(k, _)| *k == TrashKind::Run).map(|(_, id)| id.clone()).collect();
        let mut moved = Vec::new();
        for (kind, id) in &targets {
            match kind {
                TrashKind::Run => self.store().trash_run(id).await?,
                TrashKind::Clip => {
                    if runs.contains(&self.store().clip(id).await?.run_id) {
                        continue;
                    }
                    self.store().trash_clip(id).await?;
                }
            }
            moved.push(self.store().trash_item(*kind, id).await?);
        }
        Ok(moved)
    }

    /// Brings a trashed run (with the clips deleted with it) or clip back.
    pub async fn restore(&self, id: &str) -> Result<TrashItem> {
        let (kind, id) = self.store().find_item(id, true).await?;
        let item = self.store().trash_item(kind, &id).await?;
        match kind {
            TrashKind::Run => self.store().restore_run(&id).await?,
            TrashKind::Clip => self.store().restore_clip(&id).await?,
        }
        Ok(item)
    }

    /// What is in the trash, most recently deleted first.
    pub async fn trash_items(&self) -> Result<Vec<TrashItem>> {
        self.store().trash_items().await
    }

    /// Deletes every trashed run and clip and their files for good.
    pub async fn empty_trash(&self) -> Result<EmptiedTrash> {
        let (runs, clips, files) = self.store().empty_trash().await?;
        Ok(EmptiedTrash { runs, clips, files })
    }
}
