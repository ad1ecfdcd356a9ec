//! Motion control at plan time: the reference video is checked once (a readable MP4/MOV, a
//! still image to animate), then per clip either sent to the route's motion-control endpoint
//! (`[route.motion]`: its length checked against the orientation's limit, the clip as long as
//! the reference) or left out with a parity note (refused under `--strict`).

use std::path::Path;

use super::Studio;
use crate::api::CompareRequest;
use crate::catalog::{MotionOrientation, ParityNote, ResolvedParams, RouteEntry};
use crate::error::{Error, InputError, Result};

/// How far a probed length may pass a limit and still count as within it (container
/// rounding: an audio track padded by a few milliseconds).
const LENGTH_SLACK_S: f64 = 0.05;

pub(super) fn refuse(field: &str, message: String) -> Error {
    InputError::Iteration { field: field.into(), message }.into()
}

impl Studio {
    /// Whichever models run: the reference video is a readable MP4/MOV and a start image (the
    /// character) is given. Returns the reference's length in seconds.
    pub(super) fn check_motion(&self, req: &CompareRequest) -> Result<Option<f64>> {
        let Some(motion) = &req.params.motion else { return Ok(None) };
        if req.params.start_image.is_none() {
            let message = "motion control animates a still: pass --start-image FILE with the character (the reference video gives only the motion)";
            return Err(refuse("start-image", message.into()));
        }
        let path = Path::new(&motion.video);
        let probe = crate::probe::probe_mp4(path).map_err(|e| {
            refuse("motion-video", format!("{} is not a readable MP4 or MOV video ({e})", path.display()))
        })?;
        if probe.duration_s <= 0.0 {
            return Err(refuse("motion-video", format!("{} has no length", path.display())));
        }
        Ok(Some(probe.duration_s))
    }

    /// Sends the reference to the route's motion-control endpoint, or notes (refuses under
    /// `--strict`) why not. A reference longer than the route allows is refused: trimming it
    /// would change the motion silently.
    pub(super) fn plan_motion(
        &self,
        label: &str,
        entry: &RouteEntry,
        resolved: &mut ResolvedParams,
        notes: &mut Vec<ParityNote>,
        req: &CompareRequest,
        reference_s: Option<f64>,
    ) -> Result<()> {
        let (Some(motion), Some(seconds)) = (&req.params.motion, reference_s) else { return Ok(()) };
        let note = |notes: &mut Vec<ParityNote>, param: &str, asked: &str, message: String| -> Result<()> {
            if req.strict {
                let (model, field, asked) = (label.to_string(), param.to_string(), asked.to_string());
                return Err(
                    InputError::NotAllowed { model, field, asked, allowed: vec![format!("({message})")] }.into()
                );
            }
            notes.push(ParityNote { param: param.into(), asked: motion.video.clone(), ran: String::new(), message });
            Ok(())
        };
        let Some(spec) = &entry.motion else {
            let with = motion_routes(&self.catalog());
            let message =
                format!("motion control not offered here, the reference video is not sent; motion control: {with}");
            return note(notes, "motion-video", "a motion reference video", message);
        };
        let orientation = motion.orientation();
        let max = spec.max_seconds(orientation);
        if seconds + LENGTH_SLACK_S < f64::from(spec.min_seconds) || seconds > f64::from(max) + LENGTH_SLACK_S {
            let mut allowed = vec![format!("{}–{max} s with orientation {}", spec.min_seconds, orientation.as_str())];
            if orientation == MotionOrientation::Image {
                let longest = spec.max_seconds(MotionOrientation::Video);
                allowed.push(format!("{}–{longest} s with --motion-orientation video", spec.min_seconds));
            }
            let asked = format!("a {seconds:.1} s reference video");
            return Err(
                InputError::NotAllowed { model: label.into(), field: "motion-video".into(), asked, allowed }.into()
            );
        }
        if resolved.start_image.is_none() {
            return Err(Error::Catalog(format!("{label}: motion control without the route's start image")));
        }
        // The output lasts as long as the reference; rounded to whole seconds for the estimate.
        let ran = (seconds.round() as u32).clamp(spec.min_seconds, max);
        if req.params.duration_s.is_some() && resolved.duration_s != ran {
            let message = format!("the clip follows the reference video: {ran} s");
            notes.push(ParityNote {
                param: "duration".into(),
                asked: resolved.duration_s.to_string(),
                ran: ran.to_string(),
                message,
            });
        }
        let sends = "motion control sends the still, the reference video and the prompt";
        if resolved.shots.take().is_some() {
            note(notes, "shots", "a shot list", format!("{sends}: the shot list is not sent"))?;
        }
        if resolved.end_image.take().is_some() {
            note(notes, "end-image", "an end image", format!("{sends}: the end image is not sent"))?;
        }
        if !std::mem::take(&mut resolved.elements).is_empty() {
            note(notes, "element", "elements", format!("{sends}: the elements are not sent"))?;
        }
        resolved.duration_s = ran;
        resolved.motion = Some(motion.clone());
        Ok(())
    }
}

/// "kling-3.0-pro@fal, kling-3.0-standard@fal": every route with motion control.
fn motion_routes(catalog: &crate::catalog::Catalog) -> String {
    let routes: Vec<String> = catalog
        .models()
        .iter()
        .flat_map(|m| m.routes.iter().filter(|r| r.motion.is_some()).map(move |r| format!("{}@{}", m.id, r.route)))
        .collect();
    routes.join(", ")
}
