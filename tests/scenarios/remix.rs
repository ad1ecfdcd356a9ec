//! Remixing a finished Sora clip (OpenAI `POST /videos/{id}/remix`) through the engine and
//! the `dailies remix` command against the emulator: the new clip keeps the source's
//! model, length and size, is linked to its source, and only the prompt goes on the wire.
//! Clips whose route cannot remix, unfinished clips and empty prompts are refused first.

use dailies_core::api::{ClipStatus, CompareRequest, RemixRequest};
use dailies_core::catalog::CanonicalParams;
use dailies_core::probe::probe_mp4;
use dailies_tests::{against_sim, dailies, run, sim_config, start_sim, studio_on};

/// The short id the CLI prints and takes: the id's last 8 characters.
fn short(id: &str) -> &str {
    &id[id.len() - 8..]
}

#[tokio::test(flavor = "multi_thread")]
async fn a_remix_is_a_new_clip_of_the_same_shape_linked_to_its_source() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let studio = studio_on(&sim, dir.path()).await;
    let params = CanonicalParams {
        prompt: "a lighthouse in fog".into(),
        duration_s: Some(4),
        resolution: Some("1024p".into()),
        ..Default::default()
    };
    let models = vec!["sora-2-pro@openai".into(), "kling-3.0-standard@fal".into()];
    let plan = studio.plan(&CompareRequest { params, models, ..Default::default() }).unwrap();
    let source = studio.start(&plan).await.unwrap().finish().await.unwrap();
    let (sora, kling) = (&source.clips[0], &source.clips[1]);
    assert_eq!(sora.status, ClipStatus::Succeeded, "{:?}", sora.error);

    let ask = |clip_id: &str, prompt: &str| RemixRequest { clip_id: clip_id.into(), prompt: prompt.into() };
    let plan = studio.plan_remix(&ask(short(&sora.id), "the same shot at night, storm rolling in")).await.unwrap();
    let planned = &plan.clips[0];
    assert_eq!((planned.model.as_str(), planned.remix_of.as_deref()), ("sora-2-pro", Some(sora.id.as_str())));
    assert_eq!((planned.resolved.duration_s, planned.resolved.resolution.as_str()), (4, "1024p"));
    assert_eq!(plan.estimated_cost_usd, sora.estimated_cost_usd, "priced like the source's length and size");
    assert_eq!(planned.parity[0].message, format!("remix of {}: 4 s at 1024p as the source", short(&sora.id)));
    assert_eq!(plan.params.prompt, "the same shot at night, storm rolling in");

    let remix = studio.start(&plan).await.unwrap().finish().await.unwrap();
    assert_ne!(remix.run_id, source.run_id);
    let clip = &remix.clips[0];
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    assert_eq!(clip.remix_of.as_deref(), Some(sora.id.as_str()));
    let probe = probe_mp4(std::path::Path::new(clip.file.as_deref().unwrap())).unwrap();
    assert_eq!((probe.width, probe.height, probe.has_audio), (1792, 1024, true));
    let stats = sim.stats();
    assert_eq!(stats.requests["openai.remix"], 1);
    let sent = stats.submits.iter().find(|s| s.job_id == *clip.provider_job_id.as_ref().unwrap()).unwrap();
    assert_eq!(sent.body, serde_json::json!({"prompt": "the same shot at night, storm rolling in"}));
    // The library keeps the link both ways round: the remix knows its source.
    let reread = studio.run(&remix.run_id).await.unwrap();
    assert_eq!(reread.clips[0].remix_of.as_deref(), Some(sora.id.as_str()));

    // Refused before any request: a route without remix, an empty prompt, an unknown clip.
    let before = sim.stats().requests.get("openai.remix").copied();
    let err = studio.plan_remix(&ask(&kling.id, "at night")).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "clip: kling-3.0-standard@fal clips cannot be remixed; remix works on clips from sora-2@openai, sora-2-pro@openai"
    );
    assert_eq!(err.code(), "invalid_input");
    assert_eq!(studio.plan_remix(&ask(&sora.id, "  ")).await.unwrap_err().to_string(), "prompt: must not be empty");
    assert_eq!(studio.plan_remix(&ask("zzzz", "x")).await.unwrap_err().code(), "not_found");
    assert_eq!(sim.stats().requests.get("openai.remix").copied(), before);
}

#[tokio::test(flavor = "multi_thread")]
async fn dailies_remix_runs_a_remix_of_a_clip_made_on_a_key_and_prints_its_lineage() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = dailies(dir.path());
    against_sim(&mut cmd, &sim);
    cmd.args(["compare", "--prompt", "a lighthouse in fog", "--model", "sora-2@openai", "--json", "--yes"]);
    let (code, source, stderr) = run(&mut cmd);
    assert_eq!(code, 0, "{stderr}");
    let source_id = source["clips"][0]["clip_id"].as_str().unwrap().to_string();

    let mut cmd = dailies(dir.path());
    against_sim(&mut cmd, &sim);
    cmd.args(["remix", short(&source_id), "--prompt", "now in a snowstorm", "--json", "--yes"]);
    let (code, remix, stderr) = run(&mut cmd);
    assert_eq!(code, 0, "{stderr}");
    let clip = &remix["clips"][0];
    assert_eq!((clip["status"].as_str(), clip["remix_of"].as_str()), (Some("succeeded"), Some(source_id.as_str())));
    assert_eq!(remix["prompt"], "now in a snowstorm");
    assert_eq!(clip["duration_s"].as_f64().map(f64::round), Some(4.0));
    assert!(stderr.contains(&format!("parity: remix of {}", short(&source_id))), "{stderr}");

    // A finished clip has nothing to cancel: invalid input, exit 2.
    let (code, _, stderr) = run(dailies(dir.path()).args(["cancel", &source_id]));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("clip: nothing to cancel; this clip is already done"), "{stderr}");
    // The human listing prints the short clip ids these commands take.
    let (code, _, _) = run(dailies(dir.path()).args(["show", remix["run_id"].as_str().unwrap()]));
    assert_eq!(code, 0);
    let out = dailies(dir.path()).args(["show", remix["run_id"].as_str().unwrap()]).output().unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    let remix_id = clip["clip_id"].as_str().unwrap();
    assert!(shown.contains(&format!("{} sora-2@openai", short(remix_id))), "{shown}");
    assert!(shown.contains(&format!("remix of {}", short(&source_id))), "{shown}");
}
