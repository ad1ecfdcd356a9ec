//! Files a creator picks (a start/end image, a motion-control reference video) copied into
//! `<data dir>/inputs/` and checked there, so a run refers to a copy the library keeps.

use std::path::Path;

use super::Studio;
use crate::api::{ImportedImage, ImportedVideo};
use crate::error::{Error, Result};
use crate::inputs;

impl Studio {
    /// Copies an image into the library after checking it is a PNG, JPEG or WebP; its new path
    /// goes in `start_image` / `end_image`.
    pub fn import_image(&self, file_name: &str, bytes: &[u8]) -> Result<ImportedImage> {
        self.import_input(file_name, bytes, |path| {
            let facts = inputs::inspect("image", path)?;
            Ok(ImportedImage {
                path: path.display().to_string(),
                format: facts.format.to_string(),
                width: facts.width,
                height: facts.height,
            })
        })
    }

    /// Copies a reference video into the library after checking it is a readable MP4/MOV; its
    /// new path goes in `CanonicalParams.motion`.
    pub fn import_video(&self, file_name: &str, bytes: &[u8]) -> Result<ImportedVideo> {
        self.import_input(file_name, bytes, |path| {
            let p = crate::probe::probe_mp4(path).map_err(|e| {
                super::motion::refuse("motion-video", format!("{file_name} is not a readable MP4 or MOV video ({e})"))
            })?;
            Ok(ImportedVideo {
                path: path.display().to_string(),
                width: p.width,
                height: p.height,
                duration_s: p.duration_s,
            })
        })
    }

    /// Writes `bytes` under a unique name (the picked name kept, made safe) and runs `check`
    /// on the copy; a copy that fails it is removed, so nothing half-imported stays behind.
    fn import_input<T>(&self, file_name: &str, bytes: &[u8], check: impl FnOnce(&Path) -> Result<T>) -> Result<T> {
        let dir = self.store().data_dir().join("inputs");
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let safe: String = file_name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || c == '.' || c == '-' { c } else { '_' })
            .collect();
        let path = dir.join(format!("{}-{safe}", uuid::Uuid::now_v7().simple()));
        std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))?;
        check(&path).inspect_err(|_| {
            let _ = std::fs::remove_file(&path);
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::test_studio::studio;

    #[tokio::test]
    async fn imported_images_are_checked_and_kept_in_the_library() {
        let dir = tempfile::tempdir().unwrap();
        let s = studio(dir.path()).await;
        let mut png = std::io::Cursor::new(Vec::new());
        image::RgbImage::new(64, 36).write_to(&mut png, image::ImageFormat::Png).unwrap();
        let img = s.import_image("my shot.png", png.get_ref()).unwrap();
        assert_eq!((img.format.as_str(), img.width, img.height), ("png", 64, 36));
        assert!(img.path.starts_with(&dir.path().join("inputs").display().to_string()));
        assert!(img.path.ends_with("-my_shot.png"), "{}", img.path);
        assert!(s.import_image("notes.txt", b"hello").is_err());
        assert_eq!(std::fs::read_dir(dir.path().join("inputs")).unwrap().count(), 1);
    }

    #[tokio::test]
    async fn a_video_that_is_not_an_mp4_is_refused_on_its_field_and_not_kept() {
        let dir = tempfile::tempdir().unwrap();
        let s = studio(dir.path()).await;
        let e = s.import_video("dance.mp4", b"not a video").unwrap_err();
        assert_eq!(e.field(), Some("motion-video"));
        assert!(e.to_string().contains("dance.mp4 is not a readable MP4 or MOV video"), "{e}");
        assert_eq!(std::fs::read_dir(dir.path().join("inputs")).unwrap().count(), 0);
    }
}
