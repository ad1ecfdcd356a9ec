//! The length of an uploaded MP4/MOV, read from its movie header (`moov/mvhd`): motion
//! control checks the reference video's length against the orientation's limit, and its
//! output lasts as long as the reference.

/// Seconds of the movie, or `None` when the bytes hold no readable `moov/mvhd`.
pub(crate) fn seconds(bytes: &[u8]) -> Option<f64> {
    let moov = child(bytes, b"moov")?;
    let mvhd = child(moov, b"mvhd")?;
    let version = *mvhd.first()?;
    // version 0: created(4) modified(4) timescale(4) duration(4); version 1: 8 8 4 8.
    let (timescale_at, duration_at, duration_len) = if version == 1 { (20, 24, 8) } else { (12, 16, 4) };
    let timescale = u32::from_be_bytes(mvhd.get(timescale_at..timescale_at + 4)?.try_into().ok()?);
    let raw = mvhd.get(duration_at..duration_at + duration_len)?;
    let duration = if duration_len == 8 {
        u64::from_be_bytes(raw.try_into().ok()?)
    } else {
        u64::from(u32::from_be_bytes(raw.try_into().ok()?))
    };
    // u64 → f64 loses precision only past 2^53 ticks, far beyond any clip.
    (timescale > 0).then(|| duration as f64 / f64::from(timescale))
}

/// The payload of the first box named `name` among the boxes laid out in `bytes`.
fn child<'a>(bytes: &'a [u8], name: &[u8; 4]) -> Option<&'a [u8]> {
    let mut at = 0usize;
    while at + 8 <= bytes.len() {
        let size = u32::from_be_bytes(bytes[at..at + 4].try_into().ok()?) as usize;
        let kind = &bytes[at + 4..at + 8];
        let (header, size) = match size {
            // A 64-bit size follows the name.
            1 => (16, usize::try_from(u64::from_be_bytes(bytes.get(at + 8..at + 16)?.try_into().ok()?)).ok()?),
            // The box runs to the end of its parent.
            0 => (8, bytes.len() - at),
            n => (8, n),
        };
        if size < header {
            return None;
        }
        let end = at.checked_add(size)?.min(bytes.len());
        if kind == name {
            return bytes.get(at + header..end);
        }
        at = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boxed(name: &[u8; 4], payload: &[u8]) -> Vec<u8> {
        let mut out = ((payload.len() + 8) as u32).to_be_bytes().to_vec();
        out.extend_from_slice(name);
        out.extend_from_slice(payload);
        out
    }

    fn mvhd_v0(timescale: u32, duration: u32) -> Vec<u8> {
        let mut p = vec![0u8; 12];
        p.extend_from_slice(&timescale.to_be_bytes());
        p.extend_from_slice(&duration.to_be_bytes());
        p.extend_from_slice(&[0u8; 80]);
        boxed(b"mvhd", &p)
    }

    #[test]
    fn reads_the_movie_length_after_other_boxes() {
        let mut file = boxed(b"ftyp", b"isom\0\0\0\0");
        file.extend(boxed(b"mdat", &[7u8; 40]));
        file.extend(boxed(b"moov", &mvhd_v0(1000, 7_500)));
        assert_eq!(seconds(&file), Some(7.5));
    }

    #[test]
    fn garbage_and_truncated_files_have_no_length() {
        assert_eq!(seconds(b"not a video at all"), None);
        let file = boxed(b"moov", &mvhd_v0(0, 10));
        assert_eq!(seconds(&file), None, "a zero timescale");
        let mut cut = boxed(b"moov", &mvhd_v0(600, 6000));
        cut.truncate(30);
        assert_eq!(seconds(&cut), None);
        let lying = [0, 0, 0, 4, b'm', b'o', b'o', b'v'];
        assert_eq!(seconds(&lying), None, "a size smaller than its header");
    }
}
