//! `dailies compare` and `dailies remix`: estimate, confirm, run, wait, report.

use std::io::IsTerminal;
use std::process::ExitCode;

use dailies_core::api::{ClipStatus, CompareRequest, RemixRequest, RunPlan};
use dailies_core::catalog::{CanonicalParams, MotionInput};
use dailies_core::{Error, InputError, Studio};

use crate::args::{CompareArgs, OnOff, RemixArgs, SpendArgs, ValueArgs};
use crate::{demo, render};

pub async fn run(studio: &Studio, args: CompareArgs) -> Result<ExitCode, Error> {
    let _sim = if args.spend.demo { Some(demo::attach(studio).await?) } else { None };
    let plan = studio.plan(&request_of(studio, &args).await?)?;
    crate::lint::print_for_plan(studio, &plan);
    execute(studio, &plan, &args.spend).await
}

/// The comparison the flags ask for (shared with `dailies preview`); `--element` names may
/// come from the library.
pub async fn request_of(studio: &Studio, args: &CompareArgs) -> Result<CompareRequest, Error> {
    let mut params = args.values.params(args.prompt.clone());
    params.shots = (!args.shots.is_empty()).then(|| args.shots.clone());
    params.overrides = crate::overrides::merge(&args.overrides);
    params.elements = crate::elements::resolve(studio, &args.elements).await?;
    params.motion = args
        .motion_video
        .as_ref()
        .map(|video| MotionInput { video: video.clone(), orientation: args.motion_orientation.map(Into::into) });
    Ok(args.values.request(params, args.models.clone(), &args.spend))
}

/// `dailies remix`: a planned remix runs exactly like a one-clip comparison.
pub async fn remix(studio: &Studio, args: RemixArgs) -> Result<ExitCode, Error> {
    let _sim = if args.spend.demo { Some(demo::attach(studio).await?) } else { None };
    let plan = studio.plan_remix(&RemixRequest { clip_id: args.clip_id.clone(), prompt: args.prompt.clone() }).await?;
    if let Some(max) = args.spend.max_cost.filter(|max| plan.estimated_cost_usd > max + 1e-9) {
        return Err(InputError::OverBudget { estimate: plan.estimated_cost_usd, max }.into());
    }
    execute(studio, &plan, &args.spend).await
}

/// Estimate, confirm, start, wait, report.
pub(crate) async fn execute(studio: &Studio, plan: &RunPlan, spend: &SpendArgs) -> Result<ExitCode, Error> {
    let SpendArgs { json, yes, .. } = *spend;
    render::estimate(plan);
    studio.keys_for(plan)?;
    if !plan.demo && !yes {
        confirm(plan.estimated_cost_usd)?;
    }
    let handle = studio.start(plan).await?;
    let progress = (!json || std::io::stderr().is_terminal()).then(|| render::follow_progress(studio));
    let view = handle.finish().await?;
    if let Some(p) = progress {
        p.abort();
    }
    render::compare_result(&view, json);
    let all_ok = view.clips.iter().all(|c| c.status == ClipStatus::Succeeded);
    Ok(if all_ok { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Spending money needs a yes: asked on a terminal, `--yes` otherwise.
pub(crate) fn confirm(estimate: f64) -> Result<(), Error> {
    if !std::io::stdin().is_terminal() {
        return Err(InputError::ConfirmationRequired { estimate }.into());
    }
    eprint!("Run for about ${estimate:.2}? [y/N] ");
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer).map_err(|e| Error::io("stdin", e))?;
    if matches!(answer.trim(), "y" | "Y" | "yes") {
        Ok(())
    } else {
        Err(InputError::ConfirmationRequired { estimate }.into())
    }
}

impl ValueArgs {
    /// The canonical values these flags ask for, around `prompt`.
    pub fn params(&self, prompt: String) -> CanonicalParams {
        CanonicalParams {
            prompt,
            negative_prompt: self.negative.clone(),
            duration_s: self.duration,
            aspect: self.aspect.clone(),
            resolution: self.resolution.clone(),
            audio: self.audio.map(|a| matches!(a, OnOff::On)),
            seed: self.seed,
            cfg_scale: self.cfg_scale,
            shots: None,
            start_image: self.start_image.clone(),
            end_image: self.end_image.clone(),
            elements: Vec::new(),
            overrides: Vec::new(),
            motion: None,
        }
    }

    /// A comparison of `params` on `models` with these flags' strictness, crop and takes.
    pub fn request(&self, params: CanonicalParams, models: Vec<String>, spend: &SpendArgs) -> CompareRequest {
        CompareRequest {
            params,
            models,
            strict: self.strict,
            max_cost_usd: spend.max_cost,
            crop: Some(self.crop),
            takes: self.takes,
        }
    }
}
