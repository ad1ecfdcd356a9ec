//! The UI's fake backend (vitest, the browser demo) plans and prices from what the core
//! exports here, never from a hand-kept copy: the catalog as `list_models` returns it and
//! the real planner's answer to a spread of requests on every model and route. The UI's
//! `fakePlanner.drift.test.ts` replays every request through the fake planner and fails
//! when the two disagree. This test fails when the committed files are stale; run it with
//! `UPDATE_FIXTURES=1` to rewrite them.

use std::path::Path;

use dailies_core::api::CompareRequest;
use dailies_core::catalog::{CanonicalParams, Element, ModelOverride, Shot};
use dailies_tests::{sim_config, start_sim, studio_with_keys, workspace_root};
use serde_json::{json, Value};

const FIXTURE_DIR: &str = "ui/src/ipc/fixtures";

/// The variations every model@route is planned with: defaults, values off the route's
/// grid (adjusted with parity notes), the same refused under `strict`, the optional
/// fields, and a two-shot list.
fn variations(selector: &str) -> Vec<CompareRequest> {
    let base = |params: CanonicalParams, strict: bool| CompareRequest {
        params,
        models: vec![selector.to_string()],
        strict,
        ..Default::default()
    };
    let prompt = || "a lighthouse at dusk, waves breaking".to_string();
    let off_grid = || CanonicalParams {
        prompt: prompt(),
        duration_s: Some(7),
        aspect: Some("21:9".into()),
        resolution: Some("4k".into()),
        audio: Some(true),
        ..Default::default()
    };
    vec![
        base(CanonicalParams { prompt: prompt(), ..Default::default() }, false),
        base(off_grid(), false),
        base(off_grid(), true),
        base(
            CanonicalParams {
                prompt: prompt(),
                negative_prompt: Some("blurry, text".into()),
                seed: Some(42),
                duration_s: Some(10),
                aspect: Some("9:16".into()),
                resolution: Some("720p".into()),
                audio: Some(false),
                ..Default::default()
            },
            false,
        ),
        base(
            CanonicalParams {
                prompt: prompt(),
                shots: Some(vec![
                    Shot { prompt: "wide: the lighthouse in fog".into(), duration_s: 3 },
                    Shot { prompt: "close: the lamp turning".into(), duration_s: 2 },
                ]),
                ..Default::default()
            },
            false,
        ),
        // One model of the run with its own duration and prompt (the fake applies overrides too).
        base(
            CanonicalParams {
                prompt: prompt(),
                duration_s: Some(5),
                overrides: vec![ModelOverride {
                    model: selector.to_string(),
                    prompt: Some("close: the lamp turning".into()),
                    duration_s: Some(10),
                    ..Default::default()
                }],
                ..Default::default()
            },
            false,
        ),
        // One element with one view: sent where the route takes elements (a note elsewhere).
        // The image is committed and named relative to this package, so the fixture is stable.
        base(
            CanonicalParams {
                prompt: "@Element1 walks into the light".into(),
                elements: vec![Element {
                    name: Some("Mara".into()),
                    frontal_image: ELEMENT_IMAGE.into(),
                    reference_images: vec![ELEMENT_IMAGE.into()],
                }],
                ..Default::default()
            },
            false,
        ),
    ]
}

/// A 64×96 PNG, relative to the `dailies-tests` package (the tests' working directory).
const ELEMENT_IMAGE: &str = "scenarios/fixtures/element.png";

#[tokio::test]
async fn ui_fixtures_are_up_to_date() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let studio = studio_with_keys(&sim, dir.path(), |_| None).await;
    let catalog = studio.models();
    let mut plans = Vec::new();
    for model in &catalog {
        for route in &model.routes {
            for request in variations(&format!("{}@{}", model.id, route.route.as_str())) {
                let answer = match studio.plan(&request) {
                    Ok(plan) => json!({ "plan": plan }),
                    Err(e) => json!({ "error": { "code": e.code(), "message": e.to_string(), "field": e.field() } }),
                };
                plans.push(json!({ "request": request, "answer": answer }));
            }
        }
    }
    let settings = settings_fixture(&studio).await;
    sim.shutdown();
    let dir = workspace_root().join(FIXTURE_DIR);
    let files = [
        ("catalog.gen.json", json!(catalog)),
        ("plans.gen.json", Value::Array(plans)),
        ("settings.gen.json", settings),
    ];
    let stale: Vec<&str> =
        files.iter().filter(|(name, value)| !is_current(&dir.join(name), value)).map(|(name, _)| *name).collect();
    assert!(stale.is_empty(), "{FIXTURE_DIR}/{stale:?} stale; run `UPDATE_FIXTURES=1 cargo test -p dailies-tests --test scenarios ui_fixtures`");
}

/// The settings as a fresh library lists them, and the core's answer to a spread of
/// `set_setting` calls (good and bad keys and values), for `fakeSettings.drift.test.ts`.
async fn settings_fixture(studio: &dailies_core::Studio) -> Value {
    let entries = studio.setting_entries();
    let mut cases = Vec::new();
    for (key, value) in [
        ("concurrency.fal", "3"),
        ("concurrency.kling", " 12 "),
        ("concurrency.fal", "0"),
        ("concurrency.fal", "65"),
        ("concurrency.fal", "1.5"),
        ("concurrency.nowhere", "2"),
        ("budget.run_usd", "2.50"),
        ("budget.day_usd", "$10"),
        ("budget.month_usd", "0"),
        ("budget.month_usd", "-3"),
        ("budget.day_usd", "lots"),
        ("base_url.openai", "https://proxy.example/v1/"),
        ("base_url.fal", "ftp://x"),
        ("notify", "off"),
        ("notify", "maybe"),
        ("theme", "light"),
        ("theme", "blue"),
        ("colour", "red"),
    ] {
        let answer = match studio.set_setting(key, value).await {
            Ok(entry) => json!({ "entry": entry }),
            Err(e) => json!({ "error": { "code": e.code(), "message": e.to_string(), "field": e.field() } }),
        };
        cases.push(json!({ "key": key, "value": value, "answer": answer }));
        let _ = studio.unset_setting(key).await;
    }
    json!({ "entries": entries, "cases": cases })
}

/// Whether `path` holds `value`; with `UPDATE_FIXTURES` set, writes it and says yes.
fn is_current(path: &Path, value: &Value) -> bool {
    let fresh = serde_json::to_string_pretty(value).expect("fixtures serialise") + "\n";
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("fixture dir");
        std::fs::write(path, &fresh).expect("write fixture");
        return true;
    }
    std::fs::read_to_string(path).is_ok_and(|committed| committed == fresh)
}
