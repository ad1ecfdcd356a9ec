//! `dailies models`: every model@route with its allowed values and price, and what else it
//! takes beyond a prompt — motion control (`[route.motion]`) and extend (`[route.extend]`) —,
//! since a creator picks the model for a reference video or an extension by those.

use dailies_core::api::{ExtendInfo, ModelInfo, MotionInfo, RouteInfo};
use dailies_core::catalog::{LifecycleState, PriceSpec};
use serde_json::{json, Value};

pub fn print(models: &[ModelInfo], json: bool) {
    if json {
        println!("{}", Value::Array(json_rows(models)));
        return;
    }
    for m in models {
        for r in &m.routes {
            println!("{}", table_line(&m.id, r));
        }
    }
    crate::costs::charge_notes(models);
}

/// One object per model@route; `motion` and `extend` are `null` where the route has none.
fn json_rows(models: &[ModelInfo]) -> Vec<Value> {
    models
        .iter()
        .flat_map(|m| {
            m.routes.iter().map(move |r| {
                json!({
                    "id": format!("{}@{}", m.id, r.route),
                    "model": m.id, "name": m.name, "family": m.family, "vendor": m.vendor,
                    "route": r.route, "endpoint": r.endpoint, "lifecycle": r.lifecycle,
                    "durations": r.durations, "aspects": r.aspects, "resolutions": r.resolutions,
                    "audio": r.audio, "negative_prompt": r.negative_prompt, "seed": r.seed,
                    "defaults": {"duration": r.default_duration, "aspect": r.default_aspect, "resolution": r.default_resolution, "audio": r.default_audio},
                    "price": r.price, "usd_per_second": r.usd_per_second, "key_available": r.key_available,
                    "reports_charge": r.reports_charge, "charge_note": r.charge_note,
                    "motion": r.motion, "extend": r.extend,
                })
            })
        })
        .collect()
}

fn table_line(model: &str, r: &RouteInfo) -> String {
    let life = match (&r.lifecycle.state, &r.lifecycle.date) {
        (LifecycleState::Active, _) => String::new(),
        (s, Some(d)) => format!("  [{s:?} {d}]").to_lowercase(),
        (s, None) => format!("  [{s:?}]").to_lowercase(),
    };
    let takes: String = [r.motion.as_ref().map(motion_label), r.extend.as_ref().map(extend_label)]
        .into_iter()
        .flatten()
        .map(|t| format!("  {t}"))
        .collect();
    format!(
        "{:<30} ${:.3}/s  {:<9} {:<14} {:<12} audio {}{life}{takes}",
        format!("{model}@{}", r.route),
        r.usd_per_second,
        seconds(&r.durations),
        r.aspects.join(","),
        r.resolutions.join(","),
        r.audio.iter().map(|a| if *a { "on" } else { "off" }).collect::<Vec<_>>().join("/"),
    )
}

/// `motion 3–10 s (image) / 3–30 s (video) $0.168/s`: the reference's length per orientation
/// (the clip lasts as long as the reference) and the price per output second.
fn motion_label(m: &MotionInfo) -> String {
    format!(
        "motion {min}–{} s (image) / {min}–{} s (video) {}",
        m.max_seconds_image,
        m.max_seconds_video,
        price_range(&m.price),
        min = m.min_seconds
    )
}

/// `extend +7 s $0.200/s`: the seconds an extension may add and its price per second.
fn extend_label(e: &ExtendInfo) -> String {
    format!("extend +{} ${:.3}/s", seconds(&e.durations), e.usd_per_second)
}

/// `3–15 s` for a long list, `4/8/12 s` for a short one.
fn seconds(durations: &[u32]) -> String {
    match (durations.first(), durations.last()) {
        (Some(a), Some(b)) if durations.len() > 3 => format!("{a}–{b} s"),
        _ => format!("{} s", durations.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("/")),
    }
}

/// The lowest and highest per-second rate of a price (one figure when they agree).
fn price_range(price: &PriceSpec) -> String {
    let rates = price.rules.iter().filter_map(|r| r.usd_per_second);
    let (lo, hi) = rates.fold((f64::INFINITY, 0.0_f64), |(lo, hi), x| (lo.min(x), hi.max(x)));
    match lo {
        lo if !lo.is_finite() => "price unknown".into(),
        lo if (hi - lo).abs() < 1e-9 => format!("${lo:.3}/s"),
        lo => format!("${lo:.3}–{hi:.3}/s"),
    }
}

#[cfg(test)]
mod tests {
    use dailies_core::catalog::{PriceRule, PriceSpec};

    use super::{price_range, seconds};

    #[test]
    fn durations_read_as_a_range_or_a_short_list() {
        assert_eq!(seconds(&[3, 4, 5, 6, 7]), "3–7 s");
        assert_eq!(seconds(&[4, 8, 12]), "4/8/12 s");
        assert_eq!(seconds(&[7]), "7 s");
    }

    #[test]
    fn a_price_reads_as_one_rate_or_its_range() {
        let rule = |x: Option<f64>| PriceRule { usd_per_second: x, ..PriceRule::default() };
        let spec = |rules| PriceSpec {
            rules,
            source: String::new(),
            as_of: String::new(),
            usd_per_million_tokens: None,
            usd_per_unit: None,
        };
        assert_eq!(price_range(&spec(vec![rule(Some(0.168))])), "$0.168/s");
        assert_eq!(price_range(&spec(vec![rule(Some(0.2)), rule(Some(0.1))])), "$0.100–0.200/s");
        assert_eq!(price_range(&spec(vec![rule(None)])), "price unknown");
    }
}
