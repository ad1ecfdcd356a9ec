use super::*;
use crate::catalog::Catalog;

fn prompt(text: &str) -> CanonicalParams {
    CanonicalParams { prompt: text.to_string(), ..Default::default() }
}

fn one_element() -> crate::catalog::Element {
    crate::catalog::Element { frontal_image: "front.png".into(), ..Default::default() }
}

/// `n` words, one of them a camera word so the structure hints stay quiet.
fn words(n: usize) -> String {
    std::iter::once("camera").chain(std::iter::repeat_n("lighthouse", n - 1)).collect::<Vec<_>>().join(" ")
}

fn codes(catalog: &Catalog, spec: &str, params: &CanonicalParams) -> Vec<String> {
    let advice = lint(catalog, params, &[spec.to_string()], |_| true).expect("known model");
    advice[0].warnings.iter().map(|w| w.code.clone()).collect()
}

/// Every shipped rule: (code, model@route, a request that triggers it, one that does not).
fn cases() -> Vec<(&'static str, &'static str, CanonicalParams, CanonicalParams)> {
    let camera = "Low-angle shot, a woman walks through tall grass. Slow dolly-in.";
    vec![
        // 93 words ≈ 121 tokens is past Kling's ~120; 92 words ≈ 120 is not.
        ("kling-adherence-tokens", "kling-3.0-pro@fal", prompt(&words(93)), prompt(&words(92))),
        ("kling-native-prompt-chars", "kling-3.0-pro@kling", prompt(&"a".repeat(2501)), prompt(&"a".repeat(2500))),
        // An emoji is two UTF-16 units: 501 of them are 1002 units, past Runway's 1000.
        ("runway-prompt-chars", "runway-gen-4.5@runway", prompt(&"🎬".repeat(501)), prompt(&"🎬".repeat(500))),
        ("minimax-prompt-chars", "hailuo-02-standard@minimax", prompt(&"a".repeat(2001)), prompt(&"a".repeat(2000))),
        ("wan-25-prompt-chars", "wan-2.5@fal", prompt(&"a".repeat(1501)), prompt(&"a".repeat(1500))),
        (
            "element-ref-not-understood",
            "sora-2@fal",
            prompt("@Element1 waves. Close-up."),
            prompt("The element of surprise. Close-up."),
        ),
        (
            "element-ref-unbound",
            "kling-3.0-pro@fal",
            // One element attached binds @Element1 only.
            CanonicalParams { elements: vec![one_element()], ..prompt("@element2 waves, wide shot") },
            CanonicalParams { elements: vec![one_element()], ..prompt("@element1 waves, wide shot") },
        ),
        (
            "image-ref-unbound",
            "veo-3.1@google",
            prompt("in the style of @Image1, wide shot"),
            prompt("in the style of image 1, wide shot"),
        ),
        (
            "seedance-flags-not-understood",
            "kling-3.0-pro@fal",
            prompt("a fox, wide shot --dur 5"),
            prompt("a fox, wide shot --durable"),
        ),
        (
            "seedance-flags-conflict",
            "seedance-2.0@seedance",
            prompt("a fox --rs 720p --rt 16:9"),
            prompt("a fox in snow"),
        ),
        (
            "bracket-camera-not-understood",
            "sora-2@openai",
            prompt("a fox [Pan left] in snow"),
            prompt("a fox in snow, camera pans left"),
        ),
        (
            "kling-shots-in-prose",
            "kling-3.0-pro@fal",
            prompt("Shot 1: wide. Shot 2: close-up."),
            prompt("A wide shot, then a close-up."),
        ),
        ("sora-camera-direction", "sora-2-pro@openai", prompt("a cat plays the piano"), prompt(camera)),
        ("kling-camera-style", "kling-3.0-standard@kling", prompt("a cat plays the piano"), prompt(camera)),
        ("veo-camera-direction", "veo-3.1-fast@fal", prompt("a cat plays the piano"), prompt(camera)),
        (
            "ignored-field:negative",
            "sora-2@openai",
            CanonicalParams { negative_prompt: Some("blur".into()), ..prompt(camera) },
            CanonicalParams { negative_prompt: Some("  ".into()), ..prompt(camera) },
        ),
        (
            "ignored-field:seed",
            "kling-3.0-pro@fal",
            CanonicalParams { seed: Some(7), ..prompt(camera) },
            CanonicalParams { seed: None, ..prompt(camera) },
        ),
        (
            "ignored-field:cfg",
            "veo-3.1@fal",
            CanonicalParams { cfg_scale: Some(0.5), ..prompt(camera) },
            CanonicalParams { cfg_scale: None, ..prompt(camera) },
        ),
    ]
}

#[test]
fn every_rule_fires_and_stays_quiet() {
    let catalog = Catalog::builtin();
    for (code, spec, triggers, clean) in cases() {
        let fired = codes(&catalog, spec, &triggers);
        assert!(fired.iter().any(|c| c == code), "{code} on {spec}: expected it, got {fired:?}");
        let quiet = codes(&catalog, spec, &clean);
        assert!(!quiet.iter().any(|c| c == code), "{code} on {spec}: expected none, got {quiet:?}");
    }
}

