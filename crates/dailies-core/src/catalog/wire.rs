//! Canonical values → a route's wire fields, driven entirely by the catalog's `fields`.

use serde_json::{Map, Value};

use super::params::ResolvedParams;
use super::schema::{CanonicalParam, Encoding, FieldSpec, RouteEntry};

/// Builds the JSON fields a route expects for these resolved values. Optional canonical
/// values that are absent (negative prompt, seed) leave their wire field out.
pub fn build_fields(entry: &RouteEntry, p: &ResolvedParams) -> Result<Map<String, Value>, String> {
    let mut out = Map::new();
    for (name, spec) in &entry.fields {
        let value = match spec {
            FieldSpec::Const { value } => Some(value.clone()),
            FieldSpec::Param { param, encoding } => canonical(p, *param).map(|v| encode(v, *encoding)).transpose()?,
            FieldSpec::Lookup { lookup, map } => {
                let key: Vec<String> = lookup.iter().filter_map(|c| canonical(p, *c)).map(plain).collect();
                let key = key.join(" ");
                let found = map.get(&key).ok_or_else(|| format!("field '{name}' has no mapping for '{key}'"))?;
                Some(found.clone())
            }
        };
        if let Some(v) = value {
            out.insert(name.clone(), v);
        }
    }
    Ok(out)
}

fn canonical(p: &ResolvedParams, c: CanonicalParam) -> Option<Value> {
    match c {
        CanonicalParam::Prompt => Some(Value::from(p.prompt.clone())),
        CanonicalParam::NegativePrompt => p.negative_prompt.clone().map(Value::from),
        CanonicalParam::Duration => Some(Value::from(p.duration_s)),
        CanonicalParam::Aspect => Some(Value::from(p.aspect.clone())),
        CanonicalParam::Resolution => Some(Value::from(p.resolution.clone())),
        CanonicalParam::Audio => Some(Value::from(p.audio)),
        CanonicalParam::Seed => p.seed.map(Value::from),
    }
}

fn plain(v: Value) -> String {
    match v {
        Value::String(s) => s,
        other => other.to_string(),
    }
}

fn encode(v: Value, encoding: Encoding) -> Result<Value, String> {
    Ok(match encoding {
        Encoding::Native => v,
        Encoding::String => Value::from(plain(v)),
        Encoding::SecondsSuffix => Value::from(format!("{}s", plain(v))),
        Encoding::Integer => Value::from(plain(v).parse::<i64>().map_err(|e| format!("not an integer: {e}"))?),
        Encoding::Bool => Value::from(v.as_bool().ok_or("not a boolean")?),
    })
}
