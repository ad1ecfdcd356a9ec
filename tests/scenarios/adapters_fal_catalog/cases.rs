//! The expected outcome of every fal model's demo run: the documented facts (fal.md §13)
//! written out by hand, so the scenario checks the catalog and emulator against them rather
//! than against themselves.

use dailies_core::catalog::CanonicalParams;
use serde_json::{json, Value};

/// One model's run and what the emulator and the probe must show for it. The numbers are
/// the documented facts (fal.md §13), written out rather than derived from the catalog.
pub struct Case {
    pub model: &'static str,
    pub tweak: fn(&mut CanonicalParams),
    pub endpoint: &'static str,
    pub size: (u32, u32),
    pub seconds: f64,
    pub audio: bool,
    pub cost: f64,
    /// Fields the recorded body must carry with exactly these JSON types and values.
    pub body: Value,
    /// Fields it must not carry.
    pub absent: &'static [&'static str],
}

pub fn cases() -> Vec<Case> {
    vec![
        Case {
            model: "kling-3.0-pro",
            tweak: |p| {
                (p.duration_s, p.aspect, p.audio) = (Some(3), Some("9:16".into()), Some(true));
                (p.cfg_scale, p.negative_prompt) = (Some(0.7), Some("blur".into()));
            },
            endpoint: "fal-ai/kling-video/v3/pro/text-to-video",
            size: (1080, 1920),
            seconds: 3.0,
            audio: true,
            cost: 0.504,
            body: json!({"duration": "3", "aspect_ratio": "9:16", "generate_audio": true, "cfg_scale": 0.7, "negative_prompt": "blur"}),
            absent: &["resolution", "seed"],
        },
        Case {
            model: "kling-3.0-standard",
            tweak: |p| (p.duration_s, p.aspect, p.audio) = (Some(3), Some("1:1".into()), Some(false)),
            endpoint: "fal-ai/kling-video/v3/standard/text-to-video",
            size: (720, 720),
            seconds: 3.0,
            audio: false,
            cost: 0.252,
            body: json!({"duration": "3", "aspect_ratio": "1:1", "generate_audio": false}),
            absent: &["resolution"],
        },
        Case {
            model: "kling-o3-pro",
            tweak: |p| (p.duration_s, p.negative_prompt, p.cfg_scale) = (Some(3), Some("blur".into()), Some(0.5)),
            endpoint: "fal-ai/kling-video/o3/pro/text-to-video",
            size: (1920, 1080),
            seconds: 3.0,
            audio: false,
            cost: 0.336,
            body: json!({"duration": "3", "aspect_ratio": "16:9", "generate_audio": false}),
            absent: &["negative_prompt", "cfg_scale"],
        },
        Case {
            model: "kling-o3-4k",
            tweak: |p| p.duration_s = Some(3),
            endpoint: "fal-ai/kling-video/o3/4k/text-to-video",
            size: (3840, 2160),
            seconds: 3.0,
            audio: false,
            cost: 1.26,
            body: json!({"duration": "3"}),
            absent: &["resolution"],
        },
        Case {
            model: "veo-3.1",
            tweak: |p| {
                (p.duration_s, p.aspect, p.resolution) = (Some(4), Some("9:16".into()), Some("720p".into()));
                (p.audio, p.seed) = (Some(true), Some(42));
            },
            endpoint: "fal-ai/veo3.1",
            size: (720, 1280),
            seconds: 4.0,
            audio: true,
            cost: 1.6,
            body: json!({"duration": "4s", "resolution": "720p", "aspect_ratio": "9:16", "generate_audio": true, "seed": 42}),
            absent: &[],
        },
        Case {
            model: "veo-3.1-fast",
            tweak: |p| (p.duration_s, p.audio) = (Some(4), Some(false)),
            endpoint: "fal-ai/veo3.1/fast",
            size: (1280, 720),
            seconds: 4.0,
            audio: false,
            cost: 0.4,
            body: json!({"duration": "4s", "resolution": "720p", "generate_audio": false}),
            absent: &["seed"],
        },
        Case {
            model: "seedance-2.0",
            tweak: |p| (p.duration_s, p.resolution, p.seed) = (Some(4), Some("720p".into()), Some(7)),
            endpoint: "bytedance/seedance-2.0/text-to-video",
            size: (1280, 720),
            seconds: 4.0,
            audio: true,
            cost: 1.214,
            body: json!({"duration": "4", "resolution": "720p", "aspect_ratio": "16:9", "generate_audio": true}),
            absent: &["seed"],
        },
        Case {
            model: "hailuo-02-standard",
            tweak: |p| p.duration_s = Some(6),
            endpoint: "fal-ai/minimax/hailuo-02/standard/text-to-video",
            size: (1366, 768),
            seconds: 6.0,
            audio: false,
            cost: 0.27,
            body: json!({"duration": "6"}),
            absent: &["resolution", "aspect_ratio", "generate_audio"],
        },
        Case {
            model: "hailuo-02-pro",
            tweak: |_| {},
            endpoint: "fal-ai/minimax/hailuo-02/pro/text-to-video",
            size: (1920, 1080),
            seconds: 6.0,
            audio: false,
            cost: 0.48,
            body: json!({"prompt": "a lighthouse in fog"}),
            absent: &["duration", "resolution", "aspect_ratio", "generate_audio"],
        },
        Case {
            model: "wan-2.5",
            tweak: |p| (p.duration_s, p.resolution) = (Some(5), Some("720p".into())),
            endpoint: "fal-ai/wan-25-preview/text-to-video",
            size: (1280, 720),
            seconds: 5.0,
            audio: true,
            cost: 0.5,
            body: json!({"duration": "5", "resolution": "720p", "aspect_ratio": "16:9"}),
            absent: &["generate_audio"],
        },
        Case {
            model: "wan-2.7",
            tweak: |p| (p.duration_s, p.resolution, p.aspect) = (Some(2), Some("720p".into()), Some("9:16".into())),
            endpoint: "fal-ai/wan/v2.7/text-to-video",
            size: (720, 1280),
            seconds: 2.0,
            audio: true,
            cost: 0.2,
            body: json!({"duration": 2, "resolution": "720p", "aspect_ratio": "9:16"}),
            absent: &["generate_audio"],
        },
        Case {
            model: "ltx-2",
            tweak: |p| (p.duration_s, p.resolution) = (Some(6), Some("1080p".into())),
            endpoint: "fal-ai/ltx-2/text-to-video",
            size: (1920, 1080),
            seconds: 6.0,
            audio: true,
            cost: 0.36,
            body: json!({"duration": 6, "resolution": "1080p", "generate_audio": true}),
            absent: &[],
        },
        Case {
            model: "ltx-2.3",
            tweak: |p| (p.duration_s, p.aspect, p.audio) = (Some(6), Some("9:16".into()), Some(false)),
            endpoint: "fal-ai/ltx-2.3/text-to-video",
            size: (1080, 1920),
            seconds: 6.0,
            audio: false,
            cost: 0.48,
            body: json!({"duration": 6, "resolution": "1080p", "aspect_ratio": "9:16", "generate_audio": false}),
            absent: &[],
        },
        Case {
            model: "luma-ray-2",
            tweak: |p| (p.duration_s, p.aspect, p.resolution) = (Some(5), Some("21:9".into()), Some("540p".into())),
            endpoint: "fal-ai/luma-dream-machine/ray-2",
            size: (1260, 540),
            seconds: 5.0,
            audio: false,
            cost: 0.5,
            body: json!({"duration": "5s", "resolution": "540p", "aspect_ratio": "21:9"}),
            absent: &["generate_audio"],
        },
    ]
}
