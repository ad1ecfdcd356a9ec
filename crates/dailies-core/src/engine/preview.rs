//! "What each model receives": the exact endpoint and wire fields a plan would send, before
//! anything is spent (a Kling shot list as `multi_prompt`, the same shots as prose for a
//! model without structured shots, dropped fields absent).

use serde::Serialize;

use crate::api::{CompareRequest, RunPlan, WireField, WirePreview};
use crate::catalog::{request_for, CanonicalParam, FieldSpec, ParityNote, RouteId};
use crate::error::{Error, Result};
use crate::providers::images::{set_path, ImageRole};

use super::Studio;

#[derive(Debug, Clone, Serialize)]
pub struct ModelPreview {
    pub model: String,
    pub route: RouteId,
    pub endpoint: String,
    /// The request body's fields as the route's adapter sends them. Start/end images, placed by
    /// the adapter after upload, are not shown; element images are, as `<upload: file>`, so the
    /// shape of `elements` can be read before anything is sent.
    pub fields: serde_json::Map<String, serde_json::Value>,
    pub parity: Vec<ParityNote>,
}

impl Studio {
    pub fn preview(&self, plan: &RunPlan) -> Result<Vec<ModelPreview>> {
        let catalog = self.catalog();
        plan.clips
            .iter()
            .map(|clip| {
                let (_, entry) = catalog.select(&format!("{}@{}", clip.model, clip.route), |_| true)?;
                let mut wire = request_for(entry, &clip.resolved)
                    .map_err(|e| Error::Catalog(format!("{}@{}: {e}", clip.model, clip.route)))?;
                let references =
                    wire.images.iter().filter(|s| s.role == ImageRole::Reference).map(|s| (&s.field, &s.path));
                // A motion-control reference video is shown the same way.
                let video = wire.video.iter().map(|v| (&v.field, &v.path));
                for (field, path) in references.chain(video) {
                    let file = std::path::Path::new(path).file_name().map(|f| f.to_string_lossy().into_owned());
                    let shown = format!("<upload: {}>", file.unwrap_or_default());
                    set_path(&mut wire.fields, field, shown.into()).map_err(Error::Catalog)?;
                }
                Ok(ModelPreview {
                    model: clip.model.clone(),
                    route: clip.route,
                    endpoint: wire.endpoint,
                    fields: wire.fields,
                    parity: clip.parity.clone(),
                })
            })
            .collect()
    }
}

impl Studio {
    /// Plans `request` and shows each model's request as text (the composer's panel); nothing
    /// is persisted or sent. Refuses exactly what [`Studio::plan`] refuses.
    pub fn preview_request(&self, request: &CompareRequest) -> Result<Vec<WirePreview>> {
        let plan = self.plan(request)?;
        let previews = self.preview(&plan)?;
        // Takes of one model receive the same fields but their seed: one entry per model+route.
        let mut out: Vec<WirePreview> = Vec::new();
        for (clip, preview) in plan.clips.iter().zip(previews) {
            if out.iter().any(|p| p.model == preview.model && p.route == preview.route) {
                continue;
            }
            let catalog = self.catalog();
            let (_, entry) = catalog.select(&format!("{}@{}", clip.model, clip.route), |_| true)?;
            let is_prompt = |name: &str| {
                matches!(
                    entry.fields.get(name),
                    Some(FieldSpec::Param { param: CanonicalParam::Prompt | CanonicalParam::Shots, .. })
                )
            };
            let mut fields: Vec<WireField> = preview
                .fields
                .into_iter()
                .map(|(name, value)| WireField {
                    prompt: is_prompt(&name),
                    text: value.as_str().map_or_else(|| value.to_string(), str::to_string),
                    name,
                })
                .collect();
            fields.sort_by_key(|f| !f.prompt);
            out.push(WirePreview {
                model: preview.model,
                model_name: clip.model_name.clone(),
                route: preview.route,
                endpoint: preview.endpoint,
                fields,
                parity: preview.parity,
                overridden: clip.resolved.overridden.clone(),
            });
        }
        Ok(out)
    }
}
