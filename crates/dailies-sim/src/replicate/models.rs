//! The official video models the emulator runs, with the input schemas replicate.md §10
//! documents ([R] from Replicate's version pages, the rest from public client code).
//! What each model does with its input lives in `behaviour.rs`.

use serde_json::{Map, Value};

use super::behaviour::{
    hailuo_check, hailuo_clip, kling_clip, no_check, seedance_check, seedance_lite_clip, seedance_pro_clip, veo_clip,
    Render,
};
use crate::clips::ClipSpec;

/// One input property, as the model's OpenAPI schema types it.
#[derive(Clone, Copy, Debug)]
pub(super) enum Rule {
    Text {
        max_len: usize,
    },
    /// A file input: an HTTP(S) URL or a `data:` URL.
    Uri,
    UriList {
        max_items: usize,
    },
    Int {
        min: i64,
        max: i64,
    },
    IntOneOf(&'static [i64]),
    OneOf(&'static [&'static str]),
    Bool,
    Number {
        min: f64,
        max: f64,
    },
    /// Shape not documented (Kling's `multi_prompt`): any JSON value is passed through.
    Any,
}

pub(super) struct Model {
    pub slug: &'static str,
    pub label: &'static str,
    /// The input properties, in groups so related models can share theirs.
    pub fields: &'static [&'static [(&'static str, Rule)]],
    pub required: &'static [&'static str],
    /// A rule checked by the model itself once running: breaking it fails the prediction.
    pub run_check: fn(&Map<String, Value>) -> Option<String>,
    pub clip: fn(&Map<String, Value>) -> Render,
}

const PROMPT: (&str, Rule) = ("prompt", Rule::Text { max_len: 2500 });
const NEGATIVE_PROMPT: (&str, Rule) = ("negative_prompt", Rule::Text { max_len: 2500 });
const SEED: (&str, Rule) = ("seed", Rule::Int { min: 0, max: u32::MAX as i64 });
const ASPECTS_3: &[&str] = &["16:9", "9:16", "1:1"];

const KLING_V3: &[(&str, Rule)] = &[
    PROMPT,
    NEGATIVE_PROMPT,
    ("start_image", Rule::Uri),
    ("end_image", Rule::Uri),
    ("duration", Rule::Int { min: 3, max: 15 }),
    ("aspect_ratio", Rule::OneOf(ASPECTS_3)),
    ("mode", Rule::OneOf(&["standard", "pro", "4k"])),
    ("generate_audio", Rule::Bool),
    ("cfg_scale", Rule::Number { min: 0.0, max: 1.0 }),
    ("multi_prompt", Rule::Any),
];

const VEO_31: &[(&str, Rule)] = &[
    PROMPT,
    ("image", Rule::Uri),
    ("last_frame", Rule::Uri),
    ("reference_images", Rule::UriList { max_items: 3 }),
    ("duration", Rule::IntOneOf(&[4, 6, 8])),
    ("resolution", Rule::OneOf(&["720p", "1080p"])),
    ("aspect_ratio", Rule::OneOf(&["16:9", "9:16"])),
    ("generate_audio", Rule::Bool),
    NEGATIVE_PROMPT,
    SEED,
];

/// What both Seedance 1 models take; Lite adds reference images.
const SEEDANCE_1: &[(&str, Rule)] = &[
    PROMPT,
    ("image", Rule::Uri),
    ("last_frame_image", Rule::Uri),
    ("duration", Rule::Int { min: 2, max: 12 }),
    ("resolution", Rule::OneOf(&["480p", "720p", "1080p"])),
    ("aspect_ratio", Rule::OneOf(&["16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "9:21"])),
    ("fps", Rule::IntOneOf(&[24])),
    ("camera_fixed", Rule::Bool),
    SEED,
];

const SEEDANCE_LITE_REFERENCES: &[(&str, Rule)] = &[("reference_images", Rule::UriList { max_items: 4 })];

const HAILUO_02: &[(&str, Rule)] = &[
    PROMPT,
    ("first_frame_image", Rule::Uri),
    ("last_frame_image", Rule::Uri),
    ("duration", Rule::IntOneOf(&[6, 10])),
    ("resolution", Rule::OneOf(&["768p", "1080p"])),
    ("prompt_optimizer", Rule::Bool),
];

pub(super) const MODELS: &[Model] = &[
    Model {
        slug: "kwaivgi/kling-v3-video",
        label: "Kling 3.0 (Replicate)",
        fields: &[KLING_V3],
        required: &["prompt"],
        run_check: no_check,
        clip: kling_clip,
    },
    Model {
        slug: "google/veo-3.1",
        label: "Veo 3.1 (Replicate)",
        fields: &[VEO_31],
        required: &["prompt"],
        run_check: no_check,
        clip: veo_clip,
    },
    Model {
        slug: "google/veo-3.1-fast",
        label: "Veo 3.1 Fast (Replicate)",
        fields: &[VEO_31],
        required: &["prompt"],
        run_check: no_check,
        clip: veo_clip,
    },
    Model {
        slug: "bytedance/seedance-1-pro",
        label: "Seedance 1 Pro (Replicate)",
        fields: &[SEEDANCE_1],
        required: &["prompt"],
        run_check: seedance_check,
        clip: seedance_pro_clip,
    },
    Model {
        slug: "bytedance/seedance-1-lite",
        label: "Seedance 1 Lite (Replicate)",
        fields: &[SEEDANCE_1, SEEDANCE_LITE_REFERENCES],
        required: &["prompt"],
        run_check: seedance_check,
        clip: seedance_lite_clip,
    },
    Model {
        slug: "minimax/hailuo-02",
        label: "Hailuo 02 (Replicate)",
        fields: &[HAILUO_02],
        required: &["prompt"],
        run_check: hailuo_check,
        clip: hailuo_clip,
    },
];

pub(super) fn find(slug: &str) -> Option<&'static Model> {
    MODELS.iter().find(|m| m.slug == slug)
}

impl Model {
    /// How the schema types input property `name`, if the model has it.
    pub fn rule(&self, name: &str) -> Option<Rule> {
        self.fields.iter().flat_map(|group| group.iter()).find(|(field, _)| *field == name).map(|(_, rule)| *rule)
    }

    pub fn clip_spec(&self, input: &Map<String, Value>) -> ClipSpec {
        let (width, height, seconds, audio) = (self.clip)(input);
        ClipSpec { key: self.slug.to_owned(), label: self.label.to_owned(), width, height, seconds, audio }
    }
}
