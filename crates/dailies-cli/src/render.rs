//! What `dailies` prints: tables for people (progress on stderr), one JSON object for scripts.

use dailies_core::api::{ClipStatus, ClipView, RunPlan, RunSummary, RunView};
use dailies_core::engine::ResumeReport;

use crate::costs::{clip_cost, cost_parts, total_cost};
use dailies_core::Studio;
use serde_json::{json, Value};

pub fn estimate(plan: &RunPlan) {
    let mode = if plan.demo { " (demo: simulated, no charges)" } else { "" };
    eprintln!("Estimate{mode}: ${:.2}", plan.estimated_cost_usd);
    for c in &plan.clips {
        let r = &c.resolved;
        eprintln!(
            "  {:<28} {:>3} s {:<5} {:<6} audio {:<3}  ${:.3}/s  ${:.2}",
            format!("{}@{}", c.model, c.route),
            r.duration_s,
            r.aspect,
            r.resolution,
            if r.audio { "on" } else { "off" },
            c.usd_per_second,
            c.estimated_cost_usd
        );
        for n in &c.parity {
            eprintln!("      parity: {}", n.message);
        }
        if c.lifecycle.state != dailies_core::catalog::LifecycleState::Active {
            let note = c.lifecycle.note.clone().unwrap_or_default();
            eprintln!("      lifecycle: {:?} {}", c.lifecycle.state, note);
        }
    }
}

/// Prints one stderr line per clip status change until aborted.
pub fn follow_progress(studio: &Studio) -> tokio::task::JoinHandle<()> {
    let mut rx = studio.subscribe();
    tokio::spawn(async move {
        let mut last: std::collections::HashMap<String, (ClipStatus, Option<u32>)> = Default::default();
        while let Ok(c) = rx.recv().await {
            let key = (c.status, c.queue_position);
            if last.insert(c.id.clone(), key) == Some(key) {
                continue;
            }
            let detail = match (c.status, c.queue_position) {
                (ClipStatus::Queued, Some(p)) => format!("queued (position {p})"),
                (ClipStatus::Failed | ClipStatus::Unknown | ClipStatus::Canceled, _) => {
                    format!("{}: {}", c.status.as_str(), c.error.as_ref().map_or("", |e| e.message.as_str()))
                }
                (s, _) => s.as_str().to_string(),
            };
            eprintln!("  [{}@{}] {detail}", c.model, c.route);
        }
    })
}

/// The last 8 characters of an id.
pub fn short_id(id: &str) -> &str {
    &id[id.len().saturating_sub(8)..]
}

pub fn secs(ms: Option<i64>) -> String {
    ms.map_or("–".into(), |m| format!("{:.1} s", m as f64 / 1000.0))
}

pub fn clip_json(c: &ClipView) -> Value {
    json!({
        "clip_id": c.id,
        "model": c.model,
        "model_name": c.model_name,
        "route": c.route,
        "endpoint": c.endpoint,
        "status": c.status,
        "error": c.error.as_ref().map(|e| e.message.clone()),
        "error_code": c.error.as_ref().map(|e| e.code.clone()),
        "estimated_cost_usd": c.estimated_cost_usd,
        "cost_usd": c.cost_usd,
        "cost_kind": c.cost_kind,
        "billed_cost_usd": c.billed_cost_usd,
        "latency_ms": c.latency_ms,
        "file": c.file,
        "width": c.width,
        "height": c.height,
        "duration_s": c.duration_s,
        "has_audio": c.has_audio,
        "provider_job_id": c.provider_job_id,
        "parity": c.parity,
        "resolved": c.resolved,
        // The elements the clip was sent with, @Element1 first (none where the route took none).
        "elements": c.resolved.elements,
        "remix_of": c.remix_of,
        "continues": c.continues,
        "rating": c.rating,
        "tags": c.tags,
        "note": c.note,
        "take": c.take,
    })
}

pub fn run_json(v: &RunView) -> Value {
    let (billed, estimated) = cost_parts(&v.clips);
    json!({
        "run_id": v.run_id,
        "prompt": v.prompt,
        "created_at": v.created_at,
        "demo": v.demo,
        "params": v.params,
        "parent_run_id": v.parent_run_id,
        "estimated_cost_usd": v.estimated_cost_usd,
        "cost_usd": billed + estimated,
        "cost_billed_usd": billed,
        "cost_estimated_usd": estimated,
        "winner_clip_id": v.winner_clip_id,
        "clips": v.clips.iter().map(clip_json).collect::<Vec<_>>(),
    })
}

