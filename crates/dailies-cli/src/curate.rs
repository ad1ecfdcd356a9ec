//! `dailies tag / untag / winner / note / board`: curating the library from scripts.

use std::process::ExitCode;

use clap::Subcommand;
use dailies_core::api::{Board, ClipView, RunView};
use dailies_core::{Error, InputError, Studio};

use crate::render::{clip_json, short_id};

#[derive(Subcommand, Debug)]
pub enum CurateCommand {
    /// Add tags to a clip (trimmed, lower-cased, 1–64 characters each).
    Tag {
        clip: String,
        #[arg(required = true, value_name = "TAG")]
        tags: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Remove tags from a clip.
    Untag {
        clip: String,
        #[arg(required = true, value_name = "TAG")]
        tags: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Name a clip its run's winner, or clear it with --clear.
    Winner {
        run: String,
        #[arg(required_unless_present = "clear")]
        clip: Option<String>,
        #[arg(long, conflicts_with = "clip")]
        clear: bool,
        #[arg(long)]
        json: bool,
    },
    /// Set a clip's short note (at most 500 characters), or clear it with --clear.
    Note {
        clip: String,
        #[arg(required_unless_present = "clear")]
        text: Option<String>,
        #[arg(long, conflicts_with = "text")]
        clear: bool,
        #[arg(long)]
        json: bool,
    },
    /// Boards: named collections of clips (a clip can be on many).
    Board {
        #[command(subcommand)]
        action: BoardAction,
    },
}

#[derive(Subcommand, Debug)]
pub enum BoardAction {
    /// List boards with how many clips each holds.
    List {
        #[arg(long)]
        json: bool,
    },
    Create {
        name: String,
        #[arg(long)]
        json: bool,
    },
    /// Rename BOARD (its name or number).
    Rename {
        board: String,
        name: String,
        #[arg(long)]
        json: bool,
    },
    /// Delete BOARD; its clips stay in the library.
    Delete { board: String },
    /// Put clips on BOARD.
    Add {
        board: String,
        #[arg(required = true, value_name = "CLIP")]
        clips: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Take clips off BOARD.
    Remove {
        board: String,
        #[arg(required = true, value_name = "CLIP")]
        clips: Vec<String>,
        #[arg(long)]
        json: bool,
    },
}

pub async fn run(studio: &Studio, command: CurateCommand) -> Result<ExitCode, Error> {
    match command {
        CurateCommand::Tag { clip, tags, json } => clip_out(&studio.tag_clip(&clip, &tags).await?, json),
        CurateCommand::Untag { clip, tags, json } => clip_out(&studio.untag_clip(&clip, &tags).await?, json),
        CurateCommand::Note { clip, text, clear, json } => {
            let text = if clear { None } else { text };
            clip_out(&studio.set_note(&clip, text.as_deref()).await?, json)
        }
        CurateCommand::Winner { run, clip, clear, json } => {
            let clip = if clear { None } else { clip };
            winner_out(&studio.set_winner(&run, clip.as_deref()).await?, json)
        }
        CurateCommand::Board { action } => board(studio, action).await?,
    }
    Ok(ExitCode::SUCCESS)
}

async fn board(studio: &Studio, action: BoardAction) -> Result<(), Error> {
    match action {
        BoardAction::List { json } => boards_out(&studio.boards().await?, json),
        BoardAction::Create { name, json } => board_out(&studio.create_board(&name).await?, json),
        BoardAction::Rename { board, name, json } => {
            let id = studio.find_board(&board).await?.id;
            board_out(&studio.rename_board(id, &name).await?, json);
        }
        BoardAction::Delete { board } => {
            let found = studio.find_board(&board).await?;
            studio.delete_board(found.id).await?;
            println!("board '{}' deleted; its clips stay in the library", found.name);
        }
        BoardAction::Add { board, clips, json } => {
            let id = studio.find_board(&board).await?.id;
            board_out(&studio.add_to_board(id, &clips).await?, json);
        }
        BoardAction::Remove { board, clips, json } => {
            let id = studio.find_board(&board).await?.id;
            board_out(&studio.remove_from_board(id, &clips).await?, json);
        }
    }
    Ok(())
}

fn clip_out(clip: &ClipView, json: bool) {
    if json {
        println!("{}", clip_json(clip));
        return;
    }
    let tags = if clip.tags.is_empty() { "no tags".to_string() } else { clip.tags.join(", ") };
    println!("{} {}@{}  tags: {tags}", short_id(&clip.id), clip.model, clip.route);
    if let Some(note) = &clip.note {
        println!("  note: {note}");
    }
}

fn winner_out(run: &RunView, json: bool) {
    if json {
        let out = serde_json::json!({ "run_id": run.run_id, "winner_clip_id": run.winner_clip_id });
        println!("{out}");
        return;
    }
    match run.clips.iter().find(|c| Some(&c.id) == run.winner_clip_id.as_ref()) {
        Some(c) => println!("run {}: winner {} {}@{}", run.run_id, short_id(&c.id), c.model, c.route),
        None => println!("run {}: no winner", run.run_id),
    }
}

fn board_out(board: &Board, json: bool) {
    if json {
        println!("{}", serde_json::to_string(board).expect("board serialises"));
    } else {
        println!("board {} '{}': {} clip(s)", board.id, board.name, board.clip_count);
    }
}

fn boards_out(boards: &[Board], json: bool) {
    if json {
        println!("{}", serde_json::to_string(boards).expect("boards serialise"));
        return;
    }
    if boards.is_empty() {
        println!("no boards yet — `dailies board create NAME`");
    }
    for b in boards {
        println!("{:>4}  {:<40} {} clip(s)", b.id, b.name, b.clip_count);
    }
}

/// `--yes` missing where an action cannot be undone.
pub fn confirmation_required(what: &str) -> Error {
    InputError::Library { field: "yes".into(), reason: format!("{what} cannot be undone; pass --yes to confirm") }
        .into()
}
