//! Puts one media file where its clip's state says: `media/<rel>` while the clip is live,
//! `trash/<rel>` while it is in the trash, nowhere once it is gone. Every step is
//! idempotent, so a journal line left by a crash can simply be replayed.

use std::io;
use std::path::{Component, Path, PathBuf};

/// Where a clip's files belong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    Media,
    Trash,
    Gone,
}

/// The two folders a file can live in.
pub(super) struct Folders<'a> {
    pub media: &'a Path,
    pub trash: &'a Path,
}

/// Moves or deletes `rel` so it ends up at `place`. Returns whether a file was deleted.
/// A path that is not plainly relative (`..`, absolute) is refused: a row must never
/// reach outside the library's folders.
pub(super) fn settle(folders: &Folders<'_>, rel: &str, place: Place) -> io::Result<bool> {
    let rel = plain_relative(rel).ok_or_else(|| {
        io::Error::new(io::ErrorKind::InvalidInput, format!("'{rel}' is not a path inside the library"))
    })?;
    let in_media = folders.media.join(&rel);
    let in_trash = folders.trash.join(&rel);
    match place {
        Place::Media => move_file(&in_trash, &in_media, folders.trash).map(|_| false),
        Place::Trash => move_file(&in_media, &in_trash, folders.media).map(|_| false),
        Place::Gone => {
            // Emptying deletes from the trash; a copy still in media (a crash between the
            // move and the delete of an older journal line) has no row left either.
            let a = remove_file(&in_trash, folders.trash)?;
            let b = remove_file(&in_media, folders.media)?;
            Ok(a || b)
        }
    }
}

fn plain_relative(rel: &str) -> Option<PathBuf> {
    let path = Path::new(rel);
    let plain = !rel.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)));
    plain.then(|| path.to_path_buf())
}

/// `from` → `to`. Nothing at `from` means the move already happened (or the file was never
/// there): nothing to do.
fn move_file(from: &Path, to: &Path, from_root: &Path) -> io::Result<()> {
    if !from.exists() {
        return Ok(());
    }
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent)?;
    }
    if std::fs::rename(from, to).is_err() {
        // Another file system under the data dir (a mounted trash): copy, then remove.
        std::fs::copy(from, to)?;
        std::fs::remove_file(from)?;
    }
    remove_empty_parent(from, from_root);
    Ok(())
}

fn remove_file(path: &Path, root: &Path) -> io::Result<bool> {
    match std::fs::remove_file(path) {
        Ok(()) => {
            remove_empty_parent(path, root);
            Ok(true)
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

/// Drops the run folder a move emptied; it is left alone if anything else is in it.
fn remove_empty_parent(path: &Path, root: &Path) {
    if let Some(parent) = path.parent().filter(|p| *p != root && p.starts_with(root)) {
        let _ = std::fs::remove_dir(parent);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folders(dir: &Path) -> (PathBuf, PathBuf) {
        (dir.join("media"), dir.join("trash"))
    }

    #[test]
    fn a_file_goes_to_the_trash_back_and_away_and_every_step_can_be_replayed() {
        let dir = tempfile::tempdir().unwrap();
        let (media, trash) = folders(dir.path());
        std::fs::create_dir_all(media.join("run1")).unwrap();
        std::fs::write(media.join("run1/c.mp4"), b"clip").unwrap();
        std::fs::write(media.join("run1/other.mp4"), b"other").unwrap();
        let f = Folders { media: &media, trash: &trash };

        for _ in 0..2 {
            assert!(!settle(&f, "run1/c.mp4", Place::Trash).unwrap());
        }
        assert_eq!(std::fs::read(trash.join("run1/c.mp4")).unwrap(), b"clip");
        assert!(!media.join("run1/c.mp4").exists());
        assert!(media.join("run1/other.mp4").exists(), "nothing else is touched");

        settle(&f, "run1/c.mp4", Place::Media).unwrap();
        assert_eq!(std::fs::read(media.join("run1/c.mp4")).unwrap(), b"clip");
        assert!(!trash.join("run1").exists(), "the emptied trash folder of the run is dropped");

        settle(&f, "run1/c.mp4", Place::Trash).unwrap();
        assert!(settle(&f, "run1/c.mp4", Place::Gone).unwrap());
        assert!(!settle(&f, "run1/c.mp4", Place::Gone).unwrap(), "already gone");
        assert!(!trash.join("run1/c.mp4").exists() && !media.join("run1/c.mp4").exists());
        assert!(media.join("run1/other.mp4").exists());
    }

    #[test]
    fn paths_reaching_outside_the_library_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (media, trash) = folders(dir.path());
        std::fs::write(dir.path().join("precious"), b"x").unwrap();
        let f = Folders { media: &media, trash: &trash };
        for rel in ["../precious", "/etc/passwd", "", "a/../../precious"] {
            assert!(settle(&f, rel, Place::Gone).is_err(), "{rel}");
        }
        assert!(dir.path().join("precious").exists());
    }
}
