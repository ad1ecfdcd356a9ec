//! The model catalog: models × routes as data (`catalog/models.toml` + `catalog/routes/*.toml`, embedded), with
//! lookup, parity resolution, wire-field mapping and pricing.

mod elements;
mod extend;
mod motion;
mod params;
mod parity;
mod price;
mod schema;
mod shots;
mod side_endpoint;
mod wire;

pub use elements::{all_images, element_mentions, ElementsForm, ElementsSpec, MAX_ELEMENT_REFERENCES};
pub use extend::{ExtendSpec, ExtendVideo};
pub use motion::{request_for, MotionInput, MotionOrientation, MotionSpec};
pub use params::{
    aspect_ratio, resolution_rank, CanonicalParams, Element, ModelOverride, ParityNote, ResolvedParams, Shot,
    CANONICAL_ASPECTS, CANONICAL_RESOLUTIONS,
};
pub use parity::{allowed_values, resolve};
pub use price::{estimate_usd, usd_per_million_tokens, usd_per_second};
pub use schema::{
    CanonicalParam, CatalogFile, Coupling, Encoding, FieldSpec, ImageSpec, Lifecycle, LifecycleState, ModelEntry,
    ModelRoute, ParamSpec, PriceOverride, PriceRule, PriceSpec, RouteEntry, RouteId, TypicalTime,
};
pub use shots::{ShotForm, ShotTemplate, MAX_SHOTS};
pub use wire::{build_fields, build_request, image_support, ImageSlot, VideoSlot, WireRequest};

use crate::error::{Error, InputError};

/// The shipped catalog: model facts, then one route file per provider. The order of the
/// route files is the default route preference when a model has several.
const BUILTIN: &[(&str, &str)] = &[
    ("models.toml", include_str!("../../catalog/models.toml")),
    ("routes/fal.toml", include_str!("../../catalog/routes/fal.toml")),
    ("routes/openai.toml", include_str!("../../catalog/routes/openai.toml")),
    ("routes/replicate.toml", include_str!("../../catalog/routes/replicate.toml")),
    ("routes/kling.toml", include_str!("../../catalog/routes/kling.toml")),
    ("routes/google.toml", include_str!("../../catalog/routes/google.toml")),
    ("routes/runway.toml", include_str!("../../catalog/routes/runway.toml")),
    ("routes/luma.toml", include_str!("../../catalog/routes/luma.toml")),
    ("routes/minimax.toml", include_str!("../../catalog/routes/minimax.toml")),
    ("routes/seedance.toml", include_str!("../../catalog/routes/seedance.toml")),
    ("lint.toml", include_str!("../../catalog/lint.toml")),
    ("shots.toml", include_str!("../../catalog/shots.toml")),
];

#[derive(Debug, Clone, Default)]
pub struct Catalog {
    models: Vec<ModelEntry>,
    /// Prompt advice (`lint.toml`); a rule with a known code replaces the shipped one.
    lint: Vec<crate::lint::LintRule>,
    /// Shot templates (`shots.toml`), in file order; a template with a known code replaces it in place.
    shot_templates: Vec<ShotTemplate>,
    /// Usual job times (`[[typical]]`); a later entry for the same route and model replaces one.
    typical: Vec<TypicalTime>,
}

impl Catalog {
    /// The catalog shipped with the app.
    pub fn builtin() -> Catalog {
        let mut catalog = Catalog::default();
        for (name, text) in BUILTIN {
            catalog.merge_unchecked(text).unwrap_or_else(|e| panic!("built-in catalog {name}: {e}"));
        }
        catalog.validate().expect("the built-in catalog is validated by tests");
        catalog
    }

