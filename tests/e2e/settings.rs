//! Issue 10 in the real app: the Settings panel refuses a bad value naming the field, saves a
//! route's concurrency and a run budget (shown again after the page reloads, and the core's
//! `list_settings` agrees); then two fal models at `concurrency.fal = 1` run: one tile waits in
//! line while the other is made, both with their ETA. Screenshots `artifacts/e2e-settings-*.png`.

use std::path::Path;
use std::time::Duration;

use dailies_sim::{Fault, FaultKind, FaultOp, SimHandle};
use fantoccini::Client;
use serde_json::{json, Value};

use crate::ipc;
use crate::ui::{click, err, js, retype, shot, show_panels, tick, untick, until, wait_for, Step};

/// What the form saves, in the stored form the core answers with.
const SAVED: [(&str, &str); 2] = [("concurrency.fal", "1"), ("budget.run_usd", "2.5")];
/// Two fal models: with one fal job at a time the second waits in line.
pub const FIRST: &str = "kling-3.0-pro@fal";
pub const SECOND: &str = "hailuo-02-standard@fal";
/// The second model's fal endpoint: the emulator fails its next job (see `library.rs`).
const SECOND_ENDPOINT: &str = "minimax/hailuo-02/standard";

async fn open_settings(c: &Client) -> Step<()> {
    click(c, "[data-testid=open-settings]").await?;
    wait_for(c, "[role=dialog][aria-label=Settings]").await.map(|_| ())
}

async fn close_drawer(c: &Client) -> Step<()> {
    click(c, "[role=dialog] .close").await?;
    until("the drawer to close", Duration::from_secs(5), || async {
        Ok((js(c, "return !document.querySelector('[role=dialog]');").await? == json!(true)).then_some(()))
    })
    .await
}

async fn field_value(c: &Client, key: &str) -> Step<String> {
    let v = js(c, &format!("return document.querySelector('input[data-setting=\"{key}\"]').value;")).await?;
    Ok(v.as_str().unwrap_or_default().to_string())
}

/// The core's entry for `key` (`list_settings`): `(value, source)`.
async fn stored(c: &Client, key: &str) -> Step<(String, String)> {
    let all = ipc::ok(c, "list_settings", json!({})).await?;
    let entry = all.as_array().into_iter().flatten().find(|e| e["key"] == key).cloned().unwrap_or(Value::Null);
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    Ok((text(&entry["value"]), text(&entry["source"])))
}

/// Types `value` into the setting's field and presses Enter (U+E007; the field saves on commit).
async fn enter(c: &Client, key: &str, value: &str) -> Step<()> {
    let field = retype(c, &format!("input[data-setting=\"{key}\"]"), value).await?;
    field.send_keys("\u{E007}").await.map_err(err(key))
}

pub async fn save_limits(c: &Client, artifacts: &Path) -> Step<()> {
    open_settings(c).await?;
    // A bad value is refused under its field, in words naming the setting and what it takes.
    enter(c, "concurrency.fal", "zero").await?;
    let refusal = until("a refusal under concurrency.fal", Duration::from_secs(5), || async {
        let v =
            js(c, "const e = document.getElementById('setting-concurrency-fal-error'); return e ? e.innerText : null;")
                .await?;
        Ok(v.as_str().map(String::from))
    })
    .await?;
    if !(refusal.contains("concurrency.fal") && refusal.contains("integer")) {
        return Err(format!("the refusal should name concurrency.fal and what it takes: {refusal:?}"));
    }
    for (key, value) in SAVED {
        enter(c, key, value).await?;
        until(&format!("{key} = {value} in the core's settings"), Duration::from_secs(5), || async {
            let (now, source) = stored(c, key).await?;
            Ok((now == value && source == "set").then_some(()))
        })
        .await?;
    }
    let refused = js(c, "return document.getElementById('setting-concurrency-fal-error') != null;").await?;
    if refused == json!(true) {
        return Err("the refusal under concurrency.fal stayed after a good value was saved".into());
    }
    shot(c, artifacts, "e2e-settings-form.png").await?;
    close_drawer(c).await?;

    // The page forgets everything on reload: what the form shows now comes from the store.
    c.refresh().await.map_err(err("reload the page"))?;
    wait_for(c, "#prompt").await?;
    open_settings(c).await?;
    for (key, value) in SAVED {
        let shown = until(&format!("the {key} field to load"), Duration::from_secs(10), || async {
            let v = field_value(c, key).await?;
            Ok((!v.is_empty()).then_some(v))
        })
        .await?;
        if shown != value {
            return Err(format!("re-opened, the {key} field shows {shown:?}, saved was {value:?}"));
        }
    }
    shot(c, artifacts, "e2e-settings-reopened.png").await?;
    close_drawer(c).await
}

