//! What the route tables describing a second endpoint share — `[route.extend]` and
//! `[route.motion]` (and, for its checks, `[route.elements]`): the request of that endpoint,
//! built like the route's own from the table's fields alone, and the scope checks every such
//! table passes when the catalog loads.

use std::collections::BTreeMap;

use super::params::ResolvedParams;
use super::schema::{FieldSpec, RouteEntry};
use super::wire::{build_request, WireRequest};
use crate::routes::RouteId;

/// The request a table's own endpoint gets from the clip's canonical values: `fields` on
/// `endpoint`, with none of the route's image, shot, element or motion inputs — a table adds
/// what it sends of those itself (motion control its still and reference, extend its source).
pub fn endpoint_request(
    entry: &RouteEntry,
    endpoint: &str,
    fields: &BTreeMap<String, FieldSpec>,
    p: &ResolvedParams,
) -> Result<WireRequest, String> {
    let as_entry = RouteEntry {
        endpoint: endpoint.to_string(),
        fields: fields.clone(),
        image_endpoint: None,
        image_fields: BTreeMap::new(),
        extend: None,
        elements: None,
        motion: None,
        ..entry.clone()
    };
    let plain = ResolvedParams {
        shots: None,
        start_image: None,
        end_image: None,
        elements: Vec::new(),
        motion: None,
        ..p.clone()
    };
    build_request(&as_entry, &plain)
}

/// The scope of a table: it cites the page documenting it, and, when only one route's adapter
/// can send what it describes (`only`: that route and what the adapter does), it sits on it.
pub fn check_scope(table: &str, entry: &RouteEntry, source: &str, only: Option<(RouteId, &str)>) -> Result<(), String> {
    if let Some((route, does)) = only.filter(|(route, _)| entry.route != *route) {
        return Err(format!("{table}: only {route}'s adapter {does}"));
    }
    if source.trim().is_empty() {
        return Err(format!("{table}: needs the source that documents it"));
    }
    Ok(())
}

/// `model@route` of every shipped route with a table, sorted (tests list who has one).
#[cfg(test)]
pub fn shipped_with(has: impl Fn(&RouteEntry) -> bool) -> Vec<String> {
    let c = super::Catalog::builtin();
    let mut with: Vec<String> = c
        .models()
        .iter()
        .flat_map(|m| m.routes.iter().filter(|r| has(r)).map(move |r| format!("{}@{}", m.id, r.route)))
        .collect();
    with.sort();
    with
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Catalog, MotionInput};

    #[test]
    fn a_side_endpoint_gets_only_its_own_fields_and_no_route_inputs() {
        let c = Catalog::builtin();
        let kling = c.model("kling-3.0-pro").unwrap().routes.iter().find(|r| r.route == RouteId::Fal).unwrap();
        let p = ResolvedParams {
            prompt: "she dances".into(),
            start_image: Some("still.png".into()),
            motion: Some(MotionInput { video: "ref.mp4".into(), orientation: None }),
            ..ResolvedParams::defaults(&kling.params)
        };
        let fields = BTreeMap::from([(
            "prompt".to_string(),
            FieldSpec::Param { param: super::super::CanonicalParam::Prompt, encoding: Default::default() },
        )]);
        let wire = endpoint_request(kling, "x/side", &fields, &p).unwrap();
        assert_eq!(wire.endpoint, "x/side");
        assert_eq!(serde_json::Value::Object(wire.fields), serde_json::json!({"prompt": "she dances"}));
        assert!(wire.images.is_empty() && wire.video.is_none(), "the start image is the table's to place");
    }

    #[test]
    fn a_table_must_cite_its_page_and_sit_on_the_route_that_can_send_it() {
        let c = Catalog::builtin();
        let veo = &c.model("veo-3.1").unwrap().routes;
        let (fal, google) = (
            veo.iter().find(|r| r.route == RouteId::Fal).unwrap(),
            veo.iter().find(|r| r.route == RouteId::Google).unwrap(),
        );
        let only = Some((RouteId::Fal, "uploads the reference video"));
        assert_eq!(check_scope("motion", fal, "https://fal.ai/x", only), Ok(()));
        assert_eq!(
            check_scope("motion", google, "https://x", only),
            Err("motion: only fal's adapter uploads the reference video".into())
        );
        assert_eq!(check_scope("extend", google, " ", None), Err("extend: needs the source that documents it".into()));
    }
}
