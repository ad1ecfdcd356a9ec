//! Remixing a finished clip with a new prompt, where its route can (OpenAI Sora:
//! `POST /videos/{id}/remix`). A remix is a new run of one clip that keeps the source's
//! model, length and size, linked to its source in the library.

use serde_json::{Map, Value};

use super::Studio;
use crate::api::{ClipStatus, PlannedClip, RemixRequest, RunPlan};
use crate::catalog::{estimate_usd, usd_per_second, ParityNote, WireRequest};
use crate::error::{InputError, Result};

impl Studio {
    /// Validates and prices a remix; nothing is sent.
    pub async fn plan_remix(&self, req: &RemixRequest) -> Result<RunPlan> {
        let prompt = req.prompt.trim();
        if prompt.is_empty() {
            return Err(InputError::EmptyPrompt.into());
        }
        let source_id = self.store().find_clip_id(req.clip_id.trim()).await?;
        let source = self.store().clip(&source_id).await?;
        let catalog = self.catalog();
        let (model, entry) = catalog.select(&format!("{}@{}", source.model, source.route), |_| true)?;
        if !entry.remix {
            let remixable = catalog
                .models()
                .iter()
                .flat_map(|m| m.routes.iter().filter(|r| r.remix).map(move |r| format!("{}@{}", m.id, r.route)))
                .collect();
            return Err(InputError::RemixUnsupported { model: model.id.clone(), route: entry.route, remixable }.into());
        }
        if source.status() != ClipStatus::Succeeded || source.provider_job_id.is_none() {
            let why = format!("only a finished clip can be remixed; this one is {}", source.status().as_str());
            return Err(InputError::RemixSource(why).into());
        }
        let demo = self.demo();
        if source.demo != demo.is_some() {
            let why = if source.demo {
                "this clip was made with the demo providers; turn demo on to remix it"
            } else {
                "this clip was made on your own key; turn demo off to remix it"
            };
            return Err(InputError::RemixSource(why.into()).into());
        }
        if demo.is_some() && source.base_url != self.base_url(entry.route) {
            let why = "this demo clip is from an earlier session and the demo providers have forgotten it; \
                       remix a demo clip made since Dailies started";
            return Err(InputError::RemixSource(why.into()).into());
        }
        let source_view = source.into_view();
        let mut resolved = source_view.resolved.clone();
        resolved.prompt = prompt.to_string();
        (resolved.shots, resolved.start_image, resolved.end_image) = (None, None, None);
        let mut params = self.run(&source_view.run_id).await?.params;
        params.prompt = resolved.prompt.clone();
        (params.shots, params.start_image, params.end_image) = (None, None, None);
        let note = ParityNote {
            param: "remix".into(),
            asked: source_id.clone(),
            ran: source_id.clone(),
            message: format!(
                "remix of {}: {} s at {} as the source",
                short(&source_id),
                resolved.duration_s,
                resolved.resolution
            ),
        };
        let estimated_cost_usd = estimate_usd(&entry.price, &resolved).unwrap_or(0.0);
        let clip = PlannedClip {
            model: model.id.clone(),
            model_name: model.name.clone(),
            route: entry.route,
            endpoint: source_view.endpoint,
            usd_per_second: usd_per_second(&entry.price, &resolved).unwrap_or(0.0),
            resolved,
            parity: vec![note],
            estimated_cost_usd,
            lifecycle: entry.lifecycle.clone(),
            remix_of: Some(source_id),
            take: 1,
        };
        Ok(RunPlan { params, clips: vec![clip], estimated_cost_usd, demo: demo.is_some(), parent_run_id: None })
    }

    /// The wire request of a planned remix: the new prompt, sent against the source's job id.
    pub(super) async fn remix_request(&self, clip: &PlannedClip, source_id: &str) -> Result<WireRequest> {
        let source = self.store().clip(source_id).await?;
        let job_id = source
            .provider_job_id
            .ok_or_else(|| InputError::RemixSource("the source clip has no provider job id to remix".into()))?;
        let mut fields = Map::new();
        fields.insert("prompt".into(), Value::String(clip.resolved.prompt.clone()));
        Ok(WireRequest { endpoint: clip.endpoint.clone(), fields, images: Vec::new(), remix_of: Some(job_id) })
    }
}

/// The last 8 characters of an id, as the CLI prints them (the start is a timestamp).
fn short(id: &str) -> &str {
    &id[id.len().saturating_sub(8)..]
}
