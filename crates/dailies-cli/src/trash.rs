//! `dailies rm / restore / trash`: deleting safely. `rm` moves runs and clips to the trash
//! (hidden everywhere, files moved aside); only `trash empty --yes` deletes for good.

use std::process::ExitCode;

use clap::Subcommand;
use dailies_core::api::TrashItem;
use dailies_core::{Error, Studio};

use crate::curate::confirmation_required;
use crate::render::short_id;

#[derive(Subcommand, Debug)]
pub enum TrashCommand {
    /// Move runs or clips (ids or unique prefixes/endings) to the trash.
    Rm {
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Bring a run or clip back from the trash.
    Restore {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// List the trash; `dailies trash empty --yes` deletes its runs, clips and files for good.
    Trash {
        #[command(subcommand)]
        action: Option<TrashAction>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum TrashAction {
    /// Delete everything in the trash for good: rows and media files.
    Empty {
        /// Confirm: this cannot be undone.
        #[arg(long)]
        yes: bool,
        #[arg(long)]
        json: bool,
    },
}

pub async fn run(studio: &Studio, command: TrashCommand) -> Result<ExitCode, Error> {
    match command {
        TrashCommand::Rm { ids, json } => {
            let moved = studio.trash(&ids).await?;
            if json {
                println!("{}", serde_json::json!({ "trashed": moved }));
            } else {
                moved.iter().for_each(|i| println!("moved to the trash: {}", line(i)));
                println!("`dailies restore ID` brings one back; `dailies trash empty --yes` deletes for good");
            }
        }
        TrashCommand::Restore { id, json } => {
            let item = studio.restore(&id).await?;
            if json {
                println!("{}", serde_json::json!({ "restored": item }));
            } else {
                println!("restored: {}", line(&item));
            }
        }
        TrashCommand::Trash { action: None, json } => list(&studio.trash_items().await?, json),
        TrashCommand::Trash { action: Some(TrashAction::Empty { yes, json }), .. } => {
            if !yes {
                return Err(confirmation_required("emptying the trash deletes its runs, clips and files; it"));
            }
            let gone = studio.empty_trash().await?;
            if json {
                println!("{}", serde_json::to_string(&gone).expect("report serialises"));
            } else {
                println!("deleted for good: {} run(s), {} clip(s), {} file(s)", gone.runs, gone.clips, gone.files);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn list(items: &[TrashItem], json: bool) {
    if json {
        println!("{}", serde_json::to_string(items).expect("trash serialises"));
        return;
    }
    if items.is_empty() {
        println!("the trash is empty");
    }
    items.iter().for_each(|i| println!("{}", line(i)));
}

fn line(i: &TrashItem) -> String {
    let prompt: String = i.prompt.chars().take(48).collect();
    let id = match i.kind {
        dailies_core::api::TrashKind::Run => i.id.as_str(),
        dailies_core::api::TrashKind::Clip => short_id(&i.id),
    };
    format!("{} {id}  {} clip(s) [{}]  {prompt}", i.kind.as_str(), i.clip_count, i.models.join(", "))
}
