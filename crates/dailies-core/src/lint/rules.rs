//! The shape of a prompt-advice rule (`catalog/lint.toml`) and its load-time checks.

use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};
use serde::{Deserialize, Serialize};

use crate::catalog::{ModelEntry, RouteEntry, RouteId};

/// One piece of advice, with where it comes from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LintRule {
    pub code: String,
    #[serde(flatten)]
    pub check: Check,
    /// The models the rule is about; empty means every model.
    #[serde(default)]
    pub applies_to: Scope,
    /// Models the rule leaves out (e.g. the ones that do understand a syntax).
    #[serde(default)]
    pub except: Option<Scope>,
    /// `{model}`, `{route}`, `{tokens}`, `{chars}`, `{limit}`, `{match}`, `{field}`, `{attached}` are filled in.
    pub message: String,
    /// A seed file and section, or a provider fact sheet section and doc URL.
    pub source: String,
    #[serde(skip)]
    compiled: OnceLock<Option<Regex>>,
}

/// What the rule looks at.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Check {
    /// Approximate token count above `limit` (see [`super::approx_tokens`]).
    MaxTokens { limit: u32 },
    /// UTF-16 length above `limit`: the unit Runway counts in and JavaScript's `length`.
    MaxChars { limit: u32 },
    /// The prompt matches `pattern` (case-insensitive).
    Mentions { pattern: String },
    /// The prompt does not match `pattern` (case-insensitive).
    Lacks { pattern: String },
    /// A canonical field is set that the route has no input for (read from the route's params).
    IgnoredFields { fields: Vec<IgnorableField> },
    /// The prompt names `@ElementN` with fewer than N elements attached.
    UnboundElements,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IgnorableField {
    Negative,
    Seed,
    Cfg,
}

impl IgnorableField {
    pub fn label(self) -> &'static str {
        match self {
            IgnorableField::Negative => "Negative prompt",
            IgnorableField::Seed => "Seed",
            IgnorableField::Cfg => "CFG scale",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            IgnorableField::Negative => "negative",
            IgnorableField::Seed => "seed",
            IgnorableField::Cfg => "cfg",
        }
    }
}

/// Which model+routes a rule is about. Every key given must hold.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Scope {
    #[serde(default)]
    pub families: Vec<String>,
    #[serde(default)]
    pub models: Vec<String>,
    #[serde(default)]
    pub routes: Vec<RouteId>,
    /// Whether the route takes a structured shot list (`max_shots > 0`).
    #[serde(default)]
    pub multi_shot: Option<bool>,
}

impl Scope {
    pub fn matches(&self, model: &ModelEntry, route: &RouteEntry) -> bool {
        let any_or =
            |list: &[String], value: &str| list.is_empty() || list.iter().any(|x| x.eq_ignore_ascii_case(value));
        any_or(&self.families, &model.family)
            && any_or(&self.models, &model.id)
            && (self.routes.is_empty() || self.routes.contains(&route.route))
            && self.multi_shot.is_none_or(|m| m == (route.params.max_shots > 0))
    }
}

impl LintRule {
    pub fn applies(&self, model: &ModelEntry, route: &RouteEntry) -> bool {
        self.applies_to.matches(model, route) && !self.except.as_ref().is_some_and(|e| e.matches(model, route))
    }

    /// The rule's pattern, compiled once; `None` for rules without one or with a bad one
    /// (refused when the catalog is loaded, so only reachable on an unchecked catalog).
    pub fn pattern(&self) -> Option<&Regex> {
        let text = match &self.check {
            Check::Mentions { pattern } | Check::Lacks { pattern } => pattern,
            _ => return None,
        };
        self.compiled.get_or_init(|| compile(text).ok()).as_ref()
    }

    /// Load-time checks; `models` is the whole catalog so scopes naming nothing are caught.
    pub fn validate(&self, models: &[ModelEntry]) -> Result<(), String> {
        let fail = |what: String| Err(format!("lint rule '{}': {what}", self.code));
        if self.code.trim().is_empty() {
            return Err("lint rule without a code".into());
        }
        if self.message.trim().is_empty() {
            return fail("empty message".into());
        }
        let cited = ["seeds/", "providers/", "catalog:", "https://"];
        if !cited.iter().any(|p| self.source.starts_with(p)) {
            return fail(format!("source must start with one of {cited:?}"));
        }
        match &self.check {
            Check::MaxTokens { limit } | Check::MaxChars { limit } if *limit == 0 => return fail("limit 0".into()),
            Check::Mentions { pattern } | Check::Lacks { pattern } => {
                compile(pattern).map_err(|e| format!("lint rule '{}': pattern: {e}", self.code))?;
            }
            Check::IgnoredFields { fields } if fields.is_empty() => return fail("no fields".into()),
            _ => {}
        }
        for scope in std::iter::once(&self.applies_to).chain(&self.except) {
            if let Some(f) = scope.families.iter().find(|f| !models.iter().any(|m| m.family.eq_ignore_ascii_case(f))) {
                return fail(format!("unknown family '{f}'"));
            }
            if let Some(id) = scope.models.iter().find(|id| !models.iter().any(|m| m.id.eq_ignore_ascii_case(id))) {
                return fail(format!("unknown model '{id}'"));
            }
        }
        if !models.iter().any(|m| m.routes.iter().any(|r| self.applies(m, r))) {
            return fail("applies to no model+route".into());
        }
        Ok(())
    }
}

fn compile(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern).case_insensitive(true).build()
}
