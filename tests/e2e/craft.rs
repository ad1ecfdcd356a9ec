//! Issue 11 in the real app (demo mode, driven as a creator would): prompt advice appears as
//! the prompt is typed and leaves when it is shortened; the composer's "what each model
//! receives" shows a two-shot list as Kling's `multi_prompt` and as Sora-style prose; an element
//! made from two image files is attached, named `@Element1` in the prompt and sent to Kling O3;
//! a finished LTX-2.3 clip is extended from its tile and the version strip shows both.
//! IPC is only read, to confirm what the UI did. Screenshots `artifacts/e2e-craft-*.png`.

mod continuity;

use std::path::Path;
use std::time::Duration;

use fantoccini::Client;
use serde_json::{json, Value};

use crate::driver::Driver;
use crate::ipc;
use crate::ui::{click_when_clear, js, retype, shot, tick, until, wait_for, watch_csp, Step};

const KLING: &str = "kling-3.0-pro@fal";
const SORA: &str = "sora-2-pro@openai";
/// ~100 words: past Kling's ~120-token adherence limit (the core counts words × 1.3).
const LONG_PROMPT: &str =
    "A weathered lighthouse keeper in a yellow oilskin coat climbs the spiral iron stairs at dusk, \
    a brass lantern swinging in one hand and a chipped enamel mug in the other, while storm clouds roll in from \
    the grey Atlantic and rain streaks the salt-crusted windows; the camera follows him slowly from below in one \
    unbroken handheld take, catching the flicker of the lamp on the curved whitewashed walls, his breath misting \
    in the cold air, the old clockwork mechanism ticking beside him, gulls wheeling past outside, and at the top \
    he pauses, sets the mug down on the brass rail, and looks out across the churning sea toward a small fishing \
    boat fighting the swell";
const SHORT_PROMPT: &str = "A lighthouse keeper climbs the spiral stairs at dusk, slow dolly up";
const SHOTS: [(&str, &str); 2] =
    [("Wide shot of the lighthouse in the storm", "4"), ("Close-up of the keeper lighting the lamp", "6")];

#[tokio::test(flavor = "multi_thread")]
async fn prompt_advice_shots_elements_and_extend() {
    let Some(crate::Preflight { app, artifacts }) = crate::preflight("e2e craft") else { return };
    let _ = std::fs::remove_file(artifacts.join("e2e-craft-failure.png"));
    let images = tempfile::tempdir().expect("temp dir for the element's images");
    let data = tempfile::tempdir().expect("temp data dir");
    let driver = Driver::start(data.path());
    let client = driver.connect(&app).await;

    let outcome = session(&client, data.path(), images.path(), &artifacts).await;
    if outcome.is_err() {
        let _ = shot(&client, &artifacts, "e2e-craft-failure.png").await;
    }
    let _ = client.close().await;
    drop(driver);
    if let Err(e) = outcome {
        panic!("e2e craft failed: {e} (screenshot: artifacts/e2e-craft-failure.png)");
    }
}

async fn session(c: &Client, data: &Path, images: &Path, artifacts: &Path) -> Step<()> {
    wait_for(c, "#prompt").await?;
    watch_csp(c).await?;
    tick(c, "#demo-toggle").await?;
    lint_as_you_type(c, artifacts).await.map_err(|e| format!("prompt advice: {e}"))?;
    preview_of_shots(c, artifacts).await.map_err(|e| format!("what each model receives: {e}"))?;
    let source = continuity::element_run(c, data, images, artifacts).await.map_err(|e| format!("element: {e}"))?;
    continuity::extend_from_the_tile(c, &source, artifacts).await.map_err(|e| format!("extend: {e}"))
}

