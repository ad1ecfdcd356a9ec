//! Request validation: the prediction request body (`additionalProperties: false`,
//! `input` required) and the model's input schema, reported all at once in the
//! gojsonschema wording of Replicate's validation errors.
//!
//! One deliberate difference: unknown *input* properties are rejected. The real service
//! may ignore them silently, which would hide a misspelled field name from an adapter's
//! tests; here it is an error.

use serde_json::{Map, Value};

use super::errors::Invalid;
use super::models::{Model, Rule};

/// Top-level keys of `schemas_prediction_request` / `schemas_version_prediction_request`.
const REQUEST_KEYS: &[&str] = &["input", "webhook", "webhook_events_filter", "stream"];
const WEBHOOK_EVENTS: &[&str] = &["start", "output", "logs", "completed"];

/// Checks the request envelope and returns its `input`. `version` is allowed (and
/// required) only on the version-based create.
pub(super) fn request(body: &Value, with_version: bool) -> Result<Map<String, Value>, Vec<Invalid>> {
    let mut invalid = Vec::new();
    let Some(object) = body.as_object() else {
        return Err(vec![root("invalid_type", format!("Invalid type. Expected: object, given: {}", kind(body)))]);
    };
    for key in object.keys() {
        let allowed = REQUEST_KEYS.contains(&key.as_str()) || (with_version && key == "version");
        if !allowed {
            invalid.push(root("additional_property_not_allowed", format!("Additional property {key} is not allowed")));
        }
    }
    if with_version && !object.contains_key("version") {
        invalid.push(root("required", "version is required".into()));
    }
    if let Some(v) = object.get("webhook").filter(|v| !v.is_string()) {
        invalid.push(type_error("webhook", "string", v));
    }
    if let Some(v) = object.get("stream").filter(|v| !v.is_boolean()) {
        invalid.push(type_error("stream", "boolean", v));
    }
    if let Some(events) = object.get("webhook_events_filter") {
        match events.as_array() {
            Some(items) if items.iter().all(|e| e.as_str().is_some_and(|e| WEBHOOK_EVENTS.contains(&e))) => {}
            _ => invalid.push(enum_error("webhook_events_filter.0", WEBHOOK_EVENTS)),
        }
    }
    let input = match object.get("input") {
        Some(Value::Object(input)) => input.clone(),
        Some(other) => {
            invalid.push(type_error("input", "object", other));
            Map::new()
        }
        None => {
            invalid.push(root("required", "input is required".into()));
            Map::new()
        }
    };
    if invalid.is_empty() {
        Ok(input)
    } else {
        Err(invalid)
    }
}

/// Checks a model input against its schema.
pub(super) fn input(model: &Model, input: &Map<String, Value>) -> Result<(), Vec<Invalid>> {
    let mut invalid = Vec::new();
    for name in model.required {
        if !input.contains_key(*name) {
            invalid.push(("input".into(), "required", format!("{name} is required")));
        }
    }
    for (name, value) in input {
        match model.rule(name) {
            Some(rule) => check(&mut invalid, &format!("input.{name}"), value, rule),
            None => invalid.push((
                "input".into(),
                "additional_property_not_allowed",
                format!("Additional property {name} is not allowed"),
            )),
        }
    }
    if invalid.is_empty() {
        Ok(())
    } else {
        Err(invalid)
    }
}

/// One value against its rule. Integers are strict: `5.0` and `"5"` are not integers to a
/// JSON Schema validator.
fn check(invalid: &mut Vec<Invalid>, field: &str, value: &Value, rule: Rule) {
    let mut push = |kind: &'static str, description: String| invalid.push((field.to_owned(), kind, description));
    match rule {
        Rule::Any => {}
        Rule::Text { max_len } => match value.as_str() {
            Some(s) if s.chars().count() > max_len => {
                push("string_lte", format!("String length must be less than or equal to {max_len}"))
            }
            Some(_) => {}
            None => push("invalid_type", format!("Invalid type. Expected: string, given: {}", kind(value))),
        },
        Rule::Uri => match value.as_str() {
            Some(s) if is_uri(s) => {}
            Some(_) => push("format", "Does not match format 'uri'".into()),
            None => push("invalid_type", format!("Invalid type. Expected: string, given: {}", kind(value))),
        },
        Rule::UriList { max_items } => match value.as_array() {
            Some(items) if items.len() > max_items => {
                push("array_max_items", format!("Array must have at most {max_items} items"))
            }
            Some(items) if items.iter().all(|i| i.as_str().is_some_and(is_uri)) => {}
            Some(_) => push("format", "Does not match format 'uri'".into()),
            None => push("invalid_type", format!("Invalid type. Expected: array, given: {}", kind(value))),
        },
        Rule::Int { min, max } => match value.as_i64() {
            Some(n) if n < min => push("number_gte", format!("Must be greater than or equal to {min}")),
            Some(n) if n > max => push("number_lte", format!("Must be less than or equal to {max}")),
            Some(_) => {}
            None => push("invalid_type", format!("Invalid type. Expected: integer, given: {}", kind(value))),
        },
        Rule::IntOneOf(allowed) => match value.as_i64() {
            Some(n) if allowed.contains(&n) => {}
            Some(_) => {
                let list: Vec<String> = allowed.iter().map(i64::to_string).collect();
                push("enum", format!("{field} must be one of the following: {}", list.join(", ")))
            }
            None => push("invalid_type", format!("Invalid type. Expected: integer, given: {}", kind(value))),
        },
        Rule::OneOf(allowed) => match value.as_str() {
            Some(s) if allowed.contains(&s) => {}
            _ => {
                let (_, kind, description) = enum_error(field, allowed);
                push(kind, description)
            }
        },
        Rule::Bool if value.is_boolean() => {}
        Rule::Bool => push("invalid_type", format!("Invalid type. Expected: boolean, given: {}", kind(value))),
        Rule::Number { min, max } => match value.as_f64() {
            Some(n) if n < min => push("number_gte", format!("Must be greater than or equal to {min}")),
            Some(n) if n > max => push("number_lte", format!("Must be less than or equal to {max}")),
            Some(_) => {}
            None => push("invalid_type", format!("Invalid type. Expected: number, given: {}", kind(value))),
        },
    }
}

fn is_uri(s: &str) -> bool {
    let http = (s.starts_with("https://") || s.starts_with("http://")) && s.len() > "https://".len();
    http || (s.starts_with("data:") && s.contains(";base64,"))
}

fn root(kind: &'static str, description: String) -> Invalid {
    ("(root)".into(), kind, description)
}

fn type_error(field: &str, expected: &str, value: &Value) -> Invalid {
    (field.into(), "invalid_type", format!("Invalid type. Expected: {expected}, given: {}", kind(value)))
}

fn enum_error(field: &str, allowed: &[&str]) -> Invalid {
    let list: Vec<String> = allowed.iter().map(|a| format!("\"{a}\"")).collect();
    (field.into(), "enum", format!("{field} must be one of the following: {}", list.join(", ")))
}

/// gojsonschema's names for JSON types.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}
