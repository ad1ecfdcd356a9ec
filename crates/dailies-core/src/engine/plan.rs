//! From a creator's request to a priced, validated plan, and from a plan to running jobs.
//! Everything that can be wrong with the input is found here, before any network request.

use crate::api::{CompareRequest, ModelInfo, PlannedClip, RouteInfo, RunPlan, ShotTemplateInfo};
use crate::catalog::{
    estimate_usd, image_support, request_for, usd_per_second, ResolvedParams, ShotForm, CANONICAL_ASPECTS,
    CANONICAL_RESOLUTIONS, MAX_SHOTS,
};
use crate::error::{InputError, Result};
use crate::secrets::Secret;
use crate::store::NewClip;

use super::{RunHandle, Studio};

impl Studio {
    /// Validates and prices a comparison. No I/O beyond key lookups.
    pub fn plan(&self, req: &CompareRequest) -> Result<RunPlan> {
        let takes = super::takes::checked(req.takes)?;
        self.plan_takes(req, |_| takes)
    }

    /// [`Studio::plan`] with the number of takes of each `model@route` chosen by the caller
    /// (a re-run of failed clips asks each model for as many as failed).
    pub(super) fn plan_takes(&self, req: &CompareRequest, takes_of: impl Fn(&str) -> u32) -> Result<RunPlan> {
        let p = &req.params;
        if p.prompt.trim().is_empty() {
            return Err(InputError::EmptyPrompt.into());
        }
        if req.models.is_empty() {
            return Err(InputError::NoModels.into());
        }
        if let Some(a) = &p.aspect {
            if !CANONICAL_ASPECTS.contains(&a.as_str()) {
                return Err(invalid("aspect", a, CANONICAL_ASPECTS));
            }
        }
        if let Some(r) = &p.resolution {
            if !CANONICAL_RESOLUTIONS.iter().any(|c| c.eq_ignore_ascii_case(r)) {
                return Err(invalid("resolution", r, CANONICAL_RESOLUTIONS));
            }
        }
        if let Some(d) = p.duration_s {
            if !self.catalog().any_allows_duration(d) {
                let (min, max) = self.catalog().duration_bounds();
                return Err(InputError::DurationNobodyAllows { asked: d, min, max }.into());
            }
        }
        check_shots(p)?;
        let catalog = self.catalog();
        super::overrides::check(&catalog, p, &req.models)?;
        self.check_image_files(req)?;
        self.check_elements(req)?;
        let reference_s = self.check_motion(req)?;
        let demo = self.demo().is_some();
        let mut clips: Vec<PlannedClip> = Vec::new();
        for spec in &req.models {
            let has_key = |route| demo || matches!(self.keys().get(route), Ok(Some(_)));
            let (model, entry) = catalog.select(spec, has_key)?;
            if clips.iter().any(|c| c.model == model.id && c.route == entry.route) {
                continue;
            }
            let label = format!("{}@{}", model.id, entry.route);
            let (asked, overridden) = super::overrides::apply(p, &model.id, entry.route.as_str());
            let (mut resolved, mut parity) = catalog.resolve(model, entry, &asked, req.strict)?;
            resolved.overridden = overridden;
            self.plan_images(&label, entry, &mut resolved, &mut parity, req)?;
            self.plan_elements(&label, entry, &mut resolved, &mut parity, req)?;
            self.plan_motion(&label, entry, &mut resolved, &mut parity, req, reference_s)?;
            let wire = request_for(entry, &resolved).map_err(crate::error::Error::Catalog)?;
            // Elements and motion control have their own prices on some routes (Kling 3.0 on fal).
            let price = entry.price_for(&resolved);
            let estimated_cost_usd = estimate_usd(price, &resolved).unwrap_or(0.0);
            let planned = PlannedClip {
                model: model.id.clone(),
                model_name: model.name.clone(),
                route: entry.route,
                endpoint: wire.endpoint,
                usd_per_second: usd_per_second(price, &resolved).unwrap_or(0.0),
                resolved,
                parity,
                estimated_cost_usd,
                lifecycle: entry.lifecycle.clone(),
                remix_of: None,
                continues: None,
                take: 1,
            };
            clips.extend(super::takes::expand(planned, takes_of(&label), asked.seed, entry.params.seed));
        }
        let estimated_cost_usd = (clips.iter().map(|c| c.estimated_cost_usd).sum::<f64>() * 1000.0).round() / 1000.0;
        if let Some(max) = req.max_cost_usd {
            if estimated_cost_usd > max + 1e-9 {
                return Err(InputError::OverBudget { estimate: estimated_cost_usd, max }.into());
            }
        }
        Ok(RunPlan { params: p.clone(), clips, estimated_cost_usd, demo, parent_run_id: None })
    }

    /// The key for every clip of the plan, or the first missing one as an input error.
    pub fn keys_for(&self, plan: &RunPlan) -> Result<Vec<Secret>> {
        let mut keyed = Vec::new();
        for c in &plan.clips {
            let key = self
                .key_for(c.route, plan.demo)?
                .ok_or_else(|| InputError::NoKey { route: c.route, env_var: c.route.key_env_vars().join(" + ") })?;
            keyed.push(key);
        }
        Ok(keyed)
    }

