//! The local library: one SQLite file (WAL, foreign keys) plus a media folder of MP4s.

mod boards;
mod clips;
mod curate;
mod elements;
mod eta;
mod events;
mod fts_query;
mod leases;
mod library;
mod lineage;
mod model_stats;
mod posters;
mod runs;
mod search;
mod search_filter;
mod search_plan;
mod send_slots;
mod settings;
mod stats_series;
mod time_notes;
mod trash;
mod trash_files;
mod trash_list;
mod votes;

use std::path::{Path, PathBuf};
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};

pub use clips::{ClipRow, Delivered};
pub use eta::{EtaSample, ETA_WINDOW};
pub use events::JobEvent;
pub use leases::LEASE_TTL;
pub use lineage::LineageRow;
pub use model_stats::{nearest_rank, Latency, ModelTotals, RankedLatency};
pub use posters::PosterlessClip;
pub use runs::NewClip;
pub use search_filter::day_start_ms;
pub use send_slots::SendSlot;
pub use stats_series::{ModelBucketRow, SpendRow};
pub use votes::VoteRow;

use crate::error::{Error, Result};

#[derive(Clone)]
pub struct Store {
    pool: SqlitePool,
    data_dir: PathBuf,
    owner: std::sync::Arc<leases::Owner>,
}

impl Store {
    /// Opens (creating if needed) the library in `data_dir` and applies pending migrations.
    pub async fn open(data_dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(data_dir.join("media")).map_err(|e| Error::io(data_dir, e))?;
        let _opening = opening_lock(data_dir).await?;
        let db = data_dir.join("dailies.db");
        // A path, not a `sqlite://` URL: a data dir containing `?` or `#` must not be read
        // as URL options or a fragment.
        let options = SqliteConnectOptions::new()
            .filename(&db)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            // 16 MiB of page cache a connection (SQLite's default is 2 MiB): a search's page
            // of runs is scattered over a large library, and at 100k clips its ~600 pages
            // thrashed the default cache (run summaries 1.7 → 1.1 ms measured). Filled only as
            // pages are read, so a small library costs nothing.
            .pragma("cache_size", "-16384")
            // Reads through a memory map of the file instead of a read() per page: the four
            // pooled connections share the OS's cached pages rather than each copying them
            // into its own cache first (a 200-run summary at 100k clips: 8 ms cold in the
            // sqlite3 shell, half of it in read() calls, against 4 ms mapped). Address space
            // only; SQLite maps at most this much and falls back to reads beyond it.
            .pragma("mmap_size", "268435456");
        let pool = SqlitePoolOptions::new().max_connections(4).connect_with(options).await?;
        migrate(&pool).await?;
        let owner = std::sync::Arc::new(leases::Owner::create(data_dir)?);
        let store = Store { pool, data_dir: data_dir.to_path_buf(), owner };
        // A delete, restore or empty a crash cut short is finished before anyone reads.
        store.repair_trash().await?;
        Ok(store)
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Where finished clips live; the media server serves this folder only.
    pub fn media_dir(&self) -> PathBuf {
        self.data_dir.join("media")
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Serialises opening one library across processes, held until the store is ready. Two
/// processes creating a library at once (the app and a CLI) raced on SQLite's switch to WAL
/// and on each migration's commit, and on a loaded machine the loser ran out of retries
/// ("database is locked"); the trash repair must not run twice at once either. `None` where
/// the filesystem has no locks (some network shares): opening then relies on those retries.
async fn opening_lock(data_dir: &Path) -> Result<Option<std::fs::File>> {
    let path = data_dir.join("opening.lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| Error::io(&path, e))?;
    // Blocks until the other process's open is done: a few hundred milliseconds.
    let locked = tokio::task::spawn_blocking(move || file.lock().map(|()| file)).await;
    match locked {
        Ok(Ok(file)) => Ok(Some(file)),
        Ok(Err(e)) => {
            tracing::warn!(path = %path.display(), error = %e, "no file lock here; opening relies on retries");
            Ok(None)
        }
        Err(e) => {
            tracing::warn!(error = %e, "waiting for the library's opening lock was interrupted");
            Ok(None)
        }
    }
}

/// Applies pending migrations. Two processes opening a new library at once (the app and
/// the CLI) can race on the first migration; the loser retries and then finds it applied.
async fn migrate(pool: &SqlitePool) -> Result<()> {
    let mut attempt = 0;
    loop {
        match sqlx::migrate!("./migrations").run(pool).await {
            Ok(()) => return Ok(()),
            Err(e) if attempt < 5 => {
                attempt += 1;
                tracing::debug!(error = %e, attempt, "migration raced another process; retrying");
                tokio::time::sleep(Duration::from_millis(100 * attempt)).await;
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// Milliseconds since the Unix epoch, the store's one clock.
pub fn now_ms() -> i64 {
    let d = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// RFC 3339 UTC timestamp for human-facing creation times.
pub fn rfc3339(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let millis = ms.rem_euclid(1000);
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{millis:03}Z", sod / 3600, sod % 3600 / 60, sod % 60)
}

// Howard Hinnant's days-to-civil algorithm; avoids a date crate for one conversion.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod cost_kind_tests;

#[cfg(test)]
mod search_tests;

#[cfg(test)]
mod trash_tests;

#[cfg(test)]
mod curate_tests;

#[cfg(test)]
mod stats_series_tests;

#[cfg(test)]
mod eta_tests;

#[cfg(test)]
mod model_stats_tests;
