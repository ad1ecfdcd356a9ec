//! The BytePlus model ids the fact sheet lists, what each accepts, and the output size and
//! token count a request implies.

/// Seedance generations differ in durations, resolutions and optional parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Gen {
    V10Pro,
    V15Pro,
    V20,
    /// 2.0 fast and mini: at most 720p.
    V20Small,
    V25,
}

impl Gen {
    pub fn is_2x(self) -> bool {
        matches!(self, Gen::V20 | Gen::V20Small | Gen::V25)
    }

    pub fn resolutions(self) -> &'static [&'static str] {
        match self {
            Gen::V20 => &["480p", "720p", "1080p", "4k"],
            Gen::V20Small => &["480p", "720p"],
            Gen::V10Pro | Gen::V15Pro | Gen::V25 => &["480p", "720p", "1080p"],
        }
    }

    pub fn default_resolution(self) -> &'static str {
        if self == Gen::V10Pro {
            "1080p"
        } else {
            "720p"
        }
    }

    /// Allowed whole-second durations (`-1`, "model chooses", is handled separately).
    pub fn durations(self) -> std::ops::RangeInclusive<i64> {
        match self {
            Gen::V10Pro => 2..=12,
            Gen::V15Pro => 4..=12,
            Gen::V20 | Gen::V20Small => 4..=15,
            Gen::V25 => 4..=30,
        }
    }

    pub fn has_audio(self) -> bool {
        self != Gen::V10Pro
    }
}

/// BytePlus ids (GA and still-served ones); the 1.0 lite models were deactivated on BytePlus.
pub(super) const MODELS: &[(&str, Gen, &str)] = &[
    ("dreamina-seedance-2-5-260628", Gen::V25, "Seedance 2.5"),
    ("dreamina-seedance-2-0-260128", Gen::V20, "Seedance 2.0"),
    ("dreamina-seedance-2-0-fast-260128", Gen::V20Small, "Seedance 2.0 Fast"),
    ("dreamina-seedance-2-0-mini-260615", Gen::V20Small, "Seedance 2.0 Mini"),
    ("seedance-1-5-pro-251215", Gen::V15Pro, "Seedance 1.5 Pro"),
    ("seedance-1-0-pro-250528", Gen::V10Pro, "Seedance 1.0 Pro"),
    ("seedance-1-0-pro-fast-251015", Gen::V10Pro, "Seedance 1.0 Pro Fast"),
];

pub(super) const RATIOS: &[&str] = &["16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "adaptive"];

/// Output pixels per resolution and ratio. The fact sheet cites Ark's per-model pixel tables
/// without copying them; these are the Seedance values (UNCONFIRMED), consistent with the
/// docs' 246,840 tokens for a 1080p 16:9 5 s clip (1920×1088). 4k doubles 1080p (UNCONFIRMED).
pub(super) fn frame_size(resolution: &str, ratio: &str) -> (u32, u32) {
    let table: [(u32, u32); 6] = match resolution {
        "480p" => [(864, 480), (736, 544), (640, 640), (544, 736), (480, 864), (960, 416)],
        "1080p" | "4k" => [(1920, 1088), (1664, 1248), (1440, 1440), (1248, 1664), (1088, 1920), (2176, 928)],
        _ => [(1248, 704), (1120, 832), (960, 960), (832, 1120), (704, 1248), (1504, 640)],
    };
    let index = RATIOS.iter().position(|r| *r == ratio).filter(|i| *i < 6).unwrap_or(0);
    let (w, h) = table[index];
    if resolution == "4k" {
        (w * 2, h * 2)
    } else {
        (w, h)
    }
}

/// Output tokens: width × height / 1024 per frame at 24 fps, plus the first frame
/// (UNCONFIRMED formula; it reproduces the docs' 246,840 for 1080p 16:9 5 s).
pub(super) fn tokens(width: u32, height: u32, frames: u32) -> u64 {
    u64::from(width) * u64::from(height) / 1024 * u64::from(frames)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_docs_token_example_is_reproduced() {
        let (w, h) = super::frame_size("1080p", "16:9");
        assert_eq!(super::tokens(w, h, 5 * 24 + 1), 246_840);
        assert_eq!(super::frame_size("720p", "9:16"), (704, 1248));
        assert_eq!(super::frame_size("720p", "adaptive"), (1248, 704));
    }
}
