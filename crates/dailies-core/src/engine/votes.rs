//! The private blind arena: votes between two clips of one run (names hidden, sides
//! shuffled by the UI) and a personal Elo leaderboard replayed from them.

use std::collections::HashMap;

use super::Studio;
use crate::api::{ClipStatus, LeaderRow, VoteRequest};
use crate::error::{InputError, Result};

/// What a vote can be about.
pub const CRITERIA: &[&str] = &["overall", "prompt", "motion", "look", "audio"];

const START_ELO: f64 = 1500.0;
const K: f64 = 32.0;

impl Studio {
    /// Records a blind vote; returns how many votes the run now has.
    pub async fn vote(&self, req: &VoteRequest) -> Result<u32> {
        if !CRITERIA.contains(&req.criterion.as_str()) {
            return Err(InputError::InvalidValue {
                field: "criterion".into(),
                value: req.criterion.clone(),
                allowed: CRITERIA.iter().map(|c| c.to_string()).collect(),
            }
            .into());
        }
        let left = self.store().clip(&self.store().find_clip_id(&req.left_clip_id).await?).await?;
        let right = self.store().clip(&self.store().find_clip_id(&req.right_clip_id).await?).await?;
        let refuse = |why: &str| Err(InputError::VoteClips(why.into()).into());
        if left.id == right.id {
            return refuse("a clip cannot be compared with itself");
        }
        if left.run_id != right.run_id {
            return refuse("both clips must come from the same run (the same prompt and settings)");
        }
        if left.status() != ClipStatus::Succeeded || right.status() != ClipStatus::Succeeded {
            return refuse("both clips must be finished videos");
        }
        self.store().add_vote(&left.run_id, &left.id, &right.id, req.winner.as_str(), &req.criterion).await
    }

    /// Elo per model+route over every vote (or those on one criterion), best first.
    pub async fn leaderboard(&self, criterion: Option<&str>) -> Result<Vec<LeaderRow>> {
        let mut table: HashMap<(String, String), LeaderRow> = HashMap::new();
        let votes = self.store().votes().await?;
        for v in votes.iter().filter(|v| criterion.is_none_or(|c| v.criterion == c)) {
            let a = (v.left_model.clone(), v.left_route.clone());
            let b = (v.right_model.clone(), v.right_route.clone());
            if a == b {
                continue; // the same model on both sides says nothing about models
            }
            table.entry(a.clone()).or_insert_with(|| row(&v.left_model, &v.left_route, &v.left_name));
            table.entry(b.clone()).or_insert_with(|| row(&v.right_model, &v.right_route, &v.right_name));
            // The left side's score: 1 won, 0 lost, ½ tie.
            let score = match v.winner.as_str() {
                "left" => 1.0,
                "right" => 0.0,
                _ => 0.5,
            };
            let expected = 1.0 / (1.0 + 10f64.powf((table[&b].elo - table[&a].elo) / 400.0));
            let delta = K * (score - expected);
            for (key, gain, got) in [(&a, delta, score), (&b, -delta, 1.0 - score)] {
                let side = table.get_mut(key).expect("both sides were added above");
                side.elo += gain;
                match got {
                    1.0 => side.wins += 1,
                    0.0 => side.losses += 1,
                    _ => side.ties += 1,
                }
            }
        }
        let mut rows: Vec<LeaderRow> = table.into_values().collect();
        rows.iter_mut().for_each(|r| r.elo = r.elo.round());
        rows.sort_by(|x, y| y.elo.total_cmp(&x.elo).then_with(|| x.model.cmp(&y.model)));
        Ok(rows)
    }
}

fn row(model: &str, route: &str, name: &str) -> LeaderRow {
    LeaderRow {
        model: model.into(),
        model_name: name.into(),
        route: route.into(),
        elo: START_ELO,
        wins: 0,
        losses: 0,
        ties: 0,
    }
}
