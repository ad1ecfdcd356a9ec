//! How rendered clips are encoded beyond their size and length: the frame rate, and whether
//! each frame carries its own number in a form a test can read back from the picture.

/// The frame rate clips get unless asked otherwise. Low on purpose: encode time on 2 cores
/// scales with it, and a comparison grid in CI doesn't need smooth motion.
pub const CHEAP_FPS: u32 = 12;

/// Frame-rate and marking choices for every clip an emulator renders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClipRender {
    /// Output frame rate (1–60).
    pub fps: u32,
    /// Draw the frame index (mod 256) as 8 binary blocks along the top edge: block `k` (of
    /// width and height `width / 16`, from the left) is white when bit `k` is set, on a black
    /// bar half the frame wide. A player test reads which frame a tile shows from its pixels.
    pub frame_numbers: bool,
}

impl Default for ClipRender {
    fn default() -> Self {
        Self { fps: CHEAP_FPS, frame_numbers: false }
    }
}

impl ClipRender {
    /// What real providers deliver (24 fps), with frame numbers: for measuring the player.
    pub const REVIEW: Self = Self { fps: 24, frame_numbers: true };

    /// `DAILIES_SIM_CLIP_FPS` (1–60; a clip is rendered at this rate) and
    /// `DAILIES_SIM_FRAME_NUMBERS=1` (the frame-number blocks); anything unset or invalid
    /// keeps the default, with a warning for invalid values.
    pub fn from_env() -> Self {
        let fps = std::env::var("DAILIES_SIM_CLIP_FPS").ok();
        let numbers = std::env::var("DAILIES_SIM_FRAME_NUMBERS").ok();
        Self::from_vars(fps.as_deref(), numbers.as_deref())
    }

    fn from_vars(fps: Option<&str>, numbers: Option<&str>) -> Self {
        let mut render = Self::default();
        if let Some(raw) = fps {
            match raw.trim().parse::<u32>() {
                Ok(n @ 1..=60) => render.fps = n,
                _ => tracing::warn!(value = raw, "DAILIES_SIM_CLIP_FPS must be 1–60; rendering at {CHEAP_FPS} fps"),
            }
        }
        render.frame_numbers = matches!(numbers.map(str::trim), Some("1" | "true" | "yes"));
        render
    }

    /// Part of a clip's cache name, so clips rendered differently never stand in for each
    /// other; empty for the default, which keeps the existing cache names.
    pub(crate) fn cache_tag(&self) -> String {
        let mut tag = String::new();
        if self.fps != CHEAP_FPS {
            tag.push_str(&format!("-{}fps", self.fps));
        }
        if self.frame_numbers {
            tag.push_str("-fn");
        }
        tag
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_values_choose_rate_and_markings() {
        assert_eq!(ClipRender::from_vars(None, None), ClipRender::default());
        assert_eq!(ClipRender::from_vars(Some("24"), Some("1")), ClipRender::REVIEW);
        assert_eq!(ClipRender::from_vars(Some(" 30 "), None), ClipRender { fps: 30, frame_numbers: false });
        for bad in ["0", "61", "fast", "-24", ""] {
            assert_eq!(ClipRender::from_vars(Some(bad), Some("0")).fps, CHEAP_FPS, "{bad:?}");
        }
    }

    #[test]
    fn cache_tag_is_empty_only_for_the_default() {
        assert_eq!(ClipRender::default().cache_tag(), "");
        assert_eq!(ClipRender::REVIEW.cache_tag(), "-24fps-fn");
        assert_eq!(ClipRender { fps: 12, frame_numbers: true }.cache_tag(), "-fn");
    }
}
