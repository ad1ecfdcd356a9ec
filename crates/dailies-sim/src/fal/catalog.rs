//! The fal endpoint table, loaded from `fal_endpoints.json` so adding a model is a data
//! change: per-endpoint input schema, display label, output rules and result extras.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;
use serde_json::{Map, Value};

use super::frames::{frame_size, nearest_aspect};
use crate::clips::ClipSpec;

const CATALOG_JSON: &str = include_str!("fal_endpoints.json");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Catalog {
    #[serde(rename = "_comment", default)]
    _comment: String,
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
    /// A shot list whose per-shot durations must add up to the clip's duration (Kling's
    /// `multi_prompt` against `duration`: the cuts are where the shots say).
    #[serde(default)]
    pub shots_total: Option<ShotsTotal>,
    /// Kling's `elements` beyond their shape (`elements.rs`).
    #[serde(default)]
    pub elements: Option<super::elements::ElementsRule>,
    output: OutputRule,
    #[serde(default)]
    pub result: ResultRule,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ShotsTotal {
    /// The list field (`multi_prompt`).
    pub list: String,
    /// Each item's duration field (`duration`).
    pub item: String,
    /// The top-level duration field the items must add up to (`duration`).
    pub total: String,
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
    /// The value is an image URL the model downloads; the emulator accepts only files its
    /// own storage issued (see `storage.rs`).
    pub image: Option<ImageRule>,
    /// The value is a video URL the model downloads (extend endpoints); the emulator accepts
    /// only MP4 files its own storage issued.
    pub video: Option<VideoRule>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct VideoRule {
    /// Shortest accepted video, seconds (motion control: 3).
    pub min_seconds: Option<f64>,
    /// Longest accepted video, per value of another field (motion control: 10 s with
    /// `character_orientation` `image`, 30 s with `video`).
    pub max_seconds: Option<MaxSeconds>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MaxSeconds {
    pub by: String,
    pub values: BTreeMap<String, f64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ImageRule {
    /// Veo's image-to-video wants at least a 720p frame (fal.md §13.4).
    pub min_height: Option<u32>,
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
    /// Absent for endpoints with a fixed length (Hailuo 02 Pro: 6 s); see `duration_fixed`.
    duration: Option<String>,
    duration_fixed: Option<u32>,
    /// The video field whose length the output follows (motion control).
    duration_video: Option<String>,
    /// Absent (or `"auto"` in the input) when the frame follows the start image.
    aspect_ratio: Option<String>,
    /// Absent when the endpoint has one fixed resolution, the endpoint's own.
    resolution: Option<String>,
    /// Absent for models without an audio switch; see `audio_fixed`.
    audio: Option<String>,
    #[serde(default)]
    audio_fixed: bool,
    /// The first-frame image field, whose shape an absent or `auto` aspect follows.
    image: Option<String>,
}

/// Extra keys in the result JSON beyond `{video: File}` (fal.md §11, §13.10).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ResultRule {
    /// Seedance and Wan return the seed they used.
    #[serde(default)]
    pub seed: bool,
    /// Wan and LTX return a `VideoFile` with width, height, fps, duration, num_frames.
    #[serde(default)]
    pub video_file: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EndpointDef {
    label: String,
    schema: String,
    /// The resolution word used when the input names none (`1080p`, `768P`, `2160p`, `4k`).
    resolution: String,
}

/// One endpoint with its references resolved.
pub(crate) struct Endpoint<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub schema: &'a Schema,
    resolution: &'a str,
}

impl Catalog {
    /// Parses the embedded table and checks every cross-reference, so a bad edit fails
    /// at startup rather than on some later request.
    pub fn load() -> Result<Self, String> {
        let catalog: Catalog = serde_json::from_str(CATALOG_JSON).map_err(|e| format!("fal_endpoints.json: {e}"))?;
        for id in catalog.endpoints.keys() {
            catalog.endpoint(id).ok_or_else(|| format!("{id}: dangling schema"))?;
        }
        for (name, schema) in &catalog.schemas {
            let rule = &schema.output;
            let lengths = [rule.duration.is_some(), rule.duration_fixed.is_some(), rule.duration_video.is_some()];
            if lengths.iter().filter(|set| **set).count() != 1 {
                return Err(format!(
                    "schema {name}: output needs exactly one of duration, duration_fixed, duration_video"
                ));
            }
            let named =
                [&rule.duration, &rule.duration_video, &rule.aspect_ratio, &rule.resolution, &rule.audio, &rule.image];
            if let Some(missing) = named.into_iter().flatten().find(|f| !schema.fields.contains_key(*f)) {
                return Err(format!("schema {name}: output field {missing} is not an input"));
            }
        }
        Ok(catalog)
    }

    pub fn endpoint(&self, id: &str) -> Option<Endpoint<'_>> {
        let (id, def) = self.endpoints.get_key_value(id)?;
        Some(Endpoint { id, label: &def.label, schema: self.schemas.get(&def.schema)?, resolution: &def.resolution })
    }
}

impl Endpoint<'_> {
    /// The clip this endpoint renders for a validated, defaulted input. `image` is the
    /// start image's `(width, height)` when the input has one, `video_s` the length of its
    /// input video.
    pub fn clip(&self, input: &Map<String, Value>, image: Option<(u32, u32)>, video_s: Option<f64>) -> ClipSpec {
        let rule = &self.schema.output;
        let text = |field: &Option<String>| field.as_ref().and_then(|f| input.get(f)).and_then(Value::as_str);
        let aspect = match (text(&rule.aspect_ratio), image) {
            (Some(aspect), _) if aspect != "auto" => aspect.to_owned(),
            (_, Some((w, h))) => nearest_aspect(w, h).to_owned(),
            _ => "16:9".to_owned(),
        };
        let resolution = text(&rule.resolution).unwrap_or(self.resolution);
        let (width, height) = frame_size(resolution, &aspect);
        let audio = match &rule.audio {
            Some(field) => input.get(field).and_then(Value::as_bool).unwrap_or(false),
            None => rule.audio_fixed,
        };
        let seconds = match (&rule.duration, rule.duration_fixed, video_s) {
            (_, Some(fixed), _) => fixed,
            (Some(field), None, _) => input.get(field).map_or(5, seconds_of),
            (None, None, Some(video)) if rule.duration_video.is_some() => (video.round() as u32).max(1),
            _ => 5,
        };
        ClipSpec { key: self.id.to_owned(), label: self.label.to_owned(), width, height, seconds, audio }
    }

    /// The image fields this endpoint downloads, with their rules.
    pub fn image_fields(&self) -> impl Iterator<Item = (&str, &ImageRule)> {
        self.schema.fields.iter().filter_map(|(name, f)| f.image.as_ref().map(|rule| (name.as_str(), rule)))
    }

    /// The video fields this endpoint downloads, with their rules.
    pub fn video_fields(&self) -> impl Iterator<Item = (&str, &VideoRule)> {
        self.schema.fields.iter().filter_map(|(name, f)| f.video.as_ref().map(|rule| (name.as_str(), rule)))
    }

    /// The first-frame field whose image shapes the output, if any.
    pub fn start_image_field(&self) -> Option<&str> {
        self.schema.output.image.as_deref()
    }
}

/// fal durations come as `"5"`, `"8s"` or `5`; Seedance's `"auto"` renders 5 s.
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
    use serde_json::json;

    fn clip(catalog: &Catalog, id: &str, input: Value, image: Option<(u32, u32)>) -> (u32, u32, u32, bool) {
        let c = catalog.endpoint(id).unwrap().clip(input.as_object().unwrap(), image, None);
        (c.width, c.height, c.seconds, c.audio)
    }

    #[test]
    fn embedded_catalog_loads_and_resolves_sizes() {
        let catalog = Catalog::load().unwrap();
        let v3 = json!({"duration": "7", "aspect_ratio": "9:16", "generate_audio": true});
        assert_eq!(clip(&catalog, "fal-ai/kling-video/v3/pro/text-to-video", v3, None), (1080, 1920, 7, true));
        let o3 = json!({"aspect_ratio": "16:9"});
        assert_eq!(clip(&catalog, "fal-ai/kling-video/o3/4k/text-to-video", o3, None).0, 3840);
        let veo = json!({"duration": "4s", "resolution": "1080p", "aspect_ratio": "9:16", "generate_audio": false});
        assert_eq!(clip(&catalog, "fal-ai/veo3.1", veo, None), (1080, 1920, 4, false));
        let hailuo = json!({"duration": "6"});
        assert_eq!(
            clip(&catalog, "fal-ai/minimax/hailuo-02/standard/text-to-video", hailuo, None),
            (1366, 768, 6, false)
        );
        assert_eq!(
            clip(&catalog, "fal-ai/minimax/hailuo-02/pro/text-to-video", json!({}), None),
            (1920, 1080, 6, false)
        );
        let ltx = json!({"duration": 8, "resolution": "2160p", "aspect_ratio": "16:9", "generate_audio": true});
        assert_eq!(clip(&catalog, "fal-ai/ltx-2/text-to-video", ltx, None), (3840, 2160, 8, true));
    }

    #[test]
    fn image_to_video_frames_follow_the_start_image() {
        let catalog = Catalog::load().unwrap();
        let input = json!({"duration": "5", "generate_audio": false});
        let portrait = clip(&catalog, "fal-ai/kling-video/v3/pro/image-to-video", input, Some((720, 1280)));
        assert_eq!(portrait, (1080, 1920, 5, false));
        let auto = json!({"duration": "6s", "aspect_ratio": "auto", "resolution": "720p", "generate_audio": true});
        assert_eq!(clip(&catalog, "fal-ai/veo3.1/image-to-video", auto, Some((1024, 1024))), (720, 720, 6, true));
    }

    #[test]
    fn durations_in_every_wire_shape() {
        assert_eq!(seconds_of(&Value::from("8s")), 8);
        assert_eq!(seconds_of(&Value::from("12")), 12);
        assert_eq!(seconds_of(&Value::from(6)), 6);
        assert_eq!(seconds_of(&Value::from("auto")), 5);
    }
}
