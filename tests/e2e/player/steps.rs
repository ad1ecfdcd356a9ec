//! Pause, then frame steps mixed the way a reviewer makes them (arrow keys, Shift+arrows for a
//! second, transport buttons, fast repeats that coalesce), each checked once the clock says it
//! is done: the clock stands on the frame the steps add up to, and every tile's *picture*
//! shows that frame (read from the frame-number blocks, not from `currentTime`).

use std::time::Duration;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::Value;

use super::sample;
use crate::ui::{err, js, until, Step};

#[derive(Clone, Copy, Debug)]
enum Press {
    /// ← / → `times` times in one burst (later presses queue behind the seek in flight).
    Arrow { forward: bool, times: usize },
    /// Shift+← / →: one second of the leader's frames.
    Second { forward: bool },
    /// The transport's ⇤ / ⇥ buttons, `times` clicks.
    Button { forward: bool, times: usize },
}

const PRESSES: [Press; 10] = [
    Press::Arrow { forward: true, times: 1 },
    Press::Button { forward: true, times: 1 },
    Press::Arrow { forward: false, times: 1 },
    Press::Second { forward: true },
    Press::Arrow { forward: true, times: 5 },
    Press::Button { forward: false, times: 3 },
    Press::Second { forward: false },
    Press::Arrow { forward: false, times: 2 },
    Press::Button { forward: true, times: 2 },
    Press::Arrow { forward: true, times: 1 },
];

/// Each tile's frame index as its picture shows it: the 8 blocks along the top (block `k`
/// `videoWidth / 16` px square, white when bit `k` is set), read through a canvas.
const READ_FRAMES: &str = "
  return [...document.querySelectorAll('main video[data-clip-video]')].map(v => {
    const b = Math.max(2, Math.floor(v.videoWidth / 16)) & ~1;
    const c = document.createElement('canvas'); c.width = 8 * b; c.height = b;
    const g = c.getContext('2d', { willReadFrequently: true });
    g.drawImage(v, 0, 0, 8 * b, b, 0, 0, 8 * b, b);
    let f = 0;
    for (let k = 0; k < 8; k++) if (g.getImageData(k * b + (b >> 1), b >> 1, 1, 1).data[0] > 128) f |= 1 << k;
    return [v.dataset.clipVideo, f, v.currentTime, v.seeking, v.ended, v.paused, v.readyState];
  });";

pub async fn mixed_steps_land_on_the_displayed_frame(c: &Client) -> Step<()> {
    let play = c.find(Locator::Css("[data-testid=play-all]")).await.map_err(err("play-all"))?;
    play.click().await.map_err(err("pause with play-all"))?;
    let mut clock = settled(c, "the pause").await?;
    let fps = clock["fps"].as_f64().unwrap_or(24.0);
    let last = ((clock["duration"].as_f64().unwrap_or(0.0) * fps - 1e-6).ceil() as i64 - 1).max(0);
    let mut expected = clock["frame"].as_i64().unwrap_or(-1);
    check_pictures(c, expected, "the pause").await?;
    // Keys go to the window, not to the prompt box that had the focus.
    js(c, "document.activeElement && document.activeElement.blur(); return true;").await?;
    for (i, press) in PRESSES.iter().enumerate() {
        let delta = apply(c, *press, fps).await?;
        expected = (expected + delta).clamp(0, last);
        let what = format!("step {} ({press:?})", i + 1);
        clock = settled(c, &what).await?;
        if clock["frame"].as_i64() != Some(expected) {
            return Err(format!(
                "after {what} the clock is at frame {} but the steps add up to {expected}",
                clock["frame"]
            ));
        }
        check_pictures(c, expected, &what).await?;
    }
    eprintln!("e2e player: {} mixed steps, every tile showed the clock's frame (last {expected})", PRESSES.len());
    Ok(())
}

/// Performs `press`; returns the frames it asks for.
async fn apply(c: &Client, press: Press, fps: f64) -> Step<i64> {
    let arrow = |forward: bool| char::from(if forward { Key::Right } else { Key::Left });
    match press {
        Press::Arrow { forward, times } => {
            let mut keys = KeyActions::new("keyboard".into());
            for _ in 0..times {
                keys =
                    keys.then(KeyAction::Down { value: arrow(forward) }).then(KeyAction::Up { value: arrow(forward) });
            }
            c.perform_actions(keys).await.map_err(err("arrow keys"))?;
            Ok(if forward { times as i64 } else { -(times as i64) })
        }
        Press::Second { forward } => {
            let shift = char::from(Key::Shift);
            let keys = KeyActions::new("keyboard".into())
                .then(KeyAction::Down { value: shift })
                .then(KeyAction::Down { value: arrow(forward) })
                .then(KeyAction::Up { value: arrow(forward) })
                .then(KeyAction::Up { value: shift });
            c.perform_actions(keys).await.map_err(err("Shift+arrow"))?;
            let second = fps.round() as i64;
            Ok(if forward { second } else { -second })
        }
        Press::Button { forward, times } => {
            let label = if forward { "Forward one frame" } else { "Back one frame" };
            let css = format!("button[aria-label=\"{label}\"]");
            let button = c.find(Locator::Css(&css)).await.map_err(err(&css))?;
            for _ in 0..times {
                button.click().await.map_err(err(&css))?;
            }
            Ok(if forward { times as i64 } else { -(times as i64) })
        }
    }
}

/// Waits until the clock is paused and settled (every seek landed and painted); its snapshot.
async fn settled(c: &Client, after: &str) -> Step<Value> {
    until(&format!("the player to settle after {after}"), Duration::from_secs(10), || async {
        let s = sample(c).await?;
        Ok((s["p"]["state"] == "paused" && s["p"]["settled"] == true).then(|| s["p"].clone()))
    })
    .await
}

/// Every tile's picture shows frame `expected` (mod 256, what 8 blocks hold).
async fn check_pictures(c: &Client, expected: i64, after: &str) -> Step<()> {
    // One animation frame, so what the clock counted as painted is what a canvas reads.
    js(c, "return new Promise(r => requestAnimationFrame(() => r(true)));").await.ok();
    let frames = js(c, READ_FRAMES).await?;
    let rows = frames.as_array().cloned().unwrap_or_default();
    if rows.len() != 4 {
        return Err(format!("after {after}: expected four tiles' pictures, read {frames}"));
    }
    let wrong: Vec<&Value> = rows.iter().filter(|r| r[1].as_i64() != Some(expected % 256)).collect();
    if !wrong.is_empty() {
        let clock = sample(c).await?;
        return Err(format!(
            "after {after}: the clock is at frame {expected} but tiles show \
             [id, frame, currentTime, seeking, ended, paused, readyState] {wrong:?}; clock {}; clips {}",
            clock["p"], clock["v"]
        ));
    }
    Ok(())
}
