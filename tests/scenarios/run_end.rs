//! The run-end notification's decision on a real run: the core watches the same clip
//! snapshots the app's shell receives and reports the run's end exactly once, after its last
//! clip, with the counts and spend the library holds; later snapshots of the finished run
//! (a star) announce nothing; `notify off` is read back from the settings.

use dailies_core::api::CompareRequest;
use dailies_core::catalog::CanonicalParams;
use dailies_core::run_end::RunEndWatch;
use dailies_sim::{Fault, FaultKind, FaultOp};
use dailies_tests::{sim_config, start_sim, studio_on};

#[tokio::test(flavor = "multi_thread")]
async fn a_run_is_announced_once_after_its_last_clip_with_counts_and_spend() {
    let sim = start_sim(sim_config()).await;
    // The second clip is refused for content policy: one succeeded, one failed.
    sim.inject(Fault::once("openai", FaultOp::Submit, FaultKind::ContentPolicy));
    let dir = tempfile::tempdir().unwrap();
    let studio = studio_on(&sim, dir.path()).await;
    let mut updates = studio.subscribe();
    let params = CanonicalParams { prompt: "a lighthouse in fog".into(), duration_s: Some(4), ..Default::default() };
    let models = vec!["kling-3.0-pro@fal".into(), "sora-2@openai".into()];
    let plan = studio.plan(&CompareRequest { params, models, ..Default::default() }).unwrap();
    let run = studio.start(&plan).await.unwrap().finish().await.unwrap();

    let mut watch = RunEndWatch::new();
    let mut summaries = Vec::new();
    while let Ok(clip) = updates.try_recv() {
        if let Some(summary) = studio.ended_run(&mut watch, &clip).await.unwrap() {
            summaries.push(summary);
        }
    }
    assert_eq!(summaries.len(), 1, "announced exactly once: {summaries:?} {:?}", run.clips);
    let summary = &summaries[0];
    assert_eq!(summary.run_id, run.run_id);
    assert_eq!((summary.succeeded, summary.failed), (1, 1), "{summary:?}");
    let delivered = run.clips.iter().filter_map(|c| c.cost_usd).sum::<f64>();
    assert!((summary.billed_usd + summary.estimated_usd - delivered).abs() < 1e-9, "{summary:?}");
    // The emulator stands in for the providers here, so the run is a demo run: nothing spent.
    assert!(run.demo);
    assert_eq!(summary.body(), "1 succeeded, 1 failed · demo: nothing spent");
    let real = dailies_core::run_end::RunEndSummary { demo: false, ..summary.clone() };
    assert!(real.body().contains("est."), "fal and OpenAI report no charge: {}", real.body());

    // A star on a clip of the finished run is a snapshot too; it announces nothing.
    let done = run.clips.iter().find(|c| c.file.is_some()).unwrap();
    studio.rate_clip(&done.id, Some(5)).await.unwrap();
    let star = updates.recv().await.unwrap();
    assert_eq!(studio.ended_run(&mut watch, &star).await.unwrap(), None);

    assert!(studio.notify_enabled(), "on by default");
    studio.set_setting("notify", "off").await.unwrap();
    assert!(!studio.notify_enabled());
    sim.shutdown();
}
