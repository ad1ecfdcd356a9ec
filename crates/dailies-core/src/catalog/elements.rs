//! Elements as catalog data (`elements = { ... }` on a route): how a route takes characters
//! or objects bound to `@Element1`… in the prompt — fal's Kling `elements`
//! (`[{frontal_image_url, reference_image_urls}]`) or, on routes with only image references,
//! every element's images flattened into a URL list such as `image_urls` — with the endpoint
//! used, the limits, the price when elements change it, and the page documenting it.
//! A route without this table takes no elements: the plan says so in a parity note.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::params::{Element, ResolvedParams};
use super::schema::{FieldSpec, PriceSpec, RouteEntry};
use super::wire::ImageSlot;
use crate::providers::images::{ImageEncoding, ImageRole};
use crate::routes::RouteId;

/// Reference images one element may carry besides its frontal image (fal's Kling types:
/// `reference_image_urls` 1–3).
pub const MAX_ELEMENT_REFERENCES: usize = 3;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElementsSpec {
    #[serde(default)]
    pub form: ElementsForm,
    /// The wire field: `elements`, or the reference list (`image_urls`).
    pub field: String,
    /// The endpoint used when elements are sent (Kling O3's reference-to-video); absent = the
    /// endpoint the request would use anyway.
    #[serde(default)]
    pub endpoint: Option<String>,
    /// At most this many elements (`form = "elements"`) or images (`form = "image_urls"`).
    pub max: u32,
    /// Reference images per element (`form = "elements"`).
    #[serde(default)]
    pub max_refs: u32,
    /// Elements are taken only with a start image (Kling 3.0: image-to-video only).
    #[serde(default)]
    pub needs_start_image: bool,
    /// Fields added (or, with `omit`, removed) when elements are sent, over `fields` and
    /// `image_fields`.
    #[serde(default)]
    pub fields: BTreeMap<String, FieldSpec>,
    /// The price when elements are sent, where it differs from the route's.
    #[serde(default)]
    pub price: Option<PriceSpec>,
    /// The page documenting the field (and its price).
    pub source: String,
    /// What the documentation leaves open (**UNCONFIRMED** facts the client tolerates).
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ElementsForm {
    /// `[{frontal_image_url, reference_image_urls?}]`, bound to `@ElementN` by the model.
    #[default]
    Elements,
    /// The images alone, as style/appearance references: `@ElementN` stays plain text.
    ImageUrls,
}

impl ElementsSpec {
    /// Where each element image goes, as a path inside the request body
    /// (`elements/0/frontal_image_url`, `image_urls/2`); the adapter uploads and places them.
    pub fn slots(&self, elements: &[Element]) -> Vec<ImageSlot> {
        let slot = |field: String, path: &str| ImageSlot {
            field,
            role: ImageRole::Reference,
            encoding: ImageEncoding::Url,
            path: path.to_string(),
        };
        let f = &self.field;
        match self.form {
            ElementsForm::Elements => elements
                .iter()
                .enumerate()
                .flat_map(|(i, e)| {
                    let refs = e.reference_images.iter().enumerate();
                    std::iter::once(slot(format!("{f}/{i}/frontal_image_url"), &e.frontal_image))
                        .chain(refs.map(move |(j, r)| slot(format!("{f}/{i}/reference_image_urls/{j}"), r)))
                })
                .collect(),
            ElementsForm::ImageUrls => all_images(elements)
                .take(self.max as usize)
                .enumerate()
                .map(|(k, path)| slot(format!("{f}/{k}"), path))
                .collect(),
        }
    }

    /// Catalog validation: a route whose adapter places nested image paths (fal), sane limits,
    /// and every audio/resolution combination mapped and priced with one element attached.
    pub fn validate(&self, entry: &RouteEntry) -> Result<(), String> {
        super::side_endpoint::check_scope(
            "elements",
            entry,
            &self.source,
            Some((RouteId::Fal, "places element images")),
        )?;
        if self.max == 0 || self.max_refs as usize > MAX_ELEMENT_REFERENCES {
            return Err(format!("elements: max must be ≥ 1 and max_refs ≤ {MAX_ELEMENT_REFERENCES}"));
        }
        let element =
            Element { name: None, frontal_image: "front.png".into(), reference_images: vec!["ref.png".into()] };
        for &audio in &entry.params.audio {
            for res in &entry.params.resolutions {
                let p = ResolvedParams {
                    prompt: "@Element1".into(),
                    audio,
                    resolution: res.clone(),
                    start_image: self.needs_start_image.then(|| "start.png".into()),
                    elements: vec![element.clone()],
                    ..ResolvedParams::defaults(&entry.params)
                };
                let wire = super::wire::build_request(entry, &p).map_err(|e| format!("elements: {e}"))?;
                if !wire.images.iter().any(|s| s.role == ImageRole::Reference) {
                    return Err("elements: the request carries no element image".into());
                }
                if super::price::usd_per_second(entry.price_for(&p), &p).is_none() {
                    return Err(format!("elements: no price for audio={audio} resolution={res}"));
                }
            }
        }
        Ok(())
    }
}

impl RouteEntry {
    /// The price rules for these values: motion control's when a reference video is sent, the
    /// elements price when elements are sent and the route prices them apart, else the route's own.
    pub fn price_for(&self, p: &ResolvedParams) -> &PriceSpec {
        if let (Some(motion), Some(_)) = (&self.motion, &p.motion) {
            return &motion.price;
        }
        match (&self.elements, p.elements.is_empty()) {
            (Some(ElementsSpec { price: Some(price), .. }), false) => price,
            _ => &self.price,
        }
    }
}

/// Every element image in order: each frontal image, then its references.
pub fn all_images(elements: &[Element]) -> impl Iterator<Item = &String> {
    elements.iter().flat_map(|e| std::iter::once(&e.frontal_image).chain(&e.reference_images))
}

/// The `@ElementN` numbers a text mentions (case-insensitive, as the lint rules match).
pub fn element_mentions(text: &str) -> Vec<u32> {
    let lower = text.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut rest = lower.as_str();
    while let Some(at) = rest.find("@element") {
        rest = &rest[at + "@element".len()..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(n) = digits.parse::<u32>() {
            found.push(n);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn element(refs: &[&str]) -> Element {
        Element {
            name: None,
            frontal_image: "f.png".into(),
            reference_images: refs.iter().map(|r| r.to_string()).collect(),
        }
    }

    fn spec(form: ElementsForm, max: u32) -> ElementsSpec {
        ElementsSpec {
            form,
            field: if form == ElementsForm::Elements { "elements".into() } else { "image_urls".into() },
            endpoint: None,
            max,
            max_refs: 3,
            needs_start_image: false,
            fields: BTreeMap::new(),
            price: None,
            source: "t".into(),
            note: None,
        }
    }

    #[test]
    fn elements_become_nested_slots_in_order() {
        let slots = spec(ElementsForm::Elements, 3).slots(&[element(&["a.png", "b.png"]), element(&[])]);
        let fields: Vec<&str> = slots.iter().map(|s| s.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "elements/0/frontal_image_url",
                "elements/0/reference_image_urls/0",
                "elements/0/reference_image_urls/1",
                "elements/1/frontal_image_url"
            ]
        );
        assert_eq!(slots[2].path, "b.png");
        assert!(slots.iter().all(|s| s.role == ImageRole::Reference && s.encoding == ImageEncoding::Url));
    }

    #[test]
    fn image_url_form_flattens_and_caps_the_images() {
        let slots = spec(ElementsForm::ImageUrls, 2).slots(&[element(&["a.png", "b.png"])]);
        let got: Vec<(&str, &str)> = slots.iter().map(|s| (s.field.as_str(), s.path.as_str())).collect();
        assert_eq!(got, [("image_urls/0", "f.png"), ("image_urls/1", "a.png")]);
    }

    #[test]
    fn mentions_are_found_case_insensitively() {
        assert_eq!(element_mentions("@Element1 meets @element12, not @Elementx"), [1, 12]);
        assert!(element_mentions("no elements").is_empty());
    }
}
