//! `dailies rerun`: a past run again, as a new run that records it as its parent.

use std::process::ExitCode;

use clap::Args;
use dailies_core::api::RerunRequest;
use dailies_core::{Error, Studio};

use crate::args::SpendArgs;
use crate::{compare, demo};

#[derive(Args, Debug)]
pub struct RerunArgs {
    /// The run to re-run (id or unique id prefix, as `dailies runs` prints it).
    pub run_id: String,
    /// Only the clips that failed, were canceled or ended unknown.
    #[arg(long)]
    pub failed: bool,
    /// Only this model of the run (`id` or `id@route`); repeat for more.
    #[arg(long = "model", value_name = "ID")]
    pub models: Vec<String>,
    /// A new prompt for the new run (default: the run's own).
    #[arg(long, value_name = "TEXT")]
    pub prompt: Option<String>,
    #[command(flatten)]
    pub spend: SpendArgs,
}

/// Plans the re-run, then estimates, confirms and runs it like `dailies compare`.
pub async fn rerun(studio: &Studio, args: RerunArgs) -> Result<ExitCode, Error> {
    let _sim = if args.spend.demo { Some(demo::attach(studio).await?) } else { None };
    let request = RerunRequest {
        run_id: args.run_id.clone(),
        failed_only: args.failed,
        models: args.models.clone(),
        prompt: args.prompt.clone(),
        max_cost_usd: args.spend.max_cost,
    };
    let plan = studio.plan_rerun(&request).await?;
    compare::execute(studio, &plan, &args.spend).await
}
