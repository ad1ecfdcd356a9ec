//! Re-running a past run: every model again, only the clips that did not deliver, chosen
//! models, and/or an edited prompt. The new run is planned like any comparison (same
//! parameters, same checks, priced anew) and records the old one as its parent.

use super::Studio;
use crate::api::{ClipStatus, ClipView, CompareRequest, RerunRequest, RunPlan};
use crate::error::{Error, InputError, Result};

impl Studio {
    /// Validates and prices a re-run; nothing is sent.
    pub async fn plan_rerun(&self, req: &RerunRequest) -> Result<RunPlan> {
        let parent_id = match self.store().find_run_id(req.run_id.trim()).await {
            Err(Error::NotFound { .. }) => return Err(unknown_run(&req.run_id)),
            other => other?,
        };
        if self.store().run_in_trash(&parent_id).await? {
            return Err(unknown_run(&req.run_id));
        }
        let parent = self.store().run_view(&parent_id).await?;
        if parent.clips.iter().any(|c| c.remix_of.is_some()) {
            return Err(rejected("run", "a remix cannot be re-run as a comparison; remix its source clip again"));
        }
        let chosen = chosen_clips(&parent.clips, req, &parent_id)?;
        // One entry per model+route, in the run's order, asking as many takes as were chosen.
        let mut labels: Vec<(String, u32)> = Vec::new();
        for clip in chosen {
            let label = format!("{}@{}", clip.model, clip.route);
            match labels.iter_mut().find(|(l, _)| *l == label) {
                Some((_, n)) => *n += 1,
                None => labels.push((label, 1)),
            }
        }
        let mut params = parent.params.clone();
        if let Some(prompt) = &req.prompt {
            params.prompt = prompt.trim().to_string();
            // The shots were written for the old prompt; a new prompt replaces them.
            params.shots = None;
        }
        // Overrides of models this re-run leaves out would name no model of it.
        params.overrides.retain(|o| {
            let named = o.model.trim();
            labels.iter().any(|(l, _)| {
                let id = l.split_once('@').map_or(l.as_str(), |(id, _)| id);
                named.eq_ignore_ascii_case(l) || named.eq_ignore_ascii_case(id)
            })
        });
        let request = CompareRequest {
            params,
            models: labels.iter().map(|(l, _)| l.clone()).collect(),
            strict: false,
            max_cost_usd: req.max_cost_usd,
            // The parent ran with these images, so any crop it needed is repeated.
            crop: Some(true),
            takes: None,
        };
        let mut plan = self.plan_takes(&request, |label| {
            labels.iter().find(|(l, _)| l == label).map_or(1, |(_, n)| (*n).min(crate::api::MAX_TAKES))
        })?;
        plan.parent_run_id = Some(parent_id);
        Ok(plan)
    }
}

/// The parent's clips the request picks, or why none can be.
fn chosen_clips<'a>(clips: &'a [ClipView], req: &RerunRequest, run_id: &str) -> Result<Vec<&'a ClipView>> {
    let labels: Vec<String> = clips.iter().map(|c| format!("{}@{}", c.model, c.route)).collect();
    for spec in &req.models {
        let spec = spec.trim();
        if !clips.iter().zip(&labels).any(|(c, l)| c.model == spec || l == spec) {
            let mut allowed = labels.clone();
            allowed.dedup();
            return Err(InputError::InvalidValue { field: "model".into(), value: spec.into(), allowed }.into());
        }
    }
    let picked: Vec<&ClipView> = clips
        .iter()
        .zip(&labels)
        .filter(|(c, l)| req.models.is_empty() || req.models.iter().any(|m| m.trim() == c.model || m.trim() == *l))
        .filter(|(c, _)| !req.failed_only || did_not_deliver(c.status))
        .map(|(c, _)| c)
        .collect();
    if picked.is_empty() {
        let short = &run_id[run_id.len().saturating_sub(8)..];
        let message = if req.failed_only {
            format!("nothing to re-run; no clip of run {short} failed or was canceled")
        } else {
            format!("run {short} has no clip to re-run")
        };
        return Err(rejected(if req.failed_only { "failed" } else { "run" }, &message));
    }
    Ok(picked)
}

fn did_not_deliver(status: ClipStatus) -> bool {
    matches!(status, ClipStatus::Failed | ClipStatus::Canceled | ClipStatus::Unknown)
}

fn unknown_run(id: &str) -> Error {
    rejected("run", &format!("no run '{}' in this library (see `dailies runs`)", id.trim()))
}

fn rejected(field: &str, message: &str) -> Error {
    InputError::Iteration { field: field.into(), message: message.into() }.into()
}
