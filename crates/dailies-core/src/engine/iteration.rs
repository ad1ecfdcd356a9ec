//! The iteration view: a run's versions (its lineage) with their winners, what the whole
//! iteration cost, and the run's prompt word-diffed against its parent's.

use super::{prompt_diff::word_diff, Studio};
use crate::api::{Iteration, IterationVersion};
use crate::error::Result;

impl Studio {
    /// The iteration a run belongs to (id or unique prefix).
    pub async fn iteration(&self, run_id: &str) -> Result<Iteration> {
        let run_id = self.store().find_run_id(run_id).await?;
        let mut versions = Vec::new();
        let mut parent_of_run = None;
        for row in self.store().lineage(&run_id).await? {
            if row.run_id == run_id {
                parent_of_run = row.parent_run_id.clone();
            }
            let winner = match &row.winner_clip_id {
                Some(id) => match self.store().clip(id).await {
                    Ok(clip) if clip.deleted_at_ms.is_none() => Some(clip.into_view()),
                    _ => None,
                },
                None => None,
            };
            versions.push(IterationVersion {
                run_id: row.run_id,
                parent_run_id: row.parent_run_id,
                prompt: row.prompt,
                created_at: row.created_at,
                winner,
                clip_count: row.clip_count,
                succeeded: row.succeeded,
                cost_usd: row.cost_usd,
                cost_billed_usd: row.cost_billed_usd,
                continues: row.continue_kind.as_deref().and_then(crate::api::ContinueKind::parse),
            });
        }
        let prompt_diff = match &parent_of_run {
            Some(parent) => {
                let old = self.store().run_prompt(parent).await?.unwrap_or_default();
                let new = self.store().run_prompt(&run_id).await?.unwrap_or_default();
                word_diff(&old, &new)
            }
            None => Vec::new(),
        };
        let to_tenth_of_cent = |usd: f64| (usd * 1000.0).round() / 1000.0;
        let total_cost_usd = to_tenth_of_cent(versions.iter().map(|v| v.cost_usd).sum());
        let total_billed_usd = to_tenth_of_cent(versions.iter().map(|v| v.cost_billed_usd).sum());
        Ok(Iteration { run_id, versions, total_cost_usd, total_billed_usd, prompt_diff })
    }
}
