//! ETA-guided polling (issue 10), judged on the emulator's request log: a run with no
//! history polls on the catalog's usual time (an overlay saying 10 s, as the emulator's
//! jobs last); the next run of the same model@route polls on the first as history. Both
//! put most status requests in the second half of the job, around its end, and stay
//! within what the old backoff sent. Counts and order only: no timing asserts.

use dailies_core::api::{ClipStatus, ClipView, CompareRequest, EtaSource};
use std::sync::Arc;

use dailies_core::catalog::{CanonicalParams, Catalog};
use dailies_core::secrets::MemoryStore;
use dailies_core::{DemoBackend, PollPolicy, Studio, StudioOptions};
use dailies_sim::{SimConfig, SimHandle, Timing};
use dailies_tests::{clip_cache, start_sim};

const JOB_MS: u64 = 10_000;
/// What the engine sent before ETA-guided polling on a job this long or longer is ~13.
const MAX_STATUS_REQUESTS: usize = 13;

/// Runs luma-ray-2@luma once; returns the clip's ETA as it was sent and the status
/// requests' times after the submit (ms, from the emulator's log).
async fn one_job(studio: &Studio, sim: &SimHandle) -> (Option<dailies_core::api::Eta>, Vec<u64>) {
    let mut updates = studio.subscribe();
    let request = CompareRequest {
        params: CanonicalParams { prompt: "a lighthouse in fog".into(), ..Default::default() },
        models: vec!["luma-ray-2@luma".into()],
        ..Default::default()
    };
    let from = sim.stats().log.len();
    let view = studio.start(&studio.plan(&request).unwrap()).await.unwrap().finish().await.unwrap();
    assert_eq!(view.clips[0].status, ClipStatus::Succeeded, "{view:?}");
    let mut sent_eta = None;
    while let Ok(clip) = updates.try_recv() {
        let clip: ClipView = clip;
        if clip.status == ClipStatus::Queued && sent_eta.is_none() {
            sent_eta = clip.eta;
        }
    }
    let log = sim.stats().log.split_off(from);
    let submit = log.iter().find(|r| r.op == "luma.submit").expect("submitted").at_unix_ms;
    let polls = log.iter().filter(|r| r.op == "luma.status").map(|r| r.at_unix_ms.saturating_sub(submit)).collect();
    (sent_eta, polls)
}

#[tokio::test(flavor = "multi_thread")]
async fn status_requests_cluster_around_the_eta_from_the_catalog_then_from_history_and_stay_bounded() {
    let timing = Timing { queue_ms: 1_000, generate_ms: JOB_MS - 1_000, queue_positions: 2, jitter_pct: 0 };
    let sim = start_sim(SimConfig { clip_cache_dir: clip_cache(), timing, ..SimConfig::fast() }).await;
    let dir = tempfile::tempdir().unwrap();
    let mut catalog = Catalog::builtin();
    let typical = "[[typical]]\nroute = \"luma\"\nqueue_s = 1\ngenerate_s = 9\nslow_s = 12\nsource = \"this test\"\n";
    catalog.merge_toml(typical).unwrap();
    // The app's own policy, with Luma's real rate limit (1 s between status requests).
    let studio = Studio::open(StudioOptions {
        data_dir: dir.path().to_path_buf(),
        secrets: Arc::new(MemoryStore::default()),
        catalog,
        poll: PollPolicy::default(),
    })
    .await
    .unwrap();
    studio.set_demo(Some(DemoBackend::new(|r| sim.route_key(r), |r| sim.route_base_url(r))));

    let (prior_eta, prior) = one_job(&studio, &sim).await;
    let prior_eta = prior_eta.expect("an ETA while queued");
    assert_eq!((prior_eta.source, prior_eta.total_p50_ms), (EtaSource::Catalog, 10_000), "no history yet");
    let (history_eta, history) = one_job(&studio, &sim).await;
    let history_eta = history_eta.expect("an ETA while queued");
    assert_eq!((history_eta.source, history_eta.samples), (EtaSource::History, 1));
    assert!(history_eta.end_p50_ms.is_some(), "a sent clip has an expected end");

    let late = |polls: &[u64]| polls.iter().filter(|&&t| t >= JOB_MS / 2).count();
    for (name, polls) in [("catalog prior", &prior), ("history", &history)] {
        assert!(!polls.is_empty() && polls.len() <= MAX_STATUS_REQUESTS, "{name}: {} status requests", polls.len());
        // Where the requests fall: most in the second half of the job, around its end.
        assert!(2 * late(polls) > polls.len(), "{name}: polls cluster at the end: {polls:?}");
    }
}
