//! The private blind arena: votes between two clips of one run (names hidden, sides
//! shuffled by the UI) and a personal leaderboard fitted to them (Bradley–Terry, `ranking.rs`).

use std::collections::HashMap;

use super::{ranking, Studio};
use crate::api::{ClipStatus, LeaderRow, VoteRequest};
use crate::error::{InputError, Result};

/// What a vote can be about.
pub const CRITERIA: &[&str] = &["overall", "prompt", "motion", "look", "audio"];

/// Below this many votes a model's rating is preliminary: a couple of votes resample to a
/// falsely narrow interval, so its lower bound cannot rank it against settled models.
pub const PRELIMINARY_BELOW_VOTES: u32 = 10;

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

    /// A Bradley–Terry rating with a 95 % interval per model+route over every vote (or
    /// those on one criterion). Settled rows come first, then preliminary ones; each group
    /// by its interval's lower bound (the rating it has earned with 95 % confidence).
    pub async fn leaderboard(&self, criterion: Option<&str>) -> Result<Vec<LeaderRow>> {
        let mut rows: Vec<LeaderRow> = Vec::new();
        let mut index: HashMap<(String, String), usize> = HashMap::new();
        let mut outcomes = Vec::new();
        let votes = self.store().votes().await?;
        for v in votes.iter().filter(|v| criterion.is_none_or(|c| v.criterion == c)) {
            if (&v.left_model, &v.left_route) == (&v.right_model, &v.right_route) {
                continue; // the same model on both sides says nothing about models
            }
            let mut side = |model: &str, route: &str, name: &str| {
                *index.entry((model.to_string(), route.to_string())).or_insert_with(|| {
                    rows.push(row(model, route, name));
                    rows.len() - 1
                })
            };
            let a = side(&v.left_model, &v.left_route, &v.left_name);
            let b = side(&v.right_model, &v.right_route, &v.right_name);
            // The left side's score: 1 won, 0 lost, ½ tie.
            let score_a = match v.winner.as_str() {
                "left" => 1.0,
                "right" => 0.0,
                _ => 0.5,
            };
            outcomes.push(ranking::Outcome { a, b, score_a });
            let tally = |r: &mut LeaderRow, got: f64| match got {
                1.0 => r.wins += 1,
                0.0 => r.losses += 1,
                _ => r.ties += 1,
            };
            tally(&mut rows[a], score_a);
            tally(&mut rows[b], 1.0 - score_a);
        }
        let ratings = ranking::fit(rows.len(), &outcomes);
        let intervals = ranking::intervals(rows.len(), &outcomes);
        for ((r, rating), (low, high)) in rows.iter_mut().zip(ratings).zip(intervals) {
            (r.rating, r.rating_low, r.rating_high) = (rating.round(), low.round(), high.round());
            r.votes = r.wins + r.losses + r.ties;
            r.preliminary = r.votes < PRELIMINARY_BELOW_VOTES;
        }
        rows.sort_by(board_order);
        Ok(rows)
    }
}

fn row(model: &str, route: &str, name: &str) -> LeaderRow {
    LeaderRow {
        model: model.into(),
        model_name: name.into(),
        route: route.into(),
        rating: 1000.0,
        rating_low: 1000.0,
        rating_high: 1000.0,
        wins: 0,
        losses: 0,
        ties: 0,
        votes: 0,
        preliminary: true,
    }
}

/// Settled before preliminary, then the higher lower bound, then the higher rating.
fn board_order(x: &LeaderRow, y: &LeaderRow) -> std::cmp::Ordering {
    x.preliminary
        .cmp(&y.preliminary)
        .then_with(|| y.rating_low.total_cmp(&x.rating_low))
        .then_with(|| y.rating.total_cmp(&x.rating))
        .then_with(|| x.model.cmp(&y.model))
        .then_with(|| x.route.cmp(&y.route))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rated(model: &str, rating: f64, low: f64, votes: u32) -> LeaderRow {
        LeaderRow {
            rating,
            rating_low: low,
            votes,
            preliminary: votes < PRELIMINARY_BELOW_VOTES,
            ..row(model, "fal", model)
        }
    }

    #[test]
    fn settled_rows_rank_by_their_lower_bound_before_preliminary_ones() {
        let mut rows = [
            rated("lucky", 1200.0, 1190.0, 1),
            rated("wide", 1150.0, 1020.0, 40),
            rated("narrow", 1100.0, 1060.0, 40),
            rated("new", 1010.0, 900.0, PRELIMINARY_BELOW_VOTES - 1),
        ];
        rows.sort_by(board_order);
        let order: Vec<&str> = rows.iter().map(|r| r.model.as_str()).collect();
        assert_eq!(order, ["narrow", "wide", "lucky", "new"]);
    }
}
