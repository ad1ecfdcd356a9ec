//! After the comparison: remix the Sora clip from its tile, as a creator iterating would.
//! The drawer prices it, the new run opens with one tile that plays and says it is a remix,
//! and a cancel on a finished clip is refused with the IPC error shape.

use std::time::Duration;

use fantoccini::{Client, Locator};
use serde_json::json;

use crate::ui::{err, js, playing, tiles, until, Step};

const REMIX_PROMPT: &str = "The same paper boat, now in a snowstorm at night";

pub async fn remix_from_the_tile(c: &Client) -> Step<String> {
    let source = js(c, "return document.querySelector('[data-model=\"sora-2-pro\"][data-clip-id]').dataset.clipId;")
        .await?
        .as_str()
        .unwrap_or_default()
        .to_string();
    // By test id: the tile's Recall and Re-run buttons share the `remix` look.
    let button = format!("[data-clip-id=\"{source}\"] [data-testid=remix-clip]");
    c.find(Locator::Css(&button)).await.map_err(err(&button))?.click().await.map_err(err("click Remix"))?;
    let prompt = c
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("#remix-prompt"))
        .await
        .map_err(err("#remix-prompt"))?;
    prompt.clear().await.map_err(err("clear #remix-prompt"))?;
    prompt.send_keys(REMIX_PROMPT).await.map_err(err("type into #remix-prompt"))?;
    let go = c.find(Locator::Css("#remix-run")).await.map_err(err("#remix-run"))?;
    until("#remix-run to be enabled (the remix is priced)", Duration::from_secs(15), || async {
        Ok(go.is_enabled().await.map_err(err("#remix-run enabled"))?.then_some(()))
    })
    .await?;
    let label = go.text().await.map_err(err("#remix-run text"))?;
    if !label.starts_with("Remix for $") {
        return Err(format!("the remix button should carry its price, says {label:?}"));
    }
    go.click().await.map_err(err("click #remix-run"))?;

    let remix = until("the remix run's one tile to succeed", Duration::from_secs(90), || async {
        let now = tiles(c).await?;
        if now.iter().any(|(_, s)| matches!(s.as_str(), "failed" | "canceled" | "unknown")) {
            return Err(format!("the remix ended badly: {now:?}"));
        }
        Ok(match now.as_slice() {
            [(id, status)] if id != &source && status == "succeeded" => Some(id.clone()),
            _ => None,
        })
    })
    .await?;
    playing(c, std::slice::from_ref(&remix)).await?;
    let footer = js(c, &format!("return document.querySelector('[data-clip-id=\"{remix}\"]').innerText;")).await?;
    let footer = footer.as_str().unwrap_or_default();
    if !footer.contains("remix") {
        return Err(format!("the remix tile should say it is a remix: {footer:?}"));
    }
    Ok(remix)
}

/// A finished clip has nothing to cancel: refused as invalid input, with a message.
pub async fn cancel_is_refused_for(c: &Client, clip_id: &str) -> Step<()> {
    let script = "const [id, done] = arguments; \
                  window.__TAURI_INTERNALS__.invoke('cancel_clip', { clipId: id }).then(ok => done({ ok }), error => done({ error }));";
    let out = c.execute_async(script, vec![json!(clip_id)]).await.map_err(err("cancel_clip"))?;
    let e = &out["error"];
    if e["code"] == "invalid_input" && e["message"].as_str().is_some_and(|m| m.contains("nothing to cancel")) {
        Ok(())
    } else {
        Err(format!("cancel_clip of a finished clip should be refused as invalid_input: {out}"))
    }
}
