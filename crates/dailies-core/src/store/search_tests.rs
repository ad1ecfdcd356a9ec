//! Library search against a real SQLite file: words through FTS5, every filter, the trash,
//! keyset pages, and the query plans that keep it fast.

use super::tests::{new_clip, plan};
use super::*;
use crate::api::{LibraryQuery, RunSummary};
use crate::catalog::RouteId;

async fn exec(store: &Store, sql: &str) {
    sqlx::query(sql).execute(store.pool()).await.unwrap();
}

/// A library of four runs, one clip each (ids `c1`..`c4` in runs `r1`..`r4`, oldest first).
async fn library() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let prompts = [
        ("A lighthouse at golden-hour", "kling-3.0-pro", RouteId::Fal),
        ("Café terrace in the rain", "sora-2-pro", RouteId::Openai),
        ("harbour at dawn, gulls", "kling-3.0-pro", RouteId::Kling),
        ("lighthouse keeper's dinner", "sora-2-pro", RouteId::Openai),
    ];
    for (i, (prompt, model, route)) in prompts.into_iter().enumerate() {
        let mut p = plan();
        p.params.prompt = prompt.into();
        p.clips[0].model = model.into();
        p.clips[0].route = route;
        let n = i + 1;
        store.insert_run(&format!("r{n}"), &p, &[new_clip(&format!("c{n}"), &p)]).await.unwrap();
    }
    (dir, store)
}

fn ids(runs: Vec<RunSummary>) -> Vec<String> {
    runs.into_iter().map(|r| r.run_id).collect()
}

fn text(words: &str) -> LibraryQuery {
    LibraryQuery { text: Some(words.into()), ..Default::default() }
}

#[tokio::test]
async fn words_ignore_case_and_accents_and_the_last_is_a_prefix() {
    let (_dir, store) = library().await;
    assert_eq!(ids(store.search_runs(&text("cafe")).await.unwrap()), ["r2"]);
    assert_eq!(ids(store.search_runs(&text("CAFÉ RAIN")).await.unwrap()), ["r2"]);
    assert_eq!(ids(store.search_runs(&text("lightho")).await.unwrap()), ["r4", "r1"], "newest first");
    assert_eq!(ids(store.search_runs(&text("golden-hour")).await.unwrap()), ["r1"]);
    assert_eq!(ids(store.search_runs(&text("hour golden")).await.unwrap()), ["r1"], "words in any order");
    assert!(store.search_runs(&text("lighthouse rain")).await.unwrap().is_empty(), "every word must match");
    for syntax in ["\"", "NEAR(", "a OR", "x:y", "*", "(-)", "AND"] {
        store.search_runs(&text(syntax)).await.unwrap_or_else(|e| panic!("{syntax}: {e}"));
    }
    assert!(store.search_runs(&text("lighthouse")).await.unwrap().len() == 2);
}

#[tokio::test]
async fn words_find_a_clips_tags_and_note_kept_in_sync_by_triggers() {
    let (_dir, store) = library().await;
    exec(&store, "INSERT INTO clip_tags (clip_id, tag) VALUES ('c3', 'hero'), ('c3', 'favourite')").await;
    exec(&store, "UPDATE clips SET note = 'Señor gull steals the show' WHERE id = 'c1'").await;
    assert_eq!(ids(store.search_runs(&text("favo")).await.unwrap()), ["r3"]);
    assert_eq!(ids(store.search_runs(&text("senor gull")).await.unwrap()), ["r1"]);
    assert_eq!(
        ids(store.search_runs(&text("gull")).await.unwrap()),
        ["r3", "r1"],
        "prompt and note merged, newest first"
    );
    exec(&store, "DELETE FROM clip_tags WHERE tag = 'favourite'").await;
    exec(&store, "UPDATE clips SET note = NULL WHERE id = 'c1'").await;
    assert!(store.search_runs(&text("favourite")).await.unwrap().is_empty());
    assert_eq!(ids(store.search_runs(&text("hero")).await.unwrap()), ["r3"], "the other tag stays");
    assert_eq!(ids(store.search_runs(&text("gull")).await.unwrap()), ["r3"]);
    let page = store.search_clip_page(&text("hero")).await.unwrap();
    assert_eq!(page.clips.len(), 1);
    assert_eq!((page.clips[0].clip.id.as_str(), page.clips[0].clip.tags.clone()), ("c3", vec!["hero".to_string()]));
}

