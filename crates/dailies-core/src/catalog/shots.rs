//! Shot templates (`catalog/shots.toml`): how one canonical shot list (text + seconds per
//! shot) becomes what each model family understands — a structured list on routes that take
//! one (Kling's `multi_prompt`), the family's own prose convention otherwise.

use serde::{Deserialize, Serialize};

use super::params::Shot;
use super::schema::{CanonicalParam, FieldSpec, ModelEntry, RouteEntry};
use crate::lint::Scope;

/// The most shots a canonical shot list may have (Kling's limit, the only structured form).
pub const MAX_SHOTS: usize = 6;

/// Placeholders a prose template may use.
const PLACEHOLDERS: &[&str] = &["n", "seconds", "text", "start", "end", "start_s", "end_s"];

/// One family's way of receiving a shot list, with where the convention comes from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ShotTemplate {
    pub code: String,
    #[serde(flatten)]
    pub form: ShotForm,
    /// The models the template is for; the first template (in file order) whose scope holds wins.
    #[serde(default)]
    pub applies_to: Scope,
    #[serde(default)]
    pub except: Option<Scope>,
    /// A seed, a provider fact sheet section or a vendor's prompt guide, with its URL.
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "form", rename_all = "snake_case")]
pub enum ShotForm {
    /// The route's own shot-list field (its `max_shots` > 0 and a field mapping `shots`).
    Structured,
    /// Shots written into the prompt: `shot` per shot (`{n}`, `{seconds}`, `{text}`, `{start}` and
    /// `{end}` as `mm:ss`, `{start_s}` and `{end_s}` as whole seconds), joined by `joiner`, after
    /// the prompt.
    Prose {
        shot: String,
        #[serde(default = "space")]
        joiner: String,
    },
}

fn space() -> String {
    " ".to_string()
}

impl ShotTemplate {
    pub fn applies(&self, model: &ModelEntry, route: &RouteEntry) -> bool {
        self.applies_to.matches(model, route) && !self.except.as_ref().is_some_and(|e| e.matches(model, route))
    }

    /// Load-time checks of the template itself (coverage of every route is the catalog's).
    pub fn validate(&self) -> Result<(), String> {
        let fail = |what: String| Err(format!("shot template '{}': {what}", self.code));
        if self.code.trim().is_empty() {
            return Err("shot template without a code".into());
        }
        if self.source.trim().is_empty() {
            return fail("no source".into());
        }
        if let ShotForm::Prose { shot, .. } = &self.form {
            if !shot.contains("{text}") {
                return fail("`shot` must contain {text}".into());
            }
            for name in placeholders(shot) {
                if !PLACEHOLDERS.contains(&name) {
                    return fail(format!("unknown placeholder {{{name}}}; allowed: {}", PLACEHOLDERS.join(", ")));
                }
            }
        }
        Ok(())
    }

    /// Checks that this template can serve `route` (a structured one needs a shot-list input).
    pub fn fits(&self, route: &RouteEntry) -> Result<(), String> {
        let has_field =
            route.fields.values().any(|f| matches!(f, FieldSpec::Param { param: CanonicalParam::Shots, .. }));
        match self.form {
            ShotForm::Structured if route.params.max_shots == 0 || !has_field => Err(format!(
                "shot template '{}' is structured but the route has no shot-list input (max_shots and a `shots` field)",
                self.code
            )),
            _ => Ok(()),
        }
    }
}

impl ShotForm {
    /// The shots as prose after `prompt`; `None` for the structured form.
    pub fn prose(&self, prompt: &str, shots: &[Shot]) -> Option<String> {
        let ShotForm::Prose { shot, joiner } = self else { return None };
        // Run inline, an unpunctuated prompt or shot would read as one sentence with the next
        // ("…slow dolly up Shot 1 (4 s): …"): each part ends as a sentence (unless it already
        // does, or the joiner breaks lines).
        let sentence = |text: &str| {
            let text = text.trim();
            let ended = text.is_empty() || text.ends_with(['.', '!', '?', '…', ':', ';', '"', ')']);
            if ended || joiner.contains('\n') {
                text.to_string()
            } else {
                format!("{text}.")
            }
        };
        let mut start = 0;
        let parts: Vec<String> = shots
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let end = start + s.duration_s;
                let text = shot
                    .replace("{n}", &(i + 1).to_string())
                    .replace("{seconds}", &s.duration_s.to_string())
                    .replace("{start}", &mm_ss(start))
                    .replace("{end}", &mm_ss(end))
                    .replace("{start_s}", &start.to_string())
                    .replace("{end_s}", &end.to_string())
                    .replace("{text}", s.prompt.trim());
                start = end;
                sentence(&text)
            })
            .collect();
        let body = parts.join(joiner);
        Some(if prompt.trim().is_empty() { body } else { format!("{}{joiner}{body}", sentence(prompt)) })
    }
}

fn mm_ss(seconds: u32) -> String {
    format!("{:02}:{:02}", seconds / 60, seconds % 60)
}

/// The `{name}`s of a template string.
fn placeholders(text: &str) -> impl Iterator<Item = &str> {
    text.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shots() -> Vec<Shot> {
        vec![Shot { prompt: "wide".into(), duration_s: 4 }, Shot { prompt: " close ".into(), duration_s: 6 }]
    }

    #[test]
    fn prose_fills_every_placeholder() {
        let form = ShotForm::Prose {
            shot: "[{start}-{end}] #{n} {seconds}s {start_s}-{end_s} {text}".into(),
            joiner: "\n".into(),
        };
        let two = "[00:00-00:04] #1 4s 0-4 wide\n[00:04-00:10] #2 6s 4-10 close";
        assert_eq!(form.prose("fog", &shots()).unwrap(), format!("fog\n{two}"));
        assert_eq!(form.prose("  ", &shots()).unwrap(), two);
        assert_eq!(ShotForm::Structured.prose("fog", &shots()), None);
    }

    #[test]
    fn inline_prose_ends_each_sentence_so_shots_do_not_run_together() {
        let form = ShotForm::Prose { shot: "Shot {n} ({seconds} s): {text}".into(), joiner: " ".into() };
        assert_eq!(
            form.prose("a keeper climbs, slow dolly up", &shots()).unwrap(),
            "a keeper climbs, slow dolly up. Shot 1 (4 s): wide. Shot 2 (6 s): close."
        );
        let said: Vec<Shot> = vec![Shot { prompt: "Wide!".into(), duration_s: 4 }];
        assert_eq!(form.prose("Dusk.", &said).unwrap(), "Dusk. Shot 1 (4 s): Wide!");
    }

    #[test]
    fn validation_names_the_bad_placeholder() {
        let t = |shot: &str| ShotTemplate {
            code: "t".into(),
            form: ShotForm::Prose { shot: shot.into(), joiner: " ".into() },
            applies_to: Scope::default(),
            except: None,
            source: "s".into(),
        };
        assert!(t("Shot {n}: {text}").validate().is_ok());
        assert!(t("Shot {n}").validate().unwrap_err().contains("{text}"));
        assert!(t("{text} {secs}").validate().unwrap_err().contains("{secs}"));
    }
}
