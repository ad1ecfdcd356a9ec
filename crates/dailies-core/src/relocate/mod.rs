//! Moving the library (database + media) to another folder without ever leaving it broken:
//! copy → verify → switch → remove the old. Until the switch, the pointer (see
//! [`crate::paths`]) names the old, untouched library, and the new folder carries a marker
//! saying it is an unfinished copy (a later move may clear and reuse it). The switch is the
//! pointer's atomic rewrite, which records the old folder too; its removal is finished by
//! [`finish_interrupted_move`] if a crash cuts it short.

mod db;
mod files;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;
use specta::Type;
use sqlx::Connection;

use crate::error::{Error, InputError, Result};
use crate::paths::{self, LocationSource, Pointer};
use crate::Studio;

/// In a folder still being filled by a move (an unfinished copy, never a library in use).
pub const MARKER: &str = ".dailies-moving";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum MoveStage {
    CopyingDatabase,
    CopyingFiles,
    Verifying,
    Switching,
    RemovingOld,
    Done,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct MoveProgress {
    pub stage: MoveStage,
    /// Bytes of media copied so far, and in all (only while copying files).
    #[specta(type = crate::js::JsNumber)]
    pub done_bytes: u64,
    #[specta(type = crate::js::JsNumber)]
    pub total_bytes: u64,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct MoveReport {
    pub from: String,
    pub to: String,
    pub files: u32,
    #[specta(type = crate::js::JsNumber)]
    pub bytes: u64,
    /// Rows in the copied database, every table counted.
    #[specta(type = crate::js::JsNumber)]
    pub rows: i64,
    /// False when the old folder could not be removed (the new library is in use anyway).
    pub old_removed: bool,
}

pub type OnProgress = Arc<dyn Fn(MoveProgress) + Send + Sync>;

impl Studio {
    /// Moves this studio's library to `target` (an empty or missing folder). The studio keeps
    /// the old database open: reopen at the new place afterwards (the CLI exits; the app
    /// restarts). `source` is how the current folder was chosen; a folder forced by
    /// `--data-dir` or `DAILIES_DATA_DIR` is refused, since the pointer could not win over it.
    pub async fn move_library(
        &self,
        source: LocationSource,
        target: &Path,
        progress: OnProgress,
    ) -> Result<MoveReport> {
        let from = self.store().data_dir().to_path_buf();
        let to = check_target(source, &from, target)?;
        self.check_idle().await?;
        let report = |stage, done_bytes, total_bytes| progress(MoveProgress { stage, done_bytes, total_bytes });

        // Copy. The marker goes first so a crash leaves a folder known to be unfinished.
        std::fs::create_dir_all(&to).map_err(|e| Error::local_io(&to, e))?;
        std::fs::write(to.join(MARKER), b"an unfinished copy of a Dailies library\n")
            .map_err(|e| Error::local_io(&to, e))?;
        report(MoveStage::CopyingDatabase, 0, 0);
        let db_copy = to.join("dailies.db");
        let source_rows = db::snapshot(self.store(), &db_copy).await?;
        let mut copy = db::open_copy(&db_copy).await?;
        db::rewrite_paths(&mut copy, &from, &to).await?;
        let listed = {
            let from = from.clone();
            tokio::task::spawn_blocking(move || files::list(&from)).await.map_err(join)??
        };
        let total: u64 = listed.values().sum();
        report(MoveStage::CopyingFiles, 0, total);
        let listed = {
            let (from, to, progress) = (from.clone(), to.clone(), progress.clone());
            tokio::task::spawn_blocking(move || {
                let on_bytes = |done| {
                    progress(MoveProgress { stage: MoveStage::CopyingFiles, done_bytes: done, total_bytes: total })
                };
                files::copy_all(&from, &to, &listed, &on_bytes).map(|()| listed)
            })
            .await
            .map_err(join)??
        };
        crash_point("copied");

        // Verify: same rows in every table, a sound database, every file at its size.
        report(MoveStage::Verifying, total, total);
        db::quick_check(&mut copy).await?;
        let copied_rows = db::row_counts(&mut copy).await?;
        copy.close().await.ok();
        if copied_rows != source_rows {
            return Err(Error::LibraryMove(format!(
                "the copied database has other row counts than the library ({copied_rows:?} vs {source_rows:?}); \
                 nothing was switched, the library stays in {}",
                from.display()
            )));
        }
        let found = {
            let to = to.clone();
            tokio::task::spawn_blocking(move || files::list(&to)).await.map_err(join)??
        };
        let differences = files::differences(&listed, &found);
        if !differences.is_empty() {
            return Err(Error::LibraryMove(format!(
                "the copy differs: {}; nothing was switched, the library stays in {}",
                differences.join(", "),
                from.display()
            )));
        }
        files::sync_dir(&to)?;
        crash_point("verified");

        // Switch: from here on the new folder is the library.
        report(MoveStage::Switching, total, total);
        paths::write_pointer(&Pointer { path: to.clone(), moved_from: Some(from.clone()) })
            .map_err(|e| Error::local_io(paths::pointer_file(), e))?;
        crash_point("switched");

        report(MoveStage::RemovingOld, total, total);
        let old_removed = match finish_interrupted_move() {
            Ok(_) => true,
            Err(e) => {
                tracing::warn!(from = %from.display(), error = %e, "the old library folder could not be removed");
                false
            }
        };
        report(MoveStage::Done, total, total);
        Ok(MoveReport {
            from: from.display().to_string(),
            to: to.display().to_string(),
            files: listed.len() as u32,
            bytes: total,
            rows: copied_rows.values().sum(),
            old_removed,
        })
    }

    /// A move needs every clip ended and no other Dailies process in this library: their
    /// writes would land in the old folder after the copy was taken.
    async fn check_idle(&self) -> Result<()> {
        let unfinished = self.store().unfinished_clips().await?.len();
        if unfinished > 0 {
            return Err(refusal(format!("{unfinished} clip(s) still running"), "a library with every clip ended"));
        }
        let others = self.store().other_live_owners()?;
        if others > 0 {
            return Err(refusal(
                format!("{others} other Dailies process(es) have this library open"),
                "close the app (or the other `dailies` command) first",
            ));
        }
        Ok(())
    }
}

/// Finishes a move a crash cut short after its switch: the marker in the new folder and
/// the old folder go, and the pointer forgets the old one. Returns the folder removed.
pub fn finish_interrupted_move() -> Result<Option<PathBuf>> {
    let Some(pointer) = paths::read_pointer() else { return Ok(None) };
    let Some(old) = pointer.moved_from.clone() else { return Ok(None) };
    let marker = pointer.path.join(MARKER);
    if !pointer.path.join("dailies.db").exists() {
        // Never remove the old folder without a library at the new one.
        return Err(Error::LibraryMove(format!("no library at {}; the old one stays", pointer.path.display())));
    }
    if marker.exists() {
        std::fs::remove_file(&marker).map_err(|e| Error::local_io(&marker, e))?;
    }
    let removed = if old != pointer.path && old.join("dailies.db").exists() {
        // Media first (the bulk), so a crash here leaves a stub the next attempt completes.
        let media = old.join("media");
        if media.exists() {
            std::fs::remove_dir_all(&media).map_err(|e| Error::local_io(&media, e))?;
        }
        crash_point("removing");
        std::fs::remove_dir_all(&old).map_err(|e| Error::local_io(&old, e))?;
        Some(old)
    } else {
        None
    };
    paths::write_pointer(&Pointer { path: pointer.path, moved_from: None })
        .map_err(|e| Error::local_io(paths::pointer_file(), e))?;
    Ok(removed)
}

/// The target as an absolute path, refused when it cannot hold the move.
fn check_target(source: LocationSource, from: &Path, target: &Path) -> Result<PathBuf> {
    if matches!(source, LocationSource::Flag | LocationSource::Environment) {
        return Err(refusal(
            format!("the library's place is forced by {}", if source == LocationSource::Flag { "--data-dir" } else { "DAILIES_DATA_DIR" }),
            "run without --data-dir / DAILIES_DATA_DIR (the moved location is then remembered), or point those at the new folder yourself",
        ));
    }
    let to = std::path::absolute(target).map_err(|e| Error::local_io(target, e))?;
    let from = std::fs::canonicalize(from).map_err(|e| Error::io(from, e))?;
    let to_real = existing_ancestor_canonical(&to);
    if to_real.starts_with(&from) || from.starts_with(&to_real) {
        return Err(refusal(format!("{} overlaps the library in {}", to.display(), from.display()), ALLOWED));
    }
    match std::fs::read_dir(&to) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(to),
        Err(e) => Err(Error::local_io(&to, e)),
        Ok(entries) => {
            let names: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.file_name()).collect();
            if names.is_empty() {
                return Ok(to);
            }
            // An unfinished copy from a move cut short, never switched to: safe to clear.
            let unfinished = names.iter().any(|n| n == MARKER) && paths::read_pointer().is_none_or(|p| p.path != to);
            if unfinished {
                std::fs::remove_dir_all(&to).map_err(|e| Error::local_io(&to, e))?;
                return Ok(to);
            }
            Err(refusal(format!("{} is not empty", to.display()), ALLOWED))
        }
    }
}

