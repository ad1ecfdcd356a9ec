//! "Your run is done": noticing from the stream of clip snapshots that a run has just ended,
//! and the summary a desktop notification shows (prompt, succeeded/failed, spend with its
//! kind). The app's shell only delivers the text; what "ended" means lives here so the app
//! and any other front end agree.

use std::collections::{HashMap, HashSet};

use crate::api::{ClipStatus, ClipView, CostKind, RunView};
use crate::error::Result;
use crate::Studio;

impl Studio {
    /// Feeds one clip snapshot to `watch`; the run's summary when this was its last clip to
    /// end. Reads the run back only when its end is possible, so it is cheap per update.
    pub async fn ended_run(&self, watch: &mut RunEndWatch, clip: &ClipView) -> Result<Option<RunEndSummary>> {
        let Some(run_id) = watch.observe(clip) else { return Ok(None) };
        Ok(watch.settle(&self.store().run_view(&run_id).await?))
    }

    /// Whether the creator wants a notification when a run ends (`notify`, on by default).
    pub fn notify_enabled(&self) -> bool {
        self.settings().stored(crate::settings::SettingKey::Notify) != Some("off")
    }
}

/// Runs seen working, so an end is reported once, and only for a run this process watched
/// end: a snapshot of an already finished clip (a star, a tag, a note) must not announce
/// anything. The library may be ahead of the snapshots (they are read after the fact), so a
/// run ends when the library says so *and* every clip seen working has been seen ending.
#[derive(Debug, Default)]
pub struct RunEndWatch {
    /// Per run: each clip seen, and whether its last snapshot was terminal.
    working: HashMap<String, HashMap<String, bool>>,
    announced: HashSet<String>,
}

impl RunEndWatch {
    pub fn new() -> RunEndWatch {
        RunEndWatch::default()
    }

    /// Feeds one clip snapshot. Returns the run to look at when this clip's end may have
    /// been its run's last.
    pub fn observe(&mut self, clip: &ClipView) -> Option<String> {
        if self.announced.contains(&clip.run_id) {
            return None;
        }
        let ended = clip.status.is_terminal();
        if !ended {
            self.working.entry(clip.run_id.clone()).or_default().insert(clip.id.clone(), false);
            return None;
        }
        let clips = self.working.get_mut(&clip.run_id)?;
        clips.insert(clip.id.clone(), true);
        clips.values().all(|ended| *ended).then(|| clip.run_id.clone())
    }

    /// The run as stored now: its summary when every clip has ended (reported once), else
    /// `None` while others are still working.
    pub fn settle(&mut self, run: &RunView) -> Option<RunEndSummary> {
        let seen = self.working.get(&run.run_id)?;
        if !seen.values().all(|ended| *ended) || run.clips.iter().any(|c| !c.status.is_terminal()) {
            return None;
        }
        self.working.remove(&run.run_id);
        self.announced.insert(run.run_id.clone());
        Some(RunEndSummary::of(run))
    }
}

/// What a finished run came to.
#[derive(Debug, Clone, PartialEq)]
pub struct RunEndSummary {
    pub run_id: String,
    pub prompt: String,
    pub succeeded: u32,
    /// Failed, plus `unknown` (sent, then lost in a crash: it may have been charged).
    pub failed: u32,
    pub canceled: u32,
    pub billed_usd: f64,
    pub estimated_usd: f64,
    pub demo: bool,
}

/// A notification title shows about this many characters of the prompt.
const PROMPT_CHARS: usize = 60;

impl RunEndSummary {
    pub fn of(run: &RunView) -> RunEndSummary {
        let count = |f: fn(ClipStatus) -> bool| run.clips.iter().filter(|c| f(c.status)).count() as u32;
        let spent = |kind: CostKind| {
            run.clips.iter().filter(|c| c.cost_kind == Some(kind)).filter_map(|c| c.cost_usd).sum::<f64>()
        };
        RunEndSummary {
            run_id: run.run_id.clone(),
            prompt: run.prompt.clone(),
            succeeded: count(|s| s == ClipStatus::Succeeded),
            failed: count(|s| matches!(s, ClipStatus::Failed | ClipStatus::Unknown)),
            canceled: count(|s| s == ClipStatus::Canceled),
            billed_usd: spent(CostKind::Billed),
            estimated_usd: spent(CostKind::Estimated),
            demo: run.demo,
        }
    }

    /// "Run finished: a lighthouse in fog…" (a multi-shot run has no single prompt).
    pub fn title(&self) -> String {
        let prompt = self.prompt.split_whitespace().collect::<Vec<_>>().join(" ");
        if prompt.is_empty() {
            return "Run finished".into();
        }
        let short: String = prompt.chars().take(PROMPT_CHARS).collect();
        let ellipsis = if prompt.chars().count() > PROMPT_CHARS { "…" } else { "" };
        format!("Run finished: {}{ellipsis}", short.trim_end())
    }

    /// "3 succeeded, 1 failed · $1.20 (billed $0.40, est. $0.80)".
    pub fn body(&self) -> String {
        let mut counts = vec![format!("{} succeeded", self.succeeded)];
        if self.failed > 0 {
            counts.push(format!("{} failed", self.failed));
        }
        if self.canceled > 0 {
            counts.push(format!("{} canceled", self.canceled));
        }
        format!("{} · {}", counts.join(", "), self.spend())
    }

    fn spend(&self) -> String {
        if self.demo {
            return "demo: nothing spent".into();
        }
        match (self.billed_usd > 0.0, self.estimated_usd > 0.0) {
            (false, false) => "$0.00 spent".into(),
            (true, false) => format!("${:.2} billed", self.billed_usd),
            (false, true) => format!("${:.2} est.", self.estimated_usd),
            (true, true) => format!(
                "${:.2} (billed ${:.2}, est. ${:.2})",
                self.billed_usd + self.estimated_usd,
                self.billed_usd,
                self.estimated_usd
            ),
        }
    }
}

#[cfg(test)]
mod tests;