    /// Persists the run with every clip, then starts one task per clip.
    pub async fn start(&self, plan: &RunPlan) -> Result<RunHandle> {
        // Budgets first: a refusal must come before anything is persisted or sent.
        self.check_budgets(plan).await?;
        // Keys are checked for every clip before the first one is sent.
        let keyed = {
            let plan = plan.clone();
            self.off_runtime(move |studio| studio.keys_for(&plan)).await?
        };
        let run_id = uuid::Uuid::now_v7().simple().to_string();
        let mut new_clips = Vec::new();
        let catalog = self.catalog();
        for c in &plan.clips {
            let wire = match &c.remix_of {
                Some(source) => self.continue_request(c, source).await?,
                None => {
                    let (_, entry) = catalog.select(&format!("{}@{}", c.model, c.route), |_| true)?;
                    request_for(entry, &c.resolved).map_err(crate::error::Error::Catalog)?
                }
            };
            new_clips.push(NewClip {
                id: uuid::Uuid::now_v7().simple().to_string(),
                base_url: self.base_url(c.route),
                request_json: serde_json::to_string(&wire).expect("wire requests serialise"),
                planned: c,
            });
        }
        self.store().insert_run(&run_id, plan, &new_clips).await?;
        let mut tasks = Vec::new();
        for (clip, key) in new_clips.iter().zip(keyed) {
            self.publish(&clip.id).await;
            tasks.push(self.spawn_clip(clip.id.clone(), key, true));
        }
        let view = self.store().run_view(&run_id).await?;
        Ok(RunHandle { view, tasks, studio: self.clone() })
    }
}

fn shot_template_info(template: Option<&crate::catalog::ShotTemplate>) -> ShotTemplateInfo {
    let Some(t) = template else {
        return ShotTemplateInfo {
            code: String::new(),
            structured: false,
            shot: String::new(),
            joiner: String::new(),
            source: String::new(),
        };
    };
    let (structured, shot, joiner) = match &t.form {
        ShotForm::Structured => (true, String::new(), String::new()),
        ShotForm::Prose { shot, joiner } => (false, shot.clone(), joiner.clone()),
    };
    ShotTemplateInfo { code: t.code.clone(), structured, shot, joiner, source: t.source.clone() }
}

/// A shot list has at most [`MAX_SHOTS`] shots, each with text and at least one second.
fn check_shots(p: &crate::catalog::CanonicalParams) -> Result<()> {
    let Some(shots) = &p.shots else { return Ok(()) };
    let refuse =
        |message: String| -> Result<()> { Err(InputError::Iteration { field: "shots".into(), message }.into()) };
    if shots.len() > MAX_SHOTS {
        return refuse(format!("{} shots; at most {MAX_SHOTS} (Kling's limit, the only structured form)", shots.len()));
    }
    if let Some(i) = shots.iter().position(|s| s.prompt.trim().is_empty()) {
        return refuse(format!("shot {} has no text", i + 1));
    }
    if let Some(i) = shots.iter().position(|s| s.duration_s == 0) {
        return refuse(format!("shot {} lasts 0 s; each shot needs at least 1 s", i + 1));
    }
    Ok(())
}

fn invalid(field: &str, value: &str, allowed: &[&str]) -> crate::error::Error {
    InputError::InvalidValue {
        field: field.to_string(),
        value: value.to_string(),
        allowed: allowed.iter().map(|s| s.to_string()).collect(),
    }
    .into()
}

pub(super) fn model_infos(studio: &Studio) -> Vec<ModelInfo> {
    let demo = studio.demo().is_some();
    let catalog = studio.catalog();
    catalog
        .models()
        .iter()
        .map(|m| ModelInfo {
            id: m.id.clone(),
            name: m.name.clone(),
            family: m.family.clone(),
            vendor: m.vendor.clone(),
            summary: m.summary.clone(),
            routes: m
                .routes
                .iter()
                .map(|r| {
                    let p = &r.params;
                    let defaults = ResolvedParams::defaults(p);
                    let charge = crate::providers::adapter(r.route).charge_report();
                    RouteInfo {
                        route: r.route,
                        endpoint: r.endpoint.clone(),
                        lifecycle: r.lifecycle.clone(),
                        durations: p.durations.clone(),
                        default_duration: p.default_duration,
                        aspects: p.aspects.clone(),
                        default_aspect: p.default_aspect.clone(),
                        resolutions: p.resolutions.clone(),
                        default_resolution: p.default_resolution.clone(),
                        audio: p.audio.clone(),
                        default_audio: p.default_audio,
                        negative_prompt: p.negative_prompt,
                        seed: p.seed,
                        price: r.price.clone(),
                        usd_per_second: usd_per_second(&r.price, &defaults).unwrap_or(0.0),
                        key_available: demo || matches!(studio.keys().get(r.route), Ok(Some(_))),
                        price_overridden: r.price_overridden,
                        start_image: image_support(r).0,
                        end_image: image_support(r).1,
                        requires_image: r.requires_image,
                        image_aspects: r.image.as_ref().and_then(|i| i.aspects.clone()).unwrap_or_default(),
                        cfg_scale: p.cfg_scale.map(|c| c.to_vec()),
                        max_shots: p.max_shots,
                        shot_template: shot_template_info(catalog.shot_template(m, r)),
                        cancel: r.route.cancel_unsupported().is_none(),
                        remix: r.remix,
                        extend: r.extend.as_ref().map(|x| crate::api::ExtendInfo {
                            endpoint: x.endpoint.clone(),
                            durations: x.durations.clone(),
                            default_duration: x.default_duration,
                            usd_per_second: x.usd_per_second_for(r, &defaults).unwrap_or(0.0),
                            source: x.source.clone(),
                        }),
                        elements: r.elements.as_ref().map(crate::api::ElementsInfo::from),
                        motion: r.motion.as_ref().map(crate::api::MotionInfo::from),
                        reports_charge: charge.reported,
                        charge_note: charge.note.to_string(),
                    }
                })
                .collect(),
        })
        .collect()
}
