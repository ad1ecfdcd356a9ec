//! Blind A/B on the finished comparison: the pair plays with nothing that names it, the vote
//! reveals who made each side, and the leaderboard has the winner on top.

use std::time::Duration;

use fantoccini::{Client, Locator};
use serde_json::json;

use crate::ui::{err, js, until, Step};

/// Saves `e2e-blind.png` in `artifacts` once the vote has revealed both sides.
pub async fn blind_vote(c: &Client, artifacts: &std::path::Path) -> Step<()> {
    c.find(Locator::Css("[data-testid=blind-ab]"))
        .await
        .map_err(err("Blind A/B"))?
        .click()
        .await
        .map_err(err("click Blind A/B"))?;
    let identity = "return [...document.querySelectorAll('[data-testid^=identity-]')].map(e => e.innerText.trim());";
    let hidden = js(c, identity).await?;
    if hidden != json!(["Clip A", "Clip B"]) {
        return Err(format!("before the vote the sides must be anonymous, they say {hidden}"));
    }
    until("both blind videos to play", Duration::from_secs(20), || async {
        let v = js(c, "return [...document.querySelectorAll('[data-blind-side] video')].map(v => v.readyState >= 2 && v.currentTime > 0);").await?;
        Ok((v == json!([true, true])).then_some(()))
    })
    .await?;
    c.find(Locator::Css("[data-testid=vote-left]"))
        .await
        .map_err(err("vote A"))?
        .click()
        .await
        .map_err(err("click vote A"))?;
    let shown = until("the vote to reveal both sides", Duration::from_secs(10), || async {
        let v = js(c, identity).await?;
        let revealed = v.as_array().is_some_and(|a| a.iter().all(|s| s.as_str().is_some_and(|s| s.contains(" via "))));
        Ok(revealed.then_some(v))
    })
    .await?;
    if let Ok(png) = c.screenshot().await {
        let _ = std::fs::write(artifacts.join("e2e-blind.png"), png);
    }
    if !shown[0].as_str().unwrap_or_default().contains("your pick") {
        return Err(format!("side A was picked and should say so: {shown}"));
    }
    let rows = c
        .execute_async(
            "const [done] = arguments; window.__TAURI_INTERNALS__.invoke('leaderboard', { criterion: null }).then(done, e => done({ error: e }));",
            vec![],
        )
        .await
        .map_err(err("leaderboard"))?;
    // Bradley–Terry with the 1000 anchor's prior: one win over an equal rates 1131.
    if rows[0]["rating"].as_f64() != Some(1131.0) || rows[0]["wins"].as_u64() != Some(1) {
        return Err(format!("the leaderboard should put the pick first at 1131: {rows}"));
    }
    more_votes_by_key(c).await?;
    c.find(Locator::Css("[data-testid=arena-done]"))
        .await
        .map_err(err("Done"))?
        .click()
        .await
        .map_err(err("click Done"))?;
    Ok(())
}

/// Five more votes on the same pair, the keyboard way (N: next pair, A / T / B: the verdict),
/// so each model has the votes the leaderboard needs to show a 95 % interval.
async fn more_votes_by_key(c: &Client) -> Step<()> {
    let body = c.find(Locator::Css("body")).await.map_err(err("body"))?;
    let said = "return document.querySelector('.arena header .faint')?.innerText ?? '';";
    for (k, verdict) in ["a", "t", "b", "a", "b"].into_iter().enumerate() {
        body.send_keys("n").await.map_err(err("key N"))?;
        until("the next pair, anonymous again", Duration::from_secs(10), || async {
            let v = js(
                c,
                "return [...document.querySelectorAll('[data-testid^=identity-]')].map(e => e.innerText.trim());",
            )
            .await?;
            Ok((v == json!(["Clip A", "Clip B"])).then_some(()))
        })
        .await?;
        body.send_keys(verdict).await.map_err(err("verdict key"))?;
        let want = format!("{} votes on this run", k + 2);
        until(&format!("'{want}'"), Duration::from_secs(10), || async {
            Ok(js(c, said).await?.as_str().is_some_and(|s| s.contains(&want)).then_some(()))
        })
        .await?;
    }
    Ok(())
}
