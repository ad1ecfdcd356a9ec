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
        keyring::Entry::new(&self.service, route.as_str()).map_err(|e| keychain_error(e, None))
    }
}

/// A keychain failure as the creator should read it. A locked or unreachable keychain is
/// its own error with the fix, never "no key": the key may be stored behind the lock.
/// `lookup` is the route being read, whose environment variable is the way around it.
fn keychain_error(e: keyring::Error, lookup: Option<RouteId>) -> Error {
    match e {
        keyring::Error::PlatformFailure(inner) | keyring::Error::NoStorageAccess(inner) => Error::KeychainUnavailable {
            detail: inner.to_string(),
            env_var: lookup.map(|r| r.key_env_vars().join(" + ")),
        },
        other => Error::Secrets(other.to_string()),
    }
}

// Without a native store the keyring crate silently keeps keys in memory for the process's
// lifetime; refuse to build there rather than lose a creator's keys.
#[cfg(not(any(
    target_os = "linux",
    target_os = "freebsd",
    target_os = "openbsd",
    target_os = "macos",
    target_os = "windows"
)))]
compile_error!(
    "Dailies needs an OS keychain: Secret Service (Linux/BSD), Keychain (macOS) or Credential Manager (Windows)"
);

impl SecretStore for KeyringStore {
    fn get(&self, route: RouteId) -> Result<Option<Secret>> {
        match self.entry(route)?.get_password() {
            Ok(v) => Ok(Some(Secret::new(v))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(keychain_error(e, Some(route))),
        }
    }

    fn set(&self, route: RouteId, secret: &Secret) -> Result<()> {
        self.entry(route)?.set_password(secret.expose()).map_err(|e| keychain_error(e, None))
    }

    fn delete(&self, route: RouteId) -> Result<bool> {
        match self.entry(route)?.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(e) => Err(keychain_error(e, None)),
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

fn from_env(route: RouteId) -> Option<Secret> {
    let parts: Option<Vec<String>> =
        route.key_env_vars().iter().map(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty())).collect();
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

    /// The route's key, remembered for [`crate::redact::scrub`] so no echo of it is kept.
    /// Blocks on the keychain (D-Bus): async callers go through `spawn_blocking`.
    pub fn get(&self, route: RouteId) -> Result<Option<Secret>> {
        let key = match from_env(route) {
            Some(s) => Some(s),
            None => self.store.get(route)?,
        };
        if let Some(k) = &key {
            crate::redact::remember(k);
        }
        Ok(key)
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
        KeyStatus { route, source, env_var: route.key_env_vars().join(" + ") }
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

    /// A keychain that is there but locked, as the Secret Service reports it.
    struct LockedStore;

    fn locked(route: Option<RouteId>) -> Error {
        let inner = std::io::Error::other("the login keyring is locked");
        keychain_error(keyring::Error::NoStorageAccess(Box::new(inner)), route)
    }

    impl SecretStore for LockedStore {
        fn get(&self, route: RouteId) -> Result<Option<Secret>> {
            Err(locked(Some(route)))
        }
        fn set(&self, _: RouteId, _: &Secret) -> Result<()> {
            Err(locked(None))
        }
        fn delete(&self, _: RouteId) -> Result<bool> {
            Err(locked(None))
        }
    }

    #[test]
    fn a_locked_keychain_is_its_own_error_with_the_fix() {
        let e = locked(Some(RouteId::Fal));
        assert_eq!(e.code(), "keychain_unavailable");
        let msg = e.to_string();
        assert!(msg.contains("unlock the login keyring") && msg.contains("set FAL_KEY"), "{msg}");
        let platform = keychain_error(keyring::Error::PlatformFailure("no D-Bus session".into()), None);
        assert_eq!(platform.code(), "keychain_unavailable");
        assert!(platform.to_string().ends_with("unlock the login keyring and try again"), "{platform}");
        // Anything else the keychain says stays a plain keychain error.
        assert_eq!(keychain_error(keyring::Error::BadEncoding(vec![0xff]), None).code(), "secrets");
    }

    #[test]
    fn keys_report_a_locked_keychain_instead_of_no_key() {
        let keys = Keys::new(Arc::new(LockedStore));
        // Seedance's variable is unlikely to be set on a test machine, so the store is asked.
        let err = keys.get(RouteId::Seedance).expect_err("a locked keychain is not 'no key'");
        assert_eq!(err.code(), "keychain_unavailable");
        assert!(err.to_string().contains("ARK_API_KEY"), "{err}");
        assert_eq!(keys.set(RouteId::Seedance, &Secret::new("k")).unwrap_err().code(), "keychain_unavailable");
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
