//! `dailies keys`: the keychain, per route. Keys are read from stdin and never echoed.

use std::io::Read;
use std::process::ExitCode;
use std::sync::Arc;

use dailies_core::api::KeySource;
use dailies_core::catalog::RouteId;
use dailies_core::secrets::{KeyringStore, Keys, Secret};
use dailies_core::{Error, InputError};

use crate::args::KeysAction;

fn route(name: &str) -> Result<RouteId, Error> {
    RouteId::parse(name).ok_or_else(|| {
        InputError::InvalidValue {
            field: "route".into(),
            value: name.into(),
            allowed: RouteId::ALL.iter().map(|r| r.to_string()).collect(),
        }
        .into()
    })
}

pub fn run(action: &KeysAction) -> Result<ExitCode, Error> {
    let keys = Keys::new(Arc::new(KeyringStore::from_env()));
    match action {
        KeysAction::Set { route: name } => {
            let route = route(name)?;
            let mut input = String::new();
            std::io::stdin().read_to_string(&mut input).map_err(|e| Error::io("stdin", e))?;
            let secret = Secret::new(input);
            if secret.is_empty() {
                return Err(InputError::InvalidValue {
                    field: "key".into(),
                    value: "(empty)".into(),
                    allowed: vec!["the key on standard input, e.g. `dailies keys set fal < key.txt`".into()],
                }
                .into());
            }
            keys.set(route, &secret)?;
            println!("stored the {route} key in the OS keychain");
        }
        KeysAction::List => {
            for s in keys.statuses() {
                let source = match s.source {
                    KeySource::Keychain => "keychain".to_string(),
                    KeySource::Environment => format!("environment ({})", s.env_var),
                    KeySource::Missing => format!("missing (set with `dailies keys set {}` or {})", s.route, s.env_var),
                };
                println!("{:<10} {source}", s.route.as_str());
            }
        }
        KeysAction::Rm { route: name } => {
            let route = route(name)?;
            if keys.delete(route)? {
                println!("removed the {route} key from the OS keychain");
            } else {
                println!("no {route} key was stored in the OS keychain");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
