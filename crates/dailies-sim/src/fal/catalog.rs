//! The fal endpoint table, loaded from `fal_endpoints.json` so adding a model is a data
//! change: per-endpoint input schema, display label and output resolution rules.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::clips::ClipSpec;

const CATALOG_JSON: &str = include_str!("fal_endpoints.json");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Catalog {
    #[serde(rename = "_comment", default)]
    _comment: String,
    /// Resolution name → aspect ratio → `[width, height]`.
    resolutions: HashMap<String, HashMap<String, [u32; 2]>>,
    schemas: HashMap<String, Schema>,
    endpoints: BTreeMap<String, EndpointDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Schema {
    pub fields: BTreeMap<String, Field>,
    /// Groups of fields of which exactly one must be present (e.g. prompt XOR multi_prompt).
    #[serde(default)]
    pub exactly_one_of: Vec<Vec<String>>,
    output: OutputRule,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Field {
    #[serde(rename = "type")]
    pub ty: FieldType,
    #[serde(default)]
    pub required: bool,
    #[serde(rename = "enum")]
    pub allowed: Option<Vec<Value>>,
    pub default: Option<Value>,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub min_items: Option<usize>,
    pub max_items: Option<usize>,
    pub items: Option<Box<Field>>,
    pub fields: Option<BTreeMap<String, Field>>,
    #[serde(default)]
    pub allow_extra: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum FieldType {
    String,
    Boolean,
    Number,
    Integer,
    Array,
    Object,
}

/// Which (defaulted) input fields decide the rendered clip.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OutputRule {
    duration: String,
    /// Absent for models whose frame follows an input image; they render 16:9.
    aspect_ratio: Option<String>,
    /// Absent for models without an audio switch; see `audio_fixed`.
    audio: Option<String>,
    #[serde(default)]
    audio_fixed: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EndpointDef {
    label: String,
    schema: String,
    resolution: String,
}

/// One endpoint with its references resolved.
pub(crate) struct Endpoint<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub schema: &'a Schema,
    sizes: &'a HashMap<String, [u32; 2]>,
}

impl Catalog {
    /// Parses the embedded table and checks every cross-reference, so a bad edit fails
    /// at startup rather than on some later request.
    pub fn load() -> Result<Self, String> {
        let catalog: Catalog = serde_json::from_str(CATALOG_JSON).map_err(|e| format!("fal_endpoints.json: {e}"))?;
        for id in catalog.endpoints.keys() {
            catalog.endpoint(id).ok_or_else(|| format!("{id}: dangling schema/resolution"))?;
        }
        for (name, schema) in &catalog.schemas {
            let rule = &schema.output;
            let named = [Some(&rule.duration), rule.aspect_ratio.as_ref(), rule.audio.as_ref()];
            if let Some(missing) = named.into_iter().flatten().find(|f| !schema.fields.contains_key(*f)) {
                return Err(format!("schema {name}: output field {missing} is not an input"));
            }
        }
        Ok(catalog)
    }

    pub fn endpoint(&self, id: &str) -> Option<Endpoint<'_>> {
        let (id, def) = self.endpoints.get_key_value(id)?;
        Some(Endpoint {
            id,
            label: &def.label,
            schema: self.schemas.get(&def.schema)?,
            sizes: self.resolutions.get(&def.resolution)?,
        })
    }
}

impl Endpoint<'_> {
    /// The clip this endpoint renders for a validated, defaulted input.
    pub fn clip(&self, input: &Map<String, Value>) -> ClipSpec {
        let rule = &self.schema.output;
        let aspect = rule.aspect_ratio.as_ref().and_then(|f| input.get(f)).and_then(Value::as_str).unwrap_or("16:9");
        let [width, height] = self.sizes.get(aspect).copied().unwrap_or([1280, 720]);
        let audio = match &rule.audio {
            Some(field) => input.get(field).and_then(Value::as_bool).unwrap_or(false),
            None => rule.audio_fixed,
        };
        ClipSpec {
            key: self.id.to_owned(),
            label: self.label.to_owned(),
            width,
            height,
            seconds: input.get(&rule.duration).map_or(5, seconds_of),
            audio,
        }
    }
}

/// fal durations come as `"5"`, `"8s"` or `5` depending on the model family.
fn seconds_of(value: &Value) -> u32 {
    match value {
        Value::Number(n) => n.as_f64().map_or(5, |s| s.ceil().max(1.0) as u32),
        Value::String(s) => {
            let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().unwrap_or(5)
        }
        _ => 5,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_catalog_loads_and_resolves_sizes() {
        let catalog = Catalog::load().unwrap();
        let v3 = catalog.endpoint("fal-ai/kling-video/v3/pro/text-to-video").unwrap();
        let input = serde_json::json!({"duration": "7", "aspect_ratio": "9:16", "generate_audio": true});
        let clip = v3.clip(input.as_object().unwrap());
        assert_eq!((clip.width, clip.height, clip.seconds, clip.audio), (1080, 1920, 7, true));
        let o3 = catalog.endpoint("fal-ai/kling-video/o3/4k/text-to-video").unwrap();
        let clip = o3.clip(serde_json::json!({"aspect_ratio": "16:9"}).as_object().unwrap());
        assert_eq!((clip.width, clip.height), (3840, 2160));
    }

    #[test]
    fn durations_in_every_wire_shape() {
        assert_eq!(seconds_of(&Value::from("8s")), 8);
        assert_eq!(seconds_of(&Value::from("12")), 12);
        assert_eq!(seconds_of(&Value::from(6)), 6);
    }
}
