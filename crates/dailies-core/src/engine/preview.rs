//! "What each model receives": the exact endpoint and wire fields a plan would send, before
//! anything is spent (a Kling shot list as `multi_prompt`, the same shots as prose for a
//! model without structured shots, dropped fields absent).

use serde::Serialize;

use crate::api::RunPlan;
use crate::catalog::{build_request, ParityNote, RouteId};
use crate::error::{Error, Result};

use super::Studio;

#[derive(Debug, Clone, Serialize)]
pub struct ModelPreview {
    pub model: String,
    pub route: RouteId,
    pub endpoint: String,
    /// The request body's fields as the route's adapter sends them (input images, placed by the
    /// adapter after upload, are not shown).
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
                let wire = build_request(entry, &clip.resolved)
                    .map_err(|e| Error::Catalog(format!("{}@{}: {e}", clip.model, clip.route)))?;
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
