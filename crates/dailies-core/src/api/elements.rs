//! The element library across the CLI and IPC: a named character or object (a frontal image
//! and 1–3 other views), reusable as `@Element1`… in any prompt.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::catalog::Element;

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
