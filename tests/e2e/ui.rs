//! Small WebDriver helpers over the UI's test contract (ids, data attributes, `__dailies`).

use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, Locator};
use serde_json::Value;

pub type Step<T> = Result<T, String>;

pub fn err(context: &str) -> impl Fn(fantoccini::error::CmdError) -> String + '_ {
    // WebKitWebDriver often sends an empty message: then the error's kind is the only clue.
    move |e| {
        let said = e.to_string();
        if said.trim_end().ends_with(':') {
            format!("{context}: {e:?}")
        } else {
            format!("{context}: {said}")
        }
    }
}

/// Runs a script and returns its value.
pub async fn js(c: &Client, script: &str) -> Step<Value> {
    c.execute(script, vec![]).await.map_err(err("execute script"))
}

/// Ticks a checkbox; falls back to a DOM click when the input is visually hidden.
pub async fn tick(c: &Client, css: &str) -> Step<()> {
    let el = c.wait().at_most(Duration::from_secs(30)).for_element(Locator::Css(css)).await.map_err(err(css))?;
    enabled(&el, css).await?;
    if el.prop("checked").await.map_err(err(css))?.as_deref() == Some("true") {
        return Ok(());
    }
    if el.click().await.is_err() {
        let script = format!("document.querySelector({}).click(); return true;", Value::from(css));
        js(c, &script).await?;
    }
    match el.prop("checked").await.map_err(err(css))?.as_deref() {
        Some("true") => Ok(()),
        other => Err(format!("{css} is still unchecked after clicking (checked = {other:?})")),
    }
}

/// Waits until a control is enabled: one that shows state still loading (the demo switch
/// before the settings are read) is disabled, and its `checked` is not the truth yet.
async fn enabled(el: &Element, css: &str) -> Step<()> {
    until(&format!("{css} to be enabled"), Duration::from_secs(30), || async {
        Ok(el.is_enabled().await.map_err(err(css))?.then_some(()))
    })
    .await
}

/// Unticks a checkbox (the mirror of [`tick`]).
pub async fn untick(c: &Client, css: &str) -> Step<()> {
    let el = wait_for(c, css).await?;
    enabled(&el, css).await?;
    if el.prop("checked").await.map_err(err(css))?.as_deref() != Some("true") {
        return Ok(());
    }
    if el.click().await.is_err() {
        let script = format!("document.querySelector({}).click(); return true;", Value::from(css));
        js(c, &script).await?;
    }
    match el.prop("checked").await.map_err(err(css))?.as_deref() {
        Some("true") => Err(format!("{css} is still checked after clicking")),
        _ => Ok(()),
    }
}

/// The element `css` once it is in the page (10 s at most).
pub async fn wait_for(c: &Client, css: &str) -> Step<Element> {
    c.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css(css)).await.map_err(err(css))
}

/// Clicks `css` as a pointer would, once it is in the page.
pub async fn click(c: &Client, css: &str) -> Step<()> {
    wait_for(c, css).await?.click().await.map_err(err(css))
}

/// Clicks `css` once nothing covers it: a composer whose preview is still growing can move
/// the target under the footer between WebDriver's scroll and its click. If something keeps
/// covering it, the error names what (the e2e found a hidden file input over "+ Add shot").
pub async fn click_when_clear(c: &Client, css: &str) -> Step<()> {
    let el = wait_for(c, css).await?;
    let clicked = until(&format!("{css} to be clickable"), Duration::from_secs(5), || async {
        match el.click().await {
            Ok(()) => Ok(Some(())),
            Err(fantoccini::error::CmdError::Standard(e))
                if e.error == fantoccini::error::ErrorStatus::ElementClickIntercepted =>
            {
                Ok(None)
            }
            Err(e) => Err(err(css)(e)),
        }
    })
    .await;
    if clicked.is_err() {
        let probe = format!(
            "const b = document.querySelector({}).getBoundingClientRect();
             const e = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
             return e ? e.outerHTML.slice(0, 200) : null;",
            Value::from(css)
        );
        let above = js(c, &probe).await.unwrap_or_default();
        return clicked.map_err(|e| format!("{e}; on top of it: {above}"));
    }
    clicked
}

/// Brings the library and the form back when a run on stage has hidden them.
pub async fn show_panels(c: &Client) -> Step<()> {
    if js(c, "return !!document.querySelector('.app.focused');").await? == Value::Bool(true) {
        click(c, "[data-testid=toggle-panels]").await?;
    }
    Ok(())
}

/// Replaces what `css` holds by typing: select all, delete, then `text` key by key, so the
/// page sees the input events a creator's typing makes.
pub async fn retype(c: &Client, css: &str, text: &str) -> Step<Element> {
    let el = wait_for(c, css).await?;
    // Ctrl+A, release the modifier (NULL key), Backspace.
    el.send_keys("\u{E009}a\u{E000}\u{E003}").await.map_err(err(css))?;
    if !text.is_empty() {
        el.send_keys(text).await.map_err(err(css))?;
    }
    Ok(el)
}

