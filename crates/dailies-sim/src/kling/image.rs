//! `image` / `image_tail` of `image2video` (kling.md §4): a URL, or raw base64 **without** a
//! `data:` prefix, of a jpg/png ≤ 10 MB with sides ≥ 300 px and an aspect ratio between
//! 1:2.5 and 2.5:1. The size is read from the file header to pick the output aspect.

use base64::Engine;

const MAX_BYTES: usize = 10 * 1024 * 1024;
const MIN_SIDE: u32 = 300;
const MAX_RATIO: f64 = 2.5;

/// Checks one image field; `Some((w, h))` when the image was inline and readable.
pub(super) fn check(field: &str, value: &str) -> Result<Option<(u32, u32)>, String> {
    if value.starts_with("http://") || value.starts_with("https://") {
        // Kling fetches URLs itself; the emulator cannot, so the output keeps 16:9.
        return Ok(None);
    }
    if value.starts_with("data:") {
        return Err(format!("{field} must be a URL or base64 without a 'data:' prefix"));
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(value.trim())
        .map_err(|_| format!("{field} is neither a URL nor valid base64"))?;
    if bytes.len() > MAX_BYTES {
        return Err(format!("{field} exceeds 10MB"));
    }
    let (w, h) = dimensions(&bytes).ok_or_else(|| format!("{field} must be a jpg, jpeg or png image"))?;
    if w < MIN_SIDE || h < MIN_SIDE {
        return Err(format!("{field} is {w}x{h}; each side must be at least {MIN_SIDE}px"));
    }
    let ratio = f64::from(w) / f64::from(h);
    if !(1.0 / MAX_RATIO..=MAX_RATIO).contains(&ratio) {
        return Err(format!("{field} aspect ratio must be between 1:2.5 and 2.5:1"));
    }
    Ok(Some((w, h)))
}

/// The output aspect closest to the input image (image2video follows the image).
pub(super) fn nearest_aspect((w, h): (u32, u32)) -> &'static str {
    let ratio = f64::from(w) / f64::from(h);
    [("16:9", 16.0 / 9.0), ("9:16", 9.0 / 16.0), ("1:1", 1.0)]
        .into_iter()
        .min_by(|a, b| (a.1 - ratio).abs().total_cmp(&(b.1 - ratio).abs()))
        .map_or("16:9", |(name, _)| name)
}

/// Width and height from a PNG IHDR or a JPEG start-of-frame marker.
fn dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() >= 24 {
        let be = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
        return Some((be(16), be(20)));
    }
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut i = 2;
    while i + 9 < bytes.len() {
        if bytes[i] != 0xFF {
            i += 1;
            continue;
        }
        let marker = bytes[i + 1];
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        // SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC), carry the frame size.
        if (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            let h = u16::from_be_bytes([bytes[i + 5], bytes[i + 6]]);
            let w = u16::from_be_bytes([bytes[i + 7], bytes[i + 8]]);
            return Some((u32::from(w), u32::from(h)));
        }
        i += 2 + len;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> String {
        let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        bytes.extend(w.to_be_bytes());
        bytes.extend(h.to_be_bytes());
        bytes.extend([8, 2, 0, 0, 0]);
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }

    #[test]
    fn inline_images_are_checked_like_kling_does() {
        assert_eq!(check("image", &png(1280, 720)), Ok(Some((1280, 720))));
        assert_eq!(nearest_aspect((720, 1280)), "9:16");
        assert!(check("image", &format!("data:image/png;base64,{}", png(800, 800))).unwrap_err().contains("data:"));
        assert!(check("image", &png(200, 800)).unwrap_err().contains("300px"));
        assert!(check("image", &png(3000, 1000)).unwrap_err().contains("2.5:1"));
        assert!(check("image", "bm90IGFuIGltYWdl").unwrap_err().contains("jpg"));
        assert_eq!(check("image", "https://example.com/a.png"), Ok(None));
    }
}
