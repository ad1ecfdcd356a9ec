//! Planning with elements: where they are sent, what they cost, which routes get a note,
//! and the bad input refused before anything is sent.

use std::path::Path;

use crate::api::{CompareRequest, PlannedClip};
use crate::catalog::{CanonicalParams, Element};
use crate::providers::images::ImageRole;

use super::test_studio::studio;

fn png(dir: &Path, name: &str, w: u32, h: u32) -> String {
    let path = dir.join(name);
    image::RgbImage::from_pixel(w, h, image::Rgb([90, 60, 200])).save(&path).unwrap();
    path.display().to_string()
}

fn element(dir: &Path, name: &str, refs: usize) -> Element {
    Element {
        name: Some(name.into()),
        frontal_image: png(dir, &format!("{name}-front.png"), 64, 96),
        reference_images: (0..refs).map(|i| png(dir, &format!("{name}-ref{i}.png"), 64, 96)).collect(),
    }
}

fn request(prompt: &str, models: &[&str], elements: Vec<Element>, start: Option<String>) -> CompareRequest {
    CompareRequest {
        params: CanonicalParams {
            prompt: prompt.into(),
            duration_s: Some(5),
            audio: Some(true),
            elements,
            start_image: start,
            ..Default::default()
        },
        models: models.iter().map(|m| m.to_string()).collect(),
        ..Default::default()
    }
}

fn clip<'a>(clips: &'a [PlannedClip], model: &str) -> &'a PlannedClip {
    clips.iter().find(|c| c.model == model).unwrap()
}

#[tokio::test]
async fn kling_takes_elements_with_a_start_image_at_the_elements_price() {
    let dir = tempfile::tempdir().unwrap();
    let s = studio(dir.path()).await;
    let start = png(dir.path(), "start.png", 1280, 720);
    let req = request(
        "@Element1 lights a lantern",
        &["kling-3.0-pro@fal"],
        vec![element(dir.path(), "mara", 2)],
        Some(start),
    );
    let plan = s.plan(&req).unwrap();
    let kling = clip(&plan.clips, "kling-3.0-pro");
    assert_eq!(kling.endpoint, "fal-ai/kling-video/v3/pro/image-to-video");
    assert_eq!(kling.resolved.elements, req.params.elements, "the clip records what it is sent with");
    assert!(kling.parity.is_empty(), "{:?}", kling.parity);
    // fal's i2v page: $0.336/s with audio (seeds/000: the elements tier).
    assert_eq!((kling.usd_per_second, kling.estimated_cost_usd), (0.336, 1.68));
    let previews = s.preview(&plan).unwrap();
    let elements = &previews[0].fields["elements"];
    assert_eq!(elements[0]["frontal_image_url"], "<upload: mara-front.png>");
    assert_eq!(elements[0]["reference_image_urls"][1], "<upload: mara-ref1.png>");
    let wire =
        crate::catalog::build_request(s.catalog().select("kling-3.0-pro@fal", |_| true).unwrap().1, &kling.resolved)
            .unwrap();
    let slots: Vec<&str> =
        wire.images.iter().filter(|i| i.role == ImageRole::Reference).map(|i| i.field.as_str()).collect();
    assert_eq!(
        slots,
        ["elements/0/frontal_image_url", "elements/0/reference_image_urls/0", "elements/0/reference_image_urls/1"]
    );
}

#[tokio::test]
async fn routes_without_elements_get_a_note_and_o3_uses_reference_to_video() {
    let dir = tempfile::tempdir().unwrap();
    let s = studio(dir.path()).await;
    let models = ["kling-3.0-pro@fal", "kling-o3-pro@fal", "veo-3.1@fal"];
    let req = request("@Element1 waves", &models, vec![element(dir.path(), "mara", 1)], None);
    let plan = s.plan(&req).unwrap();
    let kling = clip(&plan.clips, "kling-3.0-pro");
    assert!(kling.resolved.elements.is_empty());
    assert!(kling.parity[0].message.contains("need a start image"), "{:?}", kling.parity);
    assert_eq!(kling.estimated_cost_usd, 0.84, "no elements sent, no elements price");
    let o3 = clip(&plan.clips, "kling-o3-pro");
    assert_eq!(o3.endpoint, "fal-ai/kling-video/o3/pro/reference-to-video");
    assert_eq!(o3.resolved.elements.len(), 1);
    assert_eq!(o3.estimated_cost_usd, 0.7, "O3 reference-to-video shares its price");
    let veo = clip(&plan.clips, "veo-3.1");
    let note = veo.parity.iter().find(|n| n.param == "elements").expect("a note on elements");
    assert!(note.message.contains("not supported") && note.asked == "1 element", "{note:?}");
    // Under --strict the note is a refusal naming the field.
    let mut strict = CompareRequest {
        strict: true,
        ..request("@Element1 waves", &["veo-3.1@fal"], req.params.elements.clone(), None)
    };
    strict.params.duration_s = Some(8);
    let e = s.plan(&strict).unwrap_err();
    assert_eq!(e.field(), Some("element"), "{e}");
    // O3 with a first frame names it start_image_url on reference-to-video.
    let start = png(dir.path(), "start.png", 1280, 720);
    let framed = request("@Element1 waves", &["kling-o3-pro@fal"], req.params.elements.clone(), Some(start));
    let plan = s.plan(&framed).unwrap();
    let wire = crate::catalog::build_request(
        s.catalog().select("kling-o3-pro@fal", |_| true).unwrap().1,
        &plan.clips[0].resolved,
    )
    .unwrap();
    let fields: Vec<&str> = wire.images.iter().map(|i| i.field.as_str()).collect();
    assert_eq!(fields, ["start_image_url", "elements/0/frontal_image_url", "elements/0/reference_image_urls/0"]);
}

#[tokio::test]
async fn bad_elements_are_refused_before_anything_is_sent_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let s = studio(dir.path()).await;
    let start = png(dir.path(), "start.png", 1280, 720);
    let two = vec![element(dir.path(), "a", 1), element(dir.path(), "b", 1)];
    std::fs::write(dir.path().join("notes.png"), b"not an image").unwrap();
    let not_image = Element { frontal_image: dir.path().join("notes.png").display().to_string(), ..two[0].clone() };
    let missing = Element { reference_images: vec!["/nowhere/ref.png".into()], ..two[0].clone() };
    let four_refs = element(dir.path(), "c", 4);
    let cases: Vec<(&str, Vec<Element>, &str)> = vec![
        ("@Element3 joins @Element1", two.clone(), "@Element3"),
        ("@Element1 waves", vec![not_image], "not a PNG"),
        ("@Element1 waves", vec![missing], "/nowhere/ref.png"),
        ("@Element1 waves", vec![four_refs], "at most 3"),
        ("@Element1 waves", vec![two[0].clone(); 4], "at most 3 elements"),
    ];
    for (prompt, elements, says) in cases {
        let req = request(prompt, &["kling-3.0-pro@fal"], elements, Some(start.clone()));
        let e = s.plan(&req).unwrap_err();
        assert_eq!((e.code(), e.field()), ("invalid_input", Some("element")), "{e}");
        assert!(e.to_string().starts_with("element:") && e.to_string().contains(says), "{e}");
    }
    // Without any element attached, @Element1 is left to the lint advice.
    assert!(s.plan(&request("@Element1 waves", &["kling-3.0-pro@fal"], vec![], None)).is_ok());
}
