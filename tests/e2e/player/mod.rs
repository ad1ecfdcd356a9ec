//! The synced player holds up with four takes in the real app: a demo run of four models
//! whose clips are 24 fps with their frame index drawn in the picture (the emulator's review
//! render), played through two loop wraps, then paused and stepped. Fails on a stall (the
//! group clock not advancing over a window), a livelock (seeks per second above a bound, read
//! from the clock's counters in `window.__dailies`) or a tile whose picture shows another
//! frame than the clock after mixed frame steps. Clips are 480p: four 1080p decoders next to
//! the other e2e sessions on CI's 2 cores would measure the machine, not the player (1080p is
//! `scripts/player-bench/app.sh`'s job). Screenshots: `artifacts/e2e-player-*.png`. Its own
//! app session; runs only with `DAILIES_E2E=1`.

mod steps;

use std::path::Path;
use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use serde_json::Value;

use crate::driver::Driver;
use crate::ui::{err, js, playing, tick, tile_text, tiles, until, Step};

/// Four models from four routes that all render 480p at 5 s.
const MODELS: [&str; 4] =
    ["seedance-1.0-pro@seedance", "wan-2.5@fal", "seedance-2.0@fal", "seedance-1.0-pro@replicate"];
const PROMPT: &str = "A lighthouse beam sweeps across fog over a rocky coast at night";
/// Over any window this long while playing, the clock must advance at least `MIN_ADVANCE_S`.
const STALL_WINDOW: Duration = Duration::from_secs(4);
const MIN_ADVANCE_S: f64 = 0.5;
/// Seeks per clip per second above this is a livelock. The livelock ran at ~2; the
/// group clock's own budget (wraps, one correction per 3 s, bufferings) stays well under 1.
const MAX_SEEKS_PER_CLIP_S: f64 = 0.75;

#[tokio::test(flavor = "multi_thread")]
async fn four_takes_play_through_loop_wraps_and_step_frame_exact() {
    let Some(crate::Preflight { app, artifacts }) = crate::preflight("e2e player") else { return };
    let started = Instant::now();
    let data = tempfile::tempdir().expect("temp data dir");
    let render = [("DAILIES_SIM_CLIP_FPS", "24".to_string()), ("DAILIES_SIM_FRAME_NUMBERS", "1".to_string())];
    let driver = Driver::start_with_env(data.path(), &render);
    let client = driver.connect(&app).await;

    let outcome = flow(&client, &artifacts).await;
    if outcome.is_err() {
        if let Ok(png) = client.screenshot().await {
            std::fs::write(artifacts.join("e2e-player-failure.png"), png).expect("write screenshot");
        }
    }
    let _ = client.close().await;
    drop(driver);
    eprintln!("e2e player: session took {:.0?}", started.elapsed());
    if let Err(e) = outcome {
        panic!("e2e player failed: {e} (screenshot: artifacts/e2e-player-failure.png)");
    }
}

async fn flow(c: &Client, artifacts: &Path) -> Step<()> {
    let ids = run_four(c).await?;
    playing(c, &ids).await?;
    play_through_two_wraps(c, ids.len()).await?;
    shot(c, artifacts, "e2e-player-playing.png").await?;
    steps::mixed_steps_land_on_the_displayed_frame(c).await?;
    shot(c, artifacts, "e2e-player-steps.png").await
}

/// Demo on, a prompt, 480p, the four models, Run; returns the four finished clip ids.
async fn run_four(c: &Client) -> Step<Vec<String>> {
    let prompt =
        c.wait().at_most(Duration::from_secs(30)).for_element(Locator::Css("#prompt")).await.map_err(err("#prompt"))?;
    tick(c, "#demo-toggle").await?;
    prompt.clear().await.map_err(err("clear #prompt"))?;
    prompt.send_keys(PROMPT).await.map_err(err("type into #prompt"))?;
    // The settings fold away under their summary; open it as a creator would to reach Resolution.
    let summary = c.find(Locator::Css("details.settings > summary")).await.map_err(err("settings summary"))?;
    summary.click().await.map_err(err("open the settings"))?;
    let resolution = c.find(Locator::Css("#resolution")).await.map_err(err("#resolution"))?;
    resolution.select_by_value("480p").await.map_err(err("select 480p"))?;
    for model in MODELS {
        tick(c, &format!("input[data-model=\"{model}\"]")).await?;
    }
    let run = c.find(Locator::Css("#run")).await.map_err(err("#run"))?;
    until("#run to be enabled", Duration::from_secs(15), || async {
        Ok(run.is_enabled().await.map_err(err("#run enabled"))?.then_some(()))
    })
    .await?;
    run.click().await.map_err(err("click #run"))?;
    until("four tiles with data-status=succeeded", Duration::from_secs(120), || async {
        let now = tiles(c).await?;
        if let Some((id, _)) = now.iter().find(|(_, s)| matches!(s.as_str(), "failed" | "canceled" | "unknown")) {
            let why = tile_text(c, id, "").await.unwrap_or_default();
            return Err(format!("clip {id} ended badly: {now:?}; tile says: {why}"));
        }
        let ok: Vec<String> = now.iter().filter(|(_, s)| s == "succeeded").map(|(id, _)| id.clone()).collect();
        Ok((now.len() == 4 && ok.len() == 4).then_some(ok))
    })
    .await
}

