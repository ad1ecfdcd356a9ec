//! What the OpenAI adapter sends is valid against OpenAI's official OpenAPI spec.

use dailies_core::catalog::{build_fields, resolve, CanonicalParams, Catalog, ShotForm};
use dailies_core::providers::openai::OpenAiAdapter;
use dailies_core::providers::{JobRef, ProviderAdapter, RouteContext, SubmitRequest};
use dailies_core::secrets::Secret;
use dailies_tests::Prism;

/// The adapter's route context pointed at Prism.
fn context(prism: &Prism) -> RouteContext {
    RouteContext { http: reqwest::Client::new(), base_url: prism.base_url.clone(), key: Secret::new("sk-test") }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_sora_request_the_catalog_can_produce_passes_prism() {
    let Some(prism) = Prism::start("openai-openapi.yaml").await else { return };
    let ctx = context(&prism);

    // Negative control: Prism really validates (a number where the spec wants a string).
    let bad = ctx
        .http
        .post(format!("{}/videos", prism.base_url))
        .bearer_auth("sk-test")
        .json(&serde_json::json!({"prompt": "fog", "model": "sora-2", "seconds": 8}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status().as_u16(), 422);
    assert!(bad.text().await.unwrap().contains("seconds"));

    let catalog = Catalog::builtin();
    let mut checked = 0;
    for model in ["sora-2", "sora-2-pro"] {
        let (_, entry) = catalog.select(&format!("{model}@openai"), |_| true).unwrap();
        for &duration in &entry.params.durations {
            for aspect in &entry.params.aspects {
                for resolution in &entry.params.resolutions {
                    let asked = CanonicalParams {
                        prompt: "a lighthouse in fog".into(),
                        duration_s: Some(duration),
                        aspect: Some(aspect.clone()),
                        resolution: Some(resolution.clone()),
                        ..Default::default()
                    };
                    let (resolved, _) = resolve(model, &entry.params, &ShotForm::Structured, &asked, true).unwrap();
                    let fields = build_fields(entry, &resolved).unwrap();
                    let req = SubmitRequest {
                        endpoint: &entry.endpoint,
                        fields: &fields,
                        images: &[],
                        clip_id: "c",
                        remix_of: None,
                    };
                    let submitted = OpenAiAdapter
                        .submit(&ctx, &req)
                        .await
                        .unwrap_or_else(|e| panic!("{model} {duration}s {aspect} {resolution}: {e}"));
                    let job = JobRef {
                        provider_job_id: submitted.provider_job_id,
                        endpoint: entry.endpoint.clone(),
                        handle: submitted.handle,
                    };
                    OpenAiAdapter.status(&ctx, &job).await.unwrap();
                    let out = OpenAiAdapter.output(&ctx, &job).await.unwrap();
                    let (name, value) = out.auth_header.unwrap();
                    let content = ctx.http.get(&out.url).header(name, value.expose()).send().await.unwrap();
                    assert_ne!(content.status().as_u16(), 422, "content request rejected by the spec");
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, 3 * 2 + 3 * 2 * 2);

    // Image-to-video: the multipart form with the reference image as a file part.
    let (_, entry) = catalog.select("sora-2-pro@openai", |_| true).unwrap();
    let asked = CanonicalParams { prompt: "fog".into(), start_image: Some("ref.png".into()), ..Default::default() };
    let (resolved, _) = resolve("sora-2-pro", &entry.params, &ShotForm::Structured, &asked, true).unwrap();
    let wire = dailies_core::catalog::build_request(entry, &resolved).unwrap();
    assert_eq!(wire.images.len(), 1);
    let mut png = Vec::new();
    image::RgbImage::new(1280, 720).write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png).unwrap();
    let reference = dailies_core::providers::images::ImageInput {
        field: wire.images[0].field.clone(),
        role: wire.images[0].role,
        encoding: wire.images[0].encoding,
        mime: "image/png".into(),
        file_name: "ref.png".into(),
        bytes: png,
        width: 1280,
        height: 720,
    };
    let req = SubmitRequest {
        endpoint: &entry.endpoint,
        fields: &wire.fields,
        images: &[reference],
        clip_id: "c",
        remix_of: None,
    };
    OpenAiAdapter.submit(&ctx, &req).await.unwrap_or_else(|e| panic!("multipart image-to-video: {e}"));
}

/// A remix sends only the new prompt to `POST /videos/{id}/remix` (`CreateVideoRemixBody`).
#[tokio::test(flavor = "multi_thread")]
async fn a_remix_request_passes_prism() {
    let Some(prism) = Prism::start("openai-openapi.yaml").await else { return };
    let ctx = context(&prism);
    // Negative control: the spec wants a string prompt of at least one character.
    let bad = ctx
        .http
        .post(format!("{}/videos/video_123/remix", prism.base_url))
        .bearer_auth("sk-test")
        .json(&serde_json::json!({"prompt": 5}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status().as_u16(), 422);
    // What the engine stores for a remix: the catalog's fields cut down to the prompt.
    let catalog = Catalog::builtin();
    let (_, entry) = catalog.select("sora-2-pro@openai", |_| true).unwrap();
    assert!(entry.remix);
    let asked = CanonicalParams { prompt: "the same shot at night".into(), ..Default::default() };
    let (resolved, _) = resolve("sora-2-pro", &entry.params, &ShotForm::Structured, &asked, true).unwrap();
    let fields = build_fields(entry, &resolved).unwrap();
    let req = SubmitRequest {
        endpoint: &entry.endpoint,
        fields: &fields,
        images: &[],
        clip_id: "c",
        remix_of: Some("video_123"),
    };
    let submitted = OpenAiAdapter.submit(&ctx, &req).await.unwrap_or_else(|e| panic!("remix: {e}"));
    assert!(!submitted.provider_job_id.is_empty());
}
