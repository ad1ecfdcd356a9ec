//! `dailies lint`: what each model will make of a prompt, from the catalog's advice rules.
//! Advice, never a refusal (exit 0), unless `--strict` and something was said (exit 2).

use std::process::ExitCode;

use clap::Args;
use dailies_core::api::RunPlan;
use dailies_core::catalog::CanonicalParams;
use dailies_core::lint::ModelAdvice;
use dailies_core::{Error, Studio};
use serde_json::json;

#[derive(Args, Debug)]
pub struct LintArgs {
    #[arg(long)]
    pub prompt: String,
    /// Model id or id@route, as `compare` takes it; repeat for more.
    #[arg(long = "model", value_name = "ID", required = true)]
    pub models: Vec<String>,
    /// Checked against each route: warned where a route has no negative prompt.
    #[arg(long, value_name = "TEXT")]
    pub negative: Option<String>,
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub seed: Option<i64>,
    #[arg(long, value_name = "F")]
    pub cfg_scale: Option<f64>,
    /// Print `{"models":[{model, route, tokens, token_limit, chars, char_limit, warnings}]}` on stdout.
    #[arg(long)]
    pub json: bool,
    /// Exit 2 when any model has a warning (for scripts and CI).
    #[arg(long)]
    pub strict: bool,
}

pub fn run(studio: &Studio, args: LintArgs) -> Result<ExitCode, Error> {
    let params = CanonicalParams {
        prompt: args.prompt,
        negative_prompt: args.negative,
        seed: args.seed,
        cfg_scale: args.cfg_scale,
        ..Default::default()
    };
    let advice = studio.lint(&params, &args.models)?;
    if args.json {
        println!("{}", json!({ "models": advice }));
    } else {
        print_human(&advice, &mut std::io::stdout());
    }
    let warned = advice.iter().any(|a| !a.warnings.is_empty());
    Ok(if args.strict && warned { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

/// `compare` prints the advice for the planned clips on stderr, before its estimate.
pub fn print_for_plan(studio: &Studio, plan: &RunPlan) {
    let specs: Vec<String> = plan.clips.iter().map(|c| format!("{}@{}", c.model, c.route)).collect();
    match studio.lint(&plan.params, &specs) {
        Ok(advice) if advice.iter().any(|a| !a.warnings.is_empty()) => {
            eprintln!("Prompt advice:");
            print_human(&advice, &mut std::io::stderr());
        }
        Ok(_) => {}
        // The plan already resolved these models; advice is never a reason to stop.
        Err(e) => tracing::warn!("prompt advice unavailable: {e}"),
    }
}

fn print_human(advice: &[ModelAdvice], out: &mut impl std::io::Write) {
    for a in advice {
        let mut counts = format!("~{} tokens", a.tokens);
        if let Some(limit) = a.token_limit {
            counts += &format!(" (advised ≤ {limit})");
        }
        if let Some(limit) = a.char_limit {
            counts += &format!(", {} / {limit} chars", a.chars);
        }
        // A closed pipe (`| head`) is not an error worth reporting.
        let _ = writeln!(out, "  {:<28} {counts}", format!("{}@{}", a.model, a.route));
        if a.warnings.is_empty() {
            let _ = writeln!(out, "    ok");
        }
        for w in &a.warnings {
            let _ = writeln!(out, "    ! {}: {}\n      source: {}", w.code, w.message, w.source);
        }
    }
}
