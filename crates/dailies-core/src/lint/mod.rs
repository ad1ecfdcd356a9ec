//! Prompt advice per model: what each selected model will make of one prompt, from the
//! rules in `catalog/lint.toml` (each with its source). Advice only, never a refusal; pure,
//! no I/O, cheap enough to run on every keystroke.

mod rules;

use serde::{Deserialize, Serialize};
use specta::Type;

pub use rules::{Check, IgnorableField, LintRule, Scope};

use crate::catalog::{element_mentions, CanonicalParams, Catalog, ModelEntry, RouteEntry, RouteId};
use crate::error::InputError;

/// What one model+route will make of the prompt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ModelAdvice {
    pub model: String,
    pub route: RouteId,
    /// Approximate tokens ([`approx_tokens`]) and the tightest token limit that applies.
    pub tokens: u32,
    #[specta(optional)]
    pub token_limit: Option<u32>,
    /// UTF-16 length and the tightest hard character limit that applies.
    pub chars: u32,
    #[specta(optional)]
    pub char_limit: Option<u32>,
    pub warnings: Vec<LintWarning>,
}

/// The composer's question: these values, on these models (`id` or `id@route`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
pub struct LintRequest {
    pub params: CanonicalParams,
    pub models: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct LintWarning {
    pub code: String,
    pub message: String,
    pub source: String,
}

/// Tokens, approximately: whitespace-separated words × 1.3, rounded up. No video model
/// publishes its tokenizer; 1.3 tokens per English word is the usual BPE rule of thumb.
/// Integer arithmetic so the UI's evaluator gets the same number.
pub fn approx_tokens(text: &str) -> u32 {
    let words = u32::try_from(text.split_whitespace().count()).unwrap_or(u32::MAX / 13);
    (words.saturating_mul(13)).div_ceil(10)
}

/// Length in UTF-16 code units, as Runway counts and JavaScript's `String.length` reports.
pub fn utf16_len(text: &str) -> u32 {
    u32::try_from(text.encode_utf16().count()).unwrap_or(u32::MAX)
}

/// Advice for `specs` (`id` or `id@route`, chosen as `compare` would with `has_key`).
/// The prompt is `params.prompt`; negative prompt, seed and cfg are checked against each route.
pub fn lint(
    catalog: &Catalog,
    params: &CanonicalParams,
    specs: &[String],
    has_key: impl Fn(RouteId) -> bool,
) -> Result<Vec<ModelAdvice>, InputError> {
    specs
        .iter()
        .map(|spec| {
            catalog.select(spec, &has_key).map(|(model, route)| advise(catalog.lint_rules(), model, route, params))
        })
        .collect()
}

/// The rules that apply to one model+route, in catalog order.
pub fn rules_for<'a>(
    rules: &'a [LintRule],
    model: &'a ModelEntry,
    route: &'a RouteEntry,
) -> impl Iterator<Item = &'a LintRule> {
    rules.iter().filter(move |r| r.applies(model, route))
}

/// Fields set in `params` that `route` has no input for, in the parity rule's terms.
pub fn ignored_fields(route: &RouteEntry, params: &CanonicalParams) -> Vec<IgnorableField> {
    let spec = &route.params;
    let negative = params.negative_prompt.as_deref().is_some_and(|n| !n.trim().is_empty());
    [
        (IgnorableField::Negative, negative && !spec.negative_prompt),
        (IgnorableField::Seed, params.seed.is_some() && !spec.seed),
        (IgnorableField::Cfg, params.cfg_scale.is_some() && spec.cfg_scale.is_none()),
    ]
    .into_iter()
    .filter_map(|(field, ignored)| ignored.then_some(field))
    .collect()
}

/// Advice for one model+route.
pub fn advise(rules: &[LintRule], model: &ModelEntry, route: &RouteEntry, params: &CanonicalParams) -> ModelAdvice {
    let prompt = params.prompt.as_str();
    let tokens = approx_tokens(prompt);
    let chars = utf16_len(prompt);
    let mut advice = ModelAdvice {
        model: model.id.clone(),
        route: route.route,
        tokens,
        token_limit: None,
        chars,
        char_limit: None,
        warnings: Vec::new(),
    };
    let ignored = ignored_fields(route, params);
    for rule in rules_for(rules, model, route) {
        let fill = |extra: &[(&str, String)]| {
            let mut text = rule.message.replace("{model}", &model.name).replace("{route}", route.route.as_str());
            for (key, value) in extra {
                text = text.replace(&format!("{{{key}}}"), value);
            }
            text
        };
        let mut warn = |code: String, message: String| {
            advice.warnings.push(LintWarning { code, message, source: rule.source.clone() });
        };
        match &rule.check {
            Check::MaxTokens { limit } => {
                advice.token_limit = Some(advice.token_limit.map_or(*limit, |l| l.min(*limit)));
                if tokens > *limit {
                    warn(rule.code.clone(), fill(&[("tokens", tokens.to_string()), ("limit", limit.to_string())]));
                }
            }
            Check::MaxChars { limit } => {
                advice.char_limit = Some(advice.char_limit.map_or(*limit, |l| l.min(*limit)));
                if chars > *limit {
                    warn(rule.code.clone(), fill(&[("chars", chars.to_string()), ("limit", limit.to_string())]));
                }
            }
            Check::Mentions { .. } => {
                if let Some(found) = rule.pattern().and_then(|re| re.find(prompt)) {
                    warn(rule.code.clone(), fill(&[("match", found.as_str().to_string())]));
                }
            }
            Check::Lacks { .. } => {
                // An empty prompt has nothing to advise on yet.
                if !prompt.trim().is_empty() && rule.pattern().is_some_and(|re| !re.is_match(prompt)) {
                    warn(rule.code.clone(), fill(&[]));
                }
            }
            Check::UnboundElements => {
                let attached = u32::try_from(params.elements.len()).unwrap_or(u32::MAX);
                if let Some(n) = element_mentions(prompt).into_iter().find(|&n| n == 0 || n > attached) {
                    warn(
                        rule.code.clone(),
                        fill(&[("match", format!("@Element{n}")), ("attached", attached.to_string())]),
                    );
                }
            }
            Check::IgnoredFields { fields } => {
                for field in fields.iter().filter(|f| ignored.contains(f)) {
                    warn(format!("{}:{}", rule.code, field.as_str()), fill(&[("field", field.label().to_string())]));
                }
            }
        }
    }
    advice
}

#[cfg(test)]
mod tests;
