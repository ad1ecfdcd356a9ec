//! Curation rows on a real library: winners, notes, boards and their counts.

use super::tests::plan;
use super::*;
use crate::api::TimeNote;

async fn run_with(store: &Store, run: &str, clips: &[&str]) {
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
    sqlx::query("UPDATE clips SET status = 'succeeded'").execute(store.pool()).await.unwrap();
}

#[tokio::test]
async fn a_winner_is_one_of_its_runs_clips_and_can_be_cleared() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    run_with(&store, "run1", &["a1", "a2"]).await;
    run_with(&store, "run2", &["b1"]).await;

    store.set_winner("run1", Some("a2")).await.unwrap();
    assert_eq!(store.run_view("run1").await.unwrap().winner_clip_id.as_deref(), Some("a2"));
    let other = store.set_winner("run1", Some("b1")).await.unwrap_err();
    assert_eq!(other.field(), Some("clip"), "{other}");
    assert!(matches!(store.set_winner("run1", Some("nope")).await, Err(Error::NotFound { what: "clip", .. })));
    assert!(matches!(store.set_winner("nope", None).await, Err(Error::NotFound { what: "run", .. })));
    store.set_winner("run1", None).await.unwrap();
    assert_eq!(store.run_view("run1").await.unwrap().winner_clip_id, None);

    store.set_note("a1", Some("best motion")).await.unwrap();
    assert_eq!(store.clip("a1").await.unwrap().note.as_deref(), Some("best motion"));
}

#[tokio::test]
async fn boards_hold_clips_from_many_runs_and_count_only_live_ones() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    run_with(&store, "run1", &["a1", "a2"]).await;
    let picks = store.create_board("Client picks").await.unwrap();
    let moods = store.create_board("moods").await.unwrap();
    let taken = store.create_board("CLIENT PICKS").await.unwrap_err();
    assert_eq!(taken.field(), Some("name"), "{taken}");

    store.add_to_board(picks.id, &["a1".into(), "a2".into()]).await.unwrap();
    store.add_to_board(picks.id, &["a1".into()]).await.unwrap();
    store.add_to_board(moods.id, &["a1".into()]).await.unwrap();
    let on: Vec<(i64, String, u32)> =
        store.boards_of_clip("a1").await.unwrap().into_iter().map(|b| (b.id, b.name, b.clip_count)).collect();
    assert_eq!(on, [(picks.id, "Client picks".into(), 2), (moods.id, "moods".into(), 1)], "by name, with counts");
    assert!(store.boards_of_clip("nope").await.unwrap().is_empty());
    assert_eq!(store.board(picks.id).await.unwrap().clip_count, 2);

    store.trash_clip("a2").await.unwrap();
    assert_eq!(store.board(picks.id).await.unwrap().clip_count, 1, "a trashed clip is not counted");
    store.remove_from_board(picks.id, &["a1".into()]).await.unwrap();
    assert_eq!(store.board(picks.id).await.unwrap().clip_count, 0);

    let renamed = store.rename_board(moods.id, "Moods 2").await.unwrap();
    assert_eq!((renamed.name.as_str(), renamed.clip_count), ("Moods 2", 1));
    assert_eq!(store.find_board("moods 2").await.unwrap().id, moods.id);
    assert_eq!(store.find_board(&moods.id.to_string()).await.unwrap().id, moods.id);
    store.delete_board(moods.id).await.unwrap();
    assert!(matches!(store.find_board("moods 2").await, Err(Error::NotFound { what: "board", .. })));
    assert!(store.clip("a1").await.is_ok(), "deleting a board keeps its clips");
    let names: Vec<String> = store.boards().await.unwrap().into_iter().map(|b| b.name).collect();
    assert_eq!(names, ["Client picks"]);
}

#[tokio::test]
async fn tags_in_use_come_most_used_first_and_skip_trashed_clips() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    run_with(&store, "run1", &["a1", "a2", "a3"]).await;
    store.add_tags("a1", &["dusk".into(), "wide".into()]).await.unwrap();
    store.add_tags("a2", &["wide".into()]).await.unwrap();
    store.add_tags("a3", &["gone".into(), "wide".into()]).await.unwrap();
    store.trash_clip("a3").await.unwrap();
    assert_eq!(store.tags_in_use(10).await.unwrap(), ["wide", "dusk"]);
    assert_eq!(store.tags_in_use(1).await.unwrap(), ["wide"]);
}

#[tokio::test]
async fn time_notes_list_by_clip_then_time_hide_with_a_trashed_clip_and_go_with_a_deleted_one() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    run_with(&store, "run1", &["a1", "a2"]).await;
    run_with(&store, "run2", &["b1"]).await;
    let late = store.add_time_note("a2", 3200, "hand melts").await.unwrap();
    store.add_time_note("a1", 4000, "flicker").await.unwrap();
    store.add_time_note("a1", 500, "good open").await.unwrap();
    store.add_time_note("b1", 100, "other run").await.unwrap();
    let listed = |notes: Vec<TimeNote>| notes.into_iter().map(|n| (n.clip_id, n.at_ms, n.text)).collect::<Vec<_>>();
    let a = |c: &str, at: i64, t: &str| (c.to_string(), at, t.to_string());
    assert_eq!(
        listed(store.time_notes_of_run("run1").await.unwrap()),
        [a("a1", 500, "good open"), a("a1", 4000, "flicker"), a("a2", 3200, "hand melts")]
    );

    sqlx::query("UPDATE clips SET deleted_at_ms = 1 WHERE id = 'a1'").execute(store.pool()).await.unwrap();
    assert_eq!(listed(store.time_notes_of_run("run1").await.unwrap()), [a("a2", 3200, "hand melts")]);
    sqlx::query("DELETE FROM clips WHERE id = 'a1'").execute(store.pool()).await.unwrap();
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM clip_time_notes").fetch_one(store.pool()).await.unwrap();
    assert_eq!(left, 2, "a clip deleted for good takes its notes with it");

    store.delete_time_note(late.id).await.unwrap();
    assert!(matches!(store.delete_time_note(late.id).await, Err(Error::NotFound { what: "time note", .. })));
    assert!(store.time_notes_of_run("run1").await.unwrap().is_empty());
}
