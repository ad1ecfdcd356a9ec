//! `dailies marker add / list / delete`: notes pinned to a moment of a clip ("the hand melts
//! at 3.2 s"), the same markers the app draws on the player's timeline.

use std::process::ExitCode;

use clap::Subcommand;
use dailies_core::api::TimeNote;
use dailies_core::{Error, Studio};

use crate::render::short_id;

#[derive(Subcommand, Debug)]
pub enum MarkerAction {
    /// Pin a note (1–500 characters) to a moment of a clip.
    Add {
        clip: String,
        /// Seconds from the clip's start (`3.2`) or minutes:seconds (`1:03.2`).
        #[arg(long, value_name = "TIME", value_parser = parse_moment)]
        at: i64,
        text: String,
        #[arg(long)]
        json: bool,
    },
    /// The notes on a run's clips, by clip then time.
    List {
        run: String,
        #[arg(long)]
        json: bool,
    },
    /// Delete a note by its number.
    Delete { id: i64 },
}

pub async fn run(studio: &Studio, action: MarkerAction) -> Result<ExitCode, Error> {
    match action {
        MarkerAction::Add { clip, at, text, json } => {
            let note = studio.add_time_note(&clip, at, &text).await?;
            print_notes(std::slice::from_ref(&note), json, false);
        }
        MarkerAction::List { run, json } => print_notes(&studio.time_notes(&run).await?, json, true),
        MarkerAction::Delete { id } => {
            studio.delete_time_note(id).await?;
            println!("marker {id} deleted");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_notes(notes: &[TimeNote], json: bool, as_list: bool) {
    if json {
        let value = if as_list { serde_json::json!({ "markers": notes }) } else { serde_json::json!(notes[0]) };
        println!("{value}");
        return;
    }
    for n in notes {
        println!("{:>4}  {}  {:>8}  {}", n.id, short_id(&n.clip_id), clock(n.at_ms), n.text);
    }
}

/// `m:ss.mmm`, the player's own clock.
fn clock(ms: i64) -> String {
    format!("{}:{:06.3}", ms / 60_000, (ms % 60_000) as f64 / 1000.0)
}

/// `3.2` or `1:03.2` → milliseconds; clap reports a refusal as a usage error (exit 2).
fn parse_moment(raw: &str) -> Result<i64, String> {
    let bad = || format!("'{raw}' is not a time; give seconds (3.2) or minutes:seconds (1:03.2)");
    let (minutes, seconds) = match raw.trim().split_once(':') {
        Some((m, s)) => (m.parse::<u32>().map_err(|_| bad())?, s),
        None => (0, raw.trim()),
    };
    let seconds: f64 = seconds.parse().map_err(|_| bad())?;
    if !seconds.is_finite() || seconds < 0.0 || (minutes > 0 && seconds >= 60.0) {
        return Err(bad());
    }
    Ok(i64::from(minutes) * 60_000 + (seconds * 1000.0).round() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_read_as_seconds_or_minutes_and_seconds() {
        assert_eq!(parse_moment("3.2"), Ok(3200));
        assert_eq!(parse_moment("1:03.25"), Ok(63_250));
        assert_eq!(parse_moment("0"), Ok(0));
        for bad in ["-1", "abc", "1:75", "nan", "inf", ""] {
            assert!(parse_moment(bad).is_err(), "{bad}");
        }
        assert_eq!(clock(63_250), "1:03.250");
    }
}
