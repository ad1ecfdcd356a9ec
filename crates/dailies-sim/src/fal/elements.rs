//! Kling's `elements` (fal.md §13.1, fal-js `KlingV3ComboElementInput`): after the schema
//! checked the shape (`frontal_image_url`, `reference_image_urls` 1–3, `video_url`,
//! `voice_id`), each element must be either an image set (a frontal image, optional
//! references) or a video — "Each example can either be an image set (frontal + reference
//! images) or a video" —, at most one element may carry a video, every URL must be a file
//! this emulator's storage issued (images that decode, an MP4 for the video), and where the
//! endpoint caps elements together with reference images (Kling O3 reference-to-video) the
//! sum must fit. `@ElementN` beyond the list is not checked: fal's docs do not say it fails.

use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::frames::image_info;
use crate::state::Shared;

/// A schema's `elements` rule in `fal_endpoints.json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ElementsRule {
    /// The list field (`elements`).
    pub field: String,
    /// Elements plus the items of these list fields may not exceed `max` (O3's
    /// "Maximum 4 total (elements + reference images)").
    #[serde(default)]
    pub max_total: Option<MaxTotal>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MaxTotal {
    pub with: Vec<String>,
    pub max: usize,
}

/// Every problem with the input's elements, as fal's 422 `detail` items.
pub(super) fn check_elements(shared: &Shared, rule: &ElementsRule, input: &Map<String, Value>) -> Vec<Value> {
    let Some(Value::Array(list)) = input.get(&rule.field) else { return Vec::new() };
    let mut problems = Vec::new();
    let at = |i: usize, key: &str| json!(["body", rule.field, i, key]);
    let mut videos = 0;
    for (i, element) in list.iter().enumerate() {
        let get = |key: &str| element.get(key).filter(|v| !v.is_null());
        let (frontal, refs, video) = (get("frontal_image_url"), get("reference_image_urls"), get("video_url"));
        if frontal.is_some() == video.is_some() || (refs.is_some() && frontal.is_none()) {
            let msg = "Value error, an element is either an image set (frontal_image_url, optional reference_image_urls) or a video_url";
            problems.push(json!({"loc": ["body", rule.field, i], "msg": msg, "type": "value_error", "input": element}));
            continue;
        }
        if let Some(url) = frontal {
            problems.extend(image_problem(shared, at(i, "frontal_image_url"), url));
        }
        for (j, url) in refs.and_then(Value::as_array).into_iter().flatten().enumerate() {
            let loc = json!(["body", rule.field, i, "reference_image_urls", j]);
            problems.extend(image_problem(shared, loc, url));
        }
        if let Some(url) = video {
            videos += 1;
            let mp4 = shared.fal.uploads.fetch(&shared.base_url, url.as_str().unwrap_or_default());
            match mp4 {
                None => problems.push(download_error(at(i, "video_url"), url)),
                Some(bytes) if bytes.get(4..8) != Some(b"ftyp".as_slice()) => {
                    let msg = "Failed to load the video. Please ensure the video file is not corrupted and is in a supported format.";
                    problems.push(model_error(at(i, "video_url"), "video_load_error", msg, url));
                }
                Some(_) => {}
            }
        }
    }
    if videos > 1 {
        let msg = format!("Value error, at most one element may have a video_url, got {videos}");
        problems.push(json!({"loc": ["body", rule.field], "msg": msg, "type": "value_error", "input": list}));
    }
    if let Some(cap) = &rule.max_total {
        let others: usize = cap.with.iter().filter_map(|f| input.get(f).and_then(Value::as_array)).map(Vec::len).sum();
        if list.len() + others > cap.max {
            let msg = format!(
                "Value error, at most {} elements and {} in total, got {}",
                cap.max,
                cap.with.join(", "),
                list.len() + others
            );
            problems.push(json!({"loc": ["body", rule.field], "msg": msg, "type": "value_error", "input": list}));
        }
    }
    problems
}

fn image_problem(shared: &Shared, loc: Value, url: &Value) -> Option<Value> {
    let Some(bytes) = shared.fal.uploads.fetch(&shared.base_url, url.as_str().unwrap_or_default()) else {
        return Some(download_error(loc, url));
    };
    if image_info(&bytes).is_none() {
        let msg =
            "Failed to load the image. Please ensure the image file is not corrupted and is in a supported format.";
        return Some(model_error(loc, "image_load_error", msg, url));
    }
    None
}

fn download_error(loc: Value, url: &Value) -> Value {
    let msg = "Failed to download the file. Please check if the URL is accessible.";
    model_error(loc, "file_download_error", msg, url)
}

fn model_error(loc: Value, kind: &str, msg: &str, input: &Value) -> Value {
    json!({
        "loc": loc,
        "msg": msg,
        "type": kind,
        "url": format!("https://docs.fal.ai/errors#{kind}"),
        "input": input,
    })
}
