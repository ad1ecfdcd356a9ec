use super::*;

/// A prose shot form for tests that ask no shots (or test the prose path on a test route).
fn form() -> ShotForm {
    ShotForm::Prose { shot: "Shot {n} ({seconds} s): {text}".into(), joiner: " ".into() }
}

fn ask(prompt: &str) -> CanonicalParams {
    CanonicalParams { prompt: prompt.into(), ..Default::default() }
}

#[test]
fn builtin_catalog_loads_and_validates() {
    let c = Catalog::builtin();
    assert!(c.model("kling-3.0-pro").is_some());
    assert!(c.model("sora-2-pro").is_some());
}

#[test]
fn default_route_skips_retired_routes() {
    let c = Catalog::builtin();
    let (_, r) = c.select("sora-2-pro", |_| false).unwrap();
    assert_eq!(r.route, RouteId::Openai);
    let (_, r) = c.select("sora-2-pro@fal", |_| true).unwrap();
    assert_eq!(r.route, RouteId::Fal);
    assert_eq!(r.lifecycle.state, LifecycleState::Retired);
}

#[test]
fn unknown_model_suggests_close_matches() {
    let c = Catalog::builtin();
    let err = c.select("kling-3-pro", |_| true).unwrap_err();
    match err {
        InputError::UnknownModel { suggestions, .. } => assert!(suggestions.contains(&"kling-3.0-pro".to_string())),
        other => panic!("{other:?}"),
    }
    let err = c.select("sora-2@replicate", |_| true).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("available routes:") && msg.contains("openai") && msg.contains("fal"), "{msg}");
}

#[test]
fn wire_fields_follow_each_routes_types() {
    let c = Catalog::builtin();
    let (_, kling) = c.select("kling-3.0-pro@fal", |_| true).unwrap();
    let (p, _) =
        resolve("k", &kling.params, &form(), &CanonicalParams { duration_s: Some(10), ..ask("fog") }, false).unwrap();
    let f = build_fields(kling, &p).unwrap();
    assert_eq!(f["duration"], serde_json::json!("10"));
    assert_eq!(f["generate_audio"], serde_json::json!(true));
    assert!(!f.contains_key("negative_prompt"));

    let (_, sora) = c.select("sora-2-pro@openai", |_| true).unwrap();
    let asked = CanonicalParams { duration_s: Some(10), aspect: Some("9:16".into()), ..ask("fog") };
    let (p, notes) = resolve("s", &sora.params, &form(), &asked, false).unwrap();
    let f = build_fields(sora, &p).unwrap();
    assert_eq!(f["seconds"], serde_json::json!("12"));
    assert_eq!(f["size"], serde_json::json!("720x1280"));
    assert_eq!(f["model"], serde_json::json!("sora-2-pro"));
    assert_eq!(notes.len(), 1);
}

#[test]
fn estimates_use_price_rules_and_requested_seconds() {
    let c = Catalog::builtin();
    let (_, kling) = c.select("kling-3.0-pro", |_| true).unwrap();
    let (mut p, _) = resolve("k", &kling.params, &form(), &ask("x"), false).unwrap();
    assert_eq!(estimate_usd(&kling.price, &p), Some(0.84));
    p.audio = false;
    assert_eq!(estimate_usd(&kling.price, &p), Some(0.56));

    let (_, sora) = c.select("sora-2-pro", |_| true).unwrap();
    let (mut p, _) =
        resolve("s", &sora.params, &form(), &CanonicalParams { duration_s: Some(12), ..ask("x") }, false).unwrap();
    assert_eq!(estimate_usd(&sora.price, &p), Some(3.6));
    p.resolution = "1024p".into();
    assert_eq!(estimate_usd(&sora.price, &p), Some(6.0));
}