    /// The built-in catalog plus every `<data_dir>/catalog.d/*.toml` (sorted by name) and
    /// the file named by `DAILIES_CATALOG`: how a creator adds a model without a new build.
    pub fn with_overlays(data_dir: &std::path::Path) -> Result<Catalog, Error> {
        let mut catalog = Catalog::builtin();
        let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(data_dir.join("catalog.d"))
            .map(|dir| {
                dir.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        files.extend(std::env::var_os("DAILIES_CATALOG").map(std::path::PathBuf::from));
        for file in files {
            let text = std::fs::read_to_string(&file).map_err(|e| Error::io(&file, e))?;
            catalog.merge_toml(&text).map_err(|e| Error::Catalog(format!("{}: {e}", file.display())))?;
        }
        Ok(catalog)
    }

    /// A catalog from one self-contained file (models and their routes).
    pub fn from_toml(text: &str) -> Result<Catalog, Error> {
        let mut catalog = Catalog::default();
        catalog.merge_unchecked(text)?;
        catalog.validate()?;
        Ok(catalog)
    }

    /// Adds models and routes from another catalog file; a route for a known model and
    /// route replaces it. This is how a model on an existing route is added as data.
    pub fn merge_toml(&mut self, text: &str) -> Result<(), Error> {
        self.merge_unchecked(text)?;
        self.validate()
    }

    fn merge_unchecked(&mut self, text: &str) -> Result<(), Error> {
        let file: CatalogFile = toml::from_str(text).map_err(|e| Error::Catalog(e.to_string()))?;
        for mut model in file.models {
            let nested = std::mem::take(&mut model.routes);
            if !self.models.iter().any(|m| m.id == model.id) {
                self.models.push(model.clone());
            }
            for route in nested {
                self.add_route(&model.id, route)?;
            }
        }
        for r in file.routes {
            self.add_route(&r.model, r.entry)?;
        }
        for o in file.prices {
            let entry = self
                .models
                .iter_mut()
                .find(|m| m.id == o.model)
                .and_then(|m| m.routes.iter_mut().find(|r| r.route == o.route))
                .ok_or_else(|| Error::Catalog(format!("price override for unknown {}@{}", o.model, o.route)))?;
            entry.price = o.price;
            entry.price_overridden = true;
        }
        for rule in file.lint {
            self.lint.retain(|r| r.code != rule.code);
            self.lint.push(rule);
        }
        // A file's new templates go first, in their own order: an overlay is more specific than
        // the shipped catch-all it would otherwise never get past.
        let mut fresh = Vec::new();
        for template in file.shot_templates {
            match self.shot_templates.iter_mut().find(|t| t.code == template.code) {
                Some(known) => *known = template,
                None => fresh.push(template),
            }
        }
        self.shot_templates.splice(0..0, fresh);
        for t in file.typical {
            self.typical.retain(|old| (old.route, &old.model) != (t.route, &t.model));
            self.typical.push(t);
        }
        Ok(())
    }

    fn add_route(&mut self, model_id: &str, route: RouteEntry) -> Result<(), Error> {
        let model = self.models.iter_mut().find(|m| m.id == model_id).ok_or_else(|| {
            Error::Catalog(format!(
                "route {} names unknown model '{model_id}'; add a [[model]] entry for it",
                route.route
            ))
        })?;
        model.routes.retain(|r| r.route != route.route);
        model.routes.push(route);
        Ok(())
    }

    /// The usual job time of `model` on `route`: the model's own entry, else the route's.
    pub fn typical_time(&self, model: &str, route: RouteId) -> Option<&TypicalTime> {
        let on_route = || self.typical.iter().filter(move |t| t.route == route);
        on_route()
            .find(|t| t.model.as_deref().is_some_and(|m| m.eq_ignore_ascii_case(model)))
            .or_else(|| on_route().find(|t| t.model.is_none()))
    }

    pub fn lint_rules(&self) -> &[crate::lint::LintRule] {
        &self.lint
    }

    pub fn shot_templates(&self) -> &[ShotTemplate] {
        &self.shot_templates
    }

    /// The shot template a model+route uses: the first whose scope holds.
    pub fn shot_template(&self, model: &ModelEntry, route: &RouteEntry) -> Option<&ShotTemplate> {
        self.shot_templates.iter().find(|t| t.applies(model, route))
    }

    /// Resolves canonical values against one model+route with its shot template.
    pub fn resolve(
        &self,
        model: &ModelEntry,
        route: &RouteEntry,
        asked: &CanonicalParams,
        strict: bool,
    ) -> Result<(ResolvedParams, Vec<ParityNote>), Error> {
        let label = format!("{}@{}", model.id, route.route);
        let template = self
            .shot_template(model, route)
            .ok_or_else(|| Error::Catalog(format!("{label}: no shot template applies")))?;
        Ok(resolve(&label, &route.params, &template.form, asked, strict)?)
    }

    pub fn models(&self) -> &[ModelEntry] {
        &self.models
    }

    pub fn model(&self, id: &str) -> Option<&ModelEntry> {
        self.models.iter().find(|m| m.id.eq_ignore_ascii_case(id))
    }

    /// Resolves `id` or `id@route`. Without a route, the first route that is not retired
    /// and for which `has_key` holds wins, then the first non-retired one.
    pub fn select(
        &self,
        spec: &str,
        has_key: impl Fn(RouteId) -> bool,
    ) -> Result<(&ModelEntry, &RouteEntry), InputError> {
        let (id, route) = match spec.split_once('@') {
            Some((id, route)) => (id.trim(), Some(route.trim())),
            None => (spec.trim(), None),
        };
        let model = self
            .model(id)
            .ok_or_else(|| InputError::UnknownModel { id: id.to_string(), suggestions: self.suggest(id) })?;
        let available = || model.routes.iter().map(|r| r.route.to_string()).collect::<Vec<_>>();
        let entry = match route {
            Some(name) => {
                model.routes.iter().find(|r| r.route.as_str().eq_ignore_ascii_case(name)).ok_or_else(|| {
                    InputError::UnknownRoute {
                        model: model.id.clone(),
                        route: name.to_string(),
                        available: available(),
                    }
                })?
            }
            None => {
                let live = || model.routes.iter().filter(|r| r.lifecycle.state != LifecycleState::Retired);
                live()
                    .find(|r| has_key(r.route))
                    .or_else(|| live().next())
                    .or_else(|| model.routes.first())
                    .ok_or_else(|| InputError::UnknownRoute {
                        model: model.id.clone(),
                        route: String::new(),
                        available: available(),
                    })?
            }
        };
        Ok((model, entry))
    }

    /// Close matches for an unknown id: substring hits first, then small edit distances.
    pub fn suggest(&self, id: &str) -> Vec<String> {
        let needle = id.to_ascii_lowercase();
        let mut scored: Vec<(usize, &str)> = self
            .models
            .iter()
            .filter_map(|m| {
                let hay = m.id.to_ascii_lowercase();
                let d = if hay.contains(&needle) || needle.contains(&hay) { 0 } else { edit_distance(&needle, &hay) };
                (d <= needle.len().max(3) / 2).then_some((d, m.id.as_str()))
            })
            .collect();
        scored.sort();
        scored.into_iter().take(3).map(|(_, id)| id.to_string()).collect()
    }

    /// Every duration any model+route allows, for the "no model allows that" check.
    pub fn duration_bounds(&self) -> (u32, u32) {
        let all = self.models.iter().flat_map(|m| m.routes.iter().flat_map(|r| r.params.durations.iter().copied()));
        all.fold((u32::MAX, 0), |(lo, hi), d| (lo.min(d), hi.max(d)))
    }

    pub fn any_allows_duration(&self, d: u32) -> bool {
        self.models.iter().any(|m| m.routes.iter().any(|r| r.params.durations.contains(&d)))
    }

    fn validate(&self) -> Result<(), Error> {
        for t in &self.typical {
            if t.slow_s < t.queue_s + t.generate_s {
                return Err(Error::Catalog(format!(
                    "typical time on {}: slow_s {} is below queue_s + generate_s",
                    t.route, t.slow_s
                )));
            }
        }
        for rule in &self.lint {
            rule.validate(&self.models).map_err(Error::Catalog)?;
        }
        for template in &self.shot_templates {
            template.validate().map_err(Error::Catalog)?;
        }
        let bad =
            |m: &ModelEntry, r: &RouteEntry, what: String| Err(Error::Catalog(format!("{}@{}: {what}", m.id, r.route)));
        for m in &self.models {
            if m.routes.is_empty() {
                return Err(Error::Catalog(format!("{}: no routes", m.id)));
            }
            for r in &m.routes {
                let p = &r.params;
                // Only checked once shot templates are loaded at all (a bare route file has none).
                if !self.shot_templates.is_empty() {
                    let template = self
                        .shot_template(m, r)
                        .ok_or_else(|| Error::Catalog(format!("{}@{}: no shot template applies", m.id, r.route)))?;
                    template.fits(r).map_err(|e| Error::Catalog(format!("{}@{}: {e}", m.id, r.route)))?;
                }
                if !p.durations.contains(&p.default_duration) {
                    return bad(m, r, format!("default_duration {} not in durations", p.default_duration));
                }
                if !p.aspects.contains(&p.default_aspect) {
                    return bad(m, r, format!("default_aspect {} not in aspects", p.default_aspect));
                }
                if !p.resolutions.contains(&p.default_resolution) {
                    return bad(m, r, format!("default_resolution {} not in resolutions", p.default_resolution));
                }
                if !p.audio.contains(&p.default_audio) {
                    return bad(m, r, "default_audio not in audio".into());
                }
                if let Some(a) = p.aspects.iter().find(|a| aspect_ratio(a).is_none()) {
                    return bad(m, r, format!("aspect '{a}' is not W:H"));
                }
                if let Some(x) = p.resolutions.iter().find(|x| resolution_rank(x).is_none()) {
                    return bad(m, r, format!("resolution '{x}' is not NNNp or 4k"));
                }
                if let Some(extend) = &r.extend {
                    extend.validate(r).map_err(|e| Error::Catalog(format!("{}@{}: {e}", m.id, r.route)))?;
                }
                if let Some(elements) = &r.elements {
                    elements.validate(r).map_err(|e| Error::Catalog(format!("{}@{}: {e}", m.id, r.route)))?;
                }
                if let Some(motion) = &r.motion {
                    motion.validate(r).map_err(|e| Error::Catalog(format!("{}@{}: {e}", m.id, r.route)))?;
                }
                if r.price.rules.is_empty() {
                    return bad(m, r, "no price rules".into());
                }
                // Every combination the parity rule can produce must be priceable and mappable.
                for &audio in &p.audio {
                    for res in &p.resolutions {
                        for aspect in &p.aspects {
                            let resolved = ResolvedParams {
                                prompt: "x".into(),
                                aspect: aspect.clone(),
                                resolution: res.clone(),
                                audio,
                                ..ResolvedParams::defaults(p)
                            };
                            if usd_per_second(&r.price, &resolved).is_none() {
                                return bad(m, r, format!("no price rule for audio={audio} resolution={res}"));
                            }
                            build_fields(r, &resolved)
                                .map_err(|e| Error::Catalog(format!("{}@{}: {e}", m.id, r.route)))?;
                            let with_images = ResolvedParams {
                                start_image: Some("start.png".into()),
                                end_image: Some("end.png".into()),
                                ..resolved
                            };
                            build_request(r, &with_images)
                                .map_err(|e| Error::Catalog(format!("{}@{} (image mode): {e}", m.id, r.route)))?;
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_shots;
