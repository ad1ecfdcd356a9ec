//! A clip's cost says whether the provider billed it or the catalog estimated it, and a
//! run's total says how much of it is billed (issue 7, defect 5).

use super::tests::plan;
use super::*;
use crate::api::{ClipStatus, CostKind, LibraryQuery};
use crate::catalog::RouteId;
use crate::probe::Probe;

async fn deliver(store: &Store, clip_id: &str, cost_usd: f64, billed_cost_usd: Option<f64>) {
    assert!(store.mark_submitting(clip_id).await.unwrap());
    store.set_provider_job(clip_id, &format!("job-{clip_id}"), &serde_json::json!({})).await.unwrap();
    store.mark_generated(clip_id).await.unwrap();
    let probe = Probe {
        width: 1280,
        height: 720,
        duration_s: 5.0,
        has_audio: false,
        size_bytes: 10,
        fps: None,
        frame_count: None,
    };
    let file_path = format!("/x/{clip_id}.mp4");
    let media_path = format!("run1/{clip_id}.mp4");
    let delivered =
        Delivered { probe: &probe, file_path: &file_path, media_path: &media_path, cost_usd, billed_cost_usd };
    store.mark_delivered(clip_id, delivered).await.unwrap();
}

#[tokio::test]
async fn every_cost_carries_its_kind_and_a_run_total_its_billed_part() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let mut plan = plan();
    let mut kling = plan.clips[0].clone();
    (kling.model, kling.route, kling.estimated_cost_usd) = ("kling-3.0-pro".into(), RouteId::Kling, 0.6);
    let mut failed = plan.clips[0].clone();
    failed.model = "veo-3.1".into();
    plan.clips.extend([kling, failed]);
    let clips: Vec<NewClip> = ["estimated", "billed", "failed"]
        .iter()
        .zip(&plan.clips)
        .map(|(id, planned)| NewClip {
            id: (*id).into(),
            base_url: "http://x".into(),
            request_json: "{}".into(),
            planned,
        })
        .collect();
    store.insert_run("run1", &plan, &clips).await.unwrap();

    deliver(&store, "estimated", 3.6, None).await;
    deliver(&store, "billed", 0.56, Some(0.56)).await;
    store.mark_failed("failed", ClipStatus::Failed, "content_policy", "refused").await.unwrap();

    let view = store.run_view("run1").await.unwrap();
    let kind = |id: &str| view.clips.iter().find(|c| c.id == id).unwrap().cost_kind;
    assert_eq!(kind("estimated"), Some(CostKind::Estimated), "no reported charge: the cost is an estimate");
    assert_eq!(kind("billed"), Some(CostKind::Billed));
    assert_eq!(kind("failed"), None, "nothing delivered, no cost, no kind");

    let run = &store.search_runs(&LibraryQuery::default()).await.unwrap()[0];
    assert!((run.cost_usd - 4.16).abs() < 1e-9, "{}", run.cost_usd);
    assert!((run.cost_billed_usd - 0.56).abs() < 1e-9, "{}", run.cost_billed_usd);
    assert!((run.cost_estimated_usd - 3.6).abs() < 1e-9, "{}", run.cost_estimated_usd);

    let totals = store.model_totals(false).await.unwrap();
    let billed: Vec<_> = totals.iter().map(|t| (t.model.as_str(), t.billed_usd)).collect();
    assert!(billed.contains(&("kling-3.0-pro", 0.56)) && billed.contains(&("sora-2-pro", 0.0)), "{billed:?}");
}
