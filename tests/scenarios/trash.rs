//! Deleting safely through `dailies`: `rm` hides runs and clips everywhere and moves their
//! MP4s to `<data dir>/trash/`, `restore` brings them back, `trash empty --yes` deletes rows
//! and files for good, touching nothing else; and a delete, restore or empty cut short by a
//! crash is finished by the next command that opens the library.

use std::path::{Path, PathBuf};

use dailies_tests::{dailies, run};
use serde_json::Value;

fn compare(dir: &Path, prompt: &str, models: &[&str]) -> Value {
    let mut cmd = dailies(dir);
    cmd.args(["compare", "--demo", "--prompt", prompt, "--duration", "4", "--json", "--yes"]);
    models.iter().for_each(|m| {
        cmd.args(["--model", m]);
    });
    let (code, json, stderr) = run(&mut cmd);
    assert_eq!(code, 0, "{stderr}");
    json
}

fn ok(dir: &Path, args: &[&str]) -> Value {
    let (code, json, stderr) = run(dailies(dir).args(args));
    assert_eq!(code, 0, "{args:?}: {stderr}");
    json
}

fn run_ids(dir: &Path) -> Vec<String> {
    let runs = ok(dir, &["runs", "--json"]);
    runs.as_array().unwrap().iter().map(|r| r["run_id"].as_str().unwrap().to_string()).collect()
}

/// The clip's MP4 in the media folder, and where the trash keeps it.
fn places(dir: &Path, clip: &Value) -> (PathBuf, PathBuf) {
    let file = PathBuf::from(clip["file"].as_str().unwrap());
    let rel = file.strip_prefix(dir.join("media")).unwrap().to_path_buf();
    (file, dir.join("trash").join(rel))
}

#[tokio::test(flavor = "multi_thread")]
async fn runs_and_clips_go_to_the_trash_come_back_and_leave_for_good() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let fog = compare(d, "a lighthouse in fog", &["kling-3.0-standard@fal", "sora-2@openai"]);
    let dawn = compare(d, "a harbour at dawn", &["sora-2@openai", "kling-3.0-standard@fal"]);
    let fog_id = fog["run_id"].as_str().unwrap();
    let dawn_id = dawn["run_id"].as_str().unwrap();
    let (fog_mp4, fog_trashed) = places(d, &fog["clips"][0]);
    let (dawn_mp4, dawn_trashed) = places(d, &dawn["clips"][0]);
    let (kept_mp4, _) = places(d, &dawn["clips"][1]);
    let kept_bytes = std::fs::read(&kept_mp4).unwrap();
    let dawn_clip = dawn["clips"][0]["clip_id"].as_str().unwrap();

    let moved = ok(d, &["rm", fog_id, &dawn_clip[dawn_clip.len() - 8..], "--json"]);
    let kinds: Vec<&str> = moved["trashed"].as_array().unwrap().iter().map(|i| i["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["run", "clip"]);
    assert!(!fog_mp4.exists() && fog_trashed.exists() && !dawn_mp4.exists() && dawn_trashed.exists());
    assert_eq!(run_ids(d), [dawn_id], "the trashed run is hidden from the list");
    let (code, _, stderr) = run(dailies(d).args(["show", fog_id]));
    assert_eq!(code, 2, "hidden from show: {stderr}");
    let dawn_now = ok(d, &["show", dawn_id, "--json"]);
    assert_eq!(dawn_now["clips"].as_array().unwrap().len(), 1, "the trashed clip is hidden from its run");

    let listed = ok(d, &["trash", "--json"]);
    let entries: Vec<(String, u64)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["id"].as_str().unwrap().to_string(), i["clip_count"].as_u64().unwrap()))
        .collect();
    assert!(entries.contains(&(fog_id.to_string(), 2)) && entries.contains(&(dawn_clip.to_string(), 1)), "{listed}");

    let restored = ok(d, &["restore", fog_id, "--json"]);
    assert_eq!(restored["restored"]["id"], fog_id);
    assert!(fog_mp4.exists() && !fog_trashed.exists());
    assert_eq!(ok(d, &["show", fog_id, "--json"])["clips"].as_array().unwrap().len(), 2);

    let refuse = |args: &[&str], message: &str| {
        let (code, _, stderr) = run(dailies(d).args(args));
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    };
    refuse(&["rm", "zzzzzzzz"], "run or clip 'zzzzzzzz' not found");
    refuse(&["rm", fog_id, "zzzzzzzz"], "run or clip 'zzzzzzzz' not found");
    assert!(fog_mp4.exists(), "one unknown id moves nothing");
    refuse(&["restore", fog_id], "run or clip");
    refuse(&["trash", "empty"], "yes: ");
    assert!(dawn_trashed.exists(), "nothing is deleted without --yes");

    // The clip's files: its MP4 and, where ffmpeg made one when it landed, its poster frame.
    let dawn_files = 1 + u64::from(dawn_trashed.with_extension("jpg").exists());
    let gone = ok(d, &["trash", "empty", "--yes", "--json"]);
    assert_eq!(
        (gone["runs"].as_u64(), gone["clips"].as_u64(), gone["files"].as_u64()),
        (Some(0), Some(1), Some(dawn_files))
    );
    assert!(!dawn_trashed.exists() && !dawn_mp4.exists());
    assert_eq!(std::fs::read(&kept_mp4).unwrap(), kept_bytes, "the other clip of the run is untouched");
    assert!(fog_mp4.exists());
    assert_eq!(ok(d, &["trash", "--json"]), serde_json::json!([]));
    refuse(&["restore", dawn_clip], "not found");
}

