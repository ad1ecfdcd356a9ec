//! The element library across the CLI and IPC: a named character or object (a frontal image
//! and 1–3 other views), reusable as `@Element1`… in any prompt.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::catalog::{Element, ElementsForm, ElementsSpec, PriceSpec};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct LibraryElement {
    pub id: String,
    pub name: String,
    /// Absolute paths of the library's own copies.
    pub frontal_image: String,
    pub reference_images: Vec<String>,
    pub created_at_ms: i64,
}

impl LibraryElement {
    /// The element as a comparison attaches it (`CanonicalParams.elements`).
    pub fn as_element(&self) -> Element {
        Element {
            name: Some(self.name.clone()),
            frontal_image: self.frontal_image.clone(),
            reference_images: self.reference_images.clone(),
        }
    }
}

/// A new library element from files anywhere on disk; the library keeps copies.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
pub struct NewElement {
    pub name: String,
    pub frontal_image: String,
    pub reference_images: Vec<String>,
}

/// How a route takes elements, for the picker and the UI's fake planner (`[route.elements]`).
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ElementsInfo {
    pub form: ElementsForm,
    /// The wire field (`elements`, or a reference list such as `image_urls`).
    pub field: String,
    /// The endpoint used when elements are sent, where it differs.
    #[serde(default)]
    #[specta(optional)]
    pub endpoint: Option<String>,
    /// At most this many elements (`elements`) or images (`image_urls`).
    pub max: u32,
    pub max_refs: u32,
    /// Elements are taken only with a start image (Kling 3.0: image-to-video only).
    pub needs_start_image: bool,
    /// The price while elements are sent, where it differs from the route's.
    #[serde(default)]
    #[specta(optional)]
    pub price: Option<PriceSpec>,
    /// Where the field (and its price) is documented, and what is left open.
    pub source: String,
    #[serde(default)]
    #[specta(optional)]
    pub note: Option<String>,
}

impl From<&ElementsSpec> for ElementsInfo {
    fn from(x: &ElementsSpec) -> ElementsInfo {
        ElementsInfo {
            form: x.form,
            field: x.field.clone(),
            endpoint: x.endpoint.clone(),
            max: x.max,
            max_refs: x.max_refs,
            needs_start_image: x.needs_start_image,
            price: x.price.clone(),
            source: x.source.clone(),
            note: x.note.clone(),
        }
    }
}