#[test]
fn a_model_on_an_existing_route_is_a_data_change() {
    let mut c = Catalog::builtin();
    let extra = r#"
[[model]]
id = "kling-3.0-turbo"
name = "Kling 3.0 Turbo"
family = "Kling"
vendor = "Kuaishou"

[[model.route]]
route = "fal"
endpoint = "fal-ai/kling-video/v3/turbo/pro/text-to-video"
params = { durations = [5, 10], default_duration = 5, aspects = ["16:9"], default_aspect = "16:9", resolutions = ["1080p"], default_resolution = "1080p", audio = [false], default_audio = false }
fields.prompt = { param = "prompt" }
fields.duration = { param = "duration", as = "string" }
price = { rules = [{ usd_per_second = 0.07 }], source = "test", as_of = "2026-11-21" }
"#;
    c.merge_toml(extra).unwrap();
    let (m, r) = c.select("kling-3.0-turbo", |_| true).unwrap();
    assert_eq!((m.name.as_str(), r.route), ("Kling 3.0 Turbo", RouteId::Fal));

    // The per-provider form: a [[route]] for a model the catalog already knows.
    let route_only = r#"
[[route]]
model = "kling-3.0-turbo"
route = "openai"
endpoint = "x"
params = { durations = [5], default_duration = 5, aspects = ["16:9"], default_aspect = "16:9", resolutions = ["720p"], default_resolution = "720p", audio = [false], default_audio = false }
fields.prompt = { param = "prompt" }
price = { rules = [{ usd_per_second = 0.2 }], source = "test", as_of = "2026-11-21" }
"#;
    c.merge_toml(route_only).unwrap();
    assert_eq!(c.model("kling-3.0-turbo").unwrap().routes.len(), 2);
    let orphan = route_only.replace("kling-3.0-turbo", "no-such-model");
    assert!(c.merge_toml(&orphan).unwrap_err().to_string().contains("unknown model 'no-such-model'"));
}

#[test]
fn invalid_catalog_entries_are_refused_with_the_reason() {
    let bad = r#"
[[model]]
id = "x"
name = "X"
family = "X"
vendor = "X"
[[model.route]]
route = "fal"
endpoint = "x/y"
params = { durations = [5], default_duration = 6, aspects = ["16:9"], default_aspect = "16:9", resolutions = ["720p"], default_resolution = "720p", audio = [false], default_audio = false }
fields.prompt = { param = "prompt" }
price = { rules = [{ usd_per_second = 0.1 }], source = "t", as_of = "t" }
"#;
    let err = Catalog::from_toml(bad).unwrap_err().to_string();
    assert!(err.contains("default_duration 6"), "{err}");
}

#[test]
fn duration_bounds_cover_the_catalog() {
    let c = Catalog::builtin();
    let (lo, hi) = c.duration_bounds();
    assert!(lo <= 3 && hi >= 20, "{lo}..{hi}");
    assert!(c.any_allows_duration(12));
    assert!(!c.any_allows_duration(60));
}

fn i2v_entry() -> RouteEntry {
    let text = r#"
[[model]]
id = "m"
name = "M"
family = "M"
vendor = "V"
[[model.route]]
route = "fal"
endpoint = "x/y/text-to-video"
image_endpoint = "x/y/image-to-video"
image = { formats = ["png", "jpeg"], max_mb = 10.0, aspects = ["16:9", "9:16"] }
params = { durations = [5, 10], default_duration = 5, aspects = ["16:9", "9:16"], default_aspect = "16:9", resolutions = ["1080p"], default_resolution = "1080p", audio = [false], default_audio = false, cfg_scale = [0.0, 1.0], max_shots = 2 }
fields.prompt = { param = "prompt" }
fields.duration = { param = "duration", as = "string" }
fields.aspect_ratio = { param = "aspect" }
fields.cfg_scale = { param = "cfg_scale" }
fields.multi_prompt = { param = "shots", as = "string" }
image_fields.start_image_url = { image = "start", as = "url" }
image_fields.end_image_url = { image = "end", as = "data_url" }
image_fields.aspect_ratio = { omit = true }
price = { rules = [{ usd_per_second = 0.1 }], source = "t", as_of = "t" }
"#;
    Catalog::from_toml(text).unwrap().model("m").unwrap().routes[0].clone()
}

