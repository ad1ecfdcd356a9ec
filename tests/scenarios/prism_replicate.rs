//! What the Replicate adapter sends is valid against Replicate's official OpenAPI spec
//! (`tests/specs/replicate-openapi.json`): every create the catalog can produce, the
//! prediction read and cancel, and the Files API upload used for input images.

use dailies_core::catalog::{build_request, resolve, CanonicalParams, Catalog, RouteId, ShotForm};
use dailies_core::providers::replicate::ReplicateAdapter;
use dailies_core::providers::{JobRef, ProviderAdapter, RouteContext, SubmitRequest};
use dailies_core::secrets::Secret;
use dailies_tests::Prism;

use crate::adapters_fal_catalog::make_image;

async fn round_trip(ctx: &RouteContext, request: &SubmitRequest<'_>, label: &str, follow: bool) {
    let submitted = ReplicateAdapter.submit(ctx, request).await.unwrap_or_else(|e| panic!("{label}: {e}"));
    if follow {
        let job = JobRef {
            provider_job_id: submitted.provider_job_id,
            endpoint: request.endpoint.to_string(),
            handle: submitted.handle,
        };
        ReplicateAdapter.status(ctx, &job).await.unwrap_or_else(|e| panic!("{label} get: {e}"));
        ReplicateAdapter.cancel(ctx, &job).await.unwrap_or_else(|e| panic!("{label} cancel: {e}"));
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_replicate_request_the_catalog_can_produce_passes_prism() {
    let Some(prism) = Prism::start("replicate-openapi.json").await else { return };
    let ctx =
        RouteContext { http: reqwest::Client::new(), base_url: prism.base_url.clone(), key: Secret::new("r8_test") };

    // Negative control: Prism really validates the envelope (`additionalProperties: false`,
    // `input` required).
    let bad = ctx
        .http
        .post(format!("{}/models/kwaivgi/kling-v3-video/predictions", prism.base_url))
        .bearer_auth("r8_test")
        .json(&serde_json::json!({"inputs": {"prompt": "fog"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status().as_u16(), 422);
    assert!(bad.text().await.unwrap().contains("input"));

    let catalog = Catalog::builtin();
    let mut checked = 0;
    for model in catalog.models() {
        let Some(entry) = model.routes.iter().find(|r| r.route == RouteId::Replicate) else { continue };
        let p = &entry.params;
        let mut first = true;
        for &duration in &p.durations {
            for aspect in &p.aspects {
                for resolution in &p.resolutions {
                    for &audio in &p.audio {
                        let asked = CanonicalParams {
                            prompt: "a lighthouse in fog".into(),
                            negative_prompt: p.negative_prompt.then(|| "blur".into()),
                            seed: p.seed.then_some(42),
                            duration_s: Some(duration),
                            aspect: Some(aspect.clone()),
                            resolution: Some(resolution.clone()),
                            audio: Some(audio),
                            ..Default::default()
                        };
                        let (resolved, _) = resolve(&model.id, p, &ShotForm::Structured, &asked, true).unwrap();
                        let wire = build_request(entry, &resolved).unwrap();
                        let req = SubmitRequest {
                            endpoint: &wire.endpoint,
                            fields: &wire.fields,
                            images: &[],
                            clip_id: "c",
                            remix_of: None,
                        };
                        let label = format!("{} {duration}s {aspect} {resolution} audio={audio}", model.id);
                        // Reading and cancelling are the same two calls for every model.
                        round_trip(&ctx, &req, &label, first).await;
                        first = false;
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 400, "only {checked} combinations checked");

    // Image-to-video: both frames go up through `POST /files` (multipart) first.
    let dir = tempfile::tempdir().unwrap();
    let start = make_image(dir.path(), "start.png", 1280, 720, "navy").to_string_lossy().into_owned();
    let end = make_image(dir.path(), "end.jpg", 1280, 720, "orange").to_string_lossy().into_owned();
    for model in ["kling-3.0-pro", "veo-3.1", "seedance-1.0-pro", "hailuo-02-standard"] {
        let (_, entry) = catalog.select(&format!("{model}@replicate"), |_| true).unwrap();
        let asked = CanonicalParams {
            prompt: "a lighthouse in fog".into(),
            start_image: Some(start.clone()),
            end_image: Some(end.clone()),
            ..Default::default()
        };
        let (mut resolved, _) = resolve(model, &entry.params, &ShotForm::Structured, &asked, true).unwrap();
        (resolved.start_image, resolved.end_image) = (Some(start.clone()), Some(end.clone()));
        let wire = build_request(entry, &resolved).unwrap();
        let images: Vec<_> = wire.images.iter().map(|slot| dailies_core::inputs::load(slot).unwrap()).collect();
        assert!(!images.is_empty(), "{model} takes a start image");
        let req = SubmitRequest {
            endpoint: &wire.endpoint,
            fields: &wire.fields,
            images: &images,
            clip_id: "c",
            remix_of: None,
        };
        round_trip(&ctx, &req, &format!("{model} with frames"), false).await;
    }
}
