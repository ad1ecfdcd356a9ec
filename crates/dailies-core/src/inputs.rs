//! Input images for image-to-video, checked locally before anything is sent: readable,
//! a format the route takes, within its size limit, and near an aspect it accepts —
//! otherwise a clear refusal, with centre-crop to the nearest allowed ratio on request.

use std::path::{Path, PathBuf};

use crate::catalog::{aspect_ratio, ImageSpec};
use crate::error::{Error, InputError};
use crate::providers::images::{ImageInput, ImageRole};

/// How far an image's ratio may be from an allowed one before it counts as a mismatch.
const ASPECT_TOLERANCE: f64 = 0.03;

#[derive(Debug, Clone, PartialEq)]
pub struct ImageFacts {
    /// `jpeg`, `png`, `webp`.
    pub format: &'static str,
    pub width: u32,
    pub height: u32,
    pub size_bytes: u64,
}

impl ImageFacts {
    pub fn mime(&self) -> &'static str {
        match self.format {
            "png" => "image/png",
            "webp" => "image/webp",
            _ => "image/jpeg",
        }
    }
}

fn bad(field: &str, value: impl Into<String>, allowed: Vec<String>) -> InputError {
    InputError::InvalidValue { field: field.to_string(), value: value.into(), allowed }
}

/// Reads the header of `path` (format by magic bytes, dimensions from the header).
pub fn inspect(field: &str, path: &Path) -> Result<ImageFacts, InputError> {
    let shown = path.display().to_string();
    let bytes =
        std::fs::read(path).map_err(|e| bad(field, format!("{shown} ({e})"), vec!["a readable image file".into()]))?;
    let format = match bytes.as_slice() {
        [0x89, b'P', b'N', b'G', ..] => "png",
        [0xFF, 0xD8, 0xFF, ..] => "jpeg",
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => "webp",
        _ => {
            return Err(bad(
                field,
                format!("{shown} (not a PNG, JPEG or WebP image)"),
                vec!["png".into(), "jpeg".into(), "webp".into()],
            ))
        }
    };
    let size =
        imagesize::blob_size(&bytes).map_err(|e| bad(field, format!("{shown} ({e})"), vec!["a valid image".into()]))?;
    let dim = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
    Ok(ImageFacts { format, width: dim(size.width), height: dim(size.height), size_bytes: bytes.len() as u64 })
}

/// Checks an image against a route's limits. `Ok(Some(aspect))` means the image is fine
/// except its ratio, and `aspect` is the nearest allowed ratio to crop to.
pub fn check(field: &str, model: &str, facts: &ImageFacts, spec: &ImageSpec) -> Result<Option<String>, InputError> {
    if !spec.formats.iter().any(|f| f == facts.format) {
        return Err(InputError::NotAllowed {
            model: model.to_string(),
            field: field.to_string(),
            asked: format!("a {} image", facts.format),
            allowed: spec.formats.clone(),
        });
    }
    let mb = facts.size_bytes as f64 / 1_048_576.0;
    if mb > spec.max_mb {
        return Err(InputError::NotAllowed {
            model: model.to_string(),
            field: field.to_string(),
            asked: format!("a {mb:.1} MB image"),
            allowed: vec![format!("at most {} MB", spec.max_mb)],
        });
    }
    let Some(aspects) = &spec.aspects else { return Ok(None) };
    let ratio = f64::from(facts.width) / f64::from(facts.height.max(1));
    let nearest = aspects
        .iter()
        .filter_map(|a| aspect_ratio(a).map(|r| (a, (r.ln() - ratio.ln()).abs())))
        .min_by(|a, b| a.1.total_cmp(&b.1));
    match nearest {
        Some((_, d)) if d <= ASPECT_TOLERANCE => Ok(None),
        Some((a, _)) => Ok(Some(a.clone())),
        None => Ok(None),
    }
}

