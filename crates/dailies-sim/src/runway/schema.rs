//! The request union on `model` (runway.md §3–§4): per model and endpoint, the allowed
//! `ratio`s and `duration`s, which optional fields exist, and where `promptImage` frames may
//! go. Unknown fields are refused.

use serde_json::{Map, Value};

use super::errors::invalid;
use crate::rejection::Rejection;

const WIDE: &[&str] = &["1280:720", "720:1280"];
const VEO: &[&str] = &["1280:720", "720:1280", "1080:1920", "1920:1080"];
const GEN4_IMAGE: &[&str] = &["1280:720", "720:1280", "1104:832", "832:1104", "960:960", "1584:672"];
/// A data URI may be up to 5 MB.
const DATA_URI_MAX: usize = 5 * 1024 * 1024;

/// One member of the union.
pub(super) struct Spec {
    pub model: &'static str,
    ratios: &'static [&'static str],
    durations: &'static [u32],
    duration_required: bool,
    pub default_duration: u32,
    prompt_required: bool,
    /// Optional fields beyond `model`, `promptText`, `ratio`, `duration`, `promptImage`.
    extra: &'static [&'static str],
    /// `promptImage` positions; empty on text_to_video.
    positions: &'static [&'static str],
    /// Whether the output has sound (veo3.1 through its `audio` flag).
    pub sound: bool,
}

const GEN4_EXTRA: &[&str] = &["seed", "contentModeration"];
const TWO_TO_TEN: &[u32] = &[2, 3, 4, 5, 6, 7, 8, 9, 10];

