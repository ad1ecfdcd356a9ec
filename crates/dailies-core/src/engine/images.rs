//! Image-to-video at plan time: which clips take the images, checked against each route's
//! limits, centre-cropped on request, with parity notes for routes that cannot use them.

use std::path::Path;

use super::Studio;
use crate::api::CompareRequest;
use crate::catalog::{image_support, ParityNote, ResolvedParams, RouteEntry};
use crate::error::{InputError, Result};
use crate::inputs;

impl Studio {
    /// Every given image must at least be a readable PNG/JPEG/WebP, whichever models run.
    pub(super) fn check_image_files(&self, req: &CompareRequest) -> Result<()> {
        for (field, path) in [("start-image", &req.params.start_image), ("end-image", &req.params.end_image)] {
            if let Some(path) = path {
                inputs::inspect(field, Path::new(path))?;
            }
        }
        Ok(())
    }

    /// Drops images a route cannot take (with a note, or a refusal under `--strict`) and
    /// checks the rest against the route's limits.
    pub(super) fn plan_images(
        &self,
        label: &str,
        entry: &RouteEntry,
        resolved: &mut ResolvedParams,
        notes: &mut Vec<ParityNote>,
        req: &CompareRequest,
    ) -> Result<()> {
        if entry.requires_image && resolved.start_image.is_none() {
            let allowed = vec!["a start image (--start-image): this model is image-to-video only".to_string()];
            return Err(InputError::NotAllowed {
                model: label.into(),
                field: "start-image".into(),
                asked: "none".into(),
                allowed,
            }
            .into());
        }
        let (start_ok, end_ok) = image_support(entry);
        let mut drop = |field: &str, path: &mut Option<String>, message: &str| -> Result<()> {
            let Some(p) = path.take() else { return Ok(()) };
            if req.strict {
                let allowed = vec!["(not supported by this model on this route)".to_string()];
                return Err(
                    InputError::NotAllowed { model: label.into(), field: field.into(), asked: p, allowed }.into()
                );
            }
            notes.push(ParityNote { param: field.into(), asked: p, ran: String::new(), message: message.into() });
            Ok(())
        };
        if !start_ok {
            drop("start-image", &mut resolved.start_image, "start image not supported: ran text-to-video")?;
            drop("end-image", &mut resolved.end_image, "end image ignored")?;
        } else if !end_ok {
            drop("end-image", &mut resolved.end_image, "end image not supported: ignored")?;
        }
        let Some(spec) = &entry.image else { return Ok(()) };
        for (field, slot) in [("start-image", &mut resolved.start_image), ("end-image", &mut resolved.end_image)] {
            let Some(path) = slot.clone() else { continue };
            let facts = inputs::inspect(field, Path::new(&path))?;
            let Some(aspect) = inputs::check(field, label, &facts, spec)? else { continue };
            if !req.crop.unwrap_or(false) {
                return Err(InputError::ImageAspect {
                    field: field.into(),
                    model: label.into(),
                    width: facts.width,
                    height: facts.height,
                    nearest: aspect,
                }
                .into());
            }
            let cropped = inputs::centre_crop(Path::new(&path), &aspect, &self.store().data_dir().join("inputs"))?;
            let message = format!("{field} centre-cropped to {aspect}");
            notes.push(ParityNote { param: field.into(), asked: path, ran: aspect, message });
            *slot = Some(cropped.display().to_string());
        }
        Ok(())
    }
}
