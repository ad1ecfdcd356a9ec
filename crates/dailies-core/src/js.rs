//! How Rust values look in the generated TypeScript (see `src-tauri/src/bindings.rs`).

/// An `f64` exported as TypeScript `number`. specta writes `number | null` for floats because
/// serde_json turns NaN and ±Infinity into `null`; Dailies computes costs, rates and times
/// from finite inputs only, so the UI is given plain numbers. Used as
/// `#[specta(type = JsNumber)]` on `f64` fields.
pub type JsNumber = specta_typescript::Number;
