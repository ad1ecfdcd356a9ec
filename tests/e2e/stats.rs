//! The Stats view after the blind votes: the charts are drawn (uPlot canvases), the
//! leaderboard lists both voted models with their vote counts and 95 % intervals, marked
//! preliminary (six votes), and the criterion picker re-ranks on one criterion.

use std::time::Duration;

use fantoccini::{Client, Locator};
use serde_json::json;

use crate::ui::{err, js, until, Step};

/// Saves `e2e-stats.png` in `artifacts` with the charts and the leaderboard on screen.
pub async fn charts_and_leaderboard(c: &Client, artifacts: &std::path::Path) -> Step<()> {
    c.find(Locator::XPath("//button[normalize-space()='Stats']"))
        .await
        .map_err(err("Stats button"))?
        .click()
        .await
        .map_err(err("click Stats"))?;
    let charts = "return ['chart-spend', 'chart-success', 'chart-latency'].map(id => !!document.querySelector(`[data-testid=${id}] canvas`));";
    until("the Stats charts to draw", Duration::from_secs(20), || async {
        Ok((js(c, charts).await? == json!([true, true, true])).then_some(()))
    })
    .await?;
    let rows = "return [...document.querySelectorAll('[data-leader]')].map(r => [r.classList.contains('preliminary'), !!r.querySelector('[data-testid=interval]'), r.innerText]);";
    let board = until("the leaderboard", Duration::from_secs(10), || async {
        let v = js(c, rows).await?;
        Ok(v.as_array().is_some_and(|a| a.len() >= 2).then_some(v))
    })
    .await?;
    // Six votes: enough for an interval, too few to leave "preliminary".
    if board.as_array().is_none_or(|a| a.iter().any(|r| r[0] != json!(true) || r[1] != json!(true))) {
        return Err(format!("after six votes every row should be preliminary, with its interval: {board}"));
    }
    let pick = "const s = document.querySelector('[data-testid=leaderboard-criterion]'); s.value = 'overall'; s.dispatchEvent(new Event('change', { bubbles: true })); return s.value;";
    js(c, pick).await?;
    until("the leaderboard on one criterion, with intervals", Duration::from_secs(10), || async {
        let v = js(c, rows).await?;
        Ok(v.as_array().is_some_and(|a| a.len() >= 2 && a.iter().all(|r| r[1] == json!(true))).then_some(()))
    })
    .await?;
    if let Ok(png) = c.screenshot().await {
        let _ = std::fs::write(artifacts.join("e2e-stats.png"), png);
    }
    js(c, "document.querySelector('.drawer .close').click(); return true;").await?;
    Ok(())
}
