//! Transport faults against the real engine and the emulator: hostile `Retry-After`
//! values, stalled calls and streams, a download cut half-way, a redirect to another host.
//! Each scenario runs under a hang guard; none asserts on timing.

use std::time::Duration;

use dailies_core::api::{ClipStatus, ClipView};
use dailies_core::{PollPolicy, Timeouts};
use dailies_sim::{Fault, FaultKind, FaultOp, SimHandle};
use dailies_tests::{fast_poll, run_one_with, sim_config, start_sim};

/// A polled route and the streaming one.
const ROUTES: [(&str, &str); 2] = [("sora-2@openai", "openai"), ("kling-3.0-pro@fal", "fal")];

/// Far above what a healthy run takes: only a hang reaches it.
const HANG_GUARD: Duration = Duration::from_secs(25);

/// Short limits, so a stall costs a second, not minutes.
fn short_timeouts() -> PollPolicy {
    PollPolicy {
        timeouts: Timeouts {
            read: Duration::from_secs(1),
            request: Duration::from_secs(2),
            status: Duration::from_secs(1),
            stream: Duration::from_secs(2),
            ..Timeouts::default()
        },
        ..fast_poll()
    }
}

async fn run(sim: &SimHandle, model: &str, poll: PollPolicy) -> (ClipView, Vec<String>) {
    let run = run_one_with(sim, model, poll, |p| p.duration_s = Some(4));
    tokio::time::timeout(HANG_GUARD, run).await.unwrap_or_else(|_| panic!("{model}: the clip hung"))
}

fn count(sim: &SimHandle, key: &str) -> u64 {
    sim.stats().requests.get(key).copied().unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread")]
async fn hostile_retry_after_on_submit_is_survived_with_one_submit() {
    for (model, route) in ROUTES {
        let sim = start_sim(sim_config()).await;
        // Each value once, in a row: infinity, a float that overflows to infinity, a past date.
        for value in ["inf", "1e400", "Wed, 21 Oct 2015 07:28:00 GMT"] {
            let kind = FaultKind::RateLimitHeader { retry_after: value.into() };
            sim.inject(Fault::once(route, FaultOp::Submit, kind));
        }
        let (clip, _) = run(&sim, model, fast_poll()).await;
        assert_eq!(clip.status, ClipStatus::Succeeded, "{model}: {:?}", clip.error);
        assert_eq!(sim.stats().submits.len(), 1, "{model}: exactly one accepted submit");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stalled_status_call_or_ping_only_stream_does_not_hang_the_clip() {
    for (model, route) in ROUTES {
        let sim = start_sim(sim_config()).await;
        // fal: the stream sends only pings, then a poll stalls; OpenAI: two polls stall.
        sim.inject(Fault { times: 2, ..Fault::once(route, FaultOp::Status, FaultKind::Stall) });
        let (clip, _) = run(&sim, model, short_timeouts()).await;
        assert_eq!(clip.status, ClipStatus::Succeeded, "{model}: {:?}", clip.error);
        assert_eq!(sim.stats().submits.len(), 1, "{model}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stalled_download_is_cut_off_and_fetched_again() {
    for (model, route) in ROUTES {
        let sim = start_sim(sim_config()).await;
        sim.inject(Fault::once(route, FaultOp::Content, FaultKind::Stall));
        let (clip, _) = run(&sim, model, short_timeouts()).await;
        assert_eq!(clip.status, ClipStatus::Succeeded, "{model}: {:?}", clip.error);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cut_download_resumes_with_range_and_is_byte_identical() {
    for (model, route, content) in
        [("sora-2@openai", "openai", "openai.content"), ("kling-3.0-pro@fal", "fal", "cdn.get")]
    {
        let sim = start_sim(sim_config()).await;
        sim.inject(Fault::once(route, FaultOp::Content, FaultKind::CutDownload));
        let (clip, _) = run(&sim, model, fast_poll()).await;
        assert_eq!(clip.status, ClipStatus::Succeeded, "{model}: {:?}", clip.error);
        assert!(count(&sim, &format!("{content}.range")) >= 1, "{model}: no Range request: {:?}", sim.stats().requests);
        let local = std::fs::read(clip.file.as_deref().expect("a file")).expect("file readable");
        let job = clip.provider_job_id.as_deref().expect("job id");
        assert!(local == original(&sim, route, job).await, "{model}: the resumed file differs from the original");
    }
}

/// The clip as the emulator serves it, fetched whole.
async fn original(sim: &SimHandle, route: &str, job: &str) -> Vec<u8> {
    let http = reqwest::Client::new();
    let req = match route {
        "fal" => http.get(format!("{}/cdn/files/{job}/output.mp4", sim.base_url())),
        _ => http
            .get(format!("{}/videos/{job}/content", sim.openai_base_url()))
            .bearer_auth(sim.route_key("openai").expect("the emulator keys openai")),
    };
    let resp = req.send().await.expect("original fetched");
    assert!(resp.status().is_success(), "{}", resp.status());
    resp.bytes().await.expect("original body").to_vec()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_redirect_to_another_host_does_not_carry_the_key() {
    for (model, route) in [("veo-3.1-fast@google", "google"), ("sora-2@openai", "openai"), ("kling-3.0-pro@fal", "fal")]
    {
        let sim = start_sim(sim_config()).await;
        // Same emulator under another host name: a different origin for the client.
        let location = format!("http://localhost:{}/_sim/elsewhere/{route}", sim.addr().port());
        sim.inject(Fault::once(route, FaultOp::Status, FaultKind::RedirectTo { location }));
        let (clip, _) = run(&sim, model, fast_poll()).await;
        assert_eq!(count(&sim, "elsewhere.with_key"), 0, "{model}: the key followed the redirect");
        assert_eq!(clip.status, ClipStatus::Succeeded, "{model}: {:?}", clip.error);
    }
}
