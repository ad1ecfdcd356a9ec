//! The lineage walk on a real SQLite library: ancestors and descendants, not siblings;
//! costs of live clips; runs in the trash walked through but not listed.

use super::super::tests::plan;
use super::super::{NewClip, Store};

async fn add_run(store: &Store, run_id: &str, parent: Option<&str>, prompt: &str, cost: Option<f64>) {
    let mut plan = plan();
    plan.params.prompt = prompt.into();
    plan.parent_run_id = parent.map(String::from);
    let clip_id = format!("{run_id}-clip");
    let clips = [NewClip {
        id: clip_id.clone(),
        base_url: "http://x".into(),
        request_json: "{}".into(),
        planned: &plan.clips[0],
    }];
    store.insert_run(run_id, &plan, &clips).await.unwrap();
    if let Some(cost) = cost {
        sqlx::query("UPDATE clips SET status = 'succeeded', cost_usd = ? WHERE id = ?")
            .bind(cost)
            .bind(&clip_id)
            .execute(store.pool())
            .await
            .unwrap();
    }
}

fn ids(rows: &[super::LineageRow]) -> Vec<&str> {
    rows.iter().map(|r| r.run_id.as_str()).collect()
}

#[tokio::test]
async fn a_lineage_is_the_runs_ancestors_and_descendants_with_their_costs() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    add_run(&store, "r1", None, "a red car", Some(1.0)).await;
    add_run(&store, "r2", Some("r1"), "a blue car", Some(0.5)).await;
    add_run(&store, "r3", Some("r2"), "a blue car at dusk", None).await;
    add_run(&store, "r4", Some("r1"), "a green car", Some(2.0)).await;
    add_run(&store, "r5", None, "unrelated", Some(9.0)).await;

    let rows = store.lineage("r2").await.unwrap();
    assert_eq!(ids(&rows), ["r1", "r2", "r3"], "a sibling (r4) is another branch, not this lineage");
    assert_eq!(rows[1].parent_run_id.as_deref(), Some("r1"));
    assert_eq!(rows[1].prompt, "a blue car");
    assert_eq!(rows.iter().map(|r| (r.clip_count, r.succeeded)).collect::<Vec<_>>(), [(1, 1), (1, 1), (1, 0)]);
    assert_eq!(rows.iter().map(|r| r.cost_usd).sum::<f64>(), 1.5);
    assert!(rows.iter().all(|r| r.cost_billed_usd == 0.0), "no provider reported a charge: all estimated");

    // r1's provider reports its charge: that version's cost becomes billed, r2's stays estimated.
    sqlx::query("UPDATE clips SET billed_cost_usd = 1.0 WHERE id = 'r1-clip'").execute(store.pool()).await.unwrap();
    let rows = store.lineage("r2").await.unwrap();
    let billed: Vec<(f64, f64)> = rows.iter().map(|r| (r.cost_usd, r.cost_billed_usd)).collect();
    assert_eq!(billed, [(1.0, 1.0), (0.5, 0.0), (0.0, 0.0)]);
    assert_eq!(ids(&store.lineage("r1").await.unwrap()), ["r1", "r2", "r3", "r4"], "the root's every descendant");
    assert_eq!(ids(&store.lineage("r5").await.unwrap()), ["r5"]);

    // The middle version goes to the trash: it is not listed, the chain still holds.
    sqlx::query("UPDATE runs SET deleted_at_ms = 1 WHERE id = 'r2'").execute(store.pool()).await.unwrap();
    assert_eq!(ids(&store.lineage("r3").await.unwrap()), ["r1", "r3"]);
    assert!(store.run_in_trash("r2").await.unwrap());
    assert_eq!(store.run_prompt("r2").await.unwrap().as_deref(), Some("a blue car"));
}

#[tokio::test]
async fn both_walks_use_an_index() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let details: Vec<(i64, i64, i64, String)> = sqlx::query_as(&format!("EXPLAIN QUERY PLAN {}", super::LINEAGE_SQL))
        .bind("x")
        .fetch_all(store.pool())
        .await
        .unwrap();
    let plan: Vec<&str> = details.iter().map(|d| d.3.as_str()).collect();
    assert!(plan.iter().any(|d| d.contains("INDEX runs_parent")), "{plan:?}");
    assert!(!plan.iter().any(|d| d.starts_with("SCAN r") || d.starts_with("SCAN c")), "{plan:?}");
}
