//! `parameters` of a Veo request, validated per model family as the Gemini API documents
//! them (google-veo.md §2), including the couplings between resolution, duration and aspect.

use serde_json::{Map, Value};

use super::errors::invalid;
use crate::rejection::Rejection;

/// Which Veo generation a model id belongs to; the rules differ per generation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Family {
    Veo31,
    Veo30,
    Veo2,
}

/// Every model id the fact sheet lists for the Gemini API, with its family and display name.
/// (`veo-3.1-lite-generate-preview` is listed with an UNCONFIRMED spelling.)
pub(super) const MODELS: &[(&str, Family, &str)] = &[
    ("veo-3.1-generate-preview", Family::Veo31, "Veo 3.1"),
    ("veo-3.1-fast-generate-preview", Family::Veo31, "Veo 3.1 Fast"),
    ("veo-3.1-lite-generate-preview", Family::Veo31, "Veo 3.1 Lite"),
    ("veo-3.0-generate-001", Family::Veo30, "Veo 3"),
    ("veo-3.0-fast-generate-001", Family::Veo30, "Veo 3 Fast"),
    ("veo-3.0-generate-preview", Family::Veo30, "Veo 3"),
    ("veo-2.0-generate-001", Family::Veo2, "Veo 2"),
];

/// Parameters the SDK refuses in Gemini-API mode (they exist on Vertex only).
const VERTEX_ONLY: &[&str] = &[
    "seed",
    "generateAudio",
    "fps",
    "storageUri",
    "outputGcsUri",
    "pubsubTopic",
    "mask",
    "compressionQuality",
    "labels",
    "resizeMode",
];
const KNOWN: &[&str] = &[
    "aspectRatio",
    "resolution",
    "durationSeconds",
    "negativePrompt",
    "personGeneration",
    "sampleCount",
    "enhancePrompt",
];

/// What the instance asked for that constrains the parameters.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Mode {
    pub image: bool,
    pub reference_images: bool,
    /// `instances[0].video`: extending a previous Veo output (720p, 8 s only).
    pub extension: bool,
}

/// The resolved output of a valid request.
#[derive(Clone, Debug)]
pub(super) struct Output {
    pub width: u32,
    pub height: u32,
    pub seconds: u32,
    pub samples: u32,
}

