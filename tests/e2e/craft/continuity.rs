//! The continuity half of the craft session: an element made from two image files, attached
//! and named in the prompt, sent to Kling O3 (LTX-2.3, without elements, says so); then the
//! LTX clip extended from its tile, the extension a new version linked to its source.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use fantoccini::Client;
use serde_json::{json, Value};

use crate::ipc;
use crate::iterate::open_run_id;
use crate::ui::{click, csp_violations, err, js, retype, shot, show_panels, tick, until, wait_for, Step};

const KLING_O3: &str = "kling-o3-pro@fal";
const LTX: &str = "ltx-2.3@fal";
const ELEMENT: &str = "Mara";
const PROMPT: &str = "@Element1 walks along the harbour wall at dawn, slow tracking shot, gulls overhead";
const NEXT: &str = "She stops at the end of the pier and turns to face the rising sun";

/// A real image file made by ffmpeg (a test pattern), as a creator's picture would be.
fn image(dir: &Path, name: &str, pattern: &str) -> Step<PathBuf> {
    let path = dir.join(name);
    let out = Command::new("ffmpeg")
        .args(["-v", "error", "-y", "-f", "lavfi", "-i", pattern, "-frames:v", "1"])
        .arg(&path)
        .output()
        .map_err(|e| format!("run ffmpeg: {e}"))?;
    if !out.status.success() || !path.is_file() {
        return Err(format!("ffmpeg made no {name}: {}", String::from_utf8_lossy(&out.stderr)));
    }
    Ok(path)
}

/// `[id, model@route, status]` of every tile once `count` tiles have all ended.
async fn ended(c: &Client, what: &str, count: usize) -> Step<Vec<(String, String, String)>> {
    until(what, Duration::from_secs(60), || async {
        let v = js(
            c,
            "return [...document.querySelectorAll('[data-clip-id]')].map(t => [t.dataset.clipId, t.dataset.model + '@' + t.dataset.route, t.dataset.status]);",
        )
        .await?;
        let rows: Vec<(String, String, String)> = v
            .as_array()
            .into_iter()
            .flatten()
            .map(|r| (r[0].as_str().unwrap_or("").into(), r[1].as_str().unwrap_or("").into(), r[2].as_str().unwrap_or("").into()))
            .collect();
        if let Some(bad) = rows.iter().find(|r| matches!(r.2.as_str(), "failed" | "canceled" | "unknown")) {
            return Err(format!("clip {} ({}) ended {}: {rows:?}", bad.0, bad.1, bad.2));
        }
        Ok((rows.len() == count && rows.iter().all(|r| r.2 == "succeeded")).then_some(rows))
    })
    .await
}

async fn run_when_ready(c: &Client) -> Step<()> {
    let run = wait_for(c, "#run").await?;
    until("#run to be enabled", Duration::from_secs(15), || async {
        Ok(run.is_enabled().await.map_err(err("#run enabled"))?.then_some(()))
    })
    .await?;
    run.click().await.map_err(err("click #run"))
}