#[test]
fn every_shipped_rule_has_a_case() {
    let tested: Vec<String> = cases().iter().map(|c| c.0.split(':').next().unwrap_or_default().to_string()).collect();
    for rule in Catalog::builtin().lint_rules() {
        assert!(tested.contains(&rule.code), "lint rule {} has no case in lint/tests.rs", rule.code);
    }
}

#[test]
fn scopes_and_exceptions_decide_who_hears_a_rule() {
    let catalog = Catalog::builtin();
    let element = prompt("@Element1 waves, wide shot");
    // Understood syntax is not flagged as foreign where the route takes it.
    assert!(!codes(&catalog, "kling-3.0-pro@fal", &element).contains(&"element-ref-not-understood".to_string()));
    assert!(codes(&catalog, "kling-3.0-pro@kling", &element).contains(&"element-ref-not-understood".to_string()));
    // The shot-list hint needs a route with a shot list.
    let prose = prompt("Shot 1: wide. Shot 2: close-up.");
    assert!(!codes(&catalog, "kling-3.0-pro@kling", &prose).contains(&"kling-shots-in-prose".to_string()));
    // Seedance flags on Ark are a conflict, not foreign syntax.
    // A seed reaches a route that takes one.
    let seeded = CanonicalParams { seed: Some(7), ..prompt("wide shot") };
    assert!(!codes(&catalog, "veo-3.1@fal", &seeded).contains(&"ignored-field:seed".to_string()));
    let flags = codes(&catalog, "seedance-2.0@seedance", &prompt("a fox --dur 5"));
    assert!(
        flags.contains(&"seedance-flags-conflict".to_string())
            && !flags.contains(&"seedance-flags-not-understood".to_string())
    );
}

#[test]
fn counts_and_limits_are_reported_with_the_advice() {
    let catalog = Catalog::builtin();
    let specs = ["kling-3.0-pro@kling".to_string(), "sora-2@openai".to_string()];
    let advice = lint(&catalog, &prompt("one two three"), &specs, |_| true).expect("known models");
    assert_eq!((advice[0].tokens, advice[0].token_limit, advice[0].char_limit), (4, Some(120), Some(2500)));
    assert_eq!((advice[1].token_limit, advice[1].char_limit, advice[1].chars), (None, None, 13));
    assert_eq!(approx_tokens(""), 0);
    assert_eq!(approx_tokens("  a\n b\tc  "), 4);
    // An empty prompt gets no structure hints: there is nothing to advise on yet.
    assert!(lint(&catalog, &prompt(" "), &specs, |_| true).expect("known")[1].warnings.is_empty());
}

#[test]
fn messages_are_filled_in_and_cite_their_source() {
    let catalog = Catalog::builtin();
    let advice = lint(&catalog, &prompt(&words(200)), &["kling-3.0-pro@fal".to_string()], |_| true).expect("known");
    let tokens = advice[0].warnings.iter().find(|w| w.code == "kling-adherence-tokens").expect("fires");
    assert!(tokens.message.starts_with("~260 tokens") && tokens.message.contains("~120"), "{}", tokens.message);
    assert!(tokens.source.starts_with("seeds/001_"), "{}", tokens.source);
    assert!(!tokens.message.contains('{'), "unfilled placeholder: {}", tokens.message);
}

#[test]
fn an_unknown_model_is_an_input_error() {
    let err = lint(&Catalog::builtin(), &prompt("x"), &["nope-9".to_string()], |_| true).expect_err("unknown");
    assert!(matches!(err, InputError::UnknownModel { .. }));
}

#[test]
fn overlay_rules_are_checked_when_loaded() {
    let rule = |extra: &str| format!("[[lint]]\ncode = \"x\"\nmessage = \"m\"\n{extra}\n");
    let bad = [
        ("kind = \"mentions\"\npattern = \"(\"\nsource = \"seeds/a\"", "pattern"),
        ("kind = \"max_tokens\"\nlimit = 5\nsource = \"somewhere\"", "source"),
        ("kind = \"max_tokens\"\nlimit = 5\nsource = \"seeds/a\"\napplies_to = { families = [\"Klingg\"] }", "Klingg"),
        ("kind = \"max_tokens\"\nlimit = 5\nsource = \"seeds/a\"\napplies_to = { families = [\"Sora\"], routes = [\"kling\"] }", "no model"),
    ];
    for (extra, needle) in bad {
        let mut catalog = Catalog::builtin();
        let err = catalog.merge_toml(&rule(extra)).expect_err(needle).to_string();
        assert!(err.contains(needle), "{err}");
    }
    // A known code replaces the shipped rule: a creator can tighten Kling's limit.
    let mut catalog = Catalog::builtin();
    let tighter = "[[lint]]\ncode = \"kling-adherence-tokens\"\nkind = \"max_tokens\"\nlimit = 10\nmessage = \"~{tokens}/{limit}\"\nsource = \"seeds/001\"\napplies_to = { families = [\"Kling\"] }";
    catalog.merge_toml(tighter).expect("valid overlay");
    assert!(codes(&catalog, "kling-3.0-pro@fal", &prompt(&words(20))).contains(&"kling-adherence-tokens".to_string()));
}