#[tokio::test]
async fn trashed_runs_and_clips_are_never_found() {
    let (_dir, store) = library().await;
    exec(&store, "UPDATE runs SET deleted_at_ms = 1 WHERE id = 'r4'").await;
    exec(&store, "UPDATE clips SET deleted_at_ms = 1 WHERE id = 'c2'").await;
    assert_eq!(ids(store.search_runs(&text("lighthouse")).await.unwrap()), ["r1"]);
    assert_eq!(ids(store.search_runs(&LibraryQuery::default()).await.unwrap()), ["r3", "r2", "r1"]);
    let r2 = store.search_runs(&text("cafe")).await.unwrap();
    assert_eq!(r2[0].clip_count, 0, "a trashed clip is not counted in its run");
    let clips = store.search_clip_page(&LibraryQuery::default()).await.unwrap().clips;
    assert_eq!(clips.iter().map(|c| c.clip.id.as_str()).collect::<Vec<_>>(), ["c3", "c1"]);
    let by_status = LibraryQuery { status: Some("pending".into()), ..Default::default() };
    assert_eq!(ids(store.search_runs(&by_status).await.unwrap()), ["r3", "r1"]);
}

#[tokio::test]
async fn every_filter_narrows_runs_and_clips() {
    every_filter_narrows(None).await;
}

/// The same answers when every filter counts as dense (read through the order index).
#[tokio::test]
async fn every_filter_narrows_the_same_when_read_through_the_order_index() {
    every_filter_narrows(Some(0)).await;
}

async fn every_filter_narrows(selective_below: Option<i64>) {
    super::search_plan::SELECTIVE_BELOW_IN_TEST.with(|n| n.set(selective_below));
    let (_dir, store) = library().await;
    exec(&store, "UPDATE clips SET status = 'succeeded', cost_usd = 0.5 WHERE id IN ('c1', 'c2')").await;
    exec(&store, "UPDATE clips SET rating = 5 WHERE id = 'c4'").await;
    exec(&store, "INSERT INTO clip_tags (clip_id, tag) VALUES ('c2', 'client')").await;
    exec(&store, "INSERT INTO boards (id, name, created_at_ms) VALUES (7, 'Pitch deck', 0)").await;
    exec(&store, "INSERT INTO board_clips (board_id, clip_id, added_at_ms) VALUES (7, 'c3', 0)").await;
    exec(&store, "UPDATE runs SET created_at = '2026-11-30T23:59:59.000Z' WHERE id = 'r1'").await;
    exec(&store, "UPDATE clips SET created_at_ms = 1796083199000 WHERE id = 'c1'").await; // 2026-11-30T23:59:59Z
    exec(&store, "UPDATE runs SET created_at = '2026-12-01T00:00:00.000Z' WHERE id = 'r2'").await;
    exec(&store, "UPDATE clips SET created_at_ms = 1796083200000 WHERE id = 'c2'").await;

    let runs = |q: LibraryQuery| {
        let store = store.clone();
        async move { ids(store.search_runs(&q).await.unwrap()) }
    };
    let clips = |q: LibraryQuery| {
        let store = store.clone();
        async move {
            let page = store.search_clip_page(&q).await.unwrap();
            page.clips.into_iter().map(|c| c.clip.id).collect::<Vec<_>>()
        }
    };
    let q = LibraryQuery::default;
    assert_eq!(runs(LibraryQuery { route: Some("openai".into()), ..q() }).await, ["r4", "r2"]);
    assert_eq!(runs(LibraryQuery { model: Some("kling-3.0-pro@kling".into()), ..q() }).await, ["r3"]);
    assert_eq!(runs(LibraryQuery { status: Some("succeeded".into()), ..q() }).await, ["r2", "r1"]);
    assert_eq!(runs(LibraryQuery { min_rating: Some(4), ..q() }).await, ["r4"]);
    assert_eq!(runs(LibraryQuery { tag: Some(" Client ".into()), ..q() }).await, ["r2"]);
    assert_eq!(runs(LibraryQuery { board: Some("pitch DECK".into()), ..q() }).await, ["r3"]);
    assert_eq!(runs(LibraryQuery { board: Some("7".into()), ..q() }).await, ["r3"]);
    assert_eq!(runs(LibraryQuery { until: Some("2026-11-30".into()), ..q() }).await, ["r1"]);
    assert_eq!(
        runs(LibraryQuery { since: Some("2026-12-01".into()), until: Some("2026-12-01".into()), ..q() }).await,
        ["r2"]
    );
    // Delivered clips cost 0.5; the others would cost their 3.60 estimate.
    assert_eq!(runs(LibraryQuery { max_cost_usd: Some(1.0), ..q() }).await, ["r2", "r1"]);
    assert_eq!(
        runs(LibraryQuery { route: Some("openai".into()), status: Some("succeeded".into()), ..q() }).await,
        ["r2"],
        "one clip must pass every clip filter"
    );

    assert_eq!(clips(LibraryQuery { route: Some("openai".into()), ..q() }).await, ["c4", "c2"]);
    assert_eq!(clips(LibraryQuery { tag: Some("client".into()), ..q() }).await, ["c2"]);
    assert_eq!(clips(LibraryQuery { until: Some("2026-11-30".into()), ..q() }).await, ["c1"]);
    assert_eq!(clips(LibraryQuery { max_cost_usd: Some(1.0), text: Some("caf".into()), ..q() }).await, ["c2"]);
    assert_eq!(
        store.search_runs(&LibraryQuery { route: Some("nope".into()), ..q() }).await.unwrap_err().field(),
        Some("route")
    );
}

