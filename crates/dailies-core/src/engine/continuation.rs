//! The "continue a clip" model shared by remix and extend: a continuation is a new run of one
//! clip made from a finished one. It keeps the source's model and route, links to the source
//! clip (`remix_of` + `continues`) and to the source's run (`parent_run_id`, so the lineage
//! shows both), and is planned, budgeted and started like any run.

use super::Studio;
use crate::api::{ClipStatus, ContinueKind, PlannedClip, RunPlan};
use crate::catalog::WireRequest;
use crate::error::{InputError, Result};
use crate::store::ClipRow;

/// A finished clip a continuation may start from, with its id resolved.
pub(super) struct ContinueSource {
    pub id: String,
    pub row: ClipRow,
}

impl Studio {
    /// The finished clip `clip_id` names, checked the same way for every kind of
    /// continuation: it delivered, the provider still knows it (same demo session or own
    /// key), and it is not in the trash.
    pub(super) async fn continue_source(&self, clip_id: &str, kind: ContinueKind) -> Result<ContinueSource> {
        let verb = match kind {
            ContinueKind::Remix => "remixed",
            ContinueKind::Extend => "extended",
        };
        let id = self.store().find_clip_id(clip_id.trim()).await?;
        let row = self.store().clip(&id).await?;
        let refuse = |why: String| Err(InputError::RemixSource(why).into());
        if row.deleted_at_ms.is_some() {
            return refuse(format!("this clip is in the trash; restore it before it can be {verb}"));
        }
        if row.status() != ClipStatus::Succeeded || row.provider_job_id.is_none() {
            return refuse(format!("only a finished clip can be {verb}; this one is {}", row.status().as_str()));
        }
        let demo = self.demo();
        if row.demo != demo.is_some() {
            let how = if row.demo { "turn demo on" } else { "turn demo off" };
            let made = if row.demo { "with the demo providers" } else { "on your own key" };
            return refuse(format!("this clip was made {made}; {how} to continue it"));
        }
        let route = row.route_id()?;
        if demo.is_some() && row.base_url != self.base_url(route) {
            return refuse(format!(
                "this demo clip is from an earlier session and the demo providers have forgotten it; \
                 only a demo clip made since Dailies started can be {verb}"
            ));
        }
        Ok(ContinueSource { id, row })
    }

    /// A one-clip plan continuing `source`: the run's parameters with the new prompt, recorded
    /// as a child of the source's run.
    pub(super) async fn continue_plan(&self, source: &ContinueSource, clip: PlannedClip) -> Result<RunPlan> {
        let mut params = self.run(&source.row.run_id).await?.params;
        params.prompt = clip.resolved.prompt.clone();
        params.duration_s = Some(clip.resolved.duration_s);
        (params.shots, params.start_image, params.end_image) = (None, None, None);
        let estimated_cost_usd = (clip.estimated_cost_usd * 1000.0).round() / 1000.0;
        Ok(RunPlan {
            params,
            clips: vec![clip],
            estimated_cost_usd,
            demo: self.demo().is_some(),
            parent_run_id: Some(source.row.run_id.clone()),
        })
    }

    /// The wire request of a planned continuation, built when the run starts.
    pub(super) async fn continue_request(&self, clip: &PlannedClip, source_id: &str) -> Result<WireRequest> {
        match clip.continues {
            Some(ContinueKind::Extend) => self.extend_request(clip, source_id).await,
            Some(ContinueKind::Remix) | None => self.remix_request(clip, source_id).await,
        }
    }
}

/// The last 8 characters of an id, as the CLI prints them (the start is a timestamp).
pub(super) fn short(id: &str) -> &str {
    &id[id.len().saturating_sub(8)..]
}
