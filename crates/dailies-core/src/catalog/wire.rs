//! Canonical values → a route's wire request (endpoint, fields, image slots), driven
//! entirely by the catalog's `fields` and `image_fields`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::params::ResolvedParams;
use super::schema::{CanonicalParam, Encoding, FieldSpec, RouteEntry};
use crate::providers::images::{ImageEncoding, ImageRole};

/// What one clip sends: persisted with the clip so a resumed or inspected job shows
/// exactly what went on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireRequest {
    pub endpoint: String,
    pub fields: Map<String, Value>,
    #[serde(default)]
    pub images: Vec<ImageSlot>,
    /// A continuation: the provider job id of the source video (a remix's fields hold the
    /// prompt only; an extension on a `provider_job` route references the provider's copy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remix_of: Option<String>,
    /// An extension's source video, uploaded by the adapter and sent as a URL in `field`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video: Option<VideoSlot>,
}

/// A local video (a delivered clip) to be uploaded and placed into `field` by the adapter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VideoSlot {
    pub field: String,
    pub path: String,
}

/// A local image to be placed into `field` by the adapter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImageSlot {
    pub field: String,
    pub role: ImageRole,
    pub encoding: ImageEncoding,
    pub path: String,
}

/// Whether a route can take a start / end image, from its catalog entry.
pub fn image_support(entry: &RouteEntry) -> (bool, bool) {
    let has = |role| {
        entry
            .fields
            .values()
            .chain(entry.image_fields.values())
            .any(|f| matches!(f, FieldSpec::Image { image, .. } if *image == role))
    };
    (has(ImageRole::Start), has(ImageRole::End))
}

/// Builds the wire request. Image mode (a start image given) switches to `image_endpoint`
/// and overlays `image_fields`; a multi-shot list replaces the single prompt.
pub fn build_request(entry: &RouteEntry, p: &ResolvedParams) -> Result<WireRequest, String> {
    let image_mode = p.start_image.is_some() && image_support(entry).0;
    let mut specs = entry.fields.clone();
    if image_mode {
        for (name, spec) in &entry.image_fields {
            specs.insert(name.clone(), spec.clone());
        }
    }
    // Elements mode: the route's elements fields over the rest (Kling O3's reference-to-video
    // names the first frame start_image_url), and the element images as nested slots.
    let elements = entry.elements.as_ref().filter(|_| !p.elements.is_empty());
    if let Some(x) = elements {
        for (name, spec) in &x.fields {
            specs.insert(name.clone(), spec.clone());
        }
    }
    let shots_sent =
        p.shots.is_some() && specs.values().any(|f| matches!(f, FieldSpec::Param { param: CanonicalParam::Shots, .. }));
    let mut fields = Map::new();
    let mut images = Vec::new();
    for (name, spec) in &specs {
        let value = match spec {
            FieldSpec::Const { value } => Some(value.clone()),
            FieldSpec::Omit { .. } => None,
            // Providers take a prompt or a shot list, never both.
            FieldSpec::Param { param: CanonicalParam::Prompt, .. } if shots_sent => None,
            FieldSpec::Param { param, encoding } => canonical(p, *param, *encoding)?,
            FieldSpec::Lookup { lookup, map } => {
                let key: Vec<String> = lookup
                    .iter()
                    .filter_map(|c| canonical(p, *c, Encoding::Native).ok().flatten())
                    .map(plain)
                    .collect();
                let key = key.join(" ");
                let found = map.get(&key).ok_or_else(|| format!("field '{name}' has no mapping for '{key}'"))?;
                Some(found.clone())
            }
            FieldSpec::Image { image, encoding } => {
                let path = match image {
                    ImageRole::Start => p.start_image.as_ref(),
                    ImageRole::End => p.end_image.as_ref(),
                    // Element images are placed from the route's elements table, below.
                    ImageRole::Reference => None,
                };
                if let Some(path) = path {
                    images.push(ImageSlot {
                        field: name.clone(),
                        role: *image,
                        encoding: *encoding,
                        path: path.clone(),
                    });
                }
                None
            }
        };
        if let Some(v) = value {
            fields.insert(name.clone(), v);
        }
    }
    if let Some(x) = elements {
        images.extend(x.slots(&p.elements));
    }
    let endpoint = match (elements.and_then(|x| x.endpoint.as_ref()), &entry.image_endpoint, image_mode) {
        (Some(e), _, _) => e.clone(),
        (None, Some(e), true) => e.clone(),
        _ => entry.endpoint.clone(),
    };
    Ok(WireRequest { endpoint, fields, images, remix_of: None, video: None })
}

/// The JSON fields alone (catalog validation and request-shape tests).
pub fn build_fields(entry: &RouteEntry, p: &ResolvedParams) -> Result<Map<String, Value>, String> {
    build_request(entry, p).map(|r| r.fields)
}

fn canonical(p: &ResolvedParams, c: CanonicalParam, encoding: Encoding) -> Result<Option<Value>, String> {
    let raw = match c {
        CanonicalParam::Prompt => Some(Value::from(p.prompt.clone())),
        CanonicalParam::NegativePrompt => p.negative_prompt.clone().map(Value::from),
        CanonicalParam::CfgScale => p.cfg_scale.map(Value::from),
        CanonicalParam::Shots => {
            let Some(shots) = &p.shots else { return Ok(None) };
            let list: Result<Vec<Value>, String> = shots
                .iter()
                .map(|s| {
                    let duration = encode(Value::from(s.duration_s), encoding)?;
                    Ok(serde_json::json!({ "prompt": s.prompt, "duration": duration }))
                })
                .collect();
            return Ok(Some(Value::Array(list?)));
        }
        CanonicalParam::Duration => Some(Value::from(p.duration_s)),
        CanonicalParam::Aspect => Some(Value::from(p.aspect.clone())),
        CanonicalParam::Resolution => Some(Value::from(p.resolution.clone())),
        CanonicalParam::Audio => Some(Value::from(p.audio)),
        CanonicalParam::Seed => p.seed.map(Value::from),
    };
    raw.map(|v| encode(v, encoding)).transpose()
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
