//! `compare --takes N`: N clips of each model in one run, numbered 1..N, each with its own
//! seed on the wire where the route takes one; the estimate scales with N; a count outside
//! 1–8 is refused before any request.

use std::collections::HashSet;

use dailies_core::api::CompareRequest;
use dailies_core::catalog::CanonicalParams;
use dailies_tests::{against_sim, dailies, run, sim_config, start_sim, studio_on};

fn wire_seeds(sim: &dailies_sim::SimHandle, route: &str) -> Vec<Option<i64>> {
    sim.stats().submits.iter().filter(|s| s.route == route).map(|s| s.body["seed"].as_i64()).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn three_takes_per_model_with_the_seed_counting_up_where_the_route_takes_one() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = dailies(dir.path());
    against_sim(&mut cmd, &sim);
    cmd.args(["compare", "--prompt", "a lighthouse in fog", "--model", "wan-2.5@fal", "--model", "sora-2@openai"]);
    cmd.args(["--takes", "3", "--seed", "100", "--json", "--yes"]);
    let (code, json, stderr) = run(&mut cmd);
    assert_eq!(code, 0, "{stderr}\n{json}");
    let clips = json["clips"].as_array().unwrap();
    let shape: Vec<(&str, u64)> =
        clips.iter().map(|c| (c["model"].as_str().unwrap(), c["take"].as_u64().unwrap())).collect();
    assert_eq!(shape, [("wan-2.5", 1), ("wan-2.5", 2), ("wan-2.5", 3), ("sora-2", 1), ("sora-2", 2), ("sora-2", 3)]);
    assert!(clips.iter().all(|c| c["status"] == "succeeded"), "{json}");
    let mut seeds = wire_seeds(&sim, "fal");
    seeds.sort();
    assert_eq!(seeds, [Some(100), Some(101), Some(102)], "take k runs seed + k - 1");
    // Sora takes no seed: none is sent, and each take says why its takes may look alike.
    assert_eq!(wire_seeds(&sim, "openai"), [None, None, None]);
    for sora in &clips[3..] {
        let notes: Vec<&str> =
            sora["parity"].as_array().unwrap().iter().map(|n| n["message"].as_str().unwrap()).collect();
        assert!(notes.contains(&"this route takes no seed: its takes differ only by chance"), "{notes:?}");
    }
    let per_clip: f64 = clips.iter().map(|c| c["estimated_cost_usd"].as_f64().unwrap()).sum();
    assert!((json["estimated_cost_usd"].as_f64().unwrap() - per_clip).abs() < 1e-6);
}

#[tokio::test(flavor = "multi_thread")]
async fn without_a_seed_every_take_is_sent_its_own() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = dailies(dir.path());
    against_sim(&mut cmd, &sim);
    cmd.args(["compare", "--prompt", "fog", "--model", "wan-2.5@fal", "--takes", "4", "--json", "--yes"]);
    let (code, json, stderr) = run(&mut cmd);
    assert_eq!(code, 0, "{stderr}\n{json}");
    let seeds: HashSet<i64> = wire_seeds(&sim, "fal").into_iter().map(|s| s.expect("a seed on the wire")).collect();
    assert_eq!(seeds.len(), 4, "four distinct seeds: {seeds:?}");
    let recorded: HashSet<i64> =
        json["clips"].as_array().unwrap().iter().map(|c| c["resolved"]["seed"].as_i64().unwrap()).collect();
    assert_eq!(recorded, seeds, "the library records the seed each take ran with");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_estimate_scales_with_the_number_of_takes() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let studio = studio_on(&sim, dir.path()).await;
    let ask = |takes| CompareRequest {
        params: CanonicalParams { prompt: "fog".into(), duration_s: Some(5), ..Default::default() },
        models: vec!["wan-2.5@fal".into(), "kling-3.0-pro@fal".into()],
        takes,
        ..Default::default()
    };
    let one = studio.plan(&ask(None)).unwrap();
    let five = studio.plan(&ask(Some(5))).unwrap();
    assert_eq!((one.clips.len(), five.clips.len()), (2, 10));
    assert!((five.estimated_cost_usd - 5.0 * one.estimated_cost_usd).abs() < 1e-6, "{five:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn takes_outside_one_to_eight_exit_2_naming_the_flag_before_any_request() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    for bad in ["0", "9", "many"] {
        let mut cmd = dailies(dir.path());
        against_sim(&mut cmd, &sim);
        cmd.args(["compare", "--prompt", "fog", "--model", "wan-2.5@fal", "--takes", bad, "--yes"]);
        let (code, _, stderr) = run(&mut cmd);
        assert_eq!(code, 2, "{bad}: {stderr}");
        assert!(stderr.contains("takes"), "{stderr}");
        if bad != "many" {
            assert!(stderr.contains("error: takes: '") && stderr.contains("1–8"), "{stderr}");
        }
    }
    assert!(sim.stats().requests.values().all(|n| *n == 0), "{:?}", sim.stats().requests);
}
