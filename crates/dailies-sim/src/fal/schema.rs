//! Strict input validation against an endpoint's schema from the catalog, reporting
//! every problem the way fal does (a 422 `detail` list). Stricter than Pydantic's lax
//! mode on purpose (no `"true"` for booleans, no `"0.5"` for numbers), so adapters can't
//! rely on coercion the real service may not apply.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::catalog::{Field, FieldType, Schema, ShotsTotal};
use super::pydantic::{child, Bounds, Errors};

/// Validates `body` and returns it with schema defaults filled in, or every error found.
pub(crate) fn validate(schema: &Schema, body: &Value) -> Result<Map<String, Value>, Vec<Value>> {
    let mut errors = Errors::default();
    let loc = vec![Value::from("body")];
    let Some(object) = body.as_object() else {
        let msg = "Input should be a valid dictionary or object to extract fields from";
        errors.push(&loc, "model_attributes_type", msg, body);
        return errors.into_result(Map::new());
    };
    let input = check_object(&schema.fields, false, object, &loc, &mut errors);
    for group in &schema.exactly_one_of {
        let present = group.iter().filter(|f| object.contains_key(*f)).count();
        if present != 1 {
            let names: Vec<String> = group.iter().map(|f| format!("'{f}'")).collect();
            let msg = format!("Value error, exactly one of {} must be provided", names.join(" or "));
            errors.push(&loc, "value_error", &msg, body);
        }
    }
    if let Some(rule) = &schema.shots_total {
        check_shots_total(schema, rule, &input, &loc, &mut errors);
    }
    errors.into_result(input)
}

/// The shots' durations must add up to the clip's: `multi_prompt` `["4", "6"]` with `duration` `"10"`.
/// Reads the values after defaults were filled in; a malformed item is already reported.
fn check_shots_total(
    schema: &Schema,
    rule: &ShotsTotal,
    input: &Map<String, Value>,
    loc: &[Value],
    errors: &mut Errors,
) {
    let Some(Value::Array(items)) = input.get(&rule.list) else { return };
    let item_default = schema
        .fields
        .get(&rule.list)
        .and_then(|f| f.items.as_ref())
        .and_then(|i| i.fields.as_ref())
        .and_then(|f| f.get(&rule.item))
        .and_then(|f| f.default.clone());
    let seconds = |v: Option<&Value>| -> Option<u64> {
        match v? {
            Value::String(s) => s.trim_end_matches('s').parse().ok(),
            other => other.as_u64(),
        }
    };
    let mut sum = 0;
    for item in items {
        let value = item.get(&rule.item).or(item_default.as_ref());
        let Some(s) = seconds(value) else { return };
        sum += s;
    }
    let Some(total) = seconds(input.get(&rule.total)) else { return };
    if sum != total {
        let msg = format!(
            "Value error, the durations of '{}' add up to {sum} s but '{}' is {total} s",
            rule.list, rule.total
        );
        errors.push(loc, "value_error", &msg, &Value::Object(input.clone()));
    }
}

fn check_object(
    fields: &BTreeMap<String, Field>,
    allow_extra: bool,
    object: &Map<String, Value>,
    loc: &[Value],
    errors: &mut Errors,
) -> Map<String, Value> {
    let mut out = Map::new();
    for (name, value) in object {
        let here = child(loc, name.as_str());
        match fields.get(name) {
            Some(field) => {
                check_value(field, value, &here, errors);
                out.insert(name.clone(), value.clone());
            }
            None if allow_extra => {}
            None => errors.push(&here, "extra_forbidden", "Extra inputs are not permitted", value),
        }
    }
    for (name, field) in fields {
        if object.contains_key(name) {
            continue;
        }
        if field.required {
            let whole = Value::Object(object.clone());
            errors.push(&child(loc, name.as_str()), "missing", "Field required", &whole);
        } else if let Some(default) = &field.default {
            out.insert(name.clone(), default.clone());
        }
    }
    out
}

