//! What each emulated Replicate model does with a validated input: the rules it enforces
//! once running (breaking one fails the prediction, as a model's own check would) and the
//! frame size, length and audio of the clip it renders.

use serde_json::{Map, Value};

/// What a model renders for an input: width, height, seconds, audio.
pub(super) type Render = (u32, u32, u32, bool);

fn text<'a>(input: &'a Map<String, Value>, key: &str, default: &'a str) -> &'a str {
    input.get(key).and_then(Value::as_str).unwrap_or(default)
}

fn int(input: &Map<String, Value>, key: &str, default: u32) -> u32 {
    input.get(key).and_then(Value::as_u64).map_or(default, |n| n as u32)
}

fn flag(input: &Map<String, Value>, key: &str, default: bool) -> bool {
    input.get(key).and_then(Value::as_bool).unwrap_or(default)
}

/// Frame size for an aspect ratio whose short side is `short` pixels (even, for H.264).
pub(super) fn frame(aspect: &str, short: u32) -> (u32, u32) {
    let (a, b) = aspect
        .split_once(':')
        .and_then(|(a, b)| Some((a.parse::<f64>().ok()?, b.parse::<f64>().ok()?)))
        .unwrap_or((16.0, 9.0));
    let long = |ratio: f64| ((f64::from(short) * ratio / 2.0).round() as u32) * 2;
    if a >= b {
        (long(a / b), short)
    } else {
        (short, long(b / a))
    }
}

fn short_side(resolution: &str) -> u32 {
    match resolution {
        "4k" => 2160,
        other => other.trim_end_matches('p').parse().unwrap_or(720),
    }
}

pub(super) fn no_check(_: &Map<String, Value>) -> Option<String> {
    None
}

pub(super) fn seedance_check(input: &Map<String, Value>) -> Option<String> {
    (input.contains_key("last_frame_image") && !input.contains_key("image"))
        .then(|| "last_frame_image requires image (a first frame) to be set".to_owned())
}

pub(super) fn hailuo_check(input: &Map<String, Value>) -> Option<String> {
    (int(input, "duration", 6) == 10 && text(input, "resolution", "1080p") != "768p")
        .then(|| "10 second videos are only available at 768p resolution".to_owned())
}

pub(super) fn kling_clip(input: &Map<String, Value>) -> Render {
    let short = match text(input, "mode", "pro") {
        "standard" => 720,
        "4k" => 2160,
        _ => 1080,
    };
    let (w, h) = frame(text(input, "aspect_ratio", "16:9"), short);
    (w, h, int(input, "duration", 5), flag(input, "generate_audio", false))
}

pub(super) fn veo_clip(input: &Map<String, Value>) -> Render {
    let (w, h) = frame(text(input, "aspect_ratio", "16:9"), short_side(text(input, "resolution", "1080p")));
    (w, h, int(input, "duration", 8), flag(input, "generate_audio", true))
}

/// With a first frame the output follows the image; the emulator renders 16:9 then.
fn seedance_clip(input: &Map<String, Value>, default_res: &str) -> Render {
    let aspect = if input.contains_key("image") { "16:9" } else { text(input, "aspect_ratio", "16:9") };
    let (w, h) = frame(aspect, short_side(text(input, "resolution", default_res)));
    (w, h, int(input, "duration", 5), false)
}

pub(super) fn seedance_pro_clip(input: &Map<String, Value>) -> Render {
    seedance_clip(input, "1080p")
}

pub(super) fn seedance_lite_clip(input: &Map<String, Value>) -> Render {
    seedance_clip(input, "720p")
}

pub(super) fn hailuo_clip(input: &Map<String, Value>) -> Render {
    let (w, h) = frame("16:9", short_side(text(input, "resolution", "1080p")));
    (w, h, int(input, "duration", 6), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_follow_aspect_and_short_side() {
        assert_eq!(frame("16:9", 1080), (1920, 1080));
        assert_eq!(frame("9:16", 720), (720, 1280));
        assert_eq!(frame("16:9", 768), (1366, 768));
        assert_eq!(frame("1:1", 1080), (1080, 1080));
        assert_eq!(frame("21:9", 480), (1120, 480));
    }

    #[test]
    fn clips_and_run_checks_follow_the_input() {
        let input = |v: Value| v.as_object().unwrap().clone();
        let kling = super::super::models::find("kwaivgi/kling-v3-video").unwrap();
        let spec = kling.clip_spec(&input(
            serde_json::json!({"mode": "standard", "aspect_ratio": "9:16", "duration": 7, "generate_audio": true}),
        ));
        assert_eq!((spec.width, spec.height, spec.seconds, spec.audio), (720, 1280, 7, true));
        let hailuo = super::super::models::find("minimax/hailuo-02").unwrap();
        assert!((hailuo.run_check)(&input(serde_json::json!({"duration": 10, "resolution": "1080p"}))).is_some());
        assert!((hailuo.run_check)(&input(serde_json::json!({"duration": 10, "resolution": "768p"}))).is_none());
        assert_eq!((hailuo.clip)(&input(serde_json::json!({"resolution": "768p"}))), (1366, 768, 6, false));
    }
}
