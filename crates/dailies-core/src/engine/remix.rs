//! Remixing a finished clip with a new prompt, where its route can (OpenAI Sora:
//! `POST /videos/{id}/remix`): a continuation (`continuation.rs`) that keeps the source's
//! model, length and size.

use serde_json::{Map, Value};

use super::continuation::short;
use super::Studio;
use crate::api::{ContinueKind, PlannedClip, RemixRequest, RunPlan};
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
        let found = self.store().clip(&source_id).await?;
        let catalog = self.catalog();
        let (model, entry) = catalog.select(&format!("{}@{}", found.model, found.route), |_| true)?;
        if !entry.remix {
            let remixable = catalog
                .models()
                .iter()
                .flat_map(|m| m.routes.iter().filter(|r| r.remix).map(move |r| format!("{}@{}", m.id, r.route)))
                .collect();
            return Err(InputError::RemixUnsupported { model: model.id.clone(), route: entry.route, remixable }.into());
        }
        let source = self.continue_source(&source_id, ContinueKind::Remix).await?;
        let source_view = source.row.clone().into_view();
        let mut resolved = source_view.resolved.clone();
        resolved.prompt = prompt.to_string();
        (resolved.shots, resolved.start_image, resolved.end_image) = (None, None, None);
        let note = ParityNote {
            param: "remix".into(),
            asked: source.id.clone(),
            ran: source.id.clone(),
            message: format!(
                "remix of {}: {} s at {} as the source",
                short(&source.id),
                resolved.duration_s,
                resolved.resolution
            ),
        };
        let clip = PlannedClip {
            model: model.id.clone(),
            model_name: model.name.clone(),
            route: entry.route,
            endpoint: source_view.endpoint,
            usd_per_second: usd_per_second(&entry.price, &resolved).unwrap_or(0.0),
            estimated_cost_usd: estimate_usd(&entry.price, &resolved).unwrap_or(0.0),
            resolved,
            parity: vec![note],
            lifecycle: entry.lifecycle.clone(),
            remix_of: Some(source.id.clone()),
            continues: Some(ContinueKind::Remix),
            take: 1,
        };
        self.continue_plan(&source, clip).await
    }

    /// The wire request of a planned remix: the new prompt, sent against the source's job id.
    pub(super) async fn remix_request(&self, clip: &PlannedClip, source_id: &str) -> Result<WireRequest> {
        let source = self.store().clip(source_id).await?;
        let job_id = source
            .provider_job_id
            .ok_or_else(|| InputError::RemixSource("the source clip has no provider job id to remix".into()))?;
        let mut fields = Map::new();
        fields.insert("prompt".into(), Value::String(clip.resolved.prompt.clone()));
        Ok(WireRequest {
            endpoint: clip.endpoint.clone(),
            fields,
            images: Vec::new(),
            remix_of: Some(job_id),
            video: None,
        })
    }
}
