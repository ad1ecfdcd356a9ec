//! The chart series against a real SQLite file: a known set of clips, and every expected
//! figure computed from that set by a plain reference (local days through jiff, nearest-rank
//! percentiles by sorting), not written down by hand.

use std::collections::BTreeMap;

use jiff::civil::date;
use jiff::tz::TimeZone;

use super::tests::{new_clip, plan};
use super::*;
use crate::api::StatsBucket;
use crate::catalog::RouteId;

#[derive(Clone, Copy)]
struct Spec {
    model: &'static str,
    route: RouteId,
    /// Local (year, month, day, hour) it was sent; `None` never sent.
    sent: Option<(i16, i8, i8, i8)>,
    status: &'static str,
    total_ms: Option<i64>,
    cost: Option<f64>,
    billed: bool,
    estimate: f64,
    seconds: f64,
    demo: bool,
    trashed: bool,
}

const BASE: Spec = Spec {
    model: "kling-3.0-pro",
    route: RouteId::Fal,
    sent: Some((2026, 11, 30, 10)),
    status: "succeeded",
    total_ms: Some(60_000),
    cost: Some(0.5),
    billed: false,
    estimate: 0.5,
    seconds: 5.0,
    demo: false,
    trashed: false,
};

fn specs() -> Vec<Spec> {
    let day = |d: (i16, i8, i8, i8)| Some(d);
    vec![
        BASE,
        Spec { total_ms: Some(20_000), cost: Some(1.0), seconds: 10.0, ..BASE },
        Spec { total_ms: Some(90_000), ..BASE },
        Spec { status: "failed", total_ms: None, cost: None, ..BASE },
        // Late on Sunday and just after midnight: two local days and two weeks.
        Spec { sent: day((2026, 11, 29, 23)), total_ms: Some(45_000), ..BASE },
        Spec { sent: day((2026, 12, 1, 0)), total_ms: Some(30_000), cost: Some(0.75), ..BASE },
        Spec { route: RouteId::Kling, billed: true, cost: Some(0.56), estimate: 0.6, total_ms: Some(120_000), ..BASE },
        Spec { route: RouteId::Kling, status: "canceled", total_ms: None, cost: None, estimate: 0.6, ..BASE },
        Spec {
            model: "sora-2",
            route: RouteId::Openai,
            status: "generating",
            total_ms: None,
            cost: None,
            estimate: 1.2,
            ..BASE
        },
        Spec {
            model: "sora-2",
            route: RouteId::Openai,
            total_ms: Some(200_000),
            cost: Some(1.2),
            seconds: 12.0,
            ..BASE
        },
        // Never sent, trashed or demo: absent from the real series.
        Spec { sent: None, status: "failed", total_ms: None, cost: None, ..BASE },
        Spec { trashed: true, cost: Some(99.0), total_ms: Some(1), ..BASE },
        Spec { demo: true, cost: Some(7.0), total_ms: Some(2), ..BASE },
    ]
}

fn local_ms((y, m, d, h): (i16, i8, i8, i8)) -> i64 {
    date(y, m, d).at(h, 30, 0, 0).to_zoned(TimeZone::system()).unwrap().timestamp().as_millisecond()
}

fn bucket_of(spec: &Spec, bucket: StatsBucket) -> String {
    let ms = local_ms(spec.sent.unwrap());
    let day = jiff::Timestamp::from_millisecond(ms).unwrap().to_zoned(TimeZone::system()).date();
    match bucket {
        StatsBucket::Day => day.to_string(),
        StatsBucket::Week => {
            let back = i64::from(day.weekday().to_monday_zero_offset());
            day.checked_sub(jiff::Span::new().days(back)).unwrap().to_string()
        }
    }
}

async fn library(specs: &[Spec]) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    for (i, s) in specs.iter().enumerate() {
        let mut p = plan();
        (p.clips[0].model, p.clips[0].route, p.clips[0].estimated_cost_usd) = (s.model.into(), s.route, s.estimate);
        let id = format!("c{i}");
        store.insert_run(&format!("r{i}"), &p, &[new_clip(&id, &p)]).await.unwrap();
        let sent = s.sent.map(local_ms);
        sqlx::query(
            "UPDATE clips SET status = ?, submitted_at_ms = ?, downloaded_at_ms = ?, cost_usd = ?, billed_cost_usd = ?, \
             duration_s = ?, demo = ?, deleted_at_ms = ? WHERE id = ?",
        )
        .bind(s.status)
        .bind(sent)
        .bind(sent.zip(s.total_ms).map(|(a, t)| a + t))
        .bind(s.cost)
        .bind(s.cost.filter(|_| s.billed))
        .bind(s.seconds)
        .bind(s.demo)
        .bind(s.trashed.then_some(1_i64))
        .bind(&id)
        .execute(store.pool())
        .await
        .unwrap();
    }
    (dir, store)
}

fn counted(s: &Spec, include_demo: bool) -> bool {
    s.sent.is_some() && !s.trashed && (include_demo || !s.demo)
}

fn nearest_rank(mut v: Vec<i64>, p: usize) -> Option<i64> {
    v.sort_unstable();
    (!v.is_empty()).then(|| v[(p * v.len()).div_ceil(100).max(1) - 1])
}

