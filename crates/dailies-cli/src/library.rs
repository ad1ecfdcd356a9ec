//! What `dailies` prints for the library: ratings, per-model stats, votes, the leaderboard.

use dailies_core::api::{ClipView, LeaderRow, ModelStats};
use serde_json::json;

use crate::render::{clip_json, secs, short_id};

/// `★★★☆☆`
pub fn stars(n: u8) -> String {
    let n = usize::from(n.min(5));
    format!("{}{}", "★".repeat(n), "☆".repeat(5 - n))
}

pub fn rated(clip: &ClipView, json: bool) {
    if json {
        println!("{}", clip_json(clip));
        return;
    }
    match clip.rating {
        Some(r) => println!("{} {}@{} rated {}", short_id(&clip.id), clip.model, clip.route, stars(r)),
        None => println!("{} {}@{} rating cleared", short_id(&clip.id), clip.model, clip.route),
    }
}

pub fn stats(rows: &[ModelStats], json: bool) {
    if json {
        println!("{}", serde_json::to_string(rows).expect("stats serialise"));
        return;
    }
    if rows.is_empty() {
        println!("no finished clips yet (demo clips are left out; add --include-demo to count them)");
        return;
    }
    println!(
        "{:<30} {:>9} {:>8} {:>8} {:>8} {:>9} {:>8}  {:<14} stars",
        "model@route", "delivered", "p50", "p95", "queue50", "$/clip", "$/s", "cost is"
    );
    for r in rows {
        let money = |v: Option<f64>| v.map_or("–".into(), |v| format!("${v:.3}"));
        println!(
            "{:<30} {:>9} {:>8} {:>8} {:>8} {:>9} {:>8}  {:<14} {}",
            format!("{}@{}", r.model, r.route),
            format!("{}/{}", r.succeeded, r.clips),
            secs(r.p50_total_ms),
            secs(r.p95_total_ms),
            secs(r.p50_queued_ms),
            money(r.mean_cost_usd),
            money(r.usd_per_video_second),
            cost_is(r.billed_share),
            r.mean_rating.map_or("–".into(), |m| format!("{m:.1} ({})", r.rated)),
        );
    }
}

/// Whether a row's $/clip and $/s are what providers billed, catalog estimates, or a mix.
fn cost_is(billed_share: Option<f64>) -> String {
    match billed_share {
        None => "–".into(),
        Some(s) if s >= 1.0 => "billed".into(),
        Some(s) if s <= 0.0 => "est.".into(),
        Some(s) => format!("{:.0} % billed", s * 100.0),
    }
}

pub fn voted(votes_in_run: u32, json: bool) {
    if json {
        println!("{}", json!({"votes_in_run": votes_in_run}));
    } else {
        println!("vote recorded ({votes_in_run} in this run); see `dailies leaderboard`");
    }
}

pub fn leaderboard(rows: &[LeaderRow], json: bool) {
    if json {
        println!("{}", serde_json::to_string(rows).expect("leaderboard serialises"));
        return;
    }
    if rows.is_empty() {
        println!("no votes yet: compare two clips of a run blind in the app, or `dailies vote A B --winner left`");
    }
    for (i, r) in rows.iter().enumerate() {
        println!(
            "{:>2}. {:<30} {:>5}  {:<16}  {} won, {} lost, {} tied{}",
            i + 1,
            format!("{}@{}", r.model, r.route),
            r.rating,
            // Resampling a handful of votes gives an interval narrower than the truth.
            if r.wins + r.losses + r.ties >= 5 {
                format!("(95% {}–{})", r.rating_low, r.rating_high)
            } else {
                "(5+ votes for 95%)".to_string()
            },
            r.wins,
            r.losses,
            r.ties,
            if r.preliminary { "  (preliminary)" } else { "" }
        );
    }
}
