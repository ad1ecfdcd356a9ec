//! `dailies settings get / set / unset`: the same settings store the app's Settings panel edits.

use std::process::ExitCode;

use clap::Subcommand;
use dailies_core::settings::{SettingEntry, SettingSource};
use dailies_core::{Error, Studio};

#[derive(Subcommand, Debug)]
pub enum SettingsAction {
    /// Show one setting, or every setting, with its value in force and where it comes from.
    Get {
        key: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Set KEY to VALUE (validated: a bad key or value exits 2 naming what is allowed).
    Set { key: String, value: String },
    /// Return KEY to its default (a budget to no limit).
    Unset { key: String },
}

pub async fn run(studio: &Studio, action: SettingsAction) -> Result<ExitCode, Error> {
    match action {
        SettingsAction::Get { key: Some(key), json } => print(&[studio.setting_entry(&key)?], json),
        SettingsAction::Get { key: None, json } => print(&studio.setting_entries(), json),
        SettingsAction::Set { key, value } => print(&[studio.set_setting(&key, &value).await?], false),
        SettingsAction::Unset { key } => print(&[studio.unset_setting(&key).await?], false),
    }
    Ok(ExitCode::SUCCESS)
}

fn print(entries: &[SettingEntry], json: bool) {
    if json {
        // One key asked: its entry; all of them: the list.
        let value = match entries {
            [one] => serde_json::to_value(one),
            all => serde_json::to_value(all),
        };
        println!("{}", value.map(|v| v.to_string()).unwrap_or_default());
        return;
    }
    for e in entries {
        let value = e.value.as_deref().unwrap_or("(no limit)");
        let source = match e.source {
            SettingSource::Set => "set",
            SettingSource::Default => "default",
            SettingSource::Environment => "from the environment",
        };
        println!("{:<22} {value}  ({source})", e.key);
    }
}
