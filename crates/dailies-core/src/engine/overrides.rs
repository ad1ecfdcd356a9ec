//! Per-model overrides: one model of a run asked for another prompt, negative prompt, seed,
//! cfg, duration or audio than the rest. Checked once per request; applied per model+route
//! before the parity rule, so an overridden value is still fitted to what the route allows.

use crate::catalog::{CanonicalParams, Catalog, ModelOverride};
use crate::error::{InputError, Result};

/// Refuses overrides that name no model of the run, set nothing, repeat a model, or carry a
/// value no route could take. Field names are `override.<field>` as the CLI spells them.
pub(super) fn check(catalog: &Catalog, params: &CanonicalParams, models: &[String]) -> Result<()> {
    for (i, o) in params.overrides.iter().enumerate() {
        let named = o.model.trim();
        if !models.iter().any(|m| names(named, m)) {
            let allowed = models.iter().map(|m| m.trim().to_string()).collect();
            return Err(InputError::InvalidValue { field: "override".into(), value: named.into(), allowed }.into());
        }
        if fields_of(o).is_empty() {
            return Err(shape(
                "override",
                format!("{named}: names no field; set prompt, negative, seed, cfg, duration or audio"),
            ));
        }
        if params.overrides[..i].iter().any(|earlier| earlier.model.trim().eq_ignore_ascii_case(named)) {
            return Err(shape("override", format!("{named}: overridden twice; give each field once per model")));
        }
        if o.prompt.as_deref().is_some_and(|p| p.trim().is_empty()) {
            return Err(shape("override.prompt", format!("{named}: must not be empty")));
        }
        if let Some(d) = o.duration_s {
            if !catalog.any_allows_duration(d) {
                let (min, max) = catalog.duration_bounds();
                let message = format!("{named}: no model runs {d} s clips; durations offered: {min}–{max} s");
                return Err(shape("override.duration", message));
            }
        }
        if let Some(c) = o.cfg_scale {
            if !c.is_finite() {
                return Err(shape("override.cfg", format!("{named}: '{c}' is not a number")));
            }
        }
    }
    Ok(())
}

/// The parameters `model_id@route` runs with, and which fields an override changed for it.
/// An `id@route` override wins over a bare `id` one for the same field.
pub(super) fn apply(params: &CanonicalParams, model_id: &str, route: &str) -> (CanonicalParams, Vec<String>) {
    let label = format!("{model_id}@{route}");
    let mut out = CanonicalParams { overrides: Vec::new(), ..params.clone() };
    let mut fields: Vec<&'static str> = Vec::new();
    let bare = params.overrides.iter().filter(|o| o.model.trim().eq_ignore_ascii_case(model_id));
    let exact = params.overrides.iter().filter(|o| o.model.trim().eq_ignore_ascii_case(&label));
    for o in bare.chain(exact) {
        if let Some(p) = &o.prompt {
            out.prompt = p.trim().to_string();
        }
        if let Some(n) = &o.negative_prompt {
            out.negative_prompt = Some(n.clone());
        }
        out.seed = o.seed.or(out.seed);
        out.cfg_scale = o.cfg_scale.or(out.cfg_scale);
        out.duration_s = o.duration_s.or(out.duration_s);
        out.audio = o.audio.or(out.audio);
        fields.extend(fields_of(o));
    }
    let ordered = FIELDS.iter().filter(|f| fields.contains(f)).map(|f| f.to_string()).collect();
    (out, ordered)
}

/// Overridable fields in the order they are shown.
const FIELDS: [&str; 6] = ["prompt", "negative", "seed", "cfg", "duration", "audio"];

fn fields_of(o: &ModelOverride) -> Vec<&'static str> {
    let set = [
        o.prompt.is_some(),
        o.negative_prompt.is_some(),
        o.seed.is_some(),
        o.cfg_scale.is_some(),
        o.duration_s.is_some(),
        o.audio.is_some(),
    ];
    FIELDS.iter().zip(set).filter(|(_, on)| *on).map(|(f, _)| *f).collect()
}

/// Whether an override's `named` model is the run's model spec `spec` (`id` or `id@route`).
fn names(named: &str, spec: &str) -> bool {
    let spec = spec.trim();
    let id = spec.split_once('@').map_or(spec, |(id, _)| id);
    named.eq_ignore_ascii_case(spec) || named.eq_ignore_ascii_case(id) || {
        // `id@route` override against a bare `id` in the run: the route is picked later.
        named.split_once('@').is_some_and(|(n, _)| n.eq_ignore_ascii_case(spec))
    }
}

fn shape(field: &str, message: String) -> crate::error::Error {
    InputError::Iteration { field: field.into(), message }.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(overrides: Vec<ModelOverride>) -> CanonicalParams {
        CanonicalParams { prompt: "fog".into(), duration_s: Some(5), overrides, ..Default::default() }
    }

    fn o(model: &str, f: impl FnOnce(&mut ModelOverride)) -> ModelOverride {
        let mut o = ModelOverride { model: model.into(), ..Default::default() };
        f(&mut o);
        o
    }

    #[test]
    fn an_override_changes_only_its_model() {
        let p =
            with(vec![o("kling-3.0-pro", |o| o.duration_s = Some(10)), o("sora-2@openai", |o| o.audio = Some(false))]);
        let (k, kf) = apply(&p, "kling-3.0-pro", "fal");
        assert_eq!((k.duration_s, kf), (Some(10), vec!["duration".to_string()]));
        let (s, sf) = apply(&p, "sora-2", "openai");
        assert_eq!((s.duration_s, s.audio, sf), (Some(5), Some(false), vec!["audio".to_string()]));
        let (v, vf) = apply(&p, "veo-3.1", "fal");
        assert_eq!((v.duration_s, v.audio, vf.len()), (Some(5), None, 0));
        assert!(k.overrides.is_empty(), "the applied params carry no overrides further");
    }

    #[test]
    fn bad_overrides_name_their_field() {
        let c = Catalog::builtin();
        let models = vec!["kling-3.0-pro".to_string(), "sora-2@openai".to_string()];
        let field = |p: CanonicalParams| match check(&c, &p, &models).unwrap_err() {
            crate::error::Error::Input(e) => e.field().to_string(),
            other => panic!("{other:?}"),
        };
        assert_eq!(field(with(vec![o("veo-3.1", |o| o.seed = Some(1))])), "override");
        assert_eq!(field(with(vec![o("kling-3.0-pro", |_| {})])), "override");
        assert_eq!(field(with(vec![o("kling-3.0-pro", |o| o.prompt = Some(" ".into()))])), "override.prompt");
        assert_eq!(field(with(vec![o("kling-3.0-pro", |o| o.duration_s = Some(99))])), "override.duration");
        let twice = vec![o("sora-2@openai", |o| o.seed = Some(1)), o("SORA-2@openai", |o| o.seed = Some(2))];
        assert_eq!(field(with(twice)), "override");
        assert!(check(&c, &with(vec![o("kling-3.0-pro@fal", |o| o.seed = Some(3))]), &models).is_ok());
    }
}
