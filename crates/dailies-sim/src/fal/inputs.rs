//! Input images of image-to-video endpoints: fal downloads each URL before the model
//! runs, so a file it cannot fetch, decode or use fails the submit with a model error
//! (fal.md §9 A: `file_download_error`, `image_load_error`, `image_too_small`).

use serde_json::{json, Map, Value};

use super::catalog::{Endpoint, VideoRule};
use super::frames::image_info;
use super::video_length;
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

/// Checks every video field present in `input` (extend and motion-control endpoints): the URL
/// must be a file the emulator's storage issued, an MP4/MOV (an `ftyp` box first), and within
/// the rule's length limits, or the submit fails as fal's model errors do. Returns the first
/// video's length in seconds, or the 422 `detail` list.
pub(super) fn check_videos(
    shared: &Shared,
    endpoint: &Endpoint<'_>,
    input: &Map<String, Value>,
) -> Result<Option<f64>, Vec<Value>> {
    let mut problems = Vec::new();
    let mut length = None;
    for (field, rule) in endpoint.video_fields() {
        let Some(value) = input.get(field) else { continue };
        let url = value.as_str().unwrap_or_default();
        let Some(bytes) = shared.fal.uploads.fetch(&shared.base_url, url) else {
            let msg = "Failed to download the file. Please check if the URL is accessible.";
            problems.push(model_error(field, "file_download_error", msg, value, None));
            continue;
        };
        let seconds = video_length::seconds(&bytes);
        let (true, Some(seconds)) = (bytes.get(4..8) == Some(b"ftyp".as_slice()), seconds) else {
            let msg =
                "Failed to load the video. Please ensure the video file is not corrupted and is in a supported format.";
            problems.push(model_error(field, "video_load_error", msg, value, None));
            continue;
        };
        if let Some(problem) = length_problem(field, rule, input, seconds, value) {
            problems.push(problem);
            continue;
        }
        length = length.or(Some(seconds));
    }
    if problems.is_empty() {
        Ok(length)
    } else {
        Err(problems)
    }
}

/// A video shorter or longer than the rule allows. fal documents the limits (motion control:
/// "10s max for 'image', 30s max for 'video'") but not the error's wording, which is
/// UNCONFIRMED here: a model error on the field naming the limit, like the image checks'.
fn length_problem(
    field: &str,
    rule: &VideoRule,
    input: &Map<String, Value>,
    seconds: f64,
    value: &Value,
) -> Option<Value> {
    if let Some(min) = rule.min_seconds.filter(|min| seconds < *min) {
        let msg = format!("Video duration is too short. Minimum duration is {min} seconds, got {seconds:.2}.");
        return Some(model_error(field, "video_duration_too_short", &msg, value, Some(json!({ "min_duration": min }))));
    }
    let limit = rule.max_seconds.as_ref()?;
    let by = input.get(&limit.by).and_then(Value::as_str).unwrap_or_default();
    let max = *limit.values.get(by)?;
    (seconds > max).then(|| {
        let msg = format!(
            "Video duration is too long. Maximum duration is {max} seconds when {} is '{by}', got {seconds:.2}.",
            limit.by
        );
        model_error(field, "video_duration_too_long", &msg, value, Some(json!({ "max_duration": max })))
    })
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
