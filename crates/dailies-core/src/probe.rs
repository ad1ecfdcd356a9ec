//! Reads what a downloaded clip really is (size, duration, audio) from its MP4 boxes.

use std::path::Path;

use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq)]
pub struct Probe {
    pub width: u32,
    pub height: u32,
    pub duration_s: f64,
    pub has_audio: bool,
    pub size_bytes: u64,
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
            Ok(mp4::TrackType::Video) if video.is_none() => video = Some((track.width(), track.height())),
            Ok(mp4::TrackType::Audio) => has_audio = true,
            _ => {}
        }
    }
    let (width, height) = video.ok_or_else(|| Error::Probe(format!("{} has no video track", path.display())))?;
    Ok(Probe {
        width: u32::from(width),
        height: u32::from(height),
        duration_s: mp4.duration().as_secs_f64(),
        has_audio,
        size_bytes,
    })
}
