//! The ETA's history against a real SQLite file: which clips count, newest first, and the
//! query plan that keeps it a short index range at any library size.

use super::tests::{new_clip, plan};
use super::*;

async fn exec(store: &Store, sql: &str) {
    sqlx::query(sql).execute(store.pool()).await.unwrap();
}

/// Run `r{i}` with clip `c{i}` of sora-2-pro@openai, delivered `total_ms` after its submit.
async fn delivered(store: &Store, i: u32, total_ms: i64, demo: bool) {
    let p = plan();
    store.insert_run(&format!("r{i}"), &p, &[new_clip(&format!("c{i}"), &p)]).await.unwrap();
    let submitted = i64::from(i) * 100_000;
    exec(
        store,
        &format!(
            "UPDATE clips SET status = 'succeeded', demo = {}, submitted_at_ms = {submitted}, \
             started_at_ms = {}, completed_at_ms = {} WHERE id = 'c{i}'",
            i64::from(demo),
            submitted + 1_000,
            submitted + total_ms
        ),
    )
    .await;
}

#[tokio::test]
async fn history_is_the_delivered_untrashed_clips_of_the_same_kind_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    for i in 1..=6 {
        delivered(&store, i, 40_000 + i64::from(i), false).await;
    }
    delivered(&store, 7, 7_000, true).await;
    exec(&store, "UPDATE clips SET status = 'failed' WHERE id = 'c2'").await;
    exec(&store, "UPDATE clips SET deleted_at_ms = 1 WHERE id = 'c3'").await;
    exec(&store, "UPDATE runs SET deleted_at_ms = 1 WHERE id = 'r4'").await;
    let totals = |s: Vec<EtaSample>| s.iter().map(|s| s.completed_at_ms - s.submitted_at_ms).collect::<Vec<_>>();
    let real = store.eta_samples("sora-2-pro", "openai", false).await.unwrap();
    assert_eq!(totals(real), [40_006, 40_005, 40_001]);
    let demo = store.eta_samples("sora-2-pro", "openai", true).await.unwrap();
    assert_eq!(totals(demo), [7_000]);
    assert!(store.eta_samples("sora-2-pro", "fal", false).await.unwrap().is_empty());
}

#[tokio::test]
async fn the_history_is_read_through_its_index_never_sorted() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let sql = eta::ETA_SAMPLES_SQL.replace('?', "'x'");
    let rows: Vec<(i64, i64, i64, String)> =
        sqlx::query_as(&format!("EXPLAIN QUERY PLAN {sql}")).fetch_all(store.pool()).await.unwrap();
    let plan = rows.into_iter().map(|r| r.3).collect::<Vec<_>>().join("\n");
    assert!(plan.contains("clips_eta") && !plan.contains("TEMP B-TREE"), "{plan}");
    assert!(plan.contains("USING INDEX sqlite_autoindex_runs_1") || plan.contains("PRIMARY KEY"), "{plan}");
}
