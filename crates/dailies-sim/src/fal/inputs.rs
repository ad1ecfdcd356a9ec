//! Input images of image-to-video endpoints: fal downloads each URL before the model
//! runs, so a file it cannot fetch, decode or use fails the submit with a model error
//! (fal.md §9 A: `file_download_error`, `image_load_error`, `image_too_small`).

use serde_json::{json, Map, Value};

use super::catalog::Endpoint;
use super::frames::image_info;
use crate::state::Shared;

/// Checks every image field present in `input` and returns the start image's size, or
/// the 422 `detail` list.
pub(super) fn check_images(
    shared: &Shared,
    endpoint: &Endpoint<'_>,
    input: &Map<String, Value>,
) -> Result<Option<(u32, u32)>, Vec<Value>> {
    let mut problems = Vec::new();
    let mut start = None;
    for (field, rule) in endpoint.image_fields() {
        let Some(value) = input.get(field) else { continue };
        let url = value.as_str().unwrap_or_default();
        // Only files uploaded through the emulator's storage are reachable; the real
        // service would fetch any public URL, but nothing else exists on loopback.
        let Some(bytes) = shared.fal.uploads.fetch(&shared.base_url, url) else {
            let msg = "Failed to download the file. Please check if the URL is accessible.";
            problems.push(model_error(field, "file_download_error", msg, value, None));
            continue;
        };
        let Some((_, width, height)) = image_info(&bytes) else {
            let msg =
                "Failed to load the image. Please ensure the image file is not corrupted and is in a supported format.";
            problems.push(model_error(field, "image_load_error", msg, value, None));
            continue;
        };
        if let Some(min) = rule.min_height.filter(|min| height < *min) {
            let msg = format!("Image dimensions are too small. Minimum height is {min} pixels, got {height}.");
            problems.push(model_error(field, "image_too_small", &msg, value, Some(json!({ "min_height": min }))));
            continue;
        }
        if endpoint.start_image_field() == Some(field) {
            start = Some((width, height));
        }
    }
    if problems.is_empty() {
        Ok(start)
    } else {
        Err(problems)
    }
}

/// Checks every video field present in `input` (extend endpoints): the URL must be a file
/// the emulator's storage issued, and an MP4 (an `ftyp` box first), or the submit fails as
/// fal's model errors do.
pub(super) fn check_videos(shared: &Shared, endpoint: &Endpoint<'_>, input: &Map<String, Value>) -> Vec<Value> {
    let mut problems = Vec::new();
    for field in endpoint.video_fields() {
        let Some(value) = input.get(field) else { continue };
        let url = value.as_str().unwrap_or_default();
        let Some(bytes) = shared.fal.uploads.fetch(&shared.base_url, url) else {
            let msg = "Failed to download the file. Please check if the URL is accessible.";
            problems.push(model_error(field, "file_download_error", msg, value, None));
            continue;
        };
        if bytes.get(4..8) != Some(b"ftyp".as_slice()) {
            let msg =
                "Failed to load the video. Please ensure the video file is not corrupted and is in a supported format.";
            problems.push(model_error(field, "video_load_error", msg, value, None));
        }
    }
    problems
}

fn model_error(field: &str, kind: &str, msg: &str, input: &Value, ctx: Option<Value>) -> Value {
    let mut error = json!({
        "loc": ["body", field],
        "msg": msg,
        "type": kind,
        "url": format!("https://docs.fal.ai/errors#{kind}"),
        "input": input,
    });
    if let Some(ctx) = ctx {
        error["ctx"] = ctx;
    }
    error
}
