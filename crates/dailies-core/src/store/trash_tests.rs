//! The trash on a real library: rows, real files in a temp data dir, and crashes
//! simulated by leaving the journal as an interrupted operation would.

use std::path::Path;

use super::tests::plan;
use super::*;
use crate::api::TrashKind;

/// A run of `clips` delivered clips, each with an MP4 and a poster on disk.
async fn delivered_run(store: &Store, run: &str, clips: &[&str]) {
    let plan = plan();
    let rows: Vec<NewClip<'_>> = clips
        .iter()
        .map(|id| NewClip {
            id: (*id).into(),
            base_url: "http://x".into(),
            request_json: "{}".into(),
            planned: &plan.clips[0],
        })
        .collect();
    store.insert_run(run, &plan, &rows).await.unwrap();
    std::fs::create_dir_all(store.media_dir().join(run)).unwrap();
    for id in clips {
        sqlx::query("UPDATE clips SET status = 'succeeded', media_path = ?, poster_path = ? WHERE id = ?")
            .bind(format!("{run}/{id}.mp4"))
            .bind(format!("{run}/{id}.jpg"))
            .bind(id)
            .execute(store.pool())
            .await
            .unwrap();
        std::fs::write(store.media_dir().join(format!("{run}/{id}.mp4")), format!("video {id}")).unwrap();
        std::fs::write(store.media_dir().join(format!("{run}/{id}.jpg")), format!("poster {id}")).unwrap();
    }
}

fn media(dir: &Path, rel: &str) -> bool {
    dir.join("media").join(rel).exists()
}

fn trash(dir: &Path, rel: &str) -> bool {
    dir.join("trash").join(rel).exists()
}

async fn journal_lines(store: &Store) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM trash_journal").fetch_one(store.pool()).await.unwrap()
}

#[tokio::test]
async fn a_run_goes_to_the_trash_comes_back_and_leaves_for_good_touching_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let store = Store::open(d).await.unwrap();
    delivered_run(&store, "run1", &["a1", "a2"]).await;
    delivered_run(&store, "run2", &["b1"]).await;
    store.add_tags("a1", &["keep".into()]).await.unwrap();

    store.trash_run("run1").await.unwrap();
    assert!(trash(d, "run1/a1.mp4") && trash(d, "run1/a2.jpg") && !media(d, "run1/a1.mp4"));
    assert!(!d.join("media/run1").exists(), "the emptied run folder goes");
    assert!(store.find_run_id("run1").await.is_err() && store.find_clip_id("a1").await.is_err(), "hidden");
    let items = store.trash_items().await.unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!((items[0].kind, items[0].id.as_str(), items[0].clip_count), (TrashKind::Run, "run1", 2));

    store.restore_run("run1").await.unwrap();
    assert!(media(d, "run1/a1.mp4") && media(d, "run1/a2.jpg") && !trash(d, "run1/a1.mp4"));
    assert_eq!(store.clips_of_run("run1").await.unwrap().len(), 2);
    assert_eq!(store.tags_of_clip("a1").await.unwrap(), ["keep"], "tags survive the trash");

    store.trash_run("run1").await.unwrap();
    let (runs, clips, files) = store.empty_trash().await.unwrap();
    assert_eq!((runs, clips, files), (1, 2, 4));
    assert!(!trash(d, "run1/a1.mp4") && !media(d, "run1/a1.mp4"));
    assert!(matches!(store.clip("a1").await, Err(Error::NotFound { .. })));
    assert!(media(d, "run2/b1.mp4") && media(d, "run2/b1.jpg"), "the other run is untouched");
    assert_eq!(store.clips_of_run("run2").await.unwrap().len(), 1);
    assert_eq!(journal_lines(&store).await, 0);
    let prompts: i64 = sqlx::query_scalar("SELECT count(*) FROM prompts").fetch_one(store.pool()).await.unwrap();
    assert_eq!(prompts, 1, "the emptied run's prompt goes with it");
}

