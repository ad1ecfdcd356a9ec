//! Output parameters, given as strongly validated JSON fields or as the legacy `--rs 720p
//! --dur 5` flags in the prompt text, which are weakly validated (a bad value silently
//! becomes the default). Which form wins when both are given is UNCONFIRMED; here JSON wins.

use serde_json::{Map, Value};

use super::errors::{invalid, unsupported};
use super::models::{frame_size, Gen, RATIOS};
use crate::rejection::Rejection;

pub(super) const KNOWN: &[&str] = &[
    "model",
    "content",
    "resolution",
    "ratio",
    "duration",
    "frames",
    "seed",
    "camera_fixed",
    "watermark",
    "generate_audio",
    "return_last_frame",
    "service_tier",
    "execution_expires_after",
    "callback_url",
    "draft",
    "priority",
    "output_format",
    "omni_reference_task_type",
    "safety_identifier",
];

/// What the task runs with, echoed in the task object.
#[derive(Clone, Debug)]
pub(super) struct Resolved {
    pub resolution: String,
    pub ratio: String,
    pub width: u32,
    pub height: u32,
    pub seconds: u32,
    /// Sent `frames` (1.0 pro only); the task then reports `frames` instead of `duration`.
    pub frames: Option<u32>,
    pub seed: i64,
    pub audio: bool,
    pub service_tier: String,
    pub expires_after: u64,
}

/// `--name value` pairs from the prompt, long spellings normalised to the JSON names.
fn flags(text: &str) -> Vec<(&'static str, String)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    for pair in words.windows(2) {
        let name = match pair[0] {
            "--rs" | "--resolution" => "resolution",
            "--rt" | "--ratio" => "ratio",
            "--dur" | "--duration" => "duration",
            "--seed" => "seed",
            "--cf" | "--camerafixed" => "camera_fixed",
            "--wm" | "--watermark" => "watermark",
            _ => continue,
        };
        out.push((name, pair[1].to_owned()));
    }
    out
}

pub(super) fn resolve(
    gen: Gen,
    model: &str,
    body: &Map<String, Value>,
    prompt: &str,
    image: bool,
) -> Result<Resolved, Rejection> {
    let flag = |name: &str| flags(prompt).into_iter().find(|(n, _)| *n == name).map(|(_, v)| v);
    let text = |name: &str, allowed: &[&str], default: &str| -> Result<String, Rejection> {
        match body.get(name) {
            Some(Value::String(v)) if allowed.contains(&v.as_str()) => Ok(v.clone()),
            Some(other) => Err(invalid(name, &format!("{other} is not one of {}", allowed.join(", ")))),
            None => Ok(flag(name).filter(|v| allowed.contains(&v.as_str())).unwrap_or_else(|| default.to_owned())),
        }
    };
    let int = |name: &str| -> Result<Option<i64>, Rejection> {
        match body.get(name) {
            None => Ok(None),
            Some(v) => v.as_i64().map(Some).ok_or_else(|| invalid(name, &format!("expected an integer, got {v}"))),
        }
    };
    for name in ["camera_fixed", "watermark", "generate_audio", "return_last_frame", "draft"] {
        if body.get(name).is_some_and(|v| !v.is_boolean()) {
            return Err(invalid(name, "expected a boolean"));
        }
    }
    let only =
        |name: &str, ok: bool| if body.contains_key(name) && !ok { Err(unsupported(name, model)) } else { Ok(()) };
    only("frames", gen == Gen::V10Pro)?;
    only("camera_fixed", !gen.is_2x())?;
    only("generate_audio", gen.has_audio())?;
    only("draft", matches!(gen, Gen::V15Pro | Gen::V25))?;
    only("priority", gen.is_2x())?;
    only("output_format", gen == Gen::V25)?;
    only("omni_reference_task_type", gen == Gen::V25)?;

    let resolution = text("resolution", gen.resolutions(), gen.default_resolution())?;
    let ratio = text("ratio", RATIOS, if image { "adaptive" } else { "16:9" })?;
    if ratio == "adaptive" && gen == Gen::V10Pro && !image {
        return Err(invalid("ratio", "adaptive is not supported for text-to-video on this model"));
    }
    let frames = match int("frames")? {
        None => None,
        Some(f) if (29..=289).contains(&f) && (f - 25) % 4 == 0 => Some(f as u32),
        Some(f) => return Err(invalid("frames", &format!("{f} is not of the form 25+4n within [29, 289]"))),
    };
    let range = gen.durations();
    let duration = match int("duration")? {
        Some(-1) if gen != Gen::V10Pro => 5,
        Some(d) if range.contains(&d) => d,
        Some(d) => {
            return Err(invalid("duration", &format!("{d} is out of range [{}, {}]", range.start(), range.end())))
        }
        None => flag("duration").and_then(|d| d.parse().ok()).filter(|d| range.contains(d)).unwrap_or(5),
    };
    let seconds = frames.map_or(duration as u32, |f| f / 24);
    let seed = match int("seed")? {
        Some(s) if (-1..=i64::from(i32::MAX)).contains(&s) => s,
        Some(s) => return Err(invalid("seed", &format!("{s} is out of range [-1, 2147483647]"))),
        None => flag("seed").and_then(|s| s.parse().ok()).unwrap_or(-1),
    };
    let seed = if seed == -1 { i64::from(rand::random::<u32>() >> 1) } else { seed };
    let service_tier = text("service_tier", &["default", "flex"], "default")?;
    if service_tier == "flex" && gen.is_2x() {
        return Err(unsupported("service_tier", model));
    }
    let expires_after = match int("execution_expires_after")? {
        None => 172_800,
        Some(s) if (3600..=259_200).contains(&s) => s as u64,
        Some(s) => return Err(invalid("execution_expires_after", &format!("{s} is out of range [3600, 259200]"))),
    };
    if let Some(p) = int("priority")? {
        if !(0..=9).contains(&p) {
            return Err(invalid("priority", &format!("{p} is out of range [0, 9]")));
        }
    }
    for (name, ok) in [
        ("callback_url", body.get("callback_url").is_none_or(Value::is_string)),
        ("safety_identifier", body.get("safety_identifier").is_none_or(|v| v.as_str().is_some_and(|s| s.len() <= 64))),
        ("output_format", body.get("output_format").is_none_or(|v| matches!(v.as_str(), Some("mp4" | "mov")))),
    ] {
        if !ok {
            return Err(invalid(name, "the value is not valid"));
        }
    }
    let audio = gen.has_audio() && body.get("generate_audio").and_then(Value::as_bool).unwrap_or(true);
    // `adaptive` follows the input image; the emulator renders such clips at 16:9.
    let shown_ratio = if ratio == "adaptive" { "16:9".to_owned() } else { ratio };
    let (width, height) = frame_size(&resolution, &shown_ratio);
    Ok(Resolved {
        resolution,
        ratio: shown_ratio,
        width,
        height,
        seconds,
        frames,
        seed,
        audio,
        service_tier,
        expires_after,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn prompt_flags_are_read_in_both_spellings() {
        let f = super::flags("a cat --rs 480p --ratio 9:16 --dur 7 --wm true");
        assert!(f.contains(&("resolution", "480p".into())) && f.contains(&("ratio", "9:16".into())));
        assert!(f.contains(&("duration", "7".into())) && f.contains(&("watermark", "true".into())));
    }
}