pub(super) fn validate(family: Family, model: &str, p: &Map<String, Value>, mode: Mode) -> Result<Output, Rejection> {
    if let Some(name) = p.keys().find(|k| VERTEX_ONLY.contains(&k.as_str())) {
        return Err(invalid(&format!("{name} parameter is not supported in Gemini API.")));
    }
    if let Some(name) = p.keys().find(|k| !KNOWN.contains(&k.as_str())) {
        return Err(invalid(&format!(
            "Invalid JSON payload received. Unknown name \"{name}\" at 'parameters': Cannot find field."
        )));
    }
    let aspect = enum_string(p, "aspectRatio", &["16:9", "9:16"])?.unwrap_or("16:9");
    let resolutions: &[&str] = match family {
        Family::Veo31 => &["720p", "1080p", "4k"],
        Family::Veo30 => &["720p", "1080p"],
        Family::Veo2 if p.contains_key("resolution") => {
            return Err(invalid(&format!("resolution parameter is not supported by {model}.")))
        }
        Family::Veo2 => &["720p"],
    };
    let resolution = enum_string(p, "resolution", resolutions)?.unwrap_or("720p");
    let seconds = match p.get("durationSeconds") {
        None => 8,
        // The docs show "8", the SDK sends 8: both are accepted.
        Some(Value::Number(n)) if n.as_u64().is_some() => n.as_u64().unwrap_or(0),
        Some(Value::String(s)) if s.parse::<u64>().is_ok() => s.parse().unwrap_or(0),
        Some(other) => {
            return Err(invalid(&format!("Invalid value at 'parameters.durationSeconds' (TYPE_INT32), {other}")))
        }
    };
    let allowed: &[u64] = if family == Family::Veo2 { &[5, 6, 7, 8] } else { &[4, 6, 8] };
    if !allowed.contains(&seconds) {
        let list: Vec<String> = allowed.iter().map(u64::to_string).collect();
        return Err(invalid(&format!(
            "durationSeconds must be one of {} for {model}, got {seconds}.",
            list.join(", ")
        )));
    }
    if mode.extension && resolution != "720p" {
        return Err(invalid(&format!("Video extension supports 720p only, got {resolution}.")));
    }
    if seconds != 8 && (resolution != "720p" || mode.reference_images || mode.extension) {
        let why = if mode.reference_images {
            "reference images"
        } else if mode.extension {
            "video extension"
        } else {
            resolution
        };
        return Err(invalid(&format!("durationSeconds must be 8 when using {why}, got {seconds}.")));
    }
    if family == Family::Veo30 && resolution == "1080p" && aspect != "16:9" {
        return Err(invalid("1080p is only supported with aspectRatio 16:9 for this model."));
    }
    person_generation(family, p, mode)?;
    let samples = match p.get("sampleCount") {
        None => 1,
        Some(Value::Number(n)) if n.as_u64().is_some() => n.as_u64().unwrap_or(0),
        Some(other) => {
            return Err(invalid(&format!("Invalid value at 'parameters.sampleCount' (TYPE_INT32), {other}")))
        }
    };
    let max_samples = if family == Family::Veo2 { 2 } else { 1 };
    if !(1..=max_samples).contains(&samples) {
        return Err(invalid(&format!("sampleCount must be between 1 and {max_samples} for {model}, got {samples}.")));
    }
    for (name, ok) in [
        ("negativePrompt", p.get("negativePrompt").is_none_or(Value::is_string)),
        ("enhancePrompt", p.get("enhancePrompt").is_none_or(Value::is_boolean)),
    ] {
        if !ok {
            return Err(invalid(&format!("Invalid value at 'parameters.{name}', {}", p[name])));
        }
    }
    let (width, height) = frame_size(resolution, aspect);
    Ok(Output { width, height, seconds: seconds as u32, samples: samples as u32 })
}

/// `personGeneration`: text-to-video takes `allow_all` only, image modes `allow_adult` only;
/// Veo 2 also allows `dont_allow`.
fn person_generation(family: Family, p: &Map<String, Value>, mode: Mode) -> Result<(), Rejection> {
    let mut allowed = vec![if mode.image || mode.reference_images { "allow_adult" } else { "allow_all" }];
    if family == Family::Veo2 {
        allowed = vec!["allow_all", "allow_adult", "dont_allow"];
    }
    enum_string(p, "personGeneration", &allowed).map(|_| ())
}

fn enum_string<'a>(p: &'a Map<String, Value>, name: &str, allowed: &[&str]) -> Result<Option<&'a str>, Rejection> {
    match p.get(name) {
        None => Ok(None),
        Some(Value::String(v)) if allowed.contains(&v.as_str()) => Ok(Some(v)),
        Some(Value::String(v)) => {
            let list: Vec<String> = allowed.iter().map(|a| format!("\"{a}\"")).collect();
            Err(invalid(&format!("Unsupported {name} value \"{v}\". Supported values: {}.", list.join(", "))))
        }
        Some(other) => Err(invalid(&format!("Invalid value at 'parameters.{name}' (TYPE_STRING), {other}"))),
    }
}

/// Output pixels: 720p, 1080p or 4k, landscape or portrait.
fn frame_size(resolution: &str, aspect: &str) -> (u32, u32) {
    let (w, h) = match resolution {
        "1080p" => (1920, 1080),
        "4k" => (3840, 2160),
        _ => (1280, 720),
    };
    if aspect == "9:16" {
        (h, w)
    } else {
        (w, h)
    }
}
