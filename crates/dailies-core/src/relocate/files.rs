//! The library's files other than the database: listing, copying with progress, comparing.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Left out of a copy: the database (copied as a consistent snapshot instead), the running
/// processes' lock files (they belong to the old place), and a move's own marker.
const NOT_COPIED: [&str; 5] = ["dailies.db", "dailies.db-wal", "dailies.db-shm", "owners", super::MARKER];

/// Every file under `root` to copy, relative, with its size.
pub fn list(root: &Path) -> Result<BTreeMap<PathBuf, u64>> {
    let mut out = BTreeMap::new();
    walk(root, Path::new(""), &mut out)?;
    Ok(out)
}

fn walk(root: &Path, rel: &Path, out: &mut BTreeMap<PathBuf, u64>) -> Result<()> {
    let dir = root.join(rel);
    for entry in std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))? {
        let entry = entry.map_err(|e| Error::io(&dir, e))?;
        let name = entry.file_name();
        if rel.as_os_str().is_empty() && NOT_COPIED.iter().any(|n| name == *n) {
            continue;
        }
        let rel_path = rel.join(&name);
        let meta = std::fs::metadata(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
        if meta.is_dir() {
            walk(root, &rel_path, out)?;
        } else {
            out.insert(rel_path, meta.len());
        }
    }
    Ok(())
}

/// Copies `files` from `from` to `to`, each flushed to disk, reporting bytes done.
pub fn copy_all(from: &Path, to: &Path, files: &BTreeMap<PathBuf, u64>, on_bytes: &dyn Fn(u64)) -> Result<()> {
    let mut done = 0u64;
    let mut buf = vec![0u8; 1 << 20];
    for rel in files.keys() {
        let (src, dst) = (from.join(rel), to.join(rel));
        if let Some(parent) = dst.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::local_io(parent, e))?;
        }
        let mut input = std::fs::File::open(&src).map_err(|e| Error::io(&src, e))?;
        let mut output = std::fs::File::create(&dst).map_err(|e| Error::local_io(&dst, e))?;
        loop {
            let n = input.read(&mut buf).map_err(|e| Error::io(&src, e))?;
            if n == 0 {
                break;
            }
            output.write_all(&buf[..n]).map_err(|e| Error::local_io(&dst, e))?;
            done += n as u64;
            on_bytes(done);
        }
        output.sync_all().map_err(|e| Error::local_io(&dst, e))?;
    }
    Ok(())
}

/// What differs between the files listed at the source and those now at the target.
pub fn differences(expected: &BTreeMap<PathBuf, u64>, found: &BTreeMap<PathBuf, u64>) -> Vec<String> {
    let mut out = Vec::new();
    for (rel, size) in expected {
        match found.get(rel) {
            None => out.push(format!("{} is missing", rel.display())),
            Some(s) if s != size => out.push(format!("{} has {s} bytes, not {size}", rel.display())),
            Some(_) => {}
        }
    }
    out.extend(
        found.keys().filter(|rel| !expected.contains_key(*rel)).map(|rel| format!("{} is extra", rel.display())),
    );
    out
}

/// Flushes a folder's entries (a rename or a removal in it) to disk.
pub fn sync_dir(dir: &Path) -> Result<()> {
    std::fs::File::open(dir).and_then(|d| d.sync_all()).map_err(|e| Error::local_io(dir, e))
}