/// Adds an element (name, frontal image, one other view) through the composer's form, names it
/// in the prompt and runs Kling O3 with LTX-2.3. Returns `(run id, LTX clip id)`.
pub async fn element_run(c: &Client, data: &Path, images: &Path, artifacts: &Path) -> Step<(String, String)> {
    let frontal = image(images, "mara-front.png", "testsrc2=size=640x640")?;
    let side = image(images, "mara-side.jpg", "smptebars=size=640x480")?;
    click(c, "section[aria-label=Elements] summary").await?;
    retype(c, "input[aria-label=\"Element name\"]", ELEMENT).await?;
    // WebKitWebDriver sets an <input type=file>'s files from the paths typed into it.
    for (css, path) in [("Frontal image", &frontal), ("Other views", &side)] {
        let input = wait_for(c, &format!("input[aria-label=\"{css}\"]")).await?;
        input.send_keys(&path.display().to_string()).await.map_err(err(css))?;
    }
    let add = wait_for(c, "form.add button[type=submit]").await?;
    until("Add to library to be enabled (both files picked)", Duration::from_secs(10), || async {
        Ok(add.is_enabled().await.map_err(err("Add to library"))?.then_some(()))
    })
    .await?;
    add.click().await.map_err(err("click Add to library"))?;
    let chip = until("the element's chip, picked as @Element1", Duration::from_secs(10), || async {
        let v = js(
            c,
            "const e = document.querySelector('section[aria-label=Elements] .chip.on'); return e ? e.innerText : null;",
        )
        .await?;
        Ok(v.as_str().filter(|t| t.contains("@Element1") && t.contains(ELEMENT)).map(String::from))
    })
    .await?;
    eprintln!("e2e craft: element chip {chip:?}");

    for key in [KLING_O3, LTX] {
        tick(c, &format!("input[data-model=\"{key}\"]")).await?;
    }
    retype(c, "#prompt", PROMPT).await?;
    // Kling O3 sends the element; LTX-2.3 (no elements) says why not, on its own line.
    let last = std::sync::Mutex::new(Value::Null);
    let uses = until("the composer to say who sends the element", Duration::from_secs(10), || async {
        let v = js(c, "const e = document.querySelector('[data-testid=element-uses]'); return e ? e.innerText : null;")
            .await?;
        let text = v.as_str().unwrap_or_default();
        let sends = text.lines().any(|l| l.starts_with("Sends the elements") && l.contains("Kling O3"));
        let noted = text.lines().any(|l| l.starts_with("LTX-2.3"));
        *last.lock().expect("last uses") = v.clone();
        Ok((sends && noted).then(|| text.to_string()))
    })
    .await
    .map_err(|e| format!("{e}; it says {}", last.lock().expect("last uses")))?;
    eprintln!("e2e craft: element uses {uses:?}");
    // Kling O3's request preview reads its `elements` field as Kling gets it: one line per element.
    let preview = format!(
        "const e = document.querySelector('[data-receives=\"{KLING_O3}\"] [data-testid=wire-elements] li');
         return e ? e.innerText : null;"
    );
    let wire = until("Kling O3's preview to list the element it receives", Duration::from_secs(10), || async {
        let v = js(c, &preview).await?;
        let readable =
            |t: &&str| t.contains("@Element1") && t.contains(ELEMENT) && t.contains("2 images (frontal.png, ref1.jpg)");
        Ok(v.as_str().filter(readable).map(String::from))
    })
    .await?;
    eprintln!("e2e craft: O3 receives {wire:?}");
    // With Mara attached, `@Element1` is bound: Kling O3's advice no longer says it is not.
    until("Kling O3's advice to count the attached element", Duration::from_secs(10), || async {
        let a = super::advice_of(c, KLING_O3).await?;
        let codes = a["codes"].as_array().cloned().unwrap_or_default();
        Ok((!a.is_null() && !codes.iter().any(|x| x == "element-ref-unbound")).then_some(()))
    })
    .await?;
    super::composer_fits(c, "with the element attached").await?;
    // Only the composer's column scrolls (scrollIntoView would move the window too).
    let show = "const s = document.querySelector('.compose-panel .scroll');
                const e = document.querySelector('section[aria-label=Elements]');
                s.scrollTop += e.getBoundingClientRect().top - s.getBoundingClientRect().top - 240; return true;";
    js(c, show).await?;
    shot(c, artifacts, "e2e-craft-element.png").await?;
    run_when_ready(c).await?;
    let rows = ended(c, "the element run's two clips to succeed", 2).await?;
    let run_id = open_run_id(c).await?;
    let run = ipc::ok(c, "get_run", json!({ "runId": run_id })).await?;
    let clip = |key: &str| {
        let all = run["clips"].as_array().cloned().unwrap_or_default();
        all.into_iter()
            .find(|k| format!("{}@{}", k["model"].as_str().unwrap_or(""), k["route"].as_str().unwrap_or("")) == key)
    };
    let o3 = clip(KLING_O3).ok_or_else(|| format!("no {KLING_O3} clip in {run}"))?;
    let sent = &o3["resolved"]["elements"];
    if o3["endpoint"] != "fal-ai/kling-video/o3/pro/reference-to-video"
        || sent.as_array().map(Vec::len) != Some(1)
        || sent[0]["name"] != ELEMENT
        || sent[0]["reference_images"].as_array().map(Vec::len) != Some(1)
    {
        return Err(format!("the O3 clip should have gone to reference-to-video with {ELEMENT}: {o3}"));
    }
    let front = sent[0]["frontal_image"].as_str().unwrap_or_default();
    let kept = if Path::new(front).is_absolute() { PathBuf::from(front) } else { data.join(front) };
    if !kept.starts_with(data) || !kept.is_file() {
        return Err(format!("the element's frontal image should be kept in the library: {front}"));
    }
    let ltx = clip(LTX).ok_or_else(|| format!("no {LTX} clip in {run}"))?;
    if !ltx["parity"].as_array().is_some_and(|n| n.iter().any(|p| p["param"] == "elements")) {
        return Err(format!("the LTX clip should carry a parity note on elements: {ltx}"));
    }
    let ltx_id = rows.iter().find(|r| r.1 == LTX).map(|r| r.0.clone()).unwrap_or_default();
    Ok((run_id, ltx_id))
}

