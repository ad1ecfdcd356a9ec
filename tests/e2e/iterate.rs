//! Issue 8's iteration loop in the real app, from the run header: the run with a failed clip
//! is re-run for its failed clip only, that version is re-run with an edited prompt and the
//! header shows the changed words; later a run goes to the trash and comes back from it.

use std::path::Path;
use std::time::Duration;

use fantoccini::Client;
use serde_json::{json, Value};

use crate::ipc;
use crate::settings::{FIRST, SECOND};
use crate::ui::{click, err, js, retype, shot, tile_text, tiles, until, wait_for, Step};

/// The run on the stage (its history entry is the current one, listed even while hidden).
pub async fn open_run_id(c: &Client) -> Step<String> {
    let v = js(
        c,
        "const e = document.querySelector('[data-run-id][aria-current=true]'); return e ? e.dataset.runId : null;",
    )
    .await?;
    v.as_str().map(String::from).ok_or_else(|| "no run is marked current in the library list".into())
}

/// `model@route → status` of the stage's tiles, once every tile has ended.
async fn ended(c: &Client, what: &str, count: usize) -> Step<Vec<(String, String, String)>> {
    until(what, Duration::from_secs(45), || async {
        let rows = js(
            c,
            "return [...document.querySelectorAll('[data-clip-id]')].map(t => [t.dataset.clipId, t.dataset.model + '@' + t.dataset.route, t.dataset.status]);",
        )
        .await?;
        let rows: Vec<(String, String, String)> = rows
            .as_array()
            .into_iter()
            .flatten()
            .map(|r| {
                let s = |i: usize| r[i].as_str().unwrap_or_default().to_string();
                (s(0), s(1), s(2))
            })
            .collect();
        let done = |s: &str| matches!(s, "succeeded" | "failed" | "canceled" | "unknown");
        Ok((rows.len() == count && rows.iter().all(|r| done(&r.2))).then_some(rows))
    })
    .await
}

/// The Café run ends with the first model delivered and the second failed (the emulator's
/// fault), said on the tile; returns the run's id.
pub async fn run_with_a_failure(c: &Client, artifacts: &Path) -> Step<String> {
    let rows = ended(c, "the Café run's two clips to end", 2).await?;
    let status = |model: &str| rows.iter().find(|r| r.1 == model).map(|r| r.2.clone()).unwrap_or_default();
    if status(FIRST) != "succeeded" || status(SECOND) != "failed" {
        return Err(format!("expected {FIRST} delivered and {SECOND} failed: {rows:?}"));
    }
    let failed = rows.iter().find(|r| r.1 == SECOND).map(|r| r.0.clone()).unwrap_or_default();
    let why = tile_text(c, &failed, "[data-testid=error-message]").await?;
    if !why.contains("fal") || !why.contains("failed") {
        return Err(format!("the failed tile should say fal's generation failed: {why:?}"));
    }
    shot(c, artifacts, "e2e-library-failed.png").await?;
    open_run_id(c).await
}

/// "Re-run failed (1)" makes a new version with only the failed model, which delivers.
pub async fn rerun_failed_only(c: &Client, parent: &str, artifacts: &Path) -> Step<String> {
    let button = wait_for(c, "[data-testid=rerun-failed]").await?;
    let label = button.text().await.map_err(err("rerun-failed text"))?;
    if label.trim() != "Re-run failed (1)" {
        return Err(format!("the button should count one failed clip: {label:?}"));
    }
    button.click().await.map_err(err("click rerun-failed"))?;
    let child = until("the re-run to open", Duration::from_secs(15), || async {
        let id = open_run_id(c).await.ok().filter(|id| id != parent);
        Ok(id)
    })
    .await?;
    let rows = ended(c, "the re-run's one clip to end", 1).await?;
    if rows[0].1 != SECOND || rows[0].2 != "succeeded" {
        return Err(format!("the re-run should hold only {SECOND}, delivered: {rows:?}"));
    }
    let run = ipc::ok(c, "get_run", json!({ "runId": child })).await?;
    if run["parent_run_id"] != parent {
        return Err(format!("the re-run's parent should be {parent}: {}", run["parent_run_id"]));
    }
    shot(c, artifacts, "e2e-library-rerun-failed.png").await?;
    Ok(child)
}

