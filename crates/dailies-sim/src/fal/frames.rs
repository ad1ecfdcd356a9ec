//! Frame geometry: output sizes from a resolution word and an aspect, the aspect an
//! input image implies, and the size of an uploaded PNG, JPEG or WebP read from its header.

/// Aspects an image-following model snaps to.
const SNAP_ASPECTS: &[&str] = &["16:9", "9:16", "1:1", "4:3", "3:4", "21:9"];

/// `(width, height)` for a resolution word (`720p`, `768P`, `2160p`, `4k`) at an aspect:
/// the word names the short side, the long side follows the aspect, both even (H.264
/// with yuv420p needs even sizes). `768P` at 16:9 gives MiniMax's 1366x768.
pub(crate) fn frame_size(resolution: &str, aspect: &str) -> (u32, u32) {
    let short = short_side(resolution);
    let (w, h) = parse_aspect(aspect).unwrap_or((16, 9));
    let long = |ratio: f64| ((f64::from(short) * ratio / 2.0).round() as u32) * 2;
    if w >= h {
        (long(f64::from(w) / f64::from(h)), short)
    } else {
        (short, long(f64::from(h) / f64::from(w)))
    }
}

fn short_side(resolution: &str) -> u32 {
    let word = resolution.trim().to_ascii_lowercase();
    if word == "4k" {
        return 2160;
    }
    word.trim_end_matches('p').parse().unwrap_or(720)
}

fn parse_aspect(aspect: &str) -> Option<(u32, u32)> {
    let (w, h) = aspect.split_once(':')?;
    let (w, h) = (w.trim().parse().ok()?, h.trim().parse().ok()?);
    (w > 0 && h > 0).then_some((w, h))
}

/// The standard aspect closest (in log ratio) to an image's shape.
pub(crate) fn nearest_aspect(width: u32, height: u32) -> &'static str {
    let ratio = (f64::from(width.max(1)) / f64::from(height.max(1))).ln();
    let distance = |a: &&str| {
        let (w, h) = parse_aspect(a).unwrap_or((1, 1));
        ((f64::from(w) / f64::from(h)).ln() - ratio).abs()
    };
    SNAP_ASPECTS.iter().min_by(|a, b| distance(a).total_cmp(&distance(b))).copied().unwrap_or("16:9")
}

/// MIME type and `(width, height)` of a PNG, JPEG or WebP, from its header alone.
pub(crate) fn image_info(bytes: &[u8]) -> Option<(&'static str, u32, u32)> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.get(12..16) == Some(b"IHDR") {
        return Some(("image/png", be32(bytes, 16)?, be32(bytes, 20)?));
    }
    if bytes.starts_with(&[0xFF, 0xD8]) {
        return jpeg_size(bytes).map(|(w, h)| ("image/jpeg", w, h));
    }
    if bytes.get(0..4) == Some(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        return webp_size(bytes).map(|(w, h)| ("image/webp", w, h));
    }
    None
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn be16(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?)))
}

fn le16(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?)))
}

fn le24(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at + 3)?;
    Some(u32::from(s[0]) | u32::from(s[1]) << 8 | u32::from(s[2]) << 16)
}

/// Walks JPEG markers to the first start-of-frame (SOF0–SOF15 minus DHT/JPG/DAC).
fn jpeg_size(b: &[u8]) -> Option<(u32, u32)> {
    let mut at = 2;
    while at + 4 <= b.len() {
        if b[at] != 0xFF {
            return None;
        }
        let marker = b[at + 1];
        if marker == 0xFF {
            at += 1;
            continue;
        }
        let len = be16(b, at + 2)? as usize;
        if (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            return Some((be16(b, at + 7)?, be16(b, at + 5)?));
        }
        at += 2 + len;
    }
    None
}

fn webp_size(b: &[u8]) -> Option<(u32, u32)> {
    match b.get(12..16)? {
        b"VP8 " => Some((le16(b, 26)? & 0x3FFF, le16(b, 28)? & 0x3FFF)),
        b"VP8L" => {
            let bits = u32::from_le_bytes(b.get(21..25)?.try_into().ok()?);
            Some(((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1))
        }
        b"VP8X" => Some((le24(b, 24)? + 1, le24(b, 27)? + 1)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_follow_the_short_side_and_the_aspect() {
        assert_eq!(frame_size("720p", "16:9"), (1280, 720));
        assert_eq!(frame_size("768P", "16:9"), (1366, 768));
        assert_eq!(frame_size("2160p", "9:16"), (2160, 3840));
        assert_eq!(frame_size("4k", "16:9"), (3840, 2160));
        assert_eq!(frame_size("540p", "21:9"), (1260, 540));
        assert_eq!(frame_size("1080p", "1:1"), (1080, 1080));
    }

    #[test]
    fn images_snap_to_the_nearest_standard_aspect() {
        assert_eq!(nearest_aspect(1280, 720), "16:9");
        assert_eq!(nearest_aspect(1000, 1900), "9:16");
        assert_eq!(nearest_aspect(640, 620), "1:1");
    }

    #[test]
    fn headers_give_type_and_size() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend(1280u32.to_be_bytes());
        png.extend(720u32.to_be_bytes());
        assert_eq!(image_info(&png), Some(("image/png", 1280, 720)));
        // SOI, an APP0 segment of 4 bytes, then SOF0 with height 600 and width 800.
        let jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 17, 8, 0x02, 0x58, 0x03, 0x20];
        assert_eq!(image_info(&jpeg), Some(("image/jpeg", 800, 600)));
        assert_eq!(image_info(b"GIF89a"), None);
    }
}
