//! Canceling clips through the engine against the emulator: each route's own cancel (fal
//! PUT, Replicate POST, Runway/Luma/Ark DELETE), its status then ending the clip; routes
//! without a cancel refuse plainly and keep following; a cancel asked while the submit is
//! being retried stops it before anything is accepted.

use std::time::Duration;

use dailies_core::api::{ClipStatus, ClipView, CompareRequest, RunView};
use dailies_core::catalog::CanonicalParams;
use dailies_core::{RunHandle, Studio};
use dailies_sim::{Fault, FaultKind, FaultOp, SimConfig, SimHandle, Timing};
use dailies_tests::{sim_config, start_sim, studio_on};

/// Jobs wait in the queue for a few seconds, so there is time to cancel them there.
fn slow_queue() -> SimConfig {
    SimConfig { timing: Timing { queue_ms: 6000, generate_ms: 700, queue_positions: 3, jitter_pct: 0 }, ..sim_config() }
}

async fn start(sim: &SimHandle, dir: &std::path::Path, model: &str) -> (Studio, RunHandle) {
    let studio = studio_on(sim, dir).await;
    let params = CanonicalParams {
        prompt: "a lighthouse in fog".into(),
        duration_s: Some(5),
        audio: Some(false),
        ..Default::default()
    };
    let plan = studio.plan(&CompareRequest { params, models: vec![model.into()], ..Default::default() }).unwrap();
    let handle = studio.start(&plan).await.unwrap();
    (studio, handle)
}

