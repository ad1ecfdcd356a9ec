//! Clip leases: the one process following a clip says so and renews it while it works, so
//! the app resuming at launch leaves alone the clips a running `compare` is following.
//!
//! Each open library holds an exclusive OS lock on `<data dir>/owners/<owner>.lock` for
//! as long as it lives. A lease whose owner's lock can be taken belongs to a process that
//! died (a kill -9 included), so `resume` takes its clips at once instead of waiting for
//! the lease to run out; the expiry is only the fallback.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{now_ms, Store};
use crate::error::{Error, Result};

/// How long a lease lasts without renewal; followers renew at a third of it.
pub const LEASE_TTL: Duration = Duration::from_secs(60);

/// This process's name on its leases, and the lock that proves it is alive.
pub(super) struct Owner {
    pub name: String,
    dir: PathBuf,
    // Held, never read: the lock lasts as long as the open file.
    _lock: File,
}

impl Owner {
    pub fn create(data_dir: &Path) -> Result<Owner> {
        let dir = data_dir.join("owners");
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let name = format!("{}-{}", std::process::id(), uuid::Uuid::now_v7().simple());
        let path = dir.join(format!("{name}.lock"));
        let lock =
            OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(|e| Error::io(&path, e))?;
        // Without lock support (some network filesystems) leases still work, by expiry alone.
        if let Err(e) = lock.try_lock() {
            tracing::warn!(path = %path.display(), error = %e, "no file lock here; clip leases fall back to expiry");
        }
        Ok(Owner { name, dir, _lock: lock })
    }

    /// Whether `other` still runs. A missing or lockable lock file means it does not; its
    /// file is removed then, so the folder does not fill up with the dead.
    fn is_alive(&self, other: &str) -> bool {
        let path = self.dir.join(format!("{other}.lock"));
        let Ok(file) = OpenOptions::new().write(true).open(&path) else {
            return false;
        };
        match file.try_lock() {
            Ok(()) => {
                let _ = std::fs::remove_file(&path);
                false
            }
            Err(TryLockError::WouldBlock) => true,
            // Locks unsupported here (some network filesystems): trust the expiry instead.
            Err(TryLockError::Error(_)) => true,
        }
    }
}

impl Drop for Owner {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(self.dir.join(format!("{}.lock", self.name)));
    }
}

fn until() -> i64 {
    now_ms() + i64::try_from(LEASE_TTL.as_millis()).unwrap_or(i64::MAX)
}

impl Store {
    /// This process's lease name.
    /// How many other live processes have this library open (their lock files are held).
    pub fn other_live_owners(&self) -> Result<usize> {
        let dir = &self.owner.dir;
        let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        let others = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_name().to_str().and_then(|n| n.strip_suffix(".lock")).map(str::to_string))
            .filter(|name| *name != self.owner.name)
            .filter(|name| self.owner.is_alive(name))
            .count();
        Ok(others)
    }

    pub fn owner(&self) -> &str {
        &self.owner.name
    }

    pub(super) fn lease_until() -> i64 {
        until()
    }

    /// Takes (or renews) the lease when it is free, expired, or already ours.
    pub async fn claim_clip(&self, clip_id: &str) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE clips SET lease_owner = ?, lease_until_ms = ? WHERE id = ? \
             AND (lease_owner IS NULL OR lease_owner = ? OR coalesce(lease_until_ms, 0) < ?)",
        )
        .bind(self.owner())
        .bind(until())
        .bind(clip_id)
        .bind(self.owner())
        .bind(now_ms())
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn release_clip(&self, clip_id: &str) -> Result<()> {
        sqlx::query("UPDATE clips SET lease_owner = NULL, lease_until_ms = NULL WHERE id = ? AND lease_owner = ?")
            .bind(clip_id)
            .bind(self.owner())
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Another live process holds the lease on this clip: it is being followed right now.
    /// The leases a dead process left are taken over here, all at once: its sent jobs are
    /// still open at their provider, and a send slot counts only jobs a live process
    /// follows. Cleared instead, they stopped counting until each was claimed again, and a
    /// waiting clip resumed in that gap was sent past the route's limit (seen: three jobs
    /// open at once at a limit of two).
    pub async fn leased_elsewhere(&self, clip_id: &str) -> Result<bool> {
        let holder: Option<String> = sqlx::query_scalar(
            "SELECT lease_owner FROM clips WHERE id = ? AND lease_owner IS NOT NULL AND lease_owner <> ? \
             AND lease_until_ms >= ?",
        )
        .bind(clip_id)
        .bind(self.owner())
        .bind(now_ms())
        .fetch_optional(self.pool())
        .await?;
        let Some(holder) = holder else { return Ok(false) };
        if self.owner.is_alive(&holder) {
            return Ok(true);
        }
        sqlx::query("UPDATE clips SET lease_owner = ?, lease_until_ms = ? WHERE lease_owner = ?")
            .bind(self.owner())
            .bind(until())
            .bind(&holder)
            .execute(self.pool())
            .await?;
        Ok(false)
    }
}
