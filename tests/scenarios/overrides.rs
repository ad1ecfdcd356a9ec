//! Per-model overrides (`compare --override MODEL:FIELD=VALUE`) and shots per family, end to
//! end against the emulator: the overridden field reaches that model only, the run keeps the
//! override (a re-run sends it again), and bad overrides exit 2 naming the field.

use dailies_core::api::RerunRequest;
use dailies_tests::{against_sim, dailies, run, sim_config, start_sim, studio_on};

fn submit_of<'a>(sim: &'a [dailies_sim::RecordedSubmit], endpoint_part: &str) -> Vec<&'a serde_json::Value> {
    sim.iter().filter(|s| s.endpoint.contains(endpoint_part)).map(|s| &s.body).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_override_reaches_its_model_only_and_a_rerun_keeps_it() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = dailies(dir.path());
    against_sim(&mut cmd, &sim);
    cmd.args(["compare", "--prompt", "a lighthouse in fog", "--duration", "5", "--audio", "on"]);
    cmd.args(["--model", "kling-3.0-pro@fal", "--model", "wan-2.5@fal"]);
    cmd.args(["--override", "kling-3.0-pro:duration=10", "--override", "kling-3.0-pro:prompt=the lamp turning, close"]);
    cmd.args(["--json", "--yes"]);
    let (code, json, stderr) = run(&mut cmd);
    assert_eq!(code, 0, "{stderr}\n{json}");
    let submits = sim.stats().submits;
    let kling = submit_of(&submits, "kling-video");
    let wan = submit_of(&submits, "wan");
    assert_eq!((kling.len(), wan.len()), (1, 1), "{submits:?}");
    assert_eq!(kling[0]["duration"], "10", "Kling got its override");
    assert_eq!(kling[0]["prompt"], "the lamp turning, close");
    assert_ne!(wan[0]["duration"].as_str().map(|d| d.trim_end_matches('s')), Some("10"), "Wan kept the run's duration");
    assert_eq!(wan[0]["prompt"], "a lighthouse in fog");
    let clips = json["clips"].as_array().unwrap();
    let overridden = |i: usize| clips[i]["resolved"]["overridden"].clone();
    assert_eq!(overridden(0), serde_json::json!(["prompt", "duration"]), "{json}");
    assert!(overridden(1).is_null(), "nothing overridden on Wan: {json}");

    // The run keeps the overrides: a re-run of it plans Kling at 10 s again.
    let studio = studio_on(&sim, dir.path()).await;
    let run_id = json["run_id"].as_str().unwrap().to_string();
    let plan = studio.plan_rerun(&RerunRequest { run_id, ..Default::default() }).await.unwrap();
    let kling = plan.clips.iter().find(|c| c.model == "kling-3.0-pro").unwrap();
    let wan = plan.clips.iter().find(|c| c.model == "wan-2.5").unwrap();
    assert_eq!((kling.resolved.duration_s, kling.resolved.overridden.len()), (10, 2));
    assert_eq!((wan.resolved.duration_s, wan.resolved.overridden.len()), (5, 0));
}

#[tokio::test(flavor = "multi_thread")]
async fn one_shot_list_reaches_kling_as_multi_prompt_and_the_others_as_their_prose() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = dailies(dir.path());
    against_sim(&mut cmd, &sim);
    cmd.args([
        "compare",
        "--prompt",
        "a lighthouse keeper at dusk",
        "--shot",
        "4:wide on the tower",
        "--shot",
        "4:close on the lamp",
    ]);
    cmd.args(["--model", "kling-3.0-pro@fal", "--model", "veo-3.1@fal", "--model", "sora-2@openai", "--json", "--yes"]);
    let (code, json, stderr) = run(&mut cmd);
    assert_eq!(code, 0, "{stderr}\n{json}");
    let submits = sim.stats().submits;
    let kling = submit_of(&submits, "kling-video")[0];
    assert_eq!(kling["multi_prompt"][1], serde_json::json!({"prompt": "close on the lamp", "duration": "4"}));
    assert_eq!(kling["duration"], "8");
    let veo = submit_of(&submits, "veo3.1")[0];
    let veo_prompt = veo["prompt"].as_str().unwrap();
    assert!(veo_prompt.ends_with("[00:00-00:04] wide on the tower\n[00:04-00:08] close on the lamp"), "{veo_prompt}");
    let sora = submits.iter().find(|s| s.route == "openai").unwrap();
    let sora_prompt = sora.body["prompt"].as_str().unwrap();
    assert!(
        sora_prompt.ends_with("Shot 1 (4 s): wide on the tower. Shot 2 (4 s): close on the lamp."),
        "{sora_prompt}"
    );
}

#[test]
fn bad_overrides_exit_2_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&[&str], &str); 3] = [
        (&["--override", "kling-3.0-pro:aspect=1:1"], "--override"),
        (&["--override", "veo-3.1:seed=3"], "override"),
        (&["--override", "kling-3.0-pro:duration=99"], "override.duration"),
    ];
    for (extra, field) in cases {
        let mut cmd = dailies(dir.path());
        cmd.args(["preview", "--prompt", "fog", "--model", "kling-3.0-pro@fal", "--model", "sora-2@openai"]);
        cmd.args(extra);
        let (code, _, stderr) = run(&mut cmd);
        assert_eq!(code, 2, "{extra:?}: {stderr}");
        assert!(stderr.contains(field), "{extra:?} names {field}: {stderr}");
    }
}