/// Writes what a crash leaves after an operation's transaction committed and before its
/// files moved: the rows' new state and the journal lines for the clip's MP4.
async fn crash_after_commit(dir: &Path, change_rows: &str, clip_id: &str, rel: &str) {
    let store = dailies_core::store::Store::open(dir).await.unwrap();
    let mut tx = store.pool().begin().await.unwrap();
    sqlx::query(change_rows).bind(clip_id).execute(&mut *tx).await.unwrap();
    sqlx::query("INSERT INTO trash_journal (clip_id, rel_path, created_at_ms) VALUES (?, ?, 0)")
        .bind(clip_id)
        .bind(rel)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    store.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_delete_restore_or_empty_cut_short_is_finished_by_the_next_command() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let fog = compare(d, "a lighthouse in fog", &["kling-3.0-standard@fal"]);
    let keep = compare(d, "a harbour at dawn", &["sora-2@openai"]);
    let clip = &fog["clips"][0];
    let clip_id = clip["clip_id"].as_str().unwrap();
    let (mp4, trashed) = places(d, clip);
    let (kept_mp4, _) = places(d, &keep["clips"][0]);
    let rel = mp4.strip_prefix(d.join("media")).unwrap().to_str().unwrap().to_string();

    // `rm` of the clip committed, the process died before the file moved.
    crash_after_commit(d, "UPDATE clips SET deleted_at_ms = 1 WHERE id = ?", clip_id, &rel).await;
    assert!(mp4.exists(), "the crash left the file in the media folder");
    assert_eq!(ok(d, &["trash", "--json"]).as_array().unwrap().len(), 1);
    assert!(!mp4.exists() && trashed.exists(), "the next command finished the move");

    // `restore` committed, the file still in the trash.
    crash_after_commit(d, "UPDATE clips SET deleted_at_ms = NULL WHERE id = ?", clip_id, &rel).await;
    ok(d, &["runs", "--json"]);
    assert!(mp4.exists() && !trashed.exists(), "a live row gets its file back");

    // `trash empty` deleted the rows, the file not yet.
    ok(d, &["rm", clip_id]);
    crash_after_commit(d, "DELETE FROM clips WHERE id = ?", clip_id, &rel).await;
    assert!(trashed.exists());
    ok(d, &["runs", "--json"]);
    assert!(!trashed.exists() && !mp4.exists(), "no file outlives its row");
    assert!(kept_mp4.exists(), "nothing else is touched");
}
