//! The player's compare modes, solo audio and PNG output in the real app: after the demo run
//! each mode (grid, A/B, wipe, difference, blend) is switched on from its button and checked
//! in the DOM (difference also from its pixels), one take is heard at a time, and a frame is
//! saved as PNG (the canvas must not be tainted: the media server allows CORS). A screenshot
//! per step in `artifacts/e2e-mode-*.png` and `artifacts/e2e-solo.png`. Its own app session,
//! so it changes nothing in the main flow; runs only with `DAILIES_E2E=1`.

use std::path::Path;
use std::time::{Duration, SystemTime};

use fantoccini::Client;
use serde_json::Value;

use crate::driver::Driver;
use crate::ui::{click, js, shot, until, Step};

const MODES: [&str; 5] = ["grid", "ab", "wipe", "difference", "blend"];

#[tokio::test(flavor = "multi_thread")]
async fn compare_modes_solo_audio_and_frame_png() {
    let Some(crate::Preflight { app, artifacts }) = crate::preflight("e2e modes") else { return };
    let data = tempfile::tempdir().expect("temp data dir");
    let driver = Driver::start(data.path());
    let client = driver.connect(&app).await;

    let outcome = match crate::scenario(&client).await {
        Ok(()) => compare_modes(&client, &artifacts).await,
        Err(e) => Err(format!("the demo run: {e}")),
    };
    if outcome.is_err() {
        if let Ok(png) = client.screenshot().await {
            std::fs::write(artifacts.join("e2e-modes-failure.png"), png).expect("write screenshot");
        }
    }
    let _ = client.close().await;
    drop(driver);
    if let Err(e) = outcome {
        panic!("e2e modes failed: {e} (screenshot: artifacts/e2e-modes-failure.png)");
    }
}

/// `{ mode, videos: [[clip id, readyState, muted]] }` of what the stage shows now.
async fn stage(c: &Client) -> Step<Value> {
    js(
        c,
        "const frame = document.querySelector('[data-testid=compare-frame]');
         const grid = document.querySelector('[data-testid=run-grid]');
         return { mode: frame ? frame.dataset.mode : (grid ? 'grid' : null),
                  videos: [...document.querySelectorAll('main video[data-clip-video]')]
                    .map(v => [v.dataset.clipVideo, v.readyState, v.muted]) };",
    )
    .await
}

async fn compare_modes(c: &Client, artifacts: &Path) -> Step<()> {
    for mode in MODES {
        click(c, &format!("[data-testid=mode-{mode}]")).await?;
        // The demo run has two takes: the grid shows both, a two-take mode mounts exactly A and B.
        let takes = 2;
        let shown = until(&format!("mode {mode} with {takes} loaded takes"), Duration::from_secs(20), || async {
            let s = stage(c).await?;
            let videos = s["videos"].as_array().cloned().unwrap_or_default();
            let ready = videos.iter().filter(|v| v[1].as_u64().unwrap_or(0) >= 2).count();
            Ok((s["mode"] == mode && videos.len() == takes && ready == takes).then_some(s))
        })
        .await?;
        if mode == "difference" {
            difference_has_pixels(c).await?;
        }
        eprintln!("e2e modes: {mode}: {shown}");
        shot(c, artifacts, &format!("e2e-mode-{mode}.png")).await?;
    }
    click(c, "[data-testid=mode-grid]").await?;
    solo_audio(c, artifacts).await?;
    save_frame(c).await
}

/// |A − B| of two different models' takes is not black everywhere: the canvas really
/// composites (and, drawn from CORS-approved videos, can be read).
async fn difference_has_pixels(c: &Client) -> Step<()> {
    until("the difference canvas to show |A − B|", Duration::from_secs(10), || async {
        let lit = js(
            c,
            "const c = document.querySelector('[data-testid=difference-canvas]');
             if (!c || !c.width || !c.height) return -1;
             const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
             let lit = 0; for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] > 48) lit++;
             return lit / (d.length / 4);",
        )
        .await?;
        Ok(lit.as_f64().filter(|share| *share > 0.01))
    })
    .await
    .map(|share| eprintln!("e2e modes: difference lights {:.0} % of its pixels", share * 100.0))
}

/// The clip ids whose `<video>` is not muted.
async fn audible(c: &Client) -> Step<Vec<String>> {
    let s = stage(c).await?;
    Ok(s["videos"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|v| v[2] == false)
        .filter_map(|v| v[0].as_str().map(String::from))
        .collect())
}

async fn solo_audio(c: &Client, artifacts: &Path) -> Step<()> {
    let ids: Vec<String> = js(c, "return [...document.querySelectorAll('[data-clip-id]')].map(t => t.dataset.clipId);")
        .await?
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(String::from))
        .collect();
    if ids.len() != 2 {
        return Err(format!("expected two tiles back in the grid, found {ids:?}"));
    }
    for id in ids.iter().rev() {
        click(c, &format!("[data-clip-id=\"{id}\"] [data-testid=solo]")).await?;
        let heard = audible(c).await?;
        if heard != [id.clone()] {
            return Err(format!("soloing {id} should leave only it audible, audible: {heard:?}"));
        }
    }
    shot(c, artifacts, "e2e-solo.png").await?;
    click(c, "[data-testid=mix-all]").await?;
    let mixed = audible(c).await?;
    click(c, "[data-testid=mix-all]").await?;
    if mixed.len() != 2 {
        return Err(format!("Mix should make both takes audible, audible: {mixed:?}"));
    }
    Ok(())
}

/// Saves the heard take's frame: no error on the stage (a tainted canvas would say so), and
/// a PNG file is written. Measured: with no download handler set on the webview, WebKitGTK
/// writes it to the app's working directory; ~/Downloads and ~ are searched too.
async fn save_frame(c: &Client) -> Step<()> {
    let started = SystemTime::now();
    click(c, "button[title^=\"Save the heard take\"]").await?;
    let home = std::env::var_os("HOME").map(std::path::PathBuf::from).unwrap_or_default();
    let dirs = [std::env::current_dir().unwrap_or_default(), home.join("Downloads"), home];
    let written = until("the frame PNG to be written", Duration::from_secs(10), || async {
        let error =
            js(c, "const e = document.querySelector('main > p.error[role=alert]'); return e ? e.innerText : null;")
                .await?;
        if let Some(message) = error.as_str() {
            return Err(format!("saving a frame failed: {message}"));
        }
        let found: Vec<_> = dirs
            .iter()
            .filter_map(|dir| std::fs::read_dir(dir).ok())
            .flatten()
            .flatten()
            .map(|f| f.path())
            .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().contains("_f")))
            .filter(|p| p.extension().is_some_and(|e| e == "png"))
            .filter(|p| p.metadata().and_then(|m| m.modified()).is_ok_and(|t| t >= started))
            // A download appears before its bytes do (seen empty under load): wait for them.
            .filter(|p| std::fs::read(p).is_ok_and(|b| b.starts_with(b"\x89PNG") && b.len() >= 1000))
            .collect();
        Ok((!found.is_empty()).then_some(found))
    })
    .await?;
    for path in &written {
        let bytes = std::fs::read(path).map_err(|e| format!("read {}: {e}", path.display()))?;
        let _ = std::fs::remove_file(path);
        if !bytes.starts_with(b"\x89PNG") || bytes.len() < 1000 {
            return Err(format!("{} is not a frame PNG ({} bytes)", path.display(), bytes.len()));
        }
    }
    eprintln!("e2e modes: frame PNG written: {written:?}");
    Ok(())
}
