//! Blind A/B votes and the personal leaderboard fitted from them.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::js::JsNumber;

/// Which side of a blind A/B comparison was better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum VoteWinner {
    Left,
    Right,
    Tie,
}

impl VoteWinner {
    pub fn as_str(self) -> &'static str {
        match self {
            VoteWinner::Left => "left",
            VoteWinner::Right => "right",
            VoteWinner::Tie => "tie",
        }
    }
}

/// A blind vote between two finished clips of one run, on one criterion.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct VoteRequest {
    pub left_clip_id: String,
    pub right_clip_id: String,
    pub winner: VoteWinner,
    /// One of `CRITERIA` ("overall", "prompt", "motion", "look", "audio").
    pub criterion: String,
}

/// A model+route on the personal leaderboard: a Bradley–Terry fit over blind votes.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct LeaderRow {
    pub model: String,
    pub model_name: String,
    /// As stored with the vote (a route unknown to this build is shown, not renamed).
    pub route: String,
    /// Bradley–Terry strength on the Elo scale (1000 = even with the prior's anchor).
    #[specta(type = JsNumber)]
    pub rating: f64,
    /// The 95 % interval from refitting on resampled votes: overlapping intervals mean the
    /// votes do not yet say which of two models is better.
    #[specta(type = JsNumber)]
    pub rating_low: f64,
    #[specta(type = JsNumber)]
    pub rating_high: f64,
    pub wins: u32,
    pub losses: u32,
    pub ties: u32,
    /// Votes this model+route took part in (wins + losses + ties).
    pub votes: u32,
    /// Fewer votes than `engine::PRELIMINARY_BELOW_VOTES`: the rating can still move a lot,
    /// and the row is listed after the settled ones.
    pub preliminary: bool,
}
