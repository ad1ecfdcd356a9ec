//! `dailies lint` and the advice `compare` prints: the catalog's prompt rules through the
//! real binary, on a private library.

use dailies_tests::{dailies, run};
use serde_json::Value;

fn warning_codes(model: &Value) -> Vec<&str> {
    model["warnings"].as_array().expect("warnings").iter().filter_map(|w| w["code"].as_str()).collect()
}

#[test]
fn lint_advises_each_model_in_json_and_exits_zero() {
    let dir = tempfile::tempdir().expect("tempdir");
    let long = format!("@Element1 crosses the street. {}", "slow rain on neon signs, ".repeat(30));
    let (code, json, stderr) = run(dailies(dir.path()).args([
        "lint",
        "--prompt",
        &long,
        "--model",
        "kling-3.0-pro@fal",
        "--model",
        "sora-2@openai",
        "--seed",
        "4",
        "--json",
    ]));
    assert_eq!(code, 0, "advice is never a refusal: {stderr}");
    let models = json["models"].as_array().expect("models array");
    assert_eq!(models.len(), 2);
    let (kling, sora) = (&models[0], &models[1]);
    assert_eq!((kling["model"].as_str(), kling["route"].as_str()), (Some("kling-3.0-pro"), Some("fal")));
    assert_eq!((sora["model"].as_str(), sora["route"].as_str()), (Some("sora-2"), Some("openai")));
    // ~154 words: past Kling's ~120 tokens; the element is bound only on fal's Kling.
    assert!(kling["tokens"].as_u64().is_some_and(|t| t > 120), "{kling}");
    assert_eq!(kling["token_limit"].as_u64(), Some(120));
    let kling_codes = warning_codes(kling);
    assert!(
        kling_codes.contains(&"kling-adherence-tokens") && kling_codes.contains(&"element-ref-unbound"),
        "{kling_codes:?}"
    );
    let sora_codes = warning_codes(sora);
    assert!(sora_codes.contains(&"element-ref-not-understood"), "{sora_codes:?}");
    assert!(
        sora_codes.contains(&"ignored-field:seed") && kling_codes.contains(&"ignored-field:seed"),
        "{sora_codes:?}"
    );
    for w in models.iter().flat_map(|m| m["warnings"].as_array().expect("warnings")) {
        assert!(w["message"].as_str().is_some_and(|m| !m.is_empty() && !m.contains('{')), "{w}");
        assert!(w["source"].as_str().is_some_and(|s| !s.is_empty()), "{w}");
    }
}

#[test]
fn strict_exits_two_only_when_something_was_said() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lint = |prompt: &str| {
        run(dailies(dir.path()).args(["lint", "--strict", "--prompt", prompt, "--model", "sora-2-pro@openai"]))
    };
    let (code, _, _) = lint("a cat plays the piano");
    assert_eq!(code, 2, "no camera direction is a warning for Sora");
    let (code, _, _) = lint("Low-angle shot, a cat plays the piano. Slow dolly-in.");
    assert_eq!(code, 0);
    // The human form names each model and its warning.
    let (code, _, stdout) = {
        let out = dailies(dir.path())
            .args(["lint", "--prompt", "a fox --dur 5", "--model", "veo-3.1@fal"])
            .output()
            .expect("dailies runs");
        (out.status.code(), (), String::from_utf8_lossy(&out.stdout).to_string())
    };
    assert_eq!(code, Some(0));
    assert!(stdout.contains("veo-3.1@fal") && stdout.contains("seedance-flags-not-understood"), "{stdout}");
}

