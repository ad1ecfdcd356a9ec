//! Setting names and what each accepts. Parsing a name or a value is the only place a
//! setting is validated, so the app, the CLI and the store agree on every rule.

use crate::error::InputError;
use crate::routes::RouteId;

/// A setting's name: `concurrency.<route>`, `budget.run_usd`, `theme`, ...
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SettingKey {
    Concurrency(RouteId),
    BudgetRun,
    BudgetDay,
    BudgetMonth,
    BaseUrl(RouteId),
    Notify,
    Theme,
}

/// The most jobs a route may be given at once: far above any provider's account limit.
pub const MAX_CONCURRENCY: u32 = 64;

impl SettingKey {
    /// Every setting, in the order `dailies settings get` lists them.
    pub fn all() -> Vec<SettingKey> {
        let mut keys: Vec<SettingKey> = RouteId::ALL.iter().map(|r| SettingKey::Concurrency(*r)).collect();
        keys.extend([SettingKey::BudgetRun, SettingKey::BudgetDay, SettingKey::BudgetMonth]);
        keys.extend(RouteId::ALL.iter().map(|r| SettingKey::BaseUrl(*r)));
        keys.extend([SettingKey::Notify, SettingKey::Theme]);
        keys
    }

    pub fn name(self) -> String {
        match self {
            SettingKey::Concurrency(r) => format!("concurrency.{r}"),
            SettingKey::BudgetRun => "budget.run_usd".into(),
            SettingKey::BudgetDay => "budget.day_usd".into(),
            SettingKey::BudgetMonth => "budget.month_usd".into(),
            SettingKey::BaseUrl(r) => format!("base_url.{r}"),
            SettingKey::Notify => "notify".into(),
            SettingKey::Theme => "theme".into(),
        }
    }

    pub fn parse(name: &str) -> Result<SettingKey, InputError> {
        let name = name.trim();
        let routed = |prefix: &str, make: fn(RouteId) -> SettingKey| {
            name.strip_prefix(prefix).and_then(RouteId::parse).map(make)
        };
        let found = match name {
            "budget.run_usd" => Some(SettingKey::BudgetRun),
            "budget.day_usd" => Some(SettingKey::BudgetDay),
            "budget.month_usd" => Some(SettingKey::BudgetMonth),
            "notify" => Some(SettingKey::Notify),
            "theme" => Some(SettingKey::Theme),
            _ => routed("concurrency.", SettingKey::Concurrency).or_else(|| routed("base_url.", SettingKey::BaseUrl)),
        };
        found.ok_or_else(|| InputError::InvalidValue {
            field: "key".into(),
            value: name.to_string(),
            allowed: vec![
                "concurrency.<route>".into(),
                "budget.run_usd".into(),
                "budget.day_usd".into(),
                "budget.month_usd".into(),
                "base_url.<route>".into(),
                "notify".into(),
                "theme".into(),
                format!("(routes: {})", RouteId::ALL.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", ")),
            ],
        })
    }

    /// What the setting accepts, in the words an error shows.
    fn allowed(self) -> Vec<String> {
        match self {
            SettingKey::Concurrency(_) => vec![format!("an integer from 1 to {MAX_CONCURRENCY}")],
            SettingKey::BudgetRun | SettingKey::BudgetDay | SettingKey::BudgetMonth => {
                vec!["a decimal amount of US dollars above 0 (e.g. 2.50)".into()]
            }
            SettingKey::BaseUrl(_) => vec!["an http:// or https:// URL".into()],
            SettingKey::Notify => vec!["on".into(), "off".into()],
            SettingKey::Theme => vec!["system".into(), "light".into(), "dark".into()],
        }
    }

    /// The value in its stored form, or an error naming the setting and what it takes.
    pub fn validate(self, value: &str) -> Result<String, InputError> {
        let v = value.trim();
        let ok = match self {
            SettingKey::Concurrency(_) => {
                v.parse::<u32>().ok().filter(|n| (1..=MAX_CONCURRENCY).contains(n)).map(|n| n.to_string())
            }
            SettingKey::BudgetRun | SettingKey::BudgetDay | SettingKey::BudgetMonth => v
                .trim_start_matches('$')
                .parse::<f64>()
                .ok()
                .filter(|d| d.is_finite() && *d > 0.0)
                .map(|d| format!("{d}")),
            SettingKey::BaseUrl(_) => reqwest::Url::parse(v)
                .ok()
                .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
                .map(|_| v.trim_end_matches('/').to_string()),
            SettingKey::Notify => matches!(v, "on" | "off").then(|| v.to_string()),
            SettingKey::Theme => matches!(v, "system" | "light" | "dark").then(|| v.to_string()),
        };
        ok.ok_or_else(|| InputError::InvalidValue { field: self.name(), value: v.to_string(), allowed: self.allowed() })
    }

    /// The value in force when nothing is set (`None`: no limit / the route's own default).
    pub fn default_value(self) -> Option<String> {
        match self {
            SettingKey::Concurrency(r) => Some(r.default_concurrency().to_string()),
            SettingKey::BudgetRun | SettingKey::BudgetDay | SettingKey::BudgetMonth => None,
            SettingKey::BaseUrl(r) => Some(r.default_base_url().to_string()),
            SettingKey::Notify => Some("on".into()),
            SettingKey::Theme => Some("system".into()),
        }
    }
}
