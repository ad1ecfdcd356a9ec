//! `dailies batch FILE`: many prompts × the picked models, one run after another. Every line
//! is planned (validated and priced) before the first request, so a bad line 40 costs nothing.

use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use dailies_core::api::{ClipStatus, RunPlan};
use dailies_core::{Error, InputError, Studio};
use serde::Deserialize;
use serde_json::json;

use crate::args::{SpendArgs, ValueArgs};
use crate::{compare, demo, render};

#[derive(Args, Debug)]
pub struct BatchArgs {
    /// One prompt a line (blank and `#` lines skipped) or JSON Lines; `-` reads stdin.
    pub file: PathBuf,
    /// Model for every line without its own `models`; repeat for more.
    #[arg(long = "model", value_name = "ID")]
    pub models: Vec<String>,
    #[command(flatten)]
    pub values: ValueArgs,
    #[command(flatten)]
    pub spend: SpendArgs,
}

/// One JSON Lines entry: a prompt and the values it changes from the flags.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BatchLine {
    prompt: String,
    duration: Option<u32>,
    aspect: Option<String>,
    resolution: Option<String>,
    audio: Option<bool>,
    negative: Option<String>,
    seed: Option<i64>,
    models: Option<Vec<String>>,
}

pub async fn run(studio: &Studio, args: BatchArgs) -> Result<ExitCode, Error> {
    let text = read_input(&args.file)?;
    let _sim = if args.spend.demo { Some(demo::attach(studio).await?) } else { None };
    let plans = plan_all(studio, &text, &args)?;
    let total: f64 = plans.iter().map(|(_, p)| p.estimated_cost_usd).sum();
    let mode = if plans.iter().any(|(_, p)| p.demo) { " (demo: simulated, no charges)" } else { "" };
    let clips: usize = plans.iter().map(|(_, p)| p.clips.len()).sum();
    eprintln!("Batch{mode}: {} prompts, {clips} clips, estimate ${total:.2}", plans.len());
    for (_, plan) in &plans {
        studio.keys_for(plan)?;
    }
    if !plans.iter().all(|(_, p)| p.demo) && !args.spend.yes {
        compare::confirm(total)?;
    }
    let progress = (!args.spend.json || std::io::stderr().is_terminal()).then(|| render::follow_progress(studio));
    let mut views = Vec::new();
    for (k, (line, plan)) in plans.iter().enumerate() {
        eprintln!("[{}/{}] line {line}: {}", k + 1, plans.len(), plan.params.prompt);
        let view = studio.start(plan).await?.finish().await?;
        views.push(view);
    }
    if let Some(p) = progress {
        p.abort();
    }
    let clips: Vec<_> = views.iter().flat_map(|v| &v.clips).collect();
    let succeeded = clips.iter().filter(|c| c.status == ClipStatus::Succeeded).count();
    let spent: f64 = clips.iter().filter_map(|c| c.cost_usd).sum();
    eprintln!("Batch done: {} runs, {succeeded} of {} clips succeeded, ${spent:.2} spent", views.len(), clips.len());
    if args.spend.json {
        println!("{}", json!({"runs": views.iter().map(render::run_json).collect::<Vec<_>>()}));
    } else {
        views.iter().for_each(|v| render::compare_result(v, false));
    }
    Ok(if succeeded == clips.len() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn read_input(file: &PathBuf) -> Result<String, Error> {
    let mut text = String::new();
    if file.as_os_str() == "-" {
        std::io::stdin().read_to_string(&mut text).map_err(|e| Error::io("stdin", e))?;
        return Ok(text);
    }
    std::fs::read_to_string(file).map_err(|e| {
        InputError::Iteration { field: "file".into(), message: format!("cannot read {}: {e}", file.display()) }.into()
    })
}

/// Every line's plan with its 1-based line number, or the first bad line as an input error.
fn plan_all(studio: &Studio, text: &str, args: &BatchArgs) -> Result<Vec<(usize, RunPlan)>, Error> {
    let mut plans = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let plan = plan_line(studio, trimmed, args).map_err(|e| match e {
            LineError::Json(message) => bad_line(line, message),
            LineError::Plan(Error::Input(input)) => bad_line(line, input.to_string()),
            LineError::Plan(other) => other,
        })?;
        plans.push((line, plan));
    }
    if plans.is_empty() {
        return Err(InputError::Iteration { field: "file".into(), message: "no prompt in it".into() }.into());
    }
    Ok(plans)
}

enum LineError {
    Json(String),
    Plan(Error),
}

fn plan_line(studio: &Studio, line: &str, args: &BatchArgs) -> Result<RunPlan, LineError> {
    let (params, models) = if line.starts_with('{') {
        let entry: BatchLine =
            serde_json::from_str(line).map_err(|e| LineError::Json(format!("not a valid JSON line: {e}")))?;
        let mut params = args.values.params(entry.prompt);
        params.duration_s = entry.duration.or(params.duration_s);
        params.aspect = entry.aspect.or(params.aspect);
        params.resolution = entry.resolution.or(params.resolution);
        params.audio = entry.audio.or(params.audio);
        params.negative_prompt = entry.negative.or(params.negative_prompt);
        params.seed = entry.seed.or(params.seed);
        (params, entry.models.unwrap_or_else(|| args.models.clone()))
    } else {
        (args.values.params(line.to_string()), args.models.clone())
    };
    let request = args.values.request(params, models, &args.spend);
    studio.plan(&request).map_err(LineError::Plan)
}

fn bad_line(line: usize, message: String) -> Error {
    InputError::Iteration { field: "file".into(), message: format!("line {line}: {message}") }.into()
}