#[test]
fn an_unknown_model_is_bad_input() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, _, stderr) = run(dailies(dir.path()).args(["lint", "--prompt", "fog", "--model", "kling-9"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("kling-9"), "{stderr}");
}

#[test]
fn compare_prints_the_advice_before_its_estimate_on_stderr_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, json, stderr) =
        run(dailies(dir.path()).args(["compare", "--demo", "--yes", "--json", "--prompt", "fog", "--model", "sora-2"]));
    assert_eq!(code, 0, "{stderr}");
    let advice = stderr.find("Prompt advice").expect("advice printed");
    let estimate = stderr.find("Estimate").expect("estimate printed");
    assert!(advice < estimate, "{stderr}");
    assert!(stderr.contains("sora-camera-direction"), "{stderr}");
    assert!(json.get("lint").is_none() && json.get("clips").is_some(), "stdout JSON unchanged: {json}");
}

/// The UI's fake backend evaluates the catalog's own rules (`ui/src/ipc/fakeLint.ts`), never
/// a hand-kept copy: this exports the rules, which of them each model@route hears, the
/// inputs each route takes, and the core's answers to a spread of prompts on every route,
/// which `fakeLint.drift.test.ts` replays. Fails when the committed file is stale;
/// `UPDATE_FIXTURES=1` rewrites it.
#[test]
fn lint_fixture_is_up_to_date() {
    use dailies_core::catalog::{CanonicalParams, Catalog, Element};
    use dailies_core::lint::{lint, rules_for, LintRequest};
    use serde_json::json;

    let catalog = Catalog::builtin();
    let mut routes = Vec::new();
    for model in catalog.models() {
        for route in &model.routes {
            let rules: Vec<&str> = rules_for(catalog.lint_rules(), model, route).map(|r| r.code.as_str()).collect();
            let p = &route.params;
            routes.push(json!({
                "key": format!("{}@{}", model.id, route.route.as_str()),
                "model_name": model.name,
                "rules": rules,
                "inputs": { "negative": p.negative_prompt, "seed": p.seed, "cfg": p.cfg_scale.is_some() },
            }));
        }
    }
    let keys: Vec<String> = routes.iter().filter_map(|r| r["key"].as_str().map(String::from)).collect();
    let prompts = [
        String::new(),
        "a cat plays the piano".into(),
        "Low-angle shot, a woman walks through tall grass. Slow dolly-in.".into(),
        "@Element1 meets @image2 --dur 5 --rs 720p [Pan left] then [static]. Shot 1: wide. Shot 2: close.".into(),
        "camera ".repeat(93),
        "a".repeat(2600),
        "🎬".repeat(600),
        "Café au crépuscule, plan large, caméra fixe: l'élément @Élément1".into(),
        // Without elements, then (odd: extras) with one: @Element2 stays unbound.
        "@Element1 hands @Element2 a lantern".into(),
        "@Element1 hands @Element2 a lantern".into(),
    ];
    let mut cases = Vec::new();
    for (i, prompt) in prompts.iter().enumerate() {
        let extras = i % 2 == 1;
        let params = CanonicalParams {
            prompt: prompt.clone(),
            negative_prompt: extras.then(|| "blur".to_string()),
            seed: extras.then_some(11),
            cfg_scale: extras.then_some(0.5),
            elements: if extras {
                vec![Element { frontal_image: "front.png".into(), ..Default::default() }]
            } else {
                vec![]
            },
            ..Default::default()
        };
        let request = LintRequest { params, models: keys.clone() };
        let answer = lint(&catalog, &request.params, &request.models, |_| true).expect("every key is known");
        cases.push(json!({ "request": request, "answer": answer }));
    }
    let fixture = json!({ "rules": catalog.lint_rules(), "routes": routes, "cases": cases });
    let path = dailies_tests::workspace_root().join("ui/src/ipc/fixtures/lint.gen.json");
    let fresh = serde_json::to_string_pretty(&fixture).expect("fixture serialises") + "\n";
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(&path, &fresh).expect("write fixture");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/ipc/fixtures/lint.gen.json is stale; run `UPDATE_FIXTURES=1 cargo test -p dailies-tests --test scenarios lint_fixture`"
    );
}