/// The composer's column fits its width: nothing pushes it into a sideways scroll (the e2e once
/// saw the advice and the estimate cut at the right edge). Names the widest offenders if not.
pub async fn composer_fits(c: &Client, step: &str) -> Step<()> {
    // The leaves that reach past the column's content box (clipped ones cannot push it).
    let script = "const s = document.querySelector('.compose-panel .scroll'); if (!s) return null;
                  const right = s.getBoundingClientRect().left + s.clientLeft + s.clientWidth;
                  const clipped = e => { for (let p = e.parentElement; p && p !== s; p = p.parentElement)
                    if (getComputedStyle(p).overflowX !== 'visible') return true; return false; };
                  const out = e => e.getBoundingClientRect().right > right + 1 && !clipped(e);
                  const wide = [...s.querySelectorAll('*')].filter(e => out(e) && ![...e.children].some(out))
                    .map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : '')
                      + ' ' + Math.round(e.getBoundingClientRect().width) + 'px: ' + (e.innerText || e.value || '').slice(0, 60));
                  return { scroll: s.scrollWidth, client: s.clientWidth, wide: wide.slice(0, 6) };";
    let v = js(c, script).await?;
    match (v["scroll"].as_u64(), v["client"].as_u64()) {
        (Some(scroll), Some(client)) if scroll <= client => Ok(()),
        _ => Err(format!("{step}: the composer is wider than its column: {v}; the cause: {}", widest(c).await?)),
    }
}

/// The chain of elements down to the one that, hidden, lets the composer fit (each is hidden
/// for one measurement and shown again; only run once the check has failed).
async fn widest(c: &Client) -> Step<Value> {
    js(
        c,
        "const s = document.querySelector('.compose-panel .scroll'); const found = [];
         const fits = () => s.scrollWidth <= s.clientWidth;
         for (let node = s, depth = 0; node && depth < 12; depth++) {
           const culprit = [...node.children].find(ch => { const d = ch.style.display; ch.style.display = 'none';
             const ok = fits(); ch.style.display = d; return ok; });
           if (culprit) found.push(culprit.outerHTML.slice(0, 120));
           node = culprit;
         }
         return found;",
    )
    .await
}

/// The advice under the picker for one model: its token count and its warnings' codes.
pub async fn advice_of(c: &Client, key: &str) -> Step<Value> {
    let script = format!(
        "const li = document.querySelector('[data-advice=\"{key}\"]'); if (!li) return null;
         const count = li.querySelector('[data-testid=token-count]');
         return {{ count: count.innerText.trim(), over: count.classList.contains('over'),
                   codes: [...li.querySelectorAll('.warning')].map(w => w.dataset.code),
                   text: [...li.querySelectorAll('.warning')].map(w => w.innerText.trim()) }};"
    );
    js(c, &script).await
}

/// Typing a long prompt with Kling ticked brings Kling's token warning (its count against 120)
/// with nothing run; shortening the prompt takes the warning away.
async fn lint_as_you_type(c: &Client, artifacts: &Path) -> Step<()> {
    tick(c, &format!("input[data-model=\"{KLING}\"]")).await?;
    let tokens = (LONG_PROMPT.split_whitespace().count() as f64 * 1.3).ceil() as u64;
    if tokens <= 120 {
        return Err(format!("the long prompt must be past 120 tokens, it is ~{tokens}"));
    }
    retype(c, "#prompt", LONG_PROMPT).await?;
    let advice = until("Kling's adherence warning", Duration::from_secs(10), || async {
        let a = advice_of(c, KLING).await?;
        Ok(a["codes"].as_array().is_some_and(|v| v.iter().any(|x| x == "kling-adherence-tokens")).then_some(a))
    })
    .await?;
    let count = advice["count"].as_str().unwrap_or_default();
    if !count.contains(&format!("~{tokens} tokens")) || !count.contains("/ 120") || advice["over"] != true {
        return Err(format!("the count should read ~{tokens} tokens / 120, marked over: {advice}"));
    }
    if !advice["text"].to_string().contains(&format!("~{tokens} tokens")) {
        return Err(format!("the warning should give the count: {advice}"));
    }
    let runs = ipc::ok(c, "list_runs", json!({})).await?;
    if runs.as_array().is_some_and(|r| !r.is_empty()) {
        return Err(format!("advice must come without a run: {runs}"));
    }
    composer_fits(c, "with the long prompt's advice").await?;
    shot(c, artifacts, "e2e-craft-lint.png").await?;
    retype(c, "#prompt", SHORT_PROMPT).await?;
    until("the adherence warning to go once the prompt is short", Duration::from_secs(10), || async {
        let a = advice_of(c, KLING).await?;
        let gone = a["codes"].as_array().is_some_and(|v| !v.iter().any(|x| x == "kling-adherence-tokens"));
        Ok((gone && a["over"] == false).then_some(()))
    })
    .await
}

