//! The element library: a named character or object kept in the library (copies of a
//! frontal image and 1–3 other views under `<data dir>/elements/<id>/`), attachable to any
//! comparison as `@Element1`….

use std::path::Path;

use super::Studio;
use crate::api::{LibraryElement, NewElement};
use crate::catalog::MAX_ELEMENT_REFERENCES;
use crate::error::{Error, InputError, Result};
use crate::inputs;

/// Names are shown in pickers and typed on the command line.
const MAX_NAME_CHARS: usize = 80;

impl Studio {
    pub async fn list_elements(&self) -> Result<Vec<LibraryElement>> {
        self.store().elements().await
    }

    /// One element by id or name.
    pub async fn element(&self, id_or_name: &str) -> Result<LibraryElement> {
        self.store().element(id_or_name).await
    }

    /// Checks every file, copies them into the library, then records the element. Nothing is
    /// left behind when a check or the insert fails.
    pub async fn add_element(&self, new: &NewElement) -> Result<LibraryElement> {
        let name = new.name.trim();
        if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
            return Err(InputError::Element(format!("a name of 1–{MAX_NAME_CHARS} characters is needed")).into());
        }
        let refs = new.reference_images.len();
        if !(1..=MAX_ELEMENT_REFERENCES).contains(&refs) {
            let message =
                format!("{refs} reference images; an element has 1–{MAX_ELEMENT_REFERENCES} besides its frontal image");
            return Err(InputError::Element(message).into());
        }
        let files: Vec<&String> = std::iter::once(&new.frontal_image).chain(&new.reference_images).collect();
        let mut formats = Vec::new();
        for path in &files {
            formats.push(inputs::inspect("element", Path::new(path))?.format);
        }
        let id = uuid::Uuid::now_v7().simple().to_string();
        let rel_dir = format!("elements/{id}");
        let dir = self.store().data_dir().join(&rel_dir);
        std::fs::create_dir_all(&dir).map_err(|e| Error::local_io(&dir, e))?;
        let copied = copy_all(&dir, &rel_dir, &files, &formats);
        let inserted = match copied {
            Ok(rel) => self.store().insert_element(&id, name, &rel[0], &rel[1..]).await,
            Err(e) => Err(e),
        };
        if inserted.is_err() {
            let _ = std::fs::remove_dir_all(&dir);
        }
        inserted
    }

    /// Removes the element and its copies. Clips already sent with it keep their record (the
    /// paths in their parameters); a re-run of them says the file is gone.
    pub async fn remove_element(&self, id_or_name: &str) -> Result<LibraryElement> {
        let element = self.store().element(id_or_name).await?;
        self.store().delete_element(&element.id).await?;
        let dir = self.store().data_dir().join("elements").join(&element.id);
        if let Err(e) = std::fs::remove_dir_all(&dir) {
            tracing::warn!(dir = %dir.display(), error = %e, "element files not removed");
        }
        Ok(element)
    }
}

/// Copies `files` as `frontal.<ext>`, `ref1.<ext>`… and returns their paths relative to the
/// data dir.
fn copy_all(dir: &Path, rel_dir: &str, files: &[&String], formats: &[&str]) -> Result<Vec<String>> {
    let mut rel = Vec::new();
    for (i, (src, format)) in files.iter().zip(formats).enumerate() {
        let ext = if *format == "jpeg" { "jpg" } else { format };
        let stem = if i == 0 { "frontal".to_string() } else { format!("ref{i}") };
        let to = dir.join(format!("{stem}.{ext}"));
        std::fs::copy(src, &to).map_err(|e| Error::local_io(&to, e))?;
        rel.push(format!("{rel_dir}/{stem}.{ext}"));
    }
    Ok(rel)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::test_studio::studio;

    fn png(dir: &Path, name: &str) -> String {
        let path = dir.join(name);
        image::RgbImage::from_pixel(32, 48, image::Rgb([10, 200, 40])).save(&path).unwrap();
        path.display().to_string()
    }

    #[tokio::test]
    async fn an_element_is_copied_into_the_library_listed_and_removed() {
        let src = tempfile::tempdir().unwrap();
        let lib = tempfile::tempdir().unwrap();
        let s = studio(lib.path()).await;
        let new = NewElement {
            name: "Mara".into(),
            frontal_image: png(src.path(), "front.png"),
            reference_images: vec![png(src.path(), "side.png"), png(src.path(), "back.png")],
        };
        let added = s.add_element(&new).await.unwrap();
        assert!(added.frontal_image.starts_with(&lib.path().join("elements").display().to_string()));
        assert!(added.frontal_image.ends_with("frontal.png") && added.reference_images[1].ends_with("ref2.png"));
        std::fs::remove_dir_all(src.path()).unwrap();
        assert!(Path::new(&added.reference_images[0]).exists(), "the library keeps its own copies");
        assert_eq!(s.list_elements().await.unwrap(), vec![added.clone()]);
        assert_eq!(s.element("mara").await.unwrap().id, added.id, "names match case-insensitively");

        let again = s.add_element(&new).await.unwrap_err().to_string();
        assert!(again.starts_with("element:"), "{again}");
        s.remove_element("Mara").await.unwrap();
        assert!(s.list_elements().await.unwrap().is_empty());
        assert!(!lib.path().join("elements").join(&added.id).exists());
        assert_eq!(s.remove_element("Mara").await.unwrap_err().code(), "not_found");
    }

    #[tokio::test]
    async fn bad_elements_are_refused_naming_the_field_and_leave_nothing_behind() {
        let src = tempfile::tempdir().unwrap();
        let lib = tempfile::tempdir().unwrap();
        let s = studio(lib.path()).await;
        let front = png(src.path(), "front.png");
        std::fs::write(src.path().join("notes.png"), b"not an image").unwrap();
        let cases = [
            NewElement { name: "A".into(), frontal_image: front.clone(), reference_images: vec![] },
            NewElement { name: "A".into(), frontal_image: front.clone(), reference_images: vec![front.clone(); 4] },
            NewElement { name: " ".into(), frontal_image: front.clone(), reference_images: vec![front.clone()] },
            NewElement {
                name: "A".into(),
                frontal_image: src.path().join("notes.png").display().to_string(),
                reference_images: vec![front.clone()],
            },
            NewElement { name: "A".into(), frontal_image: "/nowhere/front.png".into(), reference_images: vec![front] },
        ];
        for new in &cases {
            let e = s.add_element(new).await.unwrap_err();
            assert_eq!((e.code(), e.field()), ("invalid_input", Some("element")), "{e}");
        }
        assert!(s.list_elements().await.unwrap().is_empty());
        let left = std::fs::read_dir(lib.path().join("elements")).map(|d| d.count()).unwrap_or(0);
        assert_eq!(left, 0);
    }
}
