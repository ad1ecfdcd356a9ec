//! The shell's commands through the real IPC bridge (the UI's `invoke`), after the run:
//! settings, history, media, keys (the real keychain under the `dailies-e2e` service),
//! image import over raw IPC, price overrides and
//! the error shape. Keeps the command contract honest beyond what one UI flow touches.

use std::path::Path;

use fantoccini::Client;
use serde_json::{json, Value};

use crate::ui::{err, Step};

/// Runs `invoke(cmd, args)` in the webview; `Err` carries the rejected value (an `IpcError`).
pub async fn invoke(c: &Client, cmd: &str, args: Value) -> Step<Result<Value, Value>> {
    let script = "const [cmd, args, done] = arguments; \
                  window.__TAURI_INTERNALS__.invoke(cmd, args).then(ok => done({ ok }), error => done({ error }));";
    let out = c.execute_async(script, vec![json!(cmd), args]).await.map_err(err(cmd))?;
    Ok(match out.get("error") {
        Some(e) => Err(e.clone()),
        None => Ok(out["ok"].clone()),
    })
}

pub async fn ok(c: &Client, cmd: &str, args: Value) -> Step<Value> {
    invoke(c, cmd, args).await?.map_err(|e| format!("{cmd} failed: {e}"))
}

fn check(cond: bool, what: impl FnOnce() -> String) -> Step<()> {
    if cond {
        Ok(())
    } else {
        Err(what())
    }
}

fn source(statuses: &Value, route: &str) -> String {
    let list = statuses.as_array().cloned().unwrap_or_default();
    let row = list.iter().find(|s| s["route"] == route);
    row.map(|s| s["source"].as_str().unwrap_or_default().to_string()).unwrap_or_default()
}

pub async fn commands(c: &Client, data_dir: &Path) -> Step<()> {
    let settings = ok(c, "get_settings", json!({})).await?;
    check(settings["demo"] == true, || format!("get_settings: demo should be on: {settings}"))?;
    let dir = data_dir.display().to_string();
    check(settings["data_dir"] == dir.as_str(), || format!("get_settings: data_dir should be {dir}: {settings}"))?;

    let media = ok(c, "media_info", json!({})).await?;
    let base = media["base_url"].as_str().unwrap_or_default();
    check(base.starts_with("http://127.0.0.1:"), || format!("media_info: {media}"))?;

    let runs = ok(c, "list_runs", json!({})).await?;
    let run_id = runs[0]["run_id"].as_str().unwrap_or_default().to_string();
    check(runs.as_array().map(Vec::len) == Some(1), || format!("list_runs should hold the one run: {runs}"))?;
    let run = ok(c, "get_run", json!({ "runId": run_id })).await?;
    let clips = run["clips"].as_array().cloned().unwrap_or_default();
    check(clips.len() == 2 && clips.iter().all(|k| k["status"] == "succeeded"), || format!("get_run: {run}"))?;

    let missing = invoke(c, "get_run", json!({ "runId": "no-such-run" })).await?;
    let code_ok = matches!(&missing, Err(e) if e["code"] == "not_found" && e["message"].is_string());
    check(code_ok, || format!("get_run of an unknown id should fail with code not_found: {missing:?}"))?;

    let models = ok(c, "list_models", json!({})).await?;
    check(models.as_array().is_some_and(|m| m.len() > 2), || "list_models returned too few models".into())?;

    // Keys: write-only. The env var, if CI has one, outranks the keychain; then skip the check.
    let before = source(&ok(c, "key_status", json!({})).await?, "luma");
    if before != "environment" {
        let set = ok(c, "set_key", json!({ "route": "luma", "key": "e2e-not-a-real-key" })).await?;
        check(source(&set, "luma") == "keychain", || format!("set_key: luma should be in the keychain: {set}"))?;
        check(!set.to_string().contains("e2e-not-a-real-key"), || "set_key echoed the key back".into())?;
        let removed = ok(c, "remove_key", json!({ "route": "luma" })).await?;
        check(source(&removed, "luma") == "missing", || format!("remove_key: luma should be missing: {removed}"))?;
    }

    let off = ok(c, "set_demo", json!({ "demo": false })).await?;
    check(off["demo"] == false, || format!("set_demo(false): {off}"))?;
    let saved = std::fs::read_to_string(data_dir.join("settings.json")).unwrap_or_default();
    check(saved.contains("false"), || format!("settings.json should record demo off: {saved:?}"))?;
    let on = ok(c, "set_demo", json!({ "demo": true })).await?;
    check(on["demo"] == true, || format!("set_demo(true): {on}"))?;
    images_and_prices(c, data_dir).await
}

/// `import_image` over raw IPC (bytes as the body, the name percent-encoded in a header)
/// and a price override set and cleared through the commands the UI uses.
async fn images_and_prices(c: &Client, data_dir: &Path) -> Step<()> {
    // A real PNG drawn by the webview itself, sent the way `ipc/backend.ts` sends it.
    let script = "const [done] = arguments; const canvas = document.createElement('canvas'); \
                  canvas.width = 64; canvas.height = 36; \
                  const send = (bytes, name) => window.__TAURI_INTERNALS__.invoke('import_image', bytes, \
                    { headers: { 'x-file-name': encodeURIComponent(name) } }); \
                  canvas.toBlob(blob => blob.arrayBuffer() \
                    .then(buf => send(new Uint8Array(buf), 'e2e shot é.png')) \
                    .then(ok => send(new TextEncoder().encode('not an image'), 'notes.png') \
                      .then(() => done({ ok, refused: null }), refused => done({ ok, refused }))) \
                    .catch(error => done({ error })), 'image/png');";
    let out = c.execute_async(script, vec![]).await.map_err(err("import_image"))?;
    check(out.get("error").is_none(), || format!("import_image failed: {out}"))?;
    let image = &out["ok"];
    check(image["format"] == "png" && image["width"] == 64 && image["height"] == 36, || {
        format!("import_image: {image}")
    })?;
    let path = image["path"].as_str().unwrap_or_default();
    let inputs = data_dir.join("inputs").display().to_string();
    // The name is decoded before the core makes it file-safe: `é` became one `_`, not `_C3_A9`.
    check(path.starts_with(&inputs) && path.ends_with("-e2e_shot__.png"), || format!("import_image path: {path}"))?;
    check(Path::new(path).is_file(), || format!("import_image: {path} is not in the library"))?;
    let refused = &out["refused"];
    check(refused["code"] == "invalid_input", || format!("import_image of text should be refused: {refused}"))?;

    let price = json!({ "rules": [{ "usd_per_second": 0.2 }], "source": "custom", "as_of": "2026-11-21" });
    let args = json!({ "model": "kling-3.0-pro", "route": "fal", "price": price });
    let kling = |models: &Value| {
        let all = models.as_array().cloned().unwrap_or_default();
        let model = all.into_iter().find(|m| m["id"] == "kling-3.0-pro").unwrap_or_default();
        model["routes"].as_array().into_iter().flatten().find(|r| r["route"] == "fal").cloned().unwrap_or_default()
    };
    let set = kling(&ok(c, "set_price_override", args).await?);
    check(set["price_overridden"] == true && set["usd_per_second"] == 0.2, || format!("set_price_override: {set}"))?;
    let listed = kling(&ok(c, "list_models", json!({})).await?);
    check(listed["price_overridden"] == true, || format!("list_models after an override: {listed}"))?;
    let cleared = kling(&ok(c, "clear_price_override", json!({ "model": "kling-3.0-pro", "route": "fal" })).await?);
    check(cleared["price_overridden"] == false, || format!("clear_price_override: {cleared}"))
}
