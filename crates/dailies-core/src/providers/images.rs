//! Input images for image-to-video. The catalog says which wire field takes which image
//! and how it travels; inline encodings are placed here, the rest by the route's adapter.

use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::ProviderError;
use crate::routes::RouteId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImageRole {
    /// The first frame (`start_image_url`, `image_url`, `first_frame_image`, ...).
    Start,
    /// The last frame, where a route supports one.
    End,
    /// An element's or a reference image, placed at a path inside the body
    /// (`elements/0/frontal_image_url`, `image_urls/1`) by the adapters that take them (fal).
    Reference,
}

/// How an image reaches the provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImageEncoding {
    /// A URL the provider can fetch: the adapter uploads through the route's own storage.
    Url,
    /// `data:image/png;base64,...` in the JSON field.
    DataUrl,
    /// Bare base64 in the JSON field.
    Base64,
    /// A file part of a multipart body (OpenAI `input_reference`).
    Multipart,
}

/// One checked local image, ready to send.
#[derive(Debug, Clone)]
pub struct ImageInput {
    /// The wire field it goes into.
    pub field: String,
    pub role: ImageRole,
    pub encoding: ImageEncoding,
    /// `image/png`, `image/jpeg` or `image/webp`.
    pub mime: String,
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

impl ImageInput {
    pub fn data_url(&self) -> String {
        format!("data:{};base64,{}", self.mime, base64::engine::general_purpose::STANDARD.encode(&self.bytes))
    }

    pub fn base64(&self) -> String {
        base64::engine::general_purpose::STANDARD.encode(&self.bytes)
    }
}

/// Writes every `data_url`/`base64` image into its field (dotted names such as
/// `content.0.image_url` are not supported here; adapters with nested bodies place images
/// themselves) and returns the images the adapter must still handle (`url`, `multipart`).
pub fn place_inline<'a>(fields: &mut Map<String, Value>, images: &'a [ImageInput]) -> Vec<&'a ImageInput> {
    let mut rest = Vec::new();
    for img in images {
        match img.encoding {
            ImageEncoding::DataUrl => {
                fields.insert(img.field.clone(), Value::from(img.data_url()));
            }
            ImageEncoding::Base64 => {
                fields.insert(img.field.clone(), Value::from(img.base64()));
            }
            ImageEncoding::Url | ImageEncoding::Multipart => rest.push(img),
        }
    }
    rest
}

/// Writes `value` at a path inside the body: `elements/0/reference_image_urls/1` (a number
/// indexes a list, anything else names an object key), creating lists and objects on the
/// way. A plain name is a top-level field. Fails on a path that crosses a value of
/// another kind (a catalog mistake, reported rather than overwritten).
pub fn set_path(fields: &mut Map<String, Value>, path: &str, value: Value) -> Result<(), String> {
    let mut parts = path.split('/');
    let first = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    let Some((last, middle)) = rest.split_last() else {
        fields.insert(first.to_string(), value);
        return Ok(());
    };
    let mut here = fields.entry(first.to_string()).or_insert(Value::Null);
    for part in middle.iter().chain(std::iter::once(last)) {
        let slot = step(here, part).ok_or_else(|| format!("'{path}' crosses a value of another kind at '{part}'"))?;
        here = slot;
    }
    *here = value;
    Ok(())
}

fn step<'v>(here: &'v mut Value, part: &str) -> Option<&'v mut Value> {
    match part.parse::<usize>() {
        Ok(i) => {
            if here.is_null() {
                *here = Value::Array(Vec::new());
            }
            let list = here.as_array_mut()?;
            if list.len() <= i {
                list.resize(i + 1, Value::Null);
            }
            list.get_mut(i)
        }
        Err(_) => {
            if here.is_null() {
                *here = Value::Object(Map::new());
            }
            Some(here.as_object_mut()?.entry(part.to_string()).or_insert(Value::Null))
        }
    }
}

/// For routes with no upload API: a clear refusal instead of a silent text-to-video run.
pub fn unsupported(route: RouteId, img: &ImageInput) -> ProviderError {
    ProviderError::InvalidRequest {
        route,
        detail: format!(
            "{} cannot take a local image for '{}' ({:?} encoding is not supported)",
            route.display_name(),
            img.field,
            img.encoding
        ),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn nested_paths_build_lists_of_objects_in_any_order() {
        let mut fields = Map::new();
        for (path, v) in [
            ("elements/1/frontal_image_url", "f2"),
            ("elements/0/reference_image_urls/1", "r1"),
            ("elements/0/frontal_image_url", "f1"),
            ("elements/0/reference_image_urls/0", "r0"),
            ("start_image_url", "s"),
        ] {
            set_path(&mut fields, path, Value::from(v)).unwrap();
        }
        let want = json!({
            "elements": [{"frontal_image_url": "f1", "reference_image_urls": ["r0", "r1"]}, {"frontal_image_url": "f2"}],
            "start_image_url": "s",
        });
        assert_eq!(Value::Object(fields.clone()), want);
        assert!(set_path(&mut fields, "start_image_url/0", Value::from("x")).is_err());
    }
}
