//! API keys: the OS keychain (Secret Service on Linux) per route, overlaid by the official
//! SDK environment variables for scripts and CI. A key is only ever held in [`Secret`],
//! which never prints its value; nothing here writes a key anywhere but the keychain.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::api::{KeySource, KeyStatus};
use crate::error::{Error, Result};
use crate::routes::RouteId;
pub use crate::secret::Secret;

/// Where keys persist. The keychain in the product; a map in unit tests.
pub trait SecretStore: Send + Sync {
    fn get(&self, route: RouteId) -> Result<Option<Secret>>;
    fn set(&self, route: RouteId, secret: &Secret) -> Result<()>;
    /// Returns whether a key was there.
    fn delete(&self, route: RouteId) -> Result<bool>;
}

/// The OS keychain through the `keyring` crate; one entry per route under `service`.
pub struct KeyringStore {
    service: String,
}

impl KeyringStore {
    /// `DAILIES_KEYRING_SERVICE` lets tests and dev builds use their own namespace so they
    /// never read or overwrite a creator's real keys.
    pub fn from_env() -> KeyringStore {
        let service = std::env::var("DAILIES_KEYRING_SERVICE").unwrap_or_else(|_| "app.dailies".to_string());
        KeyringStore { service }
    }

    pub fn with_service(service: impl Into<String>) -> KeyringStore {
        KeyringStore { service: service.into() }
    }

    fn entry(&self, route: RouteId) -> Result<keyring::Entry> {
        keyring::Entry::new(&self.service, route.as_str()).map_err(keychain_error)
    }
}

fn keychain_error(e: keyring::Error) -> Error {
    Error::Secrets(match e {
        keyring::Error::PlatformFailure(inner) | keyring::Error::NoStorageAccess(inner) => {
            format!("the OS keychain is not reachable ({inner}); set the route's environment variable instead")
        }
        other => other.to_string(),
    })
}

impl SecretStore for KeyringStore {
    fn get(&self, route: RouteId) -> Result<Option<Secret>> {
        match self.entry(route)?.get_password() {
            Ok(v) => Ok(Some(Secret::new(v))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(keychain_error(e)),
        }
    }

    fn set(&self, route: RouteId, secret: &Secret) -> Result<()> {
        self.entry(route)?.set_password(secret.expose()).map_err(keychain_error)
    }

    fn delete(&self, route: RouteId) -> Result<bool> {
        match self.entry(route)?.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(e) => Err(keychain_error(e)),
        }
    }
}

/// In-memory store: unit tests and demo mode.
#[derive(Default)]
pub struct MemoryStore(Mutex<HashMap<RouteId, Secret>>);

impl SecretStore for MemoryStore {
    fn get(&self, route: RouteId) -> Result<Option<Secret>> {
        Ok(self.0.lock().expect("memory store lock").get(&route).cloned())
    }
    fn set(&self, route: RouteId, secret: &Secret) -> Result<()> {
        self.0.lock().expect("memory store lock").insert(route, secret.clone());
        Ok(())
    }
    fn delete(&self, route: RouteId) -> Result<bool> {
        Ok(self.0.lock().expect("memory store lock").remove(&route).is_some())
    }
}

/// The official SDK variable(s) for a route (from the route table). Two-part keys are joined with ':'.
pub fn env_vars(route: RouteId) -> &'static [&'static str] {
    route.key_env_vars()
}

fn from_env(route: RouteId) -> Option<Secret> {
    let parts: Option<Vec<String>> =
        env_vars(route).iter().map(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty())).collect();
    parts.map(|p| Secret::new(p.join(":")))
}

/// Key lookup for the engine: environment first (explicit for this process), then the store.
#[derive(Clone)]
pub struct Keys {
    store: Arc<dyn SecretStore>,
}

impl Keys {
    pub fn new(store: Arc<dyn SecretStore>) -> Keys {
        Keys { store }
    }

    pub fn get(&self, route: RouteId) -> Result<Option<Secret>> {
        match from_env(route) {
            Some(s) => Ok(Some(s)),
            None => self.store.get(route),
        }
    }

    pub fn set(&self, route: RouteId, secret: &Secret) -> Result<()> {
        if secret.is_empty() {
            return Err(Error::Secrets(format!("{route}: the key is empty")));
        }
        self.store.set(route, secret)
    }

    pub fn delete(&self, route: RouteId) -> Result<bool> {
        self.store.delete(route)
    }

    pub fn status(&self, route: RouteId) -> KeyStatus {
        let source = if from_env(route).is_some() {
            KeySource::Environment
        } else if matches!(self.store.get(route), Ok(Some(_))) {
            KeySource::Keychain
        } else {
            KeySource::Missing
        };
        KeyStatus { route, source, env_var: env_vars(route).join(" + ") }
    }

    pub fn statuses(&self) -> Vec<KeyStatus> {
        RouteId::ALL.iter().map(|&r| self.status(r)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print_their_value() {
        let s = Secret::new("sk-very-secret");
        assert_eq!(format!("{s:?} {s}"), "Secret(<redacted>) <redacted>");
    }

    #[test]
    fn memory_store_round_trip_and_status() {
        let keys = Keys::new(Arc::new(MemoryStore::default()));
        // Seedance's variable is unlikely to be set on a test machine.
        assert_eq!(keys.status(RouteId::Seedance).source, KeySource::Missing);
        keys.set(RouteId::Seedance, &Secret::new("k")).unwrap();
        assert_eq!(keys.status(RouteId::Seedance).source, KeySource::Keychain);
        assert_eq!(keys.get(RouteId::Seedance).unwrap().unwrap().expose(), "k");
        assert!(keys.delete(RouteId::Seedance).unwrap());
        assert!(keys.set(RouteId::Seedance, &Secret::new("  ")).is_err());
    }
}
