//! The fault matrix: every route × every fault against the emulator, through the real
//! engine. Each cell must end without a panic or a hang, with the clip succeeded or
//! failed/canceled (or, when the answer to its submit was lost, `unknown`) with a sentence
//! a creator understands, exactly one accepted submit (the one the clip knows about, if
//! it has an id), and no key byte in the library. One line per cell is printed;
//! every broken cell is reported at the end, not just the first.

mod cases;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use dailies_core::api::{ClipStatus, ClipView, CompareRequest};
use dailies_core::catalog::{CanonicalParams, RouteId};
use dailies_core::{PollPolicy, Studio, Timeouts};
use dailies_sim::SimHandle;
use dailies_tests::{fast_poll, sim_config, start_sim, studio_with_keys_and_poll};

use cases::{Case, Expect, Route, Setup, CASES, ROUTES};

/// A key the emulator has never issued, for the 401 cells.
const WRONG_KEY: &str = "fault-matrix-revoked-key-7f3a91c2";

/// Far above what a healthy cell takes: only a hang reaches it.
const HANG_GUARD: Duration = Duration::from_secs(90);

/// Cells run at once: enough to keep 2 cores busy while most cells wait on the emulator.
const CONCURRENCY: usize = 8;

/// Short limits, so a stall costs a second or two, not minutes.
fn short_timeouts() -> PollPolicy {
    PollPolicy {
        timeouts: Timeouts {
            read: Duration::from_secs(2),
            request: Duration::from_secs(4),
            status: Duration::from_secs(2),
            stream: Duration::from_secs(3),
            ..Timeouts::default()
        },
        ..fast_poll()
    }
}

/// One finished cell: its printed line and what is wrong with it, if anything.
struct Cell {
    line: String,
    problems: Vec<String>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_route_survives_every_fault() {
    let slots = Arc::new(tokio::sync::Semaphore::new(CONCURRENCY));
    let mut cells = tokio::task::JoinSet::new();
    for route in &ROUTES {
        for case in &CASES {
            let slots = slots.clone();
            cells.spawn(async move {
                let _slot = slots.acquire_owned().await.expect("semaphore open");
                let label = format!("{} × {}", route.id, case.name);
                match tokio::time::timeout(HANG_GUARD, run_cell(route, case)).await {
                    Ok(cell) => cell,
                    Err(_) => Cell { line: format!("{label} → HUNG"), problems: vec![format!("{label}: hung")] },
                }
            });
        }
    }
    let mut lines = Vec::new();
    let mut problems = Vec::new();
    while let Some(joined) = cells.join_next().await {
        match joined {
            Ok(cell) => {
                lines.push(cell.line);
                problems.extend(cell.problems);
            }
            Err(err) => problems.push(format!("a cell panicked: {err}")),
        }
    }
    lines.sort();
    for line in &lines {
        eprintln!("fault-matrix: {line}");
    }
    // The test harness keeps a passing test's output to itself; scripts/test.sh prints this file.
    let table: String = lines.iter().map(|l| format!("fault-matrix: {l}\n")).collect();
    let artifacts = dailies_tests::workspace_root().join("artifacts");
    if std::fs::create_dir_all(&artifacts).is_ok() {
        let _ = std::fs::write(artifacts.join("fault-matrix.txt"), table);
    }
    assert_eq!(lines.len(), ROUTES.len() * CASES.len(), "every cell reports");
    assert!(problems.is_empty(), "{} broken cells:\n{}", problems.len(), problems.join("\n"));
}

async fn run_cell(route: &'static Route, case: &'static Case) -> Cell {
    let label = format!("{} × {}", route.id, case.name);
    let sim = start_sim(sim_config()).await;
    for fault in case.faults(route.id) {
        sim.inject(fault);
    }
    let route_key = sim.route_key(route.id).expect("the emulator keys every route");
    let key = if case.setup == Setup::WrongKey { WRONG_KEY } else { route_key.as_str() };
    let dir = tempfile::tempdir().expect("tempdir");
    let mut problems = Vec::new();
    let (studio, clip) = match run_clip(&sim, dir.path(), key, route.model).await {
        Ok(ran) => ran,
        Err(err) => {
            sim.shutdown();
            return Cell { line: format!("{label} → did not run: {err}"), problems: vec![format!("{label}: {err}")] };
        }
    };
    let stats = sim.stats();
    let submits = stats.submits;
    let submit_requests = stats.requests.get(&format!("{}.submit", route.id)).copied().unwrap_or(0);
    let expect = case.expect.on(route.id);
    check_outcome(route, expect, &clip, &mut problems);
    check_one_submit(expect, &clip, &submits, submit_requests, &mut problems);
    // Scanned while the library is open, so the SQLite WAL is still there.
    if let Some(found) = key_bytes_in(dir.path(), key) {
        problems.push(format!("the key was stored in {found}"));
    }
    studio.store().close().await;
    if case.checks_resume && clip.status == ClipStatus::Succeeded {
        check_resumed_download(&sim, route, &clip, &mut problems).await;
    }
    sim.shutdown();
    let outcome = match &clip.error {
        Some(err) => format!("{}: {}", clip.status.as_str(), err.message),
        None => clip.status.as_str().to_owned(),
    };
    let plural = if submits.len() == 1 { "" } else { "s" };
    let line = format!("{label} → {outcome} ({} accepted submit{plural})", submits.len());
    Cell { line, problems: problems.into_iter().map(|p| format!("{label}: {p}")).collect() }
}

/// One clip of `model` through the engine on a fresh library at `data_dir`, left open.
async fn run_clip(sim: &SimHandle, data_dir: &Path, key: &str, model: &str) -> Result<(Studio, ClipView), String> {
    let studio = studio_with_keys_and_poll(sim, data_dir, |_| Some(key.to_string()), short_timeouts()).await;
    let params = CanonicalParams { prompt: "a lighthouse in fog".into(), ..Default::default() };
    let request = CompareRequest { params, models: vec![model.into()], ..Default::default() };
    let plan = studio.plan(&request).map_err(|e| format!("plan: {e}"))?;
    let run = studio.start(&plan).await.map_err(|e| format!("start: {e}"))?;
    let view = run.finish().await.map_err(|e| format!("finish: {e}"))?;
    let clip = view.clips.into_iter().next().ok_or_else(|| "the run has no clip".to_owned())?;
    Ok((studio, clip))
}

fn check_outcome(route: &Route, expect: Expect, clip: &ClipView, problems: &mut Vec<String>) {
    let ended = matches!(clip.status, ClipStatus::Failed | ClipStatus::Canceled | ClipStatus::Unknown);
    match (expect, clip.status) {
        (Expect::Succeeds, ClipStatus::Succeeded) => {}
        (Expect::Unknown, ClipStatus::Unknown) => {}
        (Expect::Ends, ClipStatus::Failed | ClipStatus::Canceled) => {}
        (_, status) => problems.push(format!("expected {expect:?}, got {}: {:?}", status.as_str(), clip.error)),
    }
    if !ended {
        return;
    }
    let Some(err) = &clip.error else {
        problems.push("ended without a message".into());
        return;
    };
    let provider = RouteId::parse(route.id).expect("a known route").display_name();
    if let Some(flaw) = message_flaw(&err.message, provider) {
        problems.push(format!("message {:?} {flaw}", err.message));
    }
}

/// Why `message` is not a sentence a creator understands, if it is not.
fn message_flaw(message: &str, provider: &str) -> Option<&'static str> {
    const RUST_NOISE: [&str; 8] = ["::", "Some(", "None", "Err(", "Ok(", "Error {", "reqwest", "serde"];
    if message.trim().is_empty() {
        Some("is empty")
    } else if !message.to_lowercase().contains(&provider.to_lowercase()) {
        Some("does not name the provider")
    } else if message.contains('{') || message.contains('}') {
        Some("contains raw JSON")
    } else if RUST_NOISE.iter().any(|noise| message.contains(noise)) {
        Some("contains a Rust type or debug output")
    } else {
        None
    }
}

