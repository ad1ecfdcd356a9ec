//! `dailies`: the command-line face of the same core the app uses. Its flags, JSON and
//! exit codes are a contract scripts depend on: 0 all clips succeeded, 1 any failed,
//! 2 invalid input (always detected before any network request).

#![allow(clippy::print_stdout, reason = "stdout is the CLI's contract: tables and --json")]

mod args;
mod batch;
mod bench;
mod bench_eta;
mod bench_library;
mod compare;
mod costs;
mod curate;
mod demo;
mod elements;
mod export;
mod extend;
mod iterate;
mod keys;
mod library;
mod library_move;
mod lint;
mod markers;
mod models;
mod overrides;
mod preview;
mod render;
mod runs;
mod settings;
mod trash;

use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use dailies_core::api::{VoteRequest, VoteWinner};
use dailies_core::catalog::Catalog;
use dailies_core::secrets::KeyringStore;
use dailies_core::{Error, PollPolicy, Studio, StudioOptions};

use args::{Cli, Command};

#[tokio::main]
async fn main() -> ExitCode {
    // Rust ignores SIGPIPE, so `dailies runs --json | head` panicked printing into the closed
    // pipe; a command-line tool ends quietly there, like every other Unix tool.
    sigpipe::reset();
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("DAILIES_LOG").unwrap_or_else(|_| "warn".into()))
        .with_writer(std::io::stderr)
        .init();
    match run(cli).await {
        Ok(code) => code,
        Err(e) => {
            // Errors can quote a provider's reply; no key leaves through this line.
            eprintln!("error: {}", dailies_core::redact::scrub(&e.to_string()));
            ExitCode::from(exit_code_for(&e))
        }
    }
}

fn exit_code_for(e: &Error) -> u8 {
    match e {
        // An id that names nothing is bad input too: the message starts with what it named.
        Error::Input(_) | Error::NotFound { .. } => 2,
        _ => 1,
    }
}

async fn open_studio(cli: &Cli) -> Result<Studio, Error> {
    let data_dir = dailies_core::paths::data_dir(cli.data_dir.clone());
    Studio::open(StudioOptions {
        catalog: Catalog::with_overlays(&data_dir)?,
        data_dir,
        secrets: Arc::new(KeyringStore::from_env()),
        poll: PollPolicy::default(),
    })
    .await
}

async fn run(cli: Cli) -> Result<ExitCode, Error> {
    if let Command::Sim { addr } = &cli.command {
        return demo::serve_forever(addr).await;
    }
    if let Command::Bench { out, clips, library_runs, keep, allow_debug_build, eta_job_s } = &cli.command {
        // A debug build is 10-50x slower in exactly the code measured: its rows would mislead.
        if cfg!(debug_assertions) && !allow_debug_build {
            return Err(dailies_core::InputError::InvalidValue {
                field: "build".into(),
                value: "debug".into(),
                allowed: vec![
                    "a release build (cargo run --release -p dailies-cli -- bench)".into(),
                    "--allow-debug-build to measure this one anyway (the report says so)".into(),
                ],
            }
            .into());
        }
        let keep_in = match (keep, cli.data_dir.as_deref()) {
            (false, _) => None,
            (true, Some(dir)) => Some(dir),
            (true, None) => {
                return Err(dailies_core::InputError::InvalidValue {
                    field: "keep".into(),
                    value: "without --data-dir".into(),
                    allowed: vec!["--keep with --data-dir DIR (a folder for the synthetic library)".into()],
                }
                .into())
            }
        };
        return bench::run(out, *clips, library_runs, keep_in, *eta_job_s).await;
    }
    if let Command::Keys { action } = &cli.command {
        return keys::run(action);
    }
    let studio = open_studio(&cli).await?;
    match cli.command {
        Command::Compare(args) => compare::run(&studio, *args).await,
        Command::Preview(args) => preview::run(&studio, *args).await,
        Command::Runs(args) => runs::run(&studio, args).await,
        Command::Lint(args) => lint::run(&studio, args),
        Command::Rate { clip_id, stars, json } => {
            let clip = studio.rate_clip(&clip_id, parse_stars(&stars)?).await?;
            library::rated(&clip, json);
            Ok(ExitCode::SUCCESS)
        }
        Command::Vote { left, right, winner, criterion, json } => {
            let winner = match winner {
                args::Winner::Left => VoteWinner::Left,
                args::Winner::Right => VoteWinner::Right,
                args::Winner::Tie => VoteWinner::Tie,
            };
            let request = VoteRequest { left_clip_id: left, right_clip_id: right, winner, criterion };
            let votes = studio.vote(&request).await?;
            library::voted(votes, json);
            Ok(ExitCode::SUCCESS)
        }
        Command::Leaderboard { criterion, json } => {
            library::leaderboard(&studio.leaderboard(criterion.as_deref()).await?, json);
            Ok(ExitCode::SUCCESS)
        }
        Command::Stats { json, include_demo } => {
            library::stats(&studio.model_stats(include_demo).await?, json);
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { run_id, json } => {
            let run = studio.run(&run_id).await?;
            render::run(&run, json);
            Ok(ExitCode::SUCCESS)
        }
        Command::Models { json } => {
            models::print(&studio.models(), json);
            Ok(ExitCode::SUCCESS)
        }
        Command::Remix(args) => compare::remix(&studio, args).await,
        Command::Extend(args) => extend::run(&studio, args).await,
        Command::Curate(command) => curate::run(&studio, command).await,
        Command::Settings { action } => settings::run(&studio, action).await,
        Command::Library { action } => library_move::run(&studio, cli.data_dir.clone(), action).await,
        Command::Trash(command) => trash::run(&studio, command).await,
        Command::Marker { action } => markers::run(&studio, action).await,
        Command::Element { action } => elements::run(&studio, action).await,
        Command::Rerun(args) => iterate::rerun(&studio, args).await,
        Command::Batch(args) => batch::run(&studio, *args).await,
        Command::Cancel { clip_id, json } => {
            let outcome = studio.cancel_clip(&clip_id).await?;
            render::canceled(&outcome, json);
            Ok(ExitCode::SUCCESS)
        }
        Command::Resume { json } => {
            let report = studio.resume().await?;
            let mut ok = report.unknown.is_empty() && report.failed.is_empty();
            let mut views = Vec::new();
            for id in &report.resumed {
                let row = studio.store().clip(id).await?;
                ok &= row.status() == dailies_core::api::ClipStatus::Succeeded;
                views.push(row.into_view());
            }
            render::resume(&report, &views, json);
            Ok(if ok { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Command::Export { run_id, format, out } => export::document(&studio, &run_id, format, out.as_deref()).await,
        Command::ExportVideo { run_id, out, layout, audio, json } => {
            export::video(&studio, run_id, out, layout, audio, json).await
        }
        Command::Posters { json } => export::posters(&studio, json).await,
        Command::Sim { .. } | Command::Keys { .. } | Command::Bench { .. } => {
            unreachable!("handled before opening the library")
        }
    }
}

/// `1`–`5` stars, or `none` to clear.
fn parse_stars(stars: &str) -> Result<Option<u8>, Error> {
    match stars.trim() {
        "none" | "0" => Ok(None),
        s => match s.parse::<u8>() {
            Ok(n @ 1..=5) => Ok(Some(n)),
            _ => Err(dailies_core::InputError::InvalidValue {
                field: "stars".into(),
                value: stars.into(),
                allowed: ["1", "2", "3", "4", "5", "none"].map(String::from).to_vec(),
            }
            .into()),
        },
    }
}