fn check_value(field: &Field, value: &Value, loc: &[Value], errors: &mut Errors) {
    // Pydantic checks a Literal by membership alone, so `5` for `Literal["5"]` is a
    // literal_error rather than a type error.
    if let Some(allowed) = &field.allowed {
        if !allowed.contains(value) {
            errors.literal(loc, allowed, value);
        }
        return;
    }
    match field.ty {
        FieldType::String => match value.as_str() {
            Some(s) => {
                let bounds = Bounds { min: field.min_length, max: field.max_length, unit: "character" };
                errors.length(loc, value, s.chars().count(), bounds);
            }
            None => errors.push(loc, "string_type", "Input should be a valid string", value),
        },
        FieldType::Boolean => {
            if !value.is_boolean() {
                errors.push(loc, "bool_type", "Input should be a valid boolean", value);
            }
        }
        FieldType::Number | FieldType::Integer => check_number(field, value, loc, errors),
        FieldType::Array => match value.as_array() {
            Some(items) => {
                let bounds = Bounds { min: field.min_items, max: field.max_items, unit: "item" };
                errors.length(loc, value, items.len(), bounds);
                if let Some(rule) = &field.items {
                    for (i, item) in items.iter().enumerate() {
                        check_value(rule, item, &child(loc, i), errors);
                    }
                }
            }
            None => errors.push(loc, "list_type", "Input should be a valid list", value),
        },
        FieldType::Object => match (value.as_object(), &field.fields) {
            (Some(object), Some(fields)) => {
                check_object(fields, field.allow_extra, object, loc, errors);
            }
            (Some(_), None) => {}
            (None, _) => errors.push(loc, "dict_type", "Input should be a valid dictionary", value),
        },
    }
}

fn check_number(field: &Field, value: &Value, loc: &[Value], errors: &mut Errors) {
    let number = match field.ty {
        FieldType::Integer => value.as_i64().map(|n| n as f64),
        _ => value.as_f64(),
    };
    let Some(n) = number else {
        match field.ty {
            FieldType::Integer => errors.push(loc, "int_type", "Input should be a valid integer", value),
            _ => errors.push(loc, "float_type", "Input should be a valid number", value),
        }
        return;
    };
    if let Some(min) = field.minimum.filter(|min| n < *min) {
        let msg = format!("Input should be greater than or equal to {min}");
        let ctx = Some(serde_json::json!({ "ge": min }));
        errors.push_ctx(loc, "greater_than_equal", &msg, value, ctx);
    }
    if let Some(max) = field.maximum.filter(|max| n > *max) {
        let msg = format!("Input should be less than or equal to {max}");
        let ctx = Some(serde_json::json!({ "le": max }));
        errors.push_ctx(loc, "less_than_equal", &msg, value, ctx);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::catalog::Catalog;
    use super::validate;

    /// Every fal endpoint whose schema has a shot list, checked against the fal docs' limits.
    #[test]
    fn multi_prompt_is_strict_on_every_endpoint_that_takes_it() {
        let catalog = Catalog::load().unwrap();
        let ids = ["fal-ai/kling-video/v3/pro/text-to-video", "fal-ai/kling-video/v3/standard/text-to-video"];
        for id in ids {
            let schema = catalog.endpoint(id).unwrap_or_else(|| panic!("{id}")).schema;
            let shot = |d: &str| json!({"prompt": "a beat", "duration": d});
            let ok = json!({"multi_prompt": [shot("4"), shot("6")], "duration": "10"});
            assert!(validate(schema, &ok).is_ok(), "{id}");
            // Defaults count: two shots of the default 5 s make the default 5 s clip 10 s long.
            let defaulted = json!({"multi_prompt": [{"prompt": "a"}, {"prompt": "b"}]});
            let errs = validate(schema, &defaulted).unwrap_err();
            assert!(errs[0]["msg"].as_str().unwrap().contains("add up to 10 s"), "{errs:?}");
            let short = json!({"multi_prompt": [shot("4"), shot("6")], "duration": "9"});
            assert!(validate(schema, &short).is_err(), "{id}: sum must equal duration");
            let seven = json!({"multi_prompt": vec![shot("2"); 7], "duration": "14"});
            assert!(validate(schema, &seven).is_err(), "{id}: at most 6 shots");
            let zero = json!({"multi_prompt": [shot("0"), shot("5")], "duration": "5"});
            assert!(validate(schema, &zero).is_err(), "{id}: a shot lasts 1–15 s");
            let empty = json!({"multi_prompt": [], "duration": "5"});
            assert!(validate(schema, &empty).is_err(), "{id}: at least one shot");
        }
    }
}