const fn spec(model: &'static str, ratios: &'static [&'static str], durations: &'static [u32]) -> Spec {
    Spec {
        model,
        ratios,
        durations,
        duration_required: true,
        default_duration: 8,
        prompt_required: true,
        extra: &["negativePrompt"],
        positions: &[],
        sound: true,
    }
}

const TEXT: &[Spec] = &[
    Spec { extra: GEN4_EXTRA, sound: false, ..spec("gen4.5", WIDE, TWO_TO_TEN) },
    Spec { duration_required: false, extra: &["audio", "negativePrompt"], ..spec("veo3.1", VEO, &[4, 6, 8]) },
    Spec { duration_required: false, extra: &["audio", "negativePrompt"], ..spec("veo3.1_fast", VEO, &[4, 6, 8]) },
    spec("veo3", VEO, &[8]),
];

const IMAGE: &[Spec] = &[
    Spec {
        duration_required: false,
        default_duration: 5,
        prompt_required: false,
        extra: GEN4_EXTRA,
        positions: &["first"],
        sound: false,
        ..spec("gen4_turbo", GEN4_IMAGE, TWO_TO_TEN)
    },
    Spec { extra: GEN4_EXTRA, positions: &["first"], sound: false, ..spec("gen4.5", GEN4_IMAGE, TWO_TO_TEN) },
    Spec {
        duration_required: false,
        extra: &["audio", "negativePrompt"],
        positions: &["first", "last"],
        ..spec("veo3.1", VEO, &[4, 6, 8])
    },
    Spec {
        duration_required: false,
        extra: &["audio", "negativePrompt"],
        positions: &["first", "last"],
        ..spec("veo3.1_fast", VEO, &[4, 6, 8])
    },
    Spec { positions: &["first"], ..spec("veo3", VEO, &[8]) },
];

/// What the accepted body asks to render.
pub(super) struct Accepted {
    pub spec: &'static Spec,
    pub width: u32,
    pub height: u32,
    pub seconds: u32,
    pub audio: bool,
}

pub(super) fn validate(image: bool, body: &Map<String, Value>) -> Result<Accepted, Rejection> {
    let union = if image { IMAGE } else { TEXT };
    let model = body.get("model").and_then(Value::as_str).unwrap_or("");
    let Some(spec) = union.iter().find(|s| s.model == model) else {
        let allowed: Vec<&str> = union.iter().map(|s| s.model).collect();
        return Err(invalid("model", &format!("expected one of {}, received '{model}'", allowed.join(" | "))));
    };
    for key in body.keys() {
        let known = ["model", "promptText", "ratio", "duration"].contains(&key.as_str())
            || spec.extra.contains(&key.as_str())
            || (image && key == "promptImage");
        if !known {
            return Err(invalid(key, &format!("unrecognized key for model {model}")));
        }
    }
    match body.get("promptText") {
        None if spec.prompt_required => return Err(invalid("promptText", "Required")),
        None => {}
        Some(Value::String(p)) if !p.is_empty() && p.encode_utf16().count() <= 1000 => {}
        Some(Value::String(_)) => return Err(invalid("promptText", "must be 1 to 1000 UTF-16 code units")),
        Some(_) => return Err(invalid("promptText", "Expected string")),
    }
    let ratio = match body.get("ratio") {
        Some(Value::String(r)) if spec.ratios.contains(&r.as_str()) => r.as_str(),
        None => return Err(invalid("ratio", "Required")),
        Some(other) => {
            let msg = format!("Invalid enum value. Expected {}, received {other}", spec.ratios.join(" | "));
            return Err(invalid("ratio", &msg));
        }
    };
    let seconds = match body.get("duration") {
        None if spec.duration_required => return Err(invalid("duration", "Required")),
        None => spec.default_duration,
        Some(d) => match d.as_u64().and_then(|d| u32::try_from(d).ok()).filter(|d| spec.durations.contains(d)) {
            Some(d) => d,
            None => {
                return Err(invalid("duration", &format!("expected an integer in {:?}, received {d}", spec.durations)))
            }
        },
    };
    let audio = match body.get("audio") {
        None => spec.sound,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err(invalid("audio", "Expected boolean")),
    };
    if body.get("seed").is_some_and(|s| s.as_u64().is_none_or(|s| s > u64::from(u32::MAX))) {
        return Err(invalid("seed", "Expected an integer from 0 to 4294967295"));
    }
    if body.get("negativePrompt").is_some_and(|n| !n.is_string()) {
        return Err(invalid("negativePrompt", "Expected string"));
    }
    if let Some(m) = body.get("contentModeration") {
        let threshold = m.get("publicFigureThreshold").and_then(Value::as_str);
        if !m.is_object()
            || m.as_object().is_some_and(|o| o.len() > 1)
            || threshold.is_some_and(|t| !["auto", "low"].contains(&t))
        {
            return Err(invalid("contentModeration", "expected {publicFigureThreshold?: 'auto' | 'low'}"));
        }
    }
    if image {
        check_prompt_image(spec, body.get("promptImage"))?;
    }
    let (w, h) =
        ratio.split_once(':').and_then(|(w, h)| Some((w.parse().ok()?, h.parse().ok()?))).unwrap_or((1280, 720));
    Ok(Accepted { spec, width: w, height: h, seconds, audio })
}

/// A URL, `runway://` upload URI or base64 data URI, or `[{uri, position}]` frames.
fn check_prompt_image(spec: &Spec, value: Option<&Value>) -> Result<(), Rejection> {
    let uri_ok = |uri: &str| {
        uri.starts_with("https://")
            || uri.starts_with("http://")
            || uri.starts_with("runway://")
            || (uri.starts_with("data:image/") && uri.contains(";base64,") && uri.len() <= DATA_URI_MAX)
    };
    match value {
        None => Err(invalid("promptImage", "Required")),
        Some(Value::String(uri)) if uri_ok(uri) => Ok(()),
        Some(Value::String(_)) => {
            Err(invalid("promptImage", "must be an HTTPS URL, a runway:// URI or a data URI up to 5 MB"))
        }
        Some(Value::Array(frames)) if !frames.is_empty() && frames.len() <= spec.positions.len() => {
            let mut seen = Vec::new();
            for (i, frame) in frames.iter().enumerate() {
                let uri = frame.get("uri").and_then(Value::as_str).unwrap_or("");
                let position = frame.get("position").and_then(Value::as_str).unwrap_or("");
                if !uri_ok(uri) {
                    return Err(invalid(&format!("promptImage.{i}.uri"), "must be a URL or a data URI up to 5 MB"));
                }
                if !spec.positions.contains(&position) || seen.contains(&position) {
                    let msg = format!("expected one of {} (each once)", spec.positions.join(" | "));
                    return Err(invalid(&format!("promptImage.{i}.position"), &msg));
                }
                if frame.as_object().is_some_and(|o| o.len() != 2) {
                    return Err(invalid(&format!("promptImage.{i}"), "only uri and position are allowed"));
                }
                seen.push(position);
            }
            Ok(())
        }
        Some(_) => Err(invalid("promptImage", &format!("expected a string or 1 to {} frames", spec.positions.len()))),
    }
}
