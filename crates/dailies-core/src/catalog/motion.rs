//! Motion control as catalog data (`[route.motion]`): a reference video's motion performed
//! by the character of a still image (Kling's motion control). The endpoint, the wire fields
//! of the still, the reference video and the character orientation, how long a reference may
//! be per orientation, the price per second of output, and the page documenting it. A route
//! without this table cannot do motion control: the plan says so in a parity note.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use specta::Type;

use super::params::ResolvedParams;
use super::schema::{FieldSpec, PriceSpec, RouteEntry};
use super::side_endpoint::check_scope;
use super::wire::{build_request, ImageSlot, VideoSlot, WireRequest};
use crate::providers::images::{ImageEncoding, ImageRole};
use crate::routes::RouteId;

/// Whose orientation the character keeps: the still image's or the reference video's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "lowercase")]
pub enum MotionOrientation {
    /// Follows the still (better for camera moves); the shorter reference limit applies.
    Image,
    /// Follows the reference video (better for complex motion); fal's own example value.
    #[default]
    Video,
}

impl MotionOrientation {
    pub const ALL: [&'static str; 2] = ["image", "video"];

    pub fn as_str(self) -> &'static str {
        match self {
            MotionOrientation::Image => "image",
            MotionOrientation::Video => "video",
        }
    }
}

/// What a comparison asks for: the local reference video whose motion the start image's
/// character performs, and whose orientation the character keeps.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct MotionInput {
    /// Local MP4/MOV file with the motion to transfer.
    pub video: String,
    #[serde(default)]
    #[specta(optional)]
    pub orientation: Option<MotionOrientation>,
}

