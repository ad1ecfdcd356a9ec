//! `dailies extend CLIP [--prompt TEXT] [--duration S]`: continue a finished clip on its own
//! route's extend endpoint. Planned, budgeted, confirmed and followed like a comparison.

use std::process::ExitCode;

use clap::Args;
use dailies_core::api::ExtendRequest;
use dailies_core::{Error, Studio};

use crate::args::SpendArgs;
use crate::{compare, demo};

#[derive(Args, Debug)]
pub struct ExtendArgs {
    /// The clip to extend (id or the short id `dailies show` prints).
    pub clip_id: String,
    /// What happens next; without it the source's prompt continues.
    #[arg(long)]
    pub prompt: Option<String>,
    /// Seconds to add (the route's allowed values; its default without this flag).
    #[arg(long, value_name = "S")]
    pub duration: Option<u32>,
    #[command(flatten)]
    pub spend: SpendArgs,
}

pub async fn run(studio: &Studio, args: ExtendArgs) -> Result<ExitCode, Error> {
    let _sim = if args.spend.demo { Some(demo::attach(studio).await?) } else { None };
    let request = ExtendRequest {
        clip_id: args.clip_id,
        prompt: args.prompt,
        duration_s: args.duration,
        max_cost_usd: args.spend.max_cost,
    };
    let plan = studio.plan_extend(&request).await?;
    compare::execute(studio, &plan, &args.spend).await
}
