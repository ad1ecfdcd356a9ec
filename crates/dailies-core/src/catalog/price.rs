//! Prices are data with provenance; the estimate is price × seconds actually requested.

use super::params::ResolvedParams;
use super::schema::PriceSpec;

/// The first rule whose conditions hold for these values.
fn matching_rule<'a>(spec: &'a PriceSpec, p: &ResolvedParams) -> Option<&'a super::schema::PriceRule> {
    spec.rules.iter().find(|r| {
        r.audio.is_none_or(|a| a == p.audio)
            && r.resolution.as_ref().is_none_or(|res| res.eq_ignore_ascii_case(&p.resolution))
    })
}

/// Effective price per second of output for these values (per-clip prices spread over the clip).
pub fn usd_per_second(spec: &PriceSpec, p: &ResolvedParams) -> Option<f64> {
    let rule = matching_rule(spec, p)?;
    match (rule.usd_per_second, rule.usd_per_clip) {
        (Some(per_s), _) => Some(per_s),
        (None, Some(per_clip)) if p.duration_s > 0 => Some(per_clip / f64::from(p.duration_s)),
        _ => None,
    }
}

/// Estimated cost of one clip, in USD, rounded to a tenth of a cent.
pub fn estimate_usd(spec: &PriceSpec, p: &ResolvedParams) -> Option<f64> {
    let rule = matching_rule(spec, p)?;
    let raw = match (rule.usd_per_second, rule.usd_per_clip) {
        (Some(per_s), _) => per_s * f64::from(p.duration_s),
        (None, Some(per_clip)) => per_clip,
        _ => return None,
    };
    Some((raw * 1000.0).round() / 1000.0)
}

/// USD per million reported tokens for these values: the matching rule's rate, else the spec's.
pub fn usd_per_million_tokens(spec: &PriceSpec, p: &ResolvedParams) -> Option<f64> {
    matching_rule(spec, p).and_then(|r| r.usd_per_million_tokens).or(spec.usd_per_million_tokens)
}
