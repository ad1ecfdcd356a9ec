//! Poster frames for delivered clips: made once when a clip lands, and backfilled for
//! clips that have none. A poster is a nicety: without ffmpeg a clip still succeeds, and
//! the creator is told once why the grid shows no pictures.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;

use super::Studio;
use crate::error::Result;
use crate::{ffmpeg, poster};

/// What a backfill did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PosterReport {
    pub made: u32,
    /// Clips whose file ffmpeg could not read (each logged); they stay without a poster.
    pub failed: u32,
}

/// Set after the first "no ffmpeg" warning, so a long run does not repeat it per clip.
static WARNED_NO_FFMPEG: AtomicBool = AtomicBool::new(false);

impl Studio {
    /// Makes the poster of a clip that just landed. Never fails the clip: problems are logged.
    pub(super) async fn attach_poster(&self, clip_id: &str, clip_file: &Path, media_path: &str, duration_s: f64) {
        let ffmpeg_bin = match ffmpeg::locate() {
            Ok(bin) => bin,
            Err(e) => {
                if !WARNED_NO_FFMPEG.swap(true, Ordering::Relaxed) {
                    tracing::warn!(error = %e, "clips will have no poster frame");
                }
                return;
            }
        };
        if let Err(e) = self.make_poster(&ffmpeg_bin, clip_id, clip_file, media_path, duration_s).await {
            tracing::warn!(clip_id, error = %e, "no poster frame for this clip");
        }
    }

    async fn make_poster(
        &self,
        ffmpeg_bin: &Path,
        clip_id: &str,
        clip_file: &Path,
        media_path: &str,
        duration_s: f64,
    ) -> Result<()> {
        let relative = poster::relative_path(media_path);
        let out = self.store().media_dir().join(&relative);
        poster::extract(ffmpeg_bin, clip_file, duration_s, &out).await?;
        self.store().set_poster(clip_id, &relative).await
    }

    /// Makes posters for every live delivered clip that lacks one (`dailies posters`, and
    /// the app at start). Needs ffmpeg: without it this is `missing_ffmpeg`.
    pub async fn backfill_posters(&self) -> Result<PosterReport> {
        let ffmpeg_bin = ffmpeg::locate()?;
        let mut report = PosterReport::default();
        for clip in self.store().clips_without_poster().await? {
            let duration = clip.duration_s.unwrap_or(0.0);
            match self.make_poster(&ffmpeg_bin, &clip.id, Path::new(&clip.file_path), &clip.media_path, duration).await
            {
                Ok(()) => {
                    report.made += 1;
                    self.publish(&clip.id).await;
                }
                Err(e) => {
                    report.failed += 1;
                    tracing::warn!(clip_id = clip.id, error = %e, "no poster frame for this clip");
                }
            }
        }
        Ok(report)
    }
}