/// One tile as the stage shows it: `[id, status, model, send-line text, eta text]`.
async fn tile_rows(c: &Client) -> Step<Vec<Value>> {
    let v = js(
        c,
        "const text = (t, css) => { const e = t.querySelector(css); return e ? e.innerText.trim() : null; };
         return [...document.querySelectorAll('[data-clip-id]')].map(t => [t.dataset.clipId, t.dataset.status,
           t.dataset.model + '@' + t.dataset.route, text(t, '[data-testid=send-line]'), text(t, '[data-testid=eta]')]);",
    )
    .await?;
    Ok(v.as_array().cloned().unwrap_or_default())
}

/// Starts the Café run (demo off: the fal route is the test's own emulator) with the
/// second model's job set to fail, and checks the waiting tile and both ETAs.
pub async fn waiting_tile_and_etas(c: &Client, sim: &SimHandle, prompt: &str, artifacts: &Path) -> Step<()> {
    show_panels(c).await?;
    untick(c, "#demo-toggle").await?;
    until("demo mode off", Duration::from_secs(10), || async {
        Ok((ipc::ok(c, "get_settings", json!({})).await?["demo"] == json!(false)).then_some(()))
    })
    .await?;
    let typed = retype(c, "#prompt", prompt).await?;
    let value = typed.prop("value").await.map_err(err("#prompt value"))?.unwrap_or_default();
    if value != prompt {
        return Err(format!("#prompt holds {value:?} after typing {prompt:?}"));
    }
    untick(c, "input[data-model=\"sora-2-pro@openai\"]").await?;
    for model in [FIRST, SECOND] {
        tick(c, &format!("input[data-model=\"{model}\"]")).await?;
    }
    // The emulator's way to make a job fail, as fal reports a failed generation.
    let failure =
        FaultKind::FailCompleted { error_type: "generation_timeout".into(), message: "Generation timed out".into() };
    sim.inject(Fault {
        endpoint_contains: Some(SECOND_ENDPOINT.into()),
        ..Fault::once("fal", FaultOp::Submit, failure)
    });
    let run = wait_for(c, "#run").await?;
    until("#run to be enabled", Duration::from_secs(15), || async {
        Ok(run.is_enabled().await.map_err(err("#run enabled"))?.then_some(()))
    })
    .await?;
    run.click().await.map_err(err("click #run"))?;

    let rows = until("one tile waiting in line while the other is made", Duration::from_secs(20), || async {
        let rows = tile_rows(c).await?;
        // "#1" once the other has been sent: the line may read "#2" for a moment while both
        // are still pending and the other takes the slot.
        let waiting = rows.iter().any(|r| r[1] == "pending" && r[3] == "#1 in line" && r[4].is_string());
        let made = rows.iter().any(|r| matches!(r[1].as_str(), Some("queued" | "generating")) && r[4].is_string());
        Ok((rows.len() == 2 && waiting && made).then_some(rows))
    })
    .await?;
    shot(c, artifacts, "e2e-settings-waiting.png").await?;
    eprintln!("e2e settings: tiles while one waits: {rows:?}");
    for row in &rows {
        let (status, line, eta) = (row[1].as_str().unwrap_or(""), row[3].as_str(), row[4].as_str().unwrap_or(""));
        // The library has no finished fal clip outside demo yet: the catalog's time, said so.
        if !eta.contains("p90") || !eta.ends_with("· from catalog") {
            return Err(format!("{status} tile's ETA should give p90 and say it is from the catalog: {eta:?}"));
        }
        // The first made is sent first (first come, first sent); the checks hold either way.
        if status == "pending" {
            if line != Some("#1 in line") || !eta.contains("once sent") {
                return Err(format!("the waiting tile should be #1 in line with its ETA once sent: {row}"));
            }
        } else if !(eta.contains("left") || eta.starts_with("due now")) {
            return Err(format!("the tile being made should count down: {row}"));
        }
    }
    Ok(())
}

/// At the emulator the limit held: the second fal job was submitted only after the first ended.
pub fn one_at_a_time(sim: &SimHandle) -> Step<()> {
    let submits: Vec<u64> = sim.stats().log.iter().filter(|r| r.op == "fal.submit").map(|r| r.at_unix_ms).collect();
    let first_end = sim.job_ends().iter().map(|e| e.ended_unix_ms).min();
    match (submits.as_slice(), first_end) {
        ([_, second], Some(end)) if *second >= end => Ok(()),
        _ => Err(format!(
            "with concurrency.fal = 1 the second submit must follow the first end: {submits:?}, {first_end:?}"
        )),
    }
}
