//! Takes: N clips of one model in one run, because one take of a stochastic model says
//! little. Each take gets its own seed where the route takes one: the creator's seed
//! counting up (take k runs seed + k − 1, so a take can be reproduced), else a random one.

use std::collections::HashSet;

use rand::Rng;

use crate::api::{PlannedClip, MAX_TAKES};
use crate::catalog::ParityNote;
use crate::error::{InputError, Result};

/// Seeds drawn for takes stay below 2^31: every route that takes a seed accepts that range.
const RANDOM_SEED_MAX: i64 = i32::MAX as i64;

/// The number of takes asked for (default 1), or an error naming `takes` and its range.
pub(super) fn checked(takes: Option<u32>) -> Result<u32> {
    match takes.unwrap_or(1) {
        n @ 1..=MAX_TAKES => Ok(n),
        n => Err(InputError::InvalidValue {
            field: "takes".into(),
            value: n.to_string(),
            allowed: vec![format!("1–{MAX_TAKES}")],
        }
        .into()),
    }
}

/// `n` takes of one planned clip. `route_seed` says whether the route takes a seed;
/// `asked_seed` is the creator's (already dropped from `clip.resolved` when the route has none).
pub(super) fn expand(clip: PlannedClip, n: u32, asked_seed: Option<i64>, route_seed: bool) -> Vec<PlannedClip> {
    if n <= 1 {
        return vec![PlannedClip { take: 1, ..clip }];
    }
    let seeds: Vec<Option<i64>> = match (route_seed, asked_seed) {
        (true, Some(seed)) => (0..i64::from(n)).map(|k| Some(seed.wrapping_add(k))).collect(),
        (true, None) => random_distinct(n).into_iter().map(Some).collect(),
        (false, _) => vec![None; n as usize],
    };
    seeds
        .into_iter()
        .zip(1..=n)
        .map(|(seed, take)| {
            let mut planned = clip.clone();
            planned.take = take;
            planned.resolved.seed = seed;
            if !route_seed {
                planned.parity.push(ParityNote {
                    param: "takes".into(),
                    asked: format!("{n} takes"),
                    ran: format!("{n} takes, no seed"),
                    message: "this route takes no seed: its takes differ only by chance".into(),
                });
            }
            planned
        })
        .collect()
}

fn random_distinct(n: u32) -> Vec<i64> {
    let mut rng = rand::thread_rng();
    let mut seen = HashSet::new();
    let mut seeds = Vec::new();
    while seeds.len() < n as usize {
        let seed = rng.gen_range(0..=RANDOM_SEED_MAX);
        if seen.insert(seed) {
            seeds.push(seed);
        }
    }
    seeds
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Lifecycle, ResolvedParams, RouteId};

    fn planned(seed: Option<i64>) -> PlannedClip {
        PlannedClip {
            model: "m".into(),
            model_name: "M".into(),
            route: RouteId::Fal,
            endpoint: "e".into(),
            resolved: ResolvedParams { prompt: "fog".into(), seed, ..Default::default() },
            parity: vec![],
            estimated_cost_usd: 0.5,
            usd_per_second: 0.1,
            lifecycle: Lifecycle::default(),
            remix_of: None,
            continues: None,
            take: 1,
        }
    }

    #[test]
    fn takes_outside_one_to_eight_are_refused_naming_the_flag_and_range() {
        assert_eq!(checked(None).unwrap(), 1);
        assert_eq!(checked(Some(8)).unwrap(), 8);
        for bad in [0, 9] {
            let err = checked(Some(bad)).unwrap_err();
            assert_eq!(err.field(), Some("takes"));
            assert_eq!(err.to_string(), format!("takes: '{bad}' is not valid; allowed values: 1–8"));
        }
    }

    #[test]
    fn a_given_seed_counts_up_take_by_take() {
        let takes = expand(planned(Some(41)), 3, Some(41), true);
        let seeds: Vec<_> = takes.iter().map(|t| (t.take, t.resolved.seed)).collect();
        assert_eq!(seeds, vec![(1, Some(41)), (2, Some(42)), (3, Some(43))]);
        assert!(takes.iter().all(|t| t.parity.is_empty()));
    }

    #[test]
    fn without_a_seed_each_take_draws_its_own() {
        let takes = expand(planned(None), 8, None, true);
        let seeds: HashSet<_> = takes.iter().map(|t| t.resolved.seed.expect("a seed")).collect();
        assert_eq!(seeds.len(), 8, "distinct seeds");
        assert!(seeds.iter().all(|s| (0..=RANDOM_SEED_MAX).contains(s)));
    }

    #[test]
    fn a_route_without_seed_gets_no_seed_and_a_note() {
        let takes = expand(planned(None), 2, Some(7), false);
        assert!(takes.iter().all(|t| t.resolved.seed.is_none()));
        assert_eq!(takes[1].parity[0].message, "this route takes no seed: its takes differ only by chance");
        let single = expand(planned(None), 1, None, false);
        assert_eq!((single.len(), single[0].parity.len(), single[0].resolved.seed), (1, 0, None));
    }
}
