//! `dailies preview`: what each model would receive for `compare`'s flags — the endpoint,
//! the exact wire fields (a Kling shot list as `multi_prompt`, the same shots as prose where a
//! route has none), the parity notes and the prompt advice. Nothing is submitted or spent.

use std::process::ExitCode;

use dailies_core::{Error, Studio};
use serde_json::json;

use crate::args::CompareArgs;
use crate::{compare, demo};

pub async fn run(studio: &Studio, args: CompareArgs) -> Result<ExitCode, Error> {
    let _sim = if args.spend.demo { Some(demo::attach(studio).await?) } else { None };
    let plan = studio.plan(&compare::request_of(studio, &args).await?)?;
    let previews = studio.preview(&plan)?;
    let specs: Vec<String> = plan.clips.iter().map(|c| format!("{}@{}", c.model, c.route)).collect();
    let advice = studio.lint(&plan.params, &specs)?;
    if args.spend.json {
        let models: Vec<_> = previews
            .iter()
            .zip(&advice)
            .map(|(p, a)| json!({ "model": p.model, "route": p.route, "endpoint": p.endpoint, "fields": p.fields, "parity": p.parity, "warnings": a.warnings }))
            .collect();
        println!("{}", json!({ "models": models }));
        return Ok(ExitCode::SUCCESS);
    }
    for (p, a) in previews.iter().zip(&advice) {
        println!("{}@{} → {}", p.model, p.route, p.endpoint);
        let body = serde_json::to_string_pretty(&p.fields).unwrap_or_default();
        for line in body.lines() {
            println!("    {line}");
        }
        for note in &p.parity {
            println!("  parity: {}", note.message);
        }
        for w in &a.warnings {
            println!("  advice: {} ({})", w.message, w.code);
        }
        println!();
    }
    Ok(ExitCode::SUCCESS)
}
