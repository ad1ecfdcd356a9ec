//! Shot templates against the whole shipped catalog: every model+route is walked, so a new
//! route or template is covered without a new hand-written case.

use super::*;

fn shots(seconds: &[u32]) -> Vec<Shot> {
    seconds
        .iter()
        .enumerate()
        .map(|(i, s)| Shot { prompt: format!("beat-{} of the story", i + 1), duration_s: *s })
        .collect()
}

fn ask_shots(seconds: &[u32]) -> CanonicalParams {
    CanonicalParams { prompt: "a harbour at dawn".into(), shots: Some(shots(seconds)), ..Default::default() }
}

fn shots_field(route: &RouteEntry) -> Option<&str> {
    route.fields.iter().find_map(|(name, f)| {
        matches!(f, FieldSpec::Param { param: CanonicalParam::Shots, .. }).then_some(name.as_str())
    })
}

/// A wire duration in any of its encodings ("5", "8s", 5) as seconds.
fn seconds(v: &serde_json::Value) -> u32 {
    match v {
        serde_json::Value::String(s) => s.trim_end_matches('s').parse().unwrap_or_else(|_| panic!("duration {s}")),
        other => other.as_u64().and_then(|n| u32::try_from(n).ok()).unwrap_or_else(|| panic!("duration {other}")),
    }
}

#[test]
fn every_route_has_a_template_and_every_template_is_used() {
    let c = Catalog::builtin();
    let mut used: Vec<&str> = Vec::new();
    for m in c.models() {
        for r in &m.routes {
            let t = c.shot_template(m, r).unwrap_or_else(|| panic!("{}@{}: no shot template", m.id, r.route));
            t.fits(r).unwrap();
            used.push(&t.code);
        }
    }
    for t in c.shot_templates() {
        assert!(used.contains(&t.code.as_str()), "shot template '{}' serves no model+route", t.code);
        assert!(!t.source.trim().is_empty(), "{}", t.code);
    }
}

#[test]
fn every_route_receives_the_shot_list_in_its_templates_form() {
    let c = Catalog::builtin();
    let asked = ask_shots(&[2, 3, 5]);
    for m in c.models() {
        for r in &m.routes {
            let label = format!("{}@{}", m.id, r.route);
            let template = c.shot_template(m, r).unwrap();
            let (resolved, notes) = c.resolve(m, r, &asked, false).unwrap();
            let wire = build_request(r, &resolved).unwrap();
            match &template.form {
                ShotForm::Structured => {
                    let field = shots_field(r).unwrap_or_else(|| panic!("{label}: structured without a field"));
                    let list = wire.fields[field].as_array().unwrap_or_else(|| panic!("{label}: {field} not a list"));
                    assert_eq!(list.len(), 3, "{label}");
                    for (i, shot) in list.iter().enumerate() {
                        assert_eq!(shot["prompt"], format!("beat-{} of the story", i + 1), "{label}");
                    }
                    let total: u32 = list.iter().map(|s| seconds(&s["duration"])).sum();
                    assert_eq!(total, resolved.duration_s, "{label}: shots must add up to the clip");
                    let prompt_sent = wire.fields.values().any(|v| v.as_str() == Some("a harbour at dawn"));
                    assert!(!prompt_sent, "{label}: a shot list replaces the prompt");
                }
                ShotForm::Prose { .. } => {
                    assert!(shots_field(r).is_none() || resolved.shots.is_none(), "{label}");
                    let body = serde_json::Value::Object(wire.fields.clone()).to_string();
                    let expected = template.form.prose("a harbour at dawn", &shots(&[2, 3, 5])).unwrap();
                    assert_eq!(resolved.prompt, expected, "{label}");
                    let sent = serde_json::Value::String(expected).to_string();
                    assert!(body.contains(sent.trim_matches('"')), "{label}: prose prompt not on the wire: {body}");
                    assert!(notes.iter().any(|n| n.param == "shots"), "{label}: no parity note for the shots");
                }
            }
        }
    }
}

#[test]
fn kling_on_fal_gets_multi_prompt_and_sora_gets_shot_prose() {
    let c = Catalog::builtin();
    let asked = ask_shots(&[4, 6]);
    let (m, r) = c.select("kling-3.0-pro@fal", |_| true).unwrap();
    let (resolved, _) = c.resolve(m, r, &asked, false).unwrap();
    let wire = build_request(r, &resolved).unwrap();
    assert_eq!(
        wire.fields["multi_prompt"],
        serde_json::json!([{"prompt": "beat-1 of the story", "duration": "4"}, {"prompt": "beat-2 of the story", "duration": "6"}])
    );
    assert_eq!(wire.fields["duration"], "10");
    let (m, r) = c.select("sora-2-pro@openai", |_| true).unwrap();
    let (resolved, _) = c.resolve(m, r, &asked, false).unwrap();
    assert_eq!(
        resolved.prompt,
        "a harbour at dawn. Shot 1 (4 s): beat-1 of the story. Shot 2 (6 s): beat-2 of the story."
    );
}

#[test]
fn a_structured_total_outside_the_routes_durations_is_fitted_with_a_note() {
    let c = Catalog::builtin();
    let (m, r) = c.select("kling-3.0-pro@fal", |_| true).unwrap();
    for (asked, ran) in [(&[1u32, 1][..], 3u32), (&[3, 3, 3, 3, 3, 3][..], 15), (&[5, 5, 5, 5][..], 15)] {
        let (resolved, notes) = c.resolve(m, r, &ask_shots(asked), false).unwrap();
        let list = resolved.shots.clone().unwrap();
        assert_eq!(list.iter().map(|s| s.duration_s).sum::<u32>(), ran, "{asked:?}");
        assert_eq!(resolved.duration_s, ran, "{asked:?}");
        assert!(list.iter().all(|s| s.duration_s >= 1), "{asked:?}");
        assert!(notes.iter().any(|n| n.param == "shots" && n.message.contains("last shot")), "{notes:?}");
        assert!(c.resolve(m, r, &ask_shots(asked), true).is_err(), "strict refuses {asked:?}");
    }
}

#[test]
fn an_overlay_template_wins_over_the_shipped_catch_all() {
    let mut c = Catalog::builtin();
    let overlay = r#"
[[shot_template]]
code = "sora-cuts"
form = "prose"
shot = "CUT TO {text}."
applies_to = { families = ["Sora"] }
source = "a creator's own convention"
"#;
    c.merge_toml(overlay).unwrap();
    let (m, r) = c.select("sora-2@openai", |_| true).unwrap();
    let (resolved, _) = c.resolve(m, r, &ask_shots(&[4, 4]), false).unwrap();
    assert_eq!(resolved.prompt, "a harbour at dawn. CUT TO beat-1 of the story. CUT TO beat-2 of the story.");
    let bad = "[[shot_template]]\ncode = \"x\"\nform = \"structured\"\napplies_to = { families = [\"Sora\"] }\nsource = \"s\"\n";
    let err = Catalog::builtin().merge_toml(bad).unwrap_err().to_string();
    assert!(err.contains("no shot-list input"), "{err}");
}