#[tokio::test]
async fn a_clip_trashed_alone_stays_its_own_entry_when_its_run_follows() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let store = Store::open(d).await.unwrap();
    delivered_run(&store, "run1", &["a1", "a2"]).await;

    store.trash_clip("a1").await.unwrap();
    assert!(trash(d, "run1/a1.mp4") && media(d, "run1/a2.mp4"));
    assert_eq!(store.clips_of_run("run1").await.unwrap().len(), 1, "hidden from its run");
    store.trash_run("run1").await.unwrap();
    let kinds: Vec<_> = store.trash_items().await.unwrap().into_iter().map(|i| (i.kind, i.clip_count)).collect();
    assert_eq!(kinds, [(TrashKind::Run, 1), (TrashKind::Clip, 1)]);

    let refused = store.restore_clip("a1").await.unwrap_err();
    assert_eq!(refused.field(), Some("id"), "{refused}");
    store.restore_run("run1").await.unwrap();
    assert!(media(d, "run1/a2.mp4") && trash(d, "run1/a1.mp4"), "only the clips deleted with the run come back");
    store.restore_clip("a1").await.unwrap();
    assert!(media(d, "run1/a1.mp4"));
    assert!(store.trash_items().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_run_still_generating_cannot_be_trashed() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    delivered_run(&store, "run1", &["a1"]).await;
    sqlx::query("UPDATE clips SET status = 'generating'").execute(store.pool()).await.unwrap();
    let refused = store.trash_run("run1").await.unwrap_err();
    assert_eq!(refused.field(), Some("id"), "{refused}");
    assert!(store.find_run_id("run1").await.is_ok(), "nothing changed");
    assert!(media(dir.path(), "run1/a1.mp4"));
}

/// The first half of an operation as a crash leaves it: rows and journal committed, files
/// not (or only partly) moved. `Store::open` must finish it.
async fn crash_after_commit(store: &Store, rows: &str, clip: &str, files: &[&str]) {
    let mut tx = store.pool().begin().await.unwrap();
    sqlx::query(rows).execute(&mut *tx).await.unwrap();
    for rel in files {
        sqlx::query("INSERT INTO trash_journal (clip_id, rel_path, created_at_ms) VALUES (?, ?, 0)")
            .bind(clip)
            .bind(rel)
            .execute(&mut *tx)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn an_interrupted_delete_restore_or_empty_is_finished_at_the_next_open() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let store = Store::open(d).await.unwrap();
    delivered_run(&store, "run1", &["a1"]).await;
    delivered_run(&store, "run2", &["b1"]).await;

    // Delete cut after the MP4 moved but before the poster did.
    let flag = "UPDATE clips SET deleted_at_ms = 5 WHERE id = 'a1'";
    crash_after_commit(&store, flag, "a1", &["run1/a1.mp4", "run1/a1.jpg"]).await;
    std::fs::create_dir_all(d.join("trash/run1")).unwrap();
    std::fs::rename(d.join("media/run1/a1.mp4"), d.join("trash/run1/a1.mp4")).unwrap();
    store.close().await;
    let store = Store::open(d).await.unwrap();
    assert!(trash(d, "run1/a1.mp4") && trash(d, "run1/a1.jpg") && !media(d, "run1/a1.jpg"));
    assert_eq!(journal_lines(&store).await, 0);

    // Restore cut before any file moved back.
    crash_after_commit(
        &store,
        "UPDATE clips SET deleted_at_ms = NULL WHERE id = 'a1'",
        "a1",
        &["run1/a1.mp4", "run1/a1.jpg"],
    )
    .await;
    store.close().await;
    let store = Store::open(d).await.unwrap();
    assert!(media(d, "run1/a1.mp4") && media(d, "run1/a1.jpg") && !trash(d, "run1/a1.mp4"));

    // Empty cut after the rows were deleted, before the files.
    store.trash_run("run2").await.unwrap();
    crash_after_commit(&store, "DELETE FROM runs WHERE id = 'run2'", "b1", &["run2/b1.mp4", "run2/b1.jpg"]).await;
    assert!(trash(d, "run2/b1.mp4"));
    store.close().await;
    let store = Store::open(d).await.unwrap();
    assert!(!trash(d, "run2/b1.mp4") && !trash(d, "run2/b1.jpg"), "no file outlives its row");
    assert!(media(d, "run1/a1.mp4"), "the live clip is untouched");
    assert_eq!(journal_lines(&store).await, 0);
}
