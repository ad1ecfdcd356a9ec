//! The Vertex-style request body the Gemini API takes for Veo, and the couplings between
//! parameters that Google rejects (checked before anything is sent).

use serde_json::{json, Map, Value};

use super::ROUTE;
use crate::providers::images::{self, ImageEncoding, ImageInput};
use crate::providers::ProviderError;

/// Fields that belong to `instances[0]`; every other catalog field is a `parameters` entry.
const INSTANCE_FIELDS: &[&str] = &["prompt", "image", "lastFrame", "referenceImages", "video"];

/// Resolutions that need an 8 s duration (as do reference images and extension).
const EIGHT_SECONDS_ONLY: &[&str] = &["1080p", "4k"];

/// `{instances: [{prompt, image?, lastFrame?}], parameters: {...}}`. Images travel inline as
/// Google's Image object; `gcsUri` is rejected in Gemini-API mode and there is no upload
/// step for Veo inputs, so a URL-encoded image is refused.
pub fn request_body(fields: &Map<String, Value>, imgs: &[ImageInput]) -> Result<Value, ProviderError> {
    let mut instance = Map::new();
    let mut parameters = Map::new();
    for (name, value) in fields {
        let target = if INSTANCE_FIELDS.contains(&name.as_str()) { &mut instance } else { &mut parameters };
        target.insert(name.clone(), value.clone());
    }
    for img in imgs {
        match img.encoding {
            ImageEncoding::Base64 | ImageEncoding::DataUrl => {
                let object = json!({"bytesBase64Encoded": img.base64(), "mimeType": img.mime});
                instance.insert(img.field.clone(), object);
            }
            ImageEncoding::Url | ImageEncoding::Multipart => return Err(images::unsupported(ROUTE, img)),
        }
    }
    Ok(json!({"instances": [instance], "parameters": parameters}))
}

/// Refuses what Google documents as invalid, with the way out in the message: 1080p and 4k
/// only at 8 s, and Veo 3.0's 1080p only at 16:9.
pub fn check_couplings(model: &str, fields: &Map<String, Value>) -> Result<(), ProviderError> {
    let text = |name: &str| fields.get(name).and_then(Value::as_str).map(str::to_ascii_lowercase);
    let duration = fields.get("durationSeconds").and_then(|v| v.as_u64().or_else(|| v.as_str()?.parse().ok()));
    let resolution = text("resolution");
    let refuse = |detail: String| Err(ProviderError::InvalidRequest { route: ROUTE, detail });
    if let (Some(res), Some(secs)) = (resolution.as_deref(), duration) {
        if EIGHT_SECONDS_ONLY.contains(&res) && secs != 8 {
            return refuse(format!("Veo renders {res} only at 8 s (asked {secs} s); ask for 8 s, or 720p"));
        }
    }
    let aspect = text("aspectRatio").unwrap_or_else(|| "16:9".into());
    if model.starts_with("veo-3.0") && resolution.as_deref() == Some("1080p") && aspect != "16:9" {
        return refuse(format!("Veo 3 renders 1080p only at 16:9 (asked {aspect}); ask for 720p or 16:9"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::images::ImageRole;

    fn fields(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap()
    }

    #[test]
    fn prompt_goes_to_the_instance_and_the_rest_to_parameters() {
        let f = fields(json!({"prompt": "fog", "aspectRatio": "9:16", "durationSeconds": 8, "negativePrompt": "rain"}));
        let png = ImageInput {
            field: "image".into(),
            role: ImageRole::Start,
            encoding: ImageEncoding::Base64,
            mime: "image/png".into(),
            file_name: "a.png".into(),
            bytes: vec![1, 2, 3],
            width: 2,
            height: 2,
        };
        let body = request_body(&f, std::slice::from_ref(&png)).unwrap();
        assert_eq!(
            body,
            json!({
                "instances": [{"prompt": "fog", "image": {"bytesBase64Encoded": "AQID", "mimeType": "image/png"}}],
                "parameters": {"aspectRatio": "9:16", "durationSeconds": 8, "negativePrompt": "rain"}
            })
        );
        let url = ImageInput { encoding: ImageEncoding::Url, ..png };
        assert_eq!(request_body(&f, &[url]).unwrap_err().code(), "provider_rejected");
    }

    #[test]
    fn couplings_are_refused_with_the_way_out() {
        let ok = fields(json!({"resolution": "1080p", "durationSeconds": 8, "aspectRatio": "9:16"}));
        assert!(check_couplings("veo-3.1-generate-preview", &ok).is_ok());
        let short = fields(json!({"resolution": "4k", "durationSeconds": 6}));
        let e = check_couplings("veo-3.1-generate-preview", &short).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Google rejected the request: Veo renders 4k only at 8 s (asked 6 s); ask for 8 s, or 720p"
        );
        assert!(check_couplings(
            "veo-3.1-generate-preview",
            &fields(json!({"resolution": "720p", "durationSeconds": 4}))
        )
        .is_ok());
        let tall = fields(json!({"resolution": "1080p", "durationSeconds": 8, "aspectRatio": "9:16"}));
        assert!(check_couplings("veo-3.0-generate-001", &tall).unwrap_err().to_string().contains("only at 16:9"));
        // Veo 2 sends no resolution at all.
        assert!(check_couplings("veo-2.0-generate-001", &fields(json!({"durationSeconds": 5}))).is_ok());
    }
}