impl MotionInput {
    pub fn orientation(&self) -> MotionOrientation {
        self.orientation.unwrap_or_default()
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MotionSpec {
    /// The motion-control endpoint (a fal endpoint id).
    pub endpoint: String,
    /// The wire field of the still image (a URL after upload).
    pub image_field: String,
    /// The wire field of the reference video (a URL after upload).
    pub video_field: String,
    /// The wire field of the character orientation (`image` | `video`).
    pub orientation_field: String,
    /// Shortest reference video, seconds.
    pub min_seconds: u32,
    /// Longest reference video with `orientation = image`, seconds.
    pub max_seconds_image: u32,
    /// Longest reference video with `orientation = video`, seconds.
    pub max_seconds_video: u32,
    /// Other wire fields, produced from canonical values as in `fields` (`prompt`, and
    /// `keep_original_sound` from the canonical audio switch).
    pub fields: BTreeMap<String, FieldSpec>,
    /// Per second of output; the output lasts as long as the reference video.
    pub price: PriceSpec,
    /// The page documenting the endpoint.
    pub source: String,
    /// What the documentation leaves open (**UNCONFIRMED** facts the client tolerates).
    #[serde(default)]
    pub note: Option<String>,
}

impl MotionSpec {
    /// The longest reference video this orientation allows.
    pub fn max_seconds(&self, orientation: MotionOrientation) -> u32 {
        match orientation {
            MotionOrientation::Image => self.max_seconds_image,
            MotionOrientation::Video => self.max_seconds_video,
        }
    }

    /// The wire request of one motion-control clip: the catalog's fields on the motion
    /// endpoint, the orientation, the still as an image slot and the reference as a video
    /// slot, both uploaded by the adapter.
    pub fn request(&self, entry: &RouteEntry, p: &ResolvedParams) -> Result<WireRequest, String> {
        let motion = p.motion.as_ref().ok_or("motion control without a reference video")?;
        let still = p.start_image.as_ref().ok_or("motion control needs a start image (the character)")?;
        let mut wire = super::side_endpoint::endpoint_request(entry, &self.endpoint, &self.fields, p)?;
        wire.fields.insert(self.orientation_field.clone(), motion.orientation().as_str().into());
        wire.images.push(ImageSlot {
            field: self.image_field.clone(),
            role: ImageRole::Start,
            encoding: ImageEncoding::Url,
            path: still.clone(),
        });
        wire.video = Some(VideoSlot { field: self.video_field.clone(), path: motion.video.clone() });
        Ok(wire)
    }

    /// Catalog validation: a route whose adapter uploads both files (fal), sane limits, and
    /// every audio value mapped and priced.
    pub fn validate(&self, entry: &RouteEntry) -> Result<(), String> {
        check_scope("motion", entry, &self.source, Some((RouteId::Fal, "uploads the reference video")))?;
        if self.min_seconds == 0 || self.min_seconds > self.max_seconds_image.min(self.max_seconds_video) {
            return Err("motion: min_seconds must be ≥ 1 and within both maxima".into());
        }
        for &audio in &entry.params.audio {
            let p = ResolvedParams {
                prompt: "x".into(),
                audio,
                duration_s: self.min_seconds,
                start_image: Some("still.png".into()),
                motion: Some(MotionInput { video: "ref.mp4".into(), orientation: None }),
                ..ResolvedParams::defaults(&entry.params)
            };
            self.request(entry, &p).map_err(|e| format!("motion: {e}"))?;
            if super::price::usd_per_second(&self.price, &p).is_none() {
                return Err(format!("motion: no price for audio={audio}"));
            }
        }
        Ok(())
    }
}

/// The wire request of a clip: motion control when the clip carries a reference video, else
/// the route's own request.
pub fn request_for(entry: &RouteEntry, p: &ResolvedParams) -> Result<WireRequest, String> {
    match (&entry.motion, &p.motion) {
        (Some(spec), Some(_)) => spec.request(entry, p),
        (None, Some(_)) => Err(format!("{}: this route has no motion control", entry.route)),
        _ => build_request(entry, p),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::catalog::Catalog;

    fn route(model: &str) -> RouteEntry {
        let c = Catalog::builtin();
        c.model(model).unwrap().routes.iter().find(|r| r.route == RouteId::Fal).unwrap().clone()
    }

    #[test]
    fn every_shipped_motion_endpoint_is_on_fal_and_cites_its_documentation() {
        let with = super::super::side_endpoint::shipped_with(|r| r.motion.is_some());
        assert_eq!(with, ["kling-3.0-pro@fal", "kling-3.0-standard@fal"]);
        let c = Catalog::builtin();
        for r in c.models().iter().flat_map(|m| &m.routes).filter_map(|r| r.motion.as_ref()) {
            assert!(r.source.contains("https://"), "{}", r.source);
        }
    }

    #[test]
    fn the_still_and_the_reference_become_upload_slots_beside_the_orientation() {
        let kling = route("kling-3.0-pro");
        let p = ResolvedParams {
            prompt: "she dances".into(),
            duration_s: 7,
            audio: false,
            start_image: Some("/in/still.png".into()),
            end_image: Some("/in/end.png".into()),
            motion: Some(MotionInput { video: "/in/dance.mp4".into(), orientation: Some(MotionOrientation::Image) }),
            ..ResolvedParams::defaults(&kling.params)
        };
        let wire = request_for(&kling, &p).unwrap();
        assert_eq!(wire.endpoint, "fal-ai/kling-video/v3/pro/motion-control");
        assert_eq!(
            serde_json::Value::Object(wire.fields),
            json!({"prompt": "she dances", "keep_original_sound": false, "character_orientation": "image"})
        );
        let images: Vec<(&str, &str)> = wire.images.iter().map(|s| (s.field.as_str(), s.path.as_str())).collect();
        assert_eq!(images, [("image_url", "/in/still.png")], "the end image is not sent");
        assert_eq!(wire.video, Some(VideoSlot { field: "video_url".into(), path: "/in/dance.mp4".into() }));
        let spec = kling.motion.as_ref().unwrap();
        assert_eq!((spec.max_seconds(MotionOrientation::Image), spec.max_seconds(MotionOrientation::Video)), (10, 30));
        assert!(request_for(&kling, &ResolvedParams { start_image: None, ..p }).is_err(), "the still is required");
    }

    #[test]
    fn a_route_without_motion_control_refuses_a_reference_video() {
        let veo = Catalog::builtin().model("veo-3.1").unwrap().routes[0].clone();
        let p = ResolvedParams {
            motion: Some(MotionInput { video: "d.mp4".into(), orientation: None }),
            ..ResolvedParams::defaults(&veo.params)
        };
        assert!(request_for(&veo, &p).is_err());
    }
}
