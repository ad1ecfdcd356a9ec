//! `dailies preview`: one shot list, phrased for each model family, shown before spending.

use dailies_tests::{dailies, run};

#[test]
fn one_shot_list_becomes_multi_prompt_for_kling_and_prose_for_sora() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, json, stderr) = run(dailies(dir.path()).args([
        "preview",
        "--json",
        "--prompt",
        "a lighthouse keeper at dusk",
        "--shot",
        "4:wide on the tower in fog",
        "--shot",
        "4:close on the lamp turning",
        "--model",
        "kling-3.0-pro@fal",
        "--model",
        "sora-2@openai",
    ]));
    assert_eq!(code, 0, "{stderr}");
    let models = json["models"].as_array().expect("models");
    let (kling, sora) = (&models[0], &models[1]);
    let shots = kling["fields"]["multi_prompt"].as_array().expect("Kling on fal takes a shot list");
    assert_eq!(shots.len(), 2);
    assert_eq!(shots[1]["prompt"].as_str(), Some("close on the lamp turning"));
    assert_eq!(shots[0]["duration"].as_str(), Some("4"), "fal's Kling durations are strings");
    assert!(kling["fields"].get("prompt").is_none(), "prompt or multi_prompt, never both: {kling}");
    let prose = sora["fields"]["prompt"].as_str().expect("Sora gets one prompt");
    assert!(prose.contains("Shot 1 (4 s): wide on the tower in fog") && prose.contains("Shot 2 (4 s):"), "{prose}");
    assert!(sora["parity"].as_array().is_some_and(|p| !p.is_empty()), "the join is said: {sora}");
    assert!(sora["warnings"].as_array().is_some(), "{sora}");
}
