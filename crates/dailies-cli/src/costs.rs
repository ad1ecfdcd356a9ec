//! Costs as printed: every amount says whether the provider billed it or the catalog
//! estimated it, and a total says how much of it is billed.

use std::collections::BTreeMap;

use dailies_core::api::{ClipView, CostKind, ModelInfo};

/// A clip's cost with its kind: `$0.56 billed` (the provider's charge) or `$0.56 est.`.
pub fn clip_cost(c: &ClipView) -> String {
    match (c.cost_usd, c.cost_kind) {
        (Some(usd), Some(CostKind::Billed)) => format!("${usd:.2} billed"),
        (Some(usd), _) => format!("${usd:.2} est."),
        (None, _) => "–".into(),
    }
}

/// The delivered clips' cost split into its billed and estimated parts.
pub fn cost_parts(clips: &[ClipView]) -> (f64, f64) {
    clips.iter().fold((0.0, 0.0), |(billed, est), c| match (c.cost_usd, c.cost_kind) {
        (Some(usd), Some(CostKind::Billed)) => (billed + usd, est),
        (Some(usd), _) => (billed, est + usd),
        (None, _) => (billed, est),
    })
}

/// A total that says how much of it is billed: `$1.20 billed`, `$1.20 est.`, `$1.20 (38 % billed)`.
pub fn total_cost(billed: f64, estimated: f64) -> String {
    let total = billed + estimated;
    match share_label(billed, total) {
        Some(label) => format!("${total:.2} {label}"),
        None => format!("${total:.2}"),
    }
}

/// `billed`, `est.` or `(38 % billed)` for a billed part of a total; `None` for a zero total.
pub fn share_label(billed: f64, total: f64) -> Option<String> {
    if total <= 0.0 {
        None
    } else if billed >= total - 1e-9 {
        Some("billed".into())
    } else if billed <= 1e-9 {
        Some("est.".into())
    } else {
        Some(format!("({:.0} % billed)", billed / total * 100.0))
    }
}

/// Once per route, under the models list: where a billed cost comes from, or why it is an estimate.
pub fn charge_notes(models: &[ModelInfo]) {
    let notes: BTreeMap<String, (bool, &str)> = models
        .iter()
        .flat_map(|m| &m.routes)
        .map(|r| (r.route.as_str().to_string(), (r.reports_charge, r.charge_note.as_str())))
        .collect();
    if notes.is_empty() {
        return;
    }
    println!("\ncosts after a run (prices above are the catalog's):");
    for (route, (reported, note)) in notes {
        println!("  {route:<10} {:<7} {note}", if reported { "billed" } else { "est." });
    }
}

#[cfg(test)]
mod tests {
    use super::{share_label, total_cost};

    #[test]
    fn totals_say_how_much_is_billed() {
        assert_eq!(total_cost(1.2, 0.0), "$1.20 billed");
        assert_eq!(total_cost(0.0, 1.2), "$1.20 est.");
        assert_eq!(total_cost(0.62, 0.38), "$1.00 (62 % billed)");
        assert_eq!(total_cost(0.0, 0.0), "$0.00");
        assert_eq!(share_label(0.0, 0.0), None);
    }
}