/// The emulator accepted exactly the one job the clip knows about, or none if it has no id;
/// when the answer to the submit was lost, the submit reached the emulator exactly once
/// (a client cannot tell whether the provider created the job, so it must never resend).
fn check_one_submit(
    expect: Expect,
    clip: &ClipView,
    submits: &[dailies_sim::RecordedSubmit],
    submit_requests: u64,
    problems: &mut Vec<String>,
) {
    let accepted: Vec<&str> = submits.iter().map(|s| s.job_id.as_str()).collect();
    if expect == Expect::Unknown {
        if submit_requests != 1 || clip.provider_job_id.is_some() {
            problems.push(format!("the submit whose answer was lost was sent {submit_requests} times"));
        }
        return;
    }
    let expected: Vec<&str> = clip.provider_job_id.as_deref().into_iter().collect();
    if accepted != expected {
        problems.push(format!("accepted submits {accepted:?}, but the clip knows {expected:?}"));
    }
}

/// The first file under `dir` (SQLite WAL and journal included) holding `key`.
fn key_bytes_in(dir: &Path, key: &str) -> Option<String> {
    let entries = std::fs::read_dir(dir).ok()?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if let Some(found) = key_bytes_in(&path, key) {
                return Some(found);
            }
        } else if let Ok(bytes) = std::fs::read(&path) {
            if bytes.windows(key.len()).any(|w| w == key.as_bytes()) {
                return Some(path.display().to_string());
            }
        }
    }
    None
}

/// The cut download was resumed with Range and the file is byte-identical to the one a
/// clean run of the same model gets (the emulator serves one cached render per spec).
async fn check_resumed_download(sim: &SimHandle, route: &Route, clip: &ClipView, problems: &mut Vec<String>) {
    let range_key = format!("{}.range", route.content_key);
    if sim.stats().requests.get(&range_key).copied().unwrap_or(0) == 0 {
        problems.push(format!("no Range request ({range_key}): {:?}", sim.stats().requests));
    }
    let clean_dir = tempfile::tempdir().expect("tempdir");
    let key = sim.route_key(route.id).expect("the emulator keys every route");
    let clean = match run_clip(sim, clean_dir.path(), &key, route.model).await {
        Ok((studio, clean)) => {
            studio.store().close().await;
            clean
        }
        Err(err) => return problems.push(format!("the clean run failed: {err}")),
    };
    let read = |clip: &ClipView| clip.file.as_deref().and_then(|f| std::fs::read(f).ok());
    match (read(clip), read(&clean)) {
        (Some(resumed), Some(whole)) if resumed == whole => {}
        (Some(resumed), Some(whole)) => {
            problems.push(format!("resumed file ({} B) differs from a clean one ({} B)", resumed.len(), whole.len()))
        }
        _ => problems.push("a downloaded file is missing".into()),
    }
}
