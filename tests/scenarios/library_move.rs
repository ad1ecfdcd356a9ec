//! Moving the library with `dailies library move DIR`: real SQLite file, real MP4s from the
//! demo emulator, the pointer file in a throwaway config dir. A crash injected between each
//! pair of steps (`DAILIES_MOVE_CRASH_AT`, an abort: no cleanup runs) must leave a library
//! that opens and still has its clip, and the next attempt must finish the move.

use std::path::{Path, PathBuf};
use std::process::Command;

use dailies_core::routes::RouteId;
use dailies_tests::{clip_cache, dailies, dailies_bin, run};
use serde_json::Value;

/// A home of its own: the config dir (pointer file) and the OS default folders are inside.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    /// A home whose pointer file names `lib1`, holding one finished demo clip.
    fn with_one_clip() -> (Home, String) {
        let home = Home { dir: tempfile::tempdir().unwrap() };
        std::fs::create_dir_all(home.config()).unwrap();
        std::fs::write(home.pointer(), serde_json::json!({ "path": home.lib(1) }).to_string()).unwrap();
        let mut compare = home.cli();
        compare.args(["compare", "--demo", "--prompt", "a lighthouse in fog", "--model", "kling-3.0-standard@kling"]);
        let (code, json, stderr) = run(compare.args(["--duration", "3", "--json", "--yes"]));
        assert_eq!(code, 0, "{stderr}\n{json}");
        let run_id = json["run_id"].as_str().unwrap().to_string();
        (home, run_id)
    }

    fn lib(&self, n: u8) -> PathBuf {
        self.dir.path().join(format!("lib{n}"))
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    fn pointer(&self) -> PathBuf {
        self.config().join("library.json")
    }

    fn read_pointer(&self) -> Value {
        serde_json::from_slice(&std::fs::read(self.pointer()).unwrap()).unwrap()
    }

    /// `dailies` with no `--data-dir`: the pointer decides where the library is.
    fn cli(&self) -> Command {
        let mut cmd = Command::new(dailies_bin());
        cmd.env_remove("DAILIES_DATA_DIR").env_remove("DAILIES_MOVE_CRASH_AT");
        cmd.env("DAILIES_CONFIG_DIR", self.config()).env("HOME", self.dir.path());
        cmd.env("XDG_DATA_HOME", self.dir.path().join("data")).env("XDG_CONFIG_HOME", self.dir.path().join("xdg"));
        for &route in RouteId::ALL {
            cmd.env_remove(route.base_url_env_var());
        }
        cmd.env("DAILIES_KEYRING_SERVICE", "dailies-tests");
        // The demo emulator caches rendered clips under the temp dir; share the suite's.
        cmd.env("TMPDIR", clip_cache().parent().unwrap());
        cmd
    }

    /// The run's one clip as the library at its current place shows it: its file exists.
    fn clip_file(&self, run_id: &str) -> PathBuf {
        let (code, shown, stderr) = run(self.cli().args(["show", run_id, "--json"]));
        assert_eq!(code, 0, "the library opens: {stderr}");
        let clip = &shown["clips"][0];
        assert_eq!(clip["status"], "succeeded", "{clip}");
        let file = PathBuf::from(clip["file"].as_str().unwrap());
        assert!(file.is_file(), "the clip's file is where the library says: {}", file.display());
        file
    }
}

fn size(p: &Path) -> u64 {
    std::fs::metadata(p).unwrap().len()
}

#[test]
fn a_library_moves_with_its_clips_and_the_old_folder_goes() {
    let (home, run_id) = Home::with_one_clip();
    let before = home.clip_file(&run_id);
    assert!(before.starts_with(home.lib(1)));

    let (code, report, stderr) = run(home.cli().args(["library", "move"]).arg(home.lib(2)).arg("--json"));
    assert_eq!(code, 0, "{stderr}\n{report}");
    assert!(report["files"].as_u64().unwrap() >= 1 && report["rows"].as_i64().unwrap() > 0, "{report}");
    assert_eq!(report["old_removed"], true);

    assert!(!home.lib(1).exists(), "the old folder is removed");
    assert!(!home.lib(2).join(".dailies-moving").exists(), "no marker left in a finished move");
    assert_eq!(home.read_pointer()["path"], home.lib(2).display().to_string());
    assert_eq!(home.read_pointer()["moved_from"], Value::Null);
    let after = home.clip_file(&run_id);
    assert_eq!(after, home.lib(2).join(before.strip_prefix(home.lib(1)).unwrap()), "paths follow the library");
    assert!(size(&after) > 0);

    let (_, location, _) = run(home.cli().args(["library", "where", "--json"]));
    assert_eq!((location["path"].as_str(), location["source"].as_str()), (home.lib(2).to_str(), Some("moved")));
}

#[test]
fn a_move_crashed_at_any_step_leaves_a_working_library_and_the_next_attempt_finishes() {
    // (where the crash lands, whether the pointer had switched to the new folder by then)
    for (step, switched) in [("copied", false), ("verified", false), ("switched", true), ("removing", true)] {
        let (home, run_id) = Home::with_one_clip();
        let size_before = size(&home.clip_file(&run_id));

        let mut crashing = home.cli();
        crashing.env("DAILIES_MOVE_CRASH_AT", step).args(["library", "move"]).arg(home.lib(2));
        let (code, _, stderr) = run(&mut crashing);
        assert_ne!(code, 0, "{step}: the move was cut short: {stderr}");

        let now_at = if switched { home.lib(2) } else { home.lib(1) };
        assert_eq!(home.read_pointer()["path"], now_at.display().to_string(), "{step}");
        let file = home.clip_file(&run_id);
        assert!(file.starts_with(&now_at), "{step}: {}", file.display());
        assert_eq!(size(&file), size_before, "{step}");
        if !switched {
            assert!(home.lib(2).join(".dailies-moving").exists(), "{step}: the copy is marked unfinished");
        }

        // The next attempt: the same move again (an unfinished copy is cleared and reused),
        // or, after the switch, any `library` command finishing the removal.
        let (code, _, stderr) = if switched {
            run(home.cli().args(["library", "where"]))
        } else {
            run(home.cli().args(["library", "move"]).arg(home.lib(2)))
        };
        assert_eq!(code, 0, "{step}: {stderr}");
        assert!(!home.lib(1).exists(), "{step}: the old folder is gone in the end");
        assert_eq!(home.read_pointer()["moved_from"], Value::Null, "{step}");
        let file = home.clip_file(&run_id);
        assert!(file.starts_with(home.lib(2)) && size(&file) == size_before, "{step}: {}", file.display());
    }
}

#[test]
fn a_move_is_refused_into_a_full_folder_or_when_data_dir_forces_the_place() {
    let (home, _) = Home::with_one_clip();
    let full = home.dir.path().join("full");
    std::fs::create_dir_all(&full).unwrap();
    std::fs::write(full.join("notes.txt"), b"mine").unwrap();
    let (code, _, stderr) = run(home.cli().args(["library", "move"]).arg(&full));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("library.path") && stderr.contains("not empty"), "{stderr}");
    assert_eq!(std::fs::read(full.join("notes.txt")).unwrap(), b"mine", "nothing of the creator's touched");

    let (code, _, stderr) = run(home.cli().args(["library", "move"]).arg(home.lib(1).join("media/inside")));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("overlaps"), "{stderr}");

    let (code, _, stderr) = run(dailies(&home.lib(1)).args(["library", "move"]).arg(home.lib(3)));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("library.path") && stderr.contains("--data-dir"), "{stderr}");
    assert!(!home.lib(3).exists() && home.lib(1).join("dailies.db").exists());
}
