//! Per-model statistics against a real SQLite file: the ranks SQLite picks are the nearest
//! ranks Rust would pick over the same values, and only ended, untrashed clips count.

use super::model_stats::{nearest_rank, Latency};
use super::tests::{new_clip, plan};
use super::*;

async fn exec(store: &Store, sql: &str) {
    sqlx::query(sql).execute(store.pool()).await.unwrap();
}

/// Clip `c{i}` of sora-2-pro@openai: queued `queued_ms`, on disk `total_ms` after its submit.
async fn clip(store: &Store, i: i64, status: &str, queued_ms: i64, total_ms: i64, cost: Option<f64>) {
    let p = plan();
    store.insert_run(&format!("r{i}"), &p, &[new_clip(&format!("c{i}"), &p)]).await.unwrap();
    let sent = i * 1_000_000;
    let cost = cost.map_or("NULL".to_string(), |c| c.to_string());
    exec(
        store,
        &format!(
            "UPDATE clips SET status = '{status}', submitted_at_ms = {sent}, started_at_ms = {}, \
             downloaded_at_ms = {}, cost_usd = {cost}, duration_s = 4.0 WHERE id = 'c{i}'",
            sent + queued_ms,
            sent + total_ms
        ),
    )
    .await;
}

fn rust_percentile(values: &[i64], p: i64) -> i64 {
    let mut v = values.to_vec();
    v.sort_unstable();
    v[nearest_rank(p, v.len() as i64) as usize - 1]
}

#[tokio::test]
async fn sqlite_ranks_match_nearest_rank_over_the_same_values() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    // An order that is neither sorted nor reversed, with a duplicate.
    let totals = [41_000, 38_000, 90_000, 40_500, 38_000, 52_000, 47_000, 61_000, 39_900, 45_000, 120_000];
    for (i, total) in totals.iter().enumerate() {
        clip(&store, i as i64 + 1, "succeeded", total / 10, *total, Some(0.4)).await;
    }
    clip(&store, 50, "failed", 5, 1, None).await;
    clip(&store, 51, "generating", 5, 1, None).await;
    clip(&store, 52, "succeeded", 5, 1, Some(9.0)).await;
    exec(&store, "UPDATE clips SET deleted_at_ms = 1 WHERE id = 'c52'").await;

    let ranked = store.latency_percentiles(true).await.unwrap();
    let at = |latency: Latency, p: i64| {
        ranked.iter().find(|r| r.latency() == latency && r.rank == nearest_rank(p, r.n)).map(|r| r.ms)
    };
    assert_eq!(at(Latency::Total, 50), Some(rust_percentile(&totals, 50)));
    assert_eq!(at(Latency::Total, 95), Some(rust_percentile(&totals, 95)));
    let queued: Vec<i64> = totals.iter().map(|t| t / 10).collect();
    assert_eq!(at(Latency::Queued, 50), Some(rust_percentile(&queued, 50)));
    assert!(ranked.iter().all(|r| r.n == totals.len() as i64), "{ranked:?}");

    let all = store.model_totals(true).await.unwrap();
    assert_eq!(all.len(), 1, "{all:?}");
    let t = &all[0];
    assert_eq!((t.clips, t.succeeded, t.costed), (12, 11, 11), "running and trashed clips do not count: {t:?}");
    assert!((t.cost_usd - 4.4).abs() < 1e-9 && (t.costed_seconds - 44.0).abs() < 1e-9, "{t:?}");
}

#[tokio::test]
async fn demo_clips_count_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    clip(&store, 1, "succeeded", 100, 1_000, Some(0.1)).await;
    exec(&store, "UPDATE clips SET demo = 1").await;
    assert!(store.model_totals(false).await.unwrap().is_empty());
    assert!(store.latency_percentiles(false).await.unwrap().is_empty());
    assert_eq!(store.model_totals(true).await.unwrap().len(), 1);
}

#[test]
fn nearest_rank_is_the_smallest_rank_covering_p_percent() {
    assert_eq!(nearest_rank(50, 1), 1);
    assert_eq!(nearest_rank(50, 2), 1);
    assert_eq!(nearest_rank(50, 10), 5);
    assert_eq!(nearest_rank(95, 10), 10);
    assert_eq!(nearest_rank(95, 20), 19);
}
