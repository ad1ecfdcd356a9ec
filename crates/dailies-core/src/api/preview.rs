//! "What each model receives", for the composer: the wire fields per model, as text.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::catalog::{ParityNote, RouteId};

/// One model+route of a planned comparison as its request would go out (input images, placed
/// by the adapter after upload, are not shown).
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct WirePreview {
    pub model: String,
    pub model_name: String,
    pub route: RouteId,
    pub endpoint: String,
    /// The body's fields in the route's own names, the prompt (or shot list) first.
    pub fields: Vec<WireField>,
    pub parity: Vec<ParityNote>,
    /// Canonical fields a per-model override changed for this model.
    pub overridden: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct WireField {
    pub name: String,
    /// A string value as is; anything else (numbers, booleans, a shot list) as compact JSON.
    pub text: String,
    /// The field carries the prompt or the shot list (what the composer shows first).
    pub prompt: bool,
}
