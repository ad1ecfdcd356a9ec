//! Extending a finished clip on a route that documents an extend endpoint (catalog
//! `[route.extend]`): a continuation (`continuation.rs`) that adds seconds after the source,
//! keeping its model, route, aspect, resolution and audio. The source video reaches the route
//! the way the route documents: uploaded (fal storage) or referenced by its provider job id.

use super::continuation::short;
use super::Studio;
use crate::api::{ContinueKind, ExtendRequest, PlannedClip, RunPlan};
use crate::catalog::{ExtendSpec, ModelEntry, ParityNote, RouteEntry, VideoSlot, WireRequest};
use crate::error::{Error, InputError, Result};
use crate::providers::images::{ImageEncoding, ImageInput, ImageRole};

fn refuse(field: &str, message: String) -> Error {
    InputError::Iteration { field: field.into(), message }.into()
}

impl Studio {
    /// Validates and prices an extension; nothing is sent.
    pub async fn plan_extend(&self, req: &ExtendRequest) -> Result<RunPlan> {
        let source_id = self.store().find_clip_id(req.clip_id.trim()).await?;
        let found = self.store().clip(&source_id).await?;
        let catalog = self.catalog();
        let (model, entry) = catalog.select(&format!("{}@{}", found.model, found.route), |_| true)?;
        let Some(spec) = &entry.extend else {
            let label = format!("{}@{}", model.id, entry.route);
            return Err(refuse("clip", format!("{label} clips cannot be extended; {}", extendable(catalog.models()))));
        };
        let source = self.continue_source(&source_id, ContinueKind::Extend).await?;
        let source_view = source.row.clone().into_view();
        let mut resolved = source_view.resolved.clone();
        if let Some(allowed) = &spec.source_resolutions {
            if !allowed.iter().any(|r| r.eq_ignore_ascii_case(&resolved.resolution)) {
                let message = format!(
                    "{}@{} extends {} sources only; this clip is {}",
                    model.id,
                    entry.route,
                    allowed.join(" or "),
                    resolved.resolution
                );
                return Err(refuse("clip", message));
            }
        }
        let seconds = req.duration_s.unwrap_or(spec.default_duration);
        if !spec.durations.contains(&seconds) {
            let allowed: Vec<String> = spec.durations.iter().map(u32::to_string).collect();
            let message = format!(
                "{}@{} extends by {} s, not {seconds} s; allowed values: {}",
                model.id,
                entry.route,
                allowed.join(", "),
                allowed.join(", ")
            );
            return Err(refuse("duration", message));
        }
        if let Some(prompt) = req.prompt.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            resolved.prompt = prompt.to_string();
        }
        resolved.duration_s = seconds;
        (resolved.shots, resolved.start_image, resolved.end_image) = (None, None, None);
        let usd_per_second = spec.usd_per_second_for(entry, &resolved).unwrap_or(0.0);
        let estimated_cost_usd = usd_per_second * f64::from(seconds);
        if let Some(max) = req.max_cost_usd {
            if estimated_cost_usd > max + 1e-9 {
                return Err(InputError::OverBudget { estimate: estimated_cost_usd, max }.into());
            }
        }
        let note = ParityNote {
            param: "extend".into(),
            asked: source.id.clone(),
            ran: source.id.clone(),
            message: format!(
                "extension of {}: {seconds} s more at {} {}",
                short(&source.id),
                resolved.resolution,
                resolved.aspect
            ),
        };
        let clip = PlannedClip {
            model: model.id.clone(),
            model_name: model.name.clone(),
            route: entry.route,
            endpoint: spec.endpoint.clone(),
            resolved,
            parity: vec![note],
            estimated_cost_usd,
            usd_per_second,
            lifecycle: entry.lifecycle.clone(),
            remix_of: Some(source.id.clone()),
            continues: Some(ContinueKind::Extend),
            take: 1,
        };
        self.continue_plan(&source, clip).await
    }

    /// The wire request of a planned extension: the extend endpoint's fields, with the source
    /// video uploaded from its delivered file or referenced by its provider job id.
    pub(super) async fn extend_request(&self, clip: &PlannedClip, source_id: &str) -> Result<WireRequest> {
        let source = self.store().clip(source_id).await?;
        let catalog = self.catalog();
        let (_, entry) = catalog.select(&format!("{}@{}", clip.model, clip.route), |_| true)?;
        let spec = entry_spec(entry)?;
        let mut wire = spec
            .request(entry, &clip.resolved, source.file_path.as_deref())
            .map_err(|e| InputError::RemixSource(format!("{e}; this clip's file may have been moved or deleted")))?;
        if spec.video == crate::catalog::ExtendVideo::ProviderJob {
            let job_id = source
                .provider_job_id
                .ok_or_else(|| InputError::RemixSource("the source clip has no provider job id to extend".into()))?;
            wire.remix_of = Some(job_id);
        }
        Ok(wire)
    }
}

/// Reads a video to upload (an extension's source, a motion-control reference). A file gone
/// since planning fails the clip before anything is sent.
pub(super) fn load_video(slot: &VideoSlot) -> Result<ImageInput> {
    let path = std::path::Path::new(&slot.path);
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("source.mp4").to_string();
    let probe = crate::probe::probe_mp4(path).ok();
    Ok(ImageInput {
        field: slot.field.clone(),
        role: ImageRole::Start,
        encoding: ImageEncoding::Url,
        mime: video_mime(path).into(),
        file_name,
        bytes,
        width: probe.as_ref().map_or(0, |p| p.width),
        height: probe.as_ref().map_or(0, |p| p.height),
    })
}

/// QuickTime for `.mov` (a motion-control reference may be one), MP4 otherwise.
fn video_mime(path: &std::path::Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some(ext) if ext.eq_ignore_ascii_case("mov") => "video/quicktime",
        _ => "video/mp4",
    }
}

fn entry_spec(entry: &RouteEntry) -> Result<&ExtendSpec> {
    entry
        .extend
        .as_ref()
        .ok_or_else(|| Error::Catalog(format!("{}: extend endpoint no longer in the catalog", entry.route)))
}

/// "extend works on clips from veo-3.1@fal, ltx-2.3@fal, ..." — every route that can.
fn extendable(models: &[ModelEntry]) -> String {
    let routes: Vec<String> = models
        .iter()
        .flat_map(|m| m.routes.iter().filter(|r| r.extend.is_some()).map(move |r| format!("{}@{}", m.id, r.route)))
        .collect();
    format!("extend works on clips from {}", routes.join(", "))
}