/// One sample per script call: the clock and every clip, read together.
pub(crate) async fn sample(c: &Client) -> Step<Value> {
    let v =
        js(c, "const d = window.__dailies; return d && d.player ? { p: d.player(), v: d.videos() } : null;").await?;
    if v.is_null() {
        return Err("window.__dailies.player() is not available".into());
    }
    Ok(v)
}

fn seeks(s: &Value) -> u64 {
    s["v"].as_array().into_iter().flatten().map(|v| v["seeks"].as_u64().unwrap_or(0)).sum()
}

/// Samples every 250 ms until the clock has wrapped twice; fails on a stall or a livelock.
async fn play_through_two_wraps(c: &Client, clips: usize) -> Step<()> {
    let first = sample(c).await?;
    let begin = Instant::now();
    let deadline = begin + Duration::from_secs(45);
    let (mut prev, mut wraps, mut window) = (first.clone(), 0, Vec::<(Instant, f64)>::new());
    let mut spreads = Vec::new();
    while wraps < 2 {
        tokio::time::sleep(Duration::from_millis(250)).await;
        let now = sample(c).await?;
        let (a, b) = (prev["p"]["time"].as_f64().unwrap_or(0.0), now["p"]["time"].as_f64().unwrap_or(0.0));
        let duration = now["p"]["duration"].as_f64().unwrap_or(0.0);
        let advance = if b + 1.0 < a {
            wraps += 1;
            (duration - a).max(0.0) + b
        } else {
            (b - a).max(0.0)
        };
        let at = Instant::now();
        window.push((at, advance));
        window.retain(|(t, _)| at.duration_since(*t) <= STALL_WINDOW);
        if at.duration_since(begin) >= STALL_WINDOW {
            let moved: f64 = window.iter().map(|(_, a)| a).sum();
            if moved < MIN_ADVANCE_S {
                return Err(format!("stall: the clock advanced {moved:.2} s in {STALL_WINDOW:?} (now {})", now["p"]));
            }
        }
        if now["p"]["state"] == "playing" {
            let times: Vec<f64> =
                now["v"].as_array().into_iter().flatten().filter_map(|v| v["currentTime"].as_f64()).collect();
            let (lo, hi) = times.iter().fold((f64::MAX, f64::MIN), |(lo, hi), t| (lo.min(*t), hi.max(*t)));
            if hi - lo < 1.0 {
                spreads.push((hi - lo) * 1000.0); // across a wrap the times straddle it
            }
        }
        livelock_check(&first, &now, begin.elapsed(), clips)?;
        if Instant::now() > deadline {
            return Err(format!("two loop wraps did not happen within 45 s ({wraps} so far; now {})", now["p"]));
        }
        prev = now;
    }
    spreads.sort_by(f64::total_cmp);
    let pct = |p: f64| spreads.get(((spreads.len() as f64 * p) as usize).min(spreads.len().saturating_sub(1))).copied();
    let last = sample(c).await?;
    eprintln!(
        "e2e player: 2 wraps in {:.1?}, {} seeks, {} bufferings, spread p50 {:?} / p95 {:?} / max {:?} ms",
        begin.elapsed(),
        seeks(&last) - seeks(&first),
        last["p"]["bufferings"].as_u64().unwrap_or(0) - first["p"]["bufferings"].as_u64().unwrap_or(0),
        pct(0.5).map(f64::round),
        pct(0.95).map(f64::round),
        spreads.last().map(|m| m.round()),
    );
    Ok(())
}

/// Seeks since `first` above `MAX_SEEKS_PER_CLIP_S` per clip per second (after 3 s, so the
/// group's start-up seeks don't count as a rate).
fn livelock_check(first: &Value, now: &Value, elapsed: Duration, clips: usize) -> Step<()> {
    let secs = elapsed.as_secs_f64();
    let rate = (seeks(now) - seeks(first)) as f64 / secs.max(1.0) / clips as f64;
    if secs >= 3.0 && rate > MAX_SEEKS_PER_CLIP_S {
        return Err(format!(
            "livelock: {rate:.2} seeks per clip per second over {secs:.1} s (bound {MAX_SEEKS_PER_CLIP_S}); clips: {}",
            now["v"]
        ));
    }
    Ok(())
}

pub(crate) async fn shot(c: &Client, artifacts: &Path, name: &str) -> Step<()> {
    js(c, "return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))));").await.ok();
    let png = c.screenshot().await.map_err(err(name))?;
    std::fs::write(artifacts.join(name), png).map_err(|e| format!("write {name}: {e}"))
}
