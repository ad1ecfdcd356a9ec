//! `dailies rerun` against the emulator: only the failed clips, chosen models, or an edited
//! prompt, each a new run that records its parent; the lineage and the prompt's word diff
//! read back from the library; unknown runs and nothing-to-re-run refused before any request.

use std::path::Path;

use dailies_core::api::ChangeKind;
use dailies_sim::{Fault, FaultKind, FaultOp};
use dailies_tests::{against_sim, dailies, run, sim_config, start_sim, studio_on};

fn dailies_on(dir: &Path, sim: &dailies_sim::SimHandle, args: &[&str]) -> (i32, serde_json::Value, String) {
    let mut cmd = dailies(dir);
    against_sim(&mut cmd, sim);
    cmd.args(args);
    run(&mut cmd)
}

fn models(json: &serde_json::Value) -> Vec<(String, String)> {
    json["clips"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["model"].as_str().unwrap().to_string(), c["status"].as_str().unwrap().to_string()))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn rerun_failed_only_then_one_model_with_an_edited_prompt_builds_a_lineage() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    sim.inject(Fault::once("fal", FaultOp::Submit, FaultKind::ContentPolicy));
    let compare = ["compare", "--prompt", "a red car at dusk", "--model", "wan-2.5@fal", "--model", "sora-2@openai"];
    let (code, first, stderr) = dailies_on(dir.path(), &sim, &[&compare[..], &["--json", "--yes"]].concat());
    assert_eq!(code, 1, "the fal clip was refused: {stderr}");
    assert_eq!(models(&first), [("wan-2.5".into(), "failed".into()), ("sora-2".into(), "succeeded".into())]);
    let first_id = first["run_id"].as_str().unwrap().to_string();
    assert_eq!(first["parent_run_id"], serde_json::Value::Null);

    // Only the failed model runs again, as a new run whose parent is the first.
    let short = &first_id[first_id.len() - 8..];
    let (code, second, stderr) = dailies_on(dir.path(), &sim, &["rerun", short, "--failed", "--json", "--yes"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(models(&second), [("wan-2.5".into(), "succeeded".into())]);
    assert_eq!(second["parent_run_id"], first_id.as_str());
    assert_eq!(second["prompt"], "a red car at dusk");
    let second_id = second["run_id"].as_str().unwrap().to_string();

    // One model of the run, with an edited prompt: only that model's submit, with the new words.
    let submits_before = sim.stats().submits.len();
    let edited = ["rerun", &second_id, "--model", "wan-2.5", "--prompt", "a blue car at dusk, rain", "--json", "--yes"];
    let (code, third, stderr) = dailies_on(dir.path(), &sim, &edited);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(models(&third), [("wan-2.5".into(), "succeeded".into())]);
    assert_eq!(third["parent_run_id"], second_id.as_str());
    let sent = &sim.stats().submits[submits_before..];
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].body["prompt"], "a blue car at dusk, rain");

    // `runs --json` carries the link; the library reads the lineage and the diff back.
    let (_, listed, _) = dailies_on(dir.path(), &sim, &["runs", "--json"]);
    let third_id = third["run_id"].as_str().unwrap();
    let row = listed.as_array().unwrap().iter().find(|r| r["run_id"] == third_id).unwrap().clone();
    assert_eq!(row["parent_run_id"], second_id.as_str());
    let studio = studio_on(&sim, dir.path()).await;
    let iteration = studio.iteration(&second_id).await.unwrap();
    let versions: Vec<&str> = iteration.versions.iter().map(|v| v.run_id.as_str()).collect();
    assert_eq!(versions, [first_id.as_str(), second_id.as_str(), third_id]);
    let delivered: f64 = [&first, &second, &third]
        .iter()
        .flat_map(|r| r["clips"].as_array().unwrap().iter().filter_map(|c| c["cost_usd"].as_f64()))
        .sum();
    assert!((iteration.total_cost_usd - delivered).abs() < 1e-3, "{} vs {delivered}", iteration.total_cost_usd);
    let kinds: Vec<ChangeKind> = iteration.prompt_diff.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [ChangeKind::Same], "the second version kept its parent's prompt");
    assert!(studio.iteration(&first_id).await.unwrap().prompt_diff.is_empty(), "the first version has no parent");
    let diff = studio.iteration(third_id).await.unwrap().prompt_diff;
    let inserted: String =
        diff.iter().filter(|c| c.kind == ChangeKind::Inserted).map(|c| c.text.as_str()).collect::<Vec<_>>().join("|");
    let removed: String =
        diff.iter().filter(|c| c.kind == ChangeKind::Removed).map(|c| c.text.as_str()).collect::<Vec<_>>().join("|");
    assert_eq!((inserted.as_str(), removed.as_str()), ("blue|dusk, rain", "red|dusk"));
}

#[tokio::test(flavor = "multi_thread")]
async fn rerun_of_everything_takes_every_model_and_as_many_takes_again() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let compare = ["compare", "--prompt", "fog", "--model", "wan-2.5@fal", "--model", "sora-2@openai", "--takes", "2"];
    let (code, first, stderr) = dailies_on(dir.path(), &sim, &[&compare[..], &["--json", "--yes"]].concat());
    assert_eq!(code, 0, "{stderr}");
    let first_id = first["run_id"].as_str().unwrap();
    let (code, again, stderr) = dailies_on(dir.path(), &sim, &["rerun", first_id, "--json", "--yes"]);
    assert_eq!(code, 0, "{stderr}");
    let shape: Vec<(&str, u64)> = again["clips"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["model"].as_str().unwrap(), c["take"].as_u64().unwrap()))
        .collect();
    assert_eq!(shape, [("wan-2.5", 1), ("wan-2.5", 2), ("sora-2", 1), ("sora-2", 2)]);
    assert_eq!(again["parent_run_id"], first_id);
    assert_eq!(again["estimated_cost_usd"], first["estimated_cost_usd"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_runs_nothing_failed_and_foreign_models_exit_2_before_any_request() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let (code, first, stderr) =
        dailies_on(dir.path(), &sim, &["compare", "--prompt", "fog", "--model", "wan-2.5@fal", "--json", "--yes"]);
    assert_eq!(code, 0, "{stderr}");
    let run_id = first["run_id"].as_str().unwrap();
    let requests_before = sim.stats().requests.clone();

    let (code, _, stderr) = dailies_on(dir.path(), &sim, &["rerun", "no-such-run", "--yes"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("error: run: no run 'no-such-run'"), "{stderr}");

    let (code, _, stderr) = dailies_on(dir.path(), &sim, &["rerun", run_id, "--failed", "--yes"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("error: failed: nothing to re-run; no clip of run"), "{stderr}");

    let (code, _, stderr) = dailies_on(dir.path(), &sim, &["rerun", run_id, "--model", "sora-2", "--yes"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("error: model: 'sora-2' is not valid; allowed values: wan-2.5@fal"), "{stderr}");

    let (code, _, stderr) = dailies_on(dir.path(), &sim, &["rerun", run_id, "--prompt", "  ", "--yes"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("error: prompt: must not be empty"), "{stderr}");
    assert_eq!(sim.stats().requests, requests_before, "nothing was sent");
}
