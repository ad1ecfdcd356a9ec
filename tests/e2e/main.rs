//! End-to-end: the real desktop app under Xvfb, driven through tauri-driver + WebKitWebDriver.
//! A creator types a prompt, ticks two demo models, runs, and both clips arrive, play and
//! show cost and latency; the two are compared blind and voted on; then the Sora clip is
//! remixed from its tile. Runs only with `DAILIES_E2E=1` (CI sets it; see the README).

mod arena;
mod craft;
mod driver;
mod ipc;
mod iterate;
mod layout;
mod library;
mod modes;
mod player;
mod remix;
mod settings;
mod stats;
mod ui;

use std::path::PathBuf;
use std::time::Duration;

use fantoccini::{Client, Locator};

use driver::Driver;
use ui::{csp_violations, err, js, playing, tick, tile_text, tiles, until, watch_csp, Step};

const MODELS: [&str; 2] = ["kling-3.0-pro@fal", "sora-2-pro@openai"];
const PROMPT: &str = "A paper boat drifts down a rain-soaked city gutter at dusk, neon reflections";

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root").to_path_buf()
}

fn app_bin() -> PathBuf {
    let bin =
        std::env::var_os("APP_BIN").map(PathBuf::from).unwrap_or_else(|| workspace().join("target/debug/dailies-app"));
    assert!(bin.is_absolute(), "APP_BIN must be an absolute path, got {}", bin.display());
    assert!(bin.is_file(), "app binary {} is missing; build it first: cargo build -p dailies-app", bin.display());
    bin
}

/// What every e2e session checks and needs before it starts the app.
struct Preflight {
    app: PathBuf,
    artifacts: PathBuf,
}

/// `None` (after saying so) unless `DAILIES_E2E=1`; then the machine must be able to run the
/// app (tauri-driver on PATH, a display, the built binary), and `artifacts/` exists.
fn preflight(session: &str) -> Option<Preflight> {
    if std::env::var("DAILIES_E2E").as_deref() != Ok("1") {
        eprintln!("{session}: skipped (set DAILIES_E2E=1 and run under Xvfb; see README)");
        return None;
    }
    let app = app_bin();
    assert!(
        driver::which("tauri-driver").is_some(),
        "tauri-driver not on PATH (cargo install tauri-driver --version '^2' --locked)"
    );
    assert!(std::env::var_os("DISPLAY").is_some(), "DISPLAY is not set; run under xvfb-run");
    let artifacts = workspace().join("artifacts");
    std::fs::create_dir_all(&artifacts).expect("create artifacts/");
    Some(Preflight { app, artifacts })
}

#[tokio::test(flavor = "multi_thread")]
async fn compare_two_demo_models_side_by_side() {
    let Some(Preflight { app, artifacts }) = preflight("e2e") else { return };
    for stale in ["e2e-run.png", "e2e-blind.png", "e2e-remix.png", "e2e-failure.png"] {
        let _ = std::fs::remove_file(artifacts.join(stale));
    }

    let data = tempfile::tempdir().expect("temp data dir");
    let driver = Driver::start(data.path());
    let client = driver.connect(&app).await;

    let mut outcome = scenario(&client).await;
    let mut shot_name = if outcome.is_ok() { "e2e-run.png" } else { "e2e-failure.png" };
    match client.screenshot().await {
        Ok(png) => std::fs::write(artifacts.join(shot_name), png).expect("write screenshot"),
        Err(e) => eprintln!("e2e: could not take a screenshot: {e}"),
    }
    if outcome.is_ok() {
        outcome = layout::only_the_panes_scroll(&client, &artifacts).await.map_err(|e| format!("layout: {e}"));
    }
    if outcome.is_ok() {
        outcome = ipc::commands(&client, data.path()).await.map_err(|e| format!("after the run, IPC: {e}"));
    }
    if outcome.is_ok() {
        outcome = arena::blind_vote(&client, &artifacts).await.map_err(|e| format!("blind A/B: {e}"));
        if outcome.is_ok() {
            outcome = stats::charts_and_leaderboard(&client, &artifacts).await.map_err(|e| format!("stats: {e}"));
        }
        if outcome.is_err() {
            shot_name = "e2e-failure.png";
            if let Ok(png) = client.screenshot().await {
                std::fs::write(artifacts.join(shot_name), png).expect("write screenshot");
            }
        }
    }
    if outcome.is_ok() {
        outcome = match remix::remix_from_the_tile(&client).await {
            Ok(clip) => remix::cancel_is_refused_for(&client, &clip).await,
            Err(e) => Err(e),
        }
        .map_err(|e| format!("remix: {e}"));
        shot_name = if outcome.is_ok() { "e2e-remix.png" } else { "e2e-failure.png" };
        if let Ok(png) = client.screenshot().await {
            std::fs::write(artifacts.join(shot_name), png).expect("write screenshot");
        }
    }
    let _ = client.close().await;
    drop(driver);
    if let Err(e) = outcome {
        panic!("e2e failed: {e} (screenshot: artifacts/{shot_name})");
    }
}

async fn scenario(c: &Client) -> Step<()> {
    let prompt =
        c.wait().at_most(Duration::from_secs(30)).for_element(Locator::Css("#prompt")).await.map_err(err("#prompt"))?;
    watch_csp(c).await?;
    tick(c, "#demo-toggle").await?;
    prompt.clear().await.map_err(err("clear #prompt"))?;
    prompt.send_keys(PROMPT).await.map_err(err("type into #prompt"))?;
    for model in MODELS {
        tick(c, &format!("input[data-model=\"{model}\"]")).await?;
    }
    let run = c.find(Locator::Css("#run")).await.map_err(err("#run"))?;
    until("#run to be enabled", Duration::from_secs(15), || async {
        Ok(run.is_enabled().await.map_err(err("#run enabled"))?.then_some(()))
    })
    .await?;
    run.click().await.map_err(err("click #run"))?;

    let done = until("two tiles with data-status=succeeded", Duration::from_secs(90), || async {
        let now = tiles(c).await?;
        if let Some((id, _)) = now.iter().find(|(_, s)| matches!(s.as_str(), "failed" | "canceled" | "unknown")) {
            let why = tile_text(c, id, "").await.unwrap_or_default();
            return Err(format!("clip {id} ended badly: {now:?}; tile says: {why}"));
        }
        let ok: Vec<String> = now.iter().filter(|(_, s)| s == "succeeded").map(|(id, _)| id.clone()).collect();
        Ok((now.len() == 2 && ok.len() == 2).then_some(ok))
    })
    .await?;

    playing(c, &done).await?;
    for id in &done {
        let cost = tile_text(c, id, ".tile-cost").await?;
        let latency = tile_text(c, id, ".tile-latency").await?;
        eprintln!("e2e: clip {id}: cost {cost:?}, latency {latency:?}");
        if !cost.contains('$') {
            return Err(format!("clip {id}: .tile-cost should show dollars, got {cost:?}"));
        }
        if !latency.contains('s') {
            return Err(format!("clip {id}: .tile-latency should show seconds, got {latency:?}"));
        }
    }
    let blocked = csp_violations(c).await?;
    if !blocked.is_empty() {
        return Err(format!("the CSP blocked: {blocked:?}"));
    }
    // Let a frame settle into both players before the screenshot.
    js(c, "return new Promise(r => requestAnimationFrame(() => r(true)));").await.ok();
    Ok(())
}
