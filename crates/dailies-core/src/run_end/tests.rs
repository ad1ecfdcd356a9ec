use serde_json::json;

use super::*;
use crate::catalog::{CanonicalParams, ResolvedParams};

fn clip(run: &str, status: ClipStatus, cost: Option<(f64, CostKind)>) -> ClipView {
    clip_id(&format!("{run}-{}", status.as_str()), run, status, cost)
}

fn clip_id(id: &str, run: &str, status: ClipStatus, cost: Option<(f64, CostKind)>) -> ClipView {
    let (cost_usd, cost_kind) = cost.map_or((None, None), |(c, k)| (Some(c), Some(k)));
    serde_json::from_value(json!({
        "id": id, "run_id": run, "model": "m", "model_name": "M",
        "route": "fal", "endpoint": "e", "status": status, "resolved": ResolvedParams::default(),
        "parity": [], "estimated_cost_usd": 0.5, "cost_usd": cost_usd, "cost_kind": cost_kind,
        "billed_cost_usd": if cost_kind == Some(CostKind::Billed) { cost_usd } else { None },
        "latency_ms": {}, "demo": false, "take": 1, "tags": [],
    }))
    .expect("a clip view")
}

fn run(prompt: &str, clips: Vec<ClipView>) -> RunView {
    RunView {
        run_id: "r1".into(),
        prompt: prompt.into(),
        params: CanonicalParams::default(),
        created_at: "2026-12-07T10:00:00Z".into(),
        estimated_cost_usd: 1.0,
        demo: false,
        parent_run_id: None,
        winner_clip_id: None,
        clips,
    }
}

#[test]
fn a_run_is_announced_once_when_its_last_clip_ends() {
    let mut watch = RunEndWatch::new();
    let a = |s, cost| clip_id("a", "r1", s, cost);
    let b = |s| clip_id("b", "r1", s, None);
    assert_eq!(watch.observe(&a(ClipStatus::Generating, None)), None);
    assert_eq!(watch.observe(&b(ClipStatus::Queued)), None);
    let a_done = a(ClipStatus::Succeeded, Some((0.4, CostKind::Billed)));
    assert_eq!(watch.observe(&a_done), None, "b was last seen queued");
    let b_failed = b(ClipStatus::Failed);
    assert_eq!(watch.observe(&b_failed).as_deref(), Some("r1"));
    let still_running = run("p", vec![a_done.clone(), b(ClipStatus::Generating)]);
    assert_eq!(watch.settle(&still_running), None, "the library says one clip still generates");

    let ended = run("p", vec![a_done.clone(), b_failed]);
    let summary = watch.settle(&ended).expect("the run ended");
    assert_eq!((summary.succeeded, summary.failed, summary.canceled), (1, 1, 0));
    assert_eq!(watch.settle(&ended), None, "reported once");
    assert_eq!(watch.observe(&a_done), None, "a later snapshot (a star, a tag) announces nothing");
}

#[test]
fn snapshots_read_after_the_library_moved_on_still_announce_once() {
    // The library already has both clips ended while older snapshots are still queued up.
    let mut watch = RunEndWatch::new();
    let (a_done, b_done) =
        (clip_id("a", "r1", ClipStatus::Succeeded, None), clip_id("b", "r1", ClipStatus::Failed, None));
    let ended = run("p", vec![a_done.clone(), b_done.clone()]);
    let mut announced = 0;
    for snapshot in [
        clip_id("a", "r1", ClipStatus::Generating, None),
        clip_id("b", "r1", ClipStatus::Queued, None),
        b_done,
        clip_id("a", "r1", ClipStatus::Downloading, None),
        a_done,
    ] {
        if watch.observe(&snapshot).is_some() && watch.settle(&ended).is_some() {
            announced += 1;
        }
    }
    assert_eq!(announced, 1);
}

#[test]
fn a_snapshot_of_a_run_never_seen_working_announces_nothing() {
    let mut watch = RunEndWatch::new();
    let done = clip("old", ClipStatus::Succeeded, Some((0.4, CostKind::Estimated)));
    assert_eq!(watch.observe(&done), None);
}

#[test]
fn the_body_counts_outcomes_and_labels_the_spend_by_kind() {
    let mixed = RunEndSummary::of(&run(
        "a lighthouse in fog",
        vec![
            clip("r1", ClipStatus::Succeeded, Some((0.4, CostKind::Billed))),
            clip("r1", ClipStatus::Succeeded, Some((0.8, CostKind::Estimated))),
            clip("r1", ClipStatus::Unknown, None),
            clip("r1", ClipStatus::Canceled, None),
        ],
    ));
    assert_eq!(mixed.title(), "Run finished: a lighthouse in fog");
    assert_eq!(mixed.body(), "2 succeeded, 1 failed, 1 canceled · $1.20 (billed $0.40, est. $0.80)");

    let estimated =
        RunEndSummary::of(&run("x", vec![clip("r1", ClipStatus::Succeeded, Some((0.5, CostKind::Estimated)))]));
    assert_eq!(estimated.body(), "1 succeeded · $0.50 est.");
    let billed = RunEndSummary::of(&run("x", vec![clip("r1", ClipStatus::Succeeded, Some((2.0, CostKind::Billed)))]));
    assert_eq!(billed.body(), "1 succeeded · $2.00 billed");
    let nothing = RunEndSummary::of(&run("x", vec![clip("r1", ClipStatus::Failed, None)]));
    assert_eq!(nothing.body(), "0 succeeded, 1 failed · $0.00 spent");
    let demo = RunEndSummary { demo: true, ..mixed };
    assert!(demo.body().ends_with("demo: nothing spent"), "{}", demo.body());
}

#[test]
fn a_long_prompt_is_cut_with_an_ellipsis_and_spaces_folded() {
    let long = "a very long prompt about a lighthouse standing in thick fog at dawn while gulls circle overhead";
    let title = RunEndSummary::of(&run(long, vec![])).title();
    assert!(title.starts_with("Run finished: a very long prompt") && title.ends_with('…'), "{title}");
    assert!(title.chars().count() <= "Run finished: ".len() + PROMPT_CHARS + 1, "{title}");
    assert_eq!(RunEndSummary::of(&run("  \n ", vec![])).title(), "Run finished");
    assert_eq!(RunEndSummary::of(&run("two\nlines", vec![])).title(), "Run finished: two lines");
}