/// "+ Add shot" until shot `n` is there. The preview above it grows as it answers, and a click
/// WebKitWebDriver aimed before that lands on whatever moved under it: so check, then retry.
async fn add_shot(c: &Client, n: usize) -> Step<()> {
    let there = format!("return !!document.querySelector('input[aria-label=\"Shot {n} prompt\"]');");
    until(&format!("shot {n} to be added"), Duration::from_secs(10), || async {
        if js(c, &there).await? == json!(true) {
            return Ok(Some(()));
        }
        click_when_clear(c, "section.shots button.add").await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        Ok(None)
    })
    .await
}

/// What the preview shows for one model: its shot list (`[seconds, text]`) and prompt text.
async fn receives(c: &Client, key: &str) -> Step<Value> {
    let script = format!(
        "const a = document.querySelector('[data-receives=\"{key}\"]'); if (!a) return null;
         const list = a.querySelector('ol.shots');
         return {{ field: list ? list.dataset.field : null,
                   shots: list ? [...list.querySelectorAll('li')].map(l => l.innerText.trim()) : [],
                   prompt: [...a.querySelectorAll('p.prompt')].map(p => p.innerText).join('\\n') }};"
    );
    js(c, &script).await
}

/// Two shots (text + seconds) with Kling and Sora ticked: Kling receives them as its own
/// `multi_prompt` list, Sora as "Shot 1 (4 s): …" prose.
async fn preview_of_shots(c: &Client, artifacts: &Path) -> Step<()> {
    tick(c, &format!("input[data-model=\"{SORA}\"]")).await?;
    wait_for(c, &format!("[data-receives=\"{SORA}\"]")).await?;
    for (i, (text, seconds)) in SHOTS.iter().enumerate() {
        add_shot(c, i + 1).await?;
        retype(c, &format!("input[aria-label=\"Shot {} prompt\"]", i + 1), text).await?;
        retype(c, &format!("input[aria-label=\"Shot {} seconds\"]", i + 1), seconds).await?;
    }
    let want_kling: Vec<String> = SHOTS.iter().map(|(t, s)| format!("{s} s {t}")).collect();
    let prose: Vec<String> =
        SHOTS.iter().enumerate().map(|(i, (t, s))| format!("Shot {} ({s} s): {t}", i + 1)).collect();
    let last = std::sync::Mutex::new(Value::Null);
    let seen = until("Kling's multi_prompt and Sora's prose in the preview", Duration::from_secs(10), || async {
        let (kling, sora) = (receives(c, KLING).await?, receives(c, SORA).await?);
        let shots_ok = kling["field"] == "multi_prompt" && kling["shots"] == json!(want_kling);
        let sora_text = sora["prompt"].as_str().unwrap_or_default();
        let prose_ok = sora["field"].is_null() && prose.iter().all(|p| sora_text.contains(p.as_str()));
        *last.lock().expect("last preview") = json!({ "kling": kling, "sora": sora });
        Ok((shots_ok && prose_ok).then_some(()))
    })
    .await;
    seen.map_err(|e| format!("{e}; the preview showed {}", last.lock().expect("last preview")))?;
    composer_fits(c, "with the shots' preview").await?;
    shot(c, artifacts, "e2e-craft-preview.png").await?;
    // Back to a single-shot prompt and no model for the next run.
    for i in (1..=SHOTS.len()).rev() {
        let remove = format!("button[aria-label=\"Remove shot {i}\"]");
        click_when_clear(c, &remove).await?;
        let gone = format!("return !document.querySelector({});", Value::from(remove.as_str()));
        until("the shot to go", Duration::from_secs(5), || async {
            Ok((js(c, &gone).await? == json!(true)).then_some(()))
        })
        .await?;
    }
    for key in [KLING, SORA] {
        crate::ui::untick(c, &format!("input[data-model=\"{key}\"]")).await?;
    }
    Ok(())
}