/// Waits until the clip reaches `status` (as persisted), or panics after 20 s.
async fn wait_for(studio: &Studio, clip_id: &str, status: ClipStatus) -> ClipView {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let clip = studio.store().clip(clip_id).await.unwrap().into_view();
        if clip.status == status {
            return clip;
        }
        assert!(std::time::Instant::now() < deadline, "clip stayed {:?}, never {status:?}", clip.status);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn cancel_while_queued(model: &str, counter: &str) -> (RunView, Vec<String>, SimHandle) {
    let sim = start_sim(slow_queue()).await;
    let dir = tempfile::tempdir().unwrap();
    let (studio, handle) = start(&sim, dir.path(), model).await;
    let clip_id = handle.view.clips[0].id.clone();
    wait_for(&studio, &clip_id, ClipStatus::Queued).await;
    let outcome = studio.cancel_clip(&clip_id[clip_id.len() - 8..]).await.expect("the route takes the cancel");
    assert!(outcome.message.starts_with("Cancel sent to "), "{}", outcome.message);
    let view = handle.finish().await.unwrap();
    assert_eq!(sim.stats().requests[counter], 1, "one cancel request");
    let events = studio.store().events(&clip_id).await.unwrap();
    let raw = events.iter().filter_map(|e| e.raw_status.clone()).collect();
    (view, raw, sim)
}

fn assert_canceled(view: &RunView) {
    let clip = &view.clips[0];
    assert_eq!(clip.status, ClipStatus::Canceled, "{:?}", clip.error);
    assert_eq!(clip.error.as_ref().map(|e| e.code.as_str()), Some("canceled"));
    assert!(clip.error.as_ref().unwrap().message.starts_with("Canceled by you"), "{:?}", clip.error);
    assert_eq!((clip.cost_usd, clip.file.as_deref()), (None, None), "nothing delivered, nothing attributed");
}

#[tokio::test(flavor = "multi_thread")]
async fn fal_cancels_a_queued_request_which_then_completes_as_client_cancelled() {
    let (view, _, _) = cancel_while_queued("kling-3.0-standard@fal", "fal.cancel").await;
    assert_canceled(&view);
}

#[tokio::test(flavor = "multi_thread")]
async fn replicate_cancels_a_prediction_which_then_reports_canceled() {
    let (view, raw, _) = cancel_while_queued("kling-3.0-standard@replicate", "replicate.cancel").await;
    assert_canceled(&view);
    assert_eq!(raw.last().map(String::as_str), Some("canceled"), "{raw:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn runway_deletes_a_pending_task_which_then_reports_cancelled() {
    let (view, raw, _) = cancel_while_queued("runway-gen-4.5@runway", "runway.delete").await;
    assert_canceled(&view);
    assert_eq!(raw.last().map(String::as_str), Some("CANCELLED"), "{raw:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn luma_deletes_the_generation_and_its_disappearance_reads_as_the_cancel() {
    let (view, _, _) = cancel_while_queued("luma-ray-2@luma", "luma.delete").await;
    assert_canceled(&view);
}

#[tokio::test(flavor = "multi_thread")]
async fn ark_cancels_a_queued_task() {
    let (view, raw, _) = cancel_while_queued("seedance-2.0-fast@seedance", "seedance.delete").await;
    assert_canceled(&view);
    assert_eq!(raw.last().map(String::as_str), Some("cancelled"), "{raw:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn routes_without_a_cancel_refuse_plainly_and_the_clip_runs_to_the_end() {
    let sim = start_sim(slow_queue()).await;
    let dir = tempfile::tempdir().unwrap();
    let (studio, handle) = start(&sim, dir.path(), "sora-2@openai").await;
    let clip_id = handle.view.clips[0].id.clone();
    wait_for(&studio, &clip_id, ClipStatus::Queued).await;
    let err = studio.cancel_clip(&clip_id).await.unwrap_err();
    assert_eq!(err.code(), "cancel_unsupported");
    assert_eq!(
        err.to_string(),
        "OpenAI cannot cancel a job it has accepted: the Videos API has no cancel; the job runs to the end and may be charged"
    );
    let view = handle.finish().await.unwrap();
    assert_eq!(view.clips[0].status, ClipStatus::Succeeded, "{:?}", view.clips[0].error);
    let err = studio.cancel_clip(&clip_id).await.unwrap_err();
    assert_eq!(err.to_string(), "clip: nothing to cancel; this clip is already done");
    assert_eq!(err.code(), "invalid_input");
    let models = studio.models();
    let route = |id: &str, r: &str| {
        models.iter().find(|m| m.id == id).unwrap().routes.iter().find(|x| x.route.as_str() == r).unwrap().cancel
    };
    assert!(!route("sora-2", "openai") && !route("kling-3.0-pro", "kling") && !route("veo-3.1", "google"));
    assert!(route("kling-3.0-pro", "fal") && route("kling-3.0-standard", "replicate") && route("luma-ray-2", "luma"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cancel_asked_while_the_submit_is_being_retried_stops_it_before_it_is_accepted() {
    let sim = start_sim(slow_queue()).await;
    sim.inject(Fault::once("fal", FaultOp::Submit, FaultKind::RateLimit { retry_after_s: 3 }));
    let dir = tempfile::tempdir().unwrap();
    let (studio, handle) = start(&sim, dir.path(), "kling-3.0-standard@fal").await;
    let clip_id = handle.view.clips[0].id.clone();
    // The first submit was refused with 429; the engine waits 3 s before resending it.
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !studio.store().events(&clip_id).await.unwrap().iter().any(|e| e.kind == "retry") {
        assert!(std::time::Instant::now() < deadline, "the submit was never retried");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let outcome = studio.cancel_clip(&clip_id).await.unwrap();
    assert_eq!(outcome.message, "Cancel noted: it is sent to fal the moment fal returns the job id.");
    let view = handle.finish().await.unwrap();
    let clip = &view.clips[0];
    assert_eq!(clip.status, ClipStatus::Canceled);
    assert_eq!(clip.error.as_ref().unwrap().message, "Canceled before fal accepted it: nothing was charged.");
    assert!(sim.stats().submits.is_empty(), "nothing was accepted: {:?}", sim.stats().submits);
    assert_eq!(sim.stats().requests["fal.submit"], 1, "the refused submit was not resent");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cancel_the_provider_refuses_leaves_the_clip_running_to_its_end() {
    let timing = Timing { queue_ms: 200, generate_ms: 5000, queue_positions: 1, jitter_pct: 0 };
    let sim = start_sim(SimConfig { timing, ..sim_config() }).await;
    let dir = tempfile::tempdir().unwrap();
    let (studio, handle) = start(&sim, dir.path(), "seedance-2.0-fast@seedance").await;
    let clip_id = handle.view.clips[0].id.clone();
    wait_for(&studio, &clip_id, ClipStatus::Generating).await;
    let err = studio.cancel_clip(&clip_id).await.unwrap_err();
    assert_eq!(err.code(), "cancel_unsupported");
    assert_eq!(
        err.to_string(),
        "BytePlus Ark cannot cancel a job it has accepted: Ark cancels only queued tasks; this one is already generating and runs to the end"
    );
    assert!(!studio.store().cancel_requested(&clip_id).await.unwrap(), "a refused cancel is not pending");
    let view = handle.finish().await.unwrap();
    assert_eq!(view.clips[0].status, ClipStatus::Succeeded, "{:?}", view.clips[0].error);
    assert!(view.clips[0].billed_cost_usd.is_some(), "it ran, so it was billed");
}
