//! Elements at plan time: the attached elements are checked once (readable images, at most
//! three references each, no `@ElementN` beyond them), then per clip either sent the route's
//! way (`elements`, or the images as references) or dropped with a parity note.

use std::path::Path;

use super::Studio;
use crate::api::CompareRequest;
use crate::catalog::{
    all_images, element_mentions, ElementsForm, ImageSpec, ParityNote, ResolvedParams, RouteEntry,
    MAX_ELEMENT_REFERENCES,
};
use crate::error::{InputError, Result};
use crate::inputs;

impl Studio {
    /// Whichever models run: every element image is a readable PNG/JPEG/WebP, each element
    /// has at most [`MAX_ELEMENT_REFERENCES`] references, and the prompt names no element
    /// beyond those attached (with none attached, `@Element1` is left to the lint advice).
    pub(super) fn check_elements(&self, req: &CompareRequest) -> Result<()> {
        let p = &req.params;
        for (i, e) in p.elements.iter().enumerate() {
            let n = i + 1;
            if e.reference_images.len() > MAX_ELEMENT_REFERENCES {
                let message = format!(
                    "@Element{n} has {} reference images; at most {MAX_ELEMENT_REFERENCES} (fal's Kling `reference_image_urls`)",
                    e.reference_images.len()
                );
                return Err(InputError::Element(message).into());
            }
            for path in std::iter::once(&e.frontal_image).chain(&e.reference_images) {
                inputs::inspect("element", Path::new(path))?;
            }
        }
        let count = p.elements.len();
        if count == 0 {
            return Ok(());
        }
        let texts = std::iter::once(&p.prompt)
            .chain(p.shots.iter().flatten().map(|s| &s.prompt))
            .chain(p.overrides.iter().filter_map(|o| o.prompt.as_ref()));
        if let Some(n) = texts.flat_map(|t| element_mentions(t)).find(|&n| n == 0 || n as usize > count) {
            let message = format!(
                "the prompt names @Element{n} but {count} element{} attached (@Element1…@Element{count}); attach another or fix the prompt",
                if count == 1 { " is" } else { "s are" }
            );
            return Err(InputError::Element(message).into());
        }
        Ok(())
    }

    /// Sends the elements where the route takes them, or notes (refuses under `--strict`)
    /// why not. A route limit the elements exceed is refused: dropping an element the prompt
    /// names would change the clip silently.
    pub(super) fn plan_elements(
        &self,
        label: &str,
        entry: &RouteEntry,
        resolved: &mut ResolvedParams,
        notes: &mut Vec<ParityNote>,
        req: &CompareRequest,
    ) -> Result<()> {
        let elements = &req.params.elements;
        if elements.is_empty() {
            return Ok(());
        }
        let asked = format!("{} element{}", elements.len(), if elements.len() == 1 { "" } else { "s" });
        let mut note = |message: String| -> Result<()> {
            if req.strict {
                let allowed = vec!["(elements are not taken by this model on this route)".to_string()];
                return Err(InputError::NotAllowed {
                    model: label.into(),
                    field: "element".into(),
                    asked: asked.clone(),
                    allowed,
                }
                .into());
            }
            notes.push(ParityNote { param: "elements".into(), asked: asked.clone(), ran: String::new(), message });
            Ok(())
        };
        let Some(spec) = &entry.elements else {
            return note("elements not supported: @Element1… is read as plain text".into());
        };
        if spec.needs_start_image && resolved.start_image.is_none() {
            return note(
                "elements need a start image here (image-to-video only): not sent, @Element1… is plain text".into(),
            );
        }
        let too_many = |asked: String, allowed: String| -> Result<()> {
            Err(InputError::NotAllowed { model: label.into(), field: "element".into(), asked, allowed: vec![allowed] }
                .into())
        };
        let images = all_images(elements).count();
        match spec.form {
            ElementsForm::Elements => {
                if elements.len() > spec.max as usize {
                    return too_many(asked.clone(), format!("at most {} elements", spec.max));
                }
                if let Some(e) = elements.iter().find(|e| e.reference_images.len() > spec.max_refs as usize) {
                    let refs = format!("{} reference images on one element", e.reference_images.len());
                    return too_many(refs, format!("at most {}", spec.max_refs));
                }
            }
            ElementsForm::ImageUrls => {
                let sent = images.min(spec.max as usize);
                let cut = if sent < images { format!(" (the first {sent} of {images})") } else { String::new() };
                note(format!("sent as {sent} reference images in {}{cut}; @Element1… is plain text", spec.field))?;
            }
        }
        if let Some(limits) = &entry.image {
            // Element images are views, not frames: format and size only, any aspect.
            let limits = ImageSpec { aspects: None, ..limits.clone() };
            for path in all_images(elements) {
                let facts = inputs::inspect("element", Path::new(path))?;
                inputs::check("element", label, &facts, &limits)?;
            }
        }
        resolved.elements = elements.clone();
        Ok(())
    }
}