/// Centre-crops `path` to `aspect` into `out_dir`, returning the new file (PNG).
pub fn centre_crop(path: &Path, aspect: &str, out_dir: &Path) -> Result<PathBuf, Error> {
    let target = aspect_ratio(aspect).ok_or_else(|| Error::Catalog(format!("bad aspect {aspect}")))?;
    let img = image::open(path).map_err(|e| Error::Probe(format!("{}: {e}", path.display())))?;
    let (w, h) = (f64::from(img.width()), f64::from(img.height()));
    let (cw, ch) = if w / h > target { (h * target, h) } else { (w, w / target) };
    let (x, y) = (((w - cw) / 2.0).round() as u32, ((h - ch) / 2.0).round() as u32);
    let cropped = img.crop_imm(x, y, cw.round() as u32, ch.round() as u32);
    std::fs::create_dir_all(out_dir).map_err(|e| Error::io(out_dir, e))?;
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("image");
    let out = out_dir.join(format!("{stem}-{}-{}.png", aspect.replace(':', "x"), uuid::Uuid::new_v4().simple()));
    cropped.save(&out).map_err(|e| Error::Probe(format!("{}: {e}", out.display())))?;
    Ok(out)
}

/// Loads a checked image for sending.
pub fn load(slot: &crate::catalog::ImageSlot) -> Result<ImageInput, Error> {
    let path = Path::new(&slot.path);
    let facts = inspect(&slot.field, path)?;
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("image").to_string();
    Ok(ImageInput {
        field: slot.field.clone(),
        role: slot.role,
        encoding: slot.encoding,
        mime: facts.mime().to_string(),
        file_name,
        bytes,
        width: facts.width,
        height: facts.height,
    })
}

pub fn role_field(role: ImageRole) -> &'static str {
    match role {
        ImageRole::Start => "start-image",
        ImageRole::End => "end-image",
        ImageRole::Reference => "element",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(dir: &Path, name: &str, w: u32, h: u32) -> PathBuf {
        let path = dir.join(name);
        image::RgbImage::from_pixel(w, h, image::Rgb([200, 40, 40])).save(&path).unwrap();
        path
    }

    fn spec() -> ImageSpec {
        ImageSpec { formats: vec!["png".into()], max_mb: 1.0, aspects: Some(vec!["16:9".into(), "9:16".into()]) }
    }

    #[test]
    fn inspects_format_and_size_from_the_header() {
        let dir = tempfile::tempdir().unwrap();
        let facts = inspect("start-image", &png(dir.path(), "a.png", 320, 180)).unwrap();
        assert_eq!((facts.format, facts.width, facts.height, facts.mime()), ("png", 320, 180, "image/png"));
        std::fs::write(dir.path().join("b.png"), b"not an image").unwrap();
        let err = inspect("start-image", &dir.path().join("b.png")).unwrap_err().to_string();
        assert!(err.starts_with("start-image:") && err.contains("png, jpeg, webp"), "{err}");
        assert!(inspect("start-image", &dir.path().join("missing.png")).is_err());
    }

    #[test]
    fn aspect_mismatch_offers_the_nearest_ratio_and_crop_produces_it() {
        let dir = tempfile::tempdir().unwrap();
        let square = png(dir.path(), "sq.png", 400, 300);
        let facts = inspect("start-image", &square).unwrap();
        assert_eq!(check("start-image", "m", &facts, &spec()).unwrap(), Some("16:9".to_string()));
        let cropped = centre_crop(&square, "16:9", &dir.path().join("out")).unwrap();
        let out = inspect("start-image", &cropped).unwrap();
        assert_eq!((out.width, out.height), (400, 225));
        assert_eq!(check("start-image", "m", &out, &spec()).unwrap(), None);
    }

    #[test]
    fn wrong_format_and_oversize_are_refused_naming_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let facts = inspect("start-image", &png(dir.path(), "a.png", 160, 90)).unwrap();
        let jpeg_only = ImageSpec { formats: vec!["jpeg".into()], ..spec() };
        assert!(check("start-image", "m", &facts, &jpeg_only).unwrap_err().to_string().contains("jpeg"));
        let tiny = ImageSpec { max_mb: 0.000001, ..spec() };
        assert!(check("start-image", "m", &facts, &tiny).unwrap_err().to_string().contains("at most"));
    }
}