#[tokio::test]
async fn pages_follow_each_other_without_gaps_or_repeats() {
    let (_dir, store) = library().await;
    let openai = LibraryQuery { route: Some("openai".into()), ..Default::default() };
    for (query, expected) in [
        (LibraryQuery::default(), ["r4", "r3", "r2", "r1"].as_slice()),
        (text("lighthouse"), &["r4", "r1"]),
        (openai, &["r4", "r2"]),
    ] {
        let mut seen = Vec::new();
        let mut cursor = None;
        loop {
            let page = store.search_run_page(&LibraryQuery { limit: Some(1), cursor, ..query.clone() }).await.unwrap();
            seen.extend(ids(page.runs));
            match page.next_cursor {
                Some(next) => cursor = Some(next),
                None => break,
            }
        }
        assert_eq!(seen, expected);
    }
    let mut seen = Vec::new();
    let mut cursor = None;
    loop {
        let page =
            store.search_clip_page(&LibraryQuery { limit: Some(3), cursor, ..Default::default() }).await.unwrap();
        seen.extend(page.clips.into_iter().map(|c| c.clip.id));
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    seen.sort();
    assert_eq!(seen, ["c1", "c2", "c3", "c4"]);
}

async fn plan_of(store: &Store, sql: &str) -> String {
    let rows: Vec<(i64, i64, i64, String)> =
        sqlx::query_as(&format!("EXPLAIN QUERY PLAN {sql}")).fetch_all(store.pool()).await.unwrap();
    rows.into_iter().map(|r| r.3).collect::<Vec<_>>().join("\n")
}

#[tokio::test]
async fn pages_are_read_through_an_index_never_sorted_whole() {
    let (_dir, store) = library().await;
    let list = plan_of(
        &store,
        "SELECT r.prompt_id, r.id FROM runs r WHERE r.deleted_at_ms IS NULL AND (r.prompt_id, r.id) < (9, 'x') \
         ORDER BY r.prompt_id DESC, r.id DESC LIMIT 201",
    )
    .await;
    assert!(list.contains("runs_live_order") && !list.contains("TEMP B-TREE"), "{list}");
    let words = plan_of(
        &store,
        "SELECT r.prompt_id, r.id FROM prompt_fts JOIN runs r ON r.prompt_id = prompt_fts.rowid \
         WHERE prompt_fts MATCH '\"fog\"*' AND prompt_fts.rowid <= 9 AND r.deleted_at_ms IS NULL \
         AND (r.prompt_id, r.id) < (9, 'x') ORDER BY prompt_fts.rowid DESC LIMIT 201",
    )
    .await;
    // The prompt index is read newest first (no sort of every match), each run found by index.
    // (Which index finds the run by prompt is SQLite's pick: runs_live_order, or the trash's
    // runs(prompt_id) index; either is a point lookup.)
    let run_by_index =
        words.lines().any(|l| l.contains("SEARCH r USING") && l.contains("INDEX") && l.contains("prompt_id"));
    assert!(run_by_index && !words.contains("TEMP B-TREE"), "{words}");
    let clips = plan_of(
        &store,
        "SELECT c.* FROM clips c JOIN runs r ON r.id = c.run_id WHERE c.deleted_at_ms IS NULL AND r.deleted_at_ms IS NULL \
         ORDER BY c.created_at_ms DESC, c.id DESC LIMIT 201",
    )
    .await;
    assert!(clips.contains("clips_live_order") && !clips.contains("TEMP B-TREE"), "{clips}");
}

#[tokio::test]
async fn a_clip_filter_probes_each_runs_clips_not_every_clip_in_that_state() {
    let (_dir, store) = library().await;
    let plan = plan_of(
        &store,
        "SELECT r.prompt_id, r.id FROM runs r WHERE r.deleted_at_ms IS NULL AND EXISTS (SELECT 1 FROM clips c \
         WHERE c.run_id = r.id AND c.deleted_at_ms IS NULL AND +c.route = 'openai' AND +c.status = 'failed') \
         ORDER BY r.prompt_id DESC, r.id DESC LIMIT 201",
    )
    .await;
    assert!(plan.contains("clips_run") && !plan.contains("clips_status"), "{plan}");
}

#[tokio::test]
async fn a_selective_filter_is_read_from_its_index_not_by_scanning_runs() {
    let (_dir, store) = library().await;
    let runs = plan_of(
        &store,
        "SELECT r.prompt_id, r.id FROM (SELECT DISTINCT c.run_id FROM clips c WHERE c.deleted_at_ms IS NULL \
         AND c.route = 'openai' AND c.status = 'failed') m CROSS JOIN runs r INDEXED BY runs_live_by_id \
         ON r.id = m.run_id WHERE r.deleted_at_ms IS NULL ORDER BY r.prompt_id DESC, r.id DESC LIMIT 201",
    )
    .await;
    assert!(runs.contains("COVERING INDEX clips_live_route_status"), "{runs}");
    assert!(runs.contains("COVERING INDEX runs_live_by_id"), "{runs}");
    assert!(!runs.contains("SCAN r"), "{runs}");
    let grid = plan_of(
        &store,
        "SELECT c.* FROM clips c JOIN runs r ON r.id = c.run_id WHERE c.deleted_at_ms IS NULL \
         AND r.deleted_at_ms IS NULL AND c.route = 'openai' AND c.status = 'failed' \
         ORDER BY c.created_at_ms DESC, c.id DESC LIMIT 201",
    )
    .await;
    assert!(grid.contains("clips_live_route_status") && !grid.contains("TEMP B-TREE"), "{grid}");
}

#[tokio::test]
async fn a_page_of_runs_is_summed_from_an_index_not_the_clip_rows() {
    let (_dir, store) = library().await;
    let plan = plan_of(
        &store,
        "SELECT r.id, group_concat(c.model, ','), count(c.run_id), sum(c.status = 'succeeded'), \
           coalesce(sum(CASE WHEN c.billed_cost_usd IS NOT NULL THEN c.cost_usd END), 0.0), max(c.rating) \
         FROM runs r JOIN prompts p ON p.id = r.prompt_id \
         LEFT JOIN clips c ON c.run_id = r.id AND c.deleted_at_ms IS NULL WHERE r.id IN ('r1', 'r2') GROUP BY r.id",
    )
    .await;
    assert!(plan.contains("COVERING INDEX clips_run_summary"), "{plan}");
}