/// "Edit & re-run" with one word changed: the new version's header marks the word taken
/// out and the word put in. Returns the new run's id once its clip has ended.
pub async fn edited_prompt_diff(c: &Client, parent: &str, edited: &str, artifacts: &Path) -> Step<String> {
    click(c, "[data-testid=rerun-edit]").await?;
    retype(c, "#rerun-prompt", edited).await?;
    click(c, "[data-testid=rerun-edit-go]").await?;
    let child = until("the edited re-run to open", Duration::from_secs(15), || async {
        Ok(open_run_id(c).await.ok().filter(|id| id != parent))
    })
    .await?;
    let script = "const d = document.querySelector('[data-testid=prompt-diff]'); if (!d) return null;
                  const words = css => [...d.querySelectorAll(css)].map(e => e.innerText.trim()).filter(Boolean);
                  return { ins: words('ins'), del: words('del') };";
    let diff = until("the prompt diff", Duration::from_secs(15), || async {
        let v = js(c, script).await?;
        Ok((!v.is_null()).then_some(v))
    })
    .await?;
    let has = |side: &str, word: &str| diff[side].as_array().is_some_and(|a| a.iter().any(|w| w == word));
    if !has("ins", "Evening") || !has("del", "Morning") || diff["ins"].as_array().map(Vec::len) != Some(1) {
        return Err(format!("the diff should put in 'Evening' for 'Morning' and nothing else: {diff}"));
    }
    ended(c, "the edited re-run's clip to end", 1).await?;
    shot(c, artifacts, "e2e-library-diff.png").await?;
    Ok(child)
}

fn media_file(data: &Path, dir: &str, clip: &Value) -> std::path::PathBuf {
    data.join(dir).join(clip["media_path"].as_str().unwrap_or("?"))
}

/// The open run goes to the trash from its header (files moved, gone from the library) and
/// comes back from the Trash drawer (files back, listed again).
pub async fn trash_and_restore(c: &Client, data: &Path, artifacts: &Path) -> Step<()> {
    let run_id = open_run_id(c).await?;
    let run = ipc::ok(c, "get_run", json!({ "runId": run_id })).await?;
    let clip = run["clips"].as_array().and_then(|a| a.iter().find(|k| k["media_path"].is_string())).cloned();
    let clip = clip.ok_or_else(|| format!("run {run_id} has no delivered clip: {run}"))?;
    click(c, "button[aria-label=\"Move this run to the trash\"]").await?;
    let listed = format!("return !!document.querySelector('[data-run-id=\"{run_id}\"]');");
    until("the run to leave the stage and the library", Duration::from_secs(10), || async {
        Ok((tiles(c).await?.is_empty() && js(c, &listed).await? == json!(false)).then_some(()))
    })
    .await?;
    if media_file(data, "media", &clip).exists() || !media_file(data, "trash", &clip).exists() {
        return Err(format!("the trashed clip's file should have moved to trash/: {}", clip["media_path"]));
    }
    click(c, "[data-testid=open-trash]").await?;
    let restore = format!("[data-trash-id=\"{run_id}\"] button");
    wait_for(c, &restore).await?;
    shot(c, artifacts, "e2e-library-trash.png").await?;
    click(c, &restore).await?;
    wait_for(c, ".trash .done[role=status]").await?;
    click(c, "[role=dialog] .close").await?;
    until("the restored run back in the library", Duration::from_secs(10), || async {
        Ok((js(c, &listed).await? == json!(true)).then_some(()))
    })
    .await?;
    if !media_file(data, "media", &clip).exists() {
        return Err(format!("the restored clip's file is not back in media/: {}", clip["media_path"]));
    }
    click(c, &format!("[data-run-id=\"{run_id}\"]")).await?;
    until("the restored run on the stage", Duration::from_secs(10), || async {
        Ok(tiles(c).await?.iter().any(|(_, s)| s == "succeeded").then_some(()))
    })
    .await?;
    shot(c, artifacts, "e2e-library-restored.png").await
}
