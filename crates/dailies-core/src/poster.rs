//! One still frame per clip, extracted once when it lands, for the library's grid and the
//! HTML report. The frame is taken a little in (10 % of the length, at most 1 s): many
//! generations open on black or a fade, and the first frame says little.

use std::path::Path;
use std::time::Duration;

use crate::error::{Error, Result};
use crate::ffmpeg;

/// Posters are thumbnails: wide enough for a grid tile or a report card.
pub const MAX_WIDTH: u32 = 480;
/// A poster of a healthy file takes well under a second; this only stops a stuck ffmpeg.
const DEADLINE: Duration = Duration::from_secs(30);

/// The poster's path next to its clip: `<run>/<clip>.mp4` → `<run>/<clip>.jpg`.
pub fn relative_path(media_path: &str) -> String {
    match media_path.strip_suffix(".mp4") {
        Some(stem) => format!("{stem}.jpg"),
        None => format!("{media_path}.jpg"),
    }
}

/// When in the clip the poster frame is taken.
pub fn frame_time_s(duration_s: f64) -> f64 {
    if duration_s.is_finite() && duration_s > 0.0 {
        (duration_s * 0.1).min(1.0)
    } else {
        0.0
    }
}

/// Writes a JPEG of one frame of `clip` to `out`, at most [`MAX_WIDTH`] wide. Written to a
/// temporary name and renamed, so a poster on disk is always whole.
pub async fn extract(ffmpeg_bin: &Path, clip: &Path, duration_s: f64, out: &Path) -> Result<()> {
    let partial = out.with_extension("part.jpg");
    let args: Vec<std::ffi::OsString> = vec![
        "-ss".into(),
        format!("{:.3}", frame_time_s(duration_s)).into(),
        "-i".into(),
        clip.into(),
        "-frames:v".into(),
        "1".into(),
        "-vf".into(),
        format!("scale='min({MAX_WIDTH},iw)':-2").into(),
        "-q:v".into(),
        "4".into(),
        "-f".into(),
        "image2".into(),
        "-update".into(),
        "1".into(),
        partial.clone().into(),
    ];
    let job = ffmpeg::Job { ffmpeg: ffmpeg_bin, args, cwd: None, deadline: DEADLINE };
    if let Err(e) = ffmpeg::run(job, None).await {
        let _ = tokio::fs::remove_file(&partial).await;
        return Err(e);
    }
    // ffmpeg exits 0 without writing when the seek lands past the last frame.
    match tokio::fs::metadata(&partial).await {
        Ok(m) if m.len() > 0 => {}
        _ => {
            return Err(Error::ToolFailed {
                tool: "ffmpeg",
                detail: format!("no frame came out of {}", clip.display()),
            })
        }
    }
    tokio::fs::rename(&partial, out).await.map_err(|e| Error::local_io(out, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posters_sit_next_to_their_clip() {
        assert_eq!(relative_path("run-1/clip-2.mp4"), "run-1/clip-2.jpg");
        assert_eq!(relative_path("odd"), "odd.jpg");
    }

    #[test]
    fn the_frame_is_a_little_in_but_never_past_the_end() {
        assert_eq!(frame_time_s(5.0), 0.5);
        assert_eq!(frame_time_s(30.0), 1.0);
        assert_eq!(frame_time_s(0.0), 0.0);
        assert_eq!(frame_time_s(f64::NAN), 0.0);
    }

    #[tokio::test]
    async fn a_real_clip_gets_a_jpeg_at_most_480_wide() {
        let dir = tempfile::tempdir().unwrap();
        let clip = dir.path().join("c.mp4");
        let status = std::process::Command::new("ffmpeg")
            .args(["-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-f", "lavfi", "-i"])
            .arg("testsrc2=size=1280x720:rate=12")
            .args(["-t", "2", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"])
            .arg(&clip)
            .status()
            .expect("ffmpeg is installed on this machine kind");
        assert!(status.success());
        let out = dir.path().join("c.jpg");
        extract(&ffmpeg::locate().unwrap(), &clip, 2.0, &out).await.unwrap();
        let (w, h) = image::image_dimensions(&out).unwrap();
        assert_eq!((w, h), (480, 270));
        assert!(!dir.path().join("c.part.jpg").exists());
    }

    #[tokio::test]
    async fn a_broken_clip_is_an_error_and_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let clip = dir.path().join("bad.mp4");
        std::fs::write(&clip, b"not a movie").unwrap();
        let out = dir.path().join("bad.jpg");
        let e = extract(&ffmpeg::locate().unwrap(), &clip, 2.0, &out).await.unwrap_err();
        assert_eq!(e.code(), "tool_failed", "{e}");
        assert!(!out.exists() && !dir.path().join("bad.part.jpg").exists());
    }
}
