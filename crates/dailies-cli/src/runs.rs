//! `dailies runs`: the library's runs, newest first, narrowed by words and filters.

use std::process::ExitCode;

use clap::Args;
use dailies_core::api::LibraryQuery;
use dailies_core::{Error, Studio};

#[derive(Args, Debug)]
pub struct RunsArgs {
    #[arg(long)]
    pub json: bool,
    #[arg(long, default_value_t = 50)]
    pub limit: u32,
    /// Words that must all match (prompt, or a clip's tags and note); accents and case are
    /// ignored, punctuation is not syntax, and the last word also matches as a prefix.
    #[arg(long, value_name = "WORDS")]
    pub search: Option<String>,
    /// Only runs with a clip of this model (`id` or `id@route`).
    #[arg(long, value_name = "ID")]
    pub model: Option<String>,
    /// Only runs with a clip through this route (fal, openai, replicate, ...).
    #[arg(long, value_name = "ROUTE")]
    pub route: Option<String>,
    /// Only runs with a clip in this state (succeeded, failed, canceled, ...).
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,
    /// Only runs with a clip rated at least this many stars (1–5).
    #[arg(long, value_name = "STARS")]
    pub min_rating: Option<u8>,
    /// Only runs with a clip carrying this tag.
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// Only runs with a clip on this board (name or id).
    #[arg(long, value_name = "BOARD")]
    pub board: Option<String>,
    /// Created on or after this UTC day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
    /// Created on or before this UTC day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<String>,
    /// Only runs whose clips cost at most this (delivered cost, else the estimate).
    #[arg(long, value_name = "USD", allow_negative_numbers = true)]
    pub max_cost: Option<f64>,
}

pub async fn run(studio: &Studio, args: RunsArgs) -> Result<ExitCode, Error> {
    let query = LibraryQuery {
        text: args.search,
        model: args.model,
        min_rating: args.min_rating,
        limit: Some(args.limit),
        route: args.route,
        status: args.status,
        tag: args.tag,
        board: args.board,
        since: args.since,
        until: args.until,
        max_cost_usd: args.max_cost,
        cursor: None,
    };
    crate::render::runs(&studio.search_runs(&query).await?, args.json);
    Ok(ExitCode::SUCCESS)
}
