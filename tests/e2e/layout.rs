//! The window is the page: only the panes scroll, never the page itself, at the default size
//! and at the window's minimum (`src-tauri/tauri.conf.json`: 1440×900, 960×600).

use std::path::Path;
use std::time::Duration;

use fantoccini::Client;
use serde_json::Value;

use crate::ui::{click, err, js, shot, until, Step};

const SIZES: [(u32, u32); 2] = [(960, 600), (1440, 900)];

/// How far the page scrolls, and (when it does) the elements that stick out of the window
/// without a scrolling pane clipping them: the first places to look.
const OVERFLOW: &str = r#"
  const w = innerWidth, h = innerHeight, root = document.documentElement;
  const x = Math.max(root.scrollWidth, document.body.scrollWidth) - w;
  const y = Math.max(root.scrollHeight, document.body.scrollHeight) - h;
  const out = [];
  if (x > 0 || y > 0) {
    for (const e of document.body.querySelectorAll('*')) {
      const r = e.getBoundingClientRect();
      if ((r.bottom > h || r.right > w) && r.width + r.height > 0) {
        const s = getComputedStyle(e);
        out.push(`${e.tagName.toLowerCase()}.${[...e.classList].join('.')} ${s.position} ` +
          `${Math.round(r.right)}x${Math.round(r.bottom)}`);
      }
      if (out.length >= 12) break;
    }
  }
  return { w, h, x, y, out };"#;

/// At each size, with the run alone on the stage, with the side panels shown and in the
/// library's clip grid, the page itself cannot scroll; a screenshot of each lands in
/// `artifacts/`. Ends as it began (the default size, the run's view, the panels as they
/// were), so the steps after it see what they expect.
pub async fn only_the_panes_scroll(c: &Client, artifacts: &Path) -> Step<()> {
    let focused = is_focused(c).await?;
    for panels in [false, true] {
        // Focused = the stage alone; the toggle flips it.
        if is_focused(c).await? == panels {
            click(c, "[data-testid=toggle-panels]").await?;
        }
        for (width, height) in SIZES {
            fits(c, artifacts, width, height, if panels { "panels" } else { "stage" }).await?;
        }
    }
    click(c, "[data-testid=library-view-clips]").await?;
    for (width, height) in SIZES {
        fits(c, artifacts, width, height, "clips").await?;
    }
    click(c, "[data-testid=library-view-runs]").await?;
    if focused != is_focused(c).await? {
        click(c, "[data-testid=toggle-panels]").await?;
    }
    Ok(())
}

async fn is_focused(c: &Client) -> Step<bool> {
    Ok(js(c, "return !!document.querySelector('.app.focused');").await? == Value::Bool(true))
}

async fn fits(c: &Client, artifacts: &Path, width: u32, height: u32, view: &str) -> Step<()> {
    c.set_window_size(width, height).await.map_err(err("set the window size"))?;
    let seen = until(&format!("the window at {width}×{height}"), Duration::from_secs(10), || async {
        let v = js(c, OVERFLOW).await?;
        Ok((v["w"] == width && v["h"] == height).then_some(v))
    })
    .await?;
    shot(c, artifacts, &format!("e2e-layout-{view}-{width}x{height}.png")).await?;
    // Measured again after the screenshot's two frames: late layout (fonts, posters) counts.
    let v = js(c, OVERFLOW).await?;
    eprintln!("e2e layout: {view} at {width}×{height}: the page overflows by x {} y {}", v["x"], v["y"]);
    if scrolls(&v) || scrolls(&seen) {
        return Err(format!(
            "{view} at {width}×{height}: the page itself scrolls by x {} y {} px; sticking out: {}",
            v["x"], v["y"], v["out"]
        ));
    }
    Ok(())
}

fn scrolls(v: &Value) -> bool {
    v["x"].as_f64().unwrap_or(1.0) > 0.0 || v["y"].as_f64().unwrap_or(1.0) > 0.0
}