const ALLOWED: &str = "an empty or new folder outside the current library";

/// The canonical form of `path`'s deepest existing ancestor, with the rest appended.
fn existing_ancestor_canonical(path: &Path) -> PathBuf {
    let mut rest = Vec::new();
    let mut cur = path;
    loop {
        if let Ok(real) = std::fs::canonicalize(cur) {
            return rest.iter().rev().fold(real, |acc, part: &&std::ffi::OsStr| acc.join(part));
        }
        match (cur.parent(), cur.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name);
                cur = parent;
            }
            _ => return path.to_path_buf(),
        }
    }
}

fn refusal(value: String, allowed: &str) -> Error {
    InputError::InvalidValue { field: "library.path".into(), value, allowed: vec![allowed.into()] }.into()
}

fn join(e: tokio::task::JoinError) -> Error {
    Error::LibraryMove(format!("the copy stopped: {e}"))
}

/// A crash injected between two steps (`DAILIES_MOVE_CRASH_AT=copied|verified|switched|removing`),
/// for the interrupted-move tests: the process aborts as a power cut would, no cleanup run.
fn crash_point(step: &str) {
    if std::env::var("DAILIES_MOVE_CRASH_AT").is_ok_and(|v| v == step) {
        tracing::error!(step, "DAILIES_MOVE_CRASH_AT: aborting the move here");
        std::process::abort();
    }
}
