//! `dailies library where | move DIR`: where the library lives, and moving it safely.
//!
//! A subcommand, not `settings set library.path`: settings are values stored *in* the
//! library and applied at once, while a move is a long copy → verify → switch → remove that
//! reports progress and can fail half-way, and its result (the pointer file) lives outside.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Subcommand;
use dailies_core::paths::{self, LibraryLocation, LocationSource};
use dailies_core::relocate::{self, MoveProgress, MoveStage};
use dailies_core::{Error, Studio};

#[derive(Subcommand, Debug)]
pub enum LibraryAction {
    /// Print the library's folder, what chose it, and the pointer file a move writes.
    Where {
        #[arg(long)]
        json: bool,
    },
    /// Move the library (database and media) to DIR, an empty or new folder: copy, verify,
    /// switch, then remove the old one. A crash at any point leaves a working library.
    Move {
        dir: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

pub async fn run(studio: &Studio, explicit: Option<PathBuf>, action: LibraryAction) -> Result<ExitCode, Error> {
    finish_earlier_move();
    match action {
        LibraryAction::Where { json } => {
            let location = paths::location(explicit);
            if json {
                println!("{}", serde_json::to_string(&location).unwrap_or_default());
            } else {
                print_location(&location);
            }
        }
        LibraryAction::Move { dir, json } => {
            let source = paths::location(explicit).source;
            let progress: relocate::OnProgress = Arc::new(print_progress);
            let report = studio.move_library(source, &dir, progress).await?;
            eprintln!();
            if json {
                println!("{}", serde_json::to_string(&report).unwrap_or_default());
            } else {
                println!(
                    "moved {} files ({} bytes, {} rows) to {}",
                    report.files, report.bytes, report.rows, report.to
                );
                if !report.old_removed {
                    println!("the old folder {} could not be removed; delete it yourself", report.from);
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn finish_earlier_move() {
    match relocate::finish_interrupted_move() {
        Ok(Some(old)) => eprintln!("finished an earlier move: removed the old library folder {}", old.display()),
        Ok(None) => {}
        Err(e) => eprintln!("warning: an earlier library move is not finished: {e}"),
    }
}

fn print_location(location: &LibraryLocation) {
    let why = match location.source {
        LocationSource::Flag => "--data-dir",
        LocationSource::Environment => "DAILIES_DATA_DIR",
        LocationSource::Moved => "moved there (pointer file)",
        LocationSource::Default => "the OS default",
    };
    println!("{}  ({why})", location.path);
    println!("pointer file: {}", location.pointer_file);
}

/// One line on stderr, rewritten in place while copying.
fn print_progress(p: MoveProgress) {
    let line = match p.stage {
        MoveStage::CopyingDatabase => "copying the database".to_string(),
        MoveStage::CopyingFiles => format!("copying files {} / {} MB", p.done_bytes >> 20, p.total_bytes >> 20),
        MoveStage::Verifying => "verifying the copy".into(),
        MoveStage::Switching => "switching to the new folder".into(),
        MoveStage::RemovingOld => "removing the old folder".into(),
        MoveStage::Done => "done".into(),
    };
    let mut err = std::io::stderr();
    let _ = write!(err, "\r{line:<60}");
    let _ = err.flush();
}
