//! Settings shared by the app and the CLI, stored in the library (`settings` table):
//! per-route concurrency and base URL, budgets, notifications, theme. Keys are never
//! settings: they live in the keychain.

mod key;

use std::collections::BTreeMap;

use serde::Serialize;
use specta::Type;

pub use key::{SettingKey, MAX_CONCURRENCY};

use crate::routes::RouteId;

/// Where the value in force comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "lowercase")]
pub enum SettingSource {
    /// Set by the creator (`dailies settings set`, the Settings panel).
    Set,
    /// Nothing set: the built-in default (for budgets: no limit).
    Default,
    /// `DAILIES_<ROUTE>_BASE_URL` in the environment, which wins over the stored value.
    Environment,
}

/// One setting as `dailies settings get` and the Settings panel show it.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct SettingEntry {
    pub key: String,
    /// The value in force; `None` for a budget that is not set (no limit).
    pub value: Option<String>,
    /// What applies when nothing is set.
    pub default: Option<String>,
    pub source: SettingSource,
}

/// What real clips have cost this local day and month, against the budgets (the header's
/// spend meter). Costs are billed where the route reports a charge, else estimated.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct SpendSummary {
    #[specta(type = crate::js::JsNumber)]
    pub day_usd: f64,
    #[specta(type = crate::js::JsNumber)]
    pub month_usd: f64,
    #[specta(type = Option<crate::js::JsNumber>)]
    pub run_budget_usd: Option<f64>,
    #[specta(type = Option<crate::js::JsNumber>)]
    pub day_budget_usd: Option<f64>,
    #[specta(type = Option<crate::js::JsNumber>)]
    pub month_budget_usd: Option<f64>,
}

/// The stored settings, validated. Rows this build does not understand (a newer build's
/// keys, or a value edited by hand) are skipped with a warning rather than trusted.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    stored: BTreeMap<SettingKey, String>,
}

impl Settings {
    pub fn from_rows(rows: impl IntoIterator<Item = (String, String)>) -> Settings {
        let mut stored = BTreeMap::new();
        for (name, value) in rows {
            match SettingKey::parse(&name).and_then(|k| k.validate(&value).map(|v| (k, v))) {
                Ok((k, v)) => {
                    stored.insert(k, v);
                }
                Err(e) => tracing::warn!(setting = %name, error = %e, "ignoring a stored setting"),
            }
        }
        Settings { stored }
    }

    pub fn stored(&self, key: SettingKey) -> Option<&str> {
        self.stored.get(&key).map(String::as_str)
    }

    /// Jobs of a route allowed in flight at once.
    pub fn concurrency(&self, route: RouteId) -> u32 {
        self.stored(SettingKey::Concurrency(route))
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| route.default_concurrency())
    }

    /// A budget in USD, `None` when not set.
    pub fn budget(&self, key: SettingKey) -> Option<f64> {
        self.stored(key).and_then(|v| v.parse().ok())
    }

    /// The stored base URL of a route, if the creator set one.
    pub fn base_url(&self, route: RouteId) -> Option<&str> {
        self.stored(SettingKey::BaseUrl(route))
    }

    pub fn entry(&self, key: SettingKey) -> SettingEntry {
        let env = match key {
            SettingKey::BaseUrl(r) => std::env::var(r.base_url_env_var()).ok().filter(|v| !v.trim().is_empty()),
            _ => None,
        };
        let (value, source) = match (env, self.stored(key)) {
            (Some(v), _) => (Some(v), SettingSource::Environment),
            (None, Some(v)) => (Some(v.to_string()), SettingSource::Set),
            (None, None) => (key.default_value(), SettingSource::Default),
        };
        SettingEntry { key: key.name(), value, default: key.default_value(), source }
    }

    pub fn entries(&self) -> Vec<SettingEntry> {
        SettingKey::all().into_iter().map(|k| self.entry(k)).collect()
    }
}

#[cfg(test)]
mod tests;
