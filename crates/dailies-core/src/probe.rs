//! Reads what a downloaded clip really is (size, duration, audio, frame rate, frame count)
//! from its MP4 boxes. The player steps frames with the frame rate read here, never an
//! assumed one: real routes deliver 24–30 fps, the emulator 12.

use std::path::Path;

use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq)]
pub struct Probe {
    pub width: u32,
    pub height: u32,
    pub duration_s: f64,
    pub has_audio: bool,
    pub size_bytes: u64,
    /// Nominal frames per second of the video track; `None` when the file does not say
    /// (fragmented MP4 without a sample table, a zero timescale).
    pub fps: Option<f64>,
    /// Number of video samples (frames); `None` when the sample table is empty.
    pub frame_count: Option<u32>,
}

/// Parses the file's `moov`; fails with a clear message if it is not a playable MP4.
pub fn probe_mp4(path: &Path) -> Result<Probe> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let size_bytes = file.metadata().map_err(|e| Error::io(path, e))?.len();
    let reader = std::io::BufReader::new(file);
    let mp4 = mp4::Mp4Reader::read_header(reader, size_bytes)
        .map_err(|e| Error::Probe(format!("{} is not a readable MP4: {e}", path.display())))?;
    let mut video = None;
    let mut has_audio = false;
    for track in mp4.tracks().values() {
        match track.track_type() {
            Ok(mp4::TrackType::Video) if video.is_none() => video = Some(track),
            Ok(mp4::TrackType::Audio) => has_audio = true,
            _ => {}
        }
    }
    let video = video.ok_or_else(|| Error::Probe(format!("{} has no video track", path.display())))?;
    let timing = FrameTiming::of(video);
    Ok(Probe {
        width: u32::from(video.width()),
        height: u32::from(video.height()),
        duration_s: movie_duration_s(mp4.moov.mvhd.duration, mp4.moov.mvhd.timescale),
        has_audio,
        size_bytes,
        fps: timing.fps,
        frame_count: timing.frame_count,
    })
}

/// The movie's length; the crate's own `duration()` panics on a zero timescale, which a
/// broken download can carry.
fn movie_duration_s(duration: u64, timescale: u32) -> f64 {
    if timescale == 0 {
        return 0.0;
    }
    // u64 → f64 loses precision only beyond 2^53 ticks, far past any clip.
    duration as f64 / f64::from(timescale)
}

/// Frame rate and count from the video track's time-to-sample table (`stts`).
#[derive(Debug, PartialEq)]
struct FrameTiming {
    fps: Option<f64>,
    frame_count: Option<u32>,
}

impl FrameTiming {
    fn of(track: &mp4::Mp4Track) -> Self {
        // Read the boxes directly: the crate's own `duration()` and `frame_rate()` divide by
        // the timescale unchecked and round to whole frames per second.
        let timescale = track.trak.mdia.mdhd.timescale;
        let entries = track.trak.mdia.minf.stbl.stts.entries.iter().map(|e| (e.sample_count, e.sample_delta));
        Self::from_stts(timescale, entries)
    }

    /// The nominal rate is the timescale over the delta most samples use: encoders often
    /// give the last frame a different delta, and that must not skew the grid.
    fn from_stts(timescale: u32, entries: impl Iterator<Item = (u32, u32)>) -> Self {
        let mut frames: u64 = 0;
        let mut dominant: Option<(u32, u32)> = None;
        for (count, delta) in entries {
            frames += u64::from(count);
            if delta > 0 && dominant.is_none_or(|(best, _)| count > best) {
                dominant = Some((count, delta));
            }
        }
        let frame_count = u32::try_from(frames).ok().filter(|&n| n > 0);
        let fps = match dominant {
            Some((_, delta)) if timescale > 0 => Some(round3(f64::from(timescale) / f64::from(delta))),
            _ => None,
        };
        Self { fps, frame_count }
    }
}

/// 29.97 stays 29.97 (30000/1001 = 29.97003), not a long tail of digits.
fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    /// Renders a small H.264 MP4 at `fps` with ffmpeg, the way the emulator does.
    fn render(dir: &Path, fps: u32, seconds: u32) -> std::path::PathBuf {
        let out = dir.join(format!("clip_{fps}.mp4"));
        let status = Command::new("ffmpeg")
            .args(["-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-f", "lavfi", "-i"])
            .arg(format!("testsrc2=size=160x90:rate={fps}"))
            .args(["-t", &seconds.to_string(), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"])
            .arg(&out)
            .status()
            .expect("ffmpeg is installed on this machine kind (see shared notes)");
        assert!(status.success(), "ffmpeg failed: {status}");
        out
    }

    #[test]
    fn reads_frame_rate_and_count_of_real_files() {
        let dir = tempfile::tempdir().unwrap();
        for (fps, seconds) in [(12, 2), (24, 2)] {
            let p = probe_mp4(&render(dir.path(), fps, seconds)).unwrap();
            assert_eq!(p.fps, Some(f64::from(fps)), "{fps} fps file");
            assert_eq!(p.frame_count, Some(fps * seconds), "{fps} fps file");
            assert_eq!((p.width, p.height, p.has_audio), (160, 90, false));
        }
    }

    #[test]
    fn nominal_rate_ignores_an_odd_last_delta() {
        // 29.97 fps at timescale 30000 with a short final frame.
        let t = FrameTiming::from_stts(30000, [(149, 1001), (1, 500)].into_iter());
        assert_eq!(t, FrameTiming { fps: Some(29.97), frame_count: Some(150) });
    }

    #[test]
    fn missing_timing_is_none_not_a_panic() {
        assert_eq!(FrameTiming::from_stts(0, [(10, 1000)].into_iter()).fps, None);
        assert_eq!(FrameTiming::from_stts(1000, [(10, 0)].into_iter()).fps, None);
        assert_eq!(FrameTiming::from_stts(1000, std::iter::empty()), FrameTiming { fps: None, frame_count: None });
    }

    #[test]
    fn a_file_that_is_not_mp4_is_a_probe_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("junk.mp4");
        std::fs::write(&path, b"not a movie").unwrap();
        assert!(matches!(probe_mp4(&path), Err(Error::Probe(_))));
    }
}
