//! A route's extend endpoint as catalog data (`[route.extend]`): where an extension is sent,
//! which lengths it may add, how the source video reaches the route, what it costs, and the
//! page that documents it. A route without this table cannot extend.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::params::ResolvedParams;
use super::schema::{FieldSpec, RouteEntry};
use super::wire::{VideoSlot, WireRequest};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtendSpec {
    /// The endpoint an extension is sent to (a fal endpoint id, or the route's model name).
    pub endpoint: String,
    /// Seconds one extension may add.
    pub durations: Vec<u32>,
    pub default_duration: u32,
    /// Wire fields besides the source video, produced from canonical values as in `fields`.
    pub fields: BTreeMap<String, FieldSpec>,
    /// How the source video reaches the route.
    pub video: ExtendVideo,
    /// Price per added second (audio off, or the only price); absent = priced like a
    /// generation of that length on the route (Veo, Luma).
    #[serde(default)]
    pub usd_per_second: Option<f64>,
    /// Price per added second with audio, where it differs.
    #[serde(default)]
    pub usd_per_second_audio: Option<f64>,
    /// Resolutions a source must have (Veo extends 720p videos only); absent = any.
    #[serde(default)]
    pub source_resolutions: Option<Vec<String>>,
    /// The page documenting the endpoint (and its price).
    pub source: String,
    /// What the documentation leaves open (**UNCONFIRMED** facts the client tolerates).
    #[serde(default)]
    pub note: Option<String>,
}

/// How the source video is given to the extend endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "as", rename_all = "snake_case")]
pub enum ExtendVideo {
    /// The delivered file, uploaded the route's documented way (fal storage) and sent as a
    /// URL in `field`.
    Upload { field: String },
    /// The provider's own copy, referenced through the source's provider job id: Veo's
    /// `video.uri`, Luma's `{type: "generation", id}` keyframe.
    ProviderJob,
}

impl ExtendSpec {
    /// USD per added second at the extension's values.
    pub fn usd_per_second_for(&self, entry: &RouteEntry, p: &ResolvedParams) -> Option<f64> {
        match (p.audio, self.usd_per_second_audio, self.usd_per_second) {
            (true, Some(with_audio), _) => Some(with_audio),
            (_, _, Some(flat)) => Some(flat),
            _ => super::price::usd_per_second(&entry.price, p),
        }
    }

    /// The wire request of one extension: the catalog's fields on the extend endpoint, plus
    /// the source video as the route takes it (`file` is the source's delivered MP4).
    pub fn request(&self, entry: &RouteEntry, p: &ResolvedParams, file: Option<&str>) -> Result<WireRequest, String> {
        let mut wire = super::side_endpoint::endpoint_request(entry, &self.endpoint, &self.fields, p)?;
        if let ExtendVideo::Upload { field } = &self.video {
            let path = file.ok_or("the source clip has no delivered file to upload")?;
            wire.video = Some(VideoSlot { field: field.clone(), path: path.to_string() });
        }
        Ok(wire)
    }

    /// Catalog validation: the default is allowed and every length maps to wire fields.
    pub fn validate(&self, entry: &RouteEntry) -> Result<(), String> {
        if !self.durations.contains(&self.default_duration) {
            return Err(format!("extend default_duration {} not in durations", self.default_duration));
        }
        super::side_endpoint::check_scope("extend", entry, &self.source, None)?;
        for &d in &self.durations {
            let p = ResolvedParams { prompt: "x".into(), duration_s: d, ..ResolvedParams::defaults(&entry.params) };
            self.request(entry, &p, Some("source.mp4")).map_err(|e| format!("extend: {e}"))?;
            if self.usd_per_second_for(entry, &p).is_none() {
                return Err(format!("extend: no price for {d} s"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::catalog::{Catalog, RouteId};

    fn route(model: &str, route: RouteId) -> RouteEntry {
        let c = Catalog::builtin();
        c.model(model).unwrap().routes.iter().find(|r| r.route == route).unwrap().clone()
    }

    fn source(entry: &RouteEntry, seconds: u32) -> ResolvedParams {
        ResolvedParams { prompt: "go on".into(), duration_s: seconds, ..ResolvedParams::defaults(&entry.params) }
    }

    #[test]
    fn every_shipped_extend_endpoint_cites_its_documentation() {
        let extending = super::super::side_endpoint::shipped_with(|r| r.extend.is_some());
        let expected = [
            "ltx-2.3@fal",
            "luma-ray-2@luma",
            "luma-ray-flash-2@luma",
            "veo-3.1-fast@fal",
            "veo-3.1-fast@google",
            "veo-3.1@fal",
            "veo-3.1@google",
        ];
        assert_eq!(extending, expected);
        let c = Catalog::builtin();
        for m in c.models() {
            for r in m.routes.iter().filter_map(|r| r.extend.as_ref()) {
                assert!(r.source.starts_with("https://"), "{}: {}", m.id, r.source);
            }
        }
    }

    #[test]
    fn fal_uploads_the_source_and_google_references_its_own_copy() {
        let veo = route("veo-3.1", RouteId::Fal);
        let spec = veo.extend.as_ref().unwrap();
        let wire = spec.request(&veo, &source(&veo, 7), Some("/media/a.mp4")).unwrap();
        assert_eq!(wire.endpoint, "fal-ai/veo3.1/extend-video");
        assert_eq!(
            serde_json::Value::Object(wire.fields),
            json!({"prompt": "go on", "duration": "7s", "aspect_ratio": "16:9", "resolution": "720p", "generate_audio": true})
        );
        assert_eq!(wire.video, Some(VideoSlot { field: "video_url".into(), path: "/media/a.mp4".into() }));
        assert!(spec.request(&veo, &source(&veo, 7), None).is_err(), "an upload needs the source's file");
        let p = source(&veo, 7);
        assert_eq!(spec.usd_per_second_for(&veo, &p), Some(0.40));
        assert_eq!(spec.usd_per_second_for(&veo, &ResolvedParams { audio: false, ..p }), Some(0.20));

        let google = route("veo-3.1", RouteId::Google);
        let spec = google.extend.as_ref().unwrap();
        let wire = spec.request(&google, &source(&google, 8), None).unwrap();
        assert_eq!((wire.video, wire.fields["durationSeconds"].clone()), (None, json!(8)));
        assert_eq!(spec.usd_per_second_for(&google, &source(&google, 8)), Some(0.40), "priced like a generation");
    }
}
