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