fn print_clip(c: &ClipView) {
    // The short clip id is what `dailies remix` and `dailies cancel` take: the id's random
    // end, since ids of one run share their time-ordered start.
    let head = format!("{} {}@{}", short_id(&c.id), c.model, c.route);
    match c.status {
        ClipStatus::Succeeded => {
            let l = &c.latency_ms;
            println!(
                "  {head:<37} succeeded  {}  {} (queue {}, generate {}, download {})  {}x{} {:.1} s{}",
                clip_cost(c),
                secs(l.total),
                secs(l.queued),
                secs(l.generating),
                secs(l.downloading),
                c.width.unwrap_or(0),
                c.height.unwrap_or(0),
                c.duration_s.unwrap_or(0.0),
                if c.has_audio == Some(true) { " audio" } else { "" }
            );
            if let Some(f) = &c.file {
                println!("      {f}");
            }
        }
        s => println!("  {head:<37} {:<10} {}", s.as_str(), c.error.as_ref().map_or("", |e| e.message.as_str())),
    }
    for (i, e) in c.resolved.elements.iter().enumerate() {
        let name = e.name.as_deref().map(|n| format!("{n}: ")).unwrap_or_default();
        let views = e.reference_images.len();
        println!(
            "      @Element{} {name}{} (+{views} view{})",
            i + 1,
            e.frontal_image,
            if views == 1 { "" } else { "s" }
        );
    }
    for n in &c.parity {
        println!("      parity: {}", n.message);
    }
    if let Some(r) = c.rating {
        println!("      rated {}", crate::library::stars(r));
    }
}

pub fn compare_result(v: &RunView, json: bool) {
    if json {
        println!("{}", run_json(v));
        return;
    }
    run(v, false);
}

pub fn run(v: &RunView, json: bool) {
    if json {
        println!("{}", run_json(v));
        return;
    }
    let (billed, estimated) = cost_parts(&v.clips);
    println!("run {}  {}{}", v.run_id, v.created_at, if v.demo { "  (demo)" } else { "" });
    println!("prompt: {}", v.prompt);
    println!("estimated ${:.2}, spent {}", v.estimated_cost_usd, total_cost(billed, estimated));
    v.clips.iter().for_each(print_clip);
}

pub fn runs(runs: &[RunSummary], json: bool) {
    if json {
        println!("{}", serde_json::to_string(runs).expect("summaries serialise"));
        return;
    }
    if runs.is_empty() {
        println!("no runs yet — try `dailies compare --demo --prompt \"a lighthouse in fog\" --model kling-3.0-pro --model sora-2-pro`");
    }
    for r in runs {
        let prompt: String = r.prompt.chars().take(48).collect();
        println!(
            "{}  {}  {} ok / {} failed / {} running  {}{}{}  {prompt}",
            &r.run_id,
            &r.created_at[..19.min(r.created_at.len())],
            r.succeeded,
            r.failed,
            r.running,
            total_cost(r.cost_billed_usd, r.cost_estimated_usd),
            if r.demo { " demo" } else { "" },
            r.best_rating.map(|b| format!(" {}", crate::library::stars(b))).unwrap_or_default(),
        );
    }
}

pub fn resume(report: &ResumeReport, clips: &[ClipView], json: bool) {
    if json {
        println!("{}", json!({"report": report, "clips": clips.iter().map(clip_json).collect::<Vec<_>>()}));
        return;
    }
    println!(
        "resumed {} clip(s); {} unknown (may have been charged, not resubmitted); {} could not continue; \
         {} followed by another running Dailies",
        report.resumed.len(),
        report.unknown.len(),
        report.failed.len(),
        report.elsewhere.len()
    );
    clips.iter().for_each(print_clip);
}

pub fn canceled(outcome: &dailies_core::api::CancelOutcome, json: bool) {
    if json {
        println!("{}", json!({"message": outcome.message, "clip": clip_json(&outcome.clip)}));
        return;
    }
    println!("{}", outcome.message);
    print_clip(&outcome.clip);
}