#[test]
fn image_mode_switches_endpoint_overlays_fields_and_collects_slots() {
    let entry = i2v_entry();
    let asked = CanonicalParams { start_image: Some("/a.png".into()), end_image: Some("/b.png".into()), ..ask("fog") };
    let (p, notes) = resolve("m", &entry.params, &form(), &asked, false).unwrap();
    assert!(notes.is_empty());
    let wire = build_request(&entry, &p).unwrap();
    assert_eq!(wire.endpoint, "x/y/image-to-video");
    assert!(!wire.fields.contains_key("aspect_ratio"));
    assert_eq!(wire.images.len(), 2);
    assert_eq!((wire.images[1].field.as_str(), wire.images[1].path.as_str()), ("start_image_url", "/a.png"));
    let text_only =
        build_request(&entry, &resolve("m", &entry.params, &form(), &ask("fog"), false).unwrap().0).unwrap();
    assert_eq!(text_only.endpoint, "x/y/text-to-video");
    assert!(text_only.fields.contains_key("aspect_ratio") && text_only.images.is_empty());
}

#[test]
fn shots_replace_the_prompt_and_set_the_duration() {
    let entry = i2v_entry();
    let shots = vec![Shot { prompt: "wide".into(), duration_s: 3 }, Shot { prompt: "close".into(), duration_s: 7 }];
    let (p, notes) = resolve(
        "m",
        &entry.params,
        &ShotForm::Structured,
        &CanonicalParams { shots: Some(shots), ..ask("fog") },
        false,
    )
    .unwrap();
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(p.duration_s, 10);
    let f = build_fields(&entry, &p).unwrap();
    assert!(!f.contains_key("prompt"));
    assert_eq!(
        f["multi_prompt"],
        serde_json::json!([{"prompt":"wide","duration":"3"},{"prompt":"close","duration":"7"}])
    );
}

#[test]
fn unsupported_shots_and_cfg_are_parity_notes() {
    let c = Catalog::builtin();
    let (model, sora) = c.select("sora-2@openai", |_| true).unwrap();
    let shots = vec![Shot { prompt: "wide".into(), duration_s: 4 }, Shot { prompt: "close".into(), duration_s: 4 }];
    let asked = CanonicalParams { shots: Some(shots), cfg_scale: Some(0.7), ..ask("harbour") };
    let (p, notes) = c.resolve(model, sora, &asked, false).unwrap();
    assert_eq!(p.duration_s, 8);
    assert_eq!(p.prompt, "harbour. Shot 1 (4 s): wide. Shot 2 (4 s): close.");
    let msgs: Vec<_> = notes.iter().map(|n| n.message.as_str()).collect();
    assert_eq!(msgs, ["multi-shot not supported: shots written into the prompt", "cfg scale ignored"]);
    let entry = i2v_entry();
    let (p, notes) =
        resolve("m", &entry.params, &form(), &CanonicalParams { cfg_scale: Some(1.5), ..ask("x") }, false).unwrap();
    assert_eq!((p.cfg_scale, notes[0].message.as_str()), (Some(1.0), "asked cfg 1.5 → ran 1"));
    assert!(resolve("m", &entry.params, &form(), &CanonicalParams { cfg_scale: Some(1.5), ..ask("x") }, true).is_err());
}

#[test]
fn every_route_has_a_usual_job_time_with_its_source_for_the_eta_prior() {
    let catalog = Catalog::builtin();
    for &route in RouteId::ALL {
        let t = catalog.typical_time("any-model", route).unwrap_or_else(|| panic!("{route}: no [[typical]]"));
        assert!(t.queue_s + t.generate_s > 0 && t.slow_s >= t.queue_s + t.generate_s, "{route}");
        assert!(!t.source.trim().is_empty(), "{route}: no source");
    }
    let mut overlay = Catalog::builtin();
    overlay
        .merge_toml(
            "[[typical]]\nroute = \"fal\"\nmodel = \"kling-3.0-pro\"\nqueue_s = 1\ngenerate_s = 2\nslow_s = 4\nsource = \"test\"\n",
        )
        .unwrap();
    assert_eq!(overlay.typical_time("kling-3.0-pro", RouteId::Fal).map(|t| t.slow_s), Some(4));
    assert_ne!(overlay.typical_time("veo-3.1", RouteId::Fal).map(|t| t.slow_s), Some(4));
    let bad = "[[typical]]\nroute = \"fal\"\nqueue_s = 10\ngenerate_s = 20\nslow_s = 5\nsource = \"x\"\n";
    assert!(overlay.merge_toml(bad).is_err());
}
