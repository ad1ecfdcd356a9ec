//! Per-route concurrency (issue 10): with `concurrency.openai = 1` a run of two OpenAI
//! models sends the second only once the first left flight; meanwhile it waits visibly,
//! first in line, and it is never sent twice.

use std::collections::HashMap;

use dailies_core::api::{ClipStatus, CompareRequest};
use dailies_core::catalog::CanonicalParams;
use dailies_tests::{sim_config, start_sim, studio_on};

#[tokio::test(flavor = "multi_thread")]
async fn a_route_at_its_limit_keeps_the_next_clip_waiting_in_line() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let studio = studio_on(&sim, dir.path()).await;
    studio.set_setting("concurrency.openai", "1").await.unwrap();
    let mut updates = studio.subscribe();
    let request = CompareRequest {
        params: CanonicalParams { prompt: "a lighthouse in fog".into(), duration_s: Some(4), ..Default::default() },
        models: vec!["sora-2@openai".into(), "sora-2-pro@openai".into()],
        ..Default::default()
    };
    let plan = studio.plan(&request).unwrap();
    let view = studio.start(&plan).await.unwrap().finish().await.unwrap();
    assert!(view.clips.iter().all(|c| c.status == ClipStatus::Succeeded), "{view:?}");

    // Replay every snapshot: never two OpenAI jobs in flight, and one clip shown waiting first in line.
    let mut status = HashMap::new();
    let (mut most_in_flight, mut waited_first_in_line) = (0, false);
    while let Ok(clip) = updates.try_recv() {
        if clip.status == ClipStatus::Pending && clip.queue_position == Some(1) {
            waited_first_in_line = true;
        }
        status.insert(clip.id.clone(), clip.status);
        let in_flight = status
            .values()
            .filter(|s| matches!(s, ClipStatus::Submitting | ClipStatus::Queued | ClipStatus::Generating))
            .count();
        most_in_flight = most_in_flight.max(in_flight);
    }
    assert_eq!(most_in_flight, 1, "the limit held");
    assert!(waited_first_in_line, "the second clip was shown waiting, #1 in line");

    let rows =
        [studio.store().clip(&view.clips[0].id).await.unwrap(), studio.store().clip(&view.clips[1].id).await.unwrap()];
    let (first, second) =
        if rows[0].submitted_at_ms <= rows[1].submitted_at_ms { (&rows[0], &rows[1]) } else { (&rows[1], &rows[0]) };
    assert!(
        second.submitted_at_ms >= first.completed_at_ms,
        "sent only after the first job was done: {first:?} {second:?}"
    );
    let waited = studio.store().events(&second.id).await.unwrap();
    assert!(waited.iter().any(|e| e.kind == "waiting"), "{waited:?}");
    assert_eq!(sim.stats().requests["openai.submit"], 2, "each sent once");
}