/// Saves a screenshot as `artifacts/name` once the last layout change is painted.
pub async fn shot(c: &Client, artifacts: &std::path::Path, name: &str) -> Step<()> {
    js(c, "return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))));").await.ok();
    let png = c.screenshot().await.map_err(err(name))?;
    std::fs::write(artifacts.join(name), png).map_err(|e| format!("write {name}: {e}"))
}

/// Polls `probe` every 250 ms until it yields `Some`, or fails after `limit`.
pub async fn until<T, F, Fut>(what: &str, limit: Duration, mut probe: F) -> Step<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Step<Option<T>>>,
{
    let deadline = Instant::now() + limit;
    loop {
        if let Some(v) = probe().await? {
            return Ok(v);
        }
        if Instant::now() > deadline {
            return Err(format!("timed out after {limit:?} waiting for {what}"));
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// `[(clip id, status)]` of every tile on the stage.
pub async fn tiles(c: &Client) -> Step<Vec<(String, String)>> {
    let v = js(
        c,
        "return [...document.querySelectorAll('[data-clip-id]')].map(e => [e.dataset.clipId, e.dataset.status]);",
    )
    .await?;
    let rows = v.as_array().cloned().unwrap_or_default();
    Ok(rows
        .iter()
        .map(|r| (r[0].as_str().unwrap_or_default().to_string(), r[1].as_str().unwrap_or_default().to_string()))
        .collect())
}

/// `window.__dailies.videos()` as `clip id → currentTime`, with readyState and paused.
pub async fn videos(c: &Client) -> Step<Vec<(String, f64, u64, bool)>> {
    let v = js(c, "return window.__dailies ? window.__dailies.videos() : null;").await?;
    let Some(list) = v.as_array() else {
        return Err("window.__dailies.videos() is not available".into());
    };
    Ok(list
        .iter()
        .map(|x| {
            let id = x["clipId"].as_str().unwrap_or_default().to_string();
            (id, x["currentTime"].as_f64().unwrap_or(-1.0), x["readyState"].as_u64().unwrap_or(0), x["paused"] == true)
        })
        .collect())
}

/// The trimmed text of `css` inside the tile of `clip_id`.
pub async fn tile_text(c: &Client, clip_id: &str, css: &str) -> Step<String> {
    let sel = format!("[data-clip-id=\"{clip_id}\"] {css}");
    let el = c.find(Locator::Css(&sel)).await.map_err(err(&sel))?;
    Ok(el.text().await.map_err(err(&sel))?.trim().to_string())
}

/// Starts recording Content-Security-Policy violations (the CSP must not block the app).
pub async fn watch_csp(c: &Client) -> Step<()> {
    let script = "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', \
                  e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI)); return true;";
    js(c, script).await.map(|_| ())
}

/// Violations recorded since [`watch_csp`].
pub async fn csp_violations(c: &Client) -> Step<Vec<String>> {
    let v = js(c, "return window.__cspViolations || [];").await?;
    Ok(v.as_array().into_iter().flatten().filter_map(|x| x.as_str().map(String::from)).collect())
}

/// Both clips' `<video>` elements are loaded and their playheads move. The clips loop (and
/// a shorter clip holds on its last frame until the group loops), so two bare samples can
/// straddle a wrap: instead sum the forward steps of samples 250 ms apart over 3 s windows
/// (ignoring backward jumps and capping forward ones, so a seek is not mistaken for playback).
pub async fn playing(c: &Client, clip_ids: &[String]) -> Step<()> {
    until("both videos to have data (readyState >= 2)", Duration::from_secs(20), || async {
        let v = videos(c).await?;
        Ok(clip_ids.iter().all(|id| v.iter().any(|(vid, _, ready, _)| vid == id && *ready >= 2)).then_some(()))
    })
    .await?;
    let time = |list: &[(String, f64, u64, bool)], id: &str| list.iter().find(|v| v.0 == id).map(|v| v.1);
    let mut moved = vec![0.0_f64; clip_ids.len()];
    for _window in 0..3 {
        moved.iter_mut().for_each(|m| *m = 0.0);
        let mut prev = videos(c).await?;
        for _ in 0..12 {
            tokio::time::sleep(Duration::from_millis(250)).await;
            let now = videos(c).await?;
            for (i, id) in clip_ids.iter().enumerate() {
                if let (Some(a), Some(b)) = (time(&prev, id), time(&now, id)) {
                    // Playback, not seeking: a step counts for at most 0.6 s (steps are 0.25 s).
                    moved[i] += (b - a).clamp(0.0, 0.6);
                }
            }
            prev = now;
        }
        if moved.iter().all(|m| *m >= 1.0) {
            eprintln!("e2e: playheads moved {moved:.2?} s in 3 s (clips {clip_ids:?})");
            return Ok(());
        }
    }
    Err(format!("the videos are not playing: playheads moved only {moved:.2?} s in 3 s (clips {clip_ids:?})"))
}