/// Extends the LTX clip from its tile: the drawer prices it, the extension lands as a new
/// version whose tile says "extension", and the version strip shows the source and the extension.
pub async fn extend_from_the_tile(c: &Client, source: &(String, String), artifacts: &Path) -> Step<()> {
    let (source_run, source_clip) = source;
    let button = wait_for(c, &format!("[data-clip-id=\"{source_clip}\"] [data-testid=extend-clip]")).await?;
    if !button.is_enabled().await.map_err(err("Extend enabled"))? {
        let why = button.attr("title").await.map_err(err("Extend title"))?;
        return Err(format!("Extend is disabled on the LTX-2.3 tile: {why:?}"));
    }
    button.click().await.map_err(err("click Extend"))?;
    retype(c, "#extend-prompt", NEXT).await?;
    let go = wait_for(c, "#extend-run").await?;
    until("#extend-run to be enabled (the extension is priced)", Duration::from_secs(15), || async {
        Ok(go.is_enabled().await.map_err(err("#extend-run enabled"))?.then_some(()))
    })
    .await?;
    let label = go.text().await.map_err(err("#extend-run text"))?;
    if !label.starts_with("Extend for $") {
        return Err(format!("the extend button should carry its price, says {label:?}"));
    }
    go.click().await.map_err(err("click #extend-run"))?;
    let child = until("the extension's run to open", Duration::from_secs(15), || async {
        Ok(open_run_id(c).await.ok().filter(|id| id != source_run))
    })
    .await?;
    let rows = ended(c, "the extension to succeed", 1).await?;
    let tile = js(c, &format!("return document.querySelector('[data-clip-id=\"{}\"]').innerText;", rows[0].0)).await?;
    if rows[0].1 != LTX || !tile.as_str().is_some_and(|t| t.contains("extension")) {
        return Err(format!("the new tile should be an LTX-2.3 extension: {rows:?}, {tile}"));
    }
    let strip = "const s = document.querySelector('[data-testid=iteration-strip]'); if (!s) return null;
                 return [...s.querySelectorAll('.version')].map(v => v.innerText.replace(/\\s+/g, ' ').trim());";
    let versions = until("the version strip with the source and the extension", Duration::from_secs(10), || async {
        let v = js(c, strip).await?;
        let list: Vec<String> =
            v.as_array().into_iter().flatten().filter_map(|x| x.as_str().map(String::from)).collect();
        let ok =
            list.len() == 2 && list[0].starts_with("v1") && list[1].starts_with("v2") && list[1].contains("extension");
        Ok(ok.then_some(list))
    })
    .await?;
    eprintln!("e2e craft: versions {versions:?}");
    let run = ipc::ok(c, "get_run", json!({ "runId": child })).await?;
    let clip: &Value = &run["clips"][0];
    if run["parent_run_id"] != source_run.as_str()
        || clip["remix_of"] != source_clip.as_str()
        || clip["continues"] != "extend"
        || clip["endpoint"] != "fal-ai/ltx-2.3/extend-video"
    {
        return Err(format!("the extension should be a child of {source_run} extending {source_clip}: {run}"));
    }
    shot(c, artifacts, "e2e-craft-extend.png").await?;
    show_panels(c).await?;
    let blocked = csp_violations(c).await?;
    if !blocked.is_empty() {
        return Err(format!("the CSP blocked: {blocked:?}"));
    }
    Ok(())
}
