//! A Bradley–Terry fit over every blind vote, as LMArena ranks models (`arena-rank`): each
//! model has a strength, a vote is an outcome of strength_a / (strength_a + strength_b),
//! ties count half to each side, and ratings are shown on the Elo scale
//! (1000 + 400·log10 strength). Unlike online Elo the result does not depend on the order
//! votes were cast. 95 % intervals come from refitting on votes resampled with replacement.
//!
//! The fit is Hunter's MM iteration (2004). A weak prior keeps a model that never won (or
//! never lost) finite: every model is given one virtual tie against an anchor of strength 1
//! (rating 1000).

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// One vote between two models (indexes into the model list): 1 a won, 0 b won, ½ a tie.
#[derive(Debug, Clone, Copy)]
pub struct Outcome {
    pub a: usize,
    pub b: usize,
    pub score_a: f64,
}

/// Resamples for the interval; the seed is fixed so a leaderboard reads the same twice.
const BOOTSTRAP_ROUNDS: usize = 200;
const SEED: u64 = 0x00da_111e5;
const MAX_ITERATIONS: usize = 500;

/// Ratings (Elo scale) of `models` models from `outcomes`.
pub fn fit(models: usize, outcomes: &[Outcome]) -> Vec<f64> {
    let mut strength = vec![1.0_f64; models];
    for _ in 0..MAX_ITERATIONS {
        let mut wins = vec![0.5_f64; models]; // the prior's half win
        let mut denominators: Vec<f64> = strength.iter().map(|p| 1.0 / (p + 1.0)).collect();
        for o in outcomes {
            wins[o.a] += o.score_a;
            wins[o.b] += 1.0 - o.score_a;
            let pair = 1.0 / (strength[o.a] + strength[o.b]);
            denominators[o.a] += pair;
            denominators[o.b] += pair;
        }
        let next: Vec<f64> = wins.iter().zip(&denominators).map(|(w, d)| w / d).collect();
        let moved = next.iter().zip(&strength).map(|(n, p)| (n / p - 1.0).abs()).fold(0.0, f64::max);
        strength = next;
        if moved < 1e-10 {
            break;
        }
    }
    strength.iter().map(|p| 1000.0 + 400.0 * p.log10()).collect()
}

/// The 2.5th and 97.5th percentile of each model's rating over resampled votes.
pub fn intervals(models: usize, outcomes: &[Outcome]) -> Vec<(f64, f64)> {
    if outcomes.is_empty() {
        return vec![(1000.0, 1000.0); models];
    }
    let mut rng = StdRng::seed_from_u64(SEED);
    let mut samples: Vec<Vec<f64>> = vec![Vec::with_capacity(BOOTSTRAP_ROUNDS); models];
    let mut resampled = Vec::with_capacity(outcomes.len());
    for _ in 0..BOOTSTRAP_ROUNDS {
        resampled.clear();
        resampled.extend((0..outcomes.len()).map(|_| outcomes[rng.gen_range(0..outcomes.len())]));
        for (model, rating) in fit(models, &resampled).into_iter().enumerate() {
            samples[model].push(rating);
        }
    }
    samples
        .into_iter()
        .map(|mut s| {
            s.sort_by(f64::total_cmp);
            let at = |q: f64| s[((s.len() - 1) as f64 * q).round() as usize];
            (at(0.025), at(0.975))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn votes(list: &[(usize, usize, f64)]) -> Vec<Outcome> {
        list.iter().map(|&(a, b, score_a)| Outcome { a, b, score_a }).collect()
    }

    #[test]
    fn the_order_votes_were_cast_in_does_not_matter() {
        let forward = votes(&[(0, 1, 1.0), (0, 1, 1.0), (1, 0, 1.0), (1, 2, 1.0), (0, 2, 0.5)]);
        let mut backward = forward.clone();
        backward.reverse();
        let (f, b) = (fit(3, &forward), fit(3, &backward));
        for (x, y) in f.iter().zip(&b) {
            assert!((x - y).abs() < 1e-6, "{f:?} vs {b:?}");
        }
        assert!(f[0] > f[1] && f[1] > f[2], "{f:?}");
    }

    #[test]
    fn an_unbeaten_model_stays_finite_and_a_tie_is_even() {
        let r = fit(2, &votes(&[(0, 1, 1.0), (0, 1, 1.0), (0, 1, 1.0)]));
        assert!(r.iter().all(|x| x.is_finite()) && r[0] > r[1], "{r:?}");
        let even = fit(2, &votes(&[(0, 1, 0.5), (1, 0, 0.5)]));
        assert!((even[0] - even[1]).abs() < 1e-6 && (even[0] - 1000.0).abs() < 1e-6, "{even:?}");
    }

    #[test]
    fn intervals_contain_the_fit_and_narrow_with_more_votes() {
        let few = votes(&[(0, 1, 1.0), (1, 0, 1.0), (0, 1, 1.0)]);
        let many: Vec<Outcome> = few.iter().cycle().take(300).copied().collect();
        let (fit_few, ci_few, ci_many) = (fit(2, &few), intervals(2, &few), intervals(2, &many));
        assert!(ci_few[0].0 <= fit_few[0] && fit_few[0] <= ci_few[0].1, "{ci_few:?} {fit_few:?}");
        assert!(ci_many[0].1 - ci_many[0].0 < ci_few[0].1 - ci_few[0].0, "{ci_many:?} vs {ci_few:?}");
        assert_eq!(intervals(2, &few), ci_few, "the same votes give the same interval");
    }
}
