use std::collections::BTreeMap;
use std::path::PathBuf;

use super::*;

#[test]
fn differences_name_missing_resized_and_extra_files() {
    let expected: BTreeMap<PathBuf, u64> = [("media/a.mp4".into(), 10), ("media/b.jpg".into(), 3)].into();
    assert!(files::differences(&expected, &expected).is_empty());
    let found: BTreeMap<PathBuf, u64> = [("media/a.mp4".into(), 9), ("stray".into(), 1)].into();
    let diff = files::differences(&expected, &found);
    assert_eq!(diff, ["media/a.mp4 has 9 bytes, not 10", "media/b.jpg is missing", "stray is extra"]);
}

#[test]
fn the_listing_leaves_out_the_database_locks_and_marker() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["dailies.db", "dailies.db-wal", MARKER, "settings.json", "media/r/c.mp4", "owners/1.lock"] {
        let p = dir.path().join(f);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, b"12345").unwrap();
    }
    let listed: Vec<_> = files::list(dir.path()).unwrap().into_keys().collect();
    assert_eq!(listed, [PathBuf::from("media/r/c.mp4"), PathBuf::from("settings.json")]);
}

#[test]
fn a_target_inside_outside_or_around_the_library_is_checked() {
    let root = tempfile::tempdir().unwrap();
    let lib = root.path().join("lib");
    std::fs::create_dir_all(lib.join("media")).unwrap();
    let refused = |target: PathBuf| check_target(LocationSource::Default, &lib, &target).unwrap_err();

    for target in [lib.join("media/inner"), root.path().to_path_buf(), lib.clone()] {
        let e = refused(target.clone());
        assert_eq!(e.field(), Some("library.path"), "{target:?}: {e}");
        assert!(e.to_string().contains("overlaps"), "{e}");
    }
    let full = root.path().join("full");
    std::fs::create_dir_all(&full).unwrap();
    std::fs::write(full.join("x"), b"x").unwrap();
    assert!(refused(full).to_string().contains("not empty"));

    let fresh = root.path().join("new/place");
    assert_eq!(check_target(LocationSource::Default, &lib, &fresh).unwrap(), fresh);
    let forced = check_target(LocationSource::Flag, &lib, &fresh).unwrap_err();
    assert!(forced.to_string().contains("--data-dir"), "{forced}");
}