#[tokio::test]
async fn spend_per_local_day_and_route_keeps_billed_apart_from_estimated() {
    let specs = specs();
    let (_dir, store) = library(&specs).await;
    for bucket in [StatsBucket::Day, StatsBucket::Week] {
        for include_demo in [false, true] {
            let mut want: BTreeMap<(String, String), (f64, f64)> = BTreeMap::new();
            for s in specs.iter().filter(|s| counted(s, include_demo)) {
                let e = want.entry((bucket_of(s, bucket), s.route.as_str().to_string())).or_default();
                if s.billed {
                    e.0 += s.cost.unwrap();
                } else {
                    e.1 += s.cost.unwrap_or(s.estimate);
                }
            }
            let got = store.spend_series(bucket, None, include_demo).await.unwrap();
            let got: BTreeMap<(String, String), (f64, f64)> =
                got.into_iter().map(|r| ((r.bucket, r.route), (r.billed_usd, r.estimated_usd))).collect();
            assert_eq!(
                got.keys().collect::<Vec<_>>(),
                want.keys().collect::<Vec<_>>(),
                "{bucket:?} demo={include_demo}"
            );
            for (k, (b, e)) in &want {
                let (gb, ge) = got[k];
                assert!((gb - b).abs() < 1e-9 && (ge - e).abs() < 1e-9, "{k:?}: got {gb}/{ge}, want {b}/{e}");
            }
        }
    }
    let kling = store.spend_series(StatsBucket::Day, None, false).await.unwrap();
    assert!(kling.iter().any(|r| r.route == "kling" && r.billed_usd > 0.0), "the billed clip shows as billed");
}

#[tokio::test]
async fn per_model_points_have_success_latency_percentiles_and_price_per_second() {
    let specs = specs();
    let (_dir, store) = library(&specs).await;
    let ended = |s: &&Spec| ["succeeded", "failed", "canceled", "unknown"].contains(&s.status);
    for bucket in [StatsBucket::Day, StatsBucket::Week] {
        let mut groups: BTreeMap<(String, String, String), Vec<Spec>> = BTreeMap::new();
        for s in specs.iter().filter(|s| counted(s, false)).filter(ended) {
            let key = (s.model.to_string(), s.route.as_str().to_string(), bucket_of(s, bucket));
            groups.entry(key).or_default().push(*s);
        }
        let got = store.model_series(bucket, None, false).await.unwrap();
        let keys: Vec<_> = got.iter().map(|r| (r.model.clone(), r.route.clone(), r.bucket.clone())).collect();
        assert_eq!(keys, groups.keys().cloned().collect::<Vec<_>>(), "{bucket:?}");
        for (row, clips) in got.iter().zip(groups.values()) {
            let ok: Vec<&Spec> = clips.iter().filter(|s| s.status == "succeeded").collect();
            let totals: Vec<i64> = ok.iter().filter_map(|s| s.total_ms).collect();
            assert_eq!((row.clips, row.succeeded), (clips.len() as i64, ok.len() as i64), "{row:?}");
            assert_eq!(row.p50_total_ms, nearest_rank(totals.clone(), 50), "{row:?}");
            assert_eq!(row.p95_total_ms, nearest_rank(totals, 95), "{row:?}");
            let cost: f64 = ok.iter().filter_map(|s| s.cost).sum();
            let seconds: f64 = ok.iter().filter(|s| s.cost.is_some()).map(|s| s.seconds).sum();
            assert!((row.delivered_cost_usd.unwrap_or(0.0) - cost).abs() < 1e-9, "{row:?}");
            assert!((row.delivered_seconds.unwrap_or(0.0) - seconds).abs() < 1e-9, "{row:?}");
        }
    }
    // The Monday bucket holds three delivered kling@fal clips and a failure.
    let fal_monday = store.model_series(StatsBucket::Day, None, false).await.unwrap();
    let monday = fal_monday.iter().find(|r| r.route == "fal" && r.bucket == "2026-11-30").unwrap();
    assert_eq!((monday.clips, monday.succeeded), (4, 3));
}

#[tokio::test]
async fn since_leaves_out_what_was_sent_before() {
    let specs = specs();
    let (_dir, store) = library(&specs).await;
    let since = local_ms((2026, 12, 1, 0)) - 1;
    let spend = store.spend_series(StatsBucket::Day, Some(since), false).await.unwrap();
    let want: f64 = specs
        .iter()
        .filter(|s| counted(s, false) && local_ms(s.sent.unwrap()) >= since)
        .map(|s| s.cost.unwrap_or(s.estimate))
        .sum();
    assert_eq!(spend.len(), 1, "{spend:?}");
    assert!((spend[0].estimated_usd + spend[0].billed_usd - want).abs() < 1e-9, "{spend:?}");
    let models = store.model_series(StatsBucket::Day, Some(since), false).await.unwrap();
    assert_eq!(models.len(), 1);
}

#[tokio::test]
async fn a_window_of_days_is_read_through_the_stats_index() {
    let (_dir, store) = library(&specs()).await;
    let sql = format!("EXPLAIN QUERY PLAN SELECT route, cost_usd FROM clips WHERE {}", super::stats_series::SENT_LIVE);
    let rows: Vec<(i64, i64, i64, String)> =
        sqlx::query_as(&sql).bind(1_i64).bind(false).fetch_all(store.pool()).await.unwrap();
    let plan = rows.into_iter().map(|r| r.3).collect::<Vec<_>>().join("\n");
    assert!(plan.contains("USING INDEX clips_stats_sent"), "{plan}");
}
